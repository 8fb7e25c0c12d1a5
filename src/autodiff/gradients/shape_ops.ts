// Gradients of the layout ops in ops/shape_ops.ts (TensorFlow's array_grad.py, manip_grad.py).
import { ReverseV2, Roll, type shapeOps } from "../../ops/shape_ops.js";
import { execute1 } from "../../runtime/execute.js";
import { concat, reshape, stack } from "../../api/ops/array.js";
import { reduceSum } from "../../api/ops/reduce.js";
import type { GradientTable } from "../gradient_registry.js";

export const shapeOpGradients: GradientTable<typeof shapeOps> = {
  // dy summed over the axes the input was broadcast along, then given the input's shape.
  BroadcastTo: ({ inputs: [x] }, [dy]) => {
    const inDims = x!.dims, outDims = dy!.dims, lead = outDims.length - inDims.length;
    const axes = outDims.map((_, i) => i).filter((i) => i < lead || (inDims[i - lead] === 1 && outDims[i] !== 1));
    return [reshape(axes.length === 0 ? dy! : reduceSum(dy!, axes), inDims)];
  },
  ReverseV2: ({ attrs }, [dy]) => [execute1(ReverseV2, [dy!], attrs)],
  Roll: ({ attrs: { shift, axis } }, [dy]) => [
    execute1(Roll, [dy!], { shift: { values: shift.values.map((s) => -s), dims: shift.dims }, axis }),
  ],
  OneHot: null,
  InvertPermutation: null,
  Split: ({ plan: { axis } }, dys) => [concat(dys, axis)],
  SplitV: ({ plan: { axis } }, dys) => [concat(dys, axis)],
  Unpack: ({ plan: { axis } }, dys) => [stack(dys, axis)],
};
