// Tensors print as TensorFlow prints them and expose their values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as tf from "tsflow";

test("str and repr of a matrix", () => {
  const t = tf.constant([[1, 2], [3, 4]]);
  assert.equal(String(t), "tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)");
  assert.equal(inspect(t), String(t));
  assert.equal(t.repr(), "<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>");
});

test("scalars: str is numpy's, repr is Python's repr of the item", () => {
  assert.equal(String(tf.constant(1.5)), "tf.Tensor(1.5, shape=(), dtype=float32)");
  assert.equal(tf.constant(1.5).repr(), "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>");
  assert.equal(String(tf.constant(0.1)), "tf.Tensor(0.1, shape=(), dtype=float32)");
  assert.equal(tf.constant(0.1).repr(), "<tf.Tensor: shape=(), dtype=float32, numpy=0.10000000149011612>");
  assert.equal(String(tf.constant(1, "int32")), "tf.Tensor(1, shape=(), dtype=int32)");
  assert.equal(tf.constant(7n).repr(), "<tf.Tensor: shape=(), dtype=int64, numpy=7>");
  assert.equal(String(tf.constant(true)), "tf.Tensor(True, shape=(), dtype=bool)");
  assert.equal(tf.constant(false).repr(), "<tf.Tensor: shape=(), dtype=bool, numpy=False>");
  assert.equal(String(tf.constant({ re: 5, im: 4 })), "tf.Tensor((5+4j), shape=(), dtype=complex128)");
  assert.equal(tf.constant({ re: 5, im: 4 }).repr(), "<tf.Tensor: shape=(), dtype=complex128, numpy=(5+4j)>");
});

test("strings print as bytes", () => {
  assert.equal(String(tf.constant("hello")), "tf.Tensor(b'hello', shape=(), dtype=string)");
  assert.equal(tf.constant("hello").repr(), "<tf.Tensor: shape=(), dtype=string, numpy=b'hello'>");
  assert.equal(String(tf.constant(["a", "b"])), "tf.Tensor([b'a' b'b'], shape=(2,), dtype=string)");
  assert.equal(tf.constant(["a", "b"]).repr(), "<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a', b'b'], dtype=object)>");
});

test("other dtypes and shapes", () => {
  assert.equal(String(tf.constant([1, 2], "int64")), "tf.Tensor([1 2], shape=(2,), dtype=int64)");
  assert.equal(tf.constant([1, 2], "int64").repr(), "<tf.Tensor: shape=(2,), dtype=int64, numpy=array([1, 2])>");
  assert.equal(String(tf.constant([1.5, 2], "float16")), "tf.Tensor([1.5 2. ], shape=(2,), dtype=float16)");
  assert.equal(String(tf.constant([1.5, 2], "bfloat16")), "tf.Tensor([1.5 2], shape=(2,), dtype=bfloat16)");
  assert.equal(String(tf.constant([], "int32")), "tf.Tensor([], shape=(0,), dtype=int32)");
  assert.equal(tf.constant([], "int32").repr(), "<tf.Tensor: shape=(0,), dtype=int32, numpy=array([], dtype=int32)>");
});

test("values: numpy(), dataSync(), item(), shape, size, device", async () => {
  const t = tf.constant([[1, 2, 3], [4, 5, 6]], "int32");
  assert.deepEqual(t.shape.asList(), [2, 3]);
  assert.equal(t.rank, 2);
  assert.equal(t.size, 6);
  assert.equal(t.device, "/job:localhost/replica:0/task:0/device:CPU:0");
  const nd = t.numpy();
  assert.deepEqual(nd.shape, [2, 3]);
  assert.equal(nd.dtype, "int32");
  assert.deepEqual(Array.from(nd.data as Int32Array), [1, 2, 3, 4, 5, 6]);
  (nd.data as Int32Array)[0] = 100;
  assert.deepEqual(t.numpy().tolist(), [[1, 2, 3], [4, 5, 6]], "numpy() is a copy");
  assert.deepEqual(Array.from(await t.data() as Int32Array), [1, 2, 3, 4, 5, 6]);
  assert.equal(tf.constant([[2.5]]).item(), 2.5);
  assert.throws(() => t.item(), { name: "ValueError", message: "can only convert an array of size 1 to a Python scalar" });
  assert.equal(tf.constant(["x"]).numpy().dtype, "object");
});

test("method forms of the operators", () => {
  const a = tf.constant([1, 2]);
  assert.deepEqual(a.add(1).mul(2).sub([1, 1]).div(2).numpy().tolist(), [1.5, 2.5]);
  assert.deepEqual(a.neg().numpy().tolist(), [-1, -2]);
  assert.deepEqual(a.equal([1, 3]).numpy().tolist(), [true, false]);
  assert.deepEqual(a.notEqual([1, 3]).numpy().tolist(), [false, true]);
  assert.deepEqual(tf.constant([[1, 2]]).matmul([[3], [4]]).numpy().tolist(), [[11]]);
  assert.deepEqual(a.cast("int32").numpy().tolist(), [1, 2]);
  assert.deepEqual(a.reshape([2, 1]).shape.asList(), [2, 1]);
});
