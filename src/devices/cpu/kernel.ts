// What a CPU kernel is, and the CPU's kernels in the shared table (devices/kernel_table.ts):
// the TypeScript reference kernels, which exist for every op and dtype the CPU runs, form the
// bottom layer; the native addon's kernels form the layer over them and may decline a call
// (return null), e.g. for tiny inputs where crossing into C++ costs more than it saves.
import type { DType, DTypeName } from "../../core/dtypes.js";
import type { Storage } from "../../core/storage.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import type { AnyOpDef, OpDef } from "../../ops/op_def.js";
import type { DeviceTensor } from "../device.js";
import { KernelTable, type Kernel, type KernelSignature, type LayeredKernel } from "../kernel_table.js";

export type CpuTensor = DeviceTensor<Storage>;

/** CPU kernels: host buffers in, host buffers out. */
export interface CpuSignature extends KernelSignature {
  readonly params: readonly [inputs: readonly CpuTensor[], attrs: this["attrs"], outputs: readonly TensorSpec[], plan: this["plan"]];
  readonly result: Storage[];
}

export type CpuKernel<Attrs extends object = object, Plan = undefined> = Kernel<CpuSignature, Attrs, Plan>;
/** A native kernel: the outputs, or null to leave the call to the reference kernel. */
export type NativeCpuKernel<Attrs extends object = object, Plan = undefined> = LayeredKernel<CpuSignature, Attrs, Plan>;

export const cpuKernels = new KernelTable<CpuSignature>("CPU", ["reference", "native"]);

/** Register `kernel` as the reference CPU implementation of `op` for `dtypes`. */
export function registerCpuKernel<Attrs extends object, Plan = undefined>(
  op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: CpuKernel<Attrs, Plan>,
): void {
  cpuKernels.register(op, dtypes, kernel);
}

/** Register a native implementation of `op` for `dtypes`, tried before the reference kernel. */
export function registerNativeCpuKernel<Attrs extends object, Plan = undefined>(
  op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: NativeCpuKernel<Attrs, Plan>,
): void {
  cpuKernels.registerOver("native", op, dtypes, kernel);
}

/** The reference (TypeScript) kernel of `op` for `dtype`. */
export function referenceCpuKernel(op: AnyOpDef, dtype: DType): CpuKernel<object, unknown> | undefined {
  return cpuKernels.lookup(op, dtype, "reference") as CpuKernel<object, unknown> | undefined;
}

/** The native kernel of `op` for `dtype`, if the addon provides one. */
export function nativeCpuKernel(op: AnyOpDef, dtype: DType): NativeCpuKernel<object, unknown> | undefined {
  return cpuKernels.lookup(op, dtype, "native");
}
