// Device memory written once for every device whose memory the garbage collector does not own
// (a GPU today): the device supplies only how to create and destroy raw buffers, and the pool
// does the rest. Buffers come from the pool of freed buffers of their size class before new
// ones are made (sizes below 1 MiB round up to a power of two, larger ones to whole MiB); a
// buffer goes back to the pool when its last handle is garbage-collected or released at once
// (dispose, `using`). Collected handles are known inside the collection where the native addon
// tracks them (native/weak_handles.ts), so even a synchronous loop reuses memory; otherwise a
// FinalizationRegistry reports them between tasks. When a request would pass the device's
// memory limit: the pool is emptied, then (native addon) a full collection gives back what
// nothing references; what is still held past the limit raises ResourceExhaustedError naming
// the request, the device and what is held. Copies in and out of buffers stay with the device.
import { outOfMemory } from "../errors/device_messages.js";
import { ResourceExhaustedError } from "../errors/errors.js";
import { collectGarbageNow, reapCollected, trackCollection, untrack, type CollectionListener } from "./native/weak_handles.js";

/** How a device makes and destroys raw buffers (`Id` names one, e.g. a buffer id in a worker). */
export interface RawAllocator<Id> {
  /** A new buffer of `capacity` bytes (contents undefined). */
  create(capacity: number): Id;
  /** Destroy a buffer no handle refers to any more (commands queued before still see it). */
  destroy(id: Id): void;
}

/** The memory behind one or more handles (a reshape shares its input's). */
export class Allocation<Id> {
  handles = 1;
  constructor(readonly id: Id, readonly capacity: number) {}
}

/** A handle on pooled memory: one per value; freed when collected or released. */
export class PooledBuffer<Id> {
  freed = false;
  /** The weak tracker's token (0 when a FinalizationRegistry watches the handle instead). */
  token = 0;
  constructor(readonly allocation: Allocation<Id>, /** Bytes the value uses. */ readonly bytes: number) {}
  get id(): Id { return this.allocation.id; }
  get capacity(): number { return this.allocation.capacity; }
}

// New buffers made before a full collection may be run to find freed ones instead (see collectedInstead).
const COLLECT_AFTER = 256;

function sizeClass(bytes: number): number {
  if (bytes <= 16) return 16;
  if (bytes < 1 << 20) return 2 ** Math.ceil(Math.log2(bytes));
  return Math.ceil(bytes / (1 << 20)) * (1 << 20);
}

/** The memory of one logical device; `H` is the device's handle type. */
export class MemoryPool<Id, H extends PooledBuffer<Id>> implements CollectionListener<Allocation<Id>> {
  /** Bytes in buffers that handles hold. */
  inUse = 0;
  liveBuffers = 0;
  /** The most bytes held at once since the start or the last resetPeak(). */
  peak = 0;
  /** Bytes in pooled (free) buffers. */
  pooled = 0;
  private readonly free = new Map<number, Id[]>();
  // Buffers made since the last full collection, and the buffers held right after it.
  private madeSinceCollection = 0;
  private liveAfterCollection = 0;
  private readonly registry = new FinalizationRegistry<Allocation<Id>>((a) => this.drop(a));

  constructor(
    private readonly raw: RawAllocator<Id>,
    /** A handle on `allocation` for a value of `bytes` bytes; `sharing` is the handle whose memory it shares. */
    private readonly handle: (allocation: Allocation<Id>, bytes: number, sharing: H | undefined) => H,
    readonly deviceName: string,
    /** Bytes this device may hold (TensorFlow's memory_limit), or Infinity. */
    readonly limit: number,
    /** Free buffers kept for reuse, at most this many bytes. */
    private readonly maxPooled: number,
  ) {}

  /** Start the peak over from what is held now. */
  resetPeak(): void { this.peak = this.inUse; }

  /** A buffer of at least `bytes` bytes (contents undefined). `what` describes it for errors. */
  alloc(bytes: number, what: () => string): H {
    const capacity = sizeClass(bytes);
    let list = this.free.get(capacity);
    if (list === undefined || list.length === 0) {
      reapCollected();
      list = this.free.get(capacity);
    }
    let id = list?.pop();
    if (id !== undefined) {
      this.pooled -= capacity;
    } else {
      if (this.inUse + this.pooled + capacity > this.limit) this.trim(0);
      if (this.inUse + capacity > this.limit) collectGarbageNow(); // FinalizationRegistry callbacks cannot run inside this call
      if (this.inUse + this.pooled + capacity > this.limit) this.trim(0);
      if (this.inUse + capacity > this.limit) {
        throw new ResourceExhaustedError(outOfMemory(what(), this.deviceName, bytes, this.inUse, this.liveBuffers, this.limit));
      }
      id = this.collectedInstead(capacity) ?? this.raw.create(capacity);
    }
    this.inUse += capacity;
    if (this.inUse > this.peak) this.peak = this.inUse;
    this.liveBuffers++;
    const buffer = this.handle(new Allocation(id, capacity), bytes, undefined);
    this.watch(buffer);
    return buffer;
  }

  /**
   * A pooled buffer of `capacity` bytes freed by a full collection, run when the number of
   * buffers held has doubled since the last one (and at least COLLECT_AFTER were made since):
   * handles that outlived a young-generation collection wait for a full one, so a loop that
   * drops its values would otherwise make new buffers (~30 µs each on lavapipe) for thousands
   * of ops. Doubling keeps such collections logarithmic in what a program really holds.
   */
  private collectedInstead(capacity: number): Id | undefined {
    if (++this.madeSinceCollection < COLLECT_AFTER || this.liveBuffers < 2 * this.liveAfterCollection) return undefined;
    this.madeSinceCollection = 0;
    if (!collectGarbageNow()) return undefined;
    this.liveAfterCollection = this.liveBuffers;
    const id = this.free.get(capacity)?.pop();
    if (id !== undefined) this.pooled -= capacity;
    return id;
  }

  /** Have the handle's memory given back once the garbage collector frees the handle. */
  private watch(handle: H): void {
    handle.token = trackCollection(handle, this, handle.allocation);
    if (handle.token === 0) this.registry.register(handle, handle.allocation, handle);
  }

  /** Another handle on the same memory (same contents, e.g. a reshape's output). */
  share(buffer: H): H {
    const a = buffer.allocation;
    a.handles++;
    const other = this.handle(a, buffer.bytes, buffer);
    this.watch(other);
    return other;
  }

  /** Give `buffer`'s memory back now (dispose); later use of it is the caller's bug. */
  release(buffer: H): void {
    if (buffer.freed) return;
    buffer.freed = true;
    if (buffer.token !== 0) untrack(buffer.token);
    else this.registry.unregister(buffer);
    this.drop(buffer.allocation);
  }

  /** A tracked handle was collected. */
  collected(a: Allocation<Id>): void { this.drop(a); }

  /** One handle fewer; the memory goes back to the pool with the last one. */
  private drop(a: Allocation<Id>): void {
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
        this.raw.destroy(ids.pop()!);
        this.pooled -= capacity;
      }
      if (this.pooled <= keep) break;
    }
  }
}
