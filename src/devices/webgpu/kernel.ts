// WebGPU kernels register here per (op, dtype), as the CPU's do in cpu/kernel_registry.ts.
// A kernel gets a context for allocating outputs and queueing WGSL dispatches and copies;
// it never waits for the GPU unless it must read values (e.g. indices to validate).
import type { DType, DTypeName } from "../../core/dtypes.js";
import type { Storage } from "../../core/storage.js";
import type { DeviceTensor } from "../device.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import type { AnyOpDef, OpDef } from "../../ops/op_def.js";
import type { GpuBuffer } from "./memory.js";

export type GpuTensor = DeviceTensor<GpuBuffer>;

export interface Dispatch {
  /** WGSL with `@compute fn main`, storage buffers at bindings 0…n-1 and the uniform at n. */
  readonly code: string;
  readonly buffers: readonly GpuBuffer[];
  /** Uniform words (u32; floats as their bits), bound after the buffers. */
  readonly uniform?: Uint32Array | Int32Array | Float32Array;
  /** Workgroup counts. */
  readonly groups: readonly [number, number, number];
}

export interface GpuKernelContext {
  /** A fresh buffer for a value of `spec`. */
  alloc(spec: TensorSpec): GpuBuffer;
  /** A new handle on `b`'s memory (for outputs equal to an input, such as a reshape's). */
  share(b: GpuBuffer): GpuBuffer;
  dispatch(d: Dispatch): void;
  /** Give back a temporary buffer now (queued commands that use it still see its contents). */
  release(b: GpuBuffer): void;
  copy(src: GpuBuffer, dst: GpuBuffer, bytes: number, srcOffset?: number, dstOffset?: number): void;
  /** A buffer holding host values of `dtype`. */
  upload(dtype: DType, data: Storage): GpuBuffer;
  /** The values of a tensor, read back now (waits for the GPU). */
  read(t: GpuTensor): Storage;
  /** Mark a buffer written in place (a variable's): forget its host copy. */
  written(b: GpuBuffer): void;
  /** The adapter's limits and features. */
  readonly maxWorkgroupsPerDimension: number;
  readonly hasSubgroups: boolean;
  /** Whether shaders may use f16 (float16 values). */
  readonly hasShaderF16: boolean;
  readonly isSoftware: boolean;
}

export type GpuKernel<Attrs extends object = object, Plan = undefined> = (
  ctx: GpuKernelContext,
  inputs: readonly GpuTensor[],
  attrs: Attrs,
  outputs: readonly TensorSpec[],
  plan: Plan,
) => GpuBuffer[];

const kernels = new Map<string, Map<DTypeName, GpuKernel<never>>>();

export function registerGpuKernel<Attrs extends object, Plan = undefined>(op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: GpuKernel<Attrs, Plan>): void {
  let m = kernels.get(op.name);
  if (m === undefined) kernels.set(op.name, (m = new Map()));
  for (const d of dtypes) m.set(d, kernel as unknown as GpuKernel<never>);
}

export function gpuKernel(op: AnyOpDef, dtype: DType): GpuKernel<object, unknown> | undefined {
  return kernels.get(op.name)?.get(dtype.name) as GpuKernel<object, unknown> | undefined;
}
