// tf.random.Generator (stateful_random_ops.py): a counter-based RNG whose state is a
// tf.Variable — int64 [counter_lo, counter_hi, key] for Philox — read and advanced in place by
// every draw (RngReadAndSkip: the counter moves 256 per value requested), the draw itself a
// stateless V2 op on the old counter and key. Checkpoints save the state as TensorFlow's do
// (the child `_state_var` of the generator).
import { asDType, float32, int32, int64, uint64, type DType, type DTypeLike } from "../core/dtypes.js";
import { sizeOf } from "../core/tensor_shape.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import { algorithmNotSupported, generatorBoundsNotPaired, generatorNeedsState, stateShapeIncompatible, unsupportedAlgorithm } from "../errors/random_messages.js";
import { broadcastShape } from "../core/broadcast.js";
import {
  StatefulRandomBinomial, RNG_ALG_AUTO_SELECT, RNG_ALG_PHILOX, RNG_ALG_THREEFRY, StatelessRandomNormalV2, StatelessRandomUniformFullIntV2,
  StatelessRandomUniformIntV2, StatelessRandomUniformV2, StatelessTruncatedNormalV2,
} from "../ops/random.js";
import { PhiloxRandom } from "../devices/random/philox.js";
import { execute1 } from "../runtime/execute.js";
import { Tensor } from "../runtime/tensor.js";
import { shapeValues, type ShapeArg } from "../api/ops/args.js";
import { constant, convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { add, multiply, subtract } from "../api/ops/math.js";
import { stack, zerosLike } from "../api/ops/array.js";
import { Variable } from "../api/variable.js";
import { algorithmId, type AlgorithmLike } from "./stateless_ops.js";

const PHILOX_STATE_SIZE = 3;
const THREEFRY_STATE_SIZE = 2;
const MASK64 = (1n << 64n) - 1n;
// tf.train's trackableChildren symbol (train/ is a layer above; the symbol is registered globally).
const trackableChildren = Symbol.for("tsflow.train.trackableChildren");

function stateSize(alg: number): number {
  if (alg === RNG_ALG_PHILOX) return PHILOX_STATE_SIZE;
  if (alg === RNG_ALG_THREEFRY) return THREEFRY_STATE_SIZE;
  throw new ValueError(unsupportedAlgorithm(alg));
}

/** A Generator's seed: an integer of any size, or a vector of integers. */
export type GeneratorSeed = number | bigint | TensorLike;

/** A value's elements as int64 words, as cast(·, int64) gives them (floats truncated, uint64 wrapped). */
function int64Words(value: TensorLike): bigint[] {
  const t = value instanceof Tensor ? value : convertToTensor(value);
  return t.dtype.isBigInt ? Array.from(t.hostData() as BigInt64Array | BigUint64Array, (x) => BigInt.asIntN(64, x))
    : Array.from(t.hostData() as ArrayLike<number>, (x) => BigInt(Math.trunc(x)));
}

/**
 * tf.random.create_rng_state: an integer seed chopped into 64-bit words (low first), or a
 * vector cast to int64; either taken to the algorithm's state size, padded with zeros on the left.
 */
export function createRngState(seed: GeneratorSeed, alg: AlgorithmLike): Tensor {
  const size = stateSize(algorithmId(alg));
  let words: bigint[];
  if (typeof seed === "number" || typeof seed === "bigint") {
    let s = BigInt(seed);
    words = [];
    for (let i = 0; i < size; i++) { words.push(BigInt.asIntN(64, s & MASK64)); s >>= 64n; }
  } else {
    words = int64Words(seed).slice(0, size);
    while (words.length < size) words.unshift(0n);
  }
  return constant(BigInt64Array.from(words), int64, [size]);
}

function stateTensor(state: TensorLike, alg: number): Tensor {
  const t = state instanceof Tensor ? state : convertToTensor(state);
  const size = stateSize(alg);
  if (t.rank !== 1 || t.dims[0] !== size) throw new ValueError(stateShapeIncompatible(t.dims, size));
  return constant(BigInt64Array.from(int64Words(t)), int64, [size]);
}

export interface GeneratorOptions {
  /** A generator whose state and algorithm the new one copies. */
  copyFrom?: Generator;
  /** The state: a Variable (reused as is) or an int64 vector of the algorithm's size. */
  state?: Variable | TensorLike;
  alg?: AlgorithmLike;
}

export interface GeneratorNormalOptions {
  mean?: TensorLike;
  stddev?: TensorLike;
  dtype?: DTypeLike;
}

export interface GeneratorUniformOptions {
  minval?: TensorLike | null;
  maxval?: TensorLike | null;
  dtype?: DTypeLike;
}

export class Generator {
  private readonly stateVar: Variable;
  /** The algorithm's id (tf.random.Algorithm: 1 Philox, 2 ThreeFry). */
  readonly algorithm: number;

  /** Generator.from_seed: the state from a seed (create_rng_state). */
  static fromSeed(seed: GeneratorSeed, alg: AlgorithmLike = "philox"): Generator {
    const id = algorithmId(alg);
    return new Generator({ state: createRngState(seed, id), alg: id });
  }

  /** Generator.from_non_deterministic_state: a state from the system's entropy. */
  static fromNonDeterministicState(alg: AlgorithmLike = "philox"): Generator {
    const id = algorithmId(alg);
    const words = new BigInt64Array(stateSize(id));
    globalThis.crypto.getRandomValues(words);
    return new Generator({ state: constant(words, int64, [words.length]), alg: id });
  }

  /** Generator.from_state. */
  static fromState(state: Variable | TensorLike, alg: AlgorithmLike): Generator {
    return new Generator({ state, alg });
  }

  /** Generator.from_key_counter: the state `[...counter, key]`. */
  static fromKeyCounter(key: TensorLike, counter: TensorLike, alg: AlgorithmLike): Generator {
    return new Generator({ state: keyCounterState(key, counter), alg });
  }

  constructor(options: GeneratorOptions) {
    if (options.copyFrom !== undefined) {
      this.algorithm = options.copyFrom.algorithm;
      this.stateVar = new Variable(options.copyFrom.state.value(), { dtype: int64, trainable: false });
      return;
    }
    if (options.state === undefined || options.alg === undefined) throw new ValueError(generatorNeedsState());
    const alg = algorithmId(options.alg);
    if (alg === RNG_ALG_AUTO_SELECT) throw new ValueError(algorithmNotSupported(alg));
    this.algorithm = alg;
    if (options.state instanceof Variable) {
      const size = stateSize(alg);
      const dims = options.state.value().dims;
      if (dims.length !== 1 || dims[0] !== size) throw new ValueError(stateShapeIncompatible(dims, size));
      this.stateVar = options.state;
    } else {
      this.stateVar = new Variable(stateTensor(options.state, alg), { trainable: false });
    }
  }

  /** The state variable (int64 [3] for Philox: counter low and high words, then the key). */
  get state(): Variable { return this.stateVar; }

  /** The key part of the state (its last word). */
  get key(): Tensor { return this.stateVar.value().at(-1); }

  [trackableChildren](): Record<string, unknown> { return { _state_var: this.stateVar }; }

  /** Generator.reset: a new state. */
  reset(state: TensorLike): void { this.stateVar.assign(stateTensor(state, this.algorithm)); }
  /** Generator.reset_from_seed. */
  resetFromSeed(seed: GeneratorSeed): void { this.stateVar.assign(createRngState(seed, this.algorithm)); }
  /** Generator.reset_from_key_counter. */
  resetFromKeyCounter(key: TensorLike, counter: TensorLike): void {
    this.stateVar.assign(stateTensor(keyCounterState(key, counter), this.algorithm));
  }

  /**
   * Generator.skip (RngReadAndSkip): advance the counter as `delta` values would, and return
   * the state before the advance (int64).
   */
  skip(delta: number | bigint): Tensor {
    const old = this.stateVar.value();
    const words = Array.from(old.hostData() as BigInt64Array, (x) => BigInt.asUintN(64, x));
    let next: bigint[];
    if (this.algorithm === RNG_ALG_PHILOX) {
      const gen = PhiloxRandom.fromCounterKey([words[0]!, words[1]!], words[2]!);
      gen.skip(BigInt.asUintN(64, BigInt(delta) * 256n));
      next = [...gen.counterWords(), words[2]!];
    } else {
      next = [BigInt.asUintN(64, words[0]! + BigInt(delta) * 256n), words[1]!];
    }
    this.stateVar.assign(constant(BigInt64Array.from(next, (x) => BigInt.asIntN(64, x)), int64, [next.length]));
    return old;
  }

  /** The key and counter (uint64) of the next draw of `n` values, the state advanced past it. */
  private keyCounter(n: number): [Tensor, Tensor] { return this.keyCounterAfter(n); }

  private keyCounterAfter(n: number): [Tensor, Tensor] {
    const old = Array.from(this.skip(n).hostData() as BigInt64Array, (x) => BigInt.asUintN(64, x));
    const counterWords = this.algorithm === RNG_ALG_PHILOX ? 2 : 1;
    return [
      constant(BigUint64Array.of(old[counterWords]!), uint64, [1]),
      constant(BigUint64Array.from(old.slice(0, counterWords)), uint64, [counterWords]),
    ];
  }

  /** Generator.normal. */
  normal(shape: ShapeArg, options: GeneratorNormalOptions = {}): Tensor {
    return this.floats(StatelessRandomNormalV2, shape, options);
  }

  /** Generator.truncated_normal. */
  truncatedNormal(shape: ShapeArg, options: GeneratorNormalOptions = {}): Tensor {
    return this.floats(StatelessTruncatedNormalV2, shape, options);
  }

  private floats(op: typeof StatelessRandomNormalV2, shape: ShapeArg, options: GeneratorNormalOptions): Tensor {
    const dtype = asDType(options.dtype ?? float32);
    const dims = shapeValues(shape, op.name, "shape_dtype");
    const mean = convertToTensor(options.mean ?? 0, dtype), stddev = convertToTensor(options.stddev ?? 1, dtype);
    const [key, counter] = this.keyCounter(sizeOf(dims));
    const rnd = execute1(op, [key, counter], { shape: dims, dtype, alg: this.algorithm });
    return add(multiply(rnd, stddev), mean);
  }

  /** Generator.uniform: floats in [minval, maxval) (default [0, 1)), integers in [minval, maxval), or full-range integers with both null. */
  uniform(shape: ShapeArg, options: GeneratorUniformOptions = {}): Tensor {
    const dtype = asDType(options.dtype ?? float32);
    let minval = options.minval === undefined ? 0 : options.minval;
    let maxval = options.maxval ?? null;
    if (dtype.isInteger) {
      if ((minval === null) !== (maxval === null)) {
        throw new ValueError(generatorBoundsNotPaired(dtype, minval === null ? "None" : String(minval), maxval === null ? "None" : String(maxval)));
      }
    } else {
      if (maxval === null) maxval = 1;
      if (minval === null) minval = 0;
    }
    const dims = shapeValues(shape, "StatelessRandomUniformV2", "shape_dtype");
    if (dtype.isInteger && minval === null) return this.fullInts(dims, dtype);
    const lo = convertToTensor(minval!, dtype), hi = convertToTensor(maxval!, dtype);
    const [key, counter] = this.keyCounter(sizeOf(dims));
    if (dtype.isInteger) return execute1(StatelessRandomUniformIntV2, [key, counter, lo, hi], { shape: dims, alg: this.algorithm });
    const rnd = execute1(StatelessRandomUniformV2, [key, counter], { shape: dims, dtype, alg: this.algorithm });
    return add(multiply(rnd, subtract(hi, lo)), lo);
  }

  /** Generator.uniform_full_int: every value of an integer dtype (uint64 by default). */
  uniformFullInt(shape: ShapeArg, dtype: DTypeLike = uint64): Tensor {
    return this.fullInts(shapeValues(shape, "StatelessRandomUniformFullIntV2", "shape_dtype"), asDType(dtype));
  }

  private fullInts(dims: number[], dtype: DType): Tensor {
    const [key, counter] = this.keyCounter(sizeOf(dims));
    return execute1(StatelessRandomUniformFullIntV2, [key, counter], { shape: dims, dtype, alg: this.algorithm });
  }

  /**
   * Generator.binomial: binomial counts of shape `shape` (its trailing dimensions the broadcast
   * of `counts` and `probs`), int32 by default; the state advances as StatefulRandomBinomial's does.
   */
  binomial(shape: ShapeArg, counts: TensorLike, probs: TensorLike, options: { dtype?: DTypeLike } = {}): Tensor {
    if (this.algorithm !== RNG_ALG_PHILOX) throw new InvalidArgumentError(unsupportedAlgorithm(this.algorithm));
    const dims = shapeValues(shape, "StatefulRandomBinomial", "S");
    const c = convertToTensor(counts), p = convertToTensor(probs);
    const batch = broadcastShape(c.dims, p.dims);
    const numBatches = batch === null ? 1 : sizeOf(batch);
    const perBatch = numBatches === 0 ? 0 : sizeOf(dims) / numBatches;
    // StatefulRandomBinomial advances the counter by num_batches·2·100·(samples_per_batch + 3)/4 outputs.
    const [key, counter] = this.keyCounterAfter(Math.floor((numBatches * 2 * 100 * (perBatch + 3)) / 4));
    return execute1(StatefulRandomBinomial, [key, counter, c, p], { shape: dims, dtype: asDType(options.dtype ?? int32) });
  }

  /** Generator.make_seeds: `count` seed pairs for the stateless ops, shape [2, count] (int64). */
  makeSeeds(count = 1): Tensor {
    const keys = this.uniformFullInt([count], int64);
    return stack([keys, zerosLike(keys)]);
  }

  /** Generator.split: `count` new generators (keys from this one's stream, counters zero); this one advances. */
  split(count = 1): Generator[] {
    const keys = this.uniformFullInt([count], int64).hostData() as BigInt64Array;
    const size = stateSize(this.algorithm);
    return Array.from(keys, (key) => {
      const state = new BigInt64Array(size);
      state[size - 1] = key;
      return new Generator({ state: constant(state, int64, [size]), alg: this.algorithm });
    });
  }
}

function keyCounterState(key: TensorLike, counter: TensorLike): Tensor {
  const k = convertToTensor(key), c = convertToTensor(counter);
  const words = (t: Tensor) => (t.dtype.isBigInt ? Array.from(t.hostData() as BigInt64Array) : Array.from(t.hostData() as ArrayLike<number>, (x) => BigInt(x)));
  const all = [...words(c), ...words(k)].map((x) => BigInt.asIntN(64, x));
  return constant(BigInt64Array.from(all), int64, [all.length]);
}

let globalGenerator: Generator | null = null;

/** tf.random.get_global_generator: created from entropy on first use. */
export function getGlobalGenerator(): Generator {
  globalGenerator ??= Generator.fromNonDeterministicState();
  return globalGenerator;
}

/** tf.random.set_global_generator. */
export function setGlobalGenerator(generator: Generator): void { globalGenerator = generator; }
