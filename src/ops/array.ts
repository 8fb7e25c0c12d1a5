// Array (shape and layout) ops and tensor factories (array_ops / gen_array_ops).
//
// TensorFlow feeds small integer inputs that its kernels read on the host (perm, begin,
// size, multiples, paddings, Range's scalars) as tensors; here they travel as attributes,
// as `HostInts` (the values and the shape of the tensor TensorFlow would have made, which
// some of its messages quote).
import { asDType, bool, dtypeEnumName, float32, float64, int32, int64, type DType, type DTypeLike } from "../core/dtypes.js";
import { sizeOf } from "../core/tensor_shape.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import {
  InvalidArgumentError, NotFoundError, TypeError as TFTypeError, UnimplementedError, ValueError,
} from "../errors/errors.js";
import { noKernelFor, notInAllowedValues } from "../errors/messages.js";
import {
  batchDimMismatch, batchDimsAboveAxis, batchDimsNotBelowParamsRank, batchDimsOutOfRange, concatAxisOutOfRange,
  concatDimensionsDiffer, concatNeedsValues, concatRanksDiffer, diagonalRankBelowOne, diagonalShapeMismatch,
  expandDimsOutOfRange, eyeSizesNotIntegers, fillNegativeDim, fillValueNotScalar, gatherParamsScalar,
  intArgumentDtypeNotAllowed, matrixRankBelowTwo, multipleEllipses, multiplesLengthMismatch, multiplesNotVector,
  negativeMirrorPaddings, negativeMultiple, negativePaddings, packAxisOutOfRange, packNeedsInput, packShapesDiffer,
  padConstantNotScalar, padRankNotSupported, paddingsNotMatrix, paddingsRowsNotRank, permEntryOutOfRange,
  permMissingAxis, permNotVector, permSizeMismatch, rangeArgumentNotNumber, rangeArgumentNotScalar,
  rangeDtypeNotSupported, rangeStartAboveLimit, rangeStartBelowLimit, rangeTooLarge, rangeZeroDelta,
  rankBelowMinimum, reflectPaddingsTooLarge, reshapeNegativeSize, reshapeNotMultiple, reshapeSizeMismatch,
  reshapeTwoUnknownSizes, shrinkAxisNeedsUnitStride, sliceArgumentsNotVectors, sliceBeginOutOfRange,
  sliceIndexBeyondRank, sliceIndexOutOfBounds, sliceOfEmptyDimension, sliceSizeOutOfRange, squeezeDimNotOne,
  squeezeDimOutOfRange, stridedSliceArgumentsNotVectors, symmetricPaddingsTooLarge, tileDtypeNotSupported,
  unknownPadMode, zeroStride,
} from "../errors/op_messages.js";
import { constant, convertToTensor, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { execute1 } from "../runtime/execute.js";
import { cast, unsortedSegmentSum } from "./math.js";
import { reduceSum } from "./reduce.js";
import { ALL_TYPES, defineOp, definePlannedOp, type OpDef } from "./op_def.js";
import { setGradient } from "../autodiff/gradient_registry.js";
import { checkSameDtype, indexTensor, matchingTensors } from "./op_helpers.js";

// --- shared helpers --------------------------------------------------------------------

/** The values of a small integer tensor TensorFlow reads on the host, and its shape. */
export interface HostInts {
  readonly values: readonly number[];
  readonly dims: readonly number[];
}

/** An integer argument given as JS numbers (nested for matrices) or as an int32/int64 tensor. */
export type IntsLike = readonly number[] | readonly (readonly number[])[] | Tensor;

/**
 * Read an integer argument. JS numbers become an int32 tensor (Python ints do); tensors must be
 * int32 or int64, as TensorFlow's index attributes require.
 */
function hostInts(v: IntsLike, opName: string, attr: string): HostInts {
  const t = v instanceof Tensor ? v : convertToTensor(v as TensorLike, int32);
  if (t.dtype !== int32 && t.dtype !== int64) {
    throw new InvalidArgumentError(intArgumentDtypeNotAllowed(opName, attr, t.dtype));
  }
  const data = t.hostData() as Int32Array | BigInt64Array;
  return { values: Array.from(data, (x: number | bigint) => Number(x)), dims: [...t.dims] };
}

// --- Reshape, Pack, Fill (and factories built on them) ----------------------------------

export const Reshape = defineOp<{ shape: readonly number[] }>({
  name: "Reshape",
  inferOutputs: ([x], { shape }) => {
    const n = sizeOf(x!.dims);
    let unknown = -1, known = 1;
    shape.forEach((d, i) => {
      if (d === -1) {
        if (unknown >= 0) throw new InvalidArgumentError(reshapeTwoUnknownSizes(unknown, i));
        unknown = i;
      } else if (!Number.isInteger(d) || d < 0) {
        throw new InvalidArgumentError(reshapeNegativeSize(i, d));
      } else known *= d;
    });
    const dims = [...shape];
    if (unknown >= 0) {
      if (known === 0 ? n !== 0 : n % known !== 0) {
        throw new InvalidArgumentError(reshapeNotMultiple(n, known));
      }
      dims[unknown] = known === 0 ? 0 : n / known;
    } else if (known !== n) {
      throw new InvalidArgumentError(reshapeSizeMismatch(n, known));
    }
    return [{ dtype: x!.dtype, dims }];
  },
});

/** tf.reshape: the same values with a new shape (one dimension may be -1). */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  return execute1(Reshape, [convertToTensor(x)], { shape });
}

export const Pack = defineOp<{ axis: number }>({
  name: "Pack",
  inferOutputs: (inputs, { axis }) => {
    checkSameDtype("Pack", inputs);
    const first = inputs[0]!;
    inputs.forEach((t, i) => {
      if (t.dims.length !== first.dims.length || t.dims.some((d, k) => d !== first.dims[k])) {
        throw new InvalidArgumentError(packShapesDiffer(first.dims, i, t.dims));
      }
    });
    const rank = first.dims.length + 1;
    if (axis < -rank || axis >= rank) {
      throw new InvalidArgumentError(packAxisOutOfRange(axis, rank));
    }
    const a = axis < 0 ? axis + rank : axis;
    const dims = [...first.dims];
    dims.splice(a, 0, inputs.length);
    return [{ dtype: first.dtype, dims }];
  },
});

/** tf.stack: join same-shaped values along a new axis. */
export function stack(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new InvalidArgumentError(packNeedsInput());
  return execute1(Pack, matchingTensors(values), { axis });
}

export const Fill = defineOp<{ dims: readonly number[] }>({
  name: "Fill",
  inferOutputs: ([value], { dims }): TensorSpec[] => {
    if (value!.dims.length !== 0) {
      throw new InvalidArgumentError(fillValueNotScalar(value!.dims));
    }
    dims.forEach((d) => {
      if (!Number.isInteger(d) || d < 0) throw new InvalidArgumentError(fillNegativeDim(d));
    });
    return [{ dtype: value!.dtype, dims: [...dims] }];
  },
});

/** tf.fill: a tensor of shape `dims` filled with the scalar `value`. */
export function fill(dims: readonly number[], value: TensorLike): Tensor {
  return execute1(Fill, [convertToTensor(value)], { dims });
}

/** The Python value tf.zeros / tf.ones start from for a dtype. */
function factoryValue(dtype: DType, one: boolean): TensorLike {
  if (dtype === bool) return one;
  if (dtype.isString && !one) return "";
  if (dtype.isComplex) return { re: one ? 1 : 0, im: 0 };
  return one ? 1 : 0;
}

/** tf.zeros: a tensor of `shape` filled with zeros (false, "" for bool and string). */
export function zeros(shape: readonly number[], dtype: DTypeLike = float32): Tensor {
  const d = asDType(dtype);
  return constant(factoryValue(d, false), d, shape);
}

/** tf.ones: a tensor of `shape` filled with ones (true for bool). */
export function ones(shape: readonly number[], dtype: DTypeLike = float32): Tensor {
  const d = asDType(dtype);
  return constant(factoryValue(d, true), d, shape);
}

/** Identity and StopGradient: the same value (sharing its buffer); StopGradient blocks gradients. */
export const Identity = defineOp({ name: "Identity", inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }] });
export const StopGradient = defineOp({ name: "StopGradient", inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }] });

setGradient(Identity, (_info, [dy]) => [dy!]);
setGradient(StopGradient, null);

/** tf.identity: the same value as a new tensor. */
export function identity(x: TensorLike): Tensor { return execute1(Identity, [convertToTensor(x)], {}); }
/** tf.stop_gradient: the same value, through which no gradient flows. */
export function stopGradient(x: TensorLike): Tensor { return execute1(StopGradient, [convertToTensor(x)], {}); }

export const ZerosLike = defineOp({
  name: "ZerosLike",
  inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }],
});

/** tf.zeros_like: zeros of x's shape (and dtype, unless `dtype` is given). */
export function zerosLike(x: TensorLike, dtype?: DTypeLike | null): Tensor {
  const t = convertToTensor(x);
  if (dtype !== undefined && dtype !== null && asDType(dtype) !== t.dtype) return zeros(t.dims, dtype);
  return execute1(ZerosLike, [t], {});
}

/** tf.ones_like: ones of x's shape (and dtype, unless `dtype` is given). */
export function onesLike(x: TensorLike, dtype?: DTypeLike | null): Tensor {
  const t = convertToTensor(x);
  return ones(t.dims, dtype ?? t.dtype);
}

// --- Transpose ----------------------------------------------------------------------------

export interface TransposeAttrs { perm: HostInts }
/** Transpose's permutation with negative entries wrapped. */
export interface TransposePlan { readonly perm: readonly number[] }

/** Transpose's permutation with negative entries wrapped, as its kernel reads it. */
function normalizedPerm(perm: readonly number[], rank: number): number[] {
  return perm.map((d) => (d < 0 ? d + rank : d));
}

function transposeDef(name: string) {
  return definePlannedOp<TransposeAttrs, TransposePlan>({
    name,
    plan: ([x], { perm }) => {
      if (perm.dims.length !== 1) {
        throw new InvalidArgumentError(permNotVector(perm.dims));
      }
      const rank = x!.dims.length;
      if (perm.values.length !== rank) {
        throw new InvalidArgumentError(permSizeMismatch(rank, perm.values.length));
      }
      const p = normalizedPerm(perm.values, rank);
      const seen = new Array<boolean>(rank).fill(false);
      const dims: number[] = [];
      for (const d of p) {
        if (!(d >= 0 && d < rank)) throw new InvalidArgumentError(permEntryOutOfRange(d, rank));
        seen[d] = true;
        dims.push(x!.dims[d]!);
      }
      for (let i = 0; i < rank; i++) {
        if (!seen[i]) throw new InvalidArgumentError(permMissingAxis(i, p));
      }
      return { outputs: [{ dtype: x!.dtype, dims }], plan: { perm: p } };
    },
  });
}

export const Transpose = transposeDef("Transpose");
export const ConjugateTranspose = transposeDef("ConjugateTranspose");

export interface TransposeOptions {
  /** Conjugate complex values too (ConjugateTranspose); ignored for real dtypes. */
  conjugate?: boolean;
}

/** tf.transpose: permute the axes (reversed when `perm` is not given). */
export function transpose(x: TensorLike, perm?: IntsLike | null, options: TransposeOptions = {}): Tensor {
  const t = convertToTensor(x);
  const op = options.conjugate === true && t.dtype.isComplex ? ConjugateTranspose : Transpose;
  const p = perm === undefined || perm === null
    ? { values: Array.from({ length: t.rank }, (_, i) => t.rank - 1 - i), dims: [t.rank] }
    : hostInts(perm, op.name, "Tperm");
  return execute1(op, [t], { perm: p });
}

// --- ExpandDims, Squeeze (views: the kernels share storage) ----------------------------------

export const ExpandDims = defineOp<{ axis: number }>({
  name: "ExpandDims",
  inferOutputs: ([x], { axis }) => {
    const rank = x!.dims.length;
    if (!Number.isInteger(axis) || axis < -1 - rank || axis > rank) {
      throw new InvalidArgumentError(expandDimsOutOfRange(axis, rank));
    }
    const a = axis < 0 ? Math.min(axis + rank + 1, rank) : axis;
    const dims = [...x!.dims];
    dims.splice(a, 0, 1);
    return [{ dtype: x!.dtype, dims }];
  },
});

/** tf.expand_dims: insert a dimension of size 1 at `axis`. */
export function expandDims(x: TensorLike, axis: number): Tensor {
  return execute1(ExpandDims, [convertToTensor(x)], { axis });
}

export const Squeeze = defineOp<{ axis: readonly number[] }>({
  name: "Squeeze",
  inferOutputs: ([x], { axis }) => {
    const rank = x!.dims.length;
    const wrapped = new Set<number>();
    for (const d of axis) {
      if (!Number.isInteger(d) || d < -rank || d >= rank) {
        throw new InvalidArgumentError(squeezeDimOutOfRange(d, rank));
      }
      wrapped.add(d < 0 ? d + rank : d);
    }
    const dims: number[] = [];
    x!.dims.forEach((d, i) => {
      if (wrapped.size > 0) {
        if (wrapped.has(i)) {
          if (d !== 1) throw new InvalidArgumentError(squeezeDimNotOne(i, d));
        } else dims.push(d);
      } else if (d !== 1) dims.push(d);
    });
    return [{ dtype: x!.dtype, dims }];
  },
});

/** tf.squeeze: drop dimensions of size 1 (all of them, or those in `axis`). */
export function squeeze(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const list = axis === undefined || axis === null ? [] : typeof axis === "number" ? [axis] : [...axis];
  return execute1(Squeeze, [convertToTensor(x)], { axis: list });
}

// --- ConcatV2 ------------------------------------------------------------------------------

/** ConcatV2's axis in [0, rank) (0 for a concatenation of scalars). */
function concatAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** ConcatV2's axis in [0, rank) (0 for a concatenation of scalars). */
export interface ConcatPlan { readonly axis: number }

export const ConcatV2 = definePlannedOp<{ axis: number }, ConcatPlan>({
  name: "ConcatV2",
  plan: (inputs, { axis }) => {
    checkSameDtype("ConcatV2", inputs);
    const first = inputs[0]!;
    const rank = first.dims.length;
    const a = concatAxis(axis, rank);
    if (!((a >= 0 && a < rank) || axis === 0)) {
      throw new InvalidArgumentError(concatAxisOutOfRange(axis, rank));
    }
    let total = 0;
    inputs.forEach((t, i) => {
      if (t.dims.length !== rank) {
        throw new InvalidArgumentError(concatRanksDiffer(first.dims, i, t.dims));
      }
      for (let j = 0; j < rank; j++) {
        if (j !== a && t.dims[j] !== first.dims[j]) {
          throw new InvalidArgumentError(concatDimensionsDiffer(j, first.dims, i, t.dims));
        }
      }
      total += rank > 0 ? t.dims[a]! : 1;
    });
    const dims = rank === 0 ? [total] : first.dims.map((d, j) => (j === a ? total : d));
    return { outputs: [{ dtype: first.dtype, dims }], plan: { axis: rank === 0 ? 0 : a } };
  },
});

/** tf.concat: join values along an existing axis. */
export function concat(values: readonly TensorLike[] | Tensor, axis: number): Tensor {
  const list: readonly TensorLike[] = values instanceof Tensor ? [values] : values;
  if (list.length === 0) {
    throw new ValueError(concatNeedsValues());
  }
  // TensorFlow returns a single value unchanged (an Identity), without checking the axis range.
  if (list.length === 1) return convertToTensor(list[0]!);
  return execute1(ConcatV2, matchingTensors(list), { axis });
}

// --- Slice -----------------------------------------------------------------------------------

export interface SliceAttrs { begin: HostInts; size: HostInts }

/** Slice's sizes with -1 resolved ("to the end of the dimension"). */
function resolvedSliceSizes(dims: readonly number[], begin: readonly number[], size: readonly number[]): number[] {
  return size.map((s, i) => (s === -1 ? dims[i]! - begin[i]! : s));
}

/** Slice's begin and sizes, with -1 sizes resolved. */
export interface SlicePlan { readonly begin: readonly number[]; readonly sizes: readonly number[] }

export const Slice = definePlannedOp<SliceAttrs, SlicePlan>({
  name: "Slice",
  plan: ([x], { begin, size }) => {
    const rank = x!.dims.length;
    if (begin.dims.length !== 1 || size.dims.length !== 1 || begin.values.length !== rank || size.values.length !== rank) {
      throw new InvalidArgumentError(sliceArgumentsNotVectors(rank, begin.dims, size.dims));
    }
    const sizes = resolvedSliceSizes(x!.dims, begin.values, size.values);
    for (let i = 0; i < rank; i++) {
      const b = begin.values[i]!, s = sizes[i]!, d = x!.dims[i]!;
      if (d === 0) {
        if (b !== 0 || s !== 0) {
          throw new InvalidArgumentError(sliceOfEmptyDimension(i, b, s));
        }
      } else {
        if (!(b >= 0 && b <= d)) throw new InvalidArgumentError(sliceBeginOutOfRange(i, d, b));
        if (!(s >= 0 && b + s <= d)) throw new InvalidArgumentError(sliceSizeOutOfRange(i, d - b, s));
      }
    }
    return { outputs: [{ dtype: x!.dtype, dims: sizes }], plan: { begin: begin.values, sizes } };
  },
});

/** tf.slice: the block starting at `begin` of extent `size` (-1: to the end). */
export function slice(x: TensorLike, begin: IntsLike, size: IntsLike): Tensor {
  return execute1(Slice, [convertToTensor(x)], { begin: hostInts(begin, "Slice", "Index"), size: hostInts(size, "Slice", "Index") });
}

// --- StridedSlice ------------------------------------------------------------------------------

export interface StridedSliceMasks {
  beginMask?: number;
  endMask?: number;
  ellipsisMask?: number;
  newAxisMask?: number;
  shrinkAxisMask?: number;
}

export interface StridedSliceAttrs {
  begin: HostInts;
  end: HostInts;
  strides: HostInts;
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

/** A strided slice resolved against an input shape: per input axis, start, step and count. */
export interface StridedSlicePlan {
  begin: number[];
  strides: number[];
  /** Elements taken along each input axis (shrunk axes take 1). */
  processing: number[];
  /** The output shape (shrunk axes dropped, new axes added). */
  final: number[];
}

const NEW_AXIS = -2, SHRINK_AXIS = -1;

/**
 * Resolve begin/end/strides and the five masks against `dims` the way TensorFlow's
 * ValidateStridedSliceOp does: expand the ellipsis (one is implied at the end), canonicalise
 * negative and out-of-range indices, and compute the processing and final shapes.
 */
export function planStridedSlice(dims: readonly number[], a: StridedSliceAttrs): StridedSlicePlan {
  const n = a.strides.values.length;
  const beginWrong = a.begin.dims.length !== 1 || a.begin.values.length !== n || a.begin.values.length >= 32;
  const endWrong = a.end.dims.length !== 1 || a.end.values.length !== n;
  if (beginWrong || endWrong || a.strides.dims.length !== 1) {
    throw new InvalidArgumentError(stridedSliceArgumentsNotVectors(a.begin.dims, a.end.dims, a.strides.dims));
  }
  if (a.ellipsisMask !== 0 && (a.ellipsisMask & (a.ellipsisMask - 1)) !== 0) {
    throw new InvalidArgumentError(multipleEllipses());
  }
  const bit = (mask: number, i: number) => i < 32 && (mask & (1 << i)) !== 0;
  // Step 1: new axes after the ellipsis; an ellipsis is implied at the end.
  let ellipsisSeen = false, newAxesAfterEllipsis = 0;
  for (let i = 0; i < n; i++) {
    if (ellipsisSeen && bit(a.newAxisMask, i)) newAxesAfterEllipsis++;
    if (bit(a.ellipsisMask, i)) ellipsisSeen = true;
  }
  let sparseDims = n;
  const hasImpliedEllipsis = !ellipsisSeen;
  if (hasImpliedEllipsis) sparseDims++;
  const isEllipsis = (i: number) => (hasImpliedEllipsis ? i === n : bit(a.ellipsisMask, i));
  // Step 2: the dense spec, one entry per input dimension.
  const rank = dims.length;
  const begin = new Array<number>(rank).fill(0), end = new Array<number>(rank).fill(0);
  const strides = new Array<number>(rank).fill(1);
  let beginMask = 0, endMask = 0, shrinkMask = 0;
  const gather: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if (isEllipsis(i)) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; full++) {
        begin[full] = end[full] = 0;
        strides[full] = 1;
        beginMask |= 1 << full;
        endMask |= 1 << full;
        gather.push(full);
      }
    } else if (bit(a.newAxisMask, i)) {
      gather.push(NEW_AXIS);
    } else {
      if (full === rank) {
        throw new InvalidArgumentError(sliceIndexBeyondRank(full, rank));
      }
      begin[full] = a.begin.values[i]!;
      end[full] = a.end.values[i]!;
      strides[full] = a.strides.values[i]!;
      if (bit(a.beginMask, i)) beginMask |= 1 << full;
      if (bit(a.endMask, i)) endMask |= 1 << full;
      if (bit(a.shrinkAxisMask, i)) {
        gather.push(SHRINK_AXIS);
        shrinkMask |= 1 << full;
      } else gather.push(full);
      full++;
    }
  }
  // Step 3: canonical ranges and the processing shape.
  const processing: number[] = [];
  for (let i = 0; i < rank; i++) {
    const stride = strides[i]!, dim = dims[i]!;
    if (stride === 0) throw new InvalidArgumentError(zeroStride(i));
    const shrink = bit(shrinkMask, i);
    const masks = [bit(beginMask, i), bit(endMask, i)];
    const valid = [stride > 0 ? 0 : -1, stride > 0 ? dim : dim - 1];
    const canonical = (x: number, c: 0 | 1): number => {
      if (masks[c]) return stride > 0 ? valid[c]! : valid[(c + 1) & 1]!;
      const fwd = x < 0 ? dim + x : x;
      return fwd < valid[0]! ? valid[0]! : fwd > valid[1]! ? valid[1]! : fwd;
    };
    if (shrink && stride <= 0) throw new InvalidArgumentError(shrinkAxisNeedsUnitStride());
    if (shrink) {
      const fwd = begin[i]! < 0 ? dim + begin[i]! : begin[i]!;
      begin[i] = fwd;
      end[i] = fwd + 1;
      if (fwd < 0 || fwd >= dim) {
        throw new InvalidArgumentError(sliceIndexOutOfBounds(fwd, i));
      }
    } else {
      begin[i] = canonical(begin[i]!, 0);
      end[i] = canonical(end[i]!, 1);
    }
    const length = end[i]! - begin[i]!;
    let size: number;
    if (length === 0 || (length < 0) !== (stride < 0)) size = 0;
    else size = Math.trunc(length / stride) + (length % stride !== 0 ? 1 : 0);
    processing.push(size);
  }
  // Step 4: the final shape.
  const final: number[] = [];
  for (const g of gather) {
    if (g >= 0) final.push(processing[g]!);
    else if (g === NEW_AXIS) final.push(1);
  }
  return { begin, strides, processing, final };
}

export const StridedSlice = definePlannedOp<StridedSliceAttrs, StridedSlicePlan>({
  name: "StridedSlice",
  plan: ([x], attrs) => {
    const plan = planStridedSlice(x!.dims, attrs);
    return { outputs: [{ dtype: x!.dtype, dims: plan.final }], plan };
  },
});

/** tf.strided_slice: Python's extended slicing, with TensorFlow's begin/end/ellipsis/new-axis/shrink masks. */
export function stridedSlice(
  x: TensorLike, begin: IntsLike, end: IntsLike, strides?: IntsLike | null, masks: StridedSliceMasks = {},
): Tensor {
  const b = hostInts(begin, "StridedSlice", "Index");
  const s = strides === undefined || strides === null ? { values: b.values.map(() => 1), dims: b.dims } : hostInts(strides, "StridedSlice", "Index");
  return execute1(StridedSlice, [convertToTensor(x)], {
    begin: b, end: hostInts(end, "StridedSlice", "Index"), strides: s,
    beginMask: masks.beginMask ?? 0, endMask: masks.endMask ?? 0, ellipsisMask: masks.ellipsisMask ?? 0,
    newAxisMask: masks.newAxisMask ?? 0, shrinkAxisMask: masks.shrinkAxisMask ?? 0,
  });
}

// --- GatherV2 -------------------------------------------------------------------------------------

export interface GatherAttrs { axis: number; batchDims: number }

/** GatherV2's axis and batch_dims, normalised against the params and indices ranks. */
function gatherAxes(paramsRank: number, indicesRank: number, attrs: GatherAttrs): { axis: number; batchDims: number } {
  const axis = attrs.axis < 0 ? attrs.axis + paramsRank : attrs.axis;
  const batchDims = attrs.batchDims < 0 ? attrs.batchDims + indicesRank : attrs.batchDims;
  return { axis, batchDims };
}

/** GatherV2's axis and batch_dims in range. */
export interface GatherPlan { readonly axis: number; readonly batchDims: number }

export const GatherV2 = definePlannedOp<GatherAttrs, GatherPlan>({
  name: "GatherV2",
  plan: ([params, indices], attrs) => {
    const p = params!, ix = indices!;
    if (ix.dtype !== int32 && ix.dtype !== int64) {
      if (ix.dtype.name === "int16") {
        throw new NotFoundError(noKernelFor(
          "GatherV2", `Taxis=DT_INT32, Tindices=DT_INT16, Tparams=${dtypeEnumName(p.dtype)}, batch_dims=${attrs.batchDims}`));
      }
      throw new InvalidArgumentError(notInAllowedValues("Tindices", ix.dtype, ["int16", "int32", "int64"]));
    }
    const rank = p.dims.length, irank = ix.dims.length;
    if (rank < 1) throw new InvalidArgumentError(gatherParamsScalar());
    const minRank = attrs.axis < 0 ? -attrs.axis : attrs.axis + 1;
    if (rank < minRank) throw new InvalidArgumentError(rankBelowMinimum(minRank, rank));
    if (attrs.batchDims !== 0 && (attrs.batchDims < -irank || attrs.batchDims > irank)) {
      throw new InvalidArgumentError(batchDimsOutOfRange(attrs.batchDims, irank));
    }
    const { axis, batchDims } = gatherAxes(rank, irank, attrs);
    if (batchDims !== 0) {
      if (batchDims >= rank) {
        throw new InvalidArgumentError(batchDimsNotBelowParamsRank(batchDims, rank));
      }
      if (axis < batchDims) {
        throw new InvalidArgumentError(batchDimsAboveAxis(batchDims, axis));
      }
      for (let i = 0; i < batchDims; i++) {
        if (p.dims[i] !== ix.dims[i]) {
          throw new InvalidArgumentError(batchDimMismatch(i, p.dims[i]!, ix.dims[i]!));
        }
      }
    }
    const dims = [...p.dims.slice(0, axis), ...ix.dims.slice(batchDims), ...p.dims.slice(axis + 1)];
    return { outputs: [{ dtype: p.dtype, dims }], plan: { axis, batchDims } };
  },
});

export interface GatherOptions {
  /** The params axis to gather from (default: batchDims). */
  axis?: number;
  /** Leading dimensions shared by params and indices (default 0). */
  batchDims?: number;
}

/** tf.gather: slices of `params` along `axis` at `indices` (out-of-range indices raise). */
export function gather(params: TensorLike, indices: TensorLike, options: GatherOptions = {}): Tensor {
  const batchDims = options.batchDims ?? 0;
  const axis = options.axis ?? batchDims;
  // Python's tf.gather leaves batch_dims out of GatherV2 when the axis is 0.
  return execute1(GatherV2, [convertToTensor(params), indexTensor(indices)], { axis, batchDims: axis === 0 ? 0 : batchDims });
}

// --- Tile ---------------------------------------------------------------------------------------------

export const Tile = defineOp<{ multiples: HostInts }>({
  name: "Tile",
  inferOutputs: ([x], { multiples }) => {
    const rank = x!.dims.length;
    if (multiples.dims.length !== 1) {
      throw new InvalidArgumentError(multiplesNotVector(multiples.dims));
    }
    if (multiples.values.length !== rank) {
      throw new InvalidArgumentError(multiplesLengthMismatch(rank, multiples.dims[0]!));
    }
    const dims = x!.dims.map((d, i) => {
      const m = multiples.values[i]!;
      if (!(m >= 0)) throw new InvalidArgumentError(negativeMultiple(i, m));
      return d * m;
    });
    const same = dims.every((d, i) => d === x!.dims[i]);
    // TensorFlow's CPU Tile has no uint16 case (it returns identities and empty outputs first).
    if (x!.dtype.name === "uint16" && rank > 0 && !same && sizeOf(dims) > 0) {
      throw new UnimplementedError(tileDtypeNotSupported(x!.dtype, rank));
    }
    return [{ dtype: x!.dtype, dims }];
  },
});

/** tf.tile: repeat the tensor `multiples[i]` times along each axis. */
export function tile(x: TensorLike, multiples: IntsLike): Tensor {
  return execute1(Tile, [convertToTensor(x)], { multiples: hostInts(multiples, "Tile", "Tmultiples") });
}

// --- Pad, PadV2, MirrorPad ----------------------------------------------------------------------------

export type PadMode = "CONSTANT" | "REFLECT" | "SYMMETRIC";
export interface PadAttrs { paddings: HostInts }
export interface MirrorPadAttrs { paddings: HostInts; mode: "REFLECT" | "SYMMETRIC" }

function checkPaddingsMatrix(x: TensorSpec, paddings: HostInts, separator: string): void {
  if (paddings.dims.length !== 2 || paddings.dims[1] !== 2) {
    throw new InvalidArgumentError(paddingsNotMatrix(paddings.dims));
  }
  if (paddings.dims[0] !== x.dims.length) {
    throw new InvalidArgumentError(paddingsRowsNotRank(paddings.dims, separator, x.dims));
  }
}

function padDef(name: string) {
  return defineOp<PadAttrs>({
    name,
    inferOutputs: (inputs, { paddings }) => {
      if (inputs.length === 2) checkSameDtype(name, inputs);
      const x = inputs[0]!;
      const rank = x.dims.length;
      if (rank > 8) throw new UnimplementedError(padRankNotSupported(8, rank));
      checkPaddingsMatrix(x, paddings, " ");
      if (inputs.length === 2 && inputs[1]!.dims.length !== 0) {
        throw new InvalidArgumentError(padConstantNotScalar(inputs[1]!.dims));
      }
      const dims = x.dims.map((d, i) => {
        const before = paddings.values[2 * i]!, after = paddings.values[2 * i + 1]!;
        if (before < 0 || after < 0) throw new InvalidArgumentError(negativePaddings(before, after));
        return before + d + after;
      });
      return [{ dtype: x.dtype, dims }];
    },
  });
}

export const Pad = padDef("Pad");
export const PadV2 = padDef("PadV2");

export const MirrorPad = defineOp<MirrorPadAttrs>({
  name: "MirrorPad",
  inferOutputs: ([x], { paddings, mode }) => {
    const rank = x!.dims.length;
    if (rank > 5) throw new UnimplementedError(padRankNotSupported(5, rank));
    checkPaddingsMatrix(x!, paddings, ", ");
    const dims = x!.dims.map((d, i) => {
      const before = paddings.values[2 * i]!, after = paddings.values[2 * i + 1]!;
      if (before < 0 || after < 0) throw new InvalidArgumentError(negativeMirrorPaddings(before, after));
      if (mode === "SYMMETRIC" && !(before <= d && after <= d)) {
        throw new InvalidArgumentError(symmetricPaddingsTooLarge(before, after, d));
      }
      if (mode === "REFLECT" && !(before < d && after < d)) {
        throw new InvalidArgumentError(reflectPaddingsTooLarge(before, after, d));
      }
      return before + d + after;
    });
    return [{ dtype: x!.dtype, dims }];
  },
});

export interface PadOptions {
  /** "CONSTANT" (default), "REFLECT" or "SYMMETRIC" (any case). */
  mode?: PadMode | Lowercase<PadMode> | string;
  /** The value padded in CONSTANT mode (default 0). */
  constantValues?: TensorLike;
}

/** tf.pad: pad each axis by paddings[i] = [before, after] elements. */
export function pad(x: TensorLike, paddings: IntsLike, options: PadOptions = {}): Tensor {
  const mode = (options.mode ?? "CONSTANT").toUpperCase();
  const cv = options.constantValues ?? 0;
  if (mode === "CONSTANT") {
    // Python passes a zero scalar as no constant at all (Pad); anything else goes to PadV2.
    const isZeroScalar = cv === 0 || cv === 0n || cv === false || cv === "" ||
      (typeof cv === "object" && cv !== null && "re" in cv && "im" in cv && cv.re === 0 && cv.im === 0);
    if (isZeroScalar) {
      const t = convertToTensor(x);
      return execute1(Pad, [t], { paddings: hostInts(paddings, "Pad", "Tpaddings") });
    }
    const [t, c] = matchingTensors([x, cv]);
    return execute1(PadV2, [t!, c!], { paddings: hostInts(paddings, "PadV2", "Tpaddings") });
  }
  if (mode === "REFLECT" || mode === "SYMMETRIC") {
    return execute1(MirrorPad, [convertToTensor(x)], { paddings: hostInts(paddings, "MirrorPad", "Tpaddings"), mode });
  }
  throw new ValueError(unknownPadMode(mode));
}

// --- Range --------------------------------------------------------------------------------------------

export interface RangeAttrs {
  dtype: DType;
  start: number | bigint;
  limit: number | bigint;
  delta: number | bigint;
}

/** Number of elements of a range, computed in the dtype's arithmetic as TensorFlow's RangeOp does. */
export function rangeSize(a: RangeAttrs): number {
  if (typeof a.start === "bigint") {
    const s = a.start, l = a.limit as bigint, d = a.delta as bigint;
    const abs = (v: bigint) => (v < 0n ? -v : v);
    return Number((abs(l - s) + abs(d) - 1n) / abs(d));
  }
  const s = a.start, l = a.limit as number, d = a.delta as number;
  if (a.dtype === int32) return Math.trunc((Math.abs(l - s) + Math.abs(d) - 1) / Math.abs(d));
  const r = a.dtype === float64 ? (x: number) => x : Math.fround;
  return Math.ceil(Math.abs(r(r(l - s) / d)));
}

const RANGE_TYPES = ["bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint16", "uint32"] as const;

export const Range = defineOp<RangeAttrs>({
  name: "Range",
  allowed: RANGE_TYPES,
  inferOutputs: (_inputs, a) => {
    const { start, limit, delta, dtype } = a;
    if (delta === 0 || delta === 0n) throw new InvalidArgumentError(rangeZeroDelta(delta, dtype));
    if (delta > 0) {
      if (!(start <= limit)) throw new InvalidArgumentError(rangeStartAboveLimit(start, limit, dtype));
    } else if (!(start >= limit)) {
      throw new InvalidArgumentError(rangeStartBelowLimit(start, limit, dtype));
    }
    const size = rangeSize(a);
    if (!(size <= 2 ** 63 - 1)) {
      throw new InvalidArgumentError(rangeTooLarge());
    }
    return [{ dtype, dims: [size] }];
  },
});

// Python's tf.range picks the widest of its arguments' dtypes in this order.
const RANGE_HIERARCHY = ["int32", "int64", "float16", "bfloat16", "float32", "float64"];

/** The one value of a scalar (or length-1) tensor, as Range's kernel reads it. */
function rangeScalar(t: Tensor, what: string): number | bigint {
  if (!(t.rank === 0 || (t.rank === 1 && t.dims[0] === 1))) {
    throw new InvalidArgumentError(rangeArgumentNotScalar(what, t.dims));
  }
  const v = t.numpy().item();
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new InvalidArgumentError(rangeArgumentNotNumber(what));
}

/**
 * tf.range(start, limit, delta, dtype): start, start + delta, … up to (not including) limit.
 * With one argument it is the limit and the range starts at 0. JS numbers are float32 (API
 * rule) unless `dtype` is given; the implicit start 0 and default delta 1 are Python ints
 * (int32), so they never widen the inferred dtype.
 */
export function range(start: TensorLike, limit?: TensorLike | null, delta?: TensorLike | null, dtype?: DTypeLike | null): Tensor {
  let implicitStart = false;
  if (limit === undefined || limit === null) {
    limit = start;
    start = 0;
    implicitStart = true;
  }
  const implicitDelta = delta === undefined || delta === null;
  const want = dtype === undefined || dtype === null ? undefined : asDType(dtype);
  const conv = (v: TensorLike, implicit: boolean): Tensor => {
    if (v instanceof Tensor) return v;
    if (want !== undefined) return convertToTensor(v, want);
    return implicit ? convertToTensor(v, int32) : convertToTensor(v);
  };
  const args = [conv(start, implicitStart), conv(limit, false), conv(implicitDelta ? 1 : delta!, implicitDelta)];
  let target = want;
  if (target === undefined) {
    let best = -1;
    for (const a of args) {
      const k = RANGE_HIERARCHY.indexOf(a.dtype.name);
      if (k < 0) throw new TFTypeError(rangeDtypeNotSupported(a.dtype, RANGE_HIERARCHY));
      best = Math.max(best, k);
    }
    target = asDType(RANGE_HIERARCHY[best]!);
  }
  const [s, l, d] = args.map((a) => cast(a, target!)) as [Tensor, Tensor, Tensor];
  return execute1(Range, [], {
    dtype: target,
    start: rangeScalar(s, "start"), limit: rangeScalar(l, "limit"), delta: rangeScalar(d, "delta"),
  });
}

// --- eye: MatrixDiagV3 / MatrixSetDiagV3 on the main diagonal -----------------------------------------------

const DIAG_TYPES = ALL_TYPES.filter((d) => d !== "string");

/** MatrixDiagV3 with k = 0: square (or numRows x numCols) matrices with `diagonal` on the diagonal. */
export const MatrixDiagV3 = defineOp<{ numRows: number; numCols: number }>({
  name: "MatrixDiagV3",
  allowed: DIAG_TYPES,
  inferOutputs: ([d], { numRows, numCols }) => {
    if (d!.dims.length < 1) {
      throw new InvalidArgumentError(diagonalRankBelowOne(d!.dims));
    }
    const n = d!.dims[d!.dims.length - 1]!;
    const rows = numRows < 0 ? n : numRows, cols = numCols < 0 ? n : numCols;
    return [{ dtype: d!.dtype, dims: [...d!.dims.slice(0, -1), rows, cols] }];
  },
});

/** MatrixSetDiagV3 with k = 0: `input` with its main diagonal replaced by `diagonal`. */
export const MatrixSetDiagV3 = defineOp({
  name: "MatrixSetDiagV3",
  allowed: DIAG_TYPES,
  inferOutputs: (inputs) => {
    checkSameDtype("MatrixSetDiagV3", inputs);
    const [x, d] = inputs as [TensorSpec, TensorSpec];
    if (x.dims.length < 2) {
      throw new InvalidArgumentError(matrixRankBelowTwo(x.dims));
    }
    const rows = x.dims[x.dims.length - 2]!, cols = x.dims[x.dims.length - 1]!;
    const want = [...x.dims.slice(0, -2), Math.min(rows, cols)];
    if (d.dims.length !== want.length || d.dims.some((v, i) => v !== want[i])) {
      throw new InvalidArgumentError(diagonalShapeMismatch(want, d.dims));
    }
    return [{ dtype: x.dtype, dims: x.dims }];
  },
});

export interface EyeOptions {
  /** Leading batch dimensions (default none). */
  batchShape?: readonly number[];
  /** The dtype (default float32). */
  dtype?: DTypeLike;
}

/** tf.eye: identity matrices of numRows x numColumns (square by default), optionally batched. */
export function eye(numRows: number, numColumns?: number | null, options: EyeOptions = {}): Tensor {
  const isSquare = numColumns === undefined || numColumns === null;
  const cols = isSquare ? numRows : numColumns;
  if (!Number.isInteger(numRows) || !Number.isInteger(cols)) {
    throw new TFTypeError(eyeSizesNotIntegers(numRows, cols));
  }
  const dtype = asDType(options.dtype ?? float32);
  const batch = [...(options.batchShape ?? [])];
  const diagOnes = ones([...batch, Math.min(numRows, cols)], dtype);
  if (numRows === cols) return execute1(MatrixDiagV3, [diagOnes], { numRows: -1, numCols: -1 });
  return execute1(MatrixSetDiagV3, [zeros([...batch, numRows, cols], dtype), diagOnes], {});
}

// --- Gradients (TensorFlow's array_grad.py) -----------------------------------------------------

/** Paddings as Pad's attribute. */
function paddingsAttr(pairs: readonly (readonly [number, number])[]): HostInts {
  return { values: pairs.flat(), dims: [pairs.length, 2] };
}

/** 0, 1, …, n-1 (int32) shaped `dims`: fed through an op that moves elements, it tells each output element's source. */
function positions(dims: readonly number[]): Tensor {
  return reshape(range(0, sizeOf(dims), 1, int32), dims);
}

/**
 * The gradient of an op that copies input elements: dy summed into the input's shape by the
 * source of each output element (`sources`: flat input positions with dy's shape, as the op
 * computes them from positions()); repeated sources accumulate.
 */
function scatterToSources(dy: Tensor, sources: Tensor, inputDims: readonly number[]): Tensor {
  return reshape(unsortedSegmentSum(reshape(dy, [-1]), reshape(sources, [-1]), sizeOf(inputDims)), inputDims);
}

/** The main diagonals (first `n` entries) of the matrices in the last two axes (matrix_diag_part, k = 0). */
function diagonalPart(t: Tensor, n: number): Tensor {
  const r = t.rank, rows = t.dims[r - 2]!, cols = t.dims[r - 1]!;
  const batch = t.dims.slice(0, -2);
  if (n === 0) return zeros([...batch, 0], t.dtype);
  const flat = reshape(t, [sizeOf(batch), rows * cols]);
  return reshape(stridedSlice(flat, [0, 0], [sizeOf(batch), (n - 1) * (cols + 1) + 1], [1, cols + 1]), [...batch, n]);
}

for (const op of [Reshape, ExpandDims, Squeeze]) {
  setGradient(op as OpDef, ({ inputs: [x] }, [dy]) => [reshape(dy!, x!.dims)]);
}
setGradient(Fill, (_info, [dy]) => [reduceSum(dy!)]);
setGradient(ZerosLike, null);
setGradient(Range, null);

setGradient(Pack, ({ inputs, attrs: { axis } }, [dy]) => {
  const rank = dy!.rank, a = axis < 0 ? axis + rank : axis;
  return inputs.map((x, k) => reshape(slice(dy!, dy!.dims.map((_, i) => (i === a ? k : 0)), dy!.dims.map((d, i) => (i === a ? 1 : d))), x.dims));
});

setGradient(ConcatV2, ({ inputs, plan: { axis: a } }, [dy]) => {
  const rank = inputs[0]!.rank;
  if (rank === 0) return inputs.map((_, k) => reshape(slice(dy!, [k], [1]), []));
  let at = 0;
  return inputs.map((x) => {
    const begin = x.dims.map((_, i) => (i === a ? at : 0));
    at += x.dims[a]!;
    return slice(dy!, begin, x.dims);
  });
});

function inversePerm(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => { inv[d] = i; });
  return inv;
}
setGradient(Transpose, ({ plan: { perm } }, [dy]) => [transpose(dy!, inversePerm(perm))]);
setGradient(ConjugateTranspose, ({ plan: { perm } }, [dy]) => [
  transpose(dy!, inversePerm(perm), { conjugate: true }),
]);

setGradient(Slice, ({ inputs: [x], plan: { begin, sizes } }, [dy]) => {
  const pads = x!.dims.map((d, i) => [begin[i]!, d - begin[i]! - sizes[i]!] as const);
  return [execute1(Pad, [dy!], { paddings: paddingsAttr(pads) })];
});

// Unit strides pad dy back into place; other strides scatter it by source position.
setGradient(StridedSlice, ({ inputs: [x], attrs, plan }, [dy]) => {
  if (plan.strides.every((s) => s === 1)) {
    const g = reshape(dy!, plan.processing);
    const pads = x!.dims.map((d, i) => [plan.begin[i]!, d - plan.begin[i]! - plan.processing[i]!] as const);
    return [execute1(Pad, [g], { paddings: paddingsAttr(pads) })];
  }
  return [scatterToSources(dy!, execute1(StridedSlice, [positions(x!.dims)], attrs), x!.dims)];
});

// Rows of dy summed into the params rows they were gathered from (duplicates accumulate): the
// source row of each output row is GatherV2 applied to the row positions of params.
setGradient(GatherV2, ({ inputs: [params, indices], plan: { axis, batchDims } }, [dy]) => {
  const p = params!;
  const rowDims = p.dims.slice(0, axis + 1);
  const sources = execute1(GatherV2, [positions(rowDims), indices!], { axis, batchDims });
  const inner = sizeOf(p.dims.slice(axis + 1));
  const summed = unsortedSegmentSum(reshape(dy!, [sources.size, inner]), reshape(sources, [-1]), sizeOf(rowDims));
  return [reshape(summed, p.dims), null];
});

// Tile: dy seen as [m0, d0, m1, d1, …] and summed over the multiples' axes.
setGradient(Tile, ({ inputs: [x], attrs: { multiples } }, [dy]) => {
  const t = x!;
  if (t.rank === 0) return [dy!];
  const split = t.dims.flatMap((d, i) => [multiples.values[i]!, d]);
  return [reduceSum(reshape(dy!, split), t.dims.map((_, i) => 2 * i))];
});

// Pad/PadV2: the inner block of dy; PadV2's constant gets none (as in TensorFlow).
for (const op of [Pad, PadV2]) {
  setGradient(op, ({ inputs, attrs: { paddings } }, [dy]) => {
    const x = inputs[0]!;
    const dx = slice(dy!, x.dims.map((_, i) => paddings.values[2 * i]!), x.dims);
    return inputs.length === 2 ? [dx, null] : [dx];
  });
}
setGradient(MirrorPad, ({ inputs: [x], attrs }, [dy]) => [
  scatterToSources(dy!, execute1(MirrorPad, [positions(x!.dims)], attrs), x!.dims),
]);

setGradient(MatrixDiagV3, ({ inputs: [d] }, [dy]) => [diagonalPart(dy!, d!.dims[d!.rank - 1]!)]);
setGradient(MatrixSetDiagV3, ({ inputs: [, d] }, [dy]) => {
  const n = d!.dims[d!.rank - 1]!;
  return [execute1(MatrixSetDiagV3, [dy!, zeros(d!.dims, dy!.dtype)], {}), diagonalPart(dy!, n)];
});
