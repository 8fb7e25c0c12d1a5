// tf.constant / tf.convertToTensor: TensorFlow's inference and conversion rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

function info(t: tf.Tensor): [string, number[], unknown] {
  return [t.dtype.name, t.shape.asList() as number[], t.numpy().tolist()];
}

test("inference from JS values (API.md)", () => {
  assert.deepEqual(info(tf.constant(1.5)), ["float32", [], 1.5]);
  assert.deepEqual(info(tf.constant(3)), ["float32", [], 3]);
  assert.deepEqual(info(tf.constant([[1, 2], [3, 4]])), ["float32", [2, 2], [[1, 2], [3, 4]]]);
  assert.deepEqual(info(tf.constant(true)), ["bool", [], true]);
  assert.deepEqual(info(tf.constant([false, true])), ["bool", [2], [false, true]]);
  assert.deepEqual(info(tf.constant(5n)), ["int64", [], 5n]);
  assert.deepEqual(info(tf.constant([1n, 2n])), ["int64", [2], [1n, 2n]]);
  assert.deepEqual(info(tf.constant({ re: 5, im: 4 })), ["complex128", [], { re: 5, im: 4 }]);
  assert.deepEqual(info(tf.constant([])), ["float32", [0], []]);
  assert.deepEqual(info(tf.constant([[], []])), ["float32", [2, 0], [[], []]]);
  const s = tf.constant(["ab", "ç"]);
  assert.equal(s.dtype, tf.string);
  assert.deepEqual(s.numpy().tolist(), [new Uint8Array([97, 98]), new Uint8Array([0xc3, 0xa7])]);
});

test("typed arrays keep their dtype", () => {
  const cases: [ArrayBufferView, string][] = [
    [new Float32Array([1]), "float32"], [new Float64Array([1]), "float64"],
    [new Int8Array([1]), "int8"], [new Int16Array([1]), "int16"], [new Int32Array([1]), "int32"],
    [new Uint8Array([1]), "uint8"], [new Uint16Array([1]), "uint16"], [new Uint32Array([1]), "uint32"],
    [new BigInt64Array([1n]), "int64"], [new BigUint64Array([1n]), "uint64"],
  ];
  for (const [a, d] of cases) assert.equal(tf.constant(a as Float32Array).dtype.name, d);
  const t = tf.constant(new Int32Array([1, 2, 3, 4, 5, 6]), undefined, [2, 3]);
  assert.deepEqual(info(t), ["int32", [2, 3], [[1, 2, 3], [4, 5, 6]]]);
  // A typed array is copied: changing it later does not change the tensor.
  const src = new Float32Array([1, 2]);
  const c = tf.constant(src);
  src[0] = 9;
  assert.deepEqual(c.numpy().tolist(), [1, 2]);
});

test("requested dtypes", () => {
  assert.deepEqual(info(tf.constant([1, 2], "int32")), ["int32", [2], [1, 2]]);
  assert.deepEqual(info(tf.constant(1, tf.int64)), ["int64", [], 1n]);
  assert.deepEqual(info(tf.constant([1.5, 2], "float64")), ["float64", [2], [1.5, 2]]);
  assert.deepEqual(info(tf.constant(0.1, "float16")), ["float16", [], 0.0999755859375]);
  assert.deepEqual(info(tf.constant(1.1, "bfloat16")), ["bfloat16", [], 1.1015625]);
  assert.deepEqual(info(tf.constant([1, 2], "complex64")), ["complex64", [2], [{ re: 1, im: 0 }, { re: 2, im: 0 }]]);
  assert.deepEqual(info(tf.constant(300, "uint8")), ["uint8", [], 44]); // TF casts int64 -> uint8
  assert.deepEqual(info(tf.constant(2 ** 31, "int32")), ["int32", [], -(2 ** 31)]);
  assert.deepEqual(info(tf.constant([true, false], "float32")), ["float32", [2], [1, 0]]);
  assert.deepEqual(info(tf.constant(new Float32Array([1.7, -1.7]), "int32")), ["int32", [2], [1, -1]]);
});

test("conversion errors are TensorFlow's", () => {
  assert.throws(() => tf.constant([[1, 2], [3]]), {
    name: "ValueError", message: "Can't convert non-rectangular Python sequence to Tensor.",
  });
  assert.throws(() => tf.constant([[1, 2], 3]), {
    name: "ValueError", message: "Can't convert non-rectangular Python sequence to Tensor.",
  });
  assert.throws(() => tf.constant(1.5, "int32"), {
    name: "TypeError", message: "Cannot convert 1.5 to EagerTensor of dtype int32",
  });
  assert.throws(() => tf.constant([1, 2.5], "uint8"), {
    name: "TypeError", message: "Cannot convert [1, 2.5] to EagerTensor of dtype uint8",
  });
  assert.throws(() => tf.constant(1, "bool"), {
    name: "TypeError", message: "Cannot convert 1 to EagerTensor of dtype bool",
  });
  assert.throws(() => tf.constant("a", "float32"), {
    name: "TypeError", message: "Cannot convert 'a' to EagerTensor of dtype float32",
  });
  assert.throws(() => tf.constant([true, 1.5]), {
    name: "ValueError", message: "Can't convert Python sequence with mixed types to Tensor.",
  });
  assert.throws(() => tf.constant(["a", 1]), {
    name: "ValueError", message: "Can't convert Python sequence with mixed types to Tensor.",
  });
  assert.throws(() => tf.constant(1e40), {
    name: "ValueError", message: "Can't convert Python sequence with a value out of range for a double-precision float.",
  });
  assert.throws(() => tf.constant(2n ** 70n), {
    name: "ValueError", message: "Can't convert Python sequence with out-of-range integer to Tensor.",
  });
  assert.throws(() => tf.constant([null] as unknown as number[]), {
    name: "ValueError", message: "Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor.",
  });
});

test("shape argument: reshape, fill or TypeError", () => {
  assert.deepEqual(info(tf.constant([1, 2, 3, 4], "int32", [2, 2])), ["int32", [2, 2], [[1, 2], [3, 4]]]);
  assert.deepEqual(info(tf.constant(7, "int32", [2, 3])), ["int32", [2, 3], [[7, 7, 7], [7, 7, 7]]]);
  assert.throws(() => tf.constant([1, 2, 3], "int32", [2, 2]), {
    name: "TypeError",
    message: "Eager execution of tf.constant with unsupported shape. Tensor <tf.Tensor: shape=(3,), dtype=int32, " +
      "numpy=array([1, 2, 3], dtype=int32)> (converted from [1, 2, 3]) has 3 elements, but got `shape` (2, 2) with 4 elements).",
  });
});

test("convertToTensor of tensors, variables and arrays of tensors", () => {
  const t = tf.constant([1, 2]);
  assert.equal(tf.convertToTensor(t), t);
  assert.throws(() => tf.convertToTensor(t, "int32"), {
    name: "ValueError",
    message: "Tensor conversion requested dtype int32 for Tensor with dtype float32: " +
      "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>",
  });
  const v = new tf.Variable([1, 2], { dtype: "int32" });
  const snap = tf.convertToTensor(v);
  assert.deepEqual(info(snap), ["int32", [2], [1, 2]]);
  v.assign([5, 6]);
  assert.deepEqual(snap.numpy().tolist(), [1, 2], "a snapshot does not follow later assigns");
  const packed = tf.constant([tf.constant([1, 2], "int32"), tf.constant([3, 4], "int32")]);
  assert.deepEqual(info(packed), ["int32", [2, 2], [[1, 2], [3, 4]]]);
  const nd = tf.constant([[1, 2]], "int16").numpy();
  assert.deepEqual(info(tf.convertToTensor(nd)), ["int16", [1, 2], [[1, 2]]]);
});
