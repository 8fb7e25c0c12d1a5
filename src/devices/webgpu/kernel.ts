// What a WebGPU kernel is, and the GPU's kernels in the shared table (devices/kernel_table.ts),
// one layer of WGSL kernels. A kernel gets a context for allocating outputs and queueing WGSL
// dispatches and copies; it never waits for the GPU unless it must read values (e.g. indices
// to validate). What the GPU cannot compute in WGSL has no kernel here, so placement puts it
// on another device (the CPU) and counts the copies there and back.
import type { DType, DTypeName } from "../../core/dtypes.js";
import type { Storage } from "../../core/storage.js";
import type { DeviceTensor } from "../device.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import type { OpDef } from "../../ops/op_def.js";
import { KernelTable, type Kernel, type KernelSignature, type TypeConstraints } from "../kernel_table.js";
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

/** WebGPU kernels: a context and GPU buffers in, GPU buffers out. */
export interface GpuSignature extends KernelSignature {
  readonly params: readonly [ctx: GpuKernelContext, inputs: readonly GpuTensor[], attrs: this["attrs"], outputs: readonly TensorSpec[], plan: this["plan"]];
  readonly result: GpuBuffer[];
}

export type GpuKernel<Attrs extends object = object, Plan = undefined> = Kernel<GpuSignature, Attrs, Plan>;

export const gpuKernels = new KernelTable<GpuSignature>("GPU", ["wgsl"]);

/** Register the WGSL kernel of `op` for `dtypes` (for the `constraints`' attribute dtypes only, when given). */
export function registerGpuKernel<Attrs extends object, Plan = undefined>(
  op: OpDef<Attrs, Plan>, dtypes: readonly DTypeName[], kernel: GpuKernel<Attrs, Plan>, constraints?: TypeConstraints<Attrs>,
): void {
  gpuKernels.register(op, dtypes, kernel, constraints);
}
