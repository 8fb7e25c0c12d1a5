// The device interface: what the runtime and tf.config need from any place that holds buffers
// and runs kernels (the CPU, WebGPU; a remote worker later). Devices know buffers, kernels and
// their own memory only: nothing about tapes, names, printing or placement rules. Device types
// plug in through devices/registry.ts.
import type { DType } from "../core/dtypes.js";
import type { Storage } from "../core/storage.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import type { AnyOpDef } from "../ops/op_def.js";

/** What a device that counts its memory holds (tf.config.experimental.get_memory_info). */
export interface DeviceMemoryInfo {
  /** Bytes held now. */
  readonly current: number;
  /** The most bytes held at once since the start or the last resetPeakMemory(). */
  readonly peak: number;
}

/** A value living on a device: its spec and the device's own buffer handle. */
export interface DeviceTensor<Buffer = unknown> extends TensorSpec {
  readonly buffer: Buffer;
}

export interface Device<Buffer = unknown> {
  /** Full name, e.g. `/job:localhost/replica:0/task:0/device:CPU:0`. */
  readonly name: string;
  /** `CPU`, `GPU`, … */
  readonly deviceType: string;
  /** Index among the devices of its type. */
  readonly index: number;
  /** True when buffers are JS memory that the garbage collector frees by itself. */
  readonly gcOwnsMemory: boolean;
  /** What the device runs on, for logs and benchmarks (a GPU's adapter, e.g. `NVIDIA H100 80GB HBM3`). */
  readonly description: string;

  /** Memory held now and at the peak; absent on devices that do not count it (the CPU). */
  memoryInfo?(): DeviceMemoryInfo;
  /** Start the peak of memoryInfo() over from what is held now. */
  resetPeakMemory?(): void;

  /** Take ownership of host storage and return a device buffer holding it. */
  fromHost(dtype: DType, data: Storage): Buffer;
  /** Read a buffer back to the host, synchronously. The result must not be mutated. */
  toHost(dtype: DType, buffer: Buffer): Storage;
  /** Read a buffer back without blocking the thread (devices whose reads wait for hardware). */
  toHostAsync?(dtype: DType, buffer: Buffer): Promise<Storage>;
  /** Overwrite `dst` in place with the contents of `src` (same dtype and size). */
  copyInto(dtype: DType, dst: Buffer, src: Buffer): void;
  /** A new buffer with the same contents. */
  clone(dtype: DType, buffer: Buffer): Buffer;
  /** Release a buffer now (no-op where the garbage collector owns memory). */
  free(buffer: Buffer): void;

  /**
   * Whether this device has a kernel for `op` on elements of `dtype` that takes `attrs` (some
   * kernels take only some dtypes of other type attributes, as a GPU Cast only to the types the
   * GPU computes in).
   */
  hasKernel(op: AnyOpDef, dtype: DType, attrs: object): boolean;
  /** Whether hasKernel's answer for `op` depends on the attributes (else placement may cache it per dtype). */
  kernelReadsAttrs(op: AnyOpDef): boolean;
  /**
   * Run `op`'s kernel for `dtype` (see OpDef.kernelDtype) with the op's plan (undefined for ops
   * without one); outputs are fresh buffers matching `outputs`.
   */
  run(op: AnyOpDef, dtype: DType, inputs: readonly DeviceTensor<Buffer>[], attrs: object, outputs: readonly TensorSpec[], plan: unknown): Buffer[];
}
