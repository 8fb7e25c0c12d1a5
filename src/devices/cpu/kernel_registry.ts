// CPU kernels register here per (op, dtype). The TypeScript kernels are the reference for
// every op and dtype; faster implementations (the native addon) register over them.
import type { DType, DTypeName } from "../../core/dtypes.js";
import type { Storage } from "../../core/storage.js";
import type { DeviceTensor, TensorSpec } from "../device.js";
import type { OpDef } from "../../ops/op_def.js";

export type CpuTensor = DeviceTensor<Storage>;
export type CpuKernel<Attrs extends object = object> = (
  inputs: readonly CpuTensor[],
  attrs: Attrs,
  outputs: readonly TensorSpec[],
) => Storage[];

interface Registration { readonly dtypes: ReadonlySet<DTypeName>; readonly kernel: CpuKernel<never> }
const kernels = new Map<string, Registration>();

/** Register `kernel` as the CPU implementation of `op` for `dtypes`. */
export function registerCpuKernel<Attrs extends object>(
  op: OpDef<Attrs>, dtypes: readonly DTypeName[], kernel: CpuKernel<Attrs>,
): void {
  kernels.set(op.name, { dtypes: new Set(dtypes), kernel: kernel as CpuKernel<never> });
}

export function findCpuKernel(op: OpDef, dtype: DType): CpuKernel | undefined {
  const r = kernels.get(op.name);
  return r !== undefined && r.dtypes.has(dtype.name) ? (r.kernel as CpuKernel) : undefined;
}
