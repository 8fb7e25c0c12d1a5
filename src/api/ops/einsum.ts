// tf.einsum (also tf.linalg.einsum): Einstein summation, TensorFlow 2's semantics. The equation
// is checked and resolved as TensorFlow's Python layer does, more than two operands are
// contracted two at a time, and each Einsum of one or two operands runs the plan of
// ops/einsum.ts on existing ops: Transpose, Reshape, Pad + Slice (diagonals), Sum (reduced
// labels) and one MatMul / BatchMatMulV2 (the contraction, on the native GEMM or the GPU's
// matmul kernel). Gradients and device placement come from those ops, so the placement log
// shows them rather than one `Einsum` line.
import { sameDims } from "../../core/tensor_shape.js";
import { Pad, Reshape, Slice, Transpose } from "../../ops/array.js";
import {
  checkEinsumDtypes, checkOperandRanks, pairwiseSteps, planEinsum, resolveEquation,
  type EinsumPlan, type OperandPlan, type ResolvedEquation,
} from "../../ops/einsum.js";
import { BatchMatMulV2, MatMul } from "../../ops/linalg.js";
import { Sum } from "../../ops/reduce.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { matchingTensors } from "./args.js";
import { zeros } from "./array.js";
import type { TensorLike } from "./convert.js";

function reshapeTo(t: Tensor, dims: readonly number[]): Tensor {
  return sameDims(t.dims, dims) ? t : execute1(Reshape, [t], { shape: dims });
}

function transposeBy(t: Tensor, perm: readonly number[]): Tensor {
  return execute1(Transpose, [t], { perm: { values: perm, dims: [perm.length] } });
}

/** One operand brought to [batch…, F, C]: transposed, diagonal taken, reduced labels summed. */
function reduceOperand(x: Tensor, p: OperandPlan): Tensor {
  let t = x;
  if (p.perm !== null) t = transposeBy(t, p.perm);
  const d = p.diagonal;
  if (d !== null) {
    t = reshapeTo(t, d.merged);
    if (d.paddings !== null) t = execute1(Pad, [t], { paddings: { values: d.paddings, dims: [d.merged.length, 2] } });
    t = reshapeTo(t, d.split);
    const rank = d.split.length;
    t = execute1(Slice, [t], {
      begin: { values: new Array<number>(rank).fill(0), dims: [rank] }, size: { values: d.size, dims: [rank] },
    });
    t = reshapeTo(t, d.dims);
  }
  if (p.reduceAxes !== null) t = execute1(Sum, [t], { axes: p.reduceAxes, keepdims: false });
  return reshapeTo(t, p.dims);
}

/** The Einsum op on one or two tensors (TensorFlow's kernel, lowered as `plan` says). */
function einsumOp(resolved: ResolvedEquation, inputs: readonly Tensor[]): Tensor {
  checkEinsumDtypes(resolved, inputs);
  const plan: EinsumPlan = planEinsum(resolved, inputs.map((t) => t.dims));
  if (plan.zeros) return zeros(plan.outputDims, inputs[0]!.dtype);
  const reduced = inputs.map((t, i) => reduceOperand(t, plan.operands[i]!));
  let result = reduced[0]!;
  if (reduced.length === 2) {
    const [a, b] = reduced as [Tensor, Tensor];
    const op = a.rank === 2 && b.rank === 2 ? MatMul : BatchMatMulV2;
    result = execute1(op, [a, b], { transposeA: plan.transposeA, transposeB: plan.transposeB, adjointA: false, adjointB: false });
  }
  result = reshapeTo(result, plan.resultDims);
  return plan.outputPerm !== null ? transposeBy(result, plan.outputPerm) : result;
}

/**
 * tf.einsum(equation, ...inputs): the contraction that `equation` describes, as numpy.einsum.
 * `ij,jk->ik` (matmul), `bij,bjk->bik` (batch matmul), `i,i->` (dot), `i,j->ij` (outer),
 * `ij->ji` (transpose), `ii->i` (diagonal), `ii` (trace), `...ij,...jk->...ik` (broadcast batch
 * dims); without `->` the output is the labels that appear once, sorted. Labels are letters;
 * spaces are ignored. Operands share one dtype (float16, bfloat16, float32, float64, complex64,
 * complex128, int32, int64); JS values take the first tensor's.
 */
export function einsum(equation: string, ...inputs: TensorLike[]): Tensor {
  const resolved = resolveEquation(equation, inputs.length);
  const tensors = matchingTensors(inputs);
  if (tensors.length <= 2) return einsumOp(resolved, tensors);
  checkOperandRanks(equation, resolved, tensors.map((t) => t.dims));
  let result = tensors[0]!;
  pairwiseSteps(resolved).forEach((step, k) => { result = einsumOp(step, [result, tensors[k + 1]!]); });
  return result;
}
