// Segment reductions: the sorted ones (SegmentSum, …: ids sorted, one output row per id up to
// the last) and the unsorted ones (UnsortedSegmentMax, …: num_segments rows, negative ids
// dropped). UnsortedSegmentSum stays in math.ts, where the gather gradients found it first.
import type { DType } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import { negativeNumSegments, segmentIdsShapeMismatch } from "../errors/op_messages.js";
import { segmentIdsNotVector, segmentIdsSizeMismatch } from "../errors/reduce_messages.js";
import { defineOp, NUMBERS, REAL_NUMBER_TYPES, type OpDef } from "./op_def.js";

function checkIds(ids: DType): void {
  if (ids.name !== "int32" && ids.name !== "int64") {
    throw new InvalidArgumentError(notInAllowedValues("Tindices", ids, ["int32", "int64"]));
  }
}

export interface SortedSegmentAttrs {
  /** The last id + 1 (0 without ids), read by the caller: the output's row count. */
  numRows: number;
}

function sortedSegmentOpDef(name: string, allowed: DTypeNameList): OpDef<SortedSegmentAttrs> {
  return defineOp<SortedSegmentAttrs>({
    name, allowed,
    inferOutputs: ([data, ids], { numRows }): TensorSpec[] => {
      checkIds(ids!.dtype);
      if (ids!.dims.length !== 1) throw new InvalidArgumentError(segmentIdsNotVector());
      if (data!.dims.length === 0 || data!.dims[0] !== ids!.dims[0]) throw new InvalidArgumentError(segmentIdsSizeMismatch());
      return [{ dtype: data!.dtype, dims: [Math.max(numRows, 0), ...data!.dims.slice(1)] }];
    },
  });
}
type DTypeNameList = typeof NUMBERS;

export const SegmentSum = sortedSegmentOpDef("SegmentSum", NUMBERS);
export const SegmentMean = sortedSegmentOpDef("SegmentMean", NUMBERS);
export const SegmentProd = sortedSegmentOpDef("SegmentProd", NUMBERS);
export const SegmentMax = sortedSegmentOpDef("SegmentMax", REAL_NUMBER_TYPES);
export const SegmentMin = sortedSegmentOpDef("SegmentMin", REAL_NUMBER_TYPES);

function unsortedSegmentOpDef(name: string, allowed: DTypeNameList): OpDef<{ numSegments: number }> {
  return defineOp<{ numSegments: number }>({
    name, allowed,
    inferOutputs: ([data, ids], { numSegments }) => {
      checkIds(ids!.dtype);
      const k = ids!.dims.length;
      if (k > data!.dims.length || ids!.dims.some((d, i) => d !== data!.dims[i])) {
        throw new InvalidArgumentError(segmentIdsShapeMismatch(data!.dims, ids!.dims));
      }
      if (!Number.isInteger(numSegments) || numSegments < 0) {
        throw new InvalidArgumentError(negativeNumSegments(numSegments));
      }
      return [{ dtype: data!.dtype, dims: [numSegments, ...data!.dims.slice(k)] }];
    },
  });
}

export const UnsortedSegmentMax = unsortedSegmentOpDef("UnsortedSegmentMax", REAL_NUMBER_TYPES);
export const UnsortedSegmentMin = unsortedSegmentOpDef("UnsortedSegmentMin", REAL_NUMBER_TYPES);
export const UnsortedSegmentProd = unsortedSegmentOpDef("UnsortedSegmentProd", NUMBERS);

/** Every op of this family, by name (the gradient table is typed over it). */
export const segmentOps = {
  SegmentSum, SegmentMean, SegmentProd, SegmentMax, SegmentMin, UnsortedSegmentMax, UnsortedSegmentMin, UnsortedSegmentProd,
};
