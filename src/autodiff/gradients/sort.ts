// Gradients of the ordering ops: TopKV2 scatters dy of the values back to where they came from
// (TensorFlow's _TopKGrad); the others have none.
import { int32 } from "../../core/dtypes.js";
import { sizeOf } from "../../core/tensor_shape.js";
import type { sortOps } from "../../ops/sort.js";
import { unsortedSegmentSum, add } from "../../api/ops/math.js";
import { range, reshape } from "../../api/ops/array.js";
import type { GradientTable } from "../gradient_registry.js";

export const sortGradients: GradientTable<typeof sortOps> = {
  TopKV2: ({ inputs: [x], outputs: [, indices] }, [dy]) => {
    const columns = x!.dims[x!.rank - 1]!;
    const k = indices!.dims[indices!.rank - 1]!;
    const rows = k === 0 ? 0 : indices!.size / k;
    // Row r's index j is element r * columns + j of the flattened input.
    const offsets = reshape(range(0, rows * columns, columns, int32), [rows, 1]);
    const flat = reshape(add(reshape(indices!, [rows, k]), offsets), [-1]);
    return [reshape(unsortedSegmentSum(reshape(dy!, [-1]), flat, sizeOf(x!.dims)), x!.dims)];
  },
  InTopKV2: null,
  Unique: null,
  LowerBound: null,
  UpperBound: null,
};
