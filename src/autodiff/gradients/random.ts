// The random ops' gradients (random_grad.py): none for the draws themselves (tf.random.normal's
// gradient with respect to mean and stddev flows through the Mul and Add around it), except
// the gamma samples, differentiable with respect to alpha by implicit reparameterization
// (RandomGammaGrad), summed over the sample dimensions.
import type { Tensor } from "../../runtime/tensor.js";
import { execute1 } from "../../runtime/execute.js";
import { RandomGammaGrad, type randomOps } from "../../ops/random.js";
import { reshape } from "../../api/ops/array.js";
import { multiply } from "../../api/ops/math.js";
import { reduceSum } from "../../api/ops/reduce.js";
import type { GradientTable } from "../gradient_registry.js";

/** Σ over the leading `sampleDims` axes of dy · ∂sample/∂alpha (alpha given unit leading axes). */
function gammaAlphaGrad(alpha: Tensor, sample: Tensor, dy: Tensor, sampleDims: number): Tensor {
  const broadcastable = reshape(alpha, [...new Array<number>(sampleDims).fill(1), ...alpha.dims]);
  const partial = execute1(RandomGammaGrad, [broadcastable, sample], {});
  const g = multiply(dy, partial);
  return sampleDims === 0 ? g : reduceSum(g, Array.from({ length: sampleDims }, (_, i) => i));
}

export const randomGradients: GradientTable<typeof randomOps> = {
  RandomStandardNormal: null, RandomUniform: null, TruncatedNormal: null, RandomUniformInt: null, Multinomial: null,
  RandomShuffle: null, StatelessRandomGetKeyCounter: null, StatelessRandomNormalV2: null, StatelessRandomUniformV2: null,
  StatelessTruncatedNormalV2: null, StatelessRandomUniformFullIntV2: null, StatelessRandomUniformIntV2: null,
  StatelessMultinomial: null, RandomPoissonV2: null, StatelessRandomBinomial: null, StatefulRandomBinomial: null,
  StatelessRandomPoisson: null, RandomIndexShuffle: null, StatelessShuffle: null, RandomGammaGrad: null,
  RandomGamma: ({ inputs: [alpha], outputs: [sample], attrs }, [dy]) => [gammaAlphaGrad(alpha!, sample!, dy!, attrs.shape.length)],
  StatelessRandomGammaV3: ({ inputs: [key, counter, alpha], outputs: [sample] }, [dy]) => {
    void key; void counter;
    return [null, null, gammaAlphaGrad(alpha!, sample!, dy!, sample!.rank - alpha!.rank)];
  },
};
