// tf.data.Dataset: the examples of TensorFlow's tf.data.Dataset API documentation (each
// method's docstring and its stated output), printed forms, cardinalities and TensorFlow's
// errors. Python ints are int32 there; here an Int32Array or dtype "int32" says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

type Plain = number | bigint | boolean | string | Plain[] | { [k: string]: Plain };

/** An element as plain values: scalars as numbers/bigints, arrays as lists, bytes as strings. */
function plain(x: unknown): Plain {
  if (x instanceof tf.Tensor) return plain(x.numpy());
  if (x instanceof tf.NDArray) {
    const v = x.shape.length === 0 ? x.item() : x.tolist();
    return plainValue(v);
  }
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === "object" && x !== null) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x as Plain;
}
function plainValue(v: unknown): Plain {
  if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
  if (Array.isArray(v)) return v.map(plainValue);
  return v as Plain;
}
/** Python's `list(ds.as_numpy_iterator())`, as plain values. */
function list(ds: tf.data.Dataset): Plain[] { return [...ds.asNumpyIterator()].map(plain); }
const i32 = (...v: number[]) => Int32Array.from(v);
const big = (...v: number[]) => v.map((x) => BigInt(x));

function throwsTf(f: () => unknown, name: string, message: string | RegExp): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === "string") assert.equal(e.message, message); else assert.match(e.message, message);
    return true;
  });
}

const { Dataset } = tf.data;

test("from_tensor_slices: the docstring's examples and element_spec", () => {
  const ds = Dataset.fromTensorSlices(i32(1, 2, 3));
  assert.deepEqual(list(ds), [1, 2, 3]);
  assert.equal(String(ds.elementSpec), "TensorSpec(shape=(), dtype=tf.int32, name=None)");
  assert.equal(String(ds), "<_TensorSliceDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>");
  assert.deepEqual(list(Dataset.fromTensorSlices(tf.constant([[1, 2], [3, 4]], "int32"))), [[1, 2], [3, 4]]);
  // A tuple of lists slices each list: [(1, 3, 5), (2, 4, 6)].
  const tuple = Dataset.fromTensorSlices([i32(1, 2), i32(3, 4), i32(5, 6)]);
  assert.deepEqual(list(tuple), [[1, 3, 5], [2, 4, 6]]);
  assert.equal(String(tuple),
    "<_TensorSliceDataset element_spec=(TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None))>");
  // A dict: [{'a': 1, 'b': 3}, {'a': 2, 'b': 4}].
  const dict = Dataset.fromTensorSlices({ a: i32(1, 2), b: i32(3, 4) });
  assert.deepEqual(list(dict), [{ a: 1, b: 3 }, { a: 2, b: 4 }]);
  assert.equal(String(dict),
    "<_TensorSliceDataset element_spec={'a': TensorSpec(shape=(), dtype=tf.int32, name=None), 'b': TensorSpec(shape=(), dtype=tf.int32, name=None)}>");
  assert.deepEqual(Object.keys(dict.elementSpec), ["a", "b"]);
  // print(ds.element_spec) of a tuple and of a dict.
  assert.equal(String(tuple.elementSpec), String(tuple).slice("<_TensorSliceDataset element_spec=".length, -1));
  assert.equal(String(dict.elementSpec),
    "{'a': TensorSpec(shape=(), dtype=tf.int32, name=None), 'b': TensorSpec(shape=(), dtype=tf.int32, name=None)}");
  // Features and labels: the docstring's ((features, labels)) pairs.
  const features = tf.constant([[1, 3], [2, 1], [3, 3]], "int32");
  const labels = tf.constant(["A", "B", "A"]);
  assert.deepEqual(list(Dataset.fromTensorSlices([features, labels])), [[[1, 3], "A"], [[2, 1], "B"], [[3, 3], "A"]]);
  // A JS number list is float32 (API.md: numbers are float32).
  assert.equal(String(Dataset.fromTensorSlices([1, 2, 3]).elementSpec), "TensorSpec(shape=(), dtype=tf.float32, name=None)");
});

test("from_tensor_slices: TensorFlow's errors for mismatched lengths, scalars and empty structures", () => {
  throwsTf(() => Dataset.fromTensorSlices([i32(1, 2, 3), i32(1, 2)]), "ValueError", "Dimensions 3 and 2 are not compatible");
  throwsTf(() => Dataset.fromTensorSlices(tf.constant(1)), "ValueError", "Unbatching a tensor is only supported for rank >= 1");
  throwsTf(() => Dataset.fromTensorSlices({}), "ValueError", "Invalid `element`. `element` should not be empty.");
});

test("from_tensors and range: the docstrings' outputs", () => {
  const one = Dataset.fromTensors(i32(1, 2, 3));
  assert.deepEqual(list(one), [[1, 2, 3]]);
  assert.equal(String(one), "<_TensorDataset element_spec=TensorSpec(shape=(3,), dtype=tf.int32, name=None)>");
  assert.deepEqual(list(Dataset.fromTensors([i32(1, 2, 3), "A"])), [[[1, 2, 3], "A"]]);
  assert.deepEqual(list(Dataset.range(5)), big(0, 1, 2, 3, 4));
  assert.deepEqual(list(Dataset.range(2, 5)), big(2, 3, 4));
  assert.deepEqual(list(Dataset.range(1, 5, 2)), big(1, 3));
  assert.deepEqual(list(Dataset.range(1, 5, -2)), []);
  assert.deepEqual(list(Dataset.range(5, 1)), []);
  assert.deepEqual(list(Dataset.range(5, 1, -2)), big(5, 3));
  assert.deepEqual(list(Dataset.range(2, 5, { outputType: "int32" })), [2, 3, 4]);
  assert.deepEqual(list(Dataset.range(1, 5, 2, { outputType: tf.float32 })), [1, 3]);
  assert.equal(String(Dataset.range(5)), "<_RangeDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
  throwsTf(() => Dataset.range(0, 5, 0), "InvalidArgumentError", "step must be a non-zero integer.");
});

test("zip, concatenate, enumerate: the docstrings' outputs and the incompatible-elements error", () => {
  const a = Dataset.range(1, 4), b = Dataset.range(4, 7);
  assert.deepEqual(list(Dataset.zip(a, b)), [big(1, 4), big(2, 5), big(3, 6)]);
  assert.deepEqual(list(Dataset.zip([b, a])), [big(4, 1), big(5, 2), big(6, 3)]);
  const c = Dataset.range(7, 13).batch(2);
  assert.deepEqual(list(Dataset.zip(a, b, c)), [[1n, 4n, big(7, 8)], [2n, 5n, big(9, 10)], [3n, 6n, big(11, 12)]]);
  assert.deepEqual(list(Dataset.zip(a, Dataset.range(13, 15))), [big(1, 13), big(2, 14)]);
  assert.deepEqual(list(Dataset.zip({ x: a, y: b })), [{ x: 1n, y: 4n }, { x: 2n, y: 5n }, { x: 3n, y: 6n }]);
  assert.equal(String(Dataset.zip(a, b)),
    "<_ZipDataset element_spec=(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorSpec(shape=(), dtype=tf.int64, name=None))>");

  const d = Dataset.range(4, 8);
  assert.deepEqual(list(a.concatenate(d)), big(1, 2, 3, 4, 5, 6, 7));
  assert.equal(String(a.concatenate(d)), "<_ConcatenateDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
  throwsTf(() => a.concatenate(Dataset.zip(a, d)), "TypeError",
    "Incompatible dataset elements:\n  TensorSpec(shape=(), dtype=tf.int64, name=None) vs.   (TensorSpec(shape=(), dtype=tf.int64, name=None), TensorSpec(shape=(), dtype=tf.int64, name=None))");
  // Shapes that differ become unknown dimensions (most specific common supertype).
  const mixed = Dataset.fromTensors(i32(1, 2)).concatenate(Dataset.fromTensors(i32(3)));
  assert.equal(String(mixed.elementSpec), "TensorSpec(shape=(None,), dtype=tf.int32, name=None)");

  const e = Dataset.fromTensorSlices(i32(1, 2, 3)).enumerate({ start: 5 });
  assert.deepEqual(list(e), [[5n, 1], [6n, 2], [7n, 3]]);
  assert.deepEqual(list(Dataset.fromTensorSlices([i32(7, 8), i32(9, 10)]).enumerate()), [[0n, [7, 9]], [1n, [8, 10]]]);
});

test("map, filter, apply, reduce, scan: the docstrings' outputs", () => {
  const m = Dataset.range(1, 6).map((x: tf.Tensor) => x.mul(2n));
  assert.deepEqual(list(m), big(2, 4, 6, 8, 10));
  assert.equal(String(m), "<_MapDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
  // A tuple element is spread into the function's arguments; a dict is passed whole.
  const pairs = Dataset.zip(Dataset.range(3), Dataset.range(3, 6)).map((x: tf.Tensor, y: tf.Tensor) => x.add(y));
  assert.deepEqual(list(pairs), big(3, 5, 7));
  const dicts = Dataset.fromTensorSlices({ a: i32(1, 2), b: i32(3, 4) }).map((d) => {
    const { a, b } = d as { a: tf.Tensor; b: tf.Tensor };
    return { sum: a.add(b) };
  });
  assert.deepEqual(list(dicts), [{ sum: 4 }, { sum: 6 }]);
  // The traced spec keeps unknown dimensions unknown.
  const batched = Dataset.range(10).batch(3).map((x: tf.Tensor) => tf.reshape(x, [-1, 1]));
  assert.equal(String(batched.elementSpec), "TensorSpec(shape=(None, 1), dtype=tf.int64, name=None)");
  assert.equal(String(Dataset.range(3).map((x: tf.Tensor) => x, { numParallelCalls: tf.data.AUTOTUNE })),
    "<_ParallelMapDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");

  const f = Dataset.fromTensorSlices(i32(1, 2, 3));
  assert.deepEqual(list(f.filter((x: tf.Tensor) => x.less(3))), [1, 2]);
  assert.deepEqual(list(f.filter((x: tf.Tensor) => tf.equal(x, 1))), [1]);
  assert.equal(String(f.filter(() => true)), "<_FilterDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>");
  throwsTf(() => [...f.filter((x: tf.Tensor) => x)], "ValueError",
    "`predicate` return type must be convertible to a scalar boolean tensor. Was TensorSpec(shape=(), dtype=tf.int32, name=None).");

  assert.deepEqual(list(Dataset.range(100).apply((ds) => ds.filter((x: tf.Tensor) => x.less(5n)))), big(0, 1, 2, 3, 4));

  assert.equal((Dataset.range(5).reduce(0n, (x: tf.Tensor) => x.add(1n)) as tf.Tensor).item(), 5n);
  assert.equal((Dataset.range(5).reduce(0n, (x: tf.Tensor, y: tf.Tensor) => x.add(y)) as tf.Tensor).item(), 10n);

  const scanned = Dataset.range(10).scan(tf.constant(0n), (state: tf.Tensor, i: tf.Tensor) => {
    const s = state.add(i);
    return [s, s];
  });
  assert.deepEqual(list(scanned), big(0, 1, 3, 6, 10, 15, 21, 28, 36, 45));
});

test("batch, padded_batch, unbatch, rebatch: the docstrings' outputs and the ragged-batch error", () => {
  const b = Dataset.range(8).batch(3);
  assert.deepEqual(list(b), [big(0, 1, 2), big(3, 4, 5), big(6, 7)]);
  assert.equal(String(b), "<_BatchDataset element_spec=TensorSpec(shape=(None,), dtype=tf.int64, name=None)>");
  const dropped = Dataset.range(8).batch(3, { dropRemainder: true });
  assert.deepEqual(list(dropped), [big(0, 1, 2), big(3, 4, 5)]);
  assert.equal(String(dropped.elementSpec), "TensorSpec(shape=(3,), dtype=tf.int64, name=None)");

  const ragged = Dataset.fromGenerator(function* () { yield [1, 2, 3]; yield [4, 5, 6]; yield [7, 8]; },
    { outputSignature: new tf.TensorSpec([null], "int32") }).batch(3);
  throwsTf(() => [...ragged], "InvalidArgumentError",
    "Cannot batch tensors with different shapes in component 0. First element had shape [3] and element 2 had shape [2].");

  const A = Dataset.range(1, 5, { outputType: "int32" }).map((x: tf.Tensor) => tf.fill(tf.reshape(x, [1]), x));
  assert.deepEqual(list(A.paddedBatch(2)), [[[1, 0], [2, 2]], [[3, 3, 3, 0], [4, 4, 4, 4]]]);
  assert.deepEqual(list(A.paddedBatch(2, { paddedShapes: [5] })),
    [[[1, 0, 0, 0, 0], [2, 2, 0, 0, 0]], [[3, 3, 3, 0, 0], [4, 4, 4, 4, 0]]]);
  assert.deepEqual(list(A.paddedBatch(2, { paddedShapes: [5], paddingValues: -1 })),
    [[[1, -1, -1, -1, -1], [2, 2, -1, -1, -1]], [[3, 3, 3, -1, -1], [4, 4, 4, 4, -1]]]);
  assert.equal(String(A.paddedBatch(2)), "<_PaddedBatchDataset element_spec=TensorSpec(shape=(None, None), dtype=tf.int32, name=None)>");

  const elements = [[1, 2, 3], [1, 2], [1, 2, 3, 4]].map((r) => BigInt64Array.from(r.map(BigInt)));
  const u = Dataset.fromGenerator(() => elements.values(), { outputSignature: new tf.TensorSpec([null], "int64") }).unbatch();
  assert.deepEqual(list(u), big(1, 2, 3, 1, 2, 1, 2, 3, 4));
  assert.equal(String(u), "<_UnbatchDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");

  assert.deepEqual(list(Dataset.range(8).batch(4).rebatch(2)), [big(0, 1), big(2, 3), big(4, 5), big(6, 7)]);
  assert.deepEqual(list(Dataset.range(16).batch(4).rebatch([2, 1, 1])),
    [big(0, 1), big(2), big(3), big(4, 5), big(6), big(7), big(8, 9), big(10), big(11), big(12, 13), big(14), big(15)]);
});

test("take, skip, repeat, shard, prefetch, cache: the docstrings' outputs", async () => {
  assert.deepEqual(list(Dataset.range(10).take(3)), big(0, 1, 2));
  assert.deepEqual(list(Dataset.range(10).skip(7)), big(7, 8, 9));
  assert.deepEqual(list(Dataset.fromTensorSlices(i32(1, 2, 3)).repeat(3)), [1, 2, 3, 1, 2, 3, 1, 2, 3]);
  assert.deepEqual(list(Dataset.range(3).repeat().take(7)), big(0, 1, 2, 0, 1, 2, 0));
  const A = Dataset.range(10);
  assert.deepEqual(list(A.shard(3, 0)), big(0, 3, 6, 9));
  assert.deepEqual(list(A.shard(3, 1)), big(1, 4, 7));
  assert.deepEqual(list(A.shard(3, 2)), big(2, 5, 8));
  throwsTf(() => A.shard(2, 2), "InvalidArgumentError", "Index must be between 0 and 1 (currently index = 2).");
  assert.deepEqual(list(Dataset.range(3).prefetch(2)), big(0, 1, 2));
  const got: bigint[] = [];
  for await (const x of Dataset.range(3).prefetch(tf.data.AUTOTUNE)) got.push((x as tf.Tensor).item() as bigint);
  assert.deepEqual(got, big(0, 1, 2));

  let calls = 0;
  const cached = Dataset.range(5).map((x: tf.Tensor) => { calls++; return x.mul(x); }).cache();
  void cached.elementSpec; // the map function is traced (called) for the spec, as TensorFlow traces it once
  calls = 0;
  assert.deepEqual(list(cached), big(0, 1, 4, 9, 16));
  assert.deepEqual(list(cached), big(0, 1, 4, 9, 16));
  assert.equal(calls, 5, "the second pass reads the cache, not the map");
  assert.equal(String(cached), "<_CacheDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
});

test("interleave, flat_map, window: the docstrings' outputs", () => {
  const d = Dataset.range(1, 6).interleave((x: tf.Tensor) => Dataset.fromTensors(x).repeat(6), { cycleLength: 2, blockLength: 4 });
  assert.deepEqual(list(d), big(1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5));
  const flat = Dataset.fromTensorSlices(tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9]], "int32")).flatMap((x: tf.Tensor) => Dataset.fromTensorSlices(x));
  assert.deepEqual(list(flat), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(String(flat), "<_FlatMapDataset element_spec=TensorSpec(shape=(), dtype=tf.int32, name=None)>");

  const windows = (ds: tf.data.Dataset) => [...ds].map((w) => list(w as unknown as tf.data.Dataset));
  const w = Dataset.range(7).window(3);
  assert.equal(String(w), "<_WindowDataset element_spec=DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([]))>");
  assert.equal(String([...w][0]), "<_VariantDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
  assert.deepEqual(windows(w), [big(0, 1, 2), big(3, 4, 5), big(6)]);
  assert.deepEqual(windows(Dataset.range(7).window(3, { dropRemainder: true })), [big(0, 1, 2), big(3, 4, 5)]);
  assert.deepEqual(windows(Dataset.range(7).window(3, { shift: 1, dropRemainder: true })),
    [big(0, 1, 2), big(1, 2, 3), big(2, 3, 4), big(3, 4, 5), big(4, 5, 6)]);
  assert.deepEqual(windows(Dataset.range(7).window(3, { shift: 1, stride: 2, dropRemainder: true })),
    [big(0, 2, 4), big(1, 3, 5), big(2, 4, 6)]);
  // The docstring's batching of windows: window(…).flat_map(lambda x: x.batch(3)).
  const batchedWindows = Dataset.range(7).window(3, { shift: 1, dropRemainder: true }).flatMap((x) => (x as unknown as tf.data.Dataset).batch(3));
  assert.deepEqual(list(batchedWindows), [big(0, 1, 2), big(1, 2, 3), big(2, 3, 4), big(3, 4, 5), big(4, 5, 6)]);
});

test("cardinality: counts, INFINITE_CARDINALITY and UNKNOWN_CARDINALITY as int64 scalars", () => {
  const ds = Dataset.range(42);
  const card = ds.cardinality();
  assert.equal(card.dtype.name, "int64");
  assert.equal(card.item(), 42n);
  assert.equal(ds.repeat().cardinality().item(), BigInt(tf.data.INFINITE_CARDINALITY));
  assert.equal(ds.filter(() => true).cardinality().item(), BigInt(tf.data.UNKNOWN_CARDINALITY));
  assert.equal(tf.data.INFINITE_CARDINALITY, -1);
  assert.equal(tf.data.UNKNOWN_CARDINALITY, -2);
  assert.equal(tf.data.AUTOTUNE, -1);
  assert.equal(ds.batch(5).cardinality().item(), 9n);
  assert.equal(ds.batch(5, { dropRemainder: true }).cardinality().item(), 8n);
  assert.equal(ds.take(50).cardinality().item(), 42n);
  assert.equal(ds.skip(40).cardinality().item(), 2n);
  assert.equal(ds.shard(5, 1).cardinality().item(), 9n);
  assert.equal(ds.repeat(2).cardinality().item(), 84n);
  assert.equal(Dataset.zip(ds, ds.repeat()).cardinality().item(), 42n);
  assert.equal(ds.concatenate(ds).cardinality().item(), 84n);
  assert.equal(ds.window(5, { shift: 2, dropRemainder: true }).cardinality().item(), 19n);
});

test("from_generator: the docstring's output, sync and async generators, and TensorFlow's errors", async () => {
  function* gen() { for (let i = 1; ; i++) yield [BigInt(i), new BigInt64Array(i).fill(1n)]; }
  const ds = Dataset.fromGenerator(gen, {
    outputSignature: [new tf.TensorSpec([], "int64"), new tf.TensorSpec([null], "int64")],
  });
  assert.deepEqual(list(ds.take(3)), [[1n, big(1)], [2n, big(1, 1)], [3n, big(1, 1, 1)]]);
  assert.equal(String(ds),
    "<_FlatMapDataset element_spec=(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorSpec(shape=(None,), dtype=tf.int64, name=None))>");

  async function* slow() { for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 1)); yield i; } }
  const a = Dataset.fromGenerator(slow, { outputSignature: new tf.TensorSpec([], "int32") }).map((x: tf.Tensor) => x.mul(10)).batch(2);
  const got: unknown[] = [];
  for await (const x of a) got.push(plain(x));
  assert.deepEqual(got, [[0, 10], [20]]);
  throwsTf(() => [...a], "TypeError",
    "This dataset produces its elements asynchronously (an async generator feeds it): iterate it with `for await`, or use iterAsync().");

  const wrongShape = Dataset.fromGenerator(function* () { yield [1, 2, 3]; }, { outputSignature: new tf.TensorSpec([2], "int32") });
  throwsTf(() => [...wrongShape], "InvalidArgumentError",
    "TypeError: `generator` yielded an element of TensorSpec(shape=(3,), dtype=tf.int32, name=None) where an element of TensorSpec(shape=(2,), dtype=tf.int32, name=None) was expected.");
  const wrongStructure = Dataset.fromGenerator(function* () { yield 1; },
    { outputSignature: [new tf.TensorSpec([], "int32"), new tf.TensorSpec([], "int32")] });
  throwsTf(() => [...wrongStructure], "InvalidArgumentError",
    "TypeError: `generator` yielded an element that did not match the expected structure. The expected structure was (TensorSpec(shape=(), dtype=tf.int32, name=None), TensorSpec(shape=(), dtype=tf.int32, name=None)), but the yielded element was 1.");
});

test("iterators: getNext raises OutOfRangeError 'End of sequence'; getNextAsOptional", () => {
  const it = Dataset.range(2).iter();
  assert.equal((it.getNext() as tf.Tensor).item(), 0n);
  assert.equal(String(it.getNextAsOptional().hasValue()), "tf.Tensor(True, shape=(), dtype=bool)");
  const empty = it.getNextAsOptional();
  assert.equal(empty.hasValue().item(), false);
  throwsTf(() => empty.getValue(), "InvalidArgumentError", "The optional does not have a value.");
  throwsTf(() => it.getNext(), "OutOfRangeError", "End of sequence");
  assert.equal(it.next().done, true);
});

test("shuffle: TensorFlow's order for given seeds (shuffle_dataset_op_test's expected outputs)", () => {
  // tf.random.set_seed(s) + shuffle(seed=t) gives the kernel the seeds (s, t): the kernel
  // test's seeds (1, 2) and (2, 2), with its expected first and second epochs.
  const order = (ds: tf.data.Dataset) => [...ds].map((t) => Number((t as tf.Tensor).item()));
  try {
    tf.random.setSeed(1);
    const fixed = Dataset.range(10).shuffle(3, { seed: 2, reshuffleEachIteration: false });
    assert.deepEqual(order(fixed), [2, 3, 0, 5, 6, 4, 7, 8, 9, 1]);
    assert.deepEqual(order(fixed), [2, 3, 0, 5, 6, 4, 7, 8, 9, 1]);
    const reshuffled = Dataset.range(10).shuffle(10, { seed: 2 });
    assert.deepEqual(order(reshuffled), [2, 6, 1, 3, 9, 5, 0, 8, 7, 4]);
    assert.deepEqual(order(reshuffled), [1, 6, 0, 5, 2, 7, 4, 3, 9, 8]);
    const small = Dataset.range(10).shuffle(2, { seed: 2 });
    assert.deepEqual(order(small), [0, 2, 1, 3, 5, 6, 4, 7, 8, 9]);
    assert.deepEqual(order(small), [1, 0, 2, 3, 4, 5, 6, 7, 9, 8]);
    assert.deepEqual(order(Dataset.range(10).shuffle(10, { seed: 2, reshuffleEachIteration: false })), [9, 0, 8, 6, 1, 3, 7, 2, 4, 5]);
    assert.deepEqual(order(Dataset.range(10).shuffle(1, { seed: 2 })), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(order(Dataset.range(0).shuffle(10, { seed: 2 })), []);
    tf.random.setSeed(2);
    const other = Dataset.range(10).shuffle(10, { seed: 2 });
    assert.deepEqual(order(other), [3, 0, 8, 1, 5, 4, 7, 2, 6, 9]);
    assert.deepEqual(order(other), [4, 6, 9, 0, 1, 8, 2, 7, 3, 5]);
  } finally {
    tf.random.setSeed(null);
  }
  // An unseeded shuffle is a permutation; a seeded one without a global seed is repeatable.
  assert.deepEqual(order(Dataset.range(100).shuffle(100)).sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
  const s = Dataset.range(50).shuffle(7, { seed: 42, reshuffleEachIteration: false });
  assert.deepEqual(order(s), order(Dataset.range(50).shuffle(7, { seed: 42, reshuffleEachIteration: false })));
  assert.equal(String(s), "<_ShuffleDataset element_spec=TensorSpec(shape=(), dtype=tf.int64, name=None)>");
  throwsTf(() => Dataset.range(3).shuffle(0), "InvalidArgumentError", "buffer_size must be greater than zero.");
});

test("tf.TensorSpec: printed form, compatibility, most specific compatible type, fromTensor", () => {
  const s = new tf.TensorSpec([], tf.int32);
  assert.equal(String(s), "TensorSpec(shape=(), dtype=tf.int32, name=None)");
  assert.equal(String(new tf.TensorSpec([2, null], "float32", "x")), "TensorSpec(shape=(2, None), dtype=tf.float32, name='x')");
  assert.equal(String(new tf.TensorSpec(null)), "TensorSpec(shape=<unknown>, dtype=tf.float32, name=None)");
  const a = new tf.TensorSpec([null, 3]);
  assert.equal(a.isCompatibleWith(new tf.TensorSpec([2, 3])), true);
  assert.equal(a.isCompatibleWith(tf.constant([[1, 2, 3]])), true);
  assert.equal(a.isCompatibleWith(new tf.TensorSpec([2, 4])), false);
  assert.equal(a.isCompatibleWith(new tf.TensorSpec([2, 3], "int32")), false);
  assert.equal(String(new tf.TensorSpec([2, 3]).mostSpecificCompatibleType(new tf.TensorSpec([2, 4]))),
    "TensorSpec(shape=(2, None), dtype=tf.float32, name=None)");
  throwsTf(() => a.mostSpecificCompatibleType(new tf.TensorSpec([2, 3], "int32")), "ValueError",
    "No TypeSpec is compatible with both TensorSpec(shape=(None, 3), dtype=tf.float32, name=None) and TensorSpec(shape=(2, 3), dtype=tf.int32, name=None)");
  assert.equal(String(tf.TensorSpec.fromTensor(tf.constant([1, 2], "int64"))), "TensorSpec(shape=(2,), dtype=tf.int64, name=None)");
});

test("argument errors: batch size, window arguments, compression type, zip inputs", () => {
  throwsTf(() => Dataset.range(3).batch(0), "InvalidArgumentError", "Batch size must be greater than zero.");
  throwsTf(() => Dataset.range(3).paddedBatch(0), "InvalidArgumentError", "Batch size must be greater than zero.");
  throwsTf(() => Dataset.range(3).window(0), "InvalidArgumentError", "`size` must be greater than zero.");
  throwsTf(() => Dataset.range(3).window(2, { shift: 0 }), "InvalidArgumentError", "`shift` must be greater than zero.");
  throwsTf(() => new tf.data.TextLineDataset("x.txt", { compressionType: "LZ4" as never }), "InvalidArgumentError", "Unsupported compression_type: LZ4.");
  throwsTf(() => Dataset.zip([Dataset.range(2), 3 as never]), "TypeError", /^Invalid input to `zip`\./);
});
