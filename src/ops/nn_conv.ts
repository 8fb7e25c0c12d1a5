// Convolution and pooling (TensorFlow's nn_ops.cc registrations). Every op plans its window
// geometry once, as TensorFlow's kernels compute it (kernel_shape_util.cc's
// GetWindowedOutputSize for SAME, VALID and EXPLICIT padding, conv_grad_shape_utils.cc for
// the backprops), and hands it to the kernels: three spatial axes always (a 2-D op has a
// depth of 1), channels last or first, and the group structure of the filter (a depthwise
// filter [H, W, C, M] is the grouped filter [H, W, 1, C·M]: same bytes, C groups).
import { int32, int64, type DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import {
  conv3dDepthNotDivisible, convBackpropMismatch, convBackpropSizeMismatch, convDepthNotDivisible, convDilationsBatchDepth,
  convDilationsPositive, convFilterDepthPositive, convFilterRank, convInputRank, convOutputDepthGroups, convStridesBatchDepth,
  convStridesPositive, depthwiseDepthMismatch, depthwiseUnequalStrides, explicitPaddingsBatchDepth, explicitPaddingsLength,
  explicitPaddingsNegative, explicitPaddingsNotExplicit, invalidDataFormat, invalidPadding, maxPoolOrigOutputShape, negativeOutputSize, poolBatchDimension,
  poolGradShape, argmaxShapeMismatch,
  poolDepthWindow, poolInputRank, windowFieldLength,
} from "../errors/nn_conv_messages.js";
import { definePlannedOp, REAL_NUMBER_TYPES, type Planned } from "./op_def.js";
import { checkSameDtype } from "./shape_rules.js";

export type PaddingKind = "SAME" | "VALID" | "EXPLICIT";

/** The attributes every convolution shares (TensorFlow's names, camelCased). */
export interface ConvAttrs {
  readonly strides: readonly number[];
  readonly padding: PaddingKind;
  /** 2 values per axis of the input (EXPLICIT padding only; empty otherwise). */
  readonly explicitPaddings: readonly number[];
  readonly dataFormat: string;
  readonly dilations: readonly number[];
}
export interface ConvBackpropInputAttrs extends ConvAttrs { readonly inputSizes: readonly number[] }
export interface ConvBackpropFilterAttrs extends ConvAttrs { readonly filterSizes: readonly number[] }

/**
 * The geometry of one convolution, forward or backward: what the kernels loop over. Spatial
 * arrays have 3 entries (depth, height, width); a 2-D convolution has depth 1. Filters are
 * [spatial…, filterInC, outC]; output channel o belongs to group ⌊o / (outC / groups)⌋, which
 * reads input channels g·filterInC … (g+1)·filterInC − 1.
 */
export interface ConvGeometry {
  readonly batch: number;
  readonly inC: number;
  readonly outC: number;
  readonly groups: number;
  readonly filterInC: number;
  readonly inSpatial: readonly number[];
  readonly outSpatial: readonly number[];
  readonly filterSpatial: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padBefore: readonly number[];
  /** NHWC / NDHWC (true) or NCHW / NCDHW. */
  readonly channelsLast: boolean;
  readonly dataFormat: string;
}

/** The geometry of one pooling, forward or backward (spatial arrays of 3 entries, as ConvGeometry). */
export interface PoolGeometry {
  readonly batch: number;
  readonly channels: number;
  readonly inSpatial: readonly number[];
  readonly outSpatial: readonly number[];
  readonly window: readonly number[];
  readonly strides: readonly number[];
  readonly padBefore: readonly number[];
  readonly channelsLast: boolean;
  readonly dataFormat: string;
}

export interface PoolAttrs {
  readonly ksize: readonly number[];
  readonly strides: readonly number[];
  readonly padding: PaddingKind;
  readonly explicitPaddings: readonly number[];
  readonly dataFormat: string;
}
export interface AvgPoolGradAttrs extends PoolAttrs { readonly origInputShape: readonly number[] }
/** MaxPoolWithArgmax's attrs: NHWC, SAME or VALID; `targmax` the index dtype. */
export interface PoolWithArgmaxAttrs extends PoolAttrs {
  readonly targmax: "int32" | "int64";
  readonly includeBatchInIndex: boolean;
}

// --- layout ----------------------------------------------------------------------------------

const FORMATS: Record<number, readonly [string, string]> = { 4: ["NHWC", "NCHW"], 5: ["NDHWC", "NCDHW"] };

function channelsLastOf(format: string, rank: number): boolean {
  const [last, first] = FORMATS[rank]!;
  if (format === last) return true;
  if (format === first) return false;
  throw new InvalidArgumentError(invalidDataFormat());
}

/** Index of the channel axis and the spatial axes of a rank-`rank` tensor. */
export function layoutAxes(rank: number, channelsLast: boolean): { c: number; spatial: number[] } {
  const ns = rank - 2;
  return channelsLast
    ? { c: rank - 1, spatial: Array.from({ length: ns }, (_, i) => 1 + i) }
    : { c: 1, spatial: Array.from({ length: ns }, (_, i) => 2 + i) };
}

/** Dims of a tensor in `format` from batch, channels and spatial sizes. */
function layoutDims(batch: number, c: number, spatial: readonly number[], channelsLast: boolean): number[] {
  return channelsLast ? [batch, ...spatial, c] : [batch, c, ...spatial];
}

/** Pad 1-/2-D spatial lists to 3 entries (leading `fill`s). */
function to3(v: readonly number[], fill: number): number[] {
  return [...Array<number>(3 - v.length).fill(fill), ...v];
}

// --- windows ---------------------------------------------------------------------------------

/** GetWindowedOutputSizeVerbose (with dilation): the output size and the padding before. */
export function windowedOutputSize(
  input: number, filter: number, dilation: number, stride: number, padding: PaddingKind, padBefore = 0, padAfter = 0,
): { size: number; padBefore: number } {
  const effective = (filter - 1) * dilation + 1;
  let size: number, before = 0;
  if (padding === "VALID") size = Math.trunc((input - effective + stride) / stride);
  else if (padding === "EXPLICIT") {
    size = Math.trunc((input + padBefore + padAfter - effective + stride) / stride);
    before = padBefore;
  } else {
    size = Math.trunc((input + stride - 1) / stride);
    const needed = Math.max(0, (size - 1) * stride + effective - input);
    before = Math.floor(needed / 2);
  }
  if (size < 0) throw new InvalidArgumentError(negativeOutputSize(size, input, effective, stride));
  return { size, padBefore: before };
}

function checkPaddingAttr(padding: string, explicit: readonly number[], rank: number, channelsLast: boolean): void {
  if (padding !== "SAME" && padding !== "VALID" && padding !== "EXPLICIT") throw new InvalidArgumentError(invalidPadding(padding));
  if (padding === "EXPLICIT") {
    if (explicit.length !== 2 * rank) throw new InvalidArgumentError(explicitPaddingsLength(2 * rank, explicit.length));
    if (explicit.some((p) => p < 0)) throw new InvalidArgumentError(explicitPaddingsNegative());
    const c = channelsLast ? rank - 1 : 1;
    if (explicit[0] !== 0 || explicit[1] !== 0 || explicit[2 * c] !== 0 || explicit[2 * c + 1] !== 0) {
      throw new InvalidArgumentError(explicitPaddingsBatchDepth());
    }
  } else if (explicit.length !== 0) throw new InvalidArgumentError(explicitPaddingsNotExplicit());
}

/** InitConv2DParameters / Conv3D's constructor: strides, dilations, format and padding. */
function checkConvAttrs(attrs: ConvAttrs, rank: number): { channelsLast: boolean; strides: number[]; dilations: number[] } {
  const channelsLast = channelsLastOf(attrs.dataFormat, rank);
  if (attrs.dilations.length !== rank) throw new InvalidArgumentError(windowFieldLength("dilations", rank));
  if (attrs.strides.length !== rank) throw new InvalidArgumentError(windowFieldLength("strides", rank));
  const { c, spatial } = layoutAxes(rank, channelsLast);
  if (attrs.strides[0] !== 1 || attrs.strides[c] !== 1) throw new InvalidArgumentError(convStridesBatchDepth());
  const strides = spatial.map((a) => attrs.strides[a]!);
  if (strides.some((s) => !(s > 0))) throw new InvalidArgumentError(convStridesPositive());
  if (attrs.dilations[0] !== 1 || attrs.dilations[c] !== 1) throw new InvalidArgumentError(convDilationsBatchDepth());
  const dilations = spatial.map((a) => attrs.dilations[a]!);
  if (dilations.some((d) => !(d > 0))) throw new InvalidArgumentError(convDilationsPositive());
  checkPaddingAttr(attrs.padding, attrs.explicitPaddings, rank, channelsLast);
  return { channelsLast, strides, dilations };
}

type ConvKind = "conv" | "conv3d" | "depthwise";

/**
 * The geometry of a convolution of `inputDims` with `filterDims`, validated as the forward
 * kernel (ComputeConv2DDimension, Conv3DOp, DepthwiseConv2dNativeOp) does.
 */
function convGeometry(kind: ConvKind, inputDims: readonly number[], filterDims: readonly number[], attrs: ConvAttrs): ConvGeometry {
  const rank = kind === "conv3d" ? 5 : 4;
  const checked = checkConvAttrs(attrs, rank);
  if (kind === "depthwise" && checked.strides[0] !== checked.strides[1]) throw new InvalidArgumentError(depthwiseUnequalStrides());
  if (inputDims.length !== rank) throw new InvalidArgumentError(convInputRank(rank, inputDims));
  if (filterDims.length !== rank) throw new InvalidArgumentError(convFilterRank(rank, filterDims));
  const { c, spatial } = layoutAxes(rank, checked.channelsLast);
  const inC = inputDims[c]!;
  const filterDepth = filterDims[rank - 2]!;
  let groups: number, filterInC: number, outC: number;
  if (kind === "depthwise") {
    if (inC !== filterDepth) throw new InvalidArgumentError(depthwiseDepthMismatch(inC, filterDepth));
    groups = inC; filterInC = 1; outC = inC * filterDims[rank - 1]!;
  } else {
    if (kind === "conv" && filterDepth <= 0) throw new InvalidArgumentError(convFilterDepthPositive(filterDepth));
    if (filterDepth === 0 || inC % filterDepth !== 0) {
      throw new InvalidArgumentError(kind === "conv3d" ? conv3dDepthNotDivisible(inC, filterDepth) : convDepthNotDivisible(inC, filterDepth));
    }
    groups = inC / filterDepth; filterInC = filterDepth; outC = filterDims[rank - 1]!;
    if (groups > 1 && (outC % groups !== 0 || outC < groups)) throw new InvalidArgumentError(convOutputDepthGroups(outC, groups));
  }
  const inSpatial = spatial.map((a) => inputDims[a]!);
  const filterSpatial = filterDims.slice(0, rank - 2);
  const outSpatial: number[] = [], padBefore: number[] = [];
  spatial.forEach((a, i) => {
    const w = windowedOutputSize(inSpatial[i]!, filterSpatial[i]!, checked.dilations[i]!, checked.strides[i]!, attrs.padding,
      attrs.explicitPaddings[2 * a] ?? 0, attrs.explicitPaddings[2 * a + 1] ?? 0);
    outSpatial.push(w.size);
    padBefore.push(w.padBefore);
  });
  return {
    batch: inputDims[0]!, inC, outC, groups, filterInC,
    inSpatial: to3(inSpatial, 1), outSpatial: to3(outSpatial, 1), filterSpatial: to3(filterSpatial, 1),
    strides: to3(checked.strides, 1), dilations: to3(checked.dilations, 1), padBefore: to3(padBefore, 0),
    channelsLast: checked.channelsLast, dataFormat: attrs.dataFormat,
  };
}

/** Output dims of a geometry (the forward's output, the backprops' out_backprop). */
export function convOutputDims(g: ConvGeometry, rank: number): number[] {
  return layoutDims(g.batch, g.outC, g.outSpatial.slice(3 - (rank - 2)), g.channelsLast);
}

/** Input dims of a geometry. */
export function convInputDims(g: ConvGeometry, rank: number): number[] {
  return layoutDims(g.batch, g.inC, g.inSpatial.slice(3 - (rank - 2)), g.channelsLast);
}

/** ConvBackpropComputeDimensionsV2's checks of out_backprop against the forward geometry. */
function checkOutBackprop(label: string, g: ConvGeometry, rank: number, dy: readonly number[]): void {
  if (dy.length !== rank) throw new InvalidArgumentError(convBackpropMismatch(label, `out_backprop must be ${rank}-dimensional`));
  const { c, spatial } = layoutAxes(rank, g.channelsLast);
  if (dy[0] !== g.batch) {
    throw new InvalidArgumentError(convBackpropMismatch(label,
      `input and out_backprop must have the same batch size. Input batch: ${g.batch}, outbackprop batch: ${dy[0]}, batch_dim: 0`));
  }
  if (dy[c] !== g.outC) throw new InvalidArgumentError(convBackpropMismatch(label, "filter and out_backprop must have the same out_depth"));
  const lead = 3 - spatial.length;
  spatial.forEach((a, i) => {
    const expected = g.outSpatial[lead + i]!;
    if (dy[a] !== expected) {
      throw new InvalidArgumentError(convBackpropSizeMismatch(label, a, expected, dy[a]!, g.inSpatial[lead + i]!,
        g.filterSpatial[lead + i]!, g.strides[lead + i]!, g.dilations[lead + i]!));
    }
  });
}

/** A backprop's geometry, with its rank checks worded as ConvBackpropComputeDimensionsV2. */
function backpropGeometry(label: string, kind: ConvKind, inputDims: readonly number[], filterDims: readonly number[], dy: readonly number[], attrs: ConvAttrs): ConvGeometry {
  const rank = kind === "conv3d" ? 5 : 4;
  if (inputDims.length !== rank) throw new InvalidArgumentError(convBackpropMismatch(label, `input must be ${rank}-dimensional`));
  if (filterDims.length !== rank) throw new InvalidArgumentError(convBackpropMismatch(label, `filter must be ${rank}-dimensional`));
  if (dy.length !== rank) throw new InvalidArgumentError(convBackpropMismatch(label, `out_backprop must be ${rank}-dimensional`));
  const g = convGeometry(kind, inputDims, filterDims, attrs);
  checkOutBackprop(label, g, rank, dy);
  return g;
}

// --- convolution ops -------------------------------------------------------------------------

// Type lists in the order of TensorFlow's registrations (they print in error messages).
const CONV_TYPES: readonly DTypeName[] = ["float16", "bfloat16", "float32", "float64"];
const CONV2D_TYPES: readonly DTypeName[] = [...CONV_TYPES, "int32"];
const MAXPOOL_TYPES: readonly DTypeName[] = ["float16", "bfloat16", "float32", "float64", "int32", "int64", "uint8", "int16", "int8", "uint16"];
const POOL3D_MAX_TYPES: readonly DTypeName[] = ["float16", "bfloat16", "float32"];

function convForwardOp(name: string, kind: ConvKind, allowed: readonly DTypeName[]) {
  const rank = kind === "conv3d" ? 5 : 4;
  return definePlannedOp<ConvAttrs, ConvGeometry>({
    name,
    allowed,
    plan: (inputs, attrs): Planned<ConvGeometry> => {
      checkSameDtype(name, inputs);
      const [x, w] = inputs as [TensorSpec, TensorSpec];
      const g = convGeometry(kind, x.dims, w.dims, attrs);
      return { outputs: [{ dtype: x.dtype, dims: convOutputDims(g, rank) }], plan: g };
    },
  });
}

function convBackpropInputOp(name: string, kind: ConvKind) {
  const rank = kind === "conv3d" ? 5 : 4;
  return definePlannedOp<ConvBackpropInputAttrs, ConvGeometry>({
    name,
    allowed: CONV_TYPES,
    plan: (inputs, attrs): Planned<ConvGeometry> => {
      checkSameDtype(name, inputs);
      const [w, dy] = inputs as [TensorSpec, TensorSpec];
      const g = backpropGeometry(name, kind, attrs.inputSizes, w.dims, dy.dims, attrs);
      return { outputs: [{ dtype: w.dtype, dims: convInputDims(g, rank) }], plan: g };
    },
  });
}

function convBackpropFilterOp(name: string, kind: ConvKind) {
  return definePlannedOp<ConvBackpropFilterAttrs, ConvGeometry>({
    name,
    allowed: CONV_TYPES,
    plan: (inputs, attrs): Planned<ConvGeometry> => {
      checkSameDtype(name, inputs);
      const [x, dy] = inputs as [TensorSpec, TensorSpec];
      const g = backpropGeometry(name, kind, x.dims, attrs.filterSizes, dy.dims, attrs);
      return { outputs: [{ dtype: x.dtype, dims: [...attrs.filterSizes] }], plan: g };
    },
  });
}

/** Conv2D: half, bfloat16, float, double and int32, as TensorFlow registers it. */
export const Conv2D = convForwardOp("Conv2D", "conv", CONV2D_TYPES);
export const Conv2DBackpropInput = convBackpropInputOp("Conv2DBackpropInput", "conv");
export const Conv2DBackpropFilter = convBackpropFilterOp("Conv2DBackpropFilter", "conv");
export const Conv3D = convForwardOp("Conv3D", "conv3d", CONV_TYPES);
export const Conv3DBackpropInputV2 = convBackpropInputOp("Conv3DBackpropInputV2", "conv3d");
export const Conv3DBackpropFilterV2 = convBackpropFilterOp("Conv3DBackpropFilterV2", "conv3d");
export const DepthwiseConv2dNative = convForwardOp("DepthwiseConv2dNative", "depthwise", CONV_TYPES);
export const DepthwiseConv2dNativeBackpropInput = convBackpropInputOp("DepthwiseConv2dNativeBackpropInput", "depthwise");
export const DepthwiseConv2dNativeBackpropFilter = convBackpropFilterOp("DepthwiseConv2dNativeBackpropFilter", "depthwise");

// --- pooling ops -----------------------------------------------------------------------------

/** PoolParameters / Pooling3DOp: the window geometry of a pooling of `inputDims`. */
function poolGeometry(inputDims: readonly number[], attrs: PoolAttrs, rank: number): PoolGeometry {
  const channelsLast = channelsLastOf(attrs.dataFormat, rank);
  if (attrs.ksize.length !== rank) throw new InvalidArgumentError(windowFieldLength("ksize", rank));
  if (attrs.strides.length !== rank) throw new InvalidArgumentError(windowFieldLength("stride", rank));
  const { c, spatial } = layoutAxes(rank, channelsLast);
  if (attrs.ksize[0] !== 1 || attrs.strides[0] !== 1) throw new InvalidArgumentError(poolBatchDimension());
  if (attrs.ksize[c] !== 1 || attrs.strides[c] !== 1) throw new InvalidArgumentError(poolDepthWindow());
  checkPaddingAttr(attrs.padding, attrs.explicitPaddings, rank, channelsLast);
  if (inputDims.length !== rank) throw new InvalidArgumentError(poolInputRank(rank));
  const inSpatial = spatial.map((a) => inputDims[a]!);
  const window = spatial.map((a) => attrs.ksize[a]!), strides = spatial.map((a) => attrs.strides[a]!);
  const outSpatial: number[] = [], padBefore: number[] = [];
  spatial.forEach((a, i) => {
    const w = windowedOutputSize(inSpatial[i]!, window[i]!, 1, strides[i]!, attrs.padding,
      attrs.explicitPaddings[2 * a] ?? 0, attrs.explicitPaddings[2 * a + 1] ?? 0);
    outSpatial.push(w.size);
    padBefore.push(w.padBefore);
  });
  return {
    batch: inputDims[0]!, channels: inputDims[c]!, inSpatial: to3(inSpatial, 1), outSpatial: to3(outSpatial, 1),
    window: to3(window, 1), strides: to3(strides, 1), padBefore: to3(padBefore, 0), channelsLast, dataFormat: attrs.dataFormat,
  };
}

/** The pooled dims of a geometry. */
export function poolOutputDims(g: PoolGeometry, rank: number): number[] {
  return layoutDims(g.batch, g.channels, g.outSpatial.slice(3 - (rank - 2)), g.channelsLast);
}

function poolOp(name: string, rank: number, allowed: readonly DTypeName[]) {
  return definePlannedOp<PoolAttrs, PoolGeometry>({
    name,
    allowed,
    plan: ([x], attrs): Planned<PoolGeometry> => {
      const g = poolGeometry(x!.dims, attrs, rank);
      return { outputs: [{ dtype: x!.dtype, dims: poolOutputDims(g, rank) }], plan: g };
    },
  });
}

/** MaxPoolGrad(orig_input, orig_output, grad) → the input's shape; MaxPoolGradGrad → the output's. */
function maxPoolGradOp(name: string, rank: number, allowed: readonly DTypeName[], toOutput: boolean) {
  return definePlannedOp<PoolAttrs, PoolGeometry>({
    name,
    allowed,
    plan: (inputs, attrs): Planned<PoolGeometry> => {
      checkSameDtype(name, inputs);
      const [x, y, g] = inputs as [TensorSpec, TensorSpec, TensorSpec];
      const geometry = poolGeometry(x.dims, attrs, rank);
      const outDims = poolOutputDims(geometry, rank);
      if (y.dims.join(",") !== outDims.join(",")) throw new InvalidArgumentError(maxPoolOrigOutputShape(outDims, y.dims));
      const gradDims = toOutput ? x.dims : outDims;
      if (g.dims.join(",") !== gradDims.join(",")) throw new InvalidArgumentError(poolGradShape(gradDims, g.dims));
      return { outputs: [{ dtype: x.dtype, dims: toOutput ? outDims : [...x.dims] }], plan: geometry };
    },
  });
}

function avgPoolGradOp(name: string, rank: number) {
  return definePlannedOp<AvgPoolGradAttrs, PoolGeometry>({
    name,
    allowed: CONV_TYPES,
    plan: ([dy], attrs): Planned<PoolGeometry> => {
      const g = poolGeometry(attrs.origInputShape, attrs, rank);
      const outDims = poolOutputDims(g, rank);
      if (dy!.dims.join(",") !== outDims.join(",")) throw new InvalidArgumentError(poolGradShape(outDims, dy!.dims));
      return { outputs: [{ dtype: dy!.dtype, dims: [...attrs.origInputShape] }], plan: g };
    },
  });
}

/**
 * MaxPoolWithArgmax(input) → (output, argmax): each window's first maximum and its flat NHWC
 * index, `(y·W + x)·C + c` (plus `b·H·W·C` with include_batch_in_index).
 */
export const MaxPoolWithArgmax = definePlannedOp<PoolWithArgmaxAttrs, PoolGeometry>({
  name: "MaxPoolWithArgmax",
  allowed: REAL_NUMBER_TYPES,
  plan: ([x], attrs): Planned<PoolGeometry> => {
    const g = poolGeometry(x!.dims, attrs, 4);
    const dims = poolOutputDims(g, 4);
    return { outputs: [{ dtype: x!.dtype, dims }, { dtype: attrs.targmax === "int32" ? int32 : int64, dims }], plan: g };
  },
});

/**
 * MaxPoolGradWithArgmax(input, grad, argmax) → the input's shape (each grad summed at its
 * argmax); MaxPoolGradGradWithArgmax(input, grad, argmax) → the pooled shape (each output
 * reads grad at its argmax).
 */
function poolGradWithArgmaxOp(name: string, toOutput: boolean) {
  return definePlannedOp<PoolWithArgmaxAttrs, PoolGeometry>({
    name,
    allowed: REAL_NUMBER_TYPES,
    plan: (inputs, attrs): Planned<PoolGeometry> => {
      const [x, grad, argmax] = inputs as [TensorSpec, TensorSpec, TensorSpec];
      if (grad.dtype !== x.dtype) checkSameDtype(name, [x, grad]);
      const g = poolGeometry(x.dims, attrs, 4);
      const outDims = poolOutputDims(g, 4);
      const gradDims = toOutput ? x.dims : outDims;
      if (grad.dims.join(",") !== gradDims.join(",")) throw new InvalidArgumentError(poolGradShape(gradDims, grad.dims));
      if (argmax.dims.join(",") !== outDims.join(",")) throw new InvalidArgumentError(argmaxShapeMismatch(outDims, argmax.dims));
      return { outputs: [{ dtype: x.dtype, dims: toOutput ? outDims : [...x.dims] }], plan: g };
    },
  });
}
export const MaxPoolGradWithArgmax = poolGradWithArgmaxOp("MaxPoolGradWithArgmax", false);
export const MaxPoolGradGradWithArgmax = poolGradWithArgmaxOp("MaxPoolGradGradWithArgmax", true);

/** MaxPool: TensorFlow's list (less qint8, which tsflow lacks); MaxPoolGrad takes realnumbertypes. */
export const MaxPool = poolOp("MaxPool", 4, MAXPOOL_TYPES);
export const MaxPoolGrad = maxPoolGradOp("MaxPoolGrad", 4, REAL_NUMBER_TYPES, false);
export const MaxPoolGradGrad = maxPoolGradOp("MaxPoolGradGrad", 4, REAL_NUMBER_TYPES, true);
export const AvgPool = poolOp("AvgPool", 4, CONV_TYPES);
export const AvgPoolGrad = avgPoolGradOp("AvgPoolGrad", 4);
export const MaxPool3D = poolOp("MaxPool3D", 5, POOL3D_MAX_TYPES);
export const MaxPool3DGrad = maxPoolGradOp("MaxPool3DGrad", 5, POOL3D_MAX_TYPES, false);
export const MaxPool3DGradGrad = maxPoolGradOp("MaxPool3DGradGrad", 5, POOL3D_MAX_TYPES, true);
export const AvgPool3D = poolOp("AvgPool3D", 5, CONV_TYPES);
export const AvgPool3DGrad = avgPoolGradOp("AvgPool3DGrad", 5);

/** Every op of this family, by name (the gradient table is typed over it). */
export const nnConvOps = {
  Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter, Conv3D, Conv3DBackpropInputV2, Conv3DBackpropFilterV2,
  DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput, DepthwiseConv2dNativeBackpropFilter,
  MaxPool, MaxPoolGrad, MaxPoolGradGrad, MaxPoolWithArgmax, MaxPoolGradWithArgmax, MaxPoolGradGradWithArgmax,
  AvgPool, AvgPoolGrad, MaxPool3D, MaxPool3DGrad, MaxPool3DGradGrad, AvgPool3D, AvgPool3DGrad,
};
