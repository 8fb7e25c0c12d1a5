// Indexing ops of issue #14: GatherNd (tf.gather_nd) and ResourceStridedSliceAssign (the
// sliced assignment `v[...].assign(value)`, with TensorFlow 2's broadcasting of the value).
import { int32, int64 } from "../core/dtypes.js";
import { sizeOf } from "../core/tensor_shape.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { inputDtypeMismatch, notInAllowedValues } from "../errors/messages.js";
import { sliceAssignCannotBroadcast } from "../errors/index_messages.js";
import { gatherNdParamsScalar } from "../errors/op_messages.js";
import { planStridedSlice, type StridedSliceAttrs, type StridedSlicePlan } from "./array.js";
import { defineOp, definePlannedOp } from "./op_def.js";
import { ndIndexing } from "./resource.js";

function checkNdIndices(indices: TensorSpec): void {
  if (indices.dtype !== int32 && indices.dtype !== int64) {
    throw new InvalidArgumentError(notInAllowedValues("Tindices", indices.dtype, ["int16", "int32", "int64"]));
  }
}

/** Slices of params addressed by the last axis of indices (GatherNd, batch_dims 0). */
export const GatherNd = defineOp({
  name: "GatherNd",
  inferOutputs: ([params, indices]) => {
    checkNdIndices(indices!);
    if (params!.dims.length === 0) throw new InvalidArgumentError(gatherNdParamsScalar());
    const { k, batch } = ndIndexing(params!.dims, indices!.dims);
    return [{ dtype: params!.dtype, dims: [...batch, ...params!.dims.slice(k)] }];
  },
});

/**
 * How a value of shape `from` broadcasts into `to` (StridedSliceAssignBCast): leading axes of
 * `from` beyond `to`'s rank must be 1, the others equal or 1. The strides of `from` over `to`'s
 * axes (0 where it repeats), or null when it does not broadcast.
 */
export function assignBroadcastStrides(from: readonly number[], to: readonly number[]): number[] | null {
  const extra = from.length - to.length;
  for (let i = 0; i < extra; i++) if (from[i] !== 1) return null;
  const strides = new Array<number>(to.length).fill(0);
  let acc = 1;
  for (let a = to.length - 1; a >= 0; a--) {
    const f = a + extra >= 0 ? from[a + extra]! : 1;
    if (f !== to[a] && f !== 1) return null;
    strides[a] = f === 1 ? 0 : acc;
    acc *= f;
  }
  return strides;
}

/** A sliced assignment's geometry: the strided slice, and the value's strides over its final shape. */
export interface StridedSliceAssignPlan extends StridedSlicePlan {
  readonly valueStrides: readonly number[];
}

/** `ref[begin:end:strides] = value` on a variable's buffer (inputs: the buffer, the value). */
export const ResourceStridedSliceAssign = definePlannedOp<StridedSliceAttrs, StridedSliceAssignPlan>({
  name: "ResourceStridedSliceAssign",
  resourceInput: 0,
  plan: ([v, x], attrs) => {
    if (x!.dtype !== v!.dtype) {
      throw new InvalidArgumentError(inputDtypeMismatch("ResourceStridedSliceAssign", 4, v!.dtype, x!.dtype));
    }
    const plan = planStridedSlice(v!.dims, attrs);
    let valueStrides = plan.final.map(() => 0);
    // An empty region takes any value, as TensorFlow checks only non-empty ones.
    if (sizeOf(plan.processing) > 0) {
      const s = assignBroadcastStrides(x!.dims, plan.final);
      if (s === null) throw new InvalidArgumentError(sliceAssignCannotBroadcast(x!.dims, plan.final));
      valueStrides = s;
    }
    return { outputs: [], plan: { ...plan, valueStrides } };
  },
});

/** The differentiable indexing ops, for the gradient table. */
export const indexingOps = { GatherNd };
