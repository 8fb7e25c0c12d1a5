// GPU memory of one logical GPU device: buffers come from a pool of freed buffers by size
// class before new ones are made; a buffer goes back to the pool when its last handle is
// garbage-collected or freed at once (dispose, `using`). With the native addon, collected
// handles are known inside the collection (native/weak_handles.cc), so even a synchronous
// loop reuses memory; without it a FinalizationRegistry reports them between tasks. When a
// request would pass the device's memory limit: the pool is emptied, then (native addon) a
// full collection gives back what nothing references; what is still held past the limit
// raises ResourceExhaustedError naming the request, the device and what is held.
import type { Storage } from "../../core/storage.js";
import { ResourceExhaustedError } from "../../errors/errors.js";
import { nativeAddon } from "../native/addon.js";
import type { GpuClient } from "./gpu_client.js";

/** The native addon's weak-handle tracker (native/weak_handles.cc), when it is built. */
interface WeakTracker {
  weakTrack(handle: object, token: number): void;
  weakCollected(): Uint32Array;
  weakCollectGarbage(): void;
}
let tracker: WeakTracker | null | undefined;
function weakTracker(): WeakTracker | null {
  if (tracker === undefined) {
    const addon = nativeAddon() as unknown as Partial<WeakTracker> | null;
    tracker = addon !== null && typeof addon.weakTrack === "function" ? (addon as WeakTracker) : null;
  }
  return tracker;
}
/** Whether memory pressure can collect garbage within the allocating call (native addon built). */
export function collectsSynchronously(): boolean { return weakTracker() !== null; }

// Tracked handles by token, across devices (the tracker reports tokens of all of them).
const tracked = new Map<number, { memory: GpuMemory; allocation: Allocation }>();
let nextToken = 1;

/** Give back the memory of every handle the garbage collector has freed since the last call. */
function reap(): void {
  const t = weakTracker();
  if (t === null) return;
  for (const token of t.weakCollected()) {
    const e = tracked.get(token);
    if (e === undefined) continue; // disposed before it was collected
    tracked.delete(token);
    e.memory.drop(e.allocation);
  }
}

/** The GPU allocation behind one or more handles (a reshape shares its input's). */
class Allocation {
  handles = 1;
  constructor(readonly id: number, readonly capacity: number) {}
}

/** A handle on device memory: one per tensor value; freed when collected or disposed. */
export class GpuBuffer {
  /** Host copy of the contents, when known (uploaded or read back, and never written since). */
  host: Storage | null = null;
  /** Set for buffers that kernels update in place (variables): their host copy is never kept. */
  mutable = false;
  freed = false;
  /** The weak tracker's token (0 when a FinalizationRegistry watches the handle instead). */
  token = 0;
  constructor(readonly allocation: Allocation, /** Bytes the value uses. */ readonly bytes: number) {}
  get id(): number { return this.allocation.id; }
  get capacity(): number { return this.allocation.capacity; }
}

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
  /** The most bytes held at once since the start or the last resetPeak(). */
  peak = 0;
  /** Bytes in pooled (free) buffers. */
  pooled = 0;
  private readonly free = new Map<number, number[]>();
  private readonly registry = new FinalizationRegistry<Allocation>((a) => this.drop(a));

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
    let list = this.free.get(capacity);
    if (list === undefined || list.length === 0) {
      reap();
      list = this.free.get(capacity);
    }
    let id = list?.pop();
    if (id !== undefined) {
      this.pooled -= capacity;
    } else {
      if (this.inUse + this.pooled + capacity > this.limit) this.trim(0);
      if (this.inUse + capacity > this.limit) this.collect();
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
    if (this.inUse > this.peak) this.peak = this.inUse;
    this.liveBuffers++;
    const buffer = new GpuBuffer(new Allocation(id, capacity), bytes);
    this.watch(buffer);
    return buffer;
  }

  /** Have the handle's memory given back once the garbage collector frees the handle. */
  private watch(handle: GpuBuffer): void {
    const t = weakTracker();
    if (t === null) { this.registry.register(handle, handle.allocation, handle); return; }
    handle.token = nextToken++;
    tracked.set(handle.token, { memory: this, allocation: handle.allocation });
    t.weakTrack(handle, handle.token);
  }

  /** Memory pressure: a full garbage collection, then every freed handle's memory back. */
  private collect(): void {
    const t = weakTracker();
    if (t === null) return; // FinalizationRegistry callbacks cannot run inside this call
    t.weakCollectGarbage();
    reap();
  }

  /** Another handle on the same memory (same contents, e.g. a reshape's output). */
  share(buffer: GpuBuffer): GpuBuffer {
    const a = buffer.allocation;
    a.handles++;
    const other = new GpuBuffer(a, buffer.bytes);
    other.host = buffer.host;
    other.mutable = buffer.mutable;
    this.watch(other);
    return other;
  }

  /** Give `buffer`'s memory back now (dispose); later use of it is the caller's bug. */
  release(buffer: GpuBuffer): void {
    if (buffer.freed) return;
    buffer.freed = true;
    buffer.host = null;
    if (buffer.token !== 0) tracked.delete(buffer.token);
    else this.registry.unregister(buffer);
    this.drop(buffer.allocation);
  }

  /** One handle fewer; the memory goes back to the pool with the last one. */
  drop(a: Allocation): void {
    if (--a.handles > 0) return;
    const { id, capacity } = a;
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
