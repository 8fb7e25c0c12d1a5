// TensorFlow's ListWrapper and _DictWrapper, as views: an array or plain object held by a
// tf.Module is seen through a Proxy that reports every element assigned into it (push,
// index assignment, new keys), so a checkpoint restore waiting for `layers/2` or
// `blocks/conv` restores the object put there later. Arrays and objects nested inside are
// wrapped when read. The wrapped value itself is the user's: writes go through to it.
import { restoreDeferred } from "../train/deferred_restoration.js";

const views = new WeakMap<object, object>();
const wrappers = new WeakSet<object>();

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function isContainer(x: unknown): x is object {
  return typeof x === "object" && x !== null && (Array.isArray(x) || isPlainObject(x));
}

function childKey(target: object, key: string | symbol): string | undefined {
  if (typeof key !== "string") return undefined;
  if (Array.isArray(target)) return /^(0|[1-9][0-9]*)$/.test(key) ? key : undefined;
  return key;
}

/** `value` as a module holds it: arrays and plain objects become tracking views (the same view each time). */
export function trackingWrapper<T>(value: T): T {
  if (!isContainer(value) || wrappers.has(value)) return value;
  const cached = views.get(value);
  if (cached !== undefined) return cached as T;
  const view: object = new Proxy(value, {
    get(target, key, receiver) {
      const v: unknown = Reflect.get(target, key, receiver);
      return childKey(target, key) !== undefined ? trackingWrapper(v) : v;
    },
    set(target, key, v, receiver) {
      const name = childKey(target, key);
      if (name === undefined) return Reflect.set(target, key, v, receiver);
      if (!Reflect.set(target, key, v)) return false;
      restoreDeferred(view, name, trackingWrapper(v));
      return true;
    },
  });
  views.set(value, view);
  wrappers.add(view);
  return view as T;
}
