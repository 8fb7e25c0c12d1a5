// Random ops: the stateful ones (RandomStandardNormal, RandomUniform, RandomUniformInt,
// TruncatedNormal, Multinomial, RandomShuffle), whose kernels keep a Philox stream per
// (op, seed, seed2, dtype) as TensorFlow's cached kernels do, and the stateless V2 ones,
// which take the stream's key and counter as inputs (tf.random.stateless_*, tf.random.Generator).
// Shapes travel as attributes; the algorithm of a V2 op too (TensorFlow's `alg` input).
import { int32, int64, uint64, type DType } from "../core/dtypes.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { shapeDimensionNegative } from "../errors/array_messages.js";
import { notInAllowedValues } from "../errors/messages.js";
import { broadcastShape } from "../core/broadcast.js";
import {
  binomialBatchMismatch, binomialShapeNotEndingWithBatch, counterShapeInvalid, indexShuffleIndexRank, indexShuffleMaxShape,
  indexShuffleSeedShape, keyShapeInvalid, logitsNotMatrix, numClassesNotPositive, numSamplesNegative, seedNotPair,
} from "../errors/random_messages.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { ALL_TYPES, defineOp, type OpDef } from "./op_def.js";
import type { DTypeName } from "../core/dtypes.js";

/** TensorFlow's RNG algorithm ids (rng_alg.h). */
export const RNG_ALG_PHILOX = 1;
export const RNG_ALG_THREEFRY = 2;
export const RNG_ALG_AUTO_SELECT = 3;

const RANDOM_FLOATS = ["float16", "bfloat16", "float32", "float64"] as const;
const RANDOM_INTS = ["int32", "int64"] as const;

export interface StatefulRandomAttrs {
  shape: readonly number[];
  dtype: DType;
  seed: number;
  seed2: number;
}

export interface StatelessRandomAttrs {
  shape: readonly number[];
  dtype: DType;
  alg: number;
}

function checkShape(shape: readonly number[]): number[] {
  for (const d of shape) if (d < 0) throw new InvalidArgumentError(shapeDimensionNegative(d));
  return [...shape];
}

function checkIndexDtype(attr: string, d: DType): void {
  if (d !== int32 && d !== int64) throw new InvalidArgumentError(notInAllowedValues(attr, d, RANDOM_INTS));
}

function statefulFloatOp(name: string): OpDef<StatefulRandomAttrs> {
  return defineOp<StatefulRandomAttrs>({
    name,
    allowed: RANDOM_FLOATS,
    typeAttr: "dtype",
    kernelDtype: (_inputs, attrs) => attrs.dtype,
    inferOutputs: (_inputs, { shape, dtype }) => [{ dtype, dims: checkShape(shape) }],
  });
}

/** RandomStandardNormal(shape): standard normal values (Box-Muller). */
export const RandomStandardNormal = statefulFloatOp("RandomStandardNormal");
/** RandomUniform(shape): values in [0, 1). */
export const RandomUniform = statefulFloatOp("RandomUniform");
/** TruncatedNormal(shape): standard normal values redrawn until |x| < 2. */
export const TruncatedNormal = statefulFloatOp("TruncatedNormal");

/** RandomUniformInt(shape, minval, maxval): integers in [minval, maxval). */
export const RandomUniformInt = defineOp<Omit<StatefulRandomAttrs, "dtype">>({
  name: "RandomUniformInt",
  allowed: RANDOM_INTS,
  typeAttr: "Tout",
  inferOutputs: ([minval], { shape }) => [{ dtype: minval!.dtype, dims: checkShape(shape) }],
});

export interface MultinomialAttrs {
  numSamples: number;
  outputDtype: DType;
}

function multinomialOutputs(logits: TensorSpec, { numSamples, outputDtype }: MultinomialAttrs): TensorSpec[] {
  if (logits.dims.length !== 2) throw new InvalidArgumentError(logitsNotMatrix(logits.dims));
  if (numSamples < 0) throw new InvalidArgumentError(numSamplesNegative(numSamples));
  if (logits.dims[1]! <= 0) throw new InvalidArgumentError(numClassesNotPositive(logits.dims[1]!));
  checkIndexDtype("output_dtype", outputDtype);
  return [{ dtype: outputDtype, dims: [logits.dims[0]!, numSamples] }];
}

/** Multinomial(logits, num_samples): class indices drawn from each row's softmax (tf.random.categorical). */
export const Multinomial = defineOp<MultinomialAttrs & { seed: number; seed2: number }>({
  name: "Multinomial",
  allowed: RANDOM_FLOATS,
  inferOutputs: ([logits], attrs) => multinomialOutputs(logits!, attrs),
});

/** RandomShuffle(value): the rows of value in a random order. */
export const RandomShuffle = defineOp<{ seed: number; seed2: number }>({
  name: "RandomShuffle",
  allowed: ALL_TYPES,
  inferOutputs: ([value]) => [{ dtype: value!.dtype, dims: [...value!.dims] }],
});

function checkSeed(seed: TensorSpec): void {
  checkIndexDtype("Tseed", seed.dtype);
  if (seed.dims.length !== 1 || seed.dims[0] !== 2) throw new InvalidArgumentError(seedNotPair(seed.dims));
}

/** StatelessRandomGetKeyCounter(seed): a seed pair scrambled into a Philox key [1] and counter [2] (uint64). */
export const StatelessRandomGetKeyCounter = defineOp({
  name: "StatelessRandomGetKeyCounter",
  allowed: RANDOM_INTS,
  typeAttr: "Tseed",
  inferOutputs: ([seed]) => {
    checkSeed(seed!);
    return [{ dtype: uint64, dims: [1] }, { dtype: uint64, dims: [2] }];
  },
});

/** The counter words an algorithm needs (Philox: 2, ThreeFry: 1). */
export function counterSize(alg: number): number { return alg === RNG_ALG_THREEFRY ? 1 : 2; }

function checkKeyCounter(key: TensorSpec, counter: TensorSpec, alg: number): void {
  if (!(key.dims.length === 1 && key.dims[0] === 1)) throw new InvalidArgumentError(keyShapeInvalid(key.dims));
  const minimum = counterSize(alg);
  if (!(counter.dims.length === 1 && counter.dims[0]! >= minimum)) {
    throw new InvalidArgumentError(counterShapeInvalid(minimum, counter.dims));
  }
}

function statelessOp(name: string, allowed: readonly DTypeName[]): OpDef<StatelessRandomAttrs> {
  return defineOp<StatelessRandomAttrs>({
    name,
    allowed,
    typeAttr: "dtype",
    kernelDtype: (_inputs, attrs) => attrs.dtype,
    inferOutputs: ([key, counter], { shape, dtype, alg }) => {
      checkKeyCounter(key!, counter!, alg);
      return [{ dtype, dims: checkShape(shape) }];
    },
  });
}

/** StatelessRandomNormalV2(shape, key, counter, alg). */
export const StatelessRandomNormalV2 = statelessOp("StatelessRandomNormalV2", RANDOM_FLOATS);
/** StatelessRandomUniformV2(shape, key, counter, alg). */
export const StatelessRandomUniformV2 = statelessOp("StatelessRandomUniformV2", RANDOM_FLOATS);
/** StatelessTruncatedNormalV2(shape, key, counter, alg). */
export const StatelessTruncatedNormalV2 = statelessOp("StatelessTruncatedNormalV2", RANDOM_FLOATS);
/** StatelessRandomUniformFullIntV2(shape, key, counter, alg): every bit random. */
export const StatelessRandomUniformFullIntV2 = statelessOp("StatelessRandomUniformFullIntV2", ["int32", "int64", "uint32", "uint64"]);

/** StatelessRandomUniformIntV2(shape, key, counter, alg, minval, maxval). */
export const StatelessRandomUniformIntV2 = defineOp<Omit<StatelessRandomAttrs, "dtype">>({
  name: "StatelessRandomUniformIntV2",
  allowed: RANDOM_INTS,
  typeAttr: "dtype",
  kernelDtype: (inputs) => inputs[2]!.dtype,
  inferOutputs: ([key, counter, minval], { shape, alg }) => {
    checkKeyCounter(key!, counter!, alg);
    return [{ dtype: minval!.dtype, dims: checkShape(shape) }];
  },
});

/** StatelessMultinomial(logits, num_samples, seed) (tf.random.stateless_categorical). */
export const StatelessMultinomial = defineOp<MultinomialAttrs>({
  name: "StatelessMultinomial",
  allowed: RANDOM_FLOATS,
  inferOutputs: ([logits, seed], attrs) => {
    const out = multinomialOutputs(logits!, attrs);
    checkSeed(seed!);
    return out;
  },
});

/** RandomGamma(shape, alpha): samples of Gamma(alpha, 1), shape `[...shape, ...alpha.shape]`. */
export const RandomGamma = defineOp<{ shape: readonly number[]; seed: number; seed2: number }>({
  name: "RandomGamma",
  allowed: ["float16", "float32", "float64"],
  inferOutputs: ([alpha], { shape }) => [{ dtype: alpha!.dtype, dims: [...checkShape(shape), ...alpha!.dims] }],
});

/** RandomPoissonV2(shape, rate): Poisson counts as `dtype`, shape `[...shape, ...rate.shape]`. */
export const RandomPoissonV2 = defineOp<{ shape: readonly number[]; seed: number; seed2: number; dtype: DType }>({
  name: "RandomPoissonV2",
  allowed: ["float16", "float32", "float64", "int32", "int64"],
  typeAttr: "R",
  inferOutputs: ([rate], { shape, dtype }) => {
    if (!["float16", "float32", "float64", "int32", "int64"].includes(dtype.name)) {
      throw new InvalidArgumentError(notInAllowedValues("dtype", dtype, ["float16", "float32", "float64", "int32", "int64"]));
    }
    return [{ dtype, dims: [...checkShape(shape), ...rate!.dims] }];
  },
});

export interface BinomialAttrs {
  shape: readonly number[];
  /** The output dtype. */
  dtype: DType;
}

function binomialOutputs(counts: TensorSpec, probs: TensorSpec, { shape, dtype }: BinomialAttrs): TensorSpec[] {
  const batch = broadcastShape(counts.dims, probs.dims);
  if (batch === null) throw new InvalidArgumentError(binomialBatchMismatch(counts.dims, probs.dims));
  const dims = checkShape(shape);
  const tail = dims.slice(dims.length - batch.length);
  if (batch.length > dims.length || tail.some((d, i) => d !== batch[i])) throw new InvalidArgumentError(binomialShapeNotEndingWithBatch());
  if (!["float16", "float32", "float64", "int32", "int64"].includes(dtype.name)) {
    throw new InvalidArgumentError(notInAllowedValues("dtype", dtype, ["float16", "float32", "float64", "int32", "int64"]));
  }
  return [{ dtype, dims }];
}

/** StatelessRandomBinomial(shape, seed, counts, probs): binomial counts, `counts`/`probs` broadcast over the trailing dims. */
export const StatelessRandomBinomial = defineOp<BinomialAttrs>({
  name: "StatelessRandomBinomial",
  allowed: ["float16", "float32", "float64"],
  kernelDtype: (inputs) => inputs[1]!.dtype,
  inferOutputs: ([seed, counts, probs], attrs) => {
    checkSeed(seed!);
    return binomialOutputs(counts!, probs!, attrs);
  },
});

/**
 * StatefulRandomBinomial(key, counter, counts, probs): Generator.binomial's draw from the key and
 * counter its state held (the Generator advances the state; TensorFlow's op takes the variable).
 */
export const StatefulRandomBinomial = defineOp<BinomialAttrs>({
  name: "StatefulRandomBinomial",
  allowed: ["float16", "float32", "float64"],
  kernelDtype: (inputs) => inputs[2]!.dtype,
  inferOutputs: ([key, counter, counts, probs], attrs) => {
    checkKeyCounter(key!, counter!, RNG_ALG_PHILOX);
    return binomialOutputs(counts!, probs!, attrs);
  },
});

function checkEndsWith(dims: readonly number[], batch: readonly number[]): void {
  const tail = dims.slice(dims.length - batch.length);
  if (batch.length > dims.length || tail.some((d, i) => d !== batch[i])) throw new InvalidArgumentError(binomialShapeNotEndingWithBatch());
}

/** StatelessRandomGammaV3(shape, key, counter, alg, alpha): Gamma(alpha, 1) samples, alpha's shape trailing. */
export const StatelessRandomGammaV3 = defineOp<{ shape: readonly number[]; alg: number }>({
  name: "StatelessRandomGammaV3",
  allowed: ["float16", "bfloat16", "float32", "float64"],
  typeAttr: "dtype",
  kernelDtype: (inputs) => inputs[2]!.dtype,
  inferOutputs: ([key, counter, alpha], { shape, alg }) => {
    checkKeyCounter(key!, counter!, alg);
    const dims = checkShape(shape);
    checkEndsWith(dims, alpha!.dims);
    return [{ dtype: alpha!.dtype, dims }];
  },
});

/** StatelessRandomPoisson(shape, seed, lam): Poisson counts as `dtype`, lam's shape trailing. */
export const StatelessRandomPoisson = defineOp<{ shape: readonly number[]; dtype: DType }>({
  name: "StatelessRandomPoisson",
  allowed: ["float16", "float32", "float64", "int32", "int64"],
  typeAttr: "Rtype",
  kernelDtype: (inputs) => inputs[1]!.dtype,
  inferOutputs: ([seed, lam], { shape, dtype }) => {
    checkSeed(seed!);
    const dims = checkShape(shape);
    checkEndsWith(dims, lam!.dims);
    if (!["float16", "float32", "float64", "int32", "int64"].includes(dtype.name)) {
      throw new InvalidArgumentError(notInAllowedValues("dtype", dtype, ["float16", "float32", "float64", "int32", "int64"]));
    }
    return [{ dtype, dims }];
  },
});

/** RandomIndexShuffle(index, seed [3], max_index): index's image under a seeded permutation of [0, max_index]. */
export const RandomIndexShuffle = defineOp<{ rounds: number }>({
  name: "RandomIndexShuffle",
  allowed: ["int32", "int64", "uint32", "uint64"],
  typeAttr: "dtype",
  inferOutputs: ([index, seed, maxIndex]) => {
    const size = (t: TensorSpec) => t.dims.reduce((a, b) => a * b, 1);
    const n = Math.max(size(index!), size(maxIndex!), Math.floor(size(seed!) / 3));
    if (!(index!.dims.length === 0 || (index!.dims.length === 1 && index!.dims[0] === n))) throw new InvalidArgumentError(indexShuffleIndexRank());
    const sd = seed!.dims;
    if (!((sd.length === 1 && sd[0] === 3) || (sd.length === 2 && sd[0] === n && sd[1] === 3))) {
      throw new InvalidArgumentError(indexShuffleSeedShape(n, sd));
    }
    if (!(maxIndex!.dims.length === 0 || (maxIndex!.dims.length === 1 && maxIndex!.dims[0] === n))) {
      throw new InvalidArgumentError(indexShuffleMaxShape(maxIndex!.dims));
    }
    const scalar = index!.dims.length === 0 && sd.length === 1 && maxIndex!.dims.length === 0;
    return [{ dtype: index!.dtype, dims: scalar ? [] : [n] }];
  },
});

/** StatelessShuffle(value, key, counter, alg): value's rows permuted as RandomShuffle does, from a key and counter. */
export const StatelessShuffle = defineOp<{ alg: number }>({
  name: "StatelessShuffle",
  allowed: ALL_TYPES,
  inferOutputs: ([value, key, counter], { alg }) => {
    checkKeyCounter(key!, counter!, alg);
    return [{ dtype: value!.dtype, dims: [...value!.dims] }];
  },
});

/** RandomGammaGrad(alpha, sample): ∂sample/∂alpha of Gamma(alpha, 1) samples, alpha broadcast against sample. */
export const RandomGammaGrad = defineOp({
  name: "RandomGammaGrad",
  allowed: ["float32", "float64"],
  inferOutputs: ([alpha, sample]) => {
    const dims = broadcastShape(alpha!.dims, sample!.dims);
    if (dims === null) throw new InvalidArgumentError(binomialBatchMismatch(alpha!.dims, sample!.dims));
    return [{ dtype: alpha!.dtype, dims }];
  },
});

/** The op table of this family. */
export const randomOps = {
  RandomStandardNormal, RandomUniform, TruncatedNormal, RandomUniformInt, Multinomial, RandomShuffle,
  StatelessRandomGetKeyCounter, StatelessRandomNormalV2, StatelessRandomUniformV2, StatelessTruncatedNormalV2,
  StatelessRandomUniformFullIntV2, StatelessRandomUniformIntV2, StatelessMultinomial, RandomGamma, RandomPoissonV2, StatelessRandomBinomial, StatefulRandomBinomial,
  StatelessRandomGammaV3, StatelessRandomPoisson, RandomIndexShuffle, StatelessShuffle, RandomGammaGrad,
};
