// The random ops' kernels as host computations, shared by every device: the CPU runs them
// directly and the GPU runs them on the host and uploads the result, so a seed gives the same
// numbers on both (TensorFlow's CPU and GPU kernels agree the same way, on one Philox stream).
// Stateful ops draw from a Philox stream kept per (device, op, seed, seed2, dtype), as
// TensorFlow keeps one in each cached kernel; tf.random.setSeed clears them all, as
// TensorFlow's set_seed clears the kernel cache.
import type { DType } from "../../core/dtypes.js";
import { roundHalf } from "../../core/f16.js";
import { readNumbers } from "../cpu/kernels/elements.js";
import { broadcastShape } from "../../core/broadcast.js";
import { allocStorage, type Storage } from "../../core/storage.js";
import { sizeOf } from "../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../errors/errors.js";
import { boundNotScalar, minvalNotBelowMaxval, unsupportedAlgorithm } from "../../errors/random_messages.js";
import type { BinomialAttrs, MultinomialAttrs, StatefulRandomAttrs, StatelessRandomAttrs } from "../../ops/random.js";
import { RNG_ALG_AUTO_SELECT, RNG_ALG_PHILOX } from "../../ops/random.js";
import { digamma, lgamma } from "../cpu/kernels/special_functions.js";
import {
  binomialSamples, gammaSampleDerAlpha, gammaSamples, indexShuffle, poissonSamples, storeAs,
  multinomialSamples, normalFloats, shufflePermutation, truncatedNormalFloats, uniformFloats, uniformFullInts, uniformInts,
} from "./distributions.js";
import { PhiloxRandom, scrambleSeeds } from "./philox.js";

/** A tensor's value on the host: its dtype, dimensions and elements. */
export interface HostValue {
  readonly dtype: DType;
  readonly dims: readonly number[];
  readonly data: Storage;
}

// --- stateful streams (GuardedPhiloxRandom in TensorFlow's cached kernels) ---

const streams = new Map<string, PhiloxRandom>();

function randomWord(): bigint {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return BigInt(words[0]!) | (BigInt(words[1]!) << 32n);
}

/**
 * The stream of one stateful kernel, positioned for this call, which reserves `samples`
 * 128-bit samples of it. Seeds (0, 0) mean a stream seeded from the system's entropy.
 */
export function reserveSamples(kernelKey: string, seed: number, seed2: number, samples: number): PhiloxRandom {
  let gen = streams.get(kernelKey);
  if (gen === undefined) {
    gen = seed === 0 && seed2 === 0 ? PhiloxRandom.fromSeeds(randomWord(), randomWord())
      : PhiloxRandom.fromSeeds(BigInt(seed), BigInt(seed2));
    streams.set(kernelKey, gen);
  }
  const local = gen.clone();
  gen.skip(samples);
  return local;
}

/** Forget every stateful kernel's stream (tf.random.setSeed, TFE_ContextClearCaches). */
export function clearRandomStreams(): void { streams.clear(); }

function statefulKey(device: string, op: string, attrs: { seed: number; seed2: number }, dtype: DType): string {
  return `${device}|${op}|${attrs.seed}|${attrs.seed2}|${dtype.name}`;
}

export type FloatDistribution = "uniform" | "normal" | "truncated_normal";

/** A fill of `n` values of a float distribution from a positioned generator (the reference, or the addon's). */
export type FloatFill = (dist: FloatDistribution, gen: PhiloxRandom, dtype: DType, n: number) => Storage;

/** The reference fill (TypeScript). */
export function drawFloats(dist: FloatDistribution, gen: PhiloxRandom, dtype: DType, n: number): Storage {
  if (dist === "uniform") return uniformFloats(gen, dtype, n);
  if (dist === "normal") return normalFloats(gen, dtype, n);
  return truncatedNormalFloats(gen, dtype, n);
}

/** RandomUniform / RandomStandardNormal / TruncatedNormal: each call reserves 256 samples per output. */
export function statefulFloats(device: string, op: string, dist: FloatDistribution, attrs: StatefulRandomAttrs, fill: FloatFill = drawFloats): Storage {
  const n = sizeOf(attrs.shape);
  const gen = reserveSamples(statefulKey(device, op, attrs, attrs.dtype), attrs.seed, attrs.seed2, n * 256);
  return fill(dist, gen, attrs.dtype, n);
}

function scalarBound(name: "minval" | "maxval", v: HostValue): bigint {
  if (v.dims.length !== 0) throw new InvalidArgumentError(boundNotScalar(name, v.dims));
  return BigInt((v.data as Int32Array | BigInt64Array)[0]!);
}

function bounds(minval: HostValue, maxval: HostValue): [bigint, bigint] {
  const lo = scalarBound("minval", minval), hi = scalarBound("maxval", maxval);
  if (!(lo < hi)) throw new InvalidArgumentError(minvalNotBelowMaxval(lo, hi));
  return [lo, hi];
}

/** RandomUniformInt: the bounds are checked before any sample is reserved. */
export function statefulUniformInts(
  device: string, attrs: { shape: readonly number[]; seed: number; seed2: number }, minval: HostValue, maxval: HostValue,
): Storage {
  const [lo, hi] = bounds(minval, maxval);
  const n = sizeOf(attrs.shape);
  const gen = reserveSamples(statefulKey(device, "RandomUniformInt", attrs, minval.dtype), attrs.seed, attrs.seed2, n * 256);
  return uniformInts(gen, minval.dtype, lo, hi, n);
}

const LOWEST: Record<string, number> = { float16: -65504, bfloat16: -3.3895313892515355e38, float32: -3.4028234663852886e38 };

function logitValues(logits: HostValue): { values: ArrayLike<number>; lowest: number } {
  return { values: readNumbers(logits.dtype, logits.data), lowest: LOWEST[logits.dtype.name] ?? -Number.MAX_VALUE };
}

function sampleMultinomial(gen: () => PhiloxRandom, logits: HostValue, attrs: MultinomialAttrs): Storage {
  const [batch, classes] = logits.dims as [number, number];
  const out = allocStorage(attrs.outputDtype, batch * attrs.numSamples) as Int32Array | BigInt64Array;
  if (out.length === 0) return out;
  const { values, lowest } = logitValues(logits);
  multinomialSamples(gen(), values, lowest, batch, classes, attrs.numSamples, out);
  return out;
}

/** The samples Multinomial reserves: two uint32s per sample on the CPU, rows rounded up to 4 samples. */
function multinomialReservation(batch: number, numSamples: number): number {
  return batch * Math.ceil(numSamples / 4) * 4 * 2 * 256;
}

/** Multinomial (tf.random.categorical). */
export function statefulMultinomial(device: string, attrs: MultinomialAttrs & { seed: number; seed2: number }, logits: HostValue): Storage {
  const key = `${statefulKey(device, "Multinomial", attrs, logits.dtype)}|${attrs.outputDtype.name}`;
  return sampleMultinomial(
    () => reserveSamples(key, attrs.seed, attrs.seed2, multinomialReservation(logits.dims[0]!, attrs.numSamples)),
    logits, attrs,
  );
}

/** RandomShuffle: a copy for 0 or 1 rows (no samples reserved), else the rows permuted. */
export function statefulShuffle(device: string, attrs: { seed: number; seed2: number }, value: HostValue): Storage {
  const rows = value.dims.length === 0 ? 1 : value.dims[0]!;
  const n = sizeOf(value.dims);
  if (n <= 1 || rows <= 1) return (value.data as { slice(): Storage }).slice();
  const gen = reserveSamples(statefulKey(device, "RandomShuffle", attrs, value.dtype), attrs.seed, attrs.seed2, Math.floor((rows - 1 + 3) / 4));
  return permuteRows(value, shufflePermutation(gen, rows));
}

function permuteRows(value: HostValue, perm: Int32Array): Storage {
  const rows = perm.length, n = sizeOf(value.dims);
  const width = (n / rows) * (value.dtype.isComplex ? 2 : 1);
  const src = value.data as unknown as { [i: number]: unknown; length: number };
  const out = allocStorage(value.dtype, n) as unknown as { [i: number]: unknown };
  for (let r = 0; r < rows; r++) {
    const from = perm[r]! * width, to = r * width;
    for (let k = 0; k < width; k++) out[to + k] = src[from + k];
  }
  return out as unknown as Storage;
}

/** A parameter tensor's values as float64 (the kernels compute in double). */
function floatValues(v: HostValue): Float64Array {
  if (v.dtype.isBigInt) return Float64Array.from(v.data as BigInt64Array, Number);
  return Float64Array.from(readNumbers(v.dtype, v.data));
}

/** RandomGamma: each sample reserves 256 samples of the stream. */
export function statefulGamma(device: string, attrs: { shape: readonly number[]; seed: number; seed2: number }, alpha: HostValue): Storage {
  const perAlpha = sizeOf(attrs.shape), numAlphas = sizeOf(alpha.dims);
  if (perAlpha * numAlphas === 0) return allocStorage(alpha.dtype, 0);
  const gen = reserveSamples(statefulKey(device, "RandomGamma", attrs, alpha.dtype), attrs.seed, attrs.seed2, perAlpha * numAlphas * 256);
  return storeAs(alpha.dtype, gammaSamples(gen, floatValues(alpha), perAlpha));
}

function highestOf(dtype: DType): number {
  if (dtype.name === "float16") return 65504;
  if (dtype.name === "float32") return 3.4028234663852886e38;
  if (dtype.name === "int32") return 2147483647;
  if (dtype.name === "int64") return 9223372036854775807;
  return Number.MAX_VALUE;
}

/** RandomPoissonV2: as RandomGamma, counts computed in float64 and stored as the output dtype. */
export function statefulPoisson(device: string, attrs: { shape: readonly number[]; seed: number; seed2: number; dtype: DType }, rate: HostValue): Storage {
  const perRate = sizeOf(attrs.shape), numRates = sizeOf(rate.dims);
  if (perRate === 0 || numRates === 0) return allocStorage(attrs.dtype, 0);
  const key = `${statefulKey(device, "RandomPoissonV2", attrs, rate.dtype)}|${attrs.dtype.name}`;
  const gen = reserveSamples(key, attrs.seed, attrs.seed2, perRate * numRates * 256);
  return storeAs(attrs.dtype, poissonSamples(gen, floatValues(rate), perRate, highestOf(attrs.dtype), lgamma));
}

// --- stateless ops ---

function seedWords(seed: HostValue): [bigint, bigint] {
  const s = seed.data as Int32Array | BigInt64Array;
  return [BigInt(s[0]!), BigInt(s[1]!)];
}

/** StatelessRandomGetKeyCounter: [key [1], counter [2]] as uint64 words. */
export function keyCounterFromSeed(seed: HostValue): [Storage, Storage] {
  const gen = scrambleSeeds(...seedWords(seed));
  return [BigUint64Array.of(gen.keyWord()), BigUint64Array.from(gen.counterWords())];
}

function streamOf(key: HostValue, counter: HostValue, alg: number): PhiloxRandom {
  if (alg !== RNG_ALG_PHILOX && alg !== RNG_ALG_AUTO_SELECT) throw new InvalidArgumentError(unsupportedAlgorithm(alg));
  const c = counter.data as BigUint64Array;
  return PhiloxRandom.fromCounterKey([c[0]!, c[1]!], (key.data as BigUint64Array)[0]!);
}

/** StatelessRandomUniformV2 / NormalV2 / TruncatedNormalV2. */
export function statelessFloats(dist: FloatDistribution, attrs: StatelessRandomAttrs, key: HostValue, counter: HostValue, fill: FloatFill = drawFloats): Storage {
  const n = sizeOf(attrs.shape);
  if (n === 0) return allocStorage(attrs.dtype, 0);
  return fill(dist, streamOf(key, counter, attrs.alg), attrs.dtype, n);
}

/** StatelessRandomUniformFullIntV2. */
export function statelessFullInts(attrs: StatelessRandomAttrs, key: HostValue, counter: HostValue): Storage {
  const n = sizeOf(attrs.shape);
  if (n === 0) return allocStorage(attrs.dtype, 0);
  return uniformFullInts(streamOf(key, counter, attrs.alg), attrs.dtype, n);
}

/** StatelessRandomUniformIntV2: bounds checked only when there is something to draw, as TensorFlow. */
export function statelessUniformInts(
  attrs: { shape: readonly number[]; alg: number }, key: HostValue, counter: HostValue, minval: HostValue, maxval: HostValue,
): Storage {
  const n = sizeOf(attrs.shape);
  if (n === 0) return allocStorage(minval.dtype, 0);
  const [lo, hi] = bounds(minval, maxval);
  const gen = streamOf(key, counter, attrs.alg);
  return uniformInts(gen, minval.dtype, lo, hi, n);
}

/** StatelessMultinomial (tf.random.stateless_categorical). */
export function statelessMultinomial(attrs: MultinomialAttrs, logits: HostValue, seed: HostValue): Storage {
  return sampleMultinomial(() => scrambleSeeds(...seedWords(seed)), logits, attrs);
}

/** Values of `v` broadcast to `dims` (numpy's rules), row-major. */
function broadcastValues(values: Float64Array, from: readonly number[], dims: readonly number[]): Float64Array {
  const n = sizeOf(dims), out = new Float64Array(n), rank = dims.length;
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = from.length - 1; i >= 0; i--) { const d = from[i]!; strides[rank - from.length + i] = d === 1 ? 0 : s; s *= d; }
  for (let k = 0; k < n; k++) {
    let rest = k, at = 0;
    for (let i = rank - 1; i >= 0; i--) { const d = dims[i]!; at += (rest % d) * strides[i]!; rest = Math.floor(rest / d); }
    out[k] = values[at]!;
  }
  return out;
}

function binomialFrom(gen: PhiloxRandom, attrs: BinomialAttrs, counts: HostValue, probs: HostValue): Storage {
  const batch = broadcastShape(counts.dims, probs.dims)!;
  const perBatch = sizeOf(attrs.shape) / Math.max(1, sizeOf(batch));
  if (sizeOf(attrs.shape) === 0) return allocStorage(attrs.dtype, 0);
  const inT = counts.dtype.name === "float32" ? Math.fround : counts.dtype.name === "float16" ? roundHalf : (x: number) => x;
  const c = broadcastValues(floatValues(counts), counts.dims, batch), p = broadcastValues(floatValues(probs), probs.dims, batch);
  return storeAs(attrs.dtype, binomialSamples(gen, c, p, perBatch, inT));
}

/** StatelessRandomBinomial. */
export function statelessBinomial(attrs: BinomialAttrs, seed: HostValue, counts: HostValue, probs: HostValue): Storage {
  return binomialFrom(scrambleSeeds(...seedWords(seed)), attrs, counts, probs);
}

/** StatefulRandomBinomial from the key and counter a Generator's state held. */
export function statefulBinomial(attrs: BinomialAttrs, key: HostValue, counter: HostValue, counts: HostValue, probs: HostValue): Storage {
  return binomialFrom(streamOf(key, counter, RNG_ALG_PHILOX), attrs, counts, probs);
}

/** StatelessRandomGammaV3: RandomGamma's kernel on the stream of a key and counter, alpha's shape trailing. */
export function statelessGamma(attrs: { shape: readonly number[]; alg: number }, key: HostValue, counter: HostValue, alpha: HostValue): Storage {
  const n = sizeOf(attrs.shape), numAlphas = sizeOf(alpha.dims);
  if (n === 0) return allocStorage(alpha.dtype, 0);
  return storeAs(alpha.dtype, gammaSamples(streamOf(key, counter, attrs.alg), floatValues(alpha), n / numAlphas));
}

/** StatelessRandomPoisson: RandomPoissonV2's kernel on a scrambled seed's stream, lam's shape trailing. */
export function statelessPoisson(attrs: { shape: readonly number[]; dtype: DType }, seed: HostValue, lam: HostValue): Storage {
  const n = sizeOf(attrs.shape), numRates = sizeOf(lam.dims);
  if (n === 0) return allocStorage(attrs.dtype, 0);
  return storeAs(attrs.dtype, poissonSamples(scrambleSeeds(...seedWords(seed)), floatValues(lam), n / numRates, highestOf(attrs.dtype), lgamma));
}

/** StatelessShuffle: RandomShuffle's permutation drawn from a key and counter. */
export function statelessShuffle(attrs: { alg: number }, value: HostValue, key: HostValue, counter: HostValue): Storage {
  const rows = value.dims.length === 0 ? 1 : value.dims[0]!;
  const gen = streamOf(key, counter, attrs.alg);
  if (sizeOf(value.dims) <= 1 || rows <= 1) return (value.data as { slice(): Storage }).slice();
  return permuteRows(value, shufflePermutation(gen, rows));
}

/** RandomIndexShuffle over scalars or vectors (a seed row per output, or one for all). */
export function randomIndexShuffle(attrs: { rounds: number }, index: HostValue, seed: HostValue, maxIndex: HostValue, dims: readonly number[]): Storage {
  const n = sizeOf(dims);
  const out = allocStorage(index.dtype, n) as Int32Array | Uint32Array | BigInt64Array | BigUint64Array;
  const word = (v: HostValue, i: number) => BigInt((v.data as ArrayLike<number | bigint>)[v.dims.length === 0 ? 0 : i]!);
  const seeds = Array.from(seed.data as ArrayLike<number | bigint>, (x) => Number(BigInt.asUintN(32, BigInt(x))));
  for (let i = 0; i < n; i++) {
    const row = seed.dims.length === 1 ? 0 : i;
    const key: [number, number, number] = [seeds[3 * row]!, seeds[3 * row + 1]!, seeds[3 * row + 2]!];
    const r = indexShuffle(BigInt.asUintN(64, word(index, i)), key, BigInt.asUintN(64, word(maxIndex, i)), attrs.rounds);
    if (index.dtype.isBigInt) (out as BigInt64Array)[i] = index.dtype.name === "int64" ? BigInt.asIntN(64, r) : r;
    else (out as Int32Array)[i] = Number(index.dtype.name === "int32" ? BigInt.asIntN(32, r) : BigInt.asUintN(32, r));
  }
  return out;
}

/** RandomGammaGrad: ∂sample/∂alpha elementwise, alpha broadcast to the samples' shape. */
export function randomGammaGrad(alpha: HostValue, sample: HostValue, dims: readonly number[]): Storage {
  const a = broadcastValues(floatValues(alpha), alpha.dims, dims), x = broadcastValues(floatValues(sample), sample.dims, dims);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = gammaSampleDerAlpha(a[i]!, x[i]!, lgamma, digamma);
  return storeAs(alpha.dtype, out);
}
