// The random ops are not differentiable (random_grad.py registers none; tf.random.normal's
// gradient with respect to mean and stddev flows through the Mul and Add around it).
import type { randomOps } from "../../ops/random.js";
import type { GradientTable } from "../gradient_registry.js";

export const randomGradients: GradientTable<typeof randomOps> = {
  RandomStandardNormal: null, RandomUniform: null, TruncatedNormal: null, RandomUniformInt: null, Multinomial: null,
  RandomShuffle: null, StatelessRandomGetKeyCounter: null, StatelessRandomNormalV2: null, StatelessRandomUniformV2: null,
  StatelessTruncatedNormalV2: null, StatelessRandomUniformFullIntV2: null, StatelessRandomUniformIntV2: null,
  StatelessMultinomial: null,
};
