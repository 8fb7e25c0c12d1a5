// Matrix products: tf.matmul.
import { ValueError } from "../../errors/errors.js";
import { transposeAndAdjoint } from "../../errors/op_messages.js";
import { BatchMatMulV2, MatMul } from "../../ops/linalg.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { convertPreferring } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Conjugate-transpose a (complex); same as transposeA for real dtypes. */
  adjointA?: boolean;
  adjointB?: boolean;
}

/**
 * tf.matmul: the matrix product of the last two axes. Inputs of rank > 2 go to BatchMatMulV2
 * (batch axes broadcast), others to MatMul. `transposeX` and `adjointX` (conjugate transpose)
 * exclude each other, as in TensorFlow.
 */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions = {}): Tensor {
  const transposeA = options.transposeA ?? false, transposeB = options.transposeB ?? false;
  const adjointA = options.adjointA ?? false, adjointB = options.adjointB ?? false;
  if (transposeA && adjointA) throw new ValueError(transposeAndAdjoint("a"));
  if (transposeB && adjointB) throw new ValueError(transposeAndAdjoint("b"));
  // Python converts `a` on its own and `b` with a's dtype as a hint.
  const x = convertToTensor(a);
  const y = convertPreferring(b, x.dtype);
  const op = x.rank > 2 || y.rank > 2 ? BatchMatMulV2 : MatMul;
  return execute1(op, [x, y], { transposeA, transposeB, adjointA, adjointB });
}
