// tf.Variable basics used by the guide (the complete Variable is issue #3).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as tf from "tsflow";

test("construction, properties and printing", () => {
  const v = new tf.Variable([[1, 2], [3, 4]]);
  assert.equal(v.name, "Variable:0");
  assert.equal(v.dtype, tf.float32);
  assert.equal(String(v.shape), "(2, 2)");
  assert.equal(v.trainable, true);
  assert.equal(v.device, "/job:localhost/replica:0/task:0/device:CPU:0");
  assert.equal(String(v), "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>");
  assert.equal(inspect(v), String(v));
  const step = new tf.Variable(1, { trainable: false, dtype: "int32", name: "step" });
  assert.equal(step.repr(), "<tf.Variable 'step:0' shape=() dtype=int32, numpy=1>");
  assert.equal(step.trainable, false);
  assert.equal(new tf.Variable(() => tf.constant([true])).dtype, tf.bool);
});

test("a variable made from another never shares its memory", () => {
  const a = new tf.Variable([2, 3]);
  const b = new tf.Variable(a);
  a.assign([5, 6]);
  assert.deepEqual(a.numpy().tolist(), [5, 6]);
  assert.deepEqual(b.numpy().tolist(), [2, 3]);
});

test("assign, assignAdd, assignSub update in place and return the variable", () => {
  const a = new tf.Variable([2, 3]);
  assert.equal(a.assign([1, 2]), a);
  assert.deepEqual(a.assignAdd([2, 3]).numpy().tolist(), [3, 5]);
  assert.deepEqual(a.assignSub([3, 5]).numpy().tolist(), [0, 0]);
  assert.equal(a.assign([4, 4], { readValue: false }), undefined);
  assert.deepEqual(a.numpy().tolist(), [4, 4]);
});

test("assign of another shape fails with TensorFlow's message and changes nothing", () => {
  const a = new tf.Variable([2, 3]);
  assert.throws(() => a.assign([1, 2, 3]), {
    name: "ValueError",
    message: "Cannot assign to variable Variable:0 due to variable shape (2,) and value shape (3,) are incompatible",
  });
  assert.deepEqual(a.numpy().tolist(), [2, 3]);
  const i = new tf.Variable([1, 2], { dtype: "int32" });
  assert.throws(() => i.assign([1.5, 2]), { name: "TypeError", message: "Cannot convert [1.5, 2] to EagerTensor of dtype int32" });
  assert.deepEqual(i.numpy().tolist(), [1, 2]);
});

test("variables are accepted wherever tensors are", () => {
  const v = new tf.Variable([[1, 2], [3, 4]]);
  assert.deepEqual(tf.add(v, 1).numpy().tolist(), [[2, 3], [4, 5]]);
  assert.deepEqual(tf.matmul(v, v).numpy().tolist(), [[7, 10], [15, 22]]);
  assert.deepEqual(tf.argmax(v).numpy().tolist(), [1n, 1n]);
  assert.equal(String(tf.equal(v, v)), "tf.Tensor(\n[[ True  True]\n [ True  True]], shape=(2, 2), dtype=bool)");
});
