// The random ops are not differentiable (tf.random.normal's gradient with respect to mean and
// stddev flows through the Mul and Add around it). RandomGamma is, with respect to alpha
// (random_grad.py: implicit reparameterization through RandomGammaGrad); that gradient is not
// implemented yet, so the tape raises LookupError for it rather than answering None.
import type { randomOps } from "../../ops/random.js";
import type { GradientTable } from "../gradient_registry.js";

export const randomGradients: GradientTable<Omit<typeof randomOps, "RandomGamma" | "StatelessRandomGammaV3">> = {
  RandomStandardNormal: null, RandomUniform: null, TruncatedNormal: null, RandomUniformInt: null, Multinomial: null,
  RandomShuffle: null, StatelessRandomGetKeyCounter: null, StatelessRandomNormalV2: null, StatelessRandomUniformV2: null,
  StatelessTruncatedNormalV2: null, StatelessRandomUniformFullIntV2: null, StatelessRandomUniformIntV2: null,
  StatelessMultinomial: null, RandomPoissonV2: null, StatelessRandomBinomial: null, StatefulRandomBinomial: null, StatelessRandomPoisson: null, RandomIndexShuffle: null, StatelessShuffle: null,
};
