// A logical GPU device (GPU:n) backed by WebGPU: buffers live in GPU memory, kernels are WGSL
// dispatched through the worker (gpu_client.ts). Values of float32, int32, uint32 and int64
// keep their host bytes on the GPU; bool takes a u32 per element (WGSL has no 8-bit storage).
import type { DType, DTypeName } from "../../core/dtypes.js";
import { allocStorage, type Storage } from "../../core/storage.js";
import { FailedPreconditionError, InternalError, NotFoundError } from "../../errors/errors.js";
import type { AnyOpDef } from "../../ops/op_def.js";
import { noKernelForType, tensorDisposed } from "../../errors/messages.js";
import type { Device, DeviceMemoryInfo } from "../device.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import type { GpuClient } from "./gpu_client.js";
import { gpuKernels, type GpuKernelContext, type GpuTensor, type Dispatch } from "./kernel.js";
import { GpuBuffer, GpuMemory } from "./memory.js";
import { allocationOfCopy, allocationOfElements, allocationOfShape, cannotHoldType } from "../../errors/device_messages.js";

/**
 * Bytes per element on the GPU, or undefined where the GPU cannot hold the dtype (strings).
 * Every other dtype keeps its host layout, so values of types the GPU does not compute in
 * (float64, int64, complex) can still live there, e.g. as an ArgMax's int64 output.
 */
export function gpuElementBytes(dtype: DType): number | undefined {
  if (dtype.isString) return undefined;
  return dtype.isBool ? 4 : dtype.size;
}

// Host values of at most this many bytes are uploaded once (see fromHost), up to this many values.
const SMALL_CONSTANT_BYTES = 16;
const MAX_CONSTANTS = 1024;

export class WebGpuDevice implements Device<GpuBuffer> {
  readonly deviceType = "GPU";
  readonly gcOwnsMemory = false;
  readonly memory: GpuMemory;
  private readonly ctx: GpuKernelContext;

  constructor(readonly name: string, readonly index: number, readonly client: GpuClient, memoryLimit: number) {
    this.memory = new GpuMemory(client, name, memoryLimit, Math.min(memoryLimit / 4, 512 * 2 ** 20));
    const report = client.report;
    this.ctx = {
      alloc: (spec) => this.allocFor(spec),
      share: (b) => this.memory.share(b),
      release: (b) => this.memory.release(b),
      dispatch: (d) => this.dispatch(d),
      copy: (src, dst, bytes, srcOffset = 0, dstOffset = 0) => {
        dst.host = null;
        if (bytes > 0) client.copy(src.id, srcOffset, dst.id, dstOffset, Math.ceil(bytes / 4) * 4);
      },
      upload: (dtype, data) => this.fromHost(dtype, data),
      read: (t) => this.toHost(t.dtype, t.buffer),
      written: (b) => { b.host = null; },
      maxWorkgroupsPerDimension: report.maxComputeWorkgroupsPerDimension ?? 65535,
      hasSubgroups: report.features?.includes("subgroups") ?? false,
      hasShaderF16: client.hasShaderF16,
      isSoftware: report.isFallbackAdapter ?? false,
    };
  }

  /** The adapter's description, e.g. `NVIDIA H100 80GB HBM3` or `llvmpipe (LLVM 19…)`. */
  get adapterDescription(): string { return this.client.report.description || this.client.report.architecture || "WebGPU adapter"; }
  get description(): string { return this.adapterDescription; }

  memoryInfo(): DeviceMemoryInfo { return { current: this.memory.inUse, peak: this.memory.peak }; }
  resetPeakMemory(): void { this.memory.resetPeak(); }

  private allocFor(spec: TensorSpec): GpuBuffer {
    const n = spec.dims.reduce((a, b) => a * b, 1);
    const bytes = n * this.elementBytes(spec.dtype);
    return this.memory.alloc(bytes, () => allocationOfShape(spec.dims, spec.dtype));
  }

  private elementBytes(dtype: DType): number {
    const b = gpuElementBytes(dtype);
    if (b === undefined) throw new InternalError(cannotHoldType(this.name, dtype));
    return b;
  }

  private dispatch(d: Dispatch): void {
    const [x, y, z] = d.groups;
    if (x === 0 || y === 0 || z === 0) return;
    this.client.dispatch(this.client.pipeline(d.code), d.buffers, d.uniform, x, y, z);
  }

  // Small host values already uploaded, by dtype and bytes: `tf.add(y, 1)` in a loop converts
  // its scalar every call, and tensors are never written in place (variables have their own
  // buffers), so one upload can back every such tensor. Values of up to 4 bytes (scalars) are
  // keyed by a number (bytes and bits), longer ones by their bytes' text.
  private readonly constants = new Map<DTypeName, Map<number | string, GpuBuffer>>();
  private constantCount = 0;

  fromHost(dtype: DType, data: Storage): GpuBuffer {
    if (dtype.isString || !ArrayBuffer.isView(data) || data.byteLength > SMALL_CONSTANT_BYTES) return this.upload(dtype, data);
    const v = data as Uint8Array;
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    let key: number | string;
    if (bytes.length <= 4) {
      let bits = 0;
      for (let i = 0; i < bytes.length; i++) bits += bytes[i]! * 2 ** (8 * i);
      key = bytes.length * 2 ** 32 + bits;
    } else {
      key = bytes.join(",");
    }
    let byKey = this.constants.get(dtype.name);
    const cached = byKey?.get(key);
    if (cached !== undefined) return this.memory.share(cached);
    const buffer = this.upload(dtype, data);
    if (this.constantCount < MAX_CONSTANTS) {
      if (byKey === undefined) this.constants.set(dtype.name, (byKey = new Map()));
      byKey.set(key, buffer);
      this.constantCount++;
      return this.memory.share(buffer);
    }
    return buffer;
  }

  private upload(dtype: DType, data: Storage): GpuBuffer {
    const eb = this.elementBytes(dtype);
    const n = dtype.isBool ? (data as Uint8Array).length : (data as Uint8Array).byteLength / eb;
    const buffer = this.memory.alloc(n * this.elementBytes(dtype), () => allocationOfElements(n, dtype));
    let bytes: Uint8Array;
    if (dtype.isBool) {
      const u = new Uint32Array(n);
      for (let i = 0; i < n; i++) u[i] = (data as Uint8Array)[i]! === 0 ? 0 : 1;
      bytes = new Uint8Array(u.buffer);
    } else {
      const v = data as Uint8Array;
      bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    }
    // GPU copies move whole words; capacities are rounded up (sizeClass), so the padding fits.
    if (bytes.byteLength % 4 !== 0) {
      const padded = new Uint8Array(Math.ceil(bytes.byteLength / 4) * 4);
      padded.set(bytes);
      bytes = padded;
    }
    if (bytes.byteLength > 0) this.client.write(buffer.id, 0, bytes);
    // Small uploads keep their host values: reading them back (printing a constant, indices
    // a kernel validates) then needs no round trip to the GPU.
    if (bytes.byteLength <= 1 << 16) buffer.host = data;
    return buffer;
  }

  /** Read a buffer back (waits for every queued command). */
  toHost(dtype: DType, buffer: GpuBuffer): Storage {
    if (buffer.host !== null) return buffer.host;
    if (buffer.freed) throw new FailedPreconditionError(tensorDisposed(this.name));
    const n = buffer.bytes / this.elementBytes(dtype);
    const out = this.decode(dtype, this.client.readSync(buffer.id, buffer.bytes), n);
    if (!buffer.mutable && buffer.bytes <= 1 << 16) buffer.host = out;
    return out;
  }

  /** Read a buffer back without blocking the thread. */
  async toHostAsync(dtype: DType, buffer: GpuBuffer): Promise<Storage> {
    if (buffer.host !== null) return buffer.host;
    const bytes = await this.client.readAsync(buffer.id, buffer.bytes);
    return this.decode(dtype, bytes, buffer.bytes / this.elementBytes(dtype));
  }

  private decode(dtype: DType, bytes: Uint8Array, n: number): Storage {
    if (dtype.isBool) {
      const u = new Uint32Array(bytes.buffer, bytes.byteOffset, n);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = u[i]! === 0 ? 0 : 1;
      return out;
    }
    const out = allocStorage(dtype, n) as Uint8Array; // complex: 2n parts of n * size bytes
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes.subarray(0, out.byteLength));
    return out;
  }

  copyInto(dtype: DType, dst: GpuBuffer, src: GpuBuffer): void {
    dst.host = null;
    void dtype;
    if (src.bytes > 0) this.client.copy(src.id, 0, dst.id, 0, Math.ceil(src.bytes / 4) * 4);
  }

  clone(_dtype: DType, buffer: GpuBuffer): GpuBuffer {
    const copy = this.memory.alloc(buffer.bytes, () => allocationOfCopy(buffer.bytes));
    if (buffer.bytes > 0) this.client.copy(buffer.id, 0, copy.id, 0, Math.ceil(buffer.bytes / 4) * 4);
    copy.host = buffer.host;
    return copy;
  }

  free(buffer: GpuBuffer): void { this.memory.release(buffer); }

  /** Whether shaders can compute in `dtype` here (float16 needs the adapter's shader-f16). */
  private readonly computes = (dtype: DTypeName): boolean => dtype !== "float16" || this.client.hasShaderF16;

  hasKernel(op: AnyOpDef, dtype: DType, attrs: object): boolean { return gpuKernels.has(op, dtype, attrs, this.computes); }
  kernelReadsAttrs(op: AnyOpDef): boolean { return gpuKernels.readsAttrs(op); }

  run(op: AnyOpDef, dtype: DType, inputs: readonly GpuTensor[], attrs: object, outputs: readonly TensorSpec[], plan: unknown): GpuBuffer[] {
    this.client.throwGpuErrors();
    for (const t of inputs) {
      if (t.buffer.freed) throw new FailedPreconditionError(tensorDisposed(this.name));
    }
    const kernels = gpuKernels.candidates(op, dtype, attrs);
    if (kernels !== undefined) {
      for (let i = 0; i < kernels.length; i++) {
        const result = kernels[i]!(this.ctx, inputs, attrs, outputs, plan);
        if (result !== null) return result;
      }
    }
    throw new NotFoundError(noKernelForType(op.name, dtype));
  }

  /** Wait until the GPU has done everything queued so far. */
  synchronize(): void { this.client.finish(); }
}
