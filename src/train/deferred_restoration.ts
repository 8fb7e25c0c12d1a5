// Deferred restoration (TensorFlow's _deferred_dependencies): a checkpoint edge whose live
// object does not exist yet at restore time — a layer's kernel before its first call, a
// counter created on first save — waits under (parent, local name), and the object assigned
// there later takes its saved value at creation. Containers that see assignments (tf.Module
// and the arrays and objects it holds) report them through `restoreDeferred`.
import { isTrackable } from "./trackable.js";

type Restore = (created: object) => void;

// Keyed weakly by the parent: an object that is collected takes its pending restores with it.
const pending = new WeakMap<object, Map<string, Restore[]>>();

/** Wait for an object under `parent[localName]`, then run `restore` on it. */
export function deferRestoration(parent: object, localName: string, restore: Restore): void {
  let byName = pending.get(parent);
  if (byName === undefined) pending.set(parent, byName = new Map());
  const list = byName.get(localName) ?? [];
  list.push(restore);
  byName.set(localName, list);
}

/**
 * `child` was assigned to `parent[localName]`: restore it from every checkpoint waiting for
 * it (the most recent restore last, so it wins). A restore that fails (a dtype or shape that
 * does not match) changes nothing, keeps waiting, and throws.
 */
export function restoreDeferred(parent: object, localName: string, child: unknown): void {
  const byName = pending.get(parent);
  const list = byName?.get(localName);
  if (byName === undefined || list === undefined || !isTrackable(child)) return;
  byName.delete(localName);
  try {
    for (const restore of list) restore(child);
  } catch (e) {
    byName.set(localName, list);
    throw e;
  }
}

/** Whether a restore waits for `parent[localName]`. */
export function hasDeferredRestoration(parent: object, localName: string): boolean {
  return pending.get(parent)?.has(localName) ?? false;
}
