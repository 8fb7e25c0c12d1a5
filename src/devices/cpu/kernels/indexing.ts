// CPU kernels of the indexing ops: GatherNd; ScatterNd (into zeros) and TensorScatter* (into a
// copy of the tensor), which combine updates as the variable scatters do (resource.ts); and the
// sliced assignment into a variable's buffer (ResourceStridedSliceAssign), which writes only
// after its plan validated everything.
import { allocStorage, copyStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import {
  GatherNd, ResourceStridedSliceAssign, SCATTER_KERNEL_TYPES, ScatterNd, TENSOR_SCATTER_OPS, type TensorScatterMode,
} from "../../../ops/indexing.js";
import { ALL_TYPES } from "../../../ops/op_def.js";
import { gatherNdOffsets, stridesOf } from "../../nd_indices.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { copyElements, lanes } from "./array.js";
import { scatterNdInto } from "./resource.js";

/** Register the CPU reference kernels of the indexing ops. */
export function registerIndexingKernels(): void {
  registerCpuKernel(GatherNd, ALL_TYPES, (inputs, _attrs, outputs) => {
    const [params, indices] = inputs as [CpuTensor, CpuTensor];
    const k = indices.dims[indices.dims.length - 1]!;
    const offsets = gatherNdOffsets(params.dims, indices.dims, indices.buffer as Int32Array | BigInt64Array, "GatherNd");
    const l = lanes(params);
    const inner = sizeOf(params.dims.slice(k)) * l;
    const out = allocStorage(outputs[0]!.dtype, sizeOf(outputs[0]!.dims));
    offsets.forEach((off, i) => copyElements(params.buffer, off * l, out, i * inner, inner));
    return [out];
  });

  registerCpuKernel(ScatterNd, SCATTER_KERNEL_TYPES.update, (inputs, _attrs, outputs) => {
    const [indices, updates] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const y = allocStorage(out.dtype, sizeOf(out.dims));
    if (y.length > 0) scatterNdInto(y, out.dtype, out.dims, "add", indices, updates);
    return [y];
  });

  for (const mode of Object.keys(TENSOR_SCATTER_OPS) as TensorScatterMode[]) {
    registerCpuKernel(TENSOR_SCATTER_OPS[mode], SCATTER_KERNEL_TYPES[mode], (inputs) => {
      const [t, indices, updates] = inputs as [CpuTensor, CpuTensor, CpuTensor];
      const y = copyStorage(t.buffer);
      if (y.length > 0) scatterNdInto(y, t.dtype, t.dims, mode, indices, updates);
      return [y];
    });
  }

  registerCpuKernel(ResourceStridedSliceAssign, ALL_TYPES, (inputs, _attrs, _outputs, plan): Storage[] => {
    const [v, x] = inputs as [CpuTensor, CpuTensor];
    const { processing, final, begin, strides, valueStrides } = plan;
    const n = sizeOf(processing);
    if (n === 0) return [];
    const vStrides = stridesOf(v.dims);
    const l = lanes(v);
    // The final shape only drops shrunk axes and adds new ones, so the i-th element of the
    // region (processing order) is the i-th of the value broadcast to the final shape.
    for (let i = 0; i < n; i++) {
      let rem = i, dst = 0;
      for (let a = processing.length - 1; a >= 0; a--) {
        const q = rem % processing[a]!;
        rem = (rem - q) / processing[a]!;
        dst += (begin[a]! + q * strides[a]!) * vStrides[a]!;
      }
      rem = i;
      let src = 0;
      for (let a = final.length - 1; a >= 0; a--) {
        const q = rem % final[a]!;
        rem = (rem - q) / final[a]!;
        src += q * valueStrides[a]!;
      }
      copyElements(x.buffer, src * l, v.buffer, dst * l, l);
    }
    return [];
  });
}
