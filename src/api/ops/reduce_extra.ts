// Reductions beyond the plain ones: tf.math.reduce_logsumexp, reduce_variance, reduce_std,
// reduce_euclidean_norm, count_nonzero, l2_normalize, add_n and polyval. The composites follow
// TensorFlow's math_ops/nn_impl, op for op, so that they run wherever those ops run (on the
// GPU for float32) and differentiate through them.
import { asDType, int64, type DTypeLike } from "../../core/dtypes.js";
import { TypeError, ValueError } from "../../errors/errors.js";
import { addNDtypeMismatch, addNNoInputs, polyvalCoeffsNotList, varianceOfIntegers } from "../../errors/reduce_messages.js";
import { AddN, EuclideanNorm } from "../../ops/reduce_extra.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { reshape, stopGradient, transpose, zerosLike } from "./array.js";
import { equal, notEqual, where } from "./compare.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { add, cast, exp, log, maximum, multiply, real, rsqrt, sqrt, square, subtract } from "./math.js";
import { reduceMax, reduceMean, reduceSum, reductionAxes, type ReductionAxis } from "./reduce.js";

/**
 * tf.math.reduce_logsumexp: log(sum(exp(x))) over `axis`, computed around the largest value
 * (replaced by 0 where it is not finite, so that rows of -inf give -inf and rows with +inf give +inf).
 */
export function reduceLogsumexp(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  const t = convertToTensor(x);
  const rawMax = reduceMax(t, axis, true);
  // is_finite(m) as m - m == 0 (NaN for infinities and NaN), with the ops every device has.
  const finite = equal(subtract(rawMax, rawMax), 0);
  let shift = stopGradient(where(finite, rawMax, zerosLike(rawMax)));
  const result = log(reduceSum(exp(subtract(t, shift)), axis, keepdims));
  if (!keepdims) shift = reshape(shift, result.dims);
  return add(result, shift);
}

/** tf.math.reduce_variance: the mean squared deviation from the mean (floating and complex inputs; real result). */
export function reduceVariance(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  const t = convertToTensor(x);
  const means = reduceMean(t, axis, true);
  if (means.dtype.isInteger) throw new TypeError(varianceOfIntegers(means.dtype));
  const diff = subtract(t, means);
  const squared = diff.dtype.isComplex
    ? real(multiply(diff, transpose(diff, diff.dims.map((_, i) => i), { conjugate: true })))
    : square(diff);
  return reduceMean(squared, axis, keepdims);
}

/** tf.math.reduce_std: the square root of reduce_variance. */
export function reduceStd(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return sqrt(reduceVariance(x, axis, keepdims));
}

/** tf.math.reduce_euclidean_norm: sqrt(sum(|x|^2)) over `axis` (EuclideanNorm; integers truncate). */
export function reduceEuclideanNorm(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  const t = convertToTensor(x);
  return execute1(EuclideanNorm, [t], { axes: reductionAxes(axis, t.rank, EuclideanNorm.name), keepdims });
}

export interface CountNonzeroOptions {
  keepdims?: boolean;
  /** The result's dtype (int64 by default). */
  dtype?: DTypeLike;
}

/** tf.math.count_nonzero: how many elements of `x` are not zero (not "" for strings) over `axis`. */
export function countNonzero(x: TensorLike, axis?: ReductionAxis, options: CountNonzeroOptions = {}): Tensor {
  const t = convertToTensor(x);
  const zero = t.dtype.isString ? convertToTensor("") : t.dtype.isBool ? convertToTensor(false) : convertToTensor(0, t.dtype);
  const counts = reduceSum(cast(notEqual(t, zero), int64), axis, options.keepdims ?? false);
  return cast(counts, asDType(options.dtype ?? int64));
}

export interface L2NormalizeOptions {
  /** Lower bound of the squared norm (1e-12 by default). */
  epsilon?: number;
}

/** tf.math.l2_normalize: x / sqrt(max(sum(x^2, axis), epsilon)) (all axes when `axis` is undefined/null). */
export function l2Normalize(x: TensorLike, axis?: ReductionAxis, options: L2NormalizeOptions = {}): Tensor {
  const t = convertToTensor(x);
  const squareSum = reduceSum(square(t), axis, true);
  const invNorm = rsqrt(maximum(squareSum, convertToTensor(options.epsilon ?? 1e-12, squareSum.dtype)));
  return multiply(t, invNorm);
}

/** tf.math.add_n: the elementwise sum of tensors of one dtype and shape (the tensor itself for one). */
export function addN(inputs: readonly TensorLike[]): Tensor {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new ValueError(addNNoInputs());
  const ts = inputs.map((v) => convertToTensor(v));
  if (ts.length === 1) return ts[0]!;
  if (ts.some((t) => t.dtype !== ts[0]!.dtype)) throw new TypeError(addNDtypeMismatch(ts.map((t) => t.dtype)));
  return execute1(AddN, ts, {});
}

/** tf.math.polyval: coeffs[0] * x^(n-1) + … + coeffs[n-1], by Horner's rule (zeros like x for no coefficients). */
export function polyval(coeffs: readonly TensorLike[], x: TensorLike): Tensor {
  if (!Array.isArray(coeffs)) {
    const kind = coeffs instanceof Tensor ? "tensorflow.python.framework.ops.EagerTensor" : typeof coeffs;
    throw new ValueError(polyvalCoeffsNotList(`<class '${kind}'>`));
  }
  const t = convertToTensor(x);
  if (coeffs.length === 0) return zerosLike(t);
  const cs = coeffs.map((c) => convertToTensor(c));
  let p = cs[0]!;
  for (const c of cs.slice(1)) p = add(c, multiply(p, t));
  return p;
}
