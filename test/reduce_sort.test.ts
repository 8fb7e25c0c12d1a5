// tf.math.topK, tf.math.inTopK, tf.sort, tf.argsort, tf.unique and tf.searchsorted against
// numpy (stable sorts, np.unique's first occurrences, np.searchsorted row by row), TensorFlow's
// errors, and top_k's gradient.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/numpy_oracle.js";
import { assertSameArray, numpyResults, type NumpyCase } from "./helpers/numpy_cases.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";
import { mulberry32 } from "./helpers/random.js";

const rng = mulberry32(11);
/** Values with many repeats (ties exercise stability). */
function draws(dims: number[], dtype: tf.DTypeName, lo: number, hi: number): tf.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.cast(tf.constant(Array.from({ length: n }, () => Math.floor(lo + (hi - lo) * rng())), "float64", dims), dtype);
}

test("topK, sort and argsort match numpy's stable sorts (ties by lower index)", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const inputs = [
    draws([3, 7], "float32", -4, 4), draws([2, 3, 5], "float64", -3, 3), draws([4, 6], "int32", -5, 5),
    draws([9], "uint8", 0, 4), draws([3, 4], "int64", -3, 3), draws([2, 5], "int8", -128, 128),
    tf.constant([3, -2147483648, 2147483647, 0, -2147483648], "int32"), draws([2, 6], "uint32", 0, 4e9),
  ];
  for (const x of inputs) {
    const last = x.dims[x.rank - 1]!;
    for (const k of [0, 1, Math.min(3, last), last]) {
      const [v, i] = tf.math.topK(x, k);
      // numpy's descending stable argsort: sort by (-value, index): lexsort on the last axis.
      const desc = `np.apply_along_axis(lambda r: np.lexsort((np.arange(r.size), -r.astype(np.float64) if r.dtype.kind != 'u' else (np.iinfo(r.dtype).max - r).astype(np.float64))), -1, a).astype(np.int32)[..., :${k}]`;
      got.push(i); cases.push({ expr: desc, inputs: [x] });
      got.push(v); cases.push({ expr: `np.take_along_axis(a, ${desc}, axis=-1)`, inputs: [x] });
    }
    for (let axis = -x.rank; axis < x.rank; axis++) {
      got.push(tf.sort(x, { axis }));
      cases.push({ expr: `np.sort(a, axis=${axis}, kind='stable')`, inputs: [x] });
      got.push(tf.argsort(x, { axis }));
      cases.push({ expr: `np.argsort(a, axis=${axis}, kind='stable').astype(np.int32)`, inputs: [x] });
      got.push(tf.sort(x, { axis, direction: "DESCENDING" }));
      cases.push({ expr: `np.flip(np.sort(a, axis=${axis}), ${axis})`, inputs: [x] });
    }
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i}, ${t.dtype.name})`));
});

test("topK: TensorFlow's doc examples, defaults and errors", () => {
  const [values, indices] = tf.math.topK([1, 3, 3, 2, 5], 3);
  assert.deepEqual(values.numpy().tolist(), [5, 3, 3]);
  assert.deepEqual(indices.numpy().tolist(), [4, 1, 2]);
  assert.equal(indices.dtype.name, "int32");
  const [v1] = tf.math.topK([[1, 9], [7, 2]]);
  assert.deepEqual(v1.numpy().tolist(), [[9], [7]]);
  assert.throws(() => tf.math.topK([1, 2], -1), { name: "InvalidArgumentError", message: "Need k >= 0, got -1 [Op:TopKV2]" });
  assert.throws(() => tf.math.topK([1, 2], 3), {
    name: "InvalidArgumentError", message: "input must have at least k columns. Had 2, needed 3 [Op:TopKV2]",
  });
  assert.throws(() => tf.math.topK(tf.constant(1), 1), {
    name: "InvalidArgumentError", message: "input must be >= 1-D, got shape [] [Op:TopKV2]",
  });
  assert.throws(() => tf.math.topK([true], 1), {
    name: "InvalidArgumentError", message: /^Value for attr 'T' of bool is not in the list of allowed values: float, double, int32/,
  });
});

test("topK's gradient scatters dy back to the chosen elements", () => {
  checkGradients((x) => tf.math.topK(x, 2)[0], [rand64([3, 5])]);
  checkGradients((x) => tf.sort(x, { axis: 0 }), [rand64([4, 3])]);
  checkGradients((x) => tf.sort(x, { direction: "DESCENDING" }), [rand64([2, 4])]);
  const x = tf.constant([1, 5, 3], "float64");
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.multiply(tf.math.topK(x, 2)[0], tf.constant([10, 1], "float64"))); });
  assert.deepEqual(tape.gradient(y, x)!.numpy().tolist(), [0, 10, 1]);
});

test("inTopK: ties count, out-of-range targets and non-finite rows are false", () => {
  const predictions = tf.constant([[0.1, 0.3, 0.2, 0.4], [0.1, 0.2, 0.3, 0.4]], "float32");
  assert.deepEqual(tf.math.inTopK([3, 1], predictions, 2).numpy().tolist(), [true, false]);
  const ties = tf.constant([[0.5, 0.5, 0.5], [0.1, NaN, 0.9], [0.1, 0.2, 0.3]], "float32");
  assert.deepEqual(tf.math.inTopK(tf.constant([2, 2, 5], "int64"), ties, 1).numpy().tolist(), [true, false, false]);
  assert.throws(() => tf.math.inTopK([1], tf.constant([0.5, 0.5], "float32"), 1), {
    name: "InvalidArgumentError", message: "predictions must be 2-dimensional [Op:InTopKV2]",
  });
  assert.throws(() => tf.math.inTopK([1, 0], tf.constant([[0.5, 0.5]], "float32"), 1), {
    name: "InvalidArgumentError", message: "First dimension of predictions 1 must match length of targets 2 [Op:InTopKV2]",
  });
  assert.throws(() => tf.math.inTopK([0], tf.constant([[0.5, 0.5]], "float64"), 1), {
    name: "InvalidArgumentError", message: "Value for attr 'T' of double is not in the list of allowed values: float [Op:InTopKV2]",
  });
});

test("sort/argsort: defaults, ASCENDING/DESCENDING, errors", () => {
  assert.deepEqual(tf.sort([1, 10, 26.9, 2.8, 166.32, 62.3]).numpy().tolist(), [1, 2.8, 10, 26.9, 166.32, 62.3].sort((a, b) => a - b).map(Math.fround));
  assert.deepEqual(tf.argsort([1, 10, 26.9, 2.8, 166.32, 62.3]).numpy().tolist(), [0, 3, 1, 2, 5, 4]);
  assert.deepEqual(tf.argsort([1, 10, 26.9, 2.8, 166.32, 62.3], { direction: "DESCENDING" }).numpy().tolist(), [4, 5, 2, 1, 3, 0]);
  assert.deepEqual(tf.sort(tf.constant([200, 0, 255, 7], "uint8")).numpy().tolist(), [0, 7, 200, 255]);
  assert.throws(() => tf.sort([1], { direction: "UP" as "ASCENDING" }), {
    name: "ValueError", message: "Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction=UP",
  });
});

test("unique matches numpy's values in order of first occurrence", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const firsts = "np.sort(np.unique(a, return_index=True)[1])";
  for (const x of [draws([20], "int32", -4, 4), draws([15], "float32", 0, 5), draws([12], "int64", -3, 3), draws([10], "uint8", 0, 3)]) {
    const [y, idx] = tf.unique(x);
    got.push(y); cases.push({ expr: `a[${firsts}]`, inputs: [x] });
    got.push(idx); cases.push({ expr: `np.array([list(a[${firsts}]).index(v) for v in a], dtype=np.int32)`, inputs: [x] });
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i})`));
});

test("unique: TensorFlow's example, int64 indices, strings, errors", () => {
  const [y, idx] = tf.unique([1, 1, 2, 4, 4, 4, 7, 8, 8]);
  assert.deepEqual(y.numpy().tolist(), [1, 2, 4, 7, 8]);
  assert.deepEqual(idx.numpy().tolist(), [0, 0, 1, 2, 2, 2, 3, 4, 4]);
  assert.equal(tf.unique([3, 3], "int64")[1].dtype.name, "int64");
  const [s, si] = tf.unique(["b", "a", "b"]);
  assert.deepEqual(s.numpy().tolist(), ["b", "a"].map((v) => new TextEncoder().encode(v)));
  assert.deepEqual(si.numpy().tolist(), [0, 1, 0]);
  assert.throws(() => tf.unique([[1, 2]]), { name: "InvalidArgumentError", message: "unique expects a 1D vector. [Op:Unique]" });
  assert.throws(() => tf.unique([1], "float32"), {
    name: "InvalidArgumentError", message: "Value for attr 'out_idx' of float is not in the list of allowed values: int32, int64 [Op:Unique]",
  });
});

test("searchsorted matches np.searchsorted row by row", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const seq = tf.sort(draws([3, 8], "float32", -5, 5));
  const vals = draws([3, 6], "float32", -6, 6);
  const iseq = tf.sort(draws([10], "int32", -3, 3));
  const ivals = draws([7], "int32", -4, 4);
  for (const side of ["left", "right"] as const) {
    got.push(tf.searchsorted(seq, vals, { side }));
    cases.push({ expr: `np.stack([np.searchsorted(a[r], b[r], side='${side}') for r in range(3)]).astype(np.int32)`, inputs: [seq, vals] });
    got.push(tf.searchsorted(iseq, ivals, { side, outType: "int64" }));
    cases.push({ expr: `np.searchsorted(a, b, side='${side}').astype(np.int64)`, inputs: [iseq, ivals] });
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i})`));
});

test("searchsorted: TensorFlow's example and errors", () => {
  const r = tf.searchsorted([[0, 3, 9, 9, 10], [1, 2, 3, 4, 5]], [[2, 4, 9], [0, 2, 6]]);
  assert.deepEqual(r.numpy().tolist(), [[1, 2, 2], [0, 1, 5]]);
  assert.throws(() => tf.searchsorted([1, 2], [1], { side: "middle" as "left" }), {
    name: "ValueError", message: "Argument `side` must be either 'right' or 'left'. Received: `side` = 'middle'.",
  });
  assert.throws(() => tf.searchsorted([[1, 2], [3, 4]], [[1], [2], [3]]), {
    name: "InvalidArgumentError", message: "Leading dim_size of both tensors must match. [Op:LowerBound]",
  });
});
