// tf.nn's moments and batch normalization (nn_impl.py), composed of existing ops as
// TensorFlow's Python layer composes them, plus tf.nn.bias_add over the BiasAdd op.
import { float16, float32 } from "../core/dtypes.js";
import { ValueError } from "../errors/errors.js";
import { biasBadDataFormat } from "../errors/nn_messages.js";
import { squeeze, stopGradient } from "../api/ops/array.js";
import { matchingTensors } from "../api/ops/args.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { squaredDifference } from "../api/ops/elementwise_math.js";
import { add, cast, multiply, negative, rsqrt, square, subtract } from "../api/ops/math.js";
import { reciprocal } from "../api/ops/elementwise_math.js";
import { biasAddOp } from "../api/ops/nn.js";
import { reduceMean } from "../api/ops/reduce.js";
import type { DataFormat } from "../ops/nn.js";
import type { Tensor } from "../runtime/tensor.js";

export { l2Normalize } from "../api/ops/reduce_extra.js";

export interface MomentsOptions {
  /** Not used, as in TensorFlow 2 (kept for its signature). */
  shift?: TensorLike | null;
  keepdims?: boolean;
}
/**
 * `[mean, variance]` of x over `axes` (tf.nn.moments): the variance is the mean squared
 * difference from a stop-gradient mean; float16 computes in float32 and casts back.
 */
export function moments(x: TensorLike, axes: readonly number[], options: MomentsOptions = {}): [Tensor, Tensor] {
  const t = convertToTensor(x);
  const y = t.dtype === float16 ? cast(t, float32) : t;
  let mean = reduceMean(y, axes, true);
  let variance = reduceMean(squaredDifference(y, stopGradient(mean)), axes, true);
  if (!(options.keepdims ?? false)) {
    mean = squeeze(mean, axes);
    variance = squeeze(variance, axes);
  }
  if (t.dtype === float16) return [cast(mean, float16), cast(variance, float16)];
  return [mean, variance];
}

/**
 * `[mean, variance]` from sufficient statistics (tf.nn.normalize_moments): mean = mean_ss / counts
 * (+ shift), variance = variance_ss / counts - (mean_ss / counts)².
 */
export function normalizeMoments(counts: TensorLike, meanSs: TensorLike, varianceSs: TensorLike, shift?: TensorLike | null): [Tensor, Tensor] {
  const divisor = reciprocal(counts);
  const shiftedMean = multiply(meanSs, divisor);
  const mean = shift === undefined || shift === null ? shiftedMean : add(shiftedMean, shift);
  const variance = subtract(multiply(varianceSs, divisor), square(shiftedMean));
  return [mean, variance];
}

/**
 * tf.nn.batch_normalization: x · inv + (offset - mean · inv) with inv = scale / sqrt(variance +
 * epsilon); offset and scale may be null.
 */
export function batchNormalization(
  x: TensorLike, mean: TensorLike, variance: TensorLike, offset: TensorLike | null, scale: TensorLike | null, varianceEpsilon: number,
): Tensor {
  const xt = convertToTensor(x);
  let inv = rsqrt(add(variance, varianceEpsilon));
  if (scale !== null && scale !== undefined) inv = multiply(inv, scale);
  const shift = offset !== null && offset !== undefined ? subtract(offset, multiply(mean, inv)) : negative(multiply(mean, inv));
  return add(multiply(xt, cast(inv, xt.dtype)), cast(shift, xt.dtype));
}

export interface BiasAddOptions {
  /** `"NHWC"` (channels last, the default) or `"NCHW"`; any `N…C` / `NC…` form is read as one of them. */
  dataFormat?: string | null;
}
/** value + bias along the channel axis (BiasAdd). */
export function biasAdd(value: TensorLike, bias: TensorLike, options: BiasAddOptions = {}): Tensor {
  let format: DataFormat = "NHWC";
  const f = options.dataFormat;
  if (f !== undefined && f !== null) {
    if (f.startsWith("NC")) format = "NCHW";
    else if (f.startsWith("N") && f.endsWith("C")) format = "NHWC";
    else throw new ValueError(biasBadDataFormat());
  }
  const [v, b] = matchingTensors([value, bias]);
  return biasAddOp(v!, b!, format);
}
