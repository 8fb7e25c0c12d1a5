// tf.nn's moments and batch normalization (nn_impl.py), composed of existing ops as
// TensorFlow's Python layer composes them, plus tf.nn.bias_add over the BiasAdd op.
import { float16, float32 } from "../core/dtypes.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import { biasBadDataFormat, fusedBatchNormStatisticsSize } from "../errors/nn_messages.js";
import { reshape, squeeze, stopGradient } from "../api/ops/array.js";
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

export interface FusedBatchNormOptions {
  offset?: TensorLike | null;
  /** Running mean and variance: required for inference; in training they are mixed in by `exponentialAvgFactor`. */
  mean?: TensorLike | null;
  variance?: TensorLike | null;
  /** At least 1.001e-5 (cuDNN's floor, which TensorFlow applies everywhere). */
  epsilon?: number;
  dataFormat?: "NHWC" | "NCHW";
  isTraining?: boolean;
  exponentialAvgFactor?: number;
}

/**
 * tf.compat.v1.nn.fused_batch_norm (FusedBatchNormV3's semantics) as a composite: `[y,
 * runningMean, runningVariance]`. Training normalizes with the batch's mean and biased variance
 * and returns the batch mean and the Bessel-corrected variance (mixed into the given running
 * statistics when exponentialAvgFactor < 1); inference normalizes with the given statistics and
 * returns them. Statistics and scale/offset are float32 for float16 input, as TensorFlow's U type.
 */
export function fusedBatchNorm(x: TensorLike, scale: TensorLike, options: FusedBatchNormOptions = {}): [Tensor, Tensor, Tensor] {
  const t = convertToTensor(x);
  const xf = t.dtype === float16 ? cast(t, float32) : t;
  const u = xf.dtype;
  const channelAxis = (options.dataFormat ?? "NHWC") === "NCHW" ? 1 : xf.rank - 1;
  const axes = Array.from({ length: xf.rank }, (_, i) => i).filter((i) => i !== channelAxis);
  const shape = xf.dims.map((d, i) => (i === channelAxis ? d : 1));
  const asChannel = (v: TensorLike) => reshape(convertToTensor(v, u), shape);
  const epsilon = Math.max(options.epsilon ?? 0.001, 1.001e-5);
  const s = convertToTensor(scale, u);
  const offset = options.offset ?? null;
  const normalize = (mean: Tensor, variance: Tensor) => {
    let y = multiply(subtract(xf, reshape(mean, shape)), multiply(rsqrt(add(asChannel(variance), epsilon)), reshape(s, shape)));
    if (offset !== null) y = add(y, asChannel(offset));
    return t.dtype === float16 ? cast(y, float16) : y;
  };
  const training = options.isTraining ?? true;
  const f = options.exponentialAvgFactor ?? 1;
  const channels = xf.dims[channelAxis]!;
  const statistic = (which: "mean" | "variance", v: TensorLike | null | undefined): Tensor | null => {
    const given = v === undefined || v === null ? null : convertToTensor(v, u);
    if (training && f === 1) return given;
    const size = given === null ? 0 : given.dims.reduce((a, b) => a * b, 1);
    if (size !== channels) throw new InvalidArgumentError(fusedBatchNormStatisticsSize(training, which, size, channels));
    return given;
  };
  const runningMean = statistic("mean", options.mean), runningVariance = statistic("variance", options.variance);
  if (training) {
    const mean = reduceMean(xf, axes);
    const variance = reduceMean(squaredDifference(xf, reshape(mean, shape)), axes);
    const n = axes.reduce((p, a) => p * xf.dims[a]!, 1);
    const corrected = multiply(variance, n / Math.max(n - 1, 1));
    const y = normalize(mean, variance);
    if (f === 1) return [y, mean, corrected];
    const mix = (old: Tensor, batch: Tensor) => add(multiply(old, 1 - f), multiply(batch, f));
    return [y, mix(runningMean!, mean), mix(runningVariance!, corrected)];
  }
  const mean = runningMean!, variance = runningVariance!;
  return [normalize(mean, variance), mean, variance];
}
