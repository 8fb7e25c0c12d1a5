// Ordering ops: TopKV2, InTopKV2, Unique, LowerBound/UpperBound (tf.math.top_k, tf.sort's
// building block, tf.unique, tf.searchsorted).
import { bool, int32, type DType } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import {
  inTopKBatchMismatch, inTopKPredictionsRank, inTopKTargetsRank, searchsortedLeadingMismatch,
  topKNegativeK, topKScalarInput, topKTooFewColumns, uniqueNotVector,
} from "../errors/reduce_messages.js";
import { defineOp, REAL_NUMBER_TYPES, type OpDef } from "./op_def.js";

const INDEX_TYPES = ["int32", "int64"] as const;

function checkIndexType(attr: string, d: DType): void {
  if (d.name !== "int32" && d.name !== "int64") throw new InvalidArgumentError(notInAllowedValues(attr, d, INDEX_TYPES));
}

/** TopKV2(input, k): the k largest along the last axis, and their int32 indices. */
export const TopKV2 = defineOp<{ k: number; sorted: boolean }>({
  name: "TopKV2",
  allowed: REAL_NUMBER_TYPES,
  inferOutputs: ([x], { k }) => {
    if (k < 0) throw new InvalidArgumentError(topKNegativeK(k));
    const dims = x!.dims;
    if (dims.length < 1) throw new InvalidArgumentError(topKScalarInput(dims));
    const columns = dims[dims.length - 1]!;
    if (columns < k) throw new InvalidArgumentError(topKTooFewColumns(columns, k));
    const out = [...dims.slice(0, -1), k];
    return [{ dtype: x!.dtype, dims: out }, { dtype: int32, dims: out }];
  },
});

/** InTopKV2(predictions, targets, k): whether each target's prediction is among the k largest. */
export const InTopKV2 = defineOp<{ k: number }>({
  name: "InTopKV2",
  allowed: ["float32"],
  inferOutputs: ([predictions, targets]) => {
    checkIndexType("T", targets!.dtype);
    if (predictions!.dims.length !== 2) throw new InvalidArgumentError(inTopKPredictionsRank());
    if (targets!.dims.length !== 1) throw new InvalidArgumentError(inTopKTargetsRank());
    if (predictions!.dims[0] !== targets!.dims[0]) {
      throw new InvalidArgumentError(inTopKBatchMismatch(predictions!.dims[0]!, targets!.dims[0]!));
    }
    return [{ dtype: bool, dims: targets!.dims }];
  },
});

/**
 * Unique(x): the distinct values in order of first occurrence and, for each element, the
 * index of its value among them. The first output's length depends on the values: the
 * kernel returns it, and the spec's length here is a placeholder the kernel's result fixes.
 */
export const Unique = defineOp<{ outIdx: DType; count: number }>({
  name: "Unique",
  allowed: [...REAL_NUMBER_TYPES, "string", "bool"],
  inferOutputs: ([x], { outIdx, count }) => {
    if (x!.dims.length !== 1) throw new InvalidArgumentError(uniqueNotVector());
    checkIndexType("out_idx", outIdx);
    return [{ dtype: x!.dtype, dims: [count] }, { dtype: outIdx, dims: x!.dims }];
  },
});

function boundOpDef(name: string): OpDef<{ outType: DType }> {
  return defineOp<{ outType: DType }>({
    name,
    allowed: [...REAL_NUMBER_TYPES, "string", "bool"],
    inferOutputs: ([sorted, values], { outType }): TensorSpec[] => {
      checkIndexType("out_type", outType);
      if (sorted!.dims.length !== 2 || values!.dims.length !== 2 || sorted!.dims[0] !== values!.dims[0]) {
        throw new InvalidArgumentError(searchsortedLeadingMismatch());
      }
      return [{ dtype: outType, dims: values!.dims }];
    },
  });
}

/** LowerBound(sorted, values): per row, the first index whose value is not less than each value. */
export const LowerBound = boundOpDef("LowerBound");
/** UpperBound(sorted, values): per row, the first index whose value is greater than each value. */
export const UpperBound = boundOpDef("UpperBound");

/** Every op of this family, by name (the gradient table is typed over it). */
export const sortOps = { TopKV2, InTopKV2, Unique, LowerBound, UpperBound };
