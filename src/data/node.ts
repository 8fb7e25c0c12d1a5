// What every dataset is underneath tf.data.Dataset: a node of the input pipeline (as
// TensorFlow's DatasetBase) that knows its element type, its cardinality and how to make
// iterators. Iterators hand out elements as flat lists of components (TensorFlow's
// std::vector<Tensor>); the Dataset rebuilds the nested structure where the user sees it.
//
// An iterator's next() answers synchronously when it can and with a promise when some input
// is asynchronous (an async generator, an async map function, prefetch under `for await`):
// one code path serves both `for (const x of ds)` and `for await (const x of ds)`.
import type { TensorSpec } from "../api/tensor_spec.js";
import type { Tensor } from "../runtime/tensor.js";
import type { Structure } from "./structure.js";

/** An element as components, or null at the end of the sequence. */
export type Components = Tensor[] | null;
export type MaybePromise<T> = T | Promise<T>;

/** A JSON value: what an iterator's saved state is made of (tensors encoded by state.ts). */
export type StateValue = null | boolean | number | string | StateValue[] | { [key: string]: StateValue };

/** How an iterator is being driven. */
export interface IteratorContext {
  /** True under `for await`/asNumpyIterator async use: prefetch may then work ahead. */
  readonly async: boolean;
}

export interface NodeIterator {
  /** The next element's components, null past the end (and on every later call). */
  next(): MaybePromise<Components>;
  /** The iterator's position as JSON (TensorFlow's SaveInternal). */
  save(): StateValue;
  /** Return to a position save() gave (TensorFlow's RestoreInternal). */
  restore(state: StateValue): void;
}

export interface DatasetNode {
  /** The Python class TensorFlow prints for this dataset (`_RangeDataset`). */
  readonly pythonName: string;
  /** The element type: TensorSpecs in the element's structure. */
  readonly spec: Structure<TensorSpec>;
  /** Number of elements, or -1 (infinite) / -2 (unknown), as TensorFlow's Cardinality(). */
  cardinality(): number;
  makeIterator(ctx: IteratorContext): NodeIterator;
}

export const INFINITE = -1;
export const UNKNOWN = -2;

export function isPromise<T>(x: MaybePromise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null)?.then === "function";
}

/** f applied to a value that may still be coming. */
export function then<A, B>(x: MaybePromise<A>, f: (a: A) => MaybePromise<B>): MaybePromise<B> {
  return isPromise(x) ? x.then(f) : f(x);
}

/**
 * Runs a step written as a generator that yields the iterators it pulls from: synchronously
 * while every pull answers at once, asynchronously from the first pull that returns a promise.
 */
export function drive<R>(step: Generator<NodeIterator, R, Components>): MaybePromise<R> {
  let r = step.next();
  while (!r.done) {
    const pulled = r.value.next();
    if (isPromise(pulled)) return pulled.then((v) => driveAsync(step, v));
    r = step.next(pulled);
  }
  return r.value;
}

async function driveAsync<R>(step: Generator<NodeIterator, R, Components>, first: Components): Promise<R> {
  let r = step.next(first);
  while (!r.done) r = step.next(await r.value.next());
  return r.value;
}
