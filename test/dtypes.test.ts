// DType and TensorShape objects print and behave as TensorFlow's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as tf from "tsflow";

test("DType prints as <dtype: 'name'>", () => {
  assert.equal(String(tf.float32), "<dtype: 'float32'>");
  assert.equal(inspect(tf.bfloat16), "<dtype: 'bfloat16'>");
  assert.equal(tf.complex128.repr(), "tf.complex128");
  assert.equal(tf.int64.name, "int64");
});

test("every dtype is reachable by name and aliases resolve", () => {
  const names = ["float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64",
    "uint8", "uint16", "uint32", "uint64", "bool", "complex64", "complex128", "string"];
  for (const n of names) assert.equal(tf.asDType(n).name, n);
  assert.equal(tf.asDType("float"), tf.float32);
  assert.equal(tf.asDType("double"), tf.float64);
  assert.equal(tf.asDType("half"), tf.float16);
  assert.equal(tf.asDType(tf.int8), tf.int8);
});

test("unknown dtype names raise TensorFlow's TypeError", () => {
  assert.throws(() => tf.asDType("float33"), {
    name: "TypeError",
    message: "Cannot convert the argument `type_value`: 'float33' to a TensorFlow DType.",
  });
  assert.throws(() => tf.constant(1, "complex32"), tf.errors.TypeError);
});

test("dtype properties", () => {
  assert.equal(tf.float16.isFloating, true);
  assert.equal(tf.uint8.isUnsigned, true);
  assert.equal(tf.int8.isUnsigned, false);
  assert.equal(tf.complex64.isComplex, true);
  assert.equal(tf.complex64.realDtype, tf.float32);
  assert.equal(tf.int32.size, 4);
  assert.equal(tf.int8.min, -128);
  assert.equal(tf.uint64.max, 2n ** 64n - 1n);
});

test("TensorShape prints as Python's", () => {
  assert.equal(String(new tf.TensorShape([2, 2])), "(2, 2)");
  assert.equal(String(new tf.TensorShape([2])), "(2,)");
  assert.equal(String(new tf.TensorShape([])), "()");
  assert.equal(String(new tf.TensorShape([null, 3])), "(None, 3)");
  assert.equal(String(new tf.TensorShape(null)), "<unknown>");
  assert.equal(inspect(new tf.TensorShape([4, 1])), "(4, 1)");
  assert.equal(new tf.TensorShape([null, 3]).repr(), "TensorShape([None, 3])");
});

test("TensorShape queries", () => {
  const s = new tf.TensorShape([2, null, 3]);
  assert.equal(s.rank, 3);
  assert.deepEqual(s.asList(), [2, null, 3]);
  assert.equal(s.numElements(), null);
  assert.equal(s.isCompatibleWith([2, 5, 3]), true);
  assert.equal(s.isCompatibleWith([2, 5]), false);
  assert.equal(new tf.TensorShape([2, 3]).numElements(), 6);
  assert.throws(() => new tf.TensorShape(null).asList(), {
    name: "ValueError", message: "as_list() is not defined on an unknown TensorShape.",
  });
});
