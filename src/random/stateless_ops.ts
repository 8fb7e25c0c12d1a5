// tf.random's stateless functions (stateless_random_ops.py): the same seed pair gives the same
// numbers on every call and every device. The seed is scrambled into a Philox key and counter
// (StatelessRandomGetKeyCounter) and a V2 op draws from them, as TensorFlow 2 does.
import { asDType, bfloat16, float16, float32, float64, int32, int64, uint32, uint64, type DType, type DTypeLike } from "../core/dtypes.js";
import { TypeError as TfTypeError, ValueError } from "../errors/errors.js";
import {
  algorithmNotConvertible, algorithmNotSupported, dtypeNotAccepted, statelessBoundedUnsigned, statelessBoundsNotPaired,
} from "../errors/random_messages.js";
import {
  RandomIndexShuffle, StatelessRandomBinomial, StatelessRandomGammaV3, StatelessRandomPoisson, StatelessShuffle, RNG_ALG_AUTO_SELECT, RNG_ALG_PHILOX, RNG_ALG_THREEFRY, StatelessMultinomial, StatelessRandomGetKeyCounter,
  StatelessRandomNormalV2, StatelessRandomUniformFullIntV2, StatelessRandomUniformIntV2, StatelessRandomUniformV2,
  StatelessTruncatedNormalV2,
} from "../ops/random.js";
import { execute, execute1 } from "../runtime/execute.js";
import { Tensor } from "../runtime/tensor.js";
import { shapeValues, type ShapeArg } from "../api/ops/args.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { concat, fill, stack } from "../api/ops/array.js";
import { add, cast, divide, multiply, subtract } from "../api/ops/math.js";
import { atLeastTiny } from "./stateful_ops.js";
import { broadcastDynamicShape, broadcastTo, shape as shapeOf } from "../api/ops/shape_ops.js";
import { constant } from "../api/ops/convert.js";

/** An RNG algorithm as TensorFlow names it: tf.random.Algorithm's ids or `"philox"`, `"threefry"`, `"auto_select"`. */
export type AlgorithmLike = number | "philox" | "threefry" | "auto_select" | string;

/** tf.random.Algorithm. */
export const Algorithm = Object.freeze({ PHILOX: RNG_ALG_PHILOX, THREEFRY: RNG_ALG_THREEFRY, AUTO_SELECT: RNG_ALG_AUTO_SELECT });

/** random_ops_util.convert_alg_to_int. */
export function algorithmId(alg: AlgorithmLike): number {
  if (typeof alg === "number") {
    if (alg !== RNG_ALG_PHILOX && alg !== RNG_ALG_THREEFRY && alg !== RNG_ALG_AUTO_SELECT) throw new ValueError(algorithmNotSupported(alg));
    return alg;
  }
  if (typeof alg !== "string") throw new TfTypeError(algorithmNotConvertible(String(alg), typeof alg));
  const canon = alg.trim().toLowerCase().replace(/[-_]/g, "");
  if (canon === "philox") return RNG_ALG_PHILOX;
  if (canon === "threefry") return RNG_ALG_THREEFRY;
  if (canon === "autoselect") return RNG_ALG_AUTO_SELECT;
  throw new ValueError(algorithmNotSupported(alg));
}

/** A stateless op's seed: a shape-[2] int32/int64 tensor or a pair of numbers. */
export type SeedLike = TensorLike;

/**
 * A seed (or an integer to fold in) as a tensor: a tensor as given; numbers as Python ints
 * convert, int32 unless a value needs int64.
 */
export function seedTensor(seed: SeedLike): Tensor {
  if (seed instanceof Tensor) return seed;
  const flat = (Array.isArray(seed) ? seed.flat(Infinity) : [seed]) as unknown[];
  const fits = flat.every((x) => (typeof x === "number" && Number.isInteger(x) && Math.abs(x) < 2 ** 31) ||
    (typeof x === "bigint" && x >= -(2n ** 31n) && x < 2n ** 31n));
  const integral = flat.every((x) => typeof x === "bigint" || (typeof x === "number" && Number.isInteger(x)));
  return integral ? convertToTensor(seed, fits ? int32 : int64) : convertToTensor(seed);
}

/** _get_key_counter_alg: the Philox key [1] and counter [2] (uint64) of a seed pair, and the algorithm. */
export function keyCounterAlg(seed: SeedLike, alg: AlgorithmLike = "auto_select"): [Tensor, Tensor, number] {
  const id = algorithmId(alg);
  const s = seedTensor(seed);
  if (id === RNG_ALG_THREEFRY) {
    // ThreeFry's key is the seed's two words as one uint64, its counter one zero word.
    const words = cast(s, uint32).hostData() as Uint32Array;
    const key = constant(BigUint64Array.of(BigInt(words[0] ?? 0) | (BigInt(words[1] ?? 0) << 32n)), uint64, [1]);
    return [key, constant(BigUint64Array.of(0n), uint64, [1]), id];
  }
  const [key, counter] = execute(StatelessRandomGetKeyCounter, [s], {});
  return [key!, counter!, id];
}

export interface StatelessNormalOptions {
  mean?: TensorLike;
  stddev?: TensorLike;
  dtype?: DTypeLike;
  alg?: AlgorithmLike;
}

export interface StatelessUniformOptions {
  /** null with `maxval` null (integer dtypes): every value of the dtype. */
  minval?: TensorLike | null;
  maxval?: TensorLike | null;
  dtype?: DTypeLike;
  alg?: AlgorithmLike;
}

/** tf.random.stateless_normal. */
export function statelessNormal(shape: ShapeArg, seed: SeedLike, options: StatelessNormalOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "StatelessRandomNormalV2", "Tshape");
  const mean = convertToTensor(options.mean ?? 0, dtype), stddev = convertToTensor(options.stddev ?? 1, dtype);
  const [key, counter, alg] = keyCounterAlg(seed, options.alg);
  const rnd = execute1(StatelessRandomNormalV2, [key, counter], { shape: dims, dtype, alg });
  return add(multiply(rnd, stddev), mean);
}

/** tf.random.stateless_truncated_normal. */
export function statelessTruncatedNormal(shape: ShapeArg, seed: SeedLike, options: StatelessNormalOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "StatelessTruncatedNormalV2", "Tshape");
  const mean = convertToTensor(options.mean ?? 0, dtype), stddev = convertToTensor(options.stddev ?? 1, dtype);
  const [key, counter, alg] = keyCounterAlg(seed, options.alg);
  const rnd = execute1(StatelessTruncatedNormalV2, [key, counter], { shape: dims, dtype, alg });
  return add(multiply(rnd, stddev), mean);
}

const STATELESS_UNIFORM_DTYPES: readonly DType[] = [float16, bfloat16, float32, float64, int32, int64, uint32, uint64];

function describe(v: TensorLike | null | undefined): string {
  return v === null || v === undefined ? "None" : v instanceof Tensor ? v.toString() : String(v);
}

/** tf.random.stateless_uniform: floats in [minval, maxval), integers in [minval, maxval), or full-range integers. */
export function statelessUniform(shape: ShapeArg, seed: SeedLike, options: StatelessUniformOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  if (!STATELESS_UNIFORM_DTYPES.includes(dtype)) throw new ValueError(dtypeNotAccepted(dtype, STATELESS_UNIFORM_DTYPES));
  let minval = options.minval === undefined ? 0 : options.minval;
  let maxval = options.maxval ?? null;
  if (dtype.isInteger) {
    if ((minval === null) !== (maxval === null)) throw new ValueError(statelessBoundsNotPaired(dtype, describe(minval), describe(maxval)));
    if (minval !== null && (dtype === uint32 || dtype === uint64)) throw new ValueError(statelessBoundedUnsigned(dtype));
  } else {
    if (maxval === null) maxval = 1;
    if (minval === null) minval = 0;
  }
  const dims = shapeValues(shape, "StatelessRandomUniformV2", "Tshape");
  if (dtype.isInteger && minval === null) {
    const [key, counter, alg] = keyCounterAlg(seed, options.alg);
    return execute1(StatelessRandomUniformFullIntV2, [key, counter], { shape: dims, dtype, alg });
  }
  const lo = convertToTensor(minval!, dtype), hi = convertToTensor(maxval!, dtype);
  const [key, counter, alg] = keyCounterAlg(seed, options.alg);
  if (dtype.isInteger) return execute1(StatelessRandomUniformIntV2, [key, counter, lo, hi], { shape: dims, alg });
  const rnd = execute1(StatelessRandomUniformV2, [key, counter], { shape: dims, dtype, alg });
  return add(multiply(rnd, subtract(hi, lo)), lo);
}

export interface StatelessCategoricalOptions {
  dtype?: DTypeLike;
}

/** tf.random.stateless_categorical: `numSamples` class indices per row of `logits`. */
export function statelessCategorical(logits: TensorLike, numSamples: number, seed: SeedLike, options: StatelessCategoricalOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? int64);
  if (dtype !== int32 && dtype !== int64) throw new ValueError(dtypeNotAccepted(dtype, [int32, int64]));
  return execute1(StatelessMultinomial, [convertToTensor(logits), seedTensor(seed)], { numSamples, outputDtype: dtype });
}

/** tf.random.experimental.stateless_split: `num` new seeds, shape [num, 2], in the seed's dtype. */
export function statelessSplit(seed: SeedLike, num = 2, alg: AlgorithmLike = "auto_select"): Tensor {
  const s = seedTensor(seed);
  return statelessUniform([num, 2], s, { dtype: s.dtype, minval: null, maxval: null, alg });
}

/** tf.random.experimental.stateless_fold_in: a new seed from a seed and an integer, `[uniform(seed), data]`. */
export function statelessFoldIn(seed: SeedLike, data: TensorLike, alg: AlgorithmLike = "auto_select"): Tensor {
  const d = seedTensor(data);
  const seed1 = statelessUniform([], seed, { dtype: d.dtype, minval: null, maxval: null, alg });
  return stack([seed1, d]);
}

export interface StatelessBinomialOptions {
  /** The output dtype (int32 by default; float16/32/64 and int64 too). */
  outputDtype?: DTypeLike;
}

/**
 * tf.random.stateless_binomial: binomial counts of shape `shape`, whose trailing dimensions are
 * `counts` and `probs` broadcast together (probs float32 unless given otherwise, counts in probs' dtype).
 */
export function statelessBinomial(shape: ShapeArg, seed: SeedLike, counts: TensorLike, probs: TensorLike, options: StatelessBinomialOptions = {}): Tensor {
  const dims = shapeValues(shape, "StatelessRandomBinomial", "S");
  const p = convertToTensor(probs);
  const c = convertToTensor(counts, p.dtype);
  return execute1(StatelessRandomBinomial, [seedTensor(seed), c, p], { shape: dims, dtype: asDType(options.outputDtype ?? int32) });
}

export interface StatelessGammaOptions {
  /** The inverse scale (rate), broadcast with alpha; 1 by default. */
  beta?: TensorLike;
  dtype?: DTypeLike;
}


/**
 * tf.random.stateless_gamma: Gamma(alpha, beta) samples of shape `shape`, whose trailing
 * dimensions are alpha and beta broadcast together; floored at the dtype's smallest normal value.
 */
export function statelessGamma(shape: ShapeArg, seed: SeedLike, alpha: TensorLike, options: StatelessGammaOptions = {}): Tensor {
  const dtype = asDType(options.dtype ?? float32);
  const dims = shapeValues(shape, "StatelessRandomGammaV3", "shape_dtype");
  const a = convertToTensor(alpha, dtype), b = convertToTensor(options.beta ?? 1, dtype);
  const aBroadcast = broadcastTo(a, broadcastDynamicShape(shapeOf(a), shapeOf(b)));
  const [key, counter, alg] = keyCounterAlg(seed);
  const rnd = execute1(StatelessRandomGammaV3, [key, counter, aBroadcast], { shape: dims, alg });
  return atLeastTiny(divide(rnd, b));
}

export interface StatelessPoissonOptions {
  /** The output dtype: int32 (default), int64, float16, float32 or float64. */
  dtype?: DTypeLike;
}

/** tf.random.stateless_poisson: Poisson counts of shape `shape`, whose trailing dimensions are lam's. */
export function statelessPoisson(shape: ShapeArg, seed: SeedLike, lam: TensorLike, options: StatelessPoissonOptions = {}): Tensor {
  const dims = shapeValues(shape, "StatelessRandomPoisson", "T");
  return execute1(StatelessRandomPoisson, [seedTensor(seed), convertToTensor(lam)], { shape: dims, dtype: asDType(options.dtype ?? int32) });
}

/** tf.random.experimental.stateless_shuffle: value's rows in an order that is a function of the seed. */
export function statelessShuffle(value: TensorLike, seed: SeedLike, alg: AlgorithmLike = "auto_select"): Tensor {
  const [key, counter, id] = keyCounterAlg(seed, alg);
  return execute1(StatelessShuffle, [convertToTensor(value), key, counter], { alg: id });
}

/**
 * tf.random.experimental.index_shuffle: where `index` lands in a seeded permutation of
 * [0, maxIndex] (Simon cipher, 4 rounds); vectors of indices, maxima or [n, 2] seeds shuffle
 * elementwise.
 */
export function indexShuffle(index: TensorLike, seed: SeedLike, maxIndex: TensorLike): Tensor {
  const i = seedTensor(index);
  const s = seedTensor(seed);
  // TensorFlow pads the seed's first axis in front with a fixed word, the pair becoming the op's
  // three-word key (an [n, 2] seed gains a row, as TensorFlow's pad does, which the op rejects).
  const padded = s.rank === 1 ? concatSeed(s) : concatSeedRows(s);
  return execute1(RandomIndexShuffle, [i, padded, convertToTensor(maxIndex, i.dtype)], { rounds: 4 });
}

const INDEX_SHUFFLE_PAD = 498247692;

function concatSeed(s: Tensor): Tensor {
  return concat([convertToTensor([INDEX_SHUFFLE_PAD], s.dtype), s], 0);
}

function concatSeedRows(s: Tensor): Tensor {
  return concat([fill([1, ...s.dims.slice(1)], convertToTensor(INDEX_SHUFFLE_PAD, s.dtype)), s], 0);
}
