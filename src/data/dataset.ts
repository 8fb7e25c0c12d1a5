// tf.data.Dataset: an input pipeline as TensorFlow builds it, a chain of dataset nodes
// (node.ts) from sources through transformations, iterated with `for`/`for await`.
//
// How to add a source (TFRecordDataset, a CSV reader, …): write a class implementing
// DatasetNode (node.ts) in its own file under src/data/, giving
//   - pythonName: the class TensorFlow prints (`TFRecordDatasetV2`),
//   - spec: the element's TensorSpecs (in the element's structure),
//   - cardinality(): a count, or INFINITE / UNKNOWN,
//   - makeIterator(ctx): an iterator whose next() returns the element's components (a
//     Tensor[] in flatten order; null at the end), synchronously or as a promise, and whose
//     save()/restore() turn its position into JSON and back (checkpoints call them);
// then expose it as `new Dataset(node)`, or as a subclass whose constructor calls
// `super(node)` (as TextLineDataset does), and export it from src/data/index.ts.
// Transformations are nodes over an input node in the same way (transform.ts, batching.ts).
import { TensorSpec } from "../api/tensor_spec.js";
import { convertToTensor, type TensorLike, type TypedArray } from "../api/ops/convert.js";
import { int64, type DTypeLike } from "../core/dtypes.js";
import { allocStorage } from "../core/storage.js";
import type { Dim, ShapeLike } from "../core/tensor_shape.js";
import { TensorShape } from "../core/tensor_shape.js";
import { InvalidArgumentError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  filterPredicateNotBool, incompatibleDatasetElements, shuffleBufferNotPositive, batchSizeNotPositive,
  zipArgumentNotDataset, shardIndexOutOfRange, paddedBatchUnknownRank, windowArgumentNotPositive,
} from "../errors/data_messages.js";
import type { NDArray } from "../format/ndarray.js";
import { hostTensor } from "../runtime/copies.js";
import { Tensor } from "../runtime/tensor.js";
import { getSeed } from "../random/seeds.js";
import { BatchNode, PaddedBatchNode, RebatchNode, UnbatchNode } from "./batching.js";
import { toElement, type ElementLike } from "./element.js";
import { GeneratorNode, type ElementSource } from "./generator.js";
import { AsyncDatasetIterator, DatasetIterator, packElement } from "./iterator.js";
import { isPromise, type Components, type DatasetNode, type NodeIterator } from "./node.js";
import { ShuffleNode } from "./shuffle.js";
import { RangeNode, TensorNode, TensorSliceNode } from "./sources.js";
import {
  flatten, isContainer, isPlainObject, mapStructure, pack, sameStructure, structureRepr, type Element, type Structure,
} from "./structure.js";
import {
  ConcatenateNode, FilterNode, MapNode, RepeatNode, ScanNode, ShardNode, SkipNode, TakeNode, ZipNode,
} from "./transform.js";
import { commonShape } from "../api/tensor_spec.js";
import { InterleaveNode } from "./interleave.js";
import { PrefetchNode } from "./prefetch.js";
import { CacheNode } from "./cache.js";
import { WindowNode } from "./window.js";
import { availableParallelism } from "node:os";

/** tf.data.AUTOTUNE: let tf.data choose (a parallelism or buffer size). */
export const AUTOTUNE = -1;
export const INFINITE_CARDINALITY = -1;
export const UNKNOWN_CARDINALITY = -2;

/**
 * A user function over an element: a tuple element is spread into its arguments, any other
 * element is its one argument. (Method-style so that `(x: tf.Tensor) => …` is accepted.)
 */
export type ElementFunction<R> = { bivarianceHack(...components: Element[]): R }["bivarianceHack"];
/** What a map function may return: tensors, or anything tf.convertToTensor takes, in a structure. */
export type MapResult = ElementLike;

export interface MapOptions { numParallelCalls?: number; deterministic?: boolean }
export interface BatchOptions { dropRemainder?: boolean; numParallelCalls?: number; deterministic?: boolean }
export interface PaddedBatchOptions {
  /** Per component: a shape (null or -1 dimensions padded to the batch's longest), or a number for rank 1. */
  paddedShapes?: Structure<ShapeLike | number>;
  paddingValues?: Structure<TensorLike>;
  dropRemainder?: boolean;
}
export interface ShuffleOptions { seed?: number | null; reshuffleEachIteration?: boolean }
export interface RangeOptions { outputType?: DTypeLike }
export interface GeneratorOptions { outputSignature: Structure<TensorSpec> }
export interface EnumerateOptions { start?: number }
export interface WindowOptions { shift?: number; stride?: number; dropRemainder?: boolean }

/** A user's element function applied to components (the element packed, the result flattened). */
function componentFn(spec: () => Structure<TensorSpec>, fn: ElementFunction<MapResult>): (c: Tensor[]) => Tensor[] {
  return (c) => flatten(toElement(callWithElement(fn, packElement<Element>(spec(), c))));
}

function callWithElement<R>(fn: ElementFunction<R>, element: Element): R {
  return Array.isArray(element) ? fn(...element) : fn(element);
}

/**
 * Tensors of a spec filled with `value`, unknown dimensions of size `value` (unknown ranks:
 * scalars): what a traced function runs on.
 */
function traceTensors(spec: Structure<TensorSpec>, value: number): Element {
  return mapStructure(spec, (s: TensorSpec) => {
    const dims = (s.shape.dims ?? []).map((d) => d ?? value);
    const n = dims.reduce((a, b) => a * b, 1);
    const data = allocStorage(s.dtype, n);
    if (!Array.isArray(data)) {
      const v = s.dtype.name === "int64" || s.dtype.name === "uint64" ? BigInt(value) : s.dtype.name === "bool" ? 1
        : s.dtype.name === "float16" || s.dtype.name === "bfloat16" ? 0 : value;
      (data as Float64Array).fill(v as number);
    }
    return hostTensor(s.dtype, dims, data);
  });
}

function specOfElement(e: Element): Structure<TensorSpec> {
  return mapStructure(e, (t: Tensor) => TensorSpec.fromTensor(t));
}

/**
 * The element spec of fn's results, as TensorFlow traces a function: fn runs twice on
 * tensors of the input spec, once with unknown dimensions and values 1, once with 2, and
 * the dimensions that differ are unknown. A function that cannot run on zeros gets the spec of its result on the input's
 * first element.
 */
function traceSpec(input: DatasetNode, fn: (e: Element) => Element): Structure<TensorSpec> {
  try {
    const a = specOfElement(fn(traceTensors(input.spec, 1)));
    const b = specOfElement(fn(traceTensors(input.spec, 2)));
    const fa = flatten(a), fb = flatten(b);
    return pack(a, fa.map((s, i) => new TensorSpec(commonShape(s.shape, fb[i]!.shape), s.dtype)));
  } catch (e) {
    const first = input.makeIterator({ async: false }).next();
    if (first === null || isPromise(first)) throw e;
    return specOfElement(fn(packElement<Element>(input.spec, first)));
  }
}

function lazy<V>(f: () => V): () => V {
  let done = false, value: V;
  return () => { if (!done) { value = f(); done = true; } return value; };
}

function int64Scalar(n: number): Tensor {
  return hostTensor(int64, [], BigInt64Array.of(BigInt(n)));
}

/** A leaf is a tensor when it is one; a Dataset is checked by the caller. */
function nodesOf(s: Structure<Dataset>): Structure<DatasetNode> {
  if (s instanceof Dataset) return s.node;
  if (Array.isArray(s)) return s.map((x) => nodesOf(x as Structure<Dataset>));
  if (isPlainObject(s)) {
    const out: Record<string, Structure<DatasetNode>> = {};
    for (const k of Object.keys(s)) out[k] = nodesOf((s as Record<string, Structure<Dataset>>)[k]!);
    return out;
  }
  throw new TFTypeError(zipArgumentNotDataset(String(s)));
}

export class Dataset<T extends Element = Element> implements Iterable<T>, AsyncIterable<T> {
  /** Sources and transformations make datasets; `new Dataset(node)` is for new sources (see above). */
  constructor(readonly node: DatasetNode) {}

  // --- sources ---

  /** Dataset.from_tensor_slices: one element per row of the value's components. */
  static fromTensorSlices(tensors: Tensor | TypedArray): Dataset<Tensor>;
  /** A dict (or tuple) of tensors: elements of the same keys (or positions), typed so. */
  static fromTensorSlices<S extends { readonly [key: string]: Tensor }>(tensors: S): Dataset<{ [K in keyof S]: Tensor }>;
  static fromTensorSlices<S extends readonly [Tensor, ...Tensor[]]>(tensors: S): Dataset<{ -readonly [K in keyof S]: Tensor }>;
  static fromTensorSlices(tensors: ElementLike): Dataset;
  static fromTensorSlices(tensors: ElementLike): Dataset {
    return new Dataset(new TensorSliceNode(toElement(tensors)));
  }

  /** Dataset.from_tensors: the value as the one element. */
  static fromTensors(tensors: Tensor | TypedArray): Dataset<Tensor>;
  static fromTensors(tensors: ElementLike): Dataset;
  static fromTensors(tensors: ElementLike): Dataset {
    return new Dataset(new TensorNode(toElement(tensors)));
  }

  /** Dataset.range(stop) / (start, stop) / (start, stop, step), with `{ outputType }` last. */
  static range(...args: (number | RangeOptions)[]): Dataset<Tensor> {
    const options = typeof args[args.length - 1] === "object" ? (args.pop() as RangeOptions) : {};
    const n = args as number[];
    const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : n.length === 2 ? [n[0]!, n[1]!, 1] : [n[0]!, n[1]!, n[2]!];
    return new Dataset<Tensor>(new RangeNode(start, stop, step, options.outputType));
  }

  /** Dataset.zip(a, b, …) or Dataset.zip(structure of datasets). */
  static zip(...datasets: (Dataset | Structure<Dataset>)[]): Dataset {
    const structure = datasets.length === 1 && !(datasets[0] instanceof Dataset) ? datasets[0]! : datasets;
    return new Dataset(new ZipNode(nodesOf(structure as Structure<Dataset>)));
  }

  /**
   * Dataset.from_generator(generator, { outputSignature }): `generator()` is called once per
   * iteration and may return a sync or an async iterator (an async one is iterated with `for await`).
   */
  static fromGenerator(
    generator: () => ElementSource | Iterable<ElementLike> | AsyncIterable<ElementLike>,
    options: GeneratorOptions,
  ): Dataset {
    return new Dataset(new GeneratorNode(generator, options.outputSignature));
  }

  // --- what it is ---

  /**
   * The type of each element: TensorSpecs in the element's structure. A tuple or dict prints as
   * Python prints it (`String(ds.elementSpec)` → `(TensorSpec(…), TensorSpec(…))`).
   */
  get elementSpec(): Structure<TensorSpec> {
    const spec = this.node.spec;
    if (!isContainer(spec)) return spec;
    const copy = (Array.isArray(spec) ? [...spec] : { ...spec }) as Structure<TensorSpec>;
    const repr = { value: () => structureRepr(copy), enumerable: false };
    Object.defineProperty(copy, "toString", repr);
    Object.defineProperty(copy, Symbol.for("nodejs.util.inspect.custom"), repr);
    return copy;
  }

  /** `<_RangeDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>`. */
  toString(): string { return `<${this.node.pythonName} element_spec=${structureRepr(this.node.spec)}>`; }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }

  /** The number of elements as an int64 scalar (-1 infinite, -2 unknown), as TensorFlow's. */
  cardinality(): Tensor { return int64Scalar(this.node.cardinality()); }

  // --- iteration ---

  [Symbol.iterator](): DatasetIterator<T> { return new DatasetIterator<T>(this.node); }
  [Symbol.asyncIterator](): AsyncDatasetIterator<T> { return new AsyncDatasetIterator<T>(this.node); }
  /** Python's `iter(ds)`: an iterator to call getNext() on or to checkpoint. */
  iter(): DatasetIterator<T> { return this[Symbol.iterator](); }
  /** An async iterator (for datasets with async generators, and prefetch working ahead). */
  iterAsync(): AsyncDatasetIterator<T> { return this[Symbol.asyncIterator](); }

  /** Dataset.as_numpy_iterator: each element with its tensors as NDArrays. */
  asNumpyIterator(): NumpyIterator {
    const sync = () => this[Symbol.iterator]();
    const asyncIt = () => this[Symbol.asyncIterator]();
    const toNumpy = (e: Element): Structure<NDArray> => mapStructure(e, (t: Tensor) => t.numpy());
    return {
      [Symbol.iterator]: function* () { for (const e of sync()) yield toNumpy(e); },
      [Symbol.asyncIterator]: async function* () { for await (const e of asyncIt()) yield toNumpy(e); },
    };
  }

  // --- transformations ---

  /** Dataset.map(fn, { numParallelCalls, deterministic }): a tuple element is spread into fn's arguments. */
  map<R extends Element = Element>(fn: ElementFunction<MapResult>, options: MapOptions = {}): Dataset<R> {
    const input = this.node;
    const spec = lazy(() => traceSpec(input, (e) => toElement(callWithElement(fn, e))));
    const name = options.numParallelCalls === undefined ? "_MapDataset" : "_ParallelMapDataset";
    return new Dataset<R>(new MapNode(input, componentFn(() => input.spec, fn), spec, name));
  }

  /** Dataset.flat_map(fn): fn returns a dataset per element; their elements one after another. */
  flatMap<R extends Element = Element>(fn: ElementFunction<Dataset>): Dataset<R> {
    return this.interleaveAs<R>(fn, 1, 1, "_FlatMapDataset");
  }

  /**
   * Dataset.interleave(fn, { cycleLength, blockLength, numParallelCalls, deterministic }): fn
   * returns a dataset per element; cycleLength of them are read in turn, blockLength at a time.
   */
  interleave<R extends Element = Element>(fn: ElementFunction<Dataset>, options: InterleaveOptions = {}): Dataset<R> {
    const cycle = options.cycleLength === undefined || options.cycleLength === AUTOTUNE ? availableParallelism() : options.cycleLength;
    const name = options.numParallelCalls === undefined ? "_InterleaveDataset" : "_ParallelInterleaveDataset";
    return this.interleaveAs<R>(fn, cycle, options.blockLength ?? 1, name);
  }

  private interleaveAs<R extends Element>(fn: ElementFunction<Dataset>, cycle: number, block: number, name: string): Dataset<R> {
    const input = this.node;
    const open = (c: Tensor[]): DatasetNode => callWithElement(fn, packElement<Element>(input.spec, c)).node;
    const spec = lazy(() => {
      try { return open(flatten(traceTensors(input.spec, 1))).spec; } catch (e) {
        const first = input.makeIterator({ async: false }).next();
        if (first === null || isPromise(first)) throw e;
        return open(first).spec;
      }
    });
    return new Dataset<R>(new InterleaveNode(input, open, spec, cycle, block, name));
  }

  /**
   * Dataset.window(size, { shift, stride, dropRemainder }): windows of elements, each the
   * element's structure with a Dataset in place of each component.
   */
  window(size: number, options: WindowOptions = {}): Dataset {
    const shift = options.shift ?? size, stride = options.stride ?? 1;
    for (const [name, v] of [["size", size], ["shift", shift], ["stride", stride]] as const) {
      if (!(v > 0)) throw new InvalidArgumentError(windowArgumentNotPositive(name));
    }
    const wrap = (node: DatasetNode) => new Dataset(node) as unknown as Tensor;
    return new Dataset(new WindowNode(this.node, size, shift, stride, options.dropRemainder ?? false, wrap));
  }

  /** Dataset.cache(filename): memory (no name) or a file; later passes read the first complete one. */
  cache(filename = ""): Dataset<T> { return new Dataset<T>(new CacheNode(this.node, filename)); }

  /** Dataset.prefetch(bufferSize): under `for await`, produce elements ahead of the consumer. */
  prefetch(bufferSize: number): Dataset<T> { return new Dataset<T>(new PrefetchNode(this.node, bufferSize)); }

  /** Dataset.filter(predicate): elements for which predicate gives true (a scalar bool). */
  filter(predicate: ElementFunction<Tensor | boolean>): Dataset<T> {
    const input = this.node;
    const keep = (c: Tensor[]): boolean => {
      const r = callWithElement(predicate, packElement<Element>(input.spec, c));
      if (typeof r === "boolean") return r;
      if (!(r instanceof Tensor) || r.dtype.name !== "bool" || r.rank !== 0) {
        throw new ValueError(filterPredicateNotBool(r instanceof Tensor ? String(TensorSpec.fromTensor(r)) : String(r)));
      }
      return (r.hostData() as Uint8Array)[0] !== 0;
    };
    return new Dataset<T>(new FilterNode(input, keep));
  }

  /** Dataset.batch(batchSize, { dropRemainder }). */
  batch(batchSize: number, options: BatchOptions = {}): Dataset<T> {
    if (!(batchSize > 0)) throw new InvalidArgumentError(batchSizeNotPositive());
    return new Dataset<T>(new BatchNode(this.node, batchSize, options.dropRemainder ?? false, options.numParallelCalls !== undefined));
  }

  /** Dataset.padded_batch(batchSize, { paddedShapes, paddingValues, dropRemainder }). */
  paddedBatch(batchSize: number, options: PaddedBatchOptions = {}): Dataset<T> {
    if (!(batchSize > 0)) throw new InvalidArgumentError(batchSizeNotPositive());
    const specs = flatten(this.node.spec);
    const shapes = options.paddedShapes === undefined ? specs.map((s) => s.shape)
      : flatShapes(this.node.spec, options.paddedShapes);
    const dims: Dim[][] = shapes.map((s) => {
      if (s.dims === null) throw new ValueError(paddedBatchUnknownRank());
      return [...s.dims];
    });
    const values = options.paddingValues === undefined
      ? specs.map((s) => hostTensor(s.dtype, [], allocStorage(s.dtype, 1)))
      : (isContainer(this.node.spec) ? flatten(options.paddingValues as Structure<TensorLike>) : [options.paddingValues as TensorLike])
        .map((v, i) => convertToTensor(v, specs[i]!.dtype));
    return new Dataset<T>(new PaddedBatchNode(this.node, batchSize, dims, values, options.dropRemainder ?? false));
  }

  /** Dataset.unbatch: the rows of each element. */
  unbatch(): Dataset<T> { return new Dataset<T>(new UnbatchNode(this.node)); }

  /** Dataset.rebatch(batchSize or sizes, { dropRemainder }): the rows regrouped. */
  rebatch(batchSize: number | readonly number[], options: { dropRemainder?: boolean } = {}): Dataset<T> {
    const sizes = typeof batchSize === "number" ? [batchSize] : [...batchSize];
    return new Dataset<T>(new RebatchNode(this.node, sizes, options.dropRemainder ?? false));
  }

  /** Dataset.shuffle(bufferSize, { seed, reshuffleEachIteration }), TensorFlow's order for a seed. */
  shuffle(bufferSize: number, options: ShuffleOptions = {}): Dataset<T> {
    if (!(bufferSize > 0)) throw new InvalidArgumentError(shuffleBufferNotPositive());
    const [seed, seed2] = getSeed(options.seed);
    return new Dataset<T>(new ShuffleNode(this.node, bufferSize, seed ?? 0, seed2 ?? 0, options.reshuffleEachIteration ?? true));
  }

  /** Dataset.repeat(count): -1 or no count repeats forever. */
  repeat(count = -1): Dataset<T> { return new Dataset<T>(new RepeatNode(this.node, count)); }
  /** Dataset.take(count): the first `count` elements (-1: all). */
  take(count: number): Dataset<T> { return new Dataset<T>(new TakeNode(this.node, count)); }
  /** Dataset.skip(count): all but the first `count` elements (-1: none). */
  skip(count: number): Dataset<T> { return new Dataset<T>(new SkipNode(this.node, count)); }

  /** Dataset.shard(numShards, index): every numShards-th element, from `index`. */
  shard(numShards: number, index: number): Dataset<T> {
    if (!(index >= 0 && index < numShards)) throw new InvalidArgumentError(shardIndexOutOfRange(index, numShards));
    return new Dataset<T>(new ShardNode(this.node, numShards, index));
  }

  /** Dataset.enumerate({ start }): `[index, element]` pairs (a zip with a range, as TensorFlow's). */
  enumerate(options: EnumerateOptions = {}): Dataset<[Tensor, T]> {
    const counter = new RangeNode(options.start ?? 0, Number.MAX_SAFE_INTEGER, 1);
    return new Dataset<[Tensor, T]>(new ZipNode([counter, this.node]));
  }

  /** Dataset.concatenate(other): this dataset's elements, then other's. */
  concatenate(other: Dataset): Dataset<T> {
    const a = this.node.spec, b = other.node.spec;
    const fail = () => new TFTypeError(incompatibleDatasetElements(structureRepr(a), structureRepr(b)));
    if (!sameStructure(a, b)) throw fail();
    const fb = flatten(b);
    let spec: Structure<TensorSpec>;
    try {
      spec = pack(a, flatten(a).map((s, i) => s.mostSpecificCompatibleType(fb[i]!)));
    } catch { throw fail(); }
    return new Dataset<T>(new ConcatenateNode(this.node, other.node, spec));
  }

  /** Dataset.scan(initialState, scanFunc): scanFunc(state, element) returns [newState, output]. */
  scan<R extends Element = Element>(initialState: ElementLike, scanFunc: ElementFunction<[ElementLike, MapResult]>): Dataset<R> {
    const input = this.node;
    const init = toElement(initialState);
    const stateSpec = () => specOfElement(init);
    const run = (state: Element, element: Element): [Element, Element] => {
      const [s, out] = scanFunc(state, ...(Array.isArray(element) ? element : [element]));
      return [toElement(s), toElement(out)];
    };
    const spec = lazy(() => {
      const s = run(init, traceTensors(input.spec, 1));
      return specOfElement(s[1]);
    });
    const fn = (state: Tensor[], c: Tensor[]): [Tensor[], Tensor[]] => {
      const [s, out] = run(packElement<Element>(stateSpec(), state), packElement<Element>(input.spec, c));
      return [flatten(s), flatten(out)];
    };
    return new Dataset<R>(new ScanNode(input, flatten(init), fn, spec));
  }

  /** Dataset.reduce(initialState, reduceFunc): reduceFunc(state, element) over every element. */
  reduce(initialState: ElementLike, reduceFunc: ElementFunction<ElementLike>): Element {
    let state = toElement(initialState);
    for (const element of this) {
      state = toElement(reduceFunc(state, ...(Array.isArray(element) ? element : [element])));
    }
    return state;
  }

  /** Dataset.apply(transformation): transformation(this). */
  apply<R extends Element = Element>(transformation: (ds: Dataset<T>) => Dataset<R>): Dataset<R> { return transformation(this); }
}

export interface InterleaveOptions { cycleLength?: number; blockLength?: number; numParallelCalls?: number; deterministic?: boolean }

/** asNumpyIterator(): iterable with `for` and with `for await`. */
export interface NumpyIterator extends Iterable<Structure<NDArray>>, AsyncIterable<Structure<NDArray>> {}

/** padded_shapes in the element's structure, flattened to one TensorShape per component. */
function flatShapes(spec: Structure<TensorSpec>, shapes: Structure<ShapeLike | number>): TensorShape[] {
  // A number is a rank-1 shape, as Python's padded_shapes=5.
  const shapeOf = (v: unknown) => new TensorShape(typeof v === "number" ? [v] : (v as ShapeLike));
  if (!isContainer(spec)) return [shapeOf(shapes)];
  // A shape is itself an array: walk the spec's structure and take the shape at each leaf.
  const out: TensorShape[] = [];
  const walk = (s: Structure<TensorSpec>, v: unknown): void => {
    if (Array.isArray(s)) s.forEach((x, i) => walk(x as Structure<TensorSpec>, (v as unknown[])[i]));
    else if (isPlainObject(s)) for (const k of Object.keys(s).sort()) walk((s as Record<string, Structure<TensorSpec>>)[k]!, (v as Record<string, unknown>)[k]);
    else out.push(shapeOf(v));
  };
  walk(spec, shapes);
  return out;
}

export type { Components, NodeIterator };
