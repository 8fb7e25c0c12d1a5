// tf.spaceToBatchNd / tf.batchToSpace: the examples of TensorFlow's docstrings
// (array_ops.py), inverse round trips, gradients (they are pad/reshape/transpose/slice), and
// the kernels' errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { checkGradients } from "./helpers/finite_difference.js";

const list = (t: tf.Tensor): unknown => t.numpy().tolist();
const iota = (n: number, dims: number[]): tf.Tensor => tf.constant(Float32Array.from({ length: n }, (_, i) => i + 1), "float32", dims);

test("space_to_batch_nd: the docstring's four examples", () => {
  assert.deepEqual(list(tf.spaceToBatchNd(iota(4, [1, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]])), [[[[1]]], [[[2]]], [[[3]]], [[[4]]]]);
  assert.deepEqual(list(tf.spaceToBatchNd(iota(12, [1, 2, 2, 3]), [2, 2], [[0, 0], [0, 0]])),
    [[[[1, 2, 3]]], [[[4, 5, 6]]], [[[7, 8, 9]]], [[[10, 11, 12]]]]);
  assert.deepEqual(list(tf.spaceToBatchNd(iota(16, [1, 4, 4, 1]), [2, 2], [[0, 0], [0, 0]])),
    [[[[1], [3]], [[9], [11]]], [[[2], [4]], [[10], [12]]], [[[5], [7]], [[13], [15]]], [[[6], [8]], [[14], [16]]]]);
  const y = tf.spaceToBatch(iota(16, [2, 2, 4, 1]), tf.constant([2, 2], "int32"), tf.constant([[0, 0], [2, 0]], "int32"));
  assert.deepEqual(y.shape.asList(), [8, 1, 3, 1]);
  assert.deepEqual(list(y), [[[[0], [1], [3]]], [[[0], [9], [11]]], [[[0], [2], [4]]], [[[0], [10], [12]]],
    [[[0], [5], [7]]], [[[0], [13], [15]]], [[[0], [6], [8]]], [[[0], [14], [16]]]]);
});

test("batch_to_space: the docstring's examples, and the inverse of space_to_batch_nd", () => {
  assert.deepEqual(list(tf.batchToSpace(iota(4, [4, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]])), [[[[1], [2]], [[3], [4]]]]);
  assert.deepEqual(list(tf.batchToSpace(iota(12, [4, 1, 1, 3]), [2, 2], [[0, 0], [0, 0]])),
    [[[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]]);
  const x = iota(16, [2, 2, 4, 1]);
  const s = tf.spaceToBatchNd(x, [2, 2], [[0, 0], [2, 0]]);
  assert.deepEqual(list(tf.batchToSpaceNd(s, [2, 2], [[0, 0], [2, 0]])), list(x));
  // 1-D and 3-D blocks, with trailing axes.
  const x1 = iota(2 * 6 * 3, [2, 6, 3]);
  assert.deepEqual(list(tf.batchToSpace(tf.spaceToBatchNd(x1, [3], [[1, 2]]), [3], [[1, 2]])), list(x1));
  const x3 = iota(1 * 2 * 4 * 2 * 2, [1, 2, 4, 2, 2]);
  const s3 = tf.spaceToBatchNd(x3, [2, 2, 1], [[0, 0], [0, 0], [1, 1]]);
  assert.deepEqual(s3.shape.asList(), [4, 1, 2, 4, 2]);
  assert.deepEqual(list(tf.batchToSpace(s3, [2, 2, 1], [[0, 0], [0, 0], [1, 1]])), list(x3));
});

test("gradients: space_to_batch_nd's is batch_to_space of the gradient (float64 finite differences)", () => {
  const x = tf.constant(Float64Array.from({ length: 2 * 3 * 4 * 2 }, (_, i) => Math.sin(i)), "float64", [2, 3, 4, 2]);
  checkGradients((t) => tf.spaceToBatchNd(t, [2, 2], [[1, 0], [0, 0]]), [x]);
  const y = tf.constant(Float64Array.from({ length: 8 * 2 * 2 * 1 }, (_, i) => Math.cos(i)), "float64", [8, 2, 2, 1]);
  checkGradients((t) => tf.batchToSpace(t, [2, 2], [[1, 0], [0, 1]]), [y]);
});

test("errors as TensorFlow's kernels raise them", () => {
  const is = (msg: string) => (e: unknown) => e instanceof tf.errors.InvalidArgumentError && e.message === msg;
  assert.throws(() => tf.spaceToBatchNd(tf.zeros([1, 5, 4, 1]), [2, 2], [[0, 0], [0, 0]]),
    is("padded_shape[0]=5 is not divisible by block_shape[0]=2 [Op:SpaceToBatchND]"));
  assert.throws(() => tf.spaceToBatchNd(tf.zeros([1, 4, 4, 1]), [2, 2], [[0, -1], [0, 0]]), is("Paddings must be non-negative [Op:SpaceToBatchND]"));
  assert.throws(() => tf.spaceToBatchNd(tf.zeros([1, 4, 4, 1]), [2, 0], [[0, 0], [0, 0]]),
    is("All values in block_shape must be positive, got value, 0 at index 1. [Op:SpaceToBatchND]"));
  assert.throws(() => tf.spaceToBatchNd(tf.zeros([4, 4]), [2, 2], [[0, 0], [0, 0]]), is("input rank should be >= 3 instead of 2 [Op:SpaceToBatchND]"));
  assert.throws(() => tf.spaceToBatchNd(tf.zeros([1, 4, 4, 1]), [2, 2], [[0, 0]]),
    is("paddings should have shape [2, 2] instead of [1,2] [Op:SpaceToBatchND]"));
  assert.throws(() => tf.batchToSpace(tf.zeros([6, 1, 1, 1]), [2, 2], [[0, 0], [0, 0]]),
    is("Input batch dimension (6) is not divisible by product of block sizes (4) [Op:BatchToSpaceND]"));
  assert.throws(() => tf.batchToSpace(tf.zeros([4, 1, 1, 1]), [2, 2], [[0, 0], [-1, 0]]), is("Crops must be non-negative [Op:BatchToSpaceND]"));
  assert.throws(() => tf.batchToSpace(tf.zeros([4, 1, 1, 1]), [2, 2], [[2, 1], [0, 0]]),
    is("Cropped size must be non-negative: start: 2 end: 1 size 2 [Op:BatchToSpaceND]"));
});
