// The tf.random namespace: TensorFlow's `tf.random.*` names (re-exports only; the functions
// live beside this file: seeds, stateful ops, stateless ops, the Generator).
export { setSeed, getSeed } from "./seeds.js";
export { normal, truncatedNormal, uniform, categorical, shuffle, gamma, poisson } from "./stateful_ops.js";
export type { OpSeed, NormalOptions, UniformOptions, CategoricalOptions, ShuffleOptions, GammaOptions, PoissonOptions } from "./stateful_ops.js";
export {
  statelessNormal, statelessTruncatedNormal, statelessUniform, statelessCategorical, statelessSplit, statelessFoldIn, Algorithm,
  statelessBinomial, statelessBinomial as statelessRandomBinomial, statelessGamma, statelessPoisson,
} from "./stateless_ops.js";
export type { StatelessBinomialOptions, StatelessGammaOptions, StatelessPoissonOptions, AlgorithmLike, SeedLike, StatelessNormalOptions, StatelessUniformOptions, StatelessCategoricalOptions } from "./stateless_ops.js";
export { Generator, createRngState, getGlobalGenerator, setGlobalGenerator } from "./generator.js";
export type { GeneratorOptions, GeneratorNormalOptions, GeneratorUniformOptions, GeneratorSeed } from "./generator.js";
import { indexShuffle, statelessFoldIn, statelessShuffle, statelessSplit, Algorithm } from "./stateless_ops.js";
import { Generator, createRngState, getGlobalGenerator, setGlobalGenerator } from "./generator.js";
/** tf.random.experimental: TensorFlow's experimental names (snake_case kept as TensorFlow spells them, and camelCase). */
export const experimental = Object.freeze({
  stateless_split: statelessSplit, stateless_fold_in: statelessFoldIn, statelessSplit, statelessFoldIn,
  stateless_shuffle: statelessShuffle, statelessShuffle, index_shuffle: indexShuffle, indexShuffle,
  Generator, Algorithm, createRngState, getGlobalGenerator, setGlobalGenerator,
});
