// tf.nn's convolutions (nn_ops.py): conv1d, conv2d, conv3d, their transposes, depthwise and
// separable convolutions, and tf.nn.convolution, normalising arguments as TensorFlow's Python
// layer does (_get_sequence for strides/dilations, convert_padding for explicit paddings,
// conv1d as expand_dims + Conv2D + squeeze, batch dimensions beyond the first folded into one).
import { ValueError } from "../errors/errors.js";
import {
  convolutionRank, dataFormatChoice, explicitPaddingListLength, explicitPaddingPair, explicitPaddingString, sequenceLength,
  transposeOutputShapeLength,
} from "../errors/nn_conv_messages.js";
import {
  Conv2D, Conv2DBackpropInput, Conv3D, Conv3DBackpropInputV2, DepthwiseConv2dNative, type ConvAttrs, type PaddingKind,
} from "../ops/nn_conv.js";
import { execute1 } from "../runtime/execute.js";
import { Tensor } from "../runtime/tensor.js";
import { matchingTensors } from "../api/ops/args.js";
import { expandDims, reshape, squeeze } from "../api/ops/array.js";
import type { TensorLike } from "../api/ops/convert.js";

/** `"SAME"`, `"VALID"`, or explicit paddings: one `[before, after]` pair per axis of the input. */
export type Padding = "SAME" | "VALID" | readonly (readonly number[])[];
/** An int, or a list of 1, N or N + 2 ints (N spatial axes). */
export type WindowArg = number | readonly number[];

export interface ConvOptions {
  dataFormat?: string;
  dilations?: WindowArg;
}

/** nn_ops._get_sequence: a window argument as a full list of rank N + 2. */
export function windowSequence(value: WindowArg | null | undefined, n: number, channelIndex: number, name: string): number[] {
  if (value === undefined || value === null) return Array<number>(n + 2).fill(1);
  let v = typeof value === "number" ? [value] : [...value];
  if (v.length === n + 2) return v;
  if (v.length === 1) v = Array<number>(n).fill(v[0]!);
  else if (v.length !== n) throw new ValueError(sequenceLength(name, n, v));
  return channelIndex === 1 ? [1, 1, ...v] : [1, ...v, 1];
}

function pyList(p: readonly (readonly number[])[]): string {
  return `[${p.map((q) => `[${q.join(", ")}]`).join(", ")}]`;
}

/** nn_ops.convert_padding: the padding attribute and explicit paddings of a Python padding argument. */
export function convertPadding(padding: Padding | "EXPLICIT", expectedLength: number): { padding: PaddingKind; explicitPaddings: number[] } {
  if (padding === "EXPLICIT") throw new ValueError(explicitPaddingString());
  if (typeof padding === "string") return { padding: padding as PaddingKind, explicitPaddings: [] };
  const explicitPaddings: number[] = [];
  padding.forEach((pair, i) => {
    if (pair.length !== 2) throw new ValueError(explicitPaddingPair(pyList(padding), i, pair.length));
    explicitPaddings.push(pair[0]!, pair[1]!);
  });
  if (padding.length !== expectedLength) throw new ValueError(explicitPaddingListLength(expectedLength, pyList(padding), padding.length));
  return { padding: "EXPLICIT", explicitPaddings };
}

/** Run `f` on x with its leading batch dimensions folded into one (nn_ops.squeeze_batch_dims). */
function withFoldedBatch(x: Tensor, innerRank: number, f: (x: Tensor) => Tensor): Tensor {
  if (x.rank <= innerRank + 1) return f(x);
  const batch = x.dims.slice(0, x.rank - innerRank);
  const y = f(reshape(x, [-1, ...x.dims.slice(x.rank - innerRank)]));
  return reshape(y, [...batch, ...y.dims.slice(1)]);
}

/**
 * tf.nn.conv2d(input, filters, strides, padding, { dataFormat = "NHWC", dilations }): filters
 * [height, width, inChannels, outChannels]; input channels a multiple of the filter's (grouped).
 */
export function conv2d(input: TensorLike, filters: TensorLike, strides: WindowArg, padding: Padding, options: ConvOptions = {}): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const dataFormat = options.dataFormat ?? "NHWC";
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
  const attrs: ConvAttrs = {
    strides: windowSequence(strides, 2, channelIndex, "strides"),
    dilations: windowSequence(options.dilations, 2, channelIndex, "dilations"),
    ...convertPadding(padding, 4),
    dataFormat,
  };
  return withFoldedBatch(x, 3, (x4) => execute1(Conv2D, [x4, w], attrs));
}

/**
 * tf.nn.conv1d(input, filters, stride, padding, { dataFormat = "NWC", dilations }): filters
 * [width, inChannels, outChannels]; runs Conv2D on a height of 1.
 */
export function conv1d(input: TensorLike, filters: TensorLike, stride: WindowArg, padding: Padding, options: ConvOptions = {}): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const format = options.dataFormat ?? "NWC";
  let dataFormat: string, spatialStart: number, channelIndex: number;
  if (format === "NWC" || format === "NHWC") { dataFormat = "NHWC"; spatialStart = -3; channelIndex = 2; }
  else if (format === "NCW" || format === "NCHW") { dataFormat = "NCHW"; spatialStart = -2; channelIndex = 1; }
  else throw new ValueError(dataFormatChoice("'NWC' or 'NCW'", format));
  const attrs: ConvAttrs = {
    strides: [1, ...windowSequence(stride, 1, channelIndex, "stride")],
    dilations: [1, ...windowSequence(options.dilations, 1, channelIndex, "dilations")],
    ...convertPadding(padding, 4),
    dataFormat,
  };
  const x4 = expandDims(x, spatialStart), w4 = expandDims(w, 0);
  const y = withFoldedBatch(x4, 3, (v) => execute1(Conv2D, [v, w4], attrs));
  return squeeze(y, [spatialStart]);
}

/**
 * tf.nn.conv3d(input, filters, strides, padding, { dataFormat = "NDHWC", dilations }): strides
 * and dilations are lists of 5, as TensorFlow's conv3d takes them.
 */
export function conv3d(input: TensorLike, filters: TensorLike, strides: readonly number[], padding: "SAME" | "VALID", options: ConvOptions = {}): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const dilations = options.dilations === undefined ? [1, 1, 1, 1, 1] : typeof options.dilations === "number" ? [options.dilations] : [...options.dilations];
  return execute1(Conv3D, [x, w], { strides: [...strides], dilations, padding, explicitPaddings: [], dataFormat: options.dataFormat ?? "NDHWC" });
}

function shapeList(s: readonly number[] | Tensor): number[] {
  return s instanceof Tensor ? Array.from(s.numpy().data as ArrayLike<number | bigint>, Number) : [...s];
}

/**
 * tf.nn.conv2d_transpose(input, filters, outputShape, strides, padding = "SAME", { dataFormat,
 * dilations }): the gradient of conv2d with respect to its input (Conv2DBackpropInput);
 * filters [height, width, outChannels, inChannels].
 */
export function conv2dTranspose(
  input: TensorLike, filters: TensorLike, outputShape: readonly number[] | Tensor, strides: WindowArg, padding: Padding = "SAME", options: ConvOptions = {},
): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const dataFormat = options.dataFormat ?? "NHWC";
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
  const sizes = shapeList(outputShape);
  if (sizes.length !== 4) throw new ValueError(transposeOutputShapeLength(4, sizes.length));
  return execute1(Conv2DBackpropInput, [w, x], {
    inputSizes: sizes,
    strides: windowSequence(strides, 2, channelIndex, "strides"),
    dilations: windowSequence(options.dilations, 2, channelIndex, "dilations"),
    ...convertPadding(padding, 4),
    dataFormat,
  });
}

/** tf.nn.conv1d_transpose(input, filters, outputShape, strides, padding = "SAME", { dataFormat = "NWC", dilations }). */
export function conv1dTranspose(
  input: TensorLike, filters: TensorLike, outputShape: readonly number[] | Tensor, strides: WindowArg, padding: "SAME" | "VALID" = "SAME", options: ConvOptions = {},
): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const format = options.dataFormat ?? "NWC";
  let dataFormat: string, spatialStart: number, channelIndex: number;
  if (format === "NWC") { dataFormat = "NHWC"; spatialStart = 1; channelIndex = 2; }
  else if (format === "NCW") { dataFormat = "NCHW"; spatialStart = 2; channelIndex = 1; }
  else throw new ValueError(dataFormatChoice("'NWC' or 'NCW'", format));
  const sizes = shapeList(outputShape);
  if (sizes.length !== 3) throw new ValueError(transposeOutputShapeLength(3, sizes.length));
  const y = execute1(Conv2DBackpropInput, [expandDims(w, 0), expandDims(x, spatialStart)], {
    inputSizes: [...sizes.slice(0, spatialStart), 1, ...sizes.slice(spatialStart)],
    strides: [1, ...windowSequence(strides, 1, channelIndex, "stride")],
    dilations: [1, ...windowSequence(options.dilations, 1, channelIndex, "dilations")],
    padding, explicitPaddings: [], dataFormat,
  });
  return squeeze(y, [spatialStart]);
}

/** tf.nn.conv3d_transpose(input, filters, outputShape, strides, padding = "SAME", { dataFormat = "NDHWC", dilations }). */
export function conv3dTranspose(
  input: TensorLike, filters: TensorLike, outputShape: readonly number[] | Tensor, strides: WindowArg, padding: "SAME" | "VALID" = "SAME", options: ConvOptions = {},
): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const dataFormat = options.dataFormat ?? "NDHWC";
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 4;
  const sizes = shapeList(outputShape);
  if (sizes.length !== 5) throw new ValueError(transposeOutputShapeLength(5, sizes.length));
  return execute1(Conv3DBackpropInputV2, [w, x], {
    inputSizes: sizes,
    strides: windowSequence(strides, 3, channelIndex, "strides"),
    dilations: windowSequence(options.dilations, 3, channelIndex, "dilations"),
    padding, explicitPaddings: [], dataFormat,
  });
}

/**
 * tf.nn.depthwise_conv2d(input, filter, strides, padding, { dataFormat = "NHWC", dilations }):
 * filter [height, width, inChannels, multiplier]; output channel c·multiplier + m. strides is a
 * list of 4 with equal row and column strides; `dilations` (TensorFlow's `dilations`/`rate`) of
 * 2 ints dilates the filter.
 */
export function depthwiseConv2d(input: TensorLike, filter: TensorLike, strides: readonly number[], padding: Padding, options: ConvOptions = {}): Tensor {
  const [x, w] = matchingTensors([input, filter]) as [Tensor, Tensor];
  const dataFormat = options.dataFormat ?? "NHWC";
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
  return execute1(DepthwiseConv2dNative, [x, w], {
    strides: [...strides],
    dilations: windowSequence(options.dilations, 2, channelIndex, "dilations"),
    ...convertPadding(padding, 4),
    dataFormat,
  });
}

/**
 * tf.nn.separable_conv2d(input, depthwiseFilter, pointwiseFilter, strides, padding, { dataFormat,
 * dilations }): a depthwise convolution, then a 1×1 convolution mixing its channels.
 */
export function separableConv2d(
  input: TensorLike, depthwiseFilter: TensorLike, pointwiseFilter: TensorLike, strides: readonly number[], padding: "SAME" | "VALID", options: ConvOptions = {},
): Tensor {
  const [x, dw, pw] = matchingTensors([input, depthwiseFilter, pointwiseFilter]) as [Tensor, Tensor, Tensor];
  const depthwise = depthwiseConv2d(x, dw, strides, padding, options);
  return conv2d(depthwise, pw, [1, 1, 1, 1], "VALID", { dataFormat: options.dataFormat ?? "NHWC" });
}

/**
 * tf.nn.convolution(input, filters, strides?, padding = "VALID", { dataFormat, dilations }):
 * conv1d, conv2d or conv3d by the input's rank (3, 4 or 5).
 */
export function convolution(input: TensorLike, filters: TensorLike, strides?: WindowArg, padding: Padding = "VALID", options: ConvOptions = {}): Tensor {
  const [x, w] = matchingTensors([input, filters]) as [Tensor, Tensor];
  const rank = x.rank;
  if (rank === 3) return conv1d(x, w, strides ?? 1, padding, options);
  if (rank === 4) return conv2d(x, w, strides ?? 1, padding, options);
  if (rank === 5) {
    const format = options.dataFormat ?? "NDHWC";
    const channelIndex = format.startsWith("NC") ? 1 : 4;
    if (typeof padding !== "string") throw new ValueError(explicitPaddingString());
    return conv3d(x, w, windowSequence(strides, 3, channelIndex, "strides"), padding, {
      dataFormat: format, dilations: windowSequence(options.dilations, 3, channelIndex, "dilations"),
    });
  }
  throw new ValueError(convolutionRank(rank));
}

/**
 * tf.nn.atrous_conv2d(value, filters, rate, padding): conv2d with the filter dilated by `rate`
 * in height and width (NHWC), as TensorFlow's wrapper around convolution.
 */
export function atrousConv2d(value: TensorLike, filters: TensorLike, rate: number, padding: "SAME" | "VALID"): Tensor {
  return conv2d(value, filters, 1, padding, { dilations: [rate, rate] });
}
