// Variable methods of issue #14: count_up_to, load, ON_READ with trainable=True (TF 2 accepts
// it), and TensorFlow's scatter-nd shape messages (scatter_nd_ops_test's cases).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

const list = (t: tf.Tensor | tf.Variable) => t.numpy().tolist();

test("v.countUpTo(limit) returns the old value, increments, and stops at the limit", () => {
  for (const dtype of ["int32", "int64"] as const) {
    const v = new tf.Variable(0, { dtype });
    const seen = [0, 1, 2].map(() => v.countUpTo(3));
    assert.deepEqual(seen.map((t) => Number(t.numpy().item())), [0, 1, 2]);
    assert.equal(seen[0]!.dtype.name, dtype);
    assert.throws(() => v.countUpTo(3), { name: "OutOfRangeError", message: "Reached limit of 3 [Op:ResourceCountUpTo]" });
    assert.ok((() => { try { v.countUpTo(3); } catch (e) { return e instanceof tf.errors.OutOfRangeError; } return false; })());
    assert.equal(Number(v.numpy().item()), 3, "unchanged at the limit");
  }
  assert.throws(() => new tf.Variable(0).countUpTo(3), {
    name: "InvalidArgumentError", message: "Value for attr 'T' of float is not in the list of allowed values: int32, int64 [Op:ResourceCountUpTo]",
  });
});

test("v.load(value) assigns and returns nothing", () => {
  const v = new tf.Variable([1, 2], { dtype: "int32" });
  assert.equal(v.load([5, 6]), undefined);
  assert.deepEqual(list(v), [5, 6]);
  assert.throws(() => v.load([1, 2, 3]), { name: "ValueError" });
  assert.deepEqual(list(v), [5, 6]);
});

test("ON_READ variables: trainable defaults to false, trainable: true is accepted (TensorFlow 2)", () => {
  assert.equal(new tf.Variable(1, { synchronization: "ON_READ" }).trainable, false);
  const v = new tf.Variable(1, { synchronization: tf.VariableSynchronization.ON_READ, trainable: true });
  assert.equal(v.trainable, true);
  assert.equal(String(v.synchronization), "VariableSynchronization.ON_READ");
  assert.equal(new tf.Variable(1, { synchronization: "ON_READ", trainable: false }).trainable, false);
});

test("scatter-nd on variables: TensorFlow's messages for a scalar and for mismatched shapes", () => {
  const s = new tf.Variable(0, { dtype: "float32" });
  assert.throws(() => s.scatterNdUpdate([[0]], [0.22]), {
    name: "InvalidArgumentError", message: "Output must be at least 1-D, got shape: [] [Op:ResourceScatterNdUpdate]",
  });
  const ref = new tf.Variable(tf.zeros([2, 2, 2], "int32"));
  assert.throws(() => ref.scatterNdUpdate(tf.zeros([3, 2, 2], "int32"), tf.zeros([2, 2, 2], "int32")), {
    name: "InvalidArgumentError",
    message: "Dimensions [0,1) of indices[shape=[3,2,2]] = 3 must match dimensions [0,1) of updates[shape=[2,2,2]] = 2 [Op:ResourceScatterNdUpdate]",
  });
  assert.throws(() => ref.scatterNdUpdate(tf.zeros([2, 2, 1], "int32"), tf.zeros([2, 2], "int32")), {
    name: "InvalidArgumentError",
    message: "Dimensions [1,3) of input[shape=[2,2,2]] must match dimensions [1,2) of updates[shape=[2,2]] [Op:ResourceScatterNdUpdate]",
  });
  assert.throws(() => ref.scatterNdAdd(tf.zeros([2, 3, 1], "int32"), tf.zeros([2, 2, 2, 2], "int32")), {
    name: "InvalidArgumentError",
    message: "Dimensions [0,2) of indices[shape=[2,3,1]] must match dimensions [0,2) of updates[shape=[2,2,2,2]] [Op:ResourceScatterNdAdd]",
  });
  const v = new tf.Variable(tf.zeros([5, 3]));
  assert.throws(() => v.scatterNdUpdate([[0], [4], [2]], tf.ones([3, 4])), {
    name: "InvalidArgumentError",
    message: "Dimensions [1,2) of input[shape=[5,3]] must match dimensions [1,2) of updates[shape=[3,4]] [Op:ResourceScatterNdUpdate]",
  });
  assert.throws(() => v.scatterNdSub([[0], [4], [2]], tf.ones([2, 3])), {
    name: "InvalidArgumentError",
    message: "Dimensions [0,1) of indices[shape=[3,1]] = 3 must match dimensions [0,1) of updates[shape=[2,3]] = 2 [Op:ResourceScatterNdSub]",
  });
  assert.deepEqual(list(ref), [[[0, 0], [0, 0]], [[0, 0], [0, 0]]]);
  // Valid updates (the extra-indices-dimensions case) still work.
  ref.scatterNdUpdate(tf.zeros([1, 1, 3], "int32"), tf.constant([[7]], "int32"));
  assert.deepEqual(list(ref), [[[7, 0], [0, 0]], [[0, 0], [0, 0]]]);
  v.scatterNdUpdate([[0], [4]], [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(list(v.at("::4")), [[1, 2, 3], [4, 5, 6]]);
});
