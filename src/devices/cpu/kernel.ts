// CPU kernels register here per (op, dtype), in two layers: the TypeScript reference kernels,
// which exist for every op and dtype, and faster native kernels (the C++ addon) for the hot
// cases. A native kernel may decline a call (return null), e.g. for tiny inputs where crossing
// into C++ costs more than it saves; the reference kernel then runs.
import type { DType, DTypeName } from "../../core/dtypes.js";
import type { Storage } from "../../core/storage.js";
import type { DeviceTensor } from "../device.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import type { AnyOpDef, OpDef } from "../../ops/op_def.js";

export type CpuTensor = DeviceTensor<Storage>;
export type CpuKernel<Attrs extends object = object, Plan = undefined> = (
  inputs: readonly CpuTensor[],
  attrs: Attrs,
  outputs: readonly TensorSpec[],
  plan: Plan,
) => Storage[];
/** A native kernel: the outputs, or null to leave the call to the reference kernel. */
export type NativeCpuKernel<Attrs extends object = object, Plan = undefined> = (
  inputs: readonly CpuTensor[],
  attrs: Attrs,
  outputs: readonly TensorSpec[],
  plan: Plan,
) => Storage[] | null;

interface OpKernels {
  readonly reference: Map<DTypeName, CpuKernel<never>>;
  readonly native: Map<DTypeName, NativeCpuKernel<never>>;
}
const kernels = new Map<string, OpKernels>();

function entry(op: AnyOpDef): OpKernels {
  let e = kernels.get(op.name);
  if (e === undefined) kernels.set(op.name, (e = { reference: new Map(), native: new Map() }));
  return e;
}

/** Register `kernel` as the reference CPU implementation of `op` for `dtypes`. */
export function registerCpuKernel<Attrs extends object, Plan = undefined>(
  op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: CpuKernel<Attrs, Plan>,
): void {
  const e = entry(op);
  for (const d of dtypes) e.reference.set(d, kernel as unknown as CpuKernel<never>);
}

/** Register a native implementation of `op` for `dtypes`, tried before the reference kernel. */
export function registerNativeCpuKernel<Attrs extends object, Plan = undefined>(
  op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: NativeCpuKernel<Attrs, Plan>,
): void {
  const e = entry(op);
  for (const d of dtypes) e.native.set(d, kernel as unknown as NativeCpuKernel<never>);
}

/** The reference (TypeScript) kernel of `op` for `dtype`. */
export function referenceCpuKernel(op: AnyOpDef, dtype: DType): CpuKernel | undefined {
  return kernels.get(op.name)?.reference.get(dtype.name) as CpuKernel | undefined;
}

/** The native kernel of `op` for `dtype`, if the addon provides one. */
export function nativeCpuKernel(op: AnyOpDef, dtype: DType): NativeCpuKernel | undefined {
  return kernels.get(op.name)?.native.get(dtype.name) as NativeCpuKernel | undefined;
}

/** Whether the CPU can run `op` on `dtype` (every native kernel has a reference kernel). */
export function hasCpuKernel(op: AnyOpDef, dtype: DType): boolean {
  return kernels.get(op.name)?.reference.has(dtype.name) ?? false;
}

/** Run `op`: the native kernel when it takes the call, else the reference kernel. */
export function runCpuKernel(op: AnyOpDef, dtype: DType, inputs: readonly CpuTensor[], attrs: object, outputs: readonly TensorSpec[], plan: unknown): Storage[] | undefined {
  const e = kernels.get(op.name);
  if (e === undefined) return undefined;
  const native = e.native.get(dtype.name) as NativeCpuKernel<object, unknown> | undefined;
  if (native !== undefined) {
    const r = native(inputs, attrs, outputs, plan);
    if (r !== null) return r;
  }
  const reference = e.reference.get(dtype.name) as CpuKernel<object, unknown> | undefined;
  return reference?.(inputs, attrs, outputs, plan);
}
