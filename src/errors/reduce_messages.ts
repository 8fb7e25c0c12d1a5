// Messages of the reductions, scans, segment reductions and sorting ops (#14), as
// TensorFlow's kernels and Python layer write them.
import { shapeDebugString } from "../core/tensor_shape.js";
import type { DType } from "../core/dtypes.js";

type Dims = readonly number[];

/** Cumsum/Cumprod's axis outside [-rank, rank). */
export function scanAxisOutOfRange(axis: number, rank: number): string {
  return `ScanOp: Expected scan axis in the range [${-rank}, ${rank}), but got ${axis}`;
}

/** TopKV2's k below zero. */
export function topKNegativeK(k: number): string {
  return `Need k >= 0, got ${k}`;
}

/** TopKV2 on a scalar. */
export function topKScalarInput(dims: Dims): string {
  return `input must be >= 1-D, got shape ${shapeDebugString(dims)}`;
}

/** TopKV2's k above the last dimension. */
export function topKTooFewColumns(columns: number, k: number): string {
  return `input must have at least k columns. Had ${columns}, needed ${k}`;
}

/** InTopKV2's predictions not a matrix. */
export function inTopKPredictionsRank(): string {
  return "predictions must be 2-dimensional";
}

/** InTopKV2's targets not a vector. */
export function inTopKTargetsRank(): string {
  return "targets must be 1-dimensional";
}

/** InTopKV2's batch sizes that differ. */
export function inTopKBatchMismatch(predictions: number, targets: number): string {
  return `First dimension of predictions ${predictions} must match length of targets ${targets}`;
}

/** AddN's inputs of different shapes. */
export function addNShapeMismatch(first: Dims, index: number, dims: Dims): string {
  return `Inputs to operation AddN of type AddN must have the same size and shape.  Input 0: ${shapeDebugString(first)} != input ${index}: ${shapeDebugString(dims)}`;
}

/** AddN's inputs of different dtypes (the eager fast path's check). */
export function addNDtypeMismatch(dtypes: readonly DType[]): string {
  return `Tensors in list passed to 'inputs' of 'AddN' Op have types [${dtypes.map((d) => d.name).join(", ")}] that don't all match.`;
}

/** tf.add_n with no inputs. */
export function addNNoInputs(): string {
  return "Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape.";
}

/** reduce_variance/reduce_std of integers. */
export function varianceOfIntegers(dtype: DType): string {
  return `Input must be either real or complex. Received integer type ${dtype.toString()}.`;
}

/** tf.math.polyval's coefficients not a list. */
export function polyvalCoeffsNotList(got: string): string {
  return `Argument coeffs must be list type. Received type ${got}.`;
}

/** Sorted segment ops: ids not a vector. */
export function segmentIdsNotVector(): string {
  return "segment_ids should be a vector.";
}

/** Sorted segment ops: as many ids as rows of data. */
export function segmentIdsSizeMismatch(): string {
  return "segment_ids should be the same size as dimension 0 of input.";
}

/** Sorted segment ops: the last id below zero. */
export function segmentIdsNegative(): string {
  return "segment ids must be >= 0";
}

/** Sorted segment ops: ids that go down. */
export function segmentIdsNotIncreasing(): string {
  return "segment ids are not increasing";
}

/** Sorted segment ops: an id past the last one (the ids are not sorted). */
export function segmentIdOutOfSortedRange(id: number, rows: number): string {
  return `Segment id ${id} out of range [0, ${rows}), possibly because 'segment_ids' input is not sorted.`;
}

/** Unique of a tensor that is not a vector. */
export function uniqueNotVector(): string {
  return "unique expects a 1D vector.";
}

/** LowerBound/UpperBound with different leading dimensions. */
export function searchsortedLeadingMismatch(): string {
  return "Leading dim_size of both tensors must match.";
}

/** tf.searchsorted's side neither "left" nor "right". */
export function searchsortedBadSide(side: string): string {
  return `Argument \`side\` must be either 'right' or 'left'. Received: \`side\` = '${side}'.`;
}

/** tf.sort/tf.argsort's direction. */
export function sortBadDirection(direction: string): string {
  return `Argument \`direction\` should be one of ASCENDING, DESCENDING. Received: direction=${direction}`;
}

/** DenseBincount of negative values. */
export function bincountNegative(): string {
  return "Input arr must be non-negative!";
}

/** tf.math.bincount's axis other than 0 and -1. */
export function bincountBadAxis(axis: number): string {
  return `Unsupported value for argument axis=${axis}. Only 0 and -1 are currently supported.`;
}

/** tf.math.confusion_matrix's labels or predictions outside [0, num_classes) or negative. */
export function confusionOutOfBound(what: "labels" | "predictions"): string {
  return `\`${what}\` out of bound`;
}
export function confusionNegative(what: "labels" | "predictions"): string {
  return `\`${what}\` contains negative values`;
}

/** Unique's values changed between counting them and running the kernel. */
export function uniqueCountChanged(): string {
  return "Unique: the number of distinct values changed while the op ran";
}
