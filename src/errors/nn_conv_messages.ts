// The messages of convolution and pooling, as TensorFlow's kernels (conv_ops.cc,
// conv_grad_shape_utils.cc, conv_ops_3d.cc, depthwise_conv_op.cc, pooling_ops_common.cc,
// kernel_shape_util.cc, padding.cc) and Python layer (nn_ops.py) word them.
import { shapeDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** A window attribute (strides, dilations, ksize) of the wrong length. */
export function windowFieldLength(field: "strides" | "dilations" | "ksize" | "stride", n: number): string {
  return `Sliding window ${field} field must specify ${n} dimensions`;
}

/** Conv strides other than 1 on the batch or channel axis. */
export function convStridesBatchDepth(): string {
  return "Current implementation does not yet support strides in the batch and depth dimensions.";
}

/** Conv2D strides below 1. */
export function convStridesPositive(): string {
  return "Row and column strides should be larger than 0.";
}

/** Conv dilations other than 1 on the batch or channel axis. */
export function convDilationsBatchDepth(): string {
  return "Current implementation does not yet support dilations in the batch and depth dimensions.";
}

/** Conv2D dilations below 1. */
export function convDilationsPositive(): string {
  return "Dilated rates should be larger than 0.";
}

/** CheckValidPadding: an explicit padding list of the wrong length. */
export function explicitPaddingsLength(expected: number, got: number): string {
  return `explicit_paddings attribute must contain ${expected} values, but got: ${got}`;
}

/** CheckValidPadding: a negative explicit padding. */
export function explicitPaddingsNegative(): string {
  return "All elements of explicit_paddings must be nonnegative";
}

/** CheckValidPadding: explicit padding on the batch or channel axis. */
export function explicitPaddingsBatchDepth(): string {
  return "Nonzero explicit padding in the batch or depth dimensions is not supported";
}

/** CheckValidPadding: explicit paddings given with SAME or VALID. */
export function explicitPaddingsNotExplicit(): string {
  return "explicit_paddings attribute must be empty if the padding attribute is not EXPLICIT";
}

/** An unknown data_format attribute. */
export function invalidDataFormat(): string {
  return "Invalid data format";
}

/** Conv input of the wrong rank (TensorFlow glues the shape to the sentence). */
export function convInputRank(rank: number, dims: Dims): string {
  return `input must be ${rank}-dimensional${shapeDebugString(dims)}`;
}

/** Conv filter of the wrong rank. */
export function convFilterRank(rank: number, dims: Dims): string {
  return `filter must be ${rank}-dimensional: ${shapeDebugString(dims)}`;
}

/** Conv2D filter with zero input channels ("stricly" is TensorFlow's spelling). */
export function convFilterDepthPositive(depth: number): string {
  return `filter depth must be stricly positive, got ${depth}`;
}

/** Conv2D input channels not a multiple of the filter's. */
export function convDepthNotDivisible(inDepth: number, filterDepth: number): string {
  return `input depth must be evenly divisible by filter depth: ${inDepth} vs ${filterDepth}`;
}

/** Conv3D input channels not a multiple of the filter's. */
export function conv3dDepthNotDivisible(inDepth: number, filterDepth: number): string {
  return `Input depth must be evenly divisible by filter depth: ${inDepth} vs ${filterDepth}`;
}

/** Grouped Conv2D whose output channels do not split into the groups. */
export function convOutputDepthGroups(outDepth: number, groups: number): string {
  return `output depth must be evenly divisible by number of groups: ${outDepth} vs ${groups}`;
}

/** Depthwise conv with different channel counts in input and filter. */
export function depthwiseDepthMismatch(inDepth: number, filterDepth: number): string {
  return `input and filter must have the same depth: ${inDepth} vs ${filterDepth}`;
}

/** Depthwise conv with different row and column strides. */
export function depthwiseUnequalStrides(): string {
  return "Current implementation only supports equal length strides in the row and column dimensions.";
}

/** GetWindowedOutputSize: a window larger than the (padded) input. */
export function negativeOutputSize(size: number, input: number, effectiveFilter: number, stride: number): string {
  return `Computed output size would be negative: ${size} [input_size: ${input}, effective_filter_size: ${effectiveFilter}, stride: ${stride}]`;
}

/** Conv2D with NCHW on the CPU (UnimplementedError). */
export function conv2dCpuNhwcOnly(format: string): string {
  return `The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was given the format: ${format}`;
}

/** Conv2D's backprops with NCHW on the CPU. */
export function conv2dBackpropCpuNhwcOnly(op: "Conv2DCustomBackpropInputOp" | "Conv2DCustomBackpropFilterOp"): string {
  return `${op} only supports NHWC.`;
}

/** Conv3D with NCDHW on the CPU. */
export function conv3dCpuNdhwcOnly(): string {
  return "CPU implementation of Conv3D currently only supports the NHWC tensor format.";
}

/** Conv3D with dilations on the CPU. */
export function conv3dCpuDilations(): string {
  return "CPU implementation of Conv3D currently only supports dilated rates of 1.";
}

/** Depthwise conv with NCHW on the CPU. */
export function depthwiseCpuNhwcOnly(): string {
  return "DepthwiseConv2dNative CPU implementation only supports NHWC tensor format for now.";
}

/** A conv backprop whose shapes disagree (ConvBackpropComputeDimensions). */
export function convBackpropMismatch(label: string, what: string): string {
  return `${label}: ${what}`;
}

/** ConvBackpropExtractAndVerifyDimension: out_backprop's spatial size disagrees with the forward's. */
export function convBackpropSizeMismatch(label: string, dim: number, expected: number, actual: number, input: number, filter: number, stride: number, dilation: number): string {
  return `${label}: Size of out_backprop doesn't match computed: actual = ${actual}, computed = ${expected} spatial_dim: ${dim} input: ${input} filter: ${filter} output: ${actual} stride: ${stride} dilation: ${dilation}`;
}

/** Pooling input of the wrong rank. */
export function poolInputRank(rank: number): string {
  return `tensor_in must be ${rank}-dimensional`;
}

/** Pooling windows or strides over the batch axis. */
export function poolBatchDimension(): string {
  return "Pooling is not yet supported on the batch dimension.";
}

/** Pooling across channels, which tsflow does not implement. */
export function poolDepthWindow(): string {
  return "tsflow does not implement pooling across the depth dimension (ksize or strides other than 1 on the channel axis)";
}

/** MaxPool/AvgPool with NCHW on the CPU (UnimplementedError). */
export function poolCpuNhwcOnly(op: "MaxPoolingOp" | "AvgPoolingOp"): string {
  return `Default ${op} only supports NHWC on device type CPU`;
}

/** nn_ops._get_sequence: a strides/dilations/ksize list of the wrong length. */
export function sequenceLength(name: string, n: number, value: readonly number[]): string {
  return `${name} should be of length 1, ${n} or ${n + 2}. Received: ${name}=[${value.join(", ")}] of length ${value.length}`;
}

/** convert_padding: the string "EXPLICIT". */
export function explicitPaddingString(): string {
  return "'EXPLICIT' is not a valid value for `padding`. To use explicit padding, `padding` must be a list.";
}

/** convert_padding: an explicit padding list of the wrong length. */
export function explicitPaddingListLength(expected: number, padding: string, got: number): string {
  return `When padding is a list, it must be of size ${expected}. Received: padding=${padding} of size ${got}`;
}

/** convert_padding: an element of the list that is not a pair. */
export function explicitPaddingPair(padding: string, index: number, size: number): string {
  return `When \`padding\` is a list, each element of \`padding\` must be a list/tuple of size 2. Received: padding=${padding} with element at index ${index} of size ${size}`;
}

/** A padding attribute that is none of SAME, VALID, EXPLICIT. */
export function invalidPadding(padding: string): string {
  return `Value for attr 'padding' of "${padding}" is not in the list of allowed values: "SAME", "VALID", "EXPLICIT"`;
}

/** conv1d/conv2d/... data_format values the Python function does not know. */
export function dataFormatChoice(choices: string, got: string): string {
  return `\`data_format\` must be ${choices}. Received: data_format=${got}`;
}

/** tf.nn.convolution/pool: input rank not 3, 4 or 5. */
export function convolutionRank(rank: number): string {
  return `\`input\` must have rank 3, 4 or 5. Received: input.shape=(${rank})`;
}

/** conv2d_transpose: output_shape of the wrong length. */
export function transposeOutputShapeLength(n: number, got: number): string {
  return `output_shape must have shape (${n},), got (${got},)`;
}

/** MaxPoolGrad: orig_output of another shape than the forward's output. */
export function maxPoolOrigOutputShape(expected: Dims, got: Dims): string {
  return `Expected orig_output shape to be ${shapeDebugString(expected)}, but got ${shapeDebugString(got)}`;
}

/** A pooling gradient whose grad has another shape than expected. */
export function poolGradShape(expected: Dims, got: Dims): string {
  return `Expected grad shape to be ${shapeDebugString(expected)}, but got ${shapeDebugString(got)}`;
}

/** max_pool/avg_pool of an input whose rank is not 3, 4 or 5. */
export function poolRankUnknown(dims: Dims, dataFormat: string | undefined): string {
  return `\`input\` must have a static shape or a data format. Received: input.shape=(${dims.join(", ")}) and data_format=${dataFormat ?? "None"}`;
}

/** tf.nn.pool: an input whose rank is not the window's + 2. */
export function poolInputRankMismatch(expected: number, rank: number): string {
  return `Input tensor must be of rank ${expected} but was ${rank}`;
}

/** tf.nn.pool: a pooling type other than MAX and AVG. */
export function poolingTypeInvalid(type: string): string {
  return `Invalid pooling_type: ${type}`;
}

/** tf.nn.pool with dilations, which tsflow does not lower yet (TensorFlow uses space_to_batch). */
/** tf.nn.pool with SAME padding and a dilation above 1 (nn_ops.py). */
export function poolSameDilationUnsupported(): string {
  return "pooling with SAME padding is not implemented for dilation_rate > 1";
}

/** tf.nn.pool with strides wider than the window (nn_ops.py). */
export function poolStridesExceedWindow(): string {
  return "strides > window_shape not supported due to inconsistency between CPU and GPU implementations";
}

/** _get_strides_and_dilation_rate: both a stride and a dilation above 1. */
export function stridesWithDilation(): string {
  return "strides > 1 not supported in conjunction with dilation_rate > 1";
}

/** MaxPoolGradWithArgmax: an argmax pointing outside its image's (or the batch's) input. */
export function invalidArgmaxIndex(index: number, start: number, end: number): string {
  return `Invalid output gradient index: ${index}, ${start}, ${end}`;
}

/** MaxPoolGradWithArgmax's argmax of another shape than the pooled output. */
export function argmaxShapeMismatch(expected: Dims, got: Dims): string {
  return `Expected argmax shape to be ${shapeDebugString(expected)}, but got ${shapeDebugString(got)}`;
}

/** tf.nn.max_pool_with_argmax outside NHWC (nn_ops.py; its double space included). */
export function maxPoolWithArgmaxNhwcOnly(dataFormat: string): string {
  return `\`data_format\` values other  than 'NHWC' are not supported. Received: data_format=${dataFormat}`;
}
