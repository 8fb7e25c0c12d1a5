// Shape functions and layout ops (array_ops / manip_ops): tf.shape, tf.size, tf.rank,
// tf.broadcastTo, tf.reverse, tf.roll, tf.oneHot, tf.split, tf.unstack, and the functions
// TensorFlow's Python layer composes from other ops (linspace, repeat, meshgrid,
// boolean_mask, sequence_mask), composed here the same way so that gradients follow.
import { asDType, bool, float32, float64, int32, int64, type DType, type DTypeLike } from "../../core/dtypes.js";
import { broadcastShape } from "../../core/broadcast.js";
import { sizeOf, TensorShape, type Dim, type ShapeLike } from "../../core/tensor_shape.js";
import { InvalidArgumentError, TypeError as TFTypeError, ValueError } from "../../errors/errors.js";
import {
  booleanMaskScalar, booleanMaskShapeMismatch, broadcastArgsIncompatibleOp, meshgridBadIndexing, oneHotDtypeMismatch, oneHotOnOffMismatch,
  sequenceMaskMaxlenNotScalar, splitSizesScalar, splitUnknownNum, staticShapesIncompatible, unstackAxisOutOfRange,
} from "../../errors/array_messages.js";
import { pyValueRepr } from "../../format/pyrepr.js";
import { BroadcastTo, InvertPermutation, OneHot, ReverseV2, Roll, Split, SplitV, Unpack } from "../../ops/shape_ops.js";
import { execute, execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { convertPreferring, hostInts, hostIntsOrScalar, indexTensor, shapeValues, type IntsLike, type ShapeArg } from "./args.js";
import { concat, expandDims, gather, ones, range, reshape, slice, tile } from "./array.js";
import { less } from "./compare.js";
import { constant, convertToTensor, type TensorLike } from "./convert.js";
import { add, cast, divide, multiply, subtract } from "./math.js";

/** An int32 or int64 vector of host values, as Shape and Size return them. */
function intVector(values: readonly number[], outType: DTypeLike): Tensor {
  const d = asDType(outType);
  return d === int64 ? constant(BigInt64Array.from(values, BigInt)) : constant(Int32Array.from(values));
}

/** tf.shape: the dimensions of `x` as a 1-D int32 (or int64) tensor. */
export function shape(x: TensorLike, outType: DTypeLike = int32): Tensor {
  return intVector(convertToTensor(x).dims, outType);
}

/** tf.shape_n: the shapes of several tensors. */
export function shapeN(xs: readonly TensorLike[], outType: DTypeLike = int32): Tensor[] {
  return xs.map((x) => shape(x, outType));
}

/** tf.size: the number of elements of `x` as a scalar int32 (or int64) tensor. */
export function size(x: TensorLike, outType: DTypeLike = int32): Tensor {
  return reshape(intVector([convertToTensor(x).size], outType), []);
}

/** tf.rank: the number of dimensions of `x` as a scalar int32 tensor. */
export function rank(x: TensorLike): Tensor {
  return constant(convertToTensor(x).rank, int32);
}

/** tf.broadcast_to: `x` broadcast (NumPy rules) to `shape`. */
export function broadcastTo(x: TensorLike, shape: ShapeArg): Tensor {
  return execute1(BroadcastTo, [convertToTensor(x)], { shape: shapeValues(shape, "BroadcastTo", "Tidx") });
}

/** tf.broadcast_static_shape: the broadcast of two TensorShapes (unknown dimensions allowed). */
export function broadcastStaticShape(shapeX: ShapeLike, shapeY: ShapeLike): TensorShape {
  const a = new TensorShape(shapeX), b = new TensorShape(shapeY);
  if (a.dims === null || b.dims === null) return new TensorShape(null);
  const n = Math.max(a.dims.length, b.dims.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const ia = a.dims.length - n + i, ib = b.dims.length - n + i;
    const x = ia >= 0 ? a.dims[ia]! : 1, y = ib >= 0 ? b.dims[ib]! : 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null) out.push(y);
    else if (y === null || x === y) out.push(x);
    else throw new ValueError(staticShapesIncompatible(a.toString(), b.toString()));
  }
  return new TensorShape(out);
}

/** tf.broadcast_dynamic_shape: the broadcast of two shape vectors, as a tensor of their dtype. */
export function broadcastDynamicShape(shapeX: TensorLike, shapeY: TensorLike): Tensor {
  const x = indexTensor(shapeX), y = indexTensor(shapeY);
  const a = hostInts(x, "BroadcastArgs", "T").values, b = hostInts(y, "BroadcastArgs", "T").values;
  const out = broadcastShape(a, b);
  if (out === null) throw new InvalidArgumentError(broadcastArgsIncompatibleOp(a, b));
  return intVector(out, x.dtype);
}

export interface LinspaceOptions {
  /** The axis of the result along which the values advance (default 0). */
  axis?: number;
}

/** Integer tensors divide into floats, as Python's `/` (truediv) does. */
function truedivDtype(d: DType): DType {
  if (!d.isInteger) return d;
  return d.name === "int8" || d.name === "int16" || d.name === "uint8" || d.name === "uint16" ? float32 : float64;
}

/**
 * tf.linspace: `num` evenly spaced values from start to stop (both included). Composed as
 * TensorFlow's linspace_nd: start + delta * [1 … num-2] between the start and the stop, with
 * start and stop broadcast against each other and the values along `axis`.
 */
export function linspace(start: TensorLike, stop: TensorLike, num: number | TensorLike, options: LinspaceOptions = {}): Tensor {
  const s0 = convertToTensor(start);
  const e0 = convertToTensor(stop, s0.dtype);
  const n = typeof num === "number" ? num : Number(indexTensor(num).numpy().item());
  const dims = broadcastShape(s0.dims, e0.dims);
  if (dims === null) throw new InvalidArgumentError(broadcastArgsIncompatibleOp(s0.dims, e0.dims));
  const axis = options.axis ?? 0;
  const rank = dims.length + 1;
  const a = axis < 0 ? axis + rank : axis;
  const s = expandDims(broadcastTo(s0, dims), axis), e = expandDims(broadcastTo(e0, dims), axis);
  const steps = Math.max(n - 1, 1);
  const d = truedivDtype(s0.dtype);
  const sf = cast(s, d), ef = cast(e, d);
  const delta = divide(subtract(ef, sf), constant(steps, d));
  const fill = Math.max(n - 2, 0);
  const between = reshape(cast(range(1, Math.max(steps, 1), 1, int64), d), s.dims.map((_, i) => (i === a ? fill : 1)));
  const all = concat([sf, add(sf, multiply(delta, between)), ef], a);
  return slice(all, all.dims.map(() => 0), s.dims.map((k, i) => (i === a ? n : k)));
}

export interface OneHotOptions {
  /** The value at the index (default 1). */
  onValue?: TensorLike;
  /** The value elsewhere (default 0). */
  offValue?: TensorLike;
  /** The axis of the new dimension (default -1, the last). */
  axis?: number;
  /** The result's dtype (default: the on/off values', else float32). */
  dtype?: DTypeLike;
}

/** The Python value 0 or 1 of a dtype (for one_hot's defaults). */
function unitValue(d: DType, one: boolean): TensorLike {
  if (d === bool) return one;
  if (d.isComplex) return { re: one ? 1 : 0, im: 0 };
  return one ? 1 : 0;
}

/** tf.one_hot: a `depth`-long one-hot vector for each index (all off for indices outside [0, depth)). */
export function oneHot(indices: TensorLike, depth: number, options: OneHotOptions = {}): Tensor {
  const idx = indexTensor(indices);
  let dtype = options.dtype === undefined || options.dtype === null ? undefined : asDType(options.dtype);
  const conv = (v: TensorLike) => (dtype === undefined ? convertToTensor(v) : convertPreferring(v, dtype));
  let on = options.onValue === undefined ? undefined : conv(options.onValue);
  let off = options.offValue === undefined ? undefined : conv(options.offValue);
  if (on !== undefined || off !== undefined) {
    if (dtype !== undefined) {
      if (on !== undefined && on.dtype !== dtype) throw new TFTypeError(oneHotDtypeMismatch("on_value", String(on.dtype), String(dtype)));
      if (off !== undefined && off.dtype !== dtype) throw new TFTypeError(oneHotDtypeMismatch("off_value", String(off.dtype), String(dtype)));
    } else dtype = (on ?? off)!.dtype;
  }
  dtype ??= float32;
  on ??= convertToTensor(unitValue(dtype, true), dtype);
  off ??= convertToTensor(unitValue(dtype, false), dtype);
  if (on.dtype !== off.dtype) {
    throw new TFTypeError(oneHotOnOffMismatch(String(on.dtype), String(off.dtype)));
  }
  return execute1(OneHot, [idx, on, off], { depth, axis: options.axis ?? -1 });
}

/** tf.reverse: `x` with the order of elements reversed along each axis in `axis`. */
export function reverse(x: TensorLike, axis: IntsLike | number): Tensor {
  return execute1(ReverseV2, [convertToTensor(x)], { axis: hostIntsOrScalar(axis, "ReverseV2", "Tidx") });
}

/** tf.roll: elements shifted by `shift` along `axis` (both a number or lists of one length), wrapping around. */
export function roll(x: TensorLike, shift: IntsLike | number, axis: IntsLike | number): Tensor {
  return execute1(Roll, [convertToTensor(x)], {
    shift: hostIntsOrScalar(shift, "Roll", "Tshift"), axis: hostIntsOrScalar(axis, "Roll", "Taxis"),
  });
}

export interface SplitOptions {
  /** The number of pieces when the sizes do not tell it. */
  num?: number;
}

/** tf.split: `numOrSizeSplits` equal pieces, or pieces of the given sizes (one may be -1), along `axis`. */
export function split(x: TensorLike, numOrSizeSplits: number | IntsLike, axis = 0, options: SplitOptions = {}): Tensor[] {
  const t = convertToTensor(x);
  if (typeof numOrSizeSplits === "number") return execute(Split, [t], { axis, numSplit: numOrSizeSplits });
  const sizes = hostInts(numOrSizeSplits, "SplitV", "Tlen");
  if (sizes.dims.length === 0) throw new ValueError(splitSizesScalar(pyValueRepr(sizes.values[0])));
  const num = options.num ?? sizes.dims[0];
  if (num === undefined) throw new ValueError(splitUnknownNum(String(numOrSizeSplits)));
  return execute(SplitV, [t], { sizes, axis });
}

export interface UnstackOptions {
  /** The number of pieces (default: the size of `axis`). */
  num?: number;
  /** The axis to unpack along (default 0). */
  axis?: number;
}

/** tf.unstack: the slices of `x` along `axis`, each without that axis. */
export function unstack(x: TensorLike, options: UnstackOptions = {}): Tensor[] {
  const t = convertToTensor(x);
  const axis = options.axis ?? 0;
  let num = options.num;
  if (num === undefined) {
    if (axis < -t.rank || axis >= t.rank) throw new ValueError(unstackAxisOutOfRange(axis, t.rank));
    num = t.dims[axis < 0 ? axis + t.rank : axis]!;
  }
  return execute(Unpack, [t], { num, axis });
}

/**
 * tf.repeat: each element (or slice along `axis`) repeated `repeats` times (a number, or one
 * count per slice); without an axis the input is flattened first. Lowered to Tile for one count
 * and to a gather of the repeated positions otherwise, so the gradient sums the copies.
 */
export function repeat(x: TensorLike, repeats: number | IntsLike, axis?: number | null): Tensor {
  let t = convertToTensor(x);
  if (axis === undefined || axis === null) { t = reshape(t, [-1]); axis = 0; }
  const a = axis < 0 ? axis + t.rank : axis;
  const r = hostIntsOrScalar(repeats, "Repeat", "T");
  if (r.values.length === 1) {
    const k = r.values[0]!;
    const tiled = tile(expandDims(t, a + 1), [...t.dims, 1].map((_, i) => (i === a + 1 ? k : 1)));
    return reshape(tiled, t.dims.map((d, i) => (i === a ? d * k : d)));
  }
  const counts = hostInts(broadcastTo(constant(Int32Array.from(r.values)), [t.dims[a]!]), "Repeat", "T").values;
  const positions: number[] = [];
  counts.forEach((c, i) => { for (let j = 0; j < c; j++) positions.push(i); });
  return gather(t, constant(Int32Array.from(positions)), { axis: a });
}

export interface MeshgridOptions {
  /** "xy" (Cartesian, default) or "ij" (matrix) indexing. */
  indexing?: "xy" | "ij";
}

function isMeshgridOptions(v: unknown): v is MeshgridOptions {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v) &&
    !("re" in v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** tf.meshgrid: coordinate grids from 1-D coordinate vectors (a trailing options object picks the indexing). */
export function meshgrid(...args: (TensorLike | MeshgridOptions)[]): Tensor[] {
  const last = args[args.length - 1];
  const options: MeshgridOptions = isMeshgridOptions(last) ? (args.pop() as MeshgridOptions) : {};
  const indexing = options.indexing ?? "xy";
  if (indexing !== "xy" && indexing !== "ij") throw new ValueError(meshgridBadIndexing(String(indexing)));
  const xs = (args as TensorLike[]).map((v) => convertToTensor(v));
  const n = xs.length;
  const out = xs.map((x, i) => reshape(x, xs.map((_, k) => (k === i ? -1 : 1))));
  const sizes = xs.map((x) => x.size);
  if (indexing === "xy" && n > 1) {
    out[0] = reshape(out[0]!, [1, -1, ...new Array<number>(n - 2).fill(1)]);
    out[1] = reshape(out[1]!, [-1, 1, ...new Array<number>(n - 2).fill(1)]);
    [sizes[0], sizes[1]] = [sizes[1]!, sizes[0]!];
  }
  if (n === 0) return [];
  const factor = ones(sizes, xs[0]!.dtype);
  return out.map((x) => multiply(x, factor));
}

export interface BooleanMaskOptions {
  /** The first axis of `tensor` the mask covers (default 0). */
  axis?: number;
}

/** tf.boolean_mask: the slices of `tensor` where `mask` (covering axes axis…axis+rank(mask)-1) is true, flattened into one axis. */
export function booleanMask(tensor: TensorLike, mask: TensorLike, options: BooleanMaskOptions = {}): Tensor {
  const t = convertToTensor(tensor);
  const m = convertToTensor(mask);
  if (m.rank === 0) throw new ValueError(booleanMaskScalar());
  const axis = options.axis ?? 0;
  const a = axis < 0 ? axis + t.rank : axis;
  const covered = t.dims.slice(a, a + m.rank);
  if (covered.length !== m.rank || covered.some((d, i) => d !== m.dims[i])) {
    throw new ValueError(booleanMaskShapeMismatch(new TensorShape(covered).toString(), new TensorShape(m.dims).toString()));
  }
  const flat = reshape(t, [...t.dims.slice(0, a), sizeOf(covered), ...t.dims.slice(a + m.rank)]);
  const bits = m.numpy().data as ArrayLike<number | bigint | boolean>;
  const where: number[] = [];
  for (let i = 0; i < bits.length; i++) if (Boolean(bits[i])) where.push(i);
  return gather(flat, constant(BigInt64Array.from(where, BigInt)), { axis: a });
}

/** tf.sequence_mask: mask[i…, j] = j < lengths[i…], for j below maxlen (default: the largest length). */
export function sequenceMask(lengths: TensorLike, maxlen?: TensorLike | null, dtype: DTypeLike = bool): Tensor {
  const l = indexTensor(lengths);
  let m: Tensor;
  if (maxlen === undefined || maxlen === null) {
    const values = Array.from(l.numpy().data as ArrayLike<number | bigint>, Number);
    m = constant(Math.max(0, ...values), l.dtype);
  } else {
    m = indexTensor(maxlen);
    if (m.rank !== 0) throw new ValueError(sequenceMaskMaxlenNotScalar(m.repr(), String(m.shape)));
  }
  const row = range(0, m, 1, m.dtype);
  const result = less(row, cast(expandDims(l, -1), m.dtype));
  const d = asDType(dtype);
  return d === bool ? result : cast(result, d);
}

/** tf.math.invert_permutation: y with y[x[i]] = i for a permutation x of 0…n-1 (int32, or int64). */
export function invertPermutation(x: TensorLike): Tensor {
  return execute1(InvertPermutation, [indexTensor(x)], {});
}
