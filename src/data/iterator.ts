// Iterators over a dataset: `for (const x of ds)` and `for await (const x of ds)`, or held
// explicitly (Python's `it = iter(ds)`; `it.getNext()` raises OutOfRangeError at the end as
// TensorFlow's get_next does). An iterator's position can be saved in a tf.train.Checkpoint.
import type { TensorSpec } from "../api/tensor_spec.js";
import { bool, string } from "../core/dtypes.js";
import { decodeString, encodeString } from "../core/storage.js";
import { trackableAttributes, trackableChildren, type SaveableAttribute } from "../train/trackable.js";
import { InvalidArgumentError, OpError, OutOfRangeError, TypeError as TFTypeError } from "../errors/errors.js";
import { endOfSequence, iteratorStateMismatch, optionalHasNoValue, syncIterationOfAsyncDataset } from "../errors/data_messages.js";
import { hostTensor } from "../runtime/copies.js";
import type { Tensor } from "../runtime/tensor.js";
import { isPromise, type Components, type DatasetNode, type MaybePromise, type NodeIterator, type StateValue } from "./node.js";
import { isContainer, pack, type Element, type Structure } from "./structure.js";

/** An element built from components in the structure of `spec`. */
export function packElement<T>(spec: Structure<TensorSpec>, c: Tensor[]): T {
  return (isContainer(spec) ? pack(spec, c) : c[0]!) as T;
}

/** tf.experimental.Optional: an element or nothing (getNextAsOptional's result). */
export class Optional<T extends Element = Element> {
  constructor(private readonly value: T | undefined) {}
  /** A scalar bool tensor, as TensorFlow's has_value(). */
  hasValue(): Tensor { return hostTensor(bool, [], Uint8Array.of(this.value === undefined ? 0 : 1)); }
  getValue(): T {
    if (this.value === undefined) throw new InvalidArgumentError(optionalHasNoValue());
    return this.value;
  }
}

abstract class IteratorBase<T extends Element> {
  protected readonly it: NodeIterator;
  protected ended = false;
  constructor(protected readonly node: DatasetNode, async: boolean) {
    this.it = node.makeIterator({ async });
  }
  get elementSpec(): Structure<TensorSpec> { return this.node.spec; }
  protected wrap(c: Components): IteratorResult<T> {
    if (c === null) { this.ended = true; return { done: true, value: undefined }; }
    return { done: false, value: packElement<T>(this.node.spec, c) };
  }
  /** A checkpoint saves the position as `<path>/.ATTRIBUTES/ITERATOR_STATE` (TensorFlow's name). */
  [trackableAttributes](): Record<string, SaveableAttribute> {
    return {
      ITERATOR_STATE: {
        save: () => hostTensor(string, [], [encodeString(this.saveState())]),
        restore: (value: Tensor) => this.restoreState(decodeString((value.hostData() as Uint8Array[])[0]!)),
      },
    };
  }
  /** An iterator has no checkpoint children of its own. */
  [trackableChildren](): Record<string, unknown> { return {}; }

  /** The iterator's position as JSON (what a checkpoint saves as ITERATOR_STATE). */
  saveState(): string { return JSON.stringify({ ended: this.ended, state: this.it.save() }); }
  restoreState(json: string): void {
    try {
      const o = JSON.parse(json) as { ended: boolean; state: StateValue };
      this.it.restore(o.state);
      this.ended = o.ended;
    } catch (e) {
      // TensorFlow's own errors (a generator's state cannot be restored) pass as they are.
      if (e instanceof OpError) throw e;
      throw new InvalidArgumentError(iteratorStateMismatch(e instanceof Error ? e.message : String(e)));
    }
  }
}

/** `ds[Symbol.iterator]()`: synchronous iteration. */
export class DatasetIterator<T extends Element = Element> extends IteratorBase<T> implements IterableIterator<T> {
  constructor(node: DatasetNode) { super(node, false); }
  next(): IteratorResult<T> {
    if (this.ended) return { done: true, value: undefined };
    const c = this.it.next();
    if (isPromise(c)) throw new TFTypeError(syncIterationOfAsyncDataset());
    return this.wrap(c);
  }
  /** The next element; OutOfRangeError "End of sequence" past the end (get_next). */
  getNext(): T {
    const r = this.next();
    if (r.done) throw new OutOfRangeError(endOfSequence());
    return r.value;
  }
  /** The next element as an Optional, empty past the end (get_next_as_optional). */
  getNextAsOptional(): Optional<T> {
    const r = this.next();
    return new Optional<T>(r.done ? undefined : r.value);
  }
  [Symbol.iterator](): this { return this; }
}

/** `ds[Symbol.asyncIterator]()`: asynchronous iteration; prefetch works ahead. */
export class AsyncDatasetIterator<T extends Element = Element> extends IteratorBase<T> implements AsyncIterableIterator<T> {
  constructor(node: DatasetNode) { super(node, true); }
  async next(): Promise<IteratorResult<T>> {
    if (this.ended) return { done: true, value: undefined };
    const c: MaybePromise<Components> = this.it.next();
    return this.wrap(isPromise(c) ? await c : c);
  }
  async getNext(): Promise<T> {
    const r = await this.next();
    if (r.done) throw new OutOfRangeError(endOfSequence());
    return r.value;
  }
  async getNextAsOptional(): Promise<Optional<T>> {
    const r = await this.next();
    return new Optional<T>(r.done ? undefined : r.value);
  }
  [Symbol.asyncIterator](): this { return this; }
}
