// tf.random's stateful functions (random_ops.py): each runs one stateful op whose seeds come
// from get_seed, then scales and shifts the standard values with ordinary ops, as TensorFlow's
// Python does (so a float16 normal rounds `rnd * stddev` and `+ mean` in float16, as it does).
import { asDType, float16, bfloat16, float32, float64, int32, int64, type DType, type DTypeLike } from "../core/dtypes.js";
import { ValueError } from "../errors/errors.js";
import { dtypeNotAccepted, integerUniformNeedsMaxval } from "../errors/random_messages.js";
import {
  Multinomial, RandomGamma, RandomPoissonV2, RandomShuffle, RandomStandardNormal, RandomUniform, RandomUniformInt, TruncatedNormal,
} from "../ops/random.js";
import { execute1 } from "../runtime/execute.js";
import type { Tensor } from "../runtime/tensor.js";
import { shapeValues, type ShapeArg } from "../api/ops/args.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { add, divide, maximum, multiply, subtract } from "../api/ops/math.js";
import { broadcastDynamicShape, broadcastTo, shape as shapeOf } from "../api/ops/shape_ops.js";
import { opSeeds } from "./seeds.js";

/** An op-level seed: a number (or bigint), as Python's `seed=` integer. */
export type OpSeed = number | bigint;

export interface NormalOptions {
  mean?: TensorLike;
  stddev?: TensorLike;
  dtype?: DTypeLike;
  seed?: OpSeed;
}

export interface UniformOptions {
  minval?: TensorLike;
  /** Defaults to 1 for floats; required for integer dtypes. */
  maxval?: TensorLike;
  dtype?: DTypeLike;
  seed?: OpSeed;
}

export interface CategoricalOptions {
  /** int64 (the default) or int32. */
  dtype?: DTypeLike;
  seed?: OpSeed;
}

export interface ShuffleOptions {
  seed?: OpSeed;
}

/** tf.random.normal: values from a normal distribution (RandomStandardNormal, then `* stddev + mean`). */
export function normal(shape: ShapeArg, options: NormalOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "RandomStandardNormal", "T");
  const stddev = convertToTensor(options.stddev ?? 1, dtype), mean = convertToTensor(options.mean ?? 0, dtype);
  const rnd = execute1(RandomStandardNormal, [], { shape: dims, dtype, ...opSeeds(options.seed) });
  return add(multiply(rnd, stddev), mean);
}

/** tf.random.truncated_normal: normal values redrawn until within two standard deviations of the mean. */
export function truncatedNormal(shape: ShapeArg, options: NormalOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "TruncatedNormal", "T");
  const stddev = convertToTensor(options.stddev ?? 1, dtype), mean = convertToTensor(options.mean ?? 0, dtype);
  const rnd = execute1(TruncatedNormal, [], { shape: dims, dtype, ...opSeeds(options.seed) });
  return add(multiply(rnd, stddev), mean);
}

const UNIFORM_DTYPES: readonly DType[] = [float16, bfloat16, float32, float64, int32, int64];

/** tf.random.uniform: floats in [minval, maxval) (default [0, 1)), or integers in [minval, maxval). */
export function uniform(shape: ShapeArg, options: UniformOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  if (!UNIFORM_DTYPES.includes(dtype)) throw new ValueError(dtypeNotAccepted(dtype, UNIFORM_DTYPES));
  let maxval = options.maxval;
  if (maxval === undefined || maxval === null) {
    if (dtype.isInteger) throw new ValueError(integerUniformNeedsMaxval(dtype));
    maxval = 1;
  }
  const minval = options.minval ?? 0;
  const dims = shapeValues(shape, dtype.isInteger ? "RandomUniformInt" : "RandomUniform", "T");
  // [0, 1) needs no arithmetic: a Python int 0 and 1 are not even converted.
  const minIsZero = minval === 0, maxIsOne = maxval === 1;
  const lo = !minIsZero || !maxIsOne || dtype.isInteger ? convertToTensor(minval, dtype) : null;
  const hi = !minIsZero || !maxIsOne || dtype.isInteger ? convertToTensor(maxval, dtype) : null;
  const seeds = opSeeds(options.seed);
  if (dtype.isInteger) return execute1(RandomUniformInt, [lo!, hi!], { shape: dims, ...seeds });
  const rnd = execute1(RandomUniform, [], { shape: dims, dtype, ...seeds });
  if (minIsZero) return maxIsOne ? rnd : multiply(rnd, hi!);
  return add(multiply(rnd, subtract(hi!, lo!)), lo!);
}

const CATEGORICAL_DTYPES: readonly DType[] = [int32, int64];

/** tf.random.categorical: `numSamples` class indices per row of `logits` ([batch, classes], unnormalised log-probabilities). */
export function categorical(logits: TensorLike, numSamples: number, options: CategoricalOptions = {}): Tensor {
  const l = convertToTensor(logits);
  const dtype = asDType(options.dtype ?? int64);
  if (!CATEGORICAL_DTYPES.includes(dtype)) throw new ValueError(dtypeNotAccepted(dtype, CATEGORICAL_DTYPES));
  return execute1(Multinomial, [l], { numSamples, outputDtype: dtype, ...opSeeds(options.seed) });
}

/** tf.random.shuffle: the rows (first dimension) of `value` in a random order. */
export function shuffle(value: TensorLike, options: ShuffleOptions = {}): Tensor {
  return execute1(RandomShuffle, [convertToTensor(value)], opSeeds(options.seed));
}

export interface GammaOptions {
  /** The inverse scale (rate), broadcast with alpha; 1 by default. */
  beta?: TensorLike;
  dtype?: DTypeLike;
  seed?: OpSeed;
}

export interface PoissonOptions {
  /** The output dtype: float16, float32 (default), float64, int32 or int64. */
  dtype?: DTypeLike;
  seed?: OpSeed;
}

/** np.finfo(dtype).tiny: the smallest normal value, the floor of a gamma sample. */
const TINY: Record<string, number> = {
  float16: 6.103515625e-5, bfloat16: 1.1754943508222875e-38, float32: 1.1754943508222875e-38, float64: 2.2250738585072014e-308,
};

/** maximum(tiny, x): TensorFlow's floor on gamma samples (float64 draws rounding to zero). */
export function atLeastTiny(x: Tensor): Tensor {
  return maximum(convertToTensor(TINY[x.dtype.name] ?? 0, x.dtype), x);
}

/**
 * tf.random.gamma: samples of Gamma(alpha, beta), shape `[...shape, ...broadcast(alpha, beta)]`,
 * floored at the dtype's smallest normal value (as TensorFlow's maximum(tiny, ·)).
 */
export function gamma(shape: ShapeArg, alpha: TensorLike, options: GammaOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "RandomGamma", "S");
  const a = convertToTensor(alpha, dtype), b = convertToTensor(options.beta ?? 1, dtype);
  const aBroadcast = broadcastTo(a, broadcastDynamicShape(shapeOf(a), shapeOf(b)));
  const rnd = execute1(RandomGamma, [aBroadcast], { shape: dims, ...opSeeds(options.seed) });
  return atLeastTiny(divide(rnd, b));
}

/** tf.random.poisson: Poisson counts with rates `lam`, shape `[...shape, ...lam.shape]`, as `dtype`. */
export function poisson(shape: ShapeArg, lam: TensorLike, options: PoissonOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "RandomPoissonV2", "S");
  return execute1(RandomPoissonV2, [convertToTensor(lam)], { shape: dims, dtype, ...opSeeds(options.seed) });
}
