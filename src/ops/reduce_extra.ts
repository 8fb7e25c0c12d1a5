// Reductions TensorFlow implements as ops beyond reduce.ts's: EuclideanNorm (tf.math.
// reduce_euclidean_norm), AddN (tf.math.add_n, the sum of a list of tensors) and L2Loss
// (half the sum of squares, which tf.linalg.global_norm adds up).
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { addNShapeMismatch } from "../errors/reduce_messages.js";
import { defineOp, NUMBERS } from "./op_def.js";
import { reductionOpDef } from "./reduce.js";

export const EuclideanNorm = reductionOpDef("EuclideanNorm", NUMBERS);

/** AddN(inputs…): the elementwise sum of tensors of one shape (no broadcasting); the caller checks
 * that they share a dtype (a TypeError of the eager fast path in TensorFlow). */
export const AddN = defineOp({
  name: "AddN",
  allowed: NUMBERS,
  inferOutputs: (inputs): TensorSpec[] => {
    const first = inputs[0]!;
    inputs.forEach((t, i) => {
      if (t.dims.length !== first.dims.length || t.dims.some((d, j) => d !== first.dims[j])) {
        throw new InvalidArgumentError(addNShapeMismatch(first.dims, i, t.dims));
      }
    });
    return [{ dtype: first.dtype, dims: first.dims }];
  },
});

/** L2Loss(t): sum(t ** 2) / 2 over every element (tf.nn.l2_loss; tf.linalg.global_norm's
 * per-tensor term), a scalar of t's dtype. */
export const L2Loss = defineOp({
  name: "L2Loss",
  // TensorFlow's registration: T in {half, bfloat16, float, double}.
  allowed: ["float16", "bfloat16", "float32", "float64"],
  inferOutputs: ([t]): TensorSpec[] => [{ dtype: t!.dtype, dims: [] }],
});

/** Every op of this family, by name (the gradient table is typed over it). */
export const reduceExtraOps = { EuclideanNorm, AddN, L2Loss };
