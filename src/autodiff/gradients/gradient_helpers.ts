// Small pieces the gradient functions share: seeds, sums, conjugates, and reducing a broadcast
// gradient back to an input's shape (TensorFlow's BroadcastGradientArgs + reduce_sum + reshape).
import { DivNoNan, RealDiv } from "../../ops/math.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { add } from "../../api/ops/math.js";
import { onesLike, reshape, zerosLike } from "../../api/ops/array.js";
import { reduceSum } from "../../api/ops/reduce.js";

export function onesLikeForGradient(t: Tensor): Tensor { return onesLike(t); }
/** Zeros the tape made for outputs that got no gradient (TensorFlow's IsZero sees them). */
const gradientZeros = new WeakSet<Tensor>();
export function zerosLikeForGradient(t: Tensor): Tensor {
  const z = zerosLike(t);
  gradientZeros.add(z);
  return z;
}
/** Whether `t` is the tape's zeros for an output without a gradient (a term of it can be skipped). */
export function isGradientZeros(t: Tensor): boolean { return gradientZeros.has(t); }

/** The sum of several gradients of one value. */
export function addN(ts: readonly Tensor[]): Tensor {
  let s = ts[0]!;
  for (let i = 1; i < ts.length; i++) s = add(s, ts[i]!);
  return s;
}

/** `grad` (of a broadcast result) summed over the axes `dims` was broadcast along, shaped as `dims`. */
export function unbroadcast(grad: Tensor, dims: readonly number[]): Tensor {
  const g = grad.dims;
  if (g.length === dims.length && g.every((d, i) => d === dims[i])) return grad;
  const lead = g.length - dims.length;
  const axes: number[] = [];
  for (let i = 0; i < g.length; i++) {
    if (i < lead || (dims[i - lead] === 1 && g[i] !== 1)) axes.push(i);
  }
  const summed = axes.length === 0 ? grad : reduceSum(grad, axes, true);
  return reshape(summed, dims);
}

/**
 * conj(x) (tf.math.conj: complex conjugate, x itself for real dtypes). Complex gradients follow
 * TensorFlow's convention: dy times the conjugate of the derivative.
 */
export { conj } from "../../api/ops/math_composites.js";

// RealDiv and DivNoNan of two tensors of one dtype (tf.divide would cast integers first).
export function realDiv(x: Tensor, y: Tensor): Tensor { return execute1(RealDiv, [x, y], {}); }
export function divNoNan(x: Tensor, y: Tensor): Tensor { return execute1(DivNoNan, [x, y], {}); }
