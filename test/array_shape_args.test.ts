// Shape arguments as TensorFlow takes them: a number, a TensorShape, a shape tensor, or a
// list mixing numbers and scalar tensors; and TensorShape's conversion to an int32 tensor.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

const i32 = (v: number | number[]) => tf.constant(v, "int32");

test("tf.zeros / tf.ones take a number as a rank-1 shape", () => {
  assert.equal(String(tf.zeros(2)), "tf.Tensor([0. 0.], shape=(2,), dtype=float32)");
  assert.equal(String(tf.ones(3)), "tf.Tensor([1. 1. 1.], shape=(3,), dtype=float32)");
  assert.deepEqual(tf.ones(3, "int32").numpy().tolist(), [1, 1, 1]);
});

test("a TensorShape, a shape tensor or a mixed list is a shape everywhere", () => {
  const k = tf.zeros([2, 3]);
  assert.deepEqual(tf.zeros(k.shape).dims, [2, 3]);
  assert.deepEqual(tf.ones(i32([3, 1])).dims, [3, 1]);
  assert.deepEqual(tf.zeros([i32(2), 4]).dims, [2, 4]);
  assert.deepEqual(tf.fill(k.shape, 7).numpy().tolist(), [[7, 7, 7], [7, 7, 7]]);
  assert.deepEqual(tf.reshape(tf.constant([1, 2, 3, 4, 5, 6]), k.shape).numpy().tolist(), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(tf.reshape(tf.constant([1, 2, 3, 4, 5, 6]), [i32(3), -1]).dims, [3, 2]);
  assert.deepEqual(tf.tile(tf.constant([[1, 2]]), [2, i32(2)]).numpy().tolist(), [[1, 2, 1, 2], [1, 2, 1, 2]]);
  assert.deepEqual(tf.tile(tf.constant([[1, 2]]), new tf.TensorShape([1, 2])).dims, [1, 4]);
});

test("tf.convertToTensor(TensorShape) and reduceProd(shape): int32, as TensorFlow's conversion", () => {
  const k = tf.zeros([2, 3]);
  const t = tf.convertToTensor(k.shape);
  assert.equal(String(t), "tf.Tensor([2 3], shape=(2,), dtype=int32)");
  assert.equal(String(tf.reduceProd(k.shape)), "tf.Tensor(6, shape=(), dtype=int32)");
  assert.equal(tf.convertToTensor(k.shape, "int64").dtype.name, "int64");
  assert.equal(String(tf.convertToTensor(new tf.TensorShape([]))), "tf.Tensor([], shape=(0,), dtype=int32)");
  assert.throws(() => tf.convertToTensor(new tf.TensorShape([null, 3])), {
    name: "ValueError", message: "Cannot convert a partially known TensorShape (None, 3) to a Tensor.",
  });
  assert.throws(() => tf.convertToTensor(k.shape, "float32"), {
    name: "TypeError", message: "Cannot convert TensorShape (2, 3) to dtype <dtype: 'float32'>. Allowed dtypes are tf.int32 and tf.int64.",
  });
});
