// Ordering: tf.math.top_k, tf.math.in_top_k, tf.sort, tf.argsort, tf.unique, tf.searchsorted.
import { asDType, int32, type DTypeLike } from "../../core/dtypes.js";
import { ValueError } from "../../errors/errors.js";
import { searchsortedBadSide, sortBadDirection } from "../../errors/reduce_messages.js";
import { InTopKV2, LowerBound, TopKV2, Unique, UpperBound } from "../../ops/sort.js";
import { firstOccurrences } from "../../devices/cpu/kernels/sort.js";
import { execute, execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { reshape, transpose } from "./array.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { indexTensor } from "./args.js";
import { negative, subtract } from "./math.js";

function hostNumber(v: number | Tensor): number {
  return v instanceof Tensor ? Number(v.numpy().item()) : v;
}

export interface TopKOptions {
  /** Whether the k values come in descending order (they always do here, as on TensorFlow's CPU). */
  sorted?: boolean;
}

/** tf.math.top_k: `[values, indices]` of the k largest entries along the last axis (equal values: lower index first). */
export function topK(input: TensorLike, k: number | Tensor = 1, options: TopKOptions = {}): [Tensor, Tensor] {
  const [values, indices] = execute(TopKV2, [convertToTensor(input)], { k: hostNumber(k), sorted: options.sorted ?? true });
  return [values!, indices!];
}

/** tf.math.in_top_k(targets, predictions, k): whether each target class scores among the k highest (ties count). */
export function inTopK(targets: TensorLike, predictions: TensorLike, k: number | Tensor): Tensor {
  return execute1(InTopKV2, [convertToTensor(predictions), indexTensor(targets)], { k: hostNumber(k) });
}

export type SortDirection = "ASCENDING" | "DESCENDING";

export interface SortOptions {
  axis?: number;
  direction?: SortDirection;
}
export interface ArgsortOptions extends SortOptions {
  /** Kept for TensorFlow's signature: the order is always stable (equal values keep their order). */
  stable?: boolean;
}

/**
 * Sort (or argsort) along `axis` as TensorFlow's sort_ops: top_k over the last axis (the axis
 * swapped with the last one), ascending order as top_k of a reversed key (-x for floats,
 * -x - 1 for integers, which maps the lowest value to the highest without overflow).
 */
function sortOrArgsort(values: TensorLike, options: SortOptions, argsort: boolean): Tensor {
  const direction = options.direction ?? "ASCENDING";
  if (direction !== "ASCENDING" && direction !== "DESCENDING") throw new ValueError(sortBadDirection(String(direction)));
  const t = convertToTensor(values);
  const rank = t.rank;
  let axis = options.axis ?? -1;
  if (axis < 0) axis += rank;
  const perm = axis === rank - 1 || rank === 0 ? null : t.dims.map((_, i) => (i === axis ? rank - 1 : i === rank - 1 ? axis : i));
  const ascending = direction === "ASCENDING";
  const flip = (x: Tensor) => (x.dtype.isInteger ? subtract(subtract(0, x), 1) : negative(x));
  let key = ascending ? flip(t) : t;
  if (perm !== null) key = transpose(key, perm);
  const [sorted, indices] = topK(key, key.rank === 0 ? 1 : key.dims[key.rank - 1]!);
  let out = argsort ? indices : ascending ? flip(sorted) : sorted;
  if (perm !== null) out = transpose(out, perm);
  return out;
}

/** tf.sort: the values sorted along `axis` (last by default), ASCENDING or DESCENDING. */
export function sort(values: TensorLike, options: SortOptions = {}): Tensor {
  return sortOrArgsort(values, options, false);
}

/** tf.argsort: the int32 indices that sort `values` along `axis` (stable). */
export function argsort(values: TensorLike, options: ArgsortOptions = {}): Tensor {
  return sortOrArgsort(values, options, true);
}

/** tf.unique: `[y, idx]`, the distinct values in order of first occurrence and each element's index into them. */
export function unique(x: TensorLike, outIdx: DTypeLike = int32): [Tensor, Tensor] {
  const t = convertToTensor(x);
  // The count sizes the first output (TensorFlow sizes it in the kernel); the kernel checks it.
  const count = t.rank === 1 ? firstOccurrences(t.dtype, t.hostData()).firsts.length : 0;
  const [y, idx] = execute(Unique, [t], { outIdx: asDType(outIdx), count });
  return [y!, idx!];
}

export interface SearchsortedOptions {
  side?: "left" | "right";
  outType?: DTypeLike;
}

/**
 * tf.searchsorted: for each value, the index in the innermost dimension of `sortedSequence`
 * where it would be inserted to keep it sorted (before equal entries for "left", after for "right").
 */
export function searchsorted(sortedSequence: TensorLike, values: TensorLike, options: SearchsortedOptions = {}): Tensor {
  const s = convertToTensor(sortedSequence);
  const v = convertToTensor(values);
  const side = options.side ?? "left";
  const rows = (t: Tensor) => reshape(t, [-1, t.dims[t.rank - 1] ?? 1]);
  const op = side === "right" ? UpperBound : side === "left" ? LowerBound : null;
  if (op === null) throw new ValueError(searchsortedBadSide(String(side)));
  const out = execute1(op, [rows(s), rows(v)], { outType: asDType(options.outType ?? int32) });
  return reshape(out, v.dims);
}
