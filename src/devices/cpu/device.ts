// The CPU device: buffers are the host storage itself (freed by the garbage collector),
// kernels come from the CPU's layers of the kernel table (cpu/kernel.ts).
import { cpus } from "node:os";
import type { DType } from "../../core/dtypes.js";
import { noKernelForType } from "../../errors/messages.js";
import { copyStorage, type Storage } from "../../core/storage.js";
import { NotFoundError } from "../../errors/errors.js";
import type { AnyOpDef } from "../../ops/op_def.js";
import type { Device } from "../device.js";
import type { TensorSpec } from "../../core/tensor_spec.js";
import { cpuKernels, type CpuTensor } from "./kernel.js";

export class CpuDevice implements Device<Storage> {
  readonly deviceType = "CPU";
  readonly gcOwnsMemory = true;
  constructor(readonly name: string, readonly index: number) {}

  /** The processor's model name, e.g. `AMD EPYC 9R14`. */
  get description(): string { return cpus()[0]?.model.trim() || "host CPU"; }

  fromHost(_dtype: DType, data: Storage): Storage { return data; }
  toHost(_dtype: DType, buffer: Storage): Storage { return buffer; }
  copyInto(_dtype: DType, dst: Storage, src: Storage): void {
    if (Array.isArray(dst)) {
      const s = src as Uint8Array[];
      for (let i = 0; i < s.length; i++) dst[i] = s[i]!;
    } else {
      (dst as Uint8Array).set(src as Uint8Array);
    }
  }
  free(_buffer: Storage): void { /* the garbage collector owns host memory */ }
  clone(_dtype: DType, buffer: Storage): Storage { return copyStorage(buffer); }

  hasKernel(op: AnyOpDef, dtype: DType, attrs: object): boolean { return cpuKernels.has(op, dtype, attrs); }
  kernelReadsAttrs(op: AnyOpDef): boolean { return cpuKernels.readsAttrs(op); }

  run(op: AnyOpDef, dtype: DType, inputs: readonly CpuTensor[], attrs: object, outputs: readonly TensorSpec[], plan: unknown): Storage[] {
    const kernels = cpuKernels.candidates(op, dtype, attrs);
    if (kernels !== undefined) {
      // The top layer's call apart from the lower ones': each call site then sees fewer
      // distinct kernels, which V8 can inline (a tenth of a small eager op).
      const top = kernels[0]!(inputs, attrs, outputs, plan);
      if (top !== null) return top;
      for (let i = 1; i < kernels.length; i++) {
        const result = kernels[i]!(inputs, attrs, outputs, plan);
        if (result !== null) return result;
      }
    }
    throw new NotFoundError(noKernelForType(op.name, dtype));
  }
}
