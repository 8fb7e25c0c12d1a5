// TensorFlow's random distributions over a Philox stream (random_distributions.h), and its
// way of filling a tensor with them (FillPhiloxRandom): outputs come in groups, one Philox
// call per group of 4 (32-bit types) or 2 (64-bit types); a distribution that rejects samples
// (the truncated normal) starts each group 256 samples per output further on, so a group's
// values never depend on how many samples the groups before it took. Float conversions are
// TensorFlow's bit constructions, and the Box-Muller transform is computed in float32 steps
// for float32 (sinf/cosf/logf/sqrtf as correctly rounded float32 operations) and in float64
// for float64, so the numbers equal TensorFlow's CPU kernels to the last bit of float32.
import type { DType } from "../../core/dtypes.js";
import { toBFloat16Bits, toHalfBits } from "../../core/f16.js";
import { allocStorage, type Storage } from "../../core/storage.js";
import { PhiloxRandom, SingleSampler } from "./philox.js";

const f = Math.fround;
const TWO23 = 8388608;
const TWO32 = 4294967296;
const TWO52 = 4503599627370496;
const EPSILON_F32 = f(1e-7);

/** Uint32ToFloat: 23 random mantissa bits as a float32 in [0, 1). */
export function uint32ToFloat(x: number): number { return (x & 0x7fffff) / TWO23; }
/** Uint64ToDouble: 52 random mantissa bits (20 of x0, 32 of x1) as a float64 in [0, 1). */
export function uint64ToDouble(x0: number, x1: number): number { return ((x0 & 0xfffff) * TWO32 + x1) / TWO52; }

/** BoxMullerFloat: two standard normal float32s from two uint32s, into out[at], out[at + 1]. */
function boxMullerFloat(x0: number, x1: number, out: Float64Array, at: number): void {
  let u1 = uint32ToFloat(x0);
  if (u1 < EPSILON_F32) u1 = EPSILON_F32;
  const v1 = f(2 * Math.PI * uint32ToFloat(x1)); // 2.0f * M_PI is a double product, stored as float
  const u2 = f(Math.sqrt(f(-2 * f(Math.log(u1)))));
  out[at] = f(f(Math.sin(v1)) * u2);
  out[at + 1] = f(f(Math.cos(v1)) * u2);
}

/** BoxMullerDouble: two standard normal float64s from four uint32s. */
function boxMullerDouble(x0: number, x1: number, x2: number, x3: number, out: Float64Array, at: number): void {
  let u1 = uint64ToDouble(x0, x1);
  if (u1 < 1e-7) u1 = 1e-7;
  const v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
  const u2 = Math.sqrt(-2 * Math.log(u1));
  out[at] = Math.sin(v1) * u2;
  out[at + 1] = Math.cos(v1) * u2;
}

/** Whether a dtype takes two uint32s per value (float64, int64, uint64). */
function isWide(dtype: DType): boolean { return dtype.size === 8; }

/** Write float values (already rounded to float32 where the dtype is float32) as `dtype`. */
function store(dtype: DType, values: Float64Array, n: number): Storage {
  const out = allocStorage(dtype, n);
  // A double reaches half and bfloat16 through float, as Eigen's conversions go.
  if (dtype.name === "float16") { const o = out as Uint16Array; for (let i = 0; i < n; i++) o[i] = toHalfBits(f(values[i]!)); }
  else if (dtype.name === "bfloat16") { const o = out as Uint16Array; for (let i = 0; i < n; i++) o[i] = toBFloat16Bits(f(values[i]!)); }
  else (out as Float32Array | Float64Array).set(values.subarray(0, n));
  return out;
}

/** Fill `n` values, one Philox call per group of `group` values computed by `draw`. */
function fillGroups(gen: PhiloxRandom, n: number, group: number, draw: (s: Uint32Array, out: Float64Array, at: number) => void): Float64Array {
  const groups = Math.ceil(n / group);
  const values = new Float64Array(groups * group);
  const s = new Uint32Array(4);
  for (let g = 0; g < groups; g++) { gen.next(s); draw(s, values, g * group); }
  return values;
}

/** UniformDistribution for a float dtype: [0, 1) from mantissa bits (16 bits per half/bfloat16 value). */
export function uniformFloats(gen: PhiloxRandom, dtype: DType, n: number): Storage {
  const s = new Uint32Array(4);
  if (dtype.name === "float64") {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i += 2) {
      gen.next(s);
      out[i] = uint64ToDouble(s[0]!, s[1]!);
      if (i + 1 < n) out[i + 1] = uint64ToDouble(s[2]!, s[3]!);
    }
    return out;
  }
  if (dtype.name === "float32") {
    // The hot case: whole groups straight into the output, the tail through a scratch group.
    const out = new Float32Array(n);
    const full = n - (n % 4);
    for (let i = 0; i < full; i += 4) {
      gen.next(s);
      out[i] = (s[0]! & 0x7fffff) / TWO23; out[i + 1] = (s[1]! & 0x7fffff) / TWO23;
      out[i + 2] = (s[2]! & 0x7fffff) / TWO23; out[i + 3] = (s[3]! & 0x7fffff) / TWO23;
    }
    if (full < n) { gen.next(s); for (let i = full; i < n; i++) out[i] = uint32ToFloat(s[i - full]!); }
    return out;
  }
  // Uint16ToHalf / Uint16ToGfloat16 keep 10 / 7 mantissa bits of the low 16; both are exact.
  const convert = dtype.name === "float16" ? (x: number) => (x & 0x3ff) / 1024 : (x: number) => (x & 0x7f) / 128;
  return store(dtype, fillGroups(gen, n, 4, (w, o, at) => {
    for (let i = 0; i < 4; i++) o[at + i] = convert(w[i]!);
  }), n);
}

/** NormalDistribution: Box-Muller in float32 (half and bfloat16 round its float32 results) or float64. */
export function normalFloats(gen: PhiloxRandom, dtype: DType, n: number): Storage {
  if (dtype.name === "float64") {
    return store(dtype, fillGroups(gen, n, 2, (s, o, at) => boxMullerDouble(s[0]!, s[1]!, s[2]!, s[3]!, o, at)), n);
  }
  return store(dtype, fillGroups(gen, n, 4, (s, o, at) => {
    boxMullerFloat(s[0]!, s[1]!, o, at); boxMullerFloat(s[2]!, s[3]!, o, at + 2);
  }), n);
}

const RESERVED_SAMPLES_PER_OUTPUT = 256;

/** TruncatedNormalDistribution: normals with |x| < 2, each group from its own reserved stretch of the stream. */
export function truncatedNormalFloats(base: PhiloxRandom, dtype: DType, n: number): Storage {
  const wide = dtype.name === "float64";
  const group = wide ? 2 : 4;
  const skipPerGroup = (group * RESERVED_SAMPLES_PER_OUTPUT) / 4;
  const groups = Math.ceil(n / group);
  const values = new Float64Array(groups * group);
  const pair = new Float64Array(2);
  for (let g = 0; g < groups; g++) {
    const gen = base.clone();
    gen.skip(g * skipPerGroup);
    const single = new SingleSampler(gen);
    let index = 0;
    while (index < group) {
      if (wide) boxMullerDouble(single.next(), single.next(), single.next(), single.next(), pair, 0);
      else boxMullerFloat(single.next(), single.next(), pair, 0);
      if (Math.abs(pair[0]!) < 2) values[g * group + index++] = pair[0]!;
      if (index < group && Math.abs(pair[1]!) < 2) values[g * group + index++] = pair[1]!;
    }
  }
  return store(dtype, values, n);
}

/** UniformDistribution for int32/int64: lo + (bits mod (hi - lo)), the range taken unsigned. */
export function uniformInts(gen: PhiloxRandom, dtype: DType, lo: bigint, hi: bigint, n: number): Storage {
  const out = allocStorage(dtype, n);
  const s = new Uint32Array(4);
  if (dtype.name === "int64") {
    const o = out as BigInt64Array;
    const range = BigInt.asUintN(64, hi - lo);
    for (let i = 0; i < n; i += 2) {
      gen.next(s);
      for (let j = 0; j < 2 && i + j < n; j++) {
        const bits = BigInt(s[2 * j]!) | (BigInt(s[2 * j + 1]!) << 32n);
        o[i + j] = BigInt.asIntN(64, lo + bits % range);
      }
    }
    return out;
  }
  const o = out as Int32Array;
  const low = Number(lo);
  const range = Number(BigInt.asUintN(32, hi - lo)) || TWO32;
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    for (let j = 0; j < 4 && i + j < n; j++) o[i + j] = low + (s[j]! % range);
  }
  return out;
}

/** UniformFullIntDistribution: every bit random, for int32/uint32 (one word) and int64/uint64 (two). */
export function uniformFullInts(gen: PhiloxRandom, dtype: DType, n: number): Storage {
  const out = allocStorage(dtype, n);
  const s = new Uint32Array(4);
  if (isWide(dtype)) {
    const o = out as BigInt64Array | BigUint64Array;
    const signed = dtype.name === "int64";
    for (let i = 0; i < n; i += 2) {
      gen.next(s);
      for (let j = 0; j < 2 && i + j < n; j++) {
        const bits = BigInt(s[2 * j]!) | (BigInt(s[2 * j + 1]!) << 32n);
        o[i + j] = signed ? BigInt.asIntN(64, bits) : bits;
      }
    }
    return out;
  }
  const o = out as Int32Array | Uint32Array;
  for (let i = 0; i < n; i += 4) {
    gen.next(s);
    for (let j = 0; j < 4 && i + j < n; j++) o[i + j] = s[j]!;
  }
  return out;
}

/**
 * The CPU Multinomial kernel: per row, an unnormalised CDF of exp(logit - max finite logit)
 * over the finite logits in float64, and per sample the first class whose CDF exceeds a
 * uniform float64 (two uint32s) times the total. Rows draw one after another from one stream.
 */
export function multinomialSamples(
  gen: PhiloxRandom, logits: ArrayLike<number>, lowest: number, batch: number, classes: number, numSamples: number,
  out: Int32Array | BigInt64Array,
): void {
  const single = new SingleSampler(gen);
  const cdf = new Float64Array(classes);
  const wide = out instanceof BigInt64Array;
  for (let b = 0; b < batch; b++) {
    const row = b * classes;
    let max = lowest;
    for (let j = 0; j < classes; j++) { const v = logits[row + j]!; if (Number.isFinite(v) && v > max) max = v; }
    let total = 0;
    for (let j = 0; j < classes; j++) {
      const v = logits[row + j]!;
      if (Number.isFinite(v)) total += Math.exp(v - max);
      cdf[j] = total;
    }
    for (let k = 0; k < numSamples; k++) {
      const x0 = single.next(), x1 = single.next();
      const target = uint64ToDouble(x0, x1) * total;
      let lo = 0, hi = classes; // upper_bound: the first j with cdf[j] > target
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (cdf[mid]! > target) hi = mid; else lo = mid + 1; }
      if (wide) (out as BigInt64Array)[b * numSamples + k] = BigInt(lo);
      else (out as Int32Array)[b * numSamples + k] = lo;
    }
  }
}

/** RandomShuffle's permutation of n rows: Fisher-Yates with `uint32 mod (n - i)` draws. */
export function shufflePermutation(gen: PhiloxRandom, n: number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const single = new SingleSampler(gen);
  for (let i = 0; i < n - 1; i++) {
    const j = i + (single.next() % (n - i));
    const t = perm[i]!; perm[i] = perm[j]!; perm[j] = t;
  }
  return perm;
}

const RESERVED_PER_SAMPLE = 256;

/** Draws of UniformDistribution<double> / NormalDistribution<double>, two per Philox call, taken last first (TensorFlow's `remaining--`). */
class DoubleDraws {
  private readonly words = new Uint32Array(4);
  private uniforms = [0, 0];
  private uniformLeft = 0;
  private normals = new Float64Array(2);
  private normalLeft = 0;
  constructor(private readonly gen: PhiloxRandom) {}
  uniform(): number {
    if (this.uniformLeft === 0) {
      this.gen.next(this.words);
      this.uniforms = [uint64ToDouble(this.words[0]!, this.words[1]!), uint64ToDouble(this.words[2]!, this.words[3]!)];
      this.uniformLeft = 2;
    }
    return this.uniforms[--this.uniformLeft]!;
  }
  normal(): number {
    if (this.normalLeft === 0) {
      this.gen.next(this.words);
      boxMullerDouble(this.words[0]!, this.words[1]!, this.words[2]!, this.words[3]!, this.normals, 0);
      this.normalLeft = 2;
    }
    return this.normals[--this.normalLeft]!;
  }
}

/**
 * The RandomGamma kernel: for each alpha (alpha-major order of outputs), samples of Gamma(alpha, 1)
 * by Marsaglia and Tsang's transformation-rejection in float64, each sample from its own
 * reserved stretch of the stream (256 samples per output); alpha == 1 is an exponential.
 * Sample s of alpha a lands at s * numAlphas + a.
 */
export function gammaSamples(base: PhiloxRandom, alphas: ArrayLike<number>, samplesPerAlpha: number): Float64Array {
  const numAlphas = alphas.length;
  const out = new Float64Array(samplesPerAlpha * numAlphas);
  for (let a = 0; a < numAlphas; a++) {
    const alpha = alphas[a]!;
    const less = alpha < 1;
    const d = alpha + (less ? 2 / 3 : -1 / 3);
    const c = 1 / 3 / Math.sqrt(d);
    for (let s = 0; s < samplesPerAlpha; s++) {
      const gen = base.clone();
      gen.skip(RESERVED_PER_SAMPLE * (a * samplesPerAlpha + s));
      const draws = new DoubleDraws(gen);
      if (alpha === 1) { out[s * numAlphas + a] = -Math.log1p(-draws.uniform()); continue; }
      for (;;) {
        const x = draws.normal();
        let v = 1 + c * x;
        if (v <= 0) continue;
        v = v * v * v;
        const u = draws.uniform();
        if (u < 1 - 0.0331 * (x * x) * (x * x) || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
          let res = d * v;
          if (less) res *= Math.pow(draws.uniform(), 1 / alpha);
          out[s * numAlphas + a] = res;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * The RandomPoissonV2 kernel in float64: Knuth's product of uniforms for rate < 10, Hormann's
 * transformed rejection otherwise; `highest` is the output dtype's largest value (a larger
 * count is redrawn). Layout and streams as gammaSamples.
 */
export function poissonSamples(base: PhiloxRandom, rates: ArrayLike<number>, samplesPerRate: number, highest: number,
  lgamma: (x: number) => number): Float64Array {
  const numRates = rates.length;
  const out = new Float64Array(samplesPerRate * numRates);
  for (let r = 0; r < numRates; r++) {
    const rate = rates[r]!;
    const expNegRate = Math.exp(-rate);
    const logRate = Math.log(rate);
    const b = 0.931 + 2.53 * Math.sqrt(rate);
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    for (let s = 0; s < samplesPerRate; s++) {
      const gen = base.clone();
      gen.skip(RESERVED_PER_SAMPLE * (r * samplesPerRate + s));
      const draws = new DoubleDraws(gen);
      if (rate < 10) {
        let prod = 1, x = 0;
        for (;;) {
          prod *= draws.uniform();
          if (prod <= expNegRate && x <= highest) { out[s * numRates + r] = x; break; }
          x += 1;
        }
        continue;
      }
      for (;;) {
        const u = draws.uniform() - 0.5;
        const v = draws.uniform();
        const us = 0.5 - Math.abs(u);
        const k = Math.floor((2 * a / us + b) * u + rate + 0.43);
        if (k > highest) continue;
        if (us >= 0.07 && v <= 0.9277 - 3.6224 / (b - 2)) { out[s * numRates + r] = k; break; }
        if (k < 0 || (us < 0.013 && v > us)) continue;
        const sv = Math.log(v * invAlpha / (a / (us * us) + b));
        const t = -rate + k * logRate - lgamma(k + 1);
        if (sv <= t) { out[s * numRates + r] = k; break; }
      }
    }
  }
  return out;
}

/** Float64 values stored as `dtype` (rounded for float types, truncated toward zero for integers, as static_cast). */
export function storeAs(dtype: DType, values: Float64Array): Storage {
  const n = values.length;
  if (dtype.isInteger) {
    const out = allocStorage(dtype, n);
    if (dtype.isBigInt) { const o = out as BigInt64Array; for (let i = 0; i < n; i++) o[i] = BigInt(Math.trunc(values[i]!)); }
    else { const o = out as Int32Array; for (let i = 0; i < n; i++) o[i] = Math.trunc(values[i]!); }
    return out;
  }
  return store(dtype, values, n);
}

/** BinomialInversion: the number of geometric(prob) waits that fit in `count` trials. */
function binomialInversion(count: number, prob: number, draws: DoubleDraws): number {
  let geomSum = 0, numGeom = 0;
  const denominator = Math.log1p(-prob);
  for (;;) {
    geomSum += Math.ceil(Math.log(draws.uniform()) / denominator);
    if (geomSum > count) return numGeom;
    ++numGeom;
  }
}

const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287,
];

function stirlingApproxTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[Math.trunc(k)]!;
  const kp1sq = (k + 1) * (k + 1);
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/** BTRS: Hormann's transformed rejection for count·prob >= 10. */
function btrs(count: number, prob: number, draws: DoubleDraws): number {
  const stddev = Math.sqrt(count * prob * (1 - prob));
  const b = 1.15 + 2.53 * stddev;
  const a = -0.0873 + 0.0248 * b + 0.01 * prob;
  const c = count * prob + 0.5;
  const vR = 0.92 - 4.2 / b;
  const r = prob / (1 - prob);
  const alpha = (2.83 + 5.1 / b) * stddev;
  const m = Math.floor((count + 1) * prob);
  for (;;) {
    let u = draws.uniform();
    let v = draws.uniform();
    u = u - 0.5;
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (us >= 0.07 && v <= vR) return k;
    if (k < 0 || k > count) continue;
    v = Math.log(v * alpha / (a / (us * us) + b));
    const upper = (m + 0.5) * Math.log((m + 1) / (r * (count - m + 1))) +
      (count + 1) * Math.log((count - m + 1) / (count - k + 1)) +
      (k + 0.5) * Math.log(r * (count - k + 1) / (k + 1)) +
      stirlingApproxTail(m) + stirlingApproxTail(count - m) - stirlingApproxTail(k) - stirlingApproxTail(count - k);
    if (v <= upper) return k;
  }
}

/**
 * The RandomBinomialFunctor: for batch member b (count and prob already broadcast, `inT` rounding
 * to their dtype) its samples in float64, each from its own stretch of the stream (256 samples
 * per output for BTRS, 42 for inversion); sample s of member b lands at s * numBatches + b.
 */
export function binomialSamples(base: PhiloxRandom, counts: ArrayLike<number>, probs: ArrayLike<number>,
  samplesPerBatch: number, inT: (x: number) => number): Float64Array {
  const numBatches = counts.length;
  const out = new Float64Array(samplesPerBatch * numBatches);
  for (let bIdx = 0; bIdx < numBatches; bIdx++) {
    const count = counts[bIdx]!, prob = probs[bIdx]!;
    for (let s = 0; s < samplesPerBatch; s++) {
      const outputIdx = bIdx * samplesPerBatch + s;
      const at = s * numBatches + bIdx;
      if (count <= 0 || prob <= 0) { out[at] = 0; continue; }
      if (prob >= 1) { out[at] = count; continue; }
      if (!(prob <= 0.5) && !(prob > 0.5)) { out[at] = NaN; continue; }
      const low = prob <= 0.5;
      const p = low ? prob : inT(1 - prob);
      const useBtrs = inT(count * p) >= 10;
      const gen = base.clone();
      gen.skip((useBtrs ? 256 : 42) * outputIdx);
      const draws = new DoubleDraws(gen);
      const k = useBtrs ? btrs(count, p, draws) : binomialInversion(count, p, draws);
      out[at] = low ? k : count - k;
    }
  }
  return out;
}

/**
 * RandomIndexShuffle's cipher (random_index_shuffle.cc): Simon with a W-bit word (block 2W ≥ 16
 * bits, enough for max_index), its key schedule from a 3-word key, `rounds` rounds, cycle-walked
 * until the image is at most max_index: a pseudorandom permutation of [0, max_index].
 */
export function indexShuffle(index: bigint, key: readonly [number, number, number], maxIndex: bigint, rounds: number): bigint {
  if (maxIndex === 0n) return 0n;
  let block = Math.ceil(Math.log2(Number(maxIndex)));
  block = Math.max(block + (block % 2), 16);
  const W = BigInt(block >= 64 ? 32 : block / 2), mask = (1n << W) - 1n;
  const rotl = (x: bigint, r: bigint) => ((x << r) & mask) | (x >> (W - r));
  const rotr = (x: bigint, r: bigint) => (x >> r) | ((x << (W - r)) & mask);
  const f = (x: bigint) => (rotl(x, 1n) & rotl(x, 8n)) ^ rotl(x, 2n);
  const c = 0xfffffffcn & mask;
  let z = 0x7369f885192c0ef5n & mask;
  const rk = key.map((k) => BigInt(k) & mask);
  for (let i = 3; i < rounds; i++) {
    rk.push(c ^ (z & 1n) ^ rk[i - 3]! ^ rotr(rk[i - 1]!, 3n) ^ rotr(rk[i - 1]!, 4n));
    z >>= 1n;
  }
  let value = index;
  for (;;) {
    let left = (value >> W) & mask, right = value & mask;
    for (let i = 0; i < rk.length; i += 2) {
      left ^= f(right); left ^= rk[i]!;
      right ^= f(left); right ^= rk[i + 1]!;
    }
    value = (left << W) | right;
    if (value <= maxIndex) return value;
  }
}

/**
 * ∂sample/∂alpha of a Gamma(alpha, 1) sample x by implicit reparameterization (Figurnov et al.,
 * 2018; TensorFlow's RandomGammaGrad): −(∂P/∂a) / (∂P/∂x) for the regularized lower incomplete
 * gamma P(a, x), with ∂P/∂a from the series P = Σ e^(−x) x^(a+n) / Γ(a+n+1), differentiated term
 * by term (each term's log-derivative is ln x − ψ(a+n+1)) and summed around its largest term.
 */
export function gammaSampleDerAlpha(a: number, x: number, lgamma: (v: number) => number, digamma: (v: number) => number): number {
  if (!(a > 0) || !(x > 0) || !Number.isFinite(x)) return x === 0 ? 0 : NaN;
  const lnx = Math.log(x);
  // The terms' logs L_n = (a+n) ln x − x − lgamma(a+n+1) peak near n = x − a.
  const peak = Math.max(0, Math.floor(x - a));
  const logTerm = (n: number) => (a + n) * lnx - x - lgamma(a + n + 1);
  const lmax = logTerm(peak);
  let dSum = 0;
  // Upwards from n = 0 until the terms fall 40 orders below the peak past it.
  let psi = digamma(a + 1);
  for (let n = 0; ; n++) {
    const l = logTerm(n);
    const w = Math.exp(l - lmax);
    dSum += w * (lnx - psi);
    psi += 1 / (a + n + 1);
    if (n > peak && l - lmax < -92) break;
    if (n > 100000) break;
  }
  const dPda = Math.exp(lmax) * dSum;
  const dPdx = Math.exp((a - 1) * lnx - x - lgamma(a));
  return -dPda / dPdx;
}
