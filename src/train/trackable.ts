// What a checkpoint saves: the graph of objects reachable from a tf.train.Checkpoint, as
// TensorFlow's trackable machinery (tensorflow/python/trackable) sees Python objects:
//   - a tf.Variable is a leaf that saves its value (attribute "VARIABLE_VALUE");
//   - an array is a ListWrapper: children "0", "1", … (non-trackable elements are skipped);
//   - a plain object or a Map with string keys is a _DictWrapper: one child per key;
//   - an optimizer (anything with `iterations`, `getSlotNames()` and `getSlot()`) has the
//     children "iter" and "learning_rate" of Keras's optimizer_v2 and owns slot variables;
//   - an object with a `[tf.train.trackableChildren]()` method has exactly the children it
//     returns;
//   - any other class instance is an AutoTrackable: its own enumerable properties are its
//     children (tensors, NDArrays, dtypes, shapes, typed arrays, dates, functions … are not
//     trackable and are skipped).
import { Tensor } from "../runtime/tensor.js";
import { Variable } from "../api/variable.js";
import { NDArray } from "../format/ndarray.js";
import { IndexedSlices } from "../api/ops/indexed_slices.js";
import { DType } from "../core/dtypes.js";
import { TensorShape } from "../core/tensor_shape.js";

/**
 * Implement `[tf.train.trackableChildren]()` on a class to name what a checkpoint saves of
 * it: return `{ localName: child }` (or `[localName, child]` pairs), each child a variable,
 * an array, a plain object, an optimizer or another trackable object. Without it a class
 * instance is saved through its own enumerable properties.
 */
export const trackableChildren: unique symbol = Symbol.for("tsflow.train.trackableChildren");

/**
 * Implement `[tf.train.trackableAttributes]()` on a class whose state is not held in variables
 * (a dataset iterator's position, a generator's counters): return `{ NAME: saveable }`; each is
 * saved as `<object path>/.ATTRIBUTES/NAME` (TensorFlow's "serialized tensors" of a trackable,
 * e.g. an iterator's ITERATOR_STATE) and handed back to `restore` when a checkpoint is read.
 */
export const trackableAttributes: unique symbol = Symbol.for("tsflow.train.trackableAttributes");

/** One tensor an object saves besides its children: read at save time, given back at restore. */
export interface SaveableAttribute {
  save(): Tensor;
  /** Called with the saved tensor once every value of the restore has been checked. */
  restore(value: Tensor): void;
}

/** An object that saves tensors of its own (see `trackableAttributes`). */
export interface TrackableWithAttributes {
  [trackableAttributes](): Readonly<Record<string, SaveableAttribute>>;
}

/** The attributes an object saves (none for most). */
export function attributesOf(x: object): [string, SaveableAttribute][] {
  const f = (x as Partial<TrackableWithAttributes>)[trackableAttributes];
  return typeof f === "function" ? Object.entries(f.call(x)) : [];
}

/** An object that names its checkpoint dependencies (see `trackableChildren`). */
export interface Trackable {
  [trackableChildren](): Readonly<Record<string, unknown>> | Iterable<readonly [string, unknown]>;
}

/** What tf.train.Checkpoint needs of an optimizer (tf.optimizers.Optimizer has it all). */
export interface SlotOptimizer {
  readonly name: string;
  readonly iterations: Variable;
  readonly variables: readonly Variable[];
  getSlotNames(): string[];
  getSlot(variable: Variable, slotName: string): Variable | undefined;
  /** Creates the slots of `variables` (used to restore slots of variables not yet stepped). */
  build?(variables: readonly Variable[]): void;
}

export function isSlotOptimizer(x: unknown): x is SlotOptimizer {
  if (typeof x !== "object" || x === null) return false;
  const o = x as Partial<Record<keyof SlotOptimizer, unknown>>;
  return o.iterations instanceof Variable && typeof o.getSlotNames === "function" && typeof o.getSlot === "function";
}

function isTrackableObject(x: object): x is Trackable {
  return typeof (x as Partial<Trackable>)[trackableChildren] === "function";
}

function isPlainObject(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Values that TensorFlow would not track (not Trackable), checked before the class-instance rule. */
function isValueType(x: object): boolean {
  return x instanceof Tensor || x instanceof NDArray || x instanceof DType || x instanceof TensorShape ||
    x instanceof IndexedSlices || ArrayBuffer.isView(x) || x instanceof ArrayBuffer || x instanceof Date ||
    x instanceof RegExp || x instanceof Set || x instanceof WeakMap || x instanceof WeakSet || x instanceof Promise ||
    x instanceof Error || (typeof SharedArrayBuffer !== "undefined" && x instanceof SharedArrayBuffer);
}

/** Whether `x` is a node of the object graph. */
export function isTrackable(x: unknown): x is object {
  if (x instanceof Variable) return true;
  if (typeof x !== "object" || x === null) return false;
  if (isTrackableObject(x) || isSlotOptimizer(x) || Array.isArray(x) || isPlainObject(x) || x instanceof Map) return true;
  return !isValueType(x);
}

/** The optimizer's learning-rate variable (absent when it was given a schedule or function). */
export function learningRateVariable(opt: SlotOptimizer): Variable | undefined {
  return opt.variables.find((v) => v !== opt.iterations && v.name.endsWith(`${opt.name}/learning_rate:0`));
}

/** The named children of a graph node, in TensorFlow's order, non-trackable values left out. */
export function childrenOf(x: object): [string, object][] {
  if (x instanceof Variable) return [];
  let entries: Iterable<readonly [string, unknown]>;
  if (isTrackableObject(x)) {
    const c = x[trackableChildren]();
    entries = isIterable(c) ? c : Object.entries(c);
  } else if (isSlotOptimizer(x)) {
    const lr = learningRateVariable(x);
    entries = lr === undefined ? [["iter", x.iterations]] : [["iter", x.iterations], ["learning_rate", lr]];
  } else if (Array.isArray(x)) {
    entries = x.map((v, i) => [String(i), v] as const);
  } else if (x instanceof Map) {
    entries = [...x.entries()].filter(([k]) => typeof k === "string").map(([k, v]) => [k as string, v] as const);
  } else {
    entries = Object.entries(x);
  }
  const out: [string, object][] = [];
  const seen = new Set<string>();
  for (const [name, v] of entries) {
    if (!isTrackable(v) || seen.has(name)) continue;
    seen.add(name);
    out.push([name, v]);
  }
  return out;
}

function isIterable(x: unknown): x is Iterable<readonly [string, unknown]> {
  return typeof x === "object" && x !== null && typeof (x as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}

/** A short description of a node for messages. */
export function describe(x: object): string {
  if (x instanceof Variable) return x.repr();
  if (Array.isArray(x)) return `ListWrapper(${x.length} items)`;
  const ctor = (Object.getPrototypeOf(x) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return `<${ctor !== undefined && ctor !== "" ? ctor : "Object"} object>`;
}
