// GPU memory of one logical GPU device: buffers come from a pool of freed buffers by size
// class before new ones are made; a buffer goes back to the pool when its handle is garbage-
// collected (FinalizationRegistry) or freed at once (dispose, `using`). When a request would
// pass the device's memory limit the pool is emptied first; what is still held past the limit
// raises ResourceExhaustedError naming the request, the device and what is held.
import type { Storage } from "../../core/storage.js";
import { ResourceExhaustedError } from "../../errors/errors.js";
import type { GpuClient } from "./gpu_client.js";

/** A device buffer. Tensors share a handle (e.g. after a reshape); the handle owns the memory. */
export class GpuBuffer {
  /** Host copy of the contents, when known (uploaded or read back, and never written since). */
  host: Storage | null = null;
  /** Set for buffers that kernels update in place (variables): their host copy is never kept. */
  mutable = false;
  freed = false;
  constructor(readonly id: number, readonly capacity: number, /** Bytes the value uses. */ readonly bytes: number) {}
}

interface Held { id: number; capacity: number }

// Sizes below 1 MiB round up to a power of two (at least 16 bytes), larger ones to whole MiB.
function sizeClass(bytes: number): number {
  if (bytes <= 16) return 16;
  if (bytes < 1 << 20) return 2 ** Math.ceil(Math.log2(bytes));
  return Math.ceil(bytes / (1 << 20)) * (1 << 20);
}

export class GpuMemory {
  /** Bytes in buffers that handles hold. */
  inUse = 0;
  liveBuffers = 0;
  /** Bytes in pooled (free) buffers. */
  pooled = 0;
  private readonly free = new Map<number, number[]>();
  private readonly registry = new FinalizationRegistry<Held>((h) => this.recycle(h.id, h.capacity));

  constructor(
    private readonly client: GpuClient,
    readonly deviceName: string,
    /** Bytes this device may hold (TensorFlow's memory_limit), or Infinity. */
    readonly limit: number,
    /** Free buffers kept for reuse, at most this many bytes. */
    private readonly maxPooled: number,
  ) {}

  /** A buffer of at least `bytes` bytes (contents undefined). `what` describes it for errors. */
  alloc(bytes: number, what: () => string): GpuBuffer {
    const capacity = sizeClass(bytes);
    let id = this.free.get(capacity)?.pop();
    if (id !== undefined) {
      this.pooled -= capacity;
    } else {
      if (this.inUse + this.pooled + capacity > this.limit) this.trim(0);
      if (this.inUse + capacity > this.limit) {
        throw new ResourceExhaustedError(
          `OOM when allocating ${what()} on ${this.deviceName}: ${bytes} bytes requested, ` +
          `${this.inUse} bytes held by ${this.liveBuffers} buffers of a ${this.limit}-byte memory limit`);
      }
      id = this.client.newBufferId();
      this.client.enqueue({ k: "create", id, size: capacity });
    }
    this.inUse += capacity;
    this.liveBuffers++;
    const buffer = new GpuBuffer(id, capacity, bytes);
    this.registry.register(buffer, { id, capacity }, buffer);
    return buffer;
  }

  /** Give `buffer`'s memory back now (dispose); later use of it is the caller's bug. */
  release(buffer: GpuBuffer): void {
    if (buffer.freed) return;
    buffer.freed = true;
    buffer.host = null;
    this.registry.unregister(buffer);
    this.recycle(buffer.id, buffer.capacity);
  }

  private recycle(id: number, capacity: number): void {
    this.inUse -= capacity;
    this.liveBuffers--;
    // Commands already queued that use this buffer run before any later reuse (queue order).
    let list = this.free.get(capacity);
    if (list === undefined) this.free.set(capacity, (list = []));
    list.push(id);
    this.pooled += capacity;
    if (this.pooled > this.maxPooled) this.trim(this.maxPooled / 2);
  }

  /** Destroy pooled buffers until at most `keep` bytes stay pooled. */
  trim(keep: number): void {
    for (const [capacity, ids] of this.free) {
      while (ids.length > 0 && this.pooled > keep) {
        this.client.enqueue({ k: "destroy", id: ids.pop()! });
        this.pooled -= capacity;
      }
      if (this.pooled <= keep) break;
    }
  }
}
