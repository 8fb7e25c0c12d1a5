// Ops whose result needs the values on the host anyway (Where: the output size depends on
// them) or that are too rare to deserve WGSL (diagonals, casts into types the GPU does not
// compute in) run their CPU reference kernel on values read back, and the results go back to
// the GPU. TensorFlow's GPU kernels for Where synchronise the same way.
import type { DType } from "../../../core/dtypes.js";
import type { OpDef } from "../../../ops/op_def.js";
import { referenceCpuKernel } from "../../cpu/kernel.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import type { GpuKernel, GpuKernelContext, GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";

export function runOnHost(ctx: GpuKernelContext, op: OpDef, dtype: DType, inputs: readonly GpuTensor[], attrs: object, outputs: readonly TensorSpec[]): GpuBuffer[] {
  const kernel = referenceCpuKernel(op, dtype)!;
  const host = inputs.map((t) => ({ dtype: t.dtype, dims: t.dims, buffer: ctx.read(t) }));
  return kernel(host, attrs, outputs, undefined).map((data, i) => ctx.upload(outputs[i]!.dtype, data));
}

/** A GPU kernel that runs `op`'s CPU reference kernel on the values read back. */
export function hostKernel(op: OpDef): GpuKernel {
  return (ctx, inputs, attrs, outputs) => runOnHost(ctx, op, inputs[0]?.dtype ?? outputs[0]!.dtype, inputs, attrs, outputs);
}
