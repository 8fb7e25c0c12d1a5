// Gradients of the indexing ops (TensorFlow's array_grad.py _GatherNdGrad): dy scattered back
// to the params elements it was gathered from, repeated indices accumulating. TensorFlow gives
// IndexedSlices for indices of shape [n, 1]; tape gradients here are dense, the same values.
import { GatherNd, type indexingOps } from "../../ops/indexing.js";
import { execute1 } from "../../runtime/execute.js";
import type { GradientTable } from "../gradient_registry.js";
import { positions, scatterToSources } from "./array.js";

export const indexingGradients: GradientTable<typeof indexingOps> = {
  GatherNd: ({ inputs: [params, indices] }, [dy]) => {
    const sources = execute1(GatherNd, [positions(params!.dims), indices!], {});
    return [scatterToSources(dy!, sources, params!.dims), null];
  },
};
