// Array (shape and layout) ops (array_ops / gen_array_ops).
//
// TensorFlow feeds small integer inputs that its kernels read on the host (perm, begin,
// size, multiples, paddings, Range's scalars) as tensors; here they travel as attributes,
// as `HostInts` (the values and the shape of the tensor TensorFlow would have made, which
// some of its messages quote).
import { dtypeEnumName, float64, int32, int64, type DType } from "../core/dtypes.js";
import { sizeOf } from "../core/tensor_shape.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, NotFoundError, UnimplementedError } from "../errors/errors.js";
import { noKernelFor, notInAllowedValues } from "../errors/messages.js";
import {
  batchDimMismatch, batchDimsAboveAxis, batchDimsNotBelowParamsRank, batchDimsOutOfRange, concatAxisOutOfRange,
  concatDimensionsDiffer, concatRanksDiffer, diagonalRankBelowOne, diagonalShapeMismatch, expandDimsOutOfRange,
  fillNegativeDim, fillValueNotScalar, gatherParamsScalar, matrixRankBelowTwo, multipleEllipses,
  multiplesLengthMismatch, multiplesNotVector, negativeMirrorPaddings, negativeMultiple, negativePaddings,
  packAxisOutOfRange, packShapesDiffer, padConstantNotScalar, padRankNotSupported, paddingsNotMatrix,
  paddingsRowsNotRank, permEntryOutOfRange, permMissingAxis, permNotVector, permSizeMismatch, rangeStartAboveLimit,
  rangeStartBelowLimit, rangeTooLarge, rangeZeroDelta, rankBelowMinimum, reflectPaddingsTooLarge,
  reshapeNegativeSize, reshapeNotMultiple, reshapeSizeMismatch, reshapeTwoUnknownSizes, shrinkAxisNeedsUnitStride,
  sliceArgumentsNotVectors, sliceBeginOutOfRange, sliceIndexBeyondRank, sliceIndexOutOfBounds, sliceOfEmptyDimension,
  sliceSizeOutOfRange, squeezeDimNotOne, squeezeDimOutOfRange, stridedSliceArgumentsNotVectors,
  symmetricPaddingsTooLarge, tileDtypeNotSupported, zeroStride,
} from "../errors/op_messages.js";
import { ALL_TYPES, defineOp, definePlannedOp } from "./op_def.js";
import { checkSameDtype } from "./shape_rules.js";
import { diagGeometry, type DiagAlign } from "./linalg_matrix.js";

/** The values of a small integer tensor TensorFlow reads on the host, and its shape. */
export interface HostInts {
  readonly values: readonly number[];
  readonly dims: readonly number[];
}

// --- Reshape, Pack, Fill, Identity, StopGradient, ZerosLike ---------------------------------

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

/** Identity and StopGradient: the same value (sharing its buffer); StopGradient blocks gradients. */
export const Identity = defineOp({ name: "Identity", inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }] });
export const StopGradient = defineOp({ name: "StopGradient", inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }] });

export const ZerosLike = defineOp({
  name: "ZerosLike",
  inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }],
});

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

// --- StridedSlice ------------------------------------------------------------------------------

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

// --- Pad, PadV2, MirrorPad ----------------------------------------------------------------------------

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

// --- eye: MatrixDiagV3 / MatrixSetDiagV3 on the main diagonal -----------------------------------------------

const DIAG_TYPES = ALL_TYPES.filter((d) => d !== "string");

/** MatrixDiagV3's attributes; `k` (default [0, 0]) and `align` come from tf.linalg.diag (linalg_matrix.ts). */
export interface MatrixDiagAttrs { numRows: number; numCols: number; k?: readonly [number, number]; align?: DiagAlign }

/**
 * MatrixDiagV3: numRows x numCols matrices (the smallest that fit when -1) with `diagonal` on
 * the diagonals k[0]…k[1]; an optional input 1 (a scalar) pads the rest.
 */
export const MatrixDiagV3 = defineOp<MatrixDiagAttrs>({
  name: "MatrixDiagV3",
  allowed: DIAG_TYPES,
  inferOutputs: (inputs, attrs) => {
    checkSameDtype("MatrixDiagV3", inputs);
    const d = inputs[0]!;
    if (d.dims.length < 1) {
      throw new InvalidArgumentError(diagonalRankBelowOne(d.dims));
    }
    const { batch, geometry } = diagGeometry(d.dims, attrs);
    return [{ dtype: d.dtype, dims: [...batch, geometry.rows, geometry.cols] }];
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

/** Every op of this family, by name (the gradient table is typed over it). */
export const arrayOps = {
  Reshape, Pack, Fill, Identity, StopGradient, ZerosLike, Transpose, ConjugateTranspose, ExpandDims, Squeeze,
  ConcatV2, Slice, StridedSlice, GatherV2, Tile, Pad, PadV2, MirrorPad, Range, MatrixDiagV3, MatrixSetDiagV3,
};
