// Gradients of the segment reductions (TensorFlow's math_grad.py): dy gathered back to the rows
// by their ids, shared among the rows equal to a segment's max/min, scaled by the count for a
// mean, times the product of the other rows for a product. Unsorted ids below zero get 0.
import type { Tensor } from "../../runtime/tensor.js";
import type { segmentOps } from "../../ops/segment.js";
import { cast, multiply } from "../../api/ops/math.js";
import { equal, greater, greaterEqual, logicalAnd, where } from "../../api/ops/compare.js";
import { gather, onesLike, reshape, zerosLike } from "../../api/ops/array.js";
import { segmentProd, segmentSum, unsortedSegmentProd } from "../../api/ops/segment.js";
import { unsortedSegmentSum } from "../../api/ops/math.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { realDiv } from "./gradient_helpers.js";

/** `mask` (shaped like the ids) reshaped to broadcast against rows of `data`. */
function rowMask(mask: Tensor, data: Tensor, ids: Tensor): Tensor {
  return reshape(mask, [...ids.dims, ...data.dims.slice(ids.rank).map(() => 1)]);
}

/** Rows of `params` at `ids`, zeros where an id is negative (TensorFlow's _GatherDropNegatives). */
function gatherDropNegatives(params: Tensor, ids: Tensor, data: Tensor): { rows: Tensor; positive: Tensor } {
  const valid = greaterEqual(ids, 0);
  const rows = gather(params, where(valid, ids, 0));
  const positive = rowMask(valid, data, ids);
  return { rows: where(positive, rows, zerosLike(rows)), positive };
}

/** A segment function with the signature of both families' public functions. */
type Segmenter = (data: Tensor, ids: Tensor, numSegments: number) => Tensor;

function minOrMaxGradient(sum: Segmenter, unsorted: boolean): GradientFn {
  return ({ inputs: [data, ids], outputs: [y] }, [dy]) => {
    const n = y!.dims[0]!;
    const { rows: chosen, positive } = unsorted
      ? gatherDropNegatives(y!, ids!, data!) : { rows: gather(y!, ids!), positive: null };
    let selected = equal(data!, chosen);
    if (positive !== null) selected = logicalAnd(selected, positive);
    const count = sum(cast(selected, dy!.dtype), ids!, n);
    const weighted = realDiv(dy!, count);
    const spread = unsorted ? gatherDropNegatives(weighted, ids!, data!).rows : gather(weighted, ids!);
    return [where(selected, spread, zerosLike(data!)), null];
  };
}

function prodGradient(sum: Segmenter, prod: Segmenter, unsorted: boolean): GradientFn {
  return ({ inputs: [data, ids], outputs: [y] }, [dy]) => {
    const n = y!.dims[0]!;
    const take = (t: Tensor) => (unsorted ? gatherDropNegatives(t, ids!, data!).rows : gather(t, ids!));
    const isZero = equal(data!, 0);
    const zeros = sum(cast(isZero, "int32"), ids!, n);
    // With two zeros or more in a segment, every partial derivative is 0.
    const g = where(greater(zeros, 1), zerosLike(dy!), dy!);
    const nonZero = where(isZero, onesLike(data!), data!);
    const nonZeroProd = prod(nonZero, ids!, n);
    const partial = where(isZero, take(nonZeroProd), realDiv(take(y!), nonZero));
    return [multiply(take(g), partial), null];
  };
}

const sortedSum: Segmenter = (d, ids) => segmentSum(d, ids);
const sortedProd: Segmenter = (d, ids) => segmentProd(d, ids);
const unsortedSum: Segmenter = (d, ids, n) => unsortedSegmentSum(d, ids, n);
const unsortedProd: Segmenter = (d, ids, n) => unsortedSegmentProd(d, ids, n);

export const segmentGradients: GradientTable<typeof segmentOps> = {
  SegmentSum: ({ inputs: [, ids] }, [dy]) => [gather(dy!, ids!), null],
  SegmentMean: ({ inputs: [data, ids] }, [dy]) => {
    const counts = segmentSum(rowMaskOnes(data!, ids!), ids!);
    return [gather(realDiv(dy!, counts), ids!), null];
  },
  SegmentProd: prodGradient(sortedSum, sortedProd, false),
  SegmentMax: minOrMaxGradient(sortedSum, false),
  SegmentMin: minOrMaxGradient(sortedSum, false),
  UnsortedSegmentMax: minOrMaxGradient(unsortedSum, true),
  UnsortedSegmentMin: minOrMaxGradient(unsortedSum, true),
  UnsortedSegmentProd: prodGradient(unsortedSum, unsortedProd, true),
};

/** Ones of data's dtype shaped [rows, 1, …, 1]: summed by segment, each segment's row count. */
function rowMaskOnes(data: Tensor, ids: Tensor): Tensor {
  return rowMask(onesLike(ids, data.dtype), data, ids);
}
