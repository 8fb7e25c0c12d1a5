// reduce_logsumexp, reduce_variance/std, reduce_euclidean_norm, count_nonzero, l2_normalize,
// add_n and polyval against numpy, with TensorFlow's special values, errors and gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/numpy_oracle.js";
import { assertSameArray, numpyResults, type NumpyCase } from "./helpers/numpy_cases.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";
import { mulberry32 } from "./helpers/random.js";

const rng = mulberry32(31);
function draws(dims: number[], dtype: tf.DTypeName, lo: number, hi: number, integer = false): tf.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, () => lo + (hi - lo) * rng());
  return tf.cast(tf.constant(integer ? v.map(Math.floor) : v, "float64", dims), dtype);
}

test("the reductions match numpy over axes and keepdims", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  for (const x of [draws([3, 4], "float32", -5, 5), draws([2, 3, 2], "float64", -30, 30)]) {
    for (const axis of [undefined, 0, -1, [0, 1]] as (number | number[] | undefined)[]) {
      for (const keepdims of [false, true]) {
        const ax = axis === undefined ? "None" : JSON.stringify(axis).replace("[", "(").replace("]", ",)");
        const push = (t: tf.Tensor, expr: string) => { got.push(t); cases.push({ expr: `np.asarray(${expr}, dtype=a.dtype)`, inputs: [x] }); };
        push(tf.math.reduceLogsumexp(x, axis, keepdims), `np.log(np.sum(np.exp(a.astype(np.float64)), axis=${ax}, keepdims=${keepdims ? "True" : "False"}))`);
        push(tf.math.reduceVariance(x, axis, keepdims), `np.var(a.astype(np.float64), axis=${ax}, keepdims=${keepdims ? "True" : "False"})`);
        push(tf.math.reduceStd(x, axis, keepdims), `np.std(a.astype(np.float64), axis=${ax}, keepdims=${keepdims ? "True" : "False"})`);
        push(tf.math.reduceEuclideanNorm(x, axis, keepdims), `np.sqrt(np.sum(a.astype(np.float64) ** 2, axis=${ax}, keepdims=${keepdims ? "True" : "False"}))`);
        push(tf.math.l2Normalize(x, axis), `a.astype(np.float64) / np.sqrt(np.maximum(np.sum(a.astype(np.float64) ** 2, axis=${ax}, keepdims=True), 1e-12))`);
      }
    }
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} (case ${i})`, t.dtype.name === "float32" ? 2e-6 : 1e-13));
});

test("reduceLogsumexp: TensorFlow's examples, infinities and large values", () => {
  const x = tf.constant([[0, 0, 0], [0, 0, 0]], "float32");
  assert.equal(Number(tf.reduceLogsumexp(x).numpy().item()), Math.fround(Math.log(6)));
  assert.deepEqual(tf.math.reduceLogsumexp(x, 0).numpy().tolist(), [Math.log(2), Math.log(2), Math.log(2)].map(Math.fround));
  assert.deepEqual(tf.math.reduceLogsumexp(x, 1, true).numpy().tolist(), [[Math.log(3)], [Math.log(3)]].map((r) => r.map(Math.fround)));
  const special = tf.constant([[-Infinity, -Infinity], [Infinity, 1], [1000, 1000], [NaN, 1]], "float32");
  const r = tf.math.reduceLogsumexp(special, 1).numpy().tolist() as number[];
  assert.deepEqual(r.slice(0, 3), [-Infinity, Infinity, Math.fround(1000 + Math.log(2))]);
  assert.ok(Number.isNaN(r[3]));
});

test("reduceVariance/reduceStd: TensorFlow's examples, complex input, integer error", () => {
  const x = tf.constant([[1, 2], [3, 4]], "float32");
  assert.equal(Number(tf.math.reduceVariance(x).numpy().item()), 1.25);
  assert.deepEqual(tf.math.reduceVariance(x, 0).numpy().tolist(), [1, 1]);
  assert.deepEqual(tf.math.reduceVariance(x, 1).numpy().tolist(), [0.25, 0.25]);
  assert.equal(Number(tf.math.reduceStd(x).numpy().item()), Math.fround(Math.sqrt(1.25)));
  const z = tf.complex(tf.constant([1, 2], "float32"), tf.constant([1, -1], "float32"));
  const vz = tf.math.reduceVariance(z);
  assert.equal(vz.dtype.name, "float32");
  assert.equal(Number(vz.numpy().item()), 1.25);
  assert.throws(() => tf.math.reduceVariance(tf.constant([1, 2], "int32")), {
    name: "TypeError", message: "Input must be either real or complex. Received integer type <dtype: 'int32'>.",
  });
  assert.throws(() => tf.math.reduceStd(tf.constant([1, 2], "int64")), { name: "TypeError" });
});

test("reduceEuclideanNorm: integers truncate, as TensorFlow's doc shows", () => {
  const x = tf.constant([[1, 2, 3], [1, 1, 1]], "int32");
  const n = tf.math.reduceEuclideanNorm(x);
  assert.equal(n.dtype.name, "int32");
  assert.equal(Number(n.numpy().item()), 4);
  assert.deepEqual(tf.math.reduceEuclideanNorm(x, 0).numpy().tolist(), [1, 2, 3]);
  assert.deepEqual(tf.math.reduceEuclideanNorm(x, 1).numpy().tolist(), [3, 1]);
  assert.deepEqual(tf.math.reduceEuclideanNorm(tf.constant([[3, 4]], "float32"), 1, true).numpy().tolist(), [[5]]);
  assert.throws(() => tf.math.reduceEuclideanNorm(x, 2), {
    name: "InvalidArgumentError", message: "Invalid reduction dimension (2 for input with 2 dimension(s) [Op:EuclideanNorm]",
  });
});

test("countNonzero: int64 by default, keepdims, dtype, bool and string inputs", () => {
  const x = tf.constant([[0, 1, 0], [1, 1, 0]], "float32");
  const c = tf.math.countNonzero(x);
  assert.equal(c.dtype.name, "int64");
  assert.equal(c.numpy().item(), 3n);
  assert.deepEqual(tf.math.countNonzero(x, 0).numpy().tolist(), [1n, 2n, 0n]);
  assert.deepEqual(tf.math.countNonzero(x, 1, { keepdims: true, dtype: "int32" }).numpy().tolist(), [[1], [2]]);
  assert.equal(tf.math.countNonzero(tf.constant([true, false, true])).numpy().item(), 2n);
  assert.equal(tf.math.countNonzero(tf.constant(["", "a", "bc"])).numpy().item(), 2n);
});

test("addN: sums of one shape and dtype, TensorFlow's errors", () => {
  const a = tf.constant([[3, 5], [4, 8]], "int32"), b = tf.constant([[1, 6], [2, 9]], "int32");
  assert.deepEqual(tf.addN([a, b, a]).numpy().tolist(), [[7, 16], [10, 25]]);
  assert.equal(tf.math.addN([a]), a);
  assert.deepEqual(tf.math.addN([tf.constant([0.1], "float32"), tf.constant([0.2], "float32")]).numpy().tolist(), [Math.fround(Math.fround(0.1) + Math.fround(0.2))]);
  assert.deepEqual(tf.addN(Array.from({ length: 20 }, () => tf.constant([1, 2], "float32"))).numpy().tolist(), [20, 40]);
  assert.throws(() => tf.addN([]), {
    name: "ValueError", message: "Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape.",
  });
  assert.throws(() => tf.addN([tf.constant([1, 2], "float32"), tf.constant([1, 2, 3], "float32")]), {
    name: "InvalidArgumentError",
    message: "Inputs to operation AddN of type AddN must have the same size and shape.  Input 0: [2] != input 1: [3] [Op:AddN]",
  });
  assert.throws(() => tf.addN([tf.constant([1], "int32"), tf.constant([1], "float32")]), { name: "TypeError" });
});

test("polyval: Horner's rule as TensorFlow computes it", () => {
  assert.equal(Number(tf.math.polyval([1.0, 2.5, -4.2], 5.0).numpy().item()), Math.fround(Math.fround(Math.fround(1 * 5) + 2.5) * 5 - 4.2));
  assert.deepEqual(tf.math.polyval([tf.constant(2, "int32"), tf.constant(1, "int32")], tf.constant([0, 1, 2], "int32")).numpy().tolist(), [1, 3, 5]);
  assert.deepEqual(tf.math.polyval([], tf.constant([1, 2], "float32")).numpy().tolist(), [0, 0]);
  assert.throws(() => tf.math.polyval(tf.constant([1]) as unknown as number[], 1), { name: "ValueError", message: /^Argument coeffs must be list type/ });
});

test("composite gradients match finite differences", () => {
  checkGradients((x) => tf.math.reduceLogsumexp(x, 1), [rand64([3, 4])]);
  checkGradients((x) => tf.math.reduceLogsumexp(x), [rand64([2, 3], 20, 40)]);
  checkGradients((x) => tf.math.reduceVariance(x, 0), [rand64([4, 2])]);
  checkGradients((x) => tf.math.reduceStd(x, [0, 1], true), [rand64([3, 3])]);
  checkGradients((x) => tf.math.reduceEuclideanNorm(x, 1), [rand64([3, 4])]);
  checkGradients((x) => tf.math.reduceEuclideanNorm(x, undefined, true), [rand64([2, 2])]);
  checkGradients((x) => tf.math.l2Normalize(x, -1), [rand64([2, 3])]);
  checkGradients((x, y) => tf.math.addN([x, y, x]), [rand64([2, 2]), rand64([2, 2])]);
  checkGradients((c, x) => tf.math.polyval([c, x, c], x), [rand64([3]), rand64([3])]);
});
