// Knowing which handle objects the garbage collector freed, for devices whose memory the
// collector does not own. A FinalizationRegistry reports freed handles only from a later
// event-loop turn, so a synchronous loop that drops device values would hold all their memory
// until it ends. With the native addon (native/memory/weak_handles.cc) V8's weak callbacks
// record freed handles inside the collection itself, and a device asks for them whenever it
// allocates; it can also force a full collection when memory runs short.
import { nativeAddon, type NativeWeakHandles } from "./addon.js";

/** Told when a tracked handle has been collected, with the value given at tracking. */
export interface CollectionListener<T> {
  collected(value: T): void;
}

let tracker: NativeWeakHandles | null | undefined;
function weakTracker(): NativeWeakHandles | null {
  if (tracker === undefined) {
    const addon = nativeAddon();
    tracker = addon !== null && typeof addon.weakTrack === "function" ? addon : null;
  }
  return tracker;
}

/** Whether freed handles are known within the collection (the native addon is built). */
export function collectsSynchronously(): boolean { return weakTracker() !== null; }

// Tracked handles by token, across devices (the addon reports the tokens of all of them).
const tracked = new Map<number, { listener: CollectionListener<unknown>; value: unknown }>();
let nextToken = 1;

/**
 * Tell `listener` about `value` once `handle` is collected; the token (0 where collections
 * are not known synchronously: the caller watches the handle otherwise) cancels it with untrack().
 */
export function trackCollection<T>(handle: object, listener: CollectionListener<T>, value: T): number {
  const t = weakTracker();
  if (t === null) return 0;
  const token = nextToken++;
  tracked.set(token, { listener: listener as CollectionListener<unknown>, value });
  t.weakTrack(handle, token);
  return token;
}

/** Stop telling anyone about the handle of `token` (it was released explicitly). */
export function untrack(token: number): void {
  tracked.delete(token);
}

/** Tell the listeners of every handle collected since the last call. */
export function reapCollected(): void {
  const t = weakTracker();
  if (t === null) return;
  for (const token of t.weakCollected()) {
    const e = tracked.get(token);
    if (e === undefined) continue; // released before it was collected
    tracked.delete(token);
    e.listener.collected(e.value);
  }
}

/** Memory pressure: a full garbage collection, then reapCollected(). False where that cannot run synchronously. */
export function collectGarbageNow(): boolean {
  const t = weakTracker();
  if (t === null) return false;
  t.weakCollectGarbage();
  reapCollected();
  return true;
}
