// Gradients of EuclideanNorm (x / (norm / dy), as TensorFlow's _EuclideanNormGrad), AddN
// (dy to every input) and L2Loss (x * dy).
import { reducedDims } from "../../ops/reduce.js";
import type { reduceExtraOps } from "../../ops/reduce_extra.js";
import { reshape } from "../../api/ops/array.js";
import { multiply } from "../../api/ops/math.js";
import type { GradientTable } from "../gradient_registry.js";
import { realDiv } from "./gradient_helpers.js";

export const reduceExtraGradients: GradientTable<typeof reduceExtraOps> = {
  EuclideanNorm: ({ inputs: [x], outputs: [y], attrs: { axes } }, [dy]) => {
    const kept = reducedDims(x!.dims, axes, true);
    return [realDiv(x!, realDiv(reshape(y!, kept), reshape(dy!, kept)))];
  },
  AddN: ({ inputs }, [dy]) => inputs.map(() => dy!),
  // TensorFlow's _L2LossGrad: x * dy.
  L2Loss: ({ inputs: [x] }, [dy]) => [multiply(x!, dy!)],
};
