// Gradients of the indexing ops (TensorFlow's array_grad.py): GatherNd's is dy scattered back
// with ScatterNd (repeated indices accumulate); the scatters' are dy gathered back at the
// addressed slices, with TensorScatterUpdate's tensor getting none where it was overwritten and
// Min/Max's split between the tensor and the updates that attain the result. TensorFlow gives
// IndexedSlices for indices of shape [n, 1]: a variable's gatherNd reads such rows sparsely, so
// its tape gradient is IndexedSlices; a tensor's here is dense, the same values.
import type { indexingOps } from "../../ops/indexing.js";
import type { Tensor } from "../../runtime/tensor.js";
import { reshape, zerosLike } from "../../api/ops/array.js";
import { reduceSum } from "../../api/ops/reduce.js";
import { equal } from "../../api/ops/compare.js";
import { gatherNd, scatterNd, tensorScatterNdUpdate } from "../../api/ops/indexing.js";
import { add, cast, divide, multiply, negative } from "../../api/ops/math.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";

/**
 * dy of a GatherNd summed into params' shape. One index tuple (rank-1 indices) scatters as a
 * batch of one, and tuples of length 0 (each gathered all of params) sum over the batch: cases
 * TensorFlow's scatter_nd rejects, whose gradient is still well defined.
 */
function gatherNdGradient(params: Tensor, indices: Tensor, dy: Tensor): Tensor {
  const k = indices.dims[indices.rank - 1]!;
  if (k === 0) return reshape(reduceSum(reshape(dy, [-1, ...params.dims]), 0), params.dims);
  if (indices.rank === 1) return scatterNd(reshape(indices, [1, k]), reshape(dy, [1, ...dy.dims]), params.dims);
  return scatterNd(indices, dy, params.dims);
}

// _TensorScatterMinOrMaxGrad: dy goes to the tensor where it holds the result and to the updates
// that equal the result at their slice, shared equally among ties.
const minMaxGradient: GradientFn = ({ inputs: [x, indices, y], outputs: [out] }, [dy]) => {
  const xIndicators = cast(equal(x!, out!), dy!.dtype);
  const yIndicators = cast(equal(y!, gatherNd(out!, indices!)), dy!.dtype);
  const indicators = add(xIndicators, scatterNd(indices!, yIndicators, x!.dims));
  return [
    divide(multiply(dy!, xIndicators), indicators), null,
    multiply(gatherNd(divide(dy!, indicators), indices!), yIndicators),
  ];
};

export const indexingGradients: GradientTable<typeof indexingOps> = {
  GatherNd: ({ inputs: [params, indices] }, [dy]) => [gatherNdGradient(params!, indices!, dy!), null],
  ScatterNd: ({ inputs: [indices] }, [dy]) => [null, gatherNd(dy!, indices!)],
  TensorScatterUpdate: ({ inputs: [, indices, updates] }, [dy]) => [
    tensorScatterNdUpdate(dy!, indices!, zerosLike(updates!, dy!.dtype)), null, gatherNd(dy!, indices!),
  ],
  TensorScatterAdd: ({ inputs: [, indices] }, [dy]) => [dy!, null, gatherNd(dy!, indices!)],
  TensorScatterSub: ({ inputs: [, indices] }, [dy]) => [dy!, null, negative(gatherNd(dy!, indices!))],
  TensorScatterMin: minMaxGradient,
  TensorScatterMax: minMaxGradient,
};
