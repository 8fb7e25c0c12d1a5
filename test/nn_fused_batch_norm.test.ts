// tf.nn.fusedBatchNorm (tf.compat.v1.nn.fused_batch_norm, FusedBatchNormV3's semantics): training
// normalizes with the batch's biased variance and returns the Bessel-corrected one, mixes running
// statistics by exponential_avg_factor, inference uses the given statistics, NHWC and NCHW,
// float16 through float32, TensorFlow's errors, and float64 finite-difference gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { checkGradients } from "./helpers/finite_difference.js";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";

const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";
const flat = (t: tf.Tensor) => Array.from(t.hostData() as Float64Array | Float32Array);
const close = (a: number[], b: number[], tol: number) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)), `[${i}] ${v} vs ${b[i]}`));

test("training: batch statistics as FusedBatchNormV3 (biased for y, Bessel-corrected returned), NHWC and NCHW, against numpy", { skip: noNumpy }, () => {
  const x = tf.reshape(tf.cast(tf.range(0, 48, 1), "float64"), [2, 3, 2, 4]);
  const xs = tf.sin(x);
  const scale = tf.constant([1, 2, 0.5, -1], "float64"), offset = tf.constant([0, 1, -1, 3], "float64");
  const [y, m, v] = tf.nn.fusedBatchNorm(xs, scale, { offset, epsilon: 0.01 });
  const [yc] = tf.nn.fusedBatchNorm(tf.transpose(xs, [0, 3, 1, 2]), scale, { offset, epsilon: 0.01, dataFormat: "NCHW" });
  const want = runPython(`
x = np.sin(np.arange(48, dtype=np.float64).reshape(2, 3, 2, 4))
scale = np.array([1, 2, 0.5, -1.0]); offset = np.array([0, 1, -1, 3.0])
m = x.mean(axis=(0, 1, 2)); v = x.var(axis=(0, 1, 2))
y = (x - m) / np.sqrt(v + 0.01) * scale + offset
print(json.dumps([y.ravel().tolist(), m.tolist(), (v * 12 / 11).tolist()]))
`, null) as number[][];
  close(flat(y), want[0]!, 1e-12);
  close(flat(m), want[1]!, 1e-12);
  close(flat(v), want[2]!, 1e-12);
  close(flat(tf.transpose(yc, [0, 2, 3, 1])), want[0]!, 1e-12);
});

test("running statistics: exponential_avg_factor mixes, inference normalizes with them; epsilon's floor; float16", () => {
  const x = tf.constant([[1, 2], [3, 6]], "float32");
  const [, m, v] = tf.nn.fusedBatchNorm(x, [1, 1], { mean: [10, 10], variance: [4, 4], exponentialAvgFactor: 0.25 });
  assert.deepEqual(flat(m), [0.75 * 10 + 0.25 * 2, 0.75 * 10 + 0.25 * 4]);
  assert.deepEqual(flat(v), [0.75 * 4 + 0.25 * 2, 0.75 * 4 + 0.25 * 8]);
  const [yi, mi, vi] = tf.nn.fusedBatchNorm(x, [2, 1], { offset: [1, 0], mean: [1, 2], variance: [4, 16], isTraining: false, epsilon: 0 });
  close(flat(yi), [1, 0, 2 * (2 / Math.sqrt(4 + 1.001e-5)) + 1, 4 / Math.sqrt(16 + 1.001e-5)], 1e-6);
  assert.deepEqual(flat(mi), [1, 2]);
  assert.deepEqual(flat(vi), [4, 16]);
  const [yh, mh] = tf.nn.fusedBatchNorm(tf.cast(x, "float16"), [1, 1]);
  assert.equal(yh.dtype.name, "float16");
  assert.equal(mh.dtype.name, "float32");
});

test("fusedBatchNorm's errors, as FusedBatchNormV3's", () => {
  const x = tf.ones([2, 3]);
  assert.throws(() => tf.nn.fusedBatchNorm(x, [1, 1, 1], { isTraining: false }), (e: Error) => {
    assert.equal(e.name, "InvalidArgumentError");
    assert.equal(e.message, "When is_training=false, mean must have the same number of elements as the channels of x, got 0 and 3 [Op:FusedBatchNormV3]");
    return true;
  });
  assert.throws(() => tf.nn.fusedBatchNorm(x, [1, 1, 1], { mean: [0, 0, 0], variance: [1], exponentialAvgFactor: 0.5 }), (e: Error) => {
    assert.equal(e.message, "When exponential_avg_factor != 1, variance must have the same number of elements as the channels of x, got 1 and 3 [Op:FusedBatchNormV3]");
    return true;
  });
});

test("fusedBatchNorm's gradients (x, scale, offset) match finite differences in float64", () => {
  const x = tf.reshape(tf.sin(tf.cast(tf.range(0, 24, 1), "float64")), [2, 3, 4]);
  const scale = tf.constant([1.5, -0.5, 2, 1], "float64"), offset = tf.constant([0.1, 0.2, 0.3, 0.4], "float64");
  checkGradients((a, s, o) => tf.nn.fusedBatchNorm(a, s, { offset: o })[0], [x, scale, offset]);
  checkGradients((a) => tf.nn.fusedBatchNorm(a, scale, { mean: [0, 1, 0, 1], variance: [1, 2, 3, 4], isTraining: false })[0], [x]);
});
