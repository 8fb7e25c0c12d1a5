// tf.scatterNd (ScatterNd) and tf.tensorScatterNdUpdate/Add/Sub/Min/Max (TensorScatter*):
// TensorFlow's documented examples, duplicates, slices, dtypes and shape arguments, the
// kernels' exact errors in their order (scatter_nd_op.cc, scatter_nd_ops_test.py), and the
// gradients of array_grad.py (finite differences in float64, exact values at ties).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { checkGradients } from "./helpers/finite_difference.js";

const list = (t: tf.Tensor | tf.Variable) => t.numpy().tolist();
const i32 = (v: tf.TensorLike) => tf.constant(v, "int32");
const f64 = (v: tf.TensorLike) => tf.constant(v, "float64");
const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const SLICES = [[[5, 5, 5, 5], [6, 6, 6, 6], [7, 7, 7, 7], [8, 8, 8, 8]], [[5, 5, 5, 5], [6, 6, 6, 6], [7, 7, 7, 7], [8, 8, 8, 8]]];
const rows = (v: number) => [[v, v, v, v], [v, v, v, v], [v, v, v, v], [v, v, v, v]];

function throwsTf(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    return true;
  });
}

test("tf.scatterNd: TensorFlow's documented examples (elements, then slices of a rank-3 tensor)", () => {
  const s = tf.scatterNd(i32([[4], [3], [1], [7]]), i32([9, 10, 11, 12]), i32([8]));
  assert.equal(String(s), "tf.Tensor([ 0 11  0 10  9  0  0 12], shape=(8,), dtype=int32)");
  const t = tf.scatterNd([[0], [2]], i32(SLICES), [4, 4, 4]);
  assert.deepEqual(list(t), [SLICES[0], rows(0), SLICES[1], rows(0)]);
  assert.equal(t.dtype.name, "int32");
});

test("tf.tensorScatterNdUpdate: TensorFlow's documented examples", () => {
  const a = tf.tensorScatterNdUpdate(i32([0, 0, 0, 0, 0, 0, 0, 0]), [[1], [3], [4], [7]], [9, 10, 11, 12]);
  assert.equal(String(a), "tf.Tensor([ 0  9  0 10 11  0  0 12], shape=(8,), dtype=int32)");
  const b = tf.tensorScatterNdUpdate(i32([[1, 1], [1, 1], [1, 1]]), [[0, 1], [2, 0]], [5, 10]);
  assert.equal(String(b), "tf.Tensor(\n[[ 1  5]\n [ 1  1]\n [10  1]], shape=(3, 2), dtype=int32)");
  const c = tf.tensorScatterNdUpdate(tf.zeros([4, 4, 4], "int32"), [[0], [2]], SLICES);
  assert.deepEqual(list(c), [SLICES[0], rows(0), SLICES[1], rows(0)]);
  // Slices of a matrix by row, and batched index tuples (indices of rank 3).
  assert.deepEqual(list(tf.tensorScatterNdUpdate(i32([[1, 1, 1], [1, 1, 1]]), [[1]], [[7, 8, 9]])), [[1, 1, 1], [7, 8, 9]]);
  assert.deepEqual(list(tf.tensorScatterNdUpdate(i32([[0, 0], [0, 0]]), [[[0, 0], [1, 1]], [[0, 1], [1, 0]]], [[1, 2], [3, 4]])), [[1, 3], [4, 2]]);
});

test("tf.tensorScatterNdAdd / Sub / Min / Max: TensorFlow's documented examples", () => {
  const ix = [[4], [3], [1], [7]];
  assert.deepEqual(list(tf.tensorScatterNdAdd(tf.ones([8], "int32"), ix, [9, 10, 11, 12])), [1, 12, 1, 11, 10, 1, 1, 13]);
  assert.deepEqual(list(tf.tensorScatterNdSub(tf.ones([8], "int32"), ix, [9, 10, 11, 12])), [1, -10, 1, -9, -8, 1, 1, -11]);
  assert.deepEqual(list(tf.tensorScatterNdAdd(tf.ones([4, 4, 4], "int32"), [[0], [2]], SLICES)),
    [SLICES[0].map((r) => r.map((v) => v + 1)), rows(1), SLICES[1].map((r) => r.map((v) => v + 1)), rows(1)]);
  assert.deepEqual(list(tf.tensorScatterNdSub(tf.ones([4, 4, 4], "int32"), [[0], [2]], SLICES)),
    [SLICES[0].map((r) => r.map((v) => 1 - v)), rows(1), SLICES[1].map((r) => r.map((v) => 1 - v)), rows(1)]);
  const z = i32([0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(tf.tensorScatterNdMax(z, [[1], [4], [5]], [1, -1, 1]).numpy().repr(), "array([0, 1, 0, 0, 0, 1, 0, 0], dtype=int32)");
  assert.equal(tf.tensorScatterNdMin(z, [[1], [4], [5]], [1, -1, 1]).numpy().repr(), "array([ 0,  0,  0,  0, -1,  0,  0,  0], dtype=int32)");
  // The input is not changed.
  assert.deepEqual(list(z), [0, 0, 0, 0, 0, 0, 0, 0]);
});

test("the TF1 names tf.tensorScatterUpdate/Add/Sub/Min/Max are the same functions", () => {
  assert.equal(tf.tensorScatterUpdate, tf.tensorScatterNdUpdate);
  assert.equal(tf.tensorScatterAdd, tf.tensorScatterNdAdd);
  assert.equal(tf.tensorScatterSub, tf.tensorScatterNdSub);
  assert.equal(tf.tensorScatterMin, tf.tensorScatterNdMin);
  assert.equal(tf.tensorScatterMax, tf.tensorScatterNdMax);
});

test("duplicate indices: ScatterNd and Add/Sub accumulate, Update keeps the last, Min/Max compare each", () => {
  const ix = [[1], [1], [0], [1]];
  assert.deepEqual(list(tf.scatterNd(ix, [1, 2, 3, 4], [3])), [3, 7, 0]);
  assert.deepEqual(list(tf.tensorScatterNdAdd(f64([10, 10, 10]), ix, [1, 2, 3, 4])), [13, 17, 10]);
  assert.deepEqual(list(tf.tensorScatterNdSub(f64([10, 10, 10]), ix, [1, 2, 3, 4])), [7, 3, 10]);
  assert.deepEqual(list(tf.tensorScatterNdUpdate(f64([10, 10, 10]), ix, [1, 2, 3, 4])), [3, 4, 10]);
  assert.deepEqual(list(tf.tensorScatterNdMin(f64([10, 10, 10]), ix, [5, 2, 30, 4])), [10, 2, 10]);
  assert.deepEqual(list(tf.tensorScatterNdMax(f64([10, 10, 10]), ix, [5, 20, 30, 4])), [30, 20, 10]);
  // Slices hit twice accumulate as wholes.
  assert.deepEqual(list(tf.scatterNd([[0], [0]], [[1, 2], [3, 4]], [2, 2])), [[4, 6], [0, 0]]);
  // float32 accumulates in float32, in index order.
  const s = tf.scatterNd([[0], [0], [0]], tf.constant([1e8, 1, -1e8], "float32"), [1]);
  assert.deepEqual(list(s), [0]);
});

test("ScatterNd on bool (logical or) and string (joined in index order), as TensorFlow's CPU kernel", () => {
  assert.deepEqual(list(tf.scatterNd([[4], [3], [1], [7]], [false, true, false, true], [8])), [false, false, false, true, false, false, false, true]);
  assert.deepEqual(list(tf.scatterNd([[4], [3], [3], [7]], [false, true, true, true], [8])), [false, false, false, true, false, false, false, true]);
  const s = tf.scatterNd([[4], [3], [3], [7]], tf.constant(["a", "b", "c", "d"]), [8]);
  assert.equal(s.dtype.name, "string");
  assert.deepEqual(list(s), ["", "", "", "bc", "a", "", "", "d"].map(bytes));
  assert.deepEqual(list(tf.tensorScatterNdUpdate(tf.constant(["x", "y"]), [[1]], tf.constant(["z"]))), [bytes("x"), bytes("z")]);
  assert.deepEqual(list(tf.tensorScatterNdUpdate(tf.constant([true, true]), [[0]], [false])), [false, true]);
});

test("dtypes: ints, uint8, int64 (bigint), float16, complex; int32 and int64 indices", () => {
  assert.deepEqual(list(tf.scatterNd([[1]], tf.constant([200, 100], "uint8", [1, 2]), [2, 2])), [[0, 0], [200, 100]]);
  assert.deepEqual(list(tf.tensorScatterNdAdd(tf.constant([250], "uint8"), [[0]], tf.constant([10], "uint8"))), [4]);
  const big = tf.tensorScatterNdAdd(tf.constant([1n, 2n]), tf.constant([[1n]]), tf.constant([2n ** 40n]));
  assert.deepEqual(list(big), [1n, 2n + 2n ** 40n]);
  assert.deepEqual(list(tf.tensorScatterNdMax(tf.constant([1, 5], "int16"), tf.constant([[0], [1]], "int64"), tf.constant([3, 3], "int16"))), [3, 5]);
  assert.deepEqual(list(tf.scatterNd(tf.constant([[0], [0]], "int64"), tf.constant([0.5, 0.25], "float16"), tf.constant([2], "int64"))), [0.75, 0]);
  const c = tf.scatterNd([[1], [1]], tf.constant([{ re: 1, im: 2 }, { re: 3, im: -1 }], "complex64"), [2]);
  assert.deepEqual(list(c), [{ re: 0, im: 0 }, { re: 4, im: 1 }]);
  assert.equal(tf.tensorScatterNdUpdate(tf.zeros([2], "complex128"), [[0]], tf.constant([{ re: 1, im: 1 }], "complex128")).numpy().repr(),
    "array([1.+1.j, 0.+0.j])");
});

test("the shape of tf.scatterNd: an array, a TensorShape, an int tensor of the indices' dtype, a list with scalar tensors", () => {
  const want = [[0, 0], [0, 5]];
  assert.deepEqual(list(tf.scatterNd([[1, 1]], [5], [2, 2])), want);
  assert.deepEqual(list(tf.scatterNd([[1, 1]], [5], new tf.TensorShape([2, 2]))), want);
  assert.deepEqual(list(tf.scatterNd([[1, 1]], [5], tf.zeros([2, 2]).shape)), want);
  assert.deepEqual(list(tf.scatterNd([[1, 1]], [5], i32([2, 2]))), want);
  assert.deepEqual(list(tf.scatterNd([[1, 1]], [5], [i32(2), 2])), want);
  assert.deepEqual(list(tf.scatterNd(tf.constant([[1n, 1n]]), [5], tf.constant([2n, 2n]))), want);
  assert.deepEqual(list(tf.scatterNd(tf.constant([[1n, 1n]]), [5], [2, 2])), want);
  // Empty: no indices, no updates.
  const e = tf.scatterNd(tf.zeros([0, 1], "int32"), tf.zeros([0, 3]), [2, 3]);
  assert.deepEqual(list(e), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(tf.scatterNd(tf.zeros([0], "int32"), tf.zeros([0], "int32"), [0]).dims, [0]);
});

test("ScatterNd's errors: TensorFlow's kernel messages, in its order", () => {
  const IA = "InvalidArgumentError";
  const z = (dims: number[]) => tf.zeros(dims, "int32");
  throwsTf(() => tf.scatterNd(i32(0), [1], [2]), IA, "Indices shape must have rank at least one. Found:[] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[0]], 1, [2]), IA, "Updates shape must have rank at least one. Found:[] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[0]], [1], [-2]), IA, "Dimension -2 must be >= 0 [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[0]], [1], []), IA, "Indices and updates specified for empty output shape [Op:ScatterNd]");
  // scatter_nd_ops_test: testEmptyOutputShape1, testRank3InvalidShape1/2, #93680's updates of low rank.
  throwsTf(() => tf.scatterNd(z([2, 2, 2]), z([2, 2, 2]), i32([0, 3, 2])), IA,
    "Indices and updates specified for empty output.  indices shape: [2,2,2] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(z([3, 2, 2]), z([2, 2, 2]), [2, 2, 2]), IA,
    "Dimensions [0,2) of indices[shape=[3,2,2]] must match dimensions [0,2) of updates[shape=[2,2,2]] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(z([2, 2, 1]), z([2, 2]), [2, 2, 2]), IA,
    "Dimensions [1,3) of input[shape=[2,2,2]] must match dimensions [2,2) of updates[shape=[2,2]] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(z([2, 1]), z([2, 3]), [4, 2]), IA,
    "Dimensions [1,2) of input[shape=[4,2]] must match dimensions [1,2) of updates[shape=[2,3]] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(z([4, 1, 1]), z([4]), [8]), IA,
    "Dimensions [0,2) of indices[shape=[4,1,1]] must match dimensions [0,2) of updates[shape=[4]] [Op:ScatterNd]");
  // testInvalidShape: indices=[0] (one depth-1 tuple read as a batch of scalars by DoScatterNd).
  throwsTf(() => tf.scatterNd([0], [0], [1]), IA,
    "Dimensions [1,1) of input[shape=[1]] must match dimensions [0,1) of updates[shape=[1]] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([1], [4, 4], [3, 2]), IA,
    "Dimensions [0,1) of indices[shape=[1]] = 1 must match dimensions [0,1) of updates[shape=[2]] = 2 [Op:ScatterNd]");
  // The shape is checked to be a vector after the rest; a number is a scalar shape, as a Python int.
  throwsTf(() => tf.scatterNd([[1]], [5], i32([[3]])), IA, "Shape must be a vector [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[1]], [5], 3 as unknown as number[]), IA, "Shape must be a vector [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(tf.zeros([0, 0], "int32"), tf.zeros([0]), [0]), IA,
    "Dimensions [0,1) of input[shape=[0]] must match dimensions [1,1) of updates[shape=[0]] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(tf.zeros([0, 0], "int32"), tf.zeros([0]), []), IA, "Output must be at least 1-D, got shape: [] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(tf.zeros([0, 0], "int32"), tf.zeros([0, 2]), [2]), IA,
    "Only indices.shape[-1] values between 1 and 5 are currently supported.  Requested rank: 0 [Op:ScatterNd]");
  // Out of range: the first bad tuple, with the kernel's message.
  throwsTf(() => tf.scatterNd([[0, 1], [2, 0], [1, 9]], [1, 2, 3], [2, 2]), IA, "indices[1] = [2, 0] does not index into shape [2,2] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[[0], [-1]]], [[1, 2]], [3]), IA, "indices[0,1] = [-1] does not index into shape [3] [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(tf.constant([[5n]]), [1], [3]), IA, "indices[0] = [5] does not index into shape [3] [Op:ScatterNd]");
  // Index and shape dtypes.
  throwsTf(() => tf.scatterNd(tf.constant([[0]], "float32"), [1], [2]), IA,
    "Value for attr 'Tindices' of float is not in the list of allowed values: int16, int32, int64 [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd([[0]], [1], tf.constant([2n])), IA,
    "cannot compute ScatterNd as input #2(zero-based) was expected to be a int32 tensor but is a int64 tensor [Op:ScatterNd]");
  throwsTf(() => tf.scatterNd(tf.constant([[0]], "int16"), [1], [2]), "NotFoundError",
    "Could not find device for node: {{node ScatterNd}} = ScatterNd[T=DT_FLOAT, Tindices=DT_INT16] [Op:ScatterNd]");
});

test("TensorScatter*'s errors: TensorFlow's kernel messages, in its order", () => {
  const IA = "InvalidArgumentError";
  const t = tf.zeros([4, 2]);
  throwsTf(() => tf.tensorScatterNdUpdate(t, i32(1), [1]), IA, "Indices shape must have rank at least one. Found:[] [Op:TensorScatterUpdate]");
  throwsTf(() => tf.tensorScatterNdAdd(t, [[1, 1]], 1), IA, "Updates shape must have rank at least one. Found:[] [Op:TensorScatterAdd]");
  throwsTf(() => tf.tensorScatterNdSub(tf.zeros([0, 2]), [[0]], [[1, 2]]), IA, "Indices and updates specified for empty output shape [Op:TensorScatterSub]");
  throwsTf(() => tf.tensorScatterNdMin(t, [[[1]], [[2]]], [[1, 2]]), IA,
    "Outer dimensions of indices and update must match. Indices shape: [2,1,1], updates shape:[1,2] [Op:TensorScatterMin]");
  throwsTf(() => tf.tensorScatterNdMax(t, [[1]], [1]), IA,
    "Inner dimensions of output shape must match inner dimensions of updates shape. Output: [4,2] updates: [1] [Op:TensorScatterMax]");
  throwsTf(() => tf.tensorScatterNdUpdate(t, [[1]], [[1, 2, 3]]), IA,
    "The inner 1 dimensions of output.shape=[4,2] must match the inner 1 dimensions of updates.shape=[1,3] [Op:TensorScatterUpdate]");
  throwsTf(() => tf.tensorScatterNdUpdate(tf.constant(1), tf.zeros([0, 0], "int32"), tf.zeros([0])), IA,
    "Output must be at least 1-D, got shape: [] [Op:TensorScatterUpdate]");
  throwsTf(() => tf.tensorScatterNdUpdate(tf.zeros([4]), [[1], [4]], [1, 2]), IA, "indices[1] = [4] does not index into shape [4] [Op:TensorScatterUpdate]");
  throwsTf(() => tf.tensorScatterNdAdd(t, [[1, 1]], tf.constant([1], "int32")), IA,
    "cannot compute TensorScatterAdd as input #2(zero-based) was expected to be a float tensor but is a int32 tensor [Op:TensorScatterAdd]");
  // Dtypes outside the CPU kernels: Add/Sub take numbers, Min/Max real numbers, Update everything.
  throwsTf(() => tf.tensorScatterNdAdd(tf.constant([true]), [[0]], [false]), "NotFoundError",
    "Could not find device for node: {{node TensorScatterAdd}} = TensorScatterAdd[T=DT_BOOL, Tindices=DT_INT32] [Op:TensorScatterAdd]");
  throwsTf(() => tf.tensorScatterNdMax(tf.zeros([1], "complex64"), [[0]], tf.zeros([1], "complex64")), "NotFoundError",
    "Could not find device for node: {{node TensorScatterMax}} = TensorScatterMax[T=DT_COMPLEX64, Tindices=DT_INT32] [Op:TensorScatterMax]");
  throwsTf(() => tf.tensorScatterNdAdd(t, tf.constant([[1]], "int16"), [[1, 2]]), IA,
    "Value for attr 'Tindices' of int16 is not in the list of allowed values: int32, int64 [Op:TensorScatterAdd]");
  throwsTf(() => tf.tensorScatterNdUpdate(t, tf.constant([[1]], "uint16"), [[1, 2]]), "NotFoundError",
    "Could not find device for node: {{node TensorScatterUpdate}} = TensorScatterUpdate[T=DT_FLOAT, Tindices=DT_UINT16] [Op:TensorScatterUpdate]");
});

test("v.scatterNdUpdate into a variable without elements raises DoScatterNd's empty-output error", () => {
  const v = new tf.Variable(tf.zeros([0, 3]));
  throwsTf(() => v.scatterNdUpdate([[0]], [[1, 2, 3]]), "InvalidArgumentError",
    "Indices and updates specified for empty output.  indices shape: [1,1] [Op:ResourceScatterNdUpdate]");
});

test("gradients: finite differences in float64 (array_grad.py's ScatterNd and TensorScatter* gradients)", () => {
  const u = f64([[0.5, -1.25], [2, 0.75], [-0.5, 3]]);
  const t = tf.constant(Float64Array.from({ length: 8 }, (_, i) => Math.cos(i)), "float64", [4, 2]);
  const rowsIx = [[2], [0], [2]];
  checkGradients((x) => tf.scatterNd(rowsIx, x, [4, 2]), [u]);
  checkGradients((x) => tf.scatterNd([[1, 0], [3, 1], [1, 0]], x, [4, 2]), [f64([1, 2, 3])]);
  checkGradients((a, b) => tf.tensorScatterNdAdd(a, rowsIx, b), [t, u]);
  checkGradients((a, b) => tf.tensorScatterNdSub(a, rowsIx, b), [t, u]);
  // Update at distinct indices (a repeated index's gradients are checked exactly below).
  checkGradients((a, b) => tf.tensorScatterNdUpdate(a, [[3], [0]], b), [t, f64([[9, 8], [7, 6]])]);
  // Min/Max away from ties.
  const m = f64([[0.1, 5], [-3, 0.4], [0.3, -2]]);
  checkGradients((a, b) => tf.tensorScatterNdMin(a, [[1], [3], [1]], b), [t, m]);
  checkGradients((a, b) => tf.tensorScatterNdMax(a, [[1], [3], [1]], b), [t, m]);
});

test("gradients: exact values (update zeroes the overwritten tensor entries; min/max share ties)", () => {
  const grads = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, a: tf.Tensor, b: tf.Tensor, dy: tf.Tensor) => {
    const tape = new tf.GradientTape();
    const y = tape.record(() => { tape.watch([a, b]); return tf.reduceSum(tf.multiply(f(a, b), dy)); });
    return tape.gradient(y, [a, b]).map((g) => list(g!));
  };
  const dy = f64([1, 2, 3, 4]);
  assert.deepEqual(grads((a, b) => tf.tensorScatterNdUpdate(a, [[1], [1], [3]], b), f64([0, 0, 0, 0]), f64([5, 6, 7]), dy), [[1, 0, 3, 0], [2, 2, 4]]);
  assert.deepEqual(grads((a, b) => tf.tensorScatterNdSub(a, [[1], [1]], b), f64([0, 0, 0, 0]), f64([5, 6]), dy), [[1, 2, 3, 4], [-2, -2]]);
  // A tie between the tensor and an update at index 0 shares dy; index 2: the update wins.
  assert.deepEqual(grads((a, b) => tf.tensorScatterNdMax(a, [[0], [2]], b), f64([1, 1, 1, 1]), f64([1, 5]), dy), [[0.5, 2, 0, 4], [0.5, 3]]);
  assert.deepEqual(grads((a, b) => tf.tensorScatterNdMin(a, [[0], [0]], b), f64([2, 1, 1, 1]), f64([2, 2]), dy), [[1 / 3, 2, 3, 4], [1 / 3, 1 / 3]]);
  // ScatterNd: dy gathered at the indices; the indices get none.
  const ix = i32([[2], [2]]);
  const upd = f64([1, 1]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(upd); return tf.reduceSum(tf.multiply(tf.scatterNd(ix, upd, [3]), f64([1, 2, 3]))); });
  assert.deepEqual(list(tape.gradient(y, [upd])[0]!), [3, 3]);
});

test("GatherNd's gradient is ScatterNd's, rank-1 indices and index tuples of length 0 included", () => {
  const x = tf.constant(Float64Array.from({ length: 12 }, (_, i) => Math.sin(i)), "float64", [3, 4]);
  checkGradients((p) => tf.gatherNd(p, [2, 1]), [x]);
  checkGradients((p) => tf.gatherNd(p, [1]), [x]);
  checkGradients((p) => tf.gatherNd(p, tf.zeros([2, 0], "int32")), [x]);
  checkGradients((p) => tf.gatherNd(p, tf.constant([[2, 3], [0, 0], [2, 3]], "int64")), [x]);
});
