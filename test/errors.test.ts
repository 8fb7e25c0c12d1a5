// tf.errors: TensorFlow's classes, names and codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

test("error classes carry TensorFlow's names and codes", () => {
  const cases: [new (m: string) => Error, string, number | undefined][] = [
    [tf.errors.ValueError, "ValueError", undefined],
    [tf.errors.TypeError, "TypeError", undefined],
    [tf.errors.InvalidArgumentError, "InvalidArgumentError", 3],
    [tf.errors.NotFoundError, "NotFoundError", 5],
    [tf.errors.ResourceExhaustedError, "ResourceExhaustedError", 8],
    [tf.errors.FailedPreconditionError, "FailedPreconditionError", 9],
    [tf.errors.OutOfRangeError, "OutOfRangeError", 11],
    [tf.errors.UnimplementedError, "UnimplementedError", 12],
    [tf.errors.InternalError, "InternalError", 13],
    [tf.errors.DataLossError, "DataLossError", 15],
  ];
  for (const [cls, name, code] of cases) {
    const e = new cls("boom");
    assert.equal(e.name, name);
    assert.equal(cls.name, name);
    assert.equal(e.message, "boom");
    assert.ok(e instanceof Error);
    if (code !== undefined) {
      assert.ok(e instanceof tf.errors.OpError);
      assert.equal((e as InstanceType<typeof tf.errors.OpError>).errorCode, code);
    }
  }
  assert.ok(new tf.errors.TypeError("x") instanceof TypeError, "tf.errors.TypeError is a JS TypeError too");
});

test("op errors end with [Op:Name]", () => {
  assert.throws(() => tf.add(tf.constant([1, 2]), tf.constant([1, 2, 3])), {
    name: "InvalidArgumentError",
    message: "Incompatible shapes: [2] vs. [3] [Op:AddV2]",
  });
  assert.throws(() => tf.add(tf.constant([1.5]), tf.constant([1], "int32")), {
    name: "InvalidArgumentError",
    message: "cannot compute AddV2 as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:AddV2]",
  });
});

test("an op no device has a kernel for is TensorFlow's NotFoundError", () => {
  assert.throws(() => tf.matmul(tf.zeros([2, 2], "int8"), tf.zeros([2, 2], "int8")), {
    name: "NotFoundError",
    message: "Could not find device for node: {{node MatMul}} = MatMul[T=DT_INT8] [Op:MatMul]",
  });
  assert.throws(() => tf.reduceMax(tf.zeros([2], "complex64")), {
    name: "NotFoundError",
    message: "Could not find device for node: {{node Max}} = Max[T=DT_COMPLEX64] [Op:Max]",
  });
});
