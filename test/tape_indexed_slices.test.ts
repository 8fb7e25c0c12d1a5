// Gradients of variables read in part (v.sparseRead, ResourceGather) are IndexedSlices, as
// TensorFlow's: values [n, ...tail], flat indices, dense_shape the variable's shape; summed
// with a dense gradient they become dense, with other IndexedSlices they concatenate; the
// optimizers apply them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

test("v.sparseRead(idx) gives IndexedSlices(values, indices, denseShape)", () => {
  const v = new tf.Variable([[1, 2], [3, 4], [5, 6]]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.multiply(v.sparseRead(tf.constant([[2], [0]], "int32")), 3)));
  const g = tape.gradient(y, v);
  assert.ok(g instanceof tf.IndexedSlices);
  assert.equal(String(g.indices), "tf.Tensor([2 0], shape=(2,), dtype=int32)");
  assert.equal(String(g.values), "tf.Tensor(\n[[3. 3.]\n [3. 3.]], shape=(2, 2), dtype=float32)");
  assert.equal(String(g.denseShape), "tf.Tensor([3 2], shape=(2,), dtype=int32)");
});

test("two sparse reads concatenate; a sparse and a dense read sum to a dense gradient", () => {
  const v = new tf.Variable([1, 2, 3]);
  const t1 = new tf.GradientTape();
  const y1 = t1.record(() => tf.add(tf.reduceSum(v.sparseRead([0])), tf.reduceSum(tf.multiply(v.sparseRead([2, 0]), 2))));
  const g1 = t1.gradient(y1, v) as tf.IndexedSlices;
  assert.ok(g1 instanceof tf.IndexedSlices);
  assert.deepEqual(Array.from(g1.indices.numpy().data as Int32Array), [0, 2, 0]);
  assert.deepEqual(Array.from((g1.values as tf.Tensor).numpy().data as Float32Array), [1, 2, 2]);
  const t2 = new tf.GradientTape();
  const y2 = t2.record(() => tf.add(tf.reduceSum(v.sparseRead([1])), tf.reduceSum(tf.multiply(v, 10))));
  const g2 = t2.gradient(y2, v);
  assert.ok(g2 instanceof tf.Tensor);
  assert.deepEqual(Array.from(g2.numpy().data as Float32Array), [10, 11, 10]);
});

test("optimizers apply IndexedSlices gradients (repeated rows add up)", () => {
  const v = new tf.Variable([1, 2, 3]);
  const opt = new tf.optimizers.SGD({ learningRate: 0.5 });
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(v.sparseRead([2, 2, 0])));
  opt.applyGradients([[tape.gradient(y, v), v]]);
  assert.deepEqual(Array.from(v.numpy().data as Float32Array), [0.5, 2, 2]);
});

test("tf.gather(v, idx) on axis 0 reads the variable's rows (sparse_read), so its gradient is IndexedSlices", () => {
  const v = new tf.Variable([[1, 2], [3, 4], [5, 6]]);
  assert.equal(String(tf.gather(v, [2, 0])), "tf.Tensor(\n[[5. 6.]\n [1. 2.]], shape=(2, 2), dtype=float32)");
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.gather(v, [1, 1])));
  const g = tape.gradient(y, v);
  assert.ok(g instanceof tf.IndexedSlices);
  assert.equal(String(g.indices), "tf.Tensor([1 1], shape=(2,), dtype=int32)");
  assert.equal(String(tf.convertToTensor(g)), "tf.Tensor(\n[[0. 0.]\n [2. 2.]\n [0. 0.]], shape=(3, 2), dtype=float32)");
  // Another axis stays GatherV2 of the value (a dense gradient).
  const t2 = new tf.GradientTape();
  const y2 = t2.record(() => tf.reduceSum(tf.gather(v, [0], { axis: 1 })));
  assert.equal(String(t2.gradient(y2, v)), "tf.Tensor(\n[[1. 0.]\n [1. 0.]\n [1. 0.]], shape=(3, 2), dtype=float32)");
});

test("tf.convertToTensor(IndexedSlices) densifies; another dtype or no dense shape is TensorFlow's ValueError", () => {
  const s = new tf.IndexedSlices(tf.constant([[1, 2], [3, 4]]), [0, 0], [2, 2]);
  assert.equal(String(tf.convertToTensor(s)), "tf.Tensor(\n[[4. 6.]\n [0. 0.]], shape=(2, 2), dtype=float32)");
  assert.throws(() => tf.convertToTensor(s, "int32"), {
    name: "ValueError", message: "Incompatible tensor conversion requested to dtype int32 for IndexedSlices with dtype float32",
  });
  assert.throws(() => tf.convertToTensor(new tf.IndexedSlices(tf.constant([1]), [0])), {
    name: "ValueError", message: /^Tensor conversion requested for IndexedSlices without dense_shape: IndexedSlices\(indices=/,
  });
});

test("v.gatherNd / tf.gatherNd(v, idx) with indices of shape [n, 1] give IndexedSlices gradients; other indices give dense ones (TensorFlow's ResourceGatherNd gradient)", () => {
  const v = new tf.Variable(tf.constant([[1, 2], [3, 4], [5, 6]], "float32"));
  let tape = new tf.GradientTape();
  let y = tape.record(() => tf.reduceSum(tf.multiply(tf.gatherNd(v, [[2], [0], [2]]), tf.constant([[1, 2], [3, 4], [5, 6]], "float32"))));
  const g = tape.gradient(y, v);
  assert.ok(g instanceof tf.IndexedSlices);
  assert.deepEqual(g.indices.numpy().tolist(), [2, 0, 2]);
  assert.deepEqual((g.values as tf.Tensor).numpy().tolist(), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(g.denseShape!.numpy().tolist(), [3, 2]);
  assert.deepEqual(tf.convertToTensor(g).numpy().tolist(), [[3, 4], [0, 0], [6, 8]]);
  // Element tuples (the last axis longer than 1) scatter dy back densely.
  tape = new tf.GradientTape();
  y = tape.record(() => tf.reduceSum(v.gatherNd([[2, 1], [0, 0], [2, 1]])));
  const dense = tape.gradient(y, v);
  assert.ok(dense instanceof tf.Tensor);
  assert.deepEqual(dense.numpy().tolist(), [[1, 0], [0, 0], [0, 2]]);
  // Without a tape the values are ResourceGatherNd's.
  assert.deepEqual(tf.gatherNd(v, [[1]]).numpy().tolist(), [[3, 4]]);
});
