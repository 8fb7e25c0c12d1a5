// Shape and layout functions and tensor factories (array_ops): tf.reshape, tf.concat,
// tf.zeros, tf.range, …
import { asDType, bool, float32, int32, type DType, type DTypeLike } from "../../core/dtypes.js";
import { InvalidArgumentError, TypeError as TFTypeError, ValueError } from "../../errors/errors.js";
import {
  concatNeedsValues, eyeSizesNotIntegers, packNeedsInput, rangeArgumentNotNumber, rangeArgumentNotScalar,
  rangeDtypeNotSupported, unknownPadMode,
} from "../../errors/op_messages.js";
import {
  ConcatV2, ConjugateTranspose, ExpandDims, Fill, GatherV2, Identity, MatrixDiagV3, MatrixSetDiagV3, MirrorPad,
  Pack, Pad, PadV2, Range, Reshape, Slice, Squeeze, StopGradient, StridedSlice, Tile, Transpose, ZerosLike,
} from "../../ops/array.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { hostInts, indexTensor, matchingTensors, shapeValues, type IntsLike, type ShapeArg } from "./args.js";
import { constant, convertToTensor, type TensorLike } from "./convert.js";
import { cast } from "./math.js";

/** tf.reshape: the same values with a new shape (one dimension may be -1). */
export function reshape(x: TensorLike, shape: ShapeArg): Tensor {
  return execute1(Reshape, [convertToTensor(x)], { shape: shapeValues(shape, "Reshape") });
}

/** tf.stack: join same-shaped values along a new axis. */
export function stack(values: readonly TensorLike[], axis = 0): Tensor {
  if (values.length === 0) throw new InvalidArgumentError(packNeedsInput());
  return execute1(Pack, matchingTensors(values), { axis });
}

/** tf.fill: a tensor of shape `dims` filled with the scalar `value`. */
export function fill(dims: ShapeArg, value: TensorLike): Tensor {
  return execute1(Fill, [convertToTensor(value)], { dims: shapeValues(dims, "Fill", "index_type") });
}

/** The Python value tf.zeros / tf.ones start from for a dtype. */
function factoryValue(dtype: DType, one: boolean): TensorLike {
  if (dtype === bool) return one;
  if (dtype.isString && !one) return "";
  if (dtype.isComplex) return { re: one ? 1 : 0, im: 0 };
  return one ? 1 : 0;
}

/** tf.zeros: a tensor of `shape` filled with zeros (false, "" for bool and string). */
export function zeros(shape: ShapeArg, dtype: DTypeLike = float32): Tensor {
  const d = asDType(dtype);
  return constant(factoryValue(d, false), d, shapeValues(shape, "Fill", "index_type"));
}

/** tf.ones: a tensor of `shape` filled with ones (true for bool). */
export function ones(shape: ShapeArg, dtype: DTypeLike = float32): Tensor {
  const d = asDType(dtype);
  return constant(factoryValue(d, true), d, shapeValues(shape, "Fill", "index_type"));
}

/** tf.identity: the same value as a new tensor. */
export function identity(x: TensorLike): Tensor { return execute1(Identity, [convertToTensor(x)], {}); }

/** tf.stop_gradient: the same value, through which no gradient flows. */
export function stopGradient(x: TensorLike): Tensor { return execute1(StopGradient, [convertToTensor(x)], {}); }

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

/** tf.expand_dims: insert a dimension of size 1 at `axis`. */
export function expandDims(x: TensorLike, axis: number): Tensor {
  return execute1(ExpandDims, [convertToTensor(x)], { axis });
}

/** tf.squeeze: drop dimensions of size 1 (all of them, or those in `axis`). */
export function squeeze(x: TensorLike, axis?: number | readonly number[] | null): Tensor {
  const list = axis === undefined || axis === null ? [] : typeof axis === "number" ? [axis] : [...axis];
  return execute1(Squeeze, [convertToTensor(x)], { axis: list });
}

/** tf.concat: join values along an existing axis. */
export function concat(values: readonly TensorLike[] | Tensor, axis: number): Tensor {
  const list: readonly TensorLike[] = values instanceof Tensor ? [values] : values;
  if (list.length === 0) throw new ValueError(concatNeedsValues());
  // TensorFlow returns a single value unchanged (an Identity), without checking the axis range.
  if (list.length === 1) return convertToTensor(list[0]!);
  return execute1(ConcatV2, matchingTensors(list), { axis });
}

/** tf.slice: the block starting at `begin` of extent `size` (-1: to the end). */
export function slice(x: TensorLike, begin: IntsLike, size: IntsLike): Tensor {
  return execute1(Slice, [convertToTensor(x)], { begin: hostInts(begin, "Slice", "Index"), size: hostInts(size, "Slice", "Index") });
}

export interface StridedSliceMasks {
  beginMask?: number;
  endMask?: number;
  ellipsisMask?: number;
  newAxisMask?: number;
  shrinkAxisMask?: number;
}

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
  // Python's tf.gather reads a variable's rows with its sparse_read (ResourceGather) on axis 0,
  // so that tapes give the variable IndexedSlices; duck-typed as TensorFlow does.
  if (axis === 0 && hasSparseRead(params)) return params.sparseRead(indices);
  // Python's tf.gather leaves batch_dims out of GatherV2 when the axis is 0.
  return execute1(GatherV2, [convertToTensor(params), indexTensor(indices)], { axis, batchDims: axis === 0 ? 0 : batchDims });
}

function hasSparseRead(x: unknown): x is { sparseRead(indices: TensorLike): Tensor } {
  return typeof x === "object" && x !== null && typeof (x as { sparseRead?: unknown }).sparseRead === "function";
}

/** tf.tile: repeat the tensor `multiples[i]` times along each axis. */
export function tile(x: TensorLike, multiples: IntsLike): Tensor {
  return execute1(Tile, [convertToTensor(x)], { multiples: hostInts(multiples, "Tile", "Tmultiples") });
}

export type PadMode = "CONSTANT" | "REFLECT" | "SYMMETRIC";

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
  if (!Number.isInteger(numRows) || !Number.isInteger(cols)) throw new TFTypeError(eyeSizesNotIntegers(numRows, cols));
  const dtype = asDType(options.dtype ?? float32);
  const batch = [...(options.batchShape ?? [])];
  const diagOnes = ones([...batch, Math.min(numRows, cols)], dtype);
  if (numRows === cols) return execute1(MatrixDiagV3, [diagOnes], { numRows: -1, numCols: -1 });
  return execute1(MatrixSetDiagV3, [zeros([...batch, numRows, cols], dtype), diagOnes], {});
}
