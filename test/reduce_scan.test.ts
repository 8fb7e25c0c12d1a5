// tf.math.cumsum / cumprod / cumulative_logsumexp against numpy (np.cumsum, np.cumprod,
// np.logaddexp.accumulate in the input dtype; exclusive and reverse built from flips and shifts),
// TensorFlow's errors, and gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/numpy_oracle.js";
import { assertSameArray, numpyResults, type NumpyCase } from "./helpers/numpy_cases.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";
import { mulberry32 } from "./helpers/random.js";

const rng = mulberry32(7);
function ints(dims: number[], dtype: tf.DTypeName, lo: number, hi: number): tf.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, () => Math.floor(lo + (hi - lo) * rng()));
  return tf.cast(tf.constant(v, "float64", dims), dtype);
}

// numpy's scan along `axis` with TensorFlow's exclusive/reverse options.
function npScan(fn: "cumsum" | "cumprod", axis: number, exclusive: boolean, reverse: boolean): string {
  const id = fn === "cumsum" ? 0 : 1;
  let x = "a";
  if (reverse) x = `np.flip(${x}, ${axis})`;
  let r = `np.${fn}(${x}, axis=${axis}, dtype=a.dtype)`;
  if (exclusive) {
    r = `np.concatenate([np.full_like(np.take(a, [0], axis=${axis}), ${id}), np.take(${r}, np.arange(a.shape[${axis}] - 1), axis=${axis})], axis=${axis})`;
  }
  if (reverse) r = `np.flip(${r}, ${axis})`;
  return r;
}

test("cumsum and cumprod match numpy over dtypes, axes, exclusive and reverse", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const inputs: tf.Tensor[] = [
    tf.constant([[1.5, -2.25, 3], [4, 0.5, -6]], "float32"),
    tf.constant([[1.5, -2.25, 3, 1e-3], [4, 0.5, -6, 7]], "float64", [2, 2, 2]),
    ints([3, 4], "int32", -50000, 50000),
    ints([2, 5], "int8", -100, 100),
    ints([4, 3], "uint8", 0, 255),
    ints([3, 3], "int64", -1e6, 1e6),
    ints([2, 6], "uint32", 0, 4e9),
  ];
  for (const x of inputs) {
    for (const fn of ["cumsum", "cumprod"] as const) {
      for (let axis = 0; axis < x.rank; axis++) {
        for (const exclusive of [false, true]) {
          for (const reverse of [false, true]) {
            got.push(tf.math[fn](x, axis, { exclusive, reverse }));
            cases.push({ expr: npScan(fn, axis, exclusive, reverse), inputs: [x] });
            // Negative axes name the same axis.
            got.push(tf.math[fn](x, axis - x.rank, { exclusive, reverse }));
            cases.push({ expr: npScan(fn, axis, exclusive, reverse), inputs: [x] });
          }
        }
      }
    }
  }
  const expected = numpyResults(cases);
  // float32 scans accumulate in float32 on both sides.
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} on ${t.dtype.name}`, t.dtype.name === "float32" ? 1e-6 : 0));
});

test("cumsum defaults: axis 0, inclusive, forward; tf.cumsum is tf.math.cumsum", () => {
  const x = tf.constant([[1, 2], [3, 4]], "int32");
  assert.deepEqual(tf.cumsum(x).numpy().tolist(), [[1, 2], [4, 6]]);
  assert.deepEqual(tf.math.cumsum([1, 2, 3], 0, { exclusive: true }).numpy().tolist(), [0, 1, 3]);
  assert.deepEqual(tf.math.cumsum([1, 2, 3], 0, { reverse: true }).numpy().tolist(), [6, 5, 3]);
  assert.deepEqual(tf.math.cumprod([2, 3, 4], 0, { exclusive: true, reverse: true }).numpy().tolist(), [12, 4, 1]);
  assert.deepEqual(tf.math.cumsum(x, tf.constant(1, "int32")).numpy().tolist(), [[1, 3], [3, 7]]);
  // int32 wraps as C++ does.
  assert.deepEqual(tf.math.cumsum(tf.constant([2147483647, 1], "int32")).numpy().tolist(), [2147483647, -2147483648]);
});

test("cumsum/cumprod raise TensorFlow's errors", () => {
  assert.throws(() => tf.math.cumsum([1, 2], 1), {
    name: "InvalidArgumentError", message: "ScanOp: Expected scan axis in the range [-1, 1), but got 1 [Op:Cumsum]",
  });
  assert.throws(() => tf.math.cumprod([[1, 2]], -3), {
    name: "InvalidArgumentError", message: "ScanOp: Expected scan axis in the range [-2, 2), but got -3 [Op:Cumprod]",
  });
  assert.throws(() => tf.math.cumsum(tf.constant(3)), {
    name: "InvalidArgumentError", message: "ScanOp: Expected scan axis in the range [0, 0), but got 0 [Op:Cumsum]",
  });
  assert.throws(() => tf.math.cumsum([true, false]), {
    name: "InvalidArgumentError", message: /^Value for attr 'T' of bool is not in the list of allowed values: .* \[Op:Cumsum\]$/,
  });
});

test("cumsum and cumprod gradients match finite differences", () => {
  for (const exclusive of [false, true]) {
    for (const reverse of [false, true]) {
      checkGradients((x) => tf.math.cumsum(x, 1, { exclusive, reverse }), [rand64([2, 4])]);
      checkGradients((x) => tf.math.cumprod(x, 0, { exclusive, reverse }), [rand64([3, 2], 0.5, 2)]);
      checkGradients((x) => tf.math.cumprod(x, -1, { exclusive, reverse }), [rand64([2, 3], -2, -0.5)]);
    }
  }
});

// numpy's running log-sum-exp (np.logaddexp.accumulate) with TensorFlow's exclusive/reverse options.
function npLogsumexpScan(axis: number, exclusive: boolean, reverse: boolean): string {
  let x = "a";
  if (reverse) x = `np.flip(${x}, ${axis})`;
  let r = `np.logaddexp.accumulate(${x}, axis=${axis}, dtype=a.dtype)`;
  if (exclusive) {
    r = `np.concatenate([np.full_like(np.take(a, [0], axis=${axis}), -np.inf), np.take(${r}, np.arange(a.shape[${axis}] - 1), axis=${axis})], axis=${axis})`;
  }
  if (reverse) r = `np.flip(${r}, ${axis})`;
  return r;
}

test("cumulativeLogsumexp matches np.logaddexp.accumulate over axes, exclusive and reverse", { skip: !numpyAvailable() }, () => {
  const cases: NumpyCase[] = [];
  const got: tf.Tensor[] = [];
  const inputs = [
    tf.constant([[1.5, -2.25, 3], [4, 0.5, -6]], "float32"),
    tf.constant([[1.5, -2.25, 3, 1e-3], [400, 0.5, -600, 7]], "float64", [2, 2, 2]),
    tf.constant([1000, 1000, -1000, -Infinity, 2], "float64"),
  ];
  for (const x of inputs) {
    for (let axis = 0; axis < x.rank; axis++) {
      for (const exclusive of [false, true]) {
        for (const reverse of [false, true]) {
          got.push(tf.math.cumulativeLogsumexp(x, axis - (exclusive ? x.rank : 0), { exclusive, reverse }));
          cases.push({ expr: npLogsumexpScan(axis, exclusive, reverse), inputs: [x] });
        }
      }
    }
  }
  const expected = numpyResults(cases);
  got.forEach((t, i) => assertSameArray(t, expected[i]!, `${cases[i]!.expr} on ${t.dtype.name}`, t.dtype.name === "float32" ? 1e-6 : 1e-14));
});

test("cumulativeLogsumexp: large values do not overflow, -inf stays -inf, TensorFlow's errors", () => {
  assert.deepEqual(tf.math.cumulativeLogsumexp(tf.constant([1000, 1000], "float32")).numpy().tolist(), [1000, Math.fround(1000 + Math.LN2)]);
  assert.deepEqual(tf.math.cumulativeLogsumexp(tf.constant([-Infinity, -Infinity, 0], "float64")).numpy().tolist(), [-Infinity, -Infinity, 0]);
  assert.deepEqual(tf.math.cumulativeLogsumexp(tf.constant([1, 2], "float64"), 0, { exclusive: true }).numpy().tolist(), [-Infinity, 1]);
  assert.equal(tf.math.cumulativeLogsumexp(tf.constant([0.5, 1.5], "float16")).dtype.name, "float16");
  assert.throws(() => tf.math.cumulativeLogsumexp(tf.constant([1, 2], "int32")), {
    name: "InvalidArgumentError",
    message: "Value for attr 'T' of int32 is not in the list of allowed values: half, float, double [Op:CumulativeLogsumexp]",
  });
  assert.throws(() => tf.math.cumulativeLogsumexp([1, 2], 1), {
    name: "InvalidArgumentError", message: "ScanOp: Expected scan axis in the range [-1, 1), but got 1 [Op:CumulativeLogsumexp]",
  });
});

test("cumulativeLogsumexp's gradient (gradients of either sign) matches finite differences", () => {
  for (const exclusive of [false, true]) {
    for (const reverse of [false, true]) {
      // An exclusive scan's first output is -inf (no finite difference): the loss leaves it out.
      const drop = (y: tf.Tensor, axis: number) => !exclusive ? y
        : tf.slice(y, y.dims.map((_, i) => (i === axis && !reverse ? 1 : 0)), y.dims.map((d, i) => (i === axis ? d - 1 : d)));
      checkGradients((x) => drop(tf.math.cumulativeLogsumexp(x, 1, { exclusive, reverse }), 1), [rand64([2, 4], -3, 3)]);
      checkGradients((x) => drop(tf.math.cumulativeLogsumexp(x, 0, { exclusive, reverse }), 0), [rand64([3, 2], -1, 1)]);
    }
  }
});
