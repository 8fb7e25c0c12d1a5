// Reductions and arg-reductions: tf.reduce_sum, tf.argmax, …
import { asDType, int64, type DTypeLike } from "../../core/dtypes.js";
import { InvalidArgumentError } from "../../errors/errors.js";
import { atOp, invalidReductionDimension } from "../../errors/op_messages.js";
import { All, Any, ArgMax, ArgMin, Max, Mean, Min, Prod, Sum, type ReduceAttrs } from "../../ops/reduce.js";
import type { OpDef } from "../../ops/op_def.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { boolArg } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

/** The axis argument of the reductions: one axis, several, or all (undefined/null). */
export type ReductionAxis = number | readonly number[] | null | undefined;

/** `opName`'s axis argument as sorted, distinct axes in [0, rank) (all axes when undefined/null). */
export function reductionAxes(axis: ReductionAxis, rank: number, opName: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = new Set<number>();
  for (const a of list) {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new InvalidArgumentError(atOp(invalidReductionDimension(a, rank), opName));
    }
    out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((p, q) => p - q);
}

/** Run a reduction op with TensorFlow's axis handling. */
function reduce(op: OpDef<ReduceAttrs>, x: TensorLike, axis: ReductionAxis, keepdims: boolean): Tensor {
  const t = convertToTensor(x);
  return execute1(op, [t], { axes: reductionAxes(axis, t.rank, op.name), keepdims });
}

/** tf.reduce_sum: the sum over `axis` (all axes by default). */
export function reduceSum(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Sum, x, axis, keepdims);
}

/** tf.reduce_mean: the mean over `axis`; integer means truncate toward zero as TensorFlow's do. */
export function reduceMean(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Mean, x, axis, keepdims);
}

/** tf.reduce_prod: the product over `axis`. */
export function reduceProd(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Prod, x, axis, keepdims);
}

/** tf.reduce_max: the largest value over `axis` (NaN if any is NaN; -inf/lowest when empty). */
export function reduceMax(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Max, x, axis, keepdims);
}

/** tf.reduce_min: the smallest value over `axis` (NaN if any is NaN; +inf/highest when empty). */
export function reduceMin(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Min, x, axis, keepdims);
}

/** tf.reduce_any: logical OR of a bool tensor over `axis`. */
export function reduceAny(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Any, boolArg(x), axis, keepdims);
}

/** tf.reduce_all: logical AND of a bool tensor over `axis`. */
export function reduceAll(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(All, boolArg(x), axis, keepdims);
}

/** tf.argmax: index of the largest value along `axis` (int64 by default). */
export function argmax(x: TensorLike, axis = 0, outputType: DTypeLike = int64): Tensor {
  return execute1(ArgMax, [convertToTensor(x)], { axis, outputType: asDType(outputType) });
}

/** tf.argmin: index of the smallest value along `axis` (int64 by default). */
export function argmin(x: TensorLike, axis = 0, outputType: DTypeLike = int64): Tensor {
  return execute1(ArgMin, [convertToTensor(x)], { axis, outputType: asDType(outputType) });
}
