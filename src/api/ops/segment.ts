// Segment reductions (tf.math.segment_*, tf.math.unsorted_segment_*), and the counts built on
// them: tf.math.bincount and tf.math.confusion_matrix.
import { asDType, int32, int64, type DTypeLike } from "../../core/dtypes.js";
import { InvalidArgumentError, ValueError } from "../../errors/errors.js";
import { atOp } from "../../errors/op_messages.js";
import { bincountBadAxis, bincountNegative, confusionNegative, confusionOutOfBound } from "../../errors/reduce_messages.js";
import type { OpDef } from "../../ops/op_def.js";
import {
  SegmentMax, SegmentMean, SegmentMin, SegmentProd, SegmentSum, UnsortedSegmentMax, UnsortedSegmentMin,
  UnsortedSegmentProd, type SortedSegmentAttrs,
} from "../../ops/segment.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { indexTensor } from "./args.js";
import { onesLike, reshape } from "./array.js";
import { greater } from "./compare.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { cast, divide, maximum, sqrt, unsortedSegmentSum } from "./math.js";

function sortedSegment(op: OpDef<SortedSegmentAttrs>, data: TensorLike, segmentIds: TensorLike): Tensor {
  const ids = indexTensor(segmentIds);
  // The output has as many rows as the last id + 1 (TensorFlow reads it in the kernel).
  const host = ids.rank === 1 ? ids.hostData() as Int32Array | BigInt64Array : null;
  const numRows = host !== null && host.length > 0 ? Number(host[host.length - 1]!) + 1 : 0;
  return execute1(op, [convertToTensor(data), ids], { numRows });
}

/** tf.math.segment_sum: rows of `data` summed by sorted `segmentIds` (ids no row has give 0). */
export function segmentSum(data: TensorLike, segmentIds: TensorLike): Tensor { return sortedSegment(SegmentSum, data, segmentIds); }
/** tf.math.segment_mean: the mean of each segment (integers truncate; empty segments 0). */
export function segmentMean(data: TensorLike, segmentIds: TensorLike): Tensor { return sortedSegment(SegmentMean, data, segmentIds); }
/** tf.math.segment_prod: the product of each segment (empty segments 1). */
export function segmentProd(data: TensorLike, segmentIds: TensorLike): Tensor { return sortedSegment(SegmentProd, data, segmentIds); }
/** tf.math.segment_max: the largest value of each segment (empty segments 0). */
export function segmentMax(data: TensorLike, segmentIds: TensorLike): Tensor { return sortedSegment(SegmentMax, data, segmentIds); }
/** tf.math.segment_min: the smallest value of each segment (empty segments 0). */
export function segmentMin(data: TensorLike, segmentIds: TensorLike): Tensor { return sortedSegment(SegmentMin, data, segmentIds); }

function hostCount(v: number | Tensor): number {
  return v instanceof Tensor ? Number(v.numpy().item()) : v;
}

function unsortedSegment(op: OpDef<{ numSegments: number }>, data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  return execute1(op, [convertToTensor(data), indexTensor(segmentIds)], { numSegments: hostCount(numSegments) });
}

/** tf.math.unsorted_segment_max: per id, the largest row (the dtype's lowest value where no row has the id). */
export function unsortedSegmentMax(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  return unsortedSegment(UnsortedSegmentMax, data, segmentIds, numSegments);
}
/** tf.math.unsorted_segment_min: per id, the smallest row (the dtype's highest value where no row has the id). */
export function unsortedSegmentMin(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  return unsortedSegment(UnsortedSegmentMin, data, segmentIds, numSegments);
}
/** tf.math.unsorted_segment_prod: per id, the product of its rows (1 where none). */
export function unsortedSegmentProd(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  return unsortedSegment(UnsortedSegmentProd, data, segmentIds, numSegments);
}

/**
 * The number of rows of each segment, at least 1, shaped to broadcast against the segment sums
 * (TensorFlow's _unsorted_segment_N).
 */
function segmentCounts(data: Tensor, ids: Tensor, numSegments: number): Tensor {
  const counts = unsortedSegmentSum(onesLike(ids, data.dtype), ids, numSegments);
  const shaped = reshape(counts, [numSegments, ...data.dims.slice(ids.rank).map(() => 1)]);
  return maximum(shaped, 1);
}

/** tf.math.unsorted_segment_mean: the sum of each segment over its row count (0 where none). */
export function unsortedSegmentMean(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  const d = convertToTensor(data), ids = indexTensor(segmentIds), n = hostCount(numSegments);
  const summed = unsortedSegmentSum(d, ids, n);
  return divide(summed, segmentCounts(d, ids, n));
}

/** tf.math.unsorted_segment_sqrt_n: the sum of each segment over the square root of its row count. */
export function unsortedSegmentSqrtN(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  const d = convertToTensor(data), ids = indexTensor(segmentIds), n = hostCount(numSegments);
  const summed = unsortedSegmentSum(d, ids, n);
  return divide(summed, sqrt(segmentCounts(d, ids, n)));
}

export interface BincountOptions {
  /** Per-element weights (same shape as arr): the counts become sums of weights, in their dtype. */
  weights?: TensorLike | null;
  minlength?: number | null;
  maxlength?: number | null;
  /** The counts' dtype without weights (int32 by default). */
  dtype?: DTypeLike;
  /** 0: one count over everything; -1: a count per row of the last axis. */
  axis?: number | null;
  /** Whether each bin says only if the value occurs (1) or not (0). */
  binaryOutput?: boolean;
}

/** tf.math.bincount: how often each value in [0, size) occurs (values past maxlength dropped). */
export function bincount(arr: TensorLike, options: BincountOptions = {}): Tensor {
  let a = convertToTensor(arr);
  if (!a.dtype.isInteger) a = cast(a, int32);
  const axis = options.axis ?? 0;
  if (axis !== 0 && axis !== -1) throw new ValueError(bincountBadAxis(axis));
  const values = Array.from(a.hostData() as ArrayLike<number | bigint>, Number);
  if (values.some((v) => v < 0)) throw new InvalidArgumentError(atOp(bincountNegative(), "DenseBincount"));
  let size = values.length > 0 ? Math.max(...values) + 1 : 0;
  if (options.minlength !== undefined && options.minlength !== null) size = Math.max(options.minlength, size);
  if (options.maxlength !== undefined && options.maxlength !== null) size = Math.min(options.maxlength, size);
  const weights = options.weights === undefined || options.weights === null ? null : convertToTensor(options.weights);
  const dtype = weights !== null ? weights.dtype : asDType(options.dtype ?? int32);
  const perRow = axis === -1 && a.rank > 1;
  const rows = perRow ? a.dims.slice(0, -1).reduce((p, q) => p * q, 1) : 1;
  const columns = perRow ? a.dims[a.rank - 1]! : values.length;
  // Each value v of row r counts into bin r * size + v; values past the bins are dropped (-1).
  const bins = values.map((v, i) => (v < size ? Math.floor(i / Math.max(columns, 1)) * size + v : -1));
  const ids = convertToTensor(Int32Array.from(bins), int32);
  const w = weights !== null ? reshape(weights, [-1]) : onesLike(ids, dtype);
  let counts = unsortedSegmentSum(w, ids, rows * size);
  if (options.binaryOutput) counts = cast(greater(counts, 0), dtype);
  return reshape(counts, perRow ? [...a.dims.slice(0, -1), size] : [size]);
}

export interface ConfusionMatrixOptions {
  numClasses?: number | null;
  /** Per-example weights (the matrix sums them, in `dtype`). */
  weights?: TensorLike | null;
  /** The matrix's dtype (int32 by default). */
  dtype?: DTypeLike;
}

/** tf.math.confusion_matrix: counts[i][j] of examples with label i predicted as j, shape [n, n]. */
export function confusionMatrix(labels: TensorLike, predictions: TensorLike, options: ConfusionMatrixOptions = {}): Tensor {
  const l = cast(reshape(convertToTensor(labels), [-1]), int64);
  const p = cast(reshape(convertToTensor(predictions), [-1]), int64);
  const ls = Array.from(l.hostData() as BigInt64Array, Number), ps = Array.from(p.hostData() as BigInt64Array, Number);
  if (ls.some((v) => v < 0)) throw new InvalidArgumentError(confusionNegative("labels"));
  if (ps.some((v) => v < 0)) throw new InvalidArgumentError(confusionNegative("predictions"));
  const n = options.numClasses ?? Math.max(0, ...ls, ...ps) + (ls.length > 0 ? 1 : 0);
  if (ls.some((v) => v >= n)) throw new InvalidArgumentError(confusionOutOfBound("labels"));
  if (ps.some((v) => v >= n)) throw new InvalidArgumentError(confusionOutOfBound("predictions"));
  const dtype = asDType(options.dtype ?? int32);
  const cells = convertToTensor(Int32Array.from(ls.map((v, i) => v * n + ps[i]!)), int32);
  const values = options.weights === undefined || options.weights === null
    ? onesLike(cells, dtype) : cast(reshape(convertToTensor(options.weights), [-1]), dtype);
  return reshape(unsortedSegmentSum(values, cells, n * n), [n, n]);
}
