// GPU memory of one logical GPU device: the device-independent pool (devices/memory_pool.ts)
// over buffers that live in the WebGPU worker, made and destroyed by queued commands, with
// the GPU's handle, which may keep a host copy of its contents.
import type { Storage } from "../../core/storage.js";
import { MemoryPool, PooledBuffer } from "../memory_pool.js";
import type { GpuClient } from "./gpu_client.js";

/** A handle on GPU memory: one per tensor value; freed when collected or disposed. */
export class GpuBuffer extends PooledBuffer<number> {
  /** Host copy of the contents, when known (uploaded or read back, and never written since). */
  host: Storage | null = null;
  /** Set for buffers that kernels update in place (variables): their host copy is never kept. */
  mutable = false;
}

export class GpuMemory extends MemoryPool<number, GpuBuffer> {
  constructor(client: GpuClient, deviceName: string, limit: number, maxPooled: number) {
    super(
      {
        create: (capacity) => {
          const id = client.newBufferId();
          client.create(id, capacity);
          return id;
        },
        destroy: (id) => client.destroy(id),
      },
      (allocation, bytes, sharing) => {
        const buffer = new GpuBuffer(allocation, bytes);
        if (sharing !== undefined) {
          buffer.host = sharing.host;
          buffer.mutable = sharing.mutable;
        }
        return buffer;
      },
      deviceName, limit, maxPooled,
    );
  }

  override release(buffer: GpuBuffer): void {
    if (!buffer.freed) buffer.host = null;
    super.release(buffer);
  }
}
