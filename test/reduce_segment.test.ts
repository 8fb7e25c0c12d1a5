// Segment reductions, tf.math.bincount and tf.math.confusion_matrix against numpy (np.add.at
// and friends on the ids, np.bincount), TensorFlow's empty-segment values and errors, and
// finite-difference gradients of every segment op.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/numpy_oracle.js";
import { assertSameArray, numpyResults, type NumpyCase } from "./helpers/numpy_cases.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";
import { mulberry32 } from "./helpers/random.js";

const rng = mulberry32(23);
function draws(dims: number[], dtype: tf.DTypeName, lo: number, hi: number): tf.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.cast(tf.constant(Array.from({ length: n }, () => Math.floor(lo + (hi - lo) * rng())), "float64", dims), dtype);
}

// numpy: per segment j in [0, n), the reduction of the rows whose id is j (`empty` where none).
function npSegment(fn: string, n: string, empty: string): string {
  return `np.stack([(${fn}(a[b == j], axis=0) if (b == j).any() else np.full(a.shape[1:], ${empty}, dtype=a.dtype)).astype(a.dtype) for j in range(${n})]) if ${n} > 0 else np.zeros((0,) + a.shape[1:], a.dtype)`;
}
const MEAN_INT = "(lambda r, axis: np.trunc(r.astype(np.float64).sum(axis=axis) / r.shape[0]) if r.dtype.kind in 'iu' else r.mean(axis=axis))";

test("sorted segment ops match numpy (empty segments 0, 1 for prod)", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const ids = tf.constant([0, 0, 1, 3, 3, 3, 5], "int32");
  for (const data of [draws([7, 3], "float32", -9, 9), draws([7], "int32", -9, 9), draws([7, 2], "float64", -5, 5), draws([7], "int64", -5, 5), draws([7, 2], "uint8", 0, 5)]) {
    const n = "(int(b[-1]) + 1)";
    const ops: [string, (d: tf.Tensor, i: tf.Tensor) => tf.Tensor, string, string][] = [
      ["sum", tf.math.segmentSum, "np.sum", "0"],
      ["mean", tf.math.segmentMean, MEAN_INT, "0"],
      ["prod", tf.math.segmentProd, "np.prod", "1"],
      ["max", tf.math.segmentMax, "np.max", "0"],
      ["min", tf.math.segmentMin, "np.min", "0"],
    ];
    for (const [, fn, np, empty] of ops) {
      got.push(fn(data, ids));
      cases.push({ expr: npSegment(np, n, empty), inputs: [data, ids] });
    }
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i}, ${t.dtype.name})`, t.dtype.name === "float32" ? 1e-6 : 0));
});

test("unsorted segment ops match numpy (negative ids dropped; empty max/min: lowest/highest)", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const ids = tf.constant([3, -1, 0, 3, 1, 0, 3, -2], "int32");
  for (const data of [draws([8, 2], "float32", -9, 9), draws([8], "int32", -9, 9), draws([8, 3], "float64", -5, 5), draws([8], "int64", -5, 5)]) {
    const ops: [(d: tf.Tensor, i: tf.Tensor, n: number) => tf.Tensor, string, string][] = [
      [tf.math.unsortedSegmentSum, "np.sum", "0"],
      [tf.math.unsortedSegmentProd, "np.prod", "1"],
      [tf.math.unsortedSegmentMax, "np.max", "(np.finfo(a.dtype).min if a.dtype.kind == 'f' else np.iinfo(a.dtype).min)"],
      [tf.math.unsortedSegmentMin, "np.min", "(np.finfo(a.dtype).max if a.dtype.kind == 'f' else np.iinfo(a.dtype).max)"],
    ];
    for (const [fn, np, empty] of ops) {
      got.push(fn(data, ids, 5));
      cases.push({ expr: npSegment(np, "5", empty), inputs: [data, ids] });
    }
    if (data.dtype.isFloating) {
      got.push(tf.math.unsortedSegmentMean(data, ids, 5));
      cases.push({ expr: npSegment("np.mean", "5", "0"), inputs: [data, ids] });
      got.push(tf.math.unsortedSegmentSqrtN(data, ids, 5));
      cases.push({ expr: npSegment("(lambda r, axis: r.sum(axis=axis) / np.sqrt(np.array(r.shape[0], r.dtype)))", "5", "0"), inputs: [data, ids] });
    }
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i}, ${t.dtype.name})`, t.dtype.name === "float32" ? 1e-6 : 1e-15));
});

test("segment ops: TensorFlow's examples and errors", () => {
  const c = tf.constant([[1, 2, 3, 4], [4, 3, 2, 1], [5, 6, 7, 8]], "int32");
  assert.deepEqual(tf.math.segmentSum(c, [0, 0, 1]).numpy().tolist(), [[5, 5, 5, 5], [5, 6, 7, 8]]);
  assert.deepEqual(tf.math.segmentMax(c, [0, 0, 1]).numpy().tolist(), [[4, 3, 3, 4], [5, 6, 7, 8]]);
  assert.deepEqual(tf.math.segmentMean(tf.constant([[1, 2, 3, 4], [4, 3, 2, 1], [5, 6, 7, 8]], "float32"), [0, 0, 1]).numpy().tolist(),
    [[2.5, 2.5, 2.5, 2.5], [5, 6, 7, 8]]);
  assert.deepEqual(tf.math.unsortedSegmentSum(c, [0, 1, 0], 2).numpy().tolist(), [[6, 8, 10, 12], [4, 3, 2, 1]]);
  assert.deepEqual(tf.math.unsortedSegmentMax(tf.constant([1, 2], "int32"), [0, 0], 2).numpy().tolist(), [2, -2147483648]);
  const d = tf.constant([1, 2, 3], "float32");
  assert.throws(() => tf.math.segmentSum(d, [0, 2, 1]), { name: "InvalidArgumentError", message: "segment ids are not increasing [Op:SegmentSum]" });
  assert.throws(() => tf.math.segmentSum(d, [-1, 0, 0]), {
    name: "InvalidArgumentError", message: "Segment id -1 out of range [0, 1), possibly because 'segment_ids' input is not sorted. [Op:SegmentSum]",
  });
  assert.throws(() => tf.math.segmentMax(d, [0, -3, -3]), { name: "InvalidArgumentError", message: "segment ids must be >= 0 [Op:SegmentMax]" });
  assert.throws(() => tf.math.segmentMin(d, [0, 1]), {
    name: "InvalidArgumentError", message: "segment_ids should be the same size as dimension 0 of input. [Op:SegmentMin]",
  });
  assert.throws(() => tf.math.segmentProd(d, [[0, 1, 1]]), { name: "InvalidArgumentError", message: "segment_ids should be a vector. [Op:SegmentProd]" });
  assert.throws(() => tf.math.unsortedSegmentMax(d, [0, 5, 1], 2), {
    name: "InvalidArgumentError", message: "segment_ids[1] = 5 is out of range [0, 2) [Op:UnsortedSegmentMax]",
  });
  assert.throws(() => tf.math.unsortedSegmentMin(d, [0, 1], 2), {
    name: "InvalidArgumentError", message: "data.shape = [3] does not start with segment_ids.shape = [2] [Op:UnsortedSegmentMin]",
  });
  assert.throws(() => tf.math.segmentMax(tf.constant([true]), [0]), {
    name: "InvalidArgumentError", message: /^Value for attr 'T' of bool is not in the list of allowed values: float, double, int32/,
  });
});

test("segment op gradients match finite differences", () => {
  const sorted = tf.constant([0, 0, 1, 3, 3], "int32");
  const unsorted = tf.constant([2, -1, 0, 2, 1], "int32");
  checkGradients((x) => tf.math.segmentSum(x, sorted), [rand64([5, 2])]);
  checkGradients((x) => tf.math.segmentMean(x, sorted), [rand64([5, 2])]);
  checkGradients((x) => tf.math.segmentProd(x, sorted), [rand64([5, 3])]);
  checkGradients((x) => tf.math.segmentMax(x, sorted), [rand64([5, 2])]);
  checkGradients((x) => tf.math.segmentMin(x, sorted), [rand64([5])]);
  checkGradients((x) => tf.math.unsortedSegmentMax(x, unsorted, 3), [rand64([5, 2])]);
  checkGradients((x) => tf.math.unsortedSegmentMin(x, unsorted, 3), [rand64([5])]);
  checkGradients((x) => tf.math.unsortedSegmentProd(x, unsorted, 3), [rand64([5, 2])]);
  checkGradients((x) => tf.math.unsortedSegmentMean(x, unsorted, 4), [rand64([5, 2])]);
  checkGradients((x) => tf.math.unsortedSegmentSqrtN(x, unsorted, 3), [rand64([5])]);
  // A product with one zero: the derivative at the zero is the product of the others.
  const x = tf.constant([2, 0, 3, 5], "float64");
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.math.segmentProd(x, [0, 0, 0, 1])); });
  assert.deepEqual(tape.gradient(y, x)!.numpy().tolist(), [0, 6, 0, 1]);
});

test("bincount matches np.bincount; weights, minlength, maxlength, axis=-1", { skip: !numpyAvailable() }, () => {
  const arr = draws([4, 6], "int32", 0, 7);
  const w = tf.cast(draws([4, 6], "float32", 0, 10), "float32");
  const cases: NumpyCase[] = [
    { expr: "np.bincount(a.reshape(-1)).astype(np.int32)", inputs: [arr] },
    { expr: "np.bincount(a.reshape(-1), minlength=12).astype(np.int32)", inputs: [arr] },
    { expr: "np.bincount(a.reshape(-1), weights=b.reshape(-1)).astype(np.float32)", inputs: [arr, w] },
    { expr: "np.bincount(a.reshape(-1)[a.reshape(-1) < 3], minlength=3).astype(np.int64)", inputs: [arr] },
    { expr: "np.stack([np.bincount(r, minlength=8) for r in a]).astype(np.int32)", inputs: [arr] },
  ];
  const got = [
    tf.math.bincount(arr),
    tf.math.bincount(arr, { minlength: 12 }),
    tf.math.bincount(arr, { weights: w }),
    tf.math.bincount(arr, { maxlength: 3, dtype: "int64" }),
    tf.math.bincount(arr, { axis: -1, minlength: 8 }),
  ];
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, cases[i]!.expr));
});

test("bincount: TensorFlow's examples and errors", () => {
  assert.deepEqual(tf.math.bincount([1, 1, 2, 3, 2, 4, 4, 5]).numpy().tolist(), [0, 2, 2, 1, 2, 1]);
  assert.deepEqual(tf.math.bincount([[1, 2], [3, 3]], { axis: -1, binaryOutput: true }).numpy().tolist(), [[0, 1, 1, 0], [0, 0, 0, 1]]);
  assert.deepEqual(tf.math.bincount(tf.constant([], "int32")).numpy().tolist(), []);
  assert.throws(() => tf.math.bincount([1, -1]), { name: "InvalidArgumentError", message: "Input arr must be non-negative! [Op:DenseBincount]" });
  assert.throws(() => tf.math.bincount([1], { axis: 1 }), {
    name: "ValueError", message: "Unsupported value for argument axis=1. Only 0 and -1 are currently supported.",
  });
});

test("confusionMatrix: TensorFlow's example, numClasses, weights, dtype", () => {
  const m = tf.math.confusionMatrix([1, 2, 4], [2, 2, 4]);
  assert.equal(m.dtype.name, "int32");
  assert.deepEqual(m.numpy().tolist(), [
    [0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 1],
  ]);
  const w = tf.math.confusionMatrix([0, 1, 1], [0, 0, 1], { numClasses: 3, weights: [0.5, 2, 1], dtype: "float32" });
  assert.deepEqual(w.numpy().tolist(), [[0.5, 0, 0], [2, 1, 0], [0, 0, 0]]);
  assert.throws(() => tf.math.confusionMatrix([0, 3], [0, 1], { numClasses: 3 }), { name: "InvalidArgumentError", message: /^`labels` out of bound/ });
  assert.throws(() => tf.math.confusionMatrix([0, 1], [-1, 1]), { name: "InvalidArgumentError", message: /^`predictions` contains negative values/ });
});
