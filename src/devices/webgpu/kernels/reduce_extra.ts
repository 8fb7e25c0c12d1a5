// WGSL kernels of AddN: one elementwise pass over up to 7 inputs (with the output, 8 storage
// buffers: WebGPU's guaranteed limit per stage); longer lists fold in chunks, the running sum
// being the first input of the next chunk. L2Loss: the reduction kernel over every axis with
// squared, halved sums.
import type { DTypeName } from "../../../core/dtypes.js";
import { AddN, L2Loss } from "../../../ops/reduce_extra.js";
import { registerGpuKernel, type GpuTensor } from "../kernel.js";
import { runMap } from "./map_shader.js";
import { halfSquaresReducer, runReduce } from "./reduce.js";

const MAX_INPUTS = 7;
const DTYPES: readonly DTypeName[] = ["float32", "float16", "int32"];

/** Register the WGSL kernels of this family. */
export function registerReduceExtraKernels(): void {
  registerGpuKernel(AddN, DTYPES, (ctx, inputs, _attrs, outputs) => {
    const out = outputs[0]!;
    const sum = (xs: readonly GpuTensor[]) => runMap(ctx, `AddN${xs.length}`, (v) => `(${v.join(" + ")})`, out.dtype, xs, out);
    let acc = sum(inputs.slice(0, MAX_INPUTS));
    for (let i = MAX_INPUTS; i < inputs.length; i += MAX_INPUTS - 1) {
      const previous = acc;
      acc = sum([{ ...inputs[0]!, buffer: previous }, ...inputs.slice(i, i + MAX_INPUTS - 1)]);
      ctx.release(previous);
    }
    return [acc];
  });

  registerGpuKernel(L2Loss, ["float32"], (ctx, inputs, _attrs, outputs) => {
    const x = inputs[0]!;
    return [runReduce(ctx, halfSquaresReducer(), x, x.dims.map((_, i) => i), outputs[0]!)];
  });
}
