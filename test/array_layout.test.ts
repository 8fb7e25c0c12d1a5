// tf.shape/size/rank, broadcasting, linspace, oneHot, reverse, roll, split, unstack, repeat,
// meshgrid, booleanMask and sequenceMask against numpy, with TensorFlow's errors and gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { assertMatchesNumpy, numpyAvailable } from "./helpers/array_oracle.js";
import { checkGradients, rand } from "./helpers/array_gradcheck.js";

const skip = !numpyAvailable();
const i32 = (v: number | number[] | number[][]) => tf.constant(v as number[], "int32");
const f32 = (v: number | number[] | number[][] | number[][][]) => tf.constant(v as number[], "float32");
const x23 = f32([[1, 2, 3], [4, 5, 6]]);

test("tf.shape, tf.shapeN, tf.size, tf.rank: int32 (or int64) tensors", () => {
  assert.equal(String(tf.shape(x23)), "tf.Tensor([2 3], shape=(2,), dtype=int32)");
  assert.equal(tf.shape(x23, "int64").dtype.name, "int64");
  assert.equal(String(tf.size(x23)), "tf.Tensor(6, shape=(), dtype=int32)");
  assert.equal(tf.size(x23, "int64").dtype.name, "int64");
  assert.equal(String(tf.rank(x23)), "tf.Tensor(2, shape=(), dtype=int32)");
  assert.equal(String(tf.rank(f32(3))), "tf.Tensor(0, shape=(), dtype=int32)");
  assert.deepEqual(tf.shapeN([x23, f32([1])]).map((t) => t.numpy().tolist()), [[2, 3], [1]]);
  assert.deepEqual(tf.reshape(f32([1, 2, 3, 4, 5, 6]), tf.shape(x23)).dims, [2, 3]);
});

test("tf.broadcastTo matches np.broadcast_to; TF's errors", { skip }, () => {
  const v = f32([1, 2, 3]);
  assertMatchesNumpy(tf.broadcastTo(v, [2, 3]), "np.broadcast_to(a0, (2, 3))", v);
  const c = f32([[1], [2]]);
  assertMatchesNumpy(tf.broadcastTo(c, [3, 2, 4]), "np.broadcast_to(a0, (3, 2, 4))", c);
  assertMatchesNumpy(tf.broadcastTo(i32(7), tf.constant([2, 2], "int32")), "np.broadcast_to(a0, (2, 2))", i32(7));
  assert.throws(() => tf.broadcastTo(v, [2, 4]), {
    name: "InvalidArgumentError", message: "Incompatible shapes: [3] vs. [2,4] [Op:BroadcastTo]",
  });
  assert.throws(() => tf.broadcastTo(x23, [3]), {
    name: "InvalidArgumentError", message: "Rank of input (2) must be no greater than rank of output shape (1). [Op:BroadcastTo]",
  });
});

test("BroadcastTo's gradient sums over the broadcast axes", () => {
  checkGradients((x) => tf.broadcastTo(x, [4, 2, 3]), [rand([2, 1])]);
  checkGradients((x) => tf.broadcastTo(x, [2, 3]), [rand([3])]);
});

test("tf.broadcastStaticShape and tf.broadcastDynamicShape", () => {
  assert.equal(String(tf.broadcastStaticShape(new tf.TensorShape([2, 1, 3]), new tf.TensorShape([4, 1]))), "(2, 4, 3)");
  assert.equal(String(tf.broadcastStaticShape([null, 1], [5])), "(None, 5)");
  assert.throws(() => tf.broadcastStaticShape([2, 3], [4]), {
    name: "ValueError",
    message: "Incompatible shapes for broadcasting. Two shapes are compatible if for each dimension pair they are either equal or one of them is 1. Received: (2, 3) and (4,).",
  });
  assert.equal(String(tf.broadcastDynamicShape(i32([2, 1, 3]), i32([4, 1]))), "tf.Tensor([2 4 3], shape=(3,), dtype=int32)");
  assert.throws(() => tf.broadcastDynamicShape(i32([2]), i32([3])), {
    name: "InvalidArgumentError", message: "Incompatible shapes: [2] vs. [3] [Op:BroadcastArgs]",
  });
});

test("tf.linspace: TensorFlow's float32 values (start + delta * i, the stop exact), nd and axis", { skip }, () => {
  const tfWay = "np.concatenate([[a0], a0 + ((a1 - a0) / np.float32(a2 - 1)) * np.arange(1, a2 - 1, dtype=np.float32), [a1]]).astype(np.float32)";
  for (const [s, e, n] of [[10, 12, 3], [0, 1, 7], [-3.5, 8.25, 11], [1, 0, 4]] as const) {
    assertMatchesNumpy(tf.linspace(s, e, n), tfWay, f32(s), f32(e), f32(n));
  }
  assert.deepEqual(tf.linspace(3, 9, 1).numpy().tolist(), [3]);
  assert.deepEqual(tf.linspace(3, 9, 0).dims, [0]);
  const a = f32([0, 5]), b = f32([10, 40]);
  assertMatchesNumpy(tf.linspace(a, b, 5, { axis: -1 }), "np.linspace(a0, a1, 5, axis=-1).astype(np.float32)", a, b);
  assertMatchesNumpy(tf.linspace(a, b, 3), "np.linspace(a0, a1, 3, axis=0).astype(np.float32)", a, b);
  assert.equal(tf.linspace(tf.constant(0, "float64"), tf.constant(1, "float64"), 4).dtype.name, "float64");
});

test("linspace's gradient reaches start and stop", () => {
  checkGradients((s, e) => tf.linspace(s, e, 5), [rand([2]), rand([2])]);
});

test("tf.oneHot: defaults, on/off values, axis, out-of-range indices; TF's errors", () => {
  assert.deepEqual(tf.oneHot([0, 1, 2, 5, -1], 3).numpy().tolist(), [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]]);
  assert.equal(tf.oneHot([0], 2).dtype.name, "float32");
  const t = tf.oneHot(i32([[0, 2], [1, 1]]), 3, { onValue: 5, offValue: -1, axis: 1, dtype: "float32" });
  assert.deepEqual(t.dims, [2, 3, 2]);
  assert.deepEqual(t.numpy().tolist(), [[[5, -1], [-1, -1], [-1, 5]], [[-1, -1], [5, 5], [-1, -1]]]);
  assert.equal(tf.oneHot([1], 2, { onValue: i32(1), offValue: i32(0) }).dtype.name, "int32");
  assert.deepEqual(tf.oneHot([1], 3, { dtype: "bool" }).numpy().tolist(), [[false, true, false]]);
  assert.deepEqual(tf.oneHot(tf.constant([0, 1], "int64"), 2, { axis: 0 }).numpy().tolist(), [[1, 0], [0, 1]]);
  assert.throws(() => tf.oneHot([0], 3, { axis: 2 }), {
    name: "InvalidArgumentError", message: "Expected axis to be -1 or between [0, 2).  But received: 2 [Op:OneHot]",
  });
  assert.throws(() => tf.oneHot([0], -1), {
    name: "InvalidArgumentError", message: "depth must be non-negative, got: -1 [Op:OneHot]",
  });
  assert.throws(() => tf.oneHot(f32([0]), 2), {
    name: "InvalidArgumentError", message: "Value for attr 'TI' of float is not in the list of allowed values: uint8, int8, int32, int64 [Op:OneHot]",
  });
  assert.throws(() => tf.oneHot([0], 2, { onValue: i32(1), dtype: "float32" }), {
    name: "TypeError", message: "dtype <dtype: 'int32'> of on_value does not match dtype parameter <dtype: 'float32'>",
  });
  assert.throws(() => tf.oneHot([0], 2, { onValue: i32(1), offValue: f32(0) }), {
    name: "TypeError", message: "dtype <dtype: 'int32'> of on_value does not match dtype <dtype: 'float32'> of off_value",
  });
});

test("tf.reverse matches np.flip; TF's errors; gradient", { skip }, () => {
  const x = tf.reshape(tf.range(24, null, null, "int32"), [2, 3, 4]);
  assertMatchesNumpy(tf.reverse(x, [1]), "np.flip(a0, 1)", x);
  assertMatchesNumpy(tf.reverse(x, [0, -1]), "np.flip(a0, (0, 2))", x);
  assertMatchesNumpy(tf.reverse(x, []), "a0", x);
  assert.deepEqual((tf.reverse(tf.constant(["a", "b", "c"]), [0]).numpy().tolist() as unknown as Uint8Array[]).map((b) => Buffer.from(b).toString()), ["c", "b", "a"]);
  assert.throws(() => tf.reverse(x, [3]), {
    name: "InvalidArgumentError", message: "'axis'[0] = 3 is out of valid range [0, 2 [Op:ReverseV2]",
  });
  assert.throws(() => tf.reverse(x, [1, -2]), {
    name: "InvalidArgumentError", message: "axis 1 specified more than once. [Op:ReverseV2]",
  });
  checkGradients((t) => tf.reverse(t, [0, 1]), [rand([2, 3])]);
});

test("tf.roll matches np.roll (several axes, shifts adding up on one axis); errors; gradient", { skip }, () => {
  const x = tf.reshape(tf.range(12, null, null, "int32"), [3, 4]);
  assertMatchesNumpy(tf.roll(x, 1, 0), "np.roll(a0, 1, 0)", x);
  assertMatchesNumpy(tf.roll(x, [2, -5], [0, 1]), "np.roll(a0, (2, -5), (0, 1))", x);
  assertMatchesNumpy(tf.roll(x, [1, 2], [1, 1]), "np.roll(a0, 3, 1)", x);
  assertMatchesNumpy(tf.roll(tf.range(5, null, null, "int32"), -7, 0), "np.roll(a0, -7)", tf.range(5, null, null, "int32"));
  assert.throws(() => tf.roll(x, [1, 2], [0]), {
    name: "InvalidArgumentError", message: "shift and axis must have the same size [Op:Roll]",
  });
  assert.throws(() => tf.roll(x, 1, 2), { name: "InvalidArgumentError", message: "axis 2 is out of range [Op:Roll]" });
  checkGradients((t) => tf.roll(t, [1, -1], [0, 1]), [rand([3, 2])]);
});

test("tf.split (a count or sizes with -1) matches np.split; TF's errors; gradient", { skip }, () => {
  const x = tf.reshape(tf.range(24, null, null, "int32"), [4, 6]);
  assertMatchesNumpy(tf.split(x, 3, 1), "np.split(a0, 3, 1)", x);
  assertMatchesNumpy(tf.split(x, 2), "np.split(a0, 2, 0)", x);
  assertMatchesNumpy(tf.split(x, [1, 2, 3], 1), "np.split(a0, [1, 3], 1)", x);
  assertMatchesNumpy(tf.split(x, [1, -1], -1), "np.split(a0, [1], 1)", x);
  assertMatchesNumpy(tf.split(x, i32([3, 1]), 0), "np.split(a0, [3], 0)", x);
  assert.throws(() => tf.split(x, 4, 1), {
    name: "InvalidArgumentError",
    message: "Number of ways to split should evenly divide the split dimension, but got split_dim 1 (size = 6) and num_split 4 [Op:Split]",
  });
  assert.throws(() => tf.split(x, 2, 2), {
    name: "InvalidArgumentError", message: "-input rank(-2) <= split_dim < input rank (2), but got 2 [Op:Split]",
  });
  assert.throws(() => tf.split(x, [1, 2], 1), {
    name: "InvalidArgumentError",
    message: "Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: 3 [Op:SplitV]",
  });
  assert.throws(() => tf.split(x, [-1, -1], 1), { name: "InvalidArgumentError", message: "There can only be one -1 in the input. [Op:SplitV]" });
  checkGradients((t) => tf.split(t, [1, 2], 1)[1]!, [rand([2, 3])]);
  checkGradients((t) => { const [a, b] = tf.split(t, 2, 0); return tf.multiply(a!, b!); }, [rand([4, 2])]);
});

test("tf.unstack matches slicing along the axis; TF's errors; gradient", { skip }, () => {
  const x = tf.reshape(tf.range(24, null, null, "int32"), [2, 3, 4]);
  assertMatchesNumpy(tf.unstack(x), "list(a0)", x);
  assertMatchesNumpy(tf.unstack(x, { axis: 1 }), "[a0[:, i] for i in range(3)]", x);
  assertMatchesNumpy(tf.unstack(x, { axis: -1 }), "[a0[..., i] for i in range(4)]", x);
  assert.throws(() => tf.unstack(x, { axis: 3 }), { name: "ValueError", message: "Argument `axis` = 3 not in range [-3, 3)" });
  assert.throws(() => tf.unstack(x, { num: 3 }), {
    name: "InvalidArgumentError", message: "Input shape axis 0 must equal 3, got shape [2,3,4] [Op:Unpack]",
  });
  checkGradients((t) => { const [a, , c] = tf.unstack(t, { axis: 1 }); return tf.subtract(a!, tf.multiply(c!, c!)); }, [rand([2, 3])]);
});

test("tf.repeat matches np.repeat (a count, counts per slice, no axis); gradient", { skip }, () => {
  const x = i32([[1, 2], [3, 4]]);
  assertMatchesNumpy(tf.repeat(x, 2, 0), "np.repeat(a0, 2, 0)", x);
  assertMatchesNumpy(tf.repeat(x, [1, 3], 1), "np.repeat(a0, [1, 3], 1)", x);
  assertMatchesNumpy(tf.repeat(x, 3), "np.repeat(a0, 3)", x);
  assertMatchesNumpy(tf.repeat(x, [2, 0], -2), "np.repeat(a0, [2, 0], 0)", x);
  checkGradients((t) => tf.repeat(t, [2, 1, 3], 0), [rand([3, 2])]);
  checkGradients((t) => tf.repeat(t, 2, 1), [rand([2, 2])]);
});

test("tf.meshgrid matches np.meshgrid (xy and ij); gradient", { skip }, () => {
  const a = f32([1, 2, 3]), b = f32([4, 5]), c = f32([6, 7, 8, 9]);
  assertMatchesNumpy(tf.meshgrid(a, b), "np.meshgrid(a0, a1)", a, b);
  assertMatchesNumpy(tf.meshgrid(a, b, c), "np.meshgrid(a0, a1, a2)", a, b, c);
  assertMatchesNumpy(tf.meshgrid(a, b, { indexing: "ij" }), "np.meshgrid(a0, a1, indexing='ij')", a, b);
  assert.throws(() => tf.meshgrid(a, b, { indexing: "yx" as "xy" }), {
    name: "ValueError", message: "Argument `indexing` parameter must be either 'xy' or 'ij', got 'yx'",
  });
  checkGradients((p, q) => { const [u, v] = tf.meshgrid(p, q); return tf.multiply(u!, v!); }, [rand([3]), rand([2])]);
});

test("tf.booleanMask matches numpy's boolean indexing (axis, nd masks); errors; gradient", { skip }, () => {
  const x = tf.reshape(tf.range(24, null, null, "int32"), [2, 3, 4]);
  const m1 = tf.constant([true, false, true]);
  assertMatchesNumpy(tf.booleanMask(x, m1, { axis: 1 }), "a0[:, a1]", x, m1);
  const m2 = tf.constant([[true, false, true], [false, false, true]]);
  assertMatchesNumpy(tf.booleanMask(x, m2), "a0[a1]", x, m2);
  assertMatchesNumpy(tf.booleanMask(f32([1, 2, 3]), tf.constant([false, false, false])), "np.zeros((0,), np.float32)", f32(0));
  assert.throws(() => tf.booleanMask(x, tf.constant(true)), { name: "ValueError", message: "mask cannot be scalar." });
  assert.throws(() => tf.booleanMask(x, tf.constant([true, false, true])), { name: "ValueError", message: "Shapes (2,) and (3,) are incompatible" });
  checkGradients((t) => tf.booleanMask(t, tf.constant([[true, false], [true, true]])), [rand([2, 2, 3])]);
});

test("tf.sequenceMask: lengths against a range; maxlen default; dtype", () => {
  assert.deepEqual(tf.sequenceMask([1, 3, 2], 5).numpy().tolist(), [
    [true, false, false, false, false], [true, true, true, false, false], [true, true, false, false, false],
  ]);
  assert.deepEqual(tf.sequenceMask([[1, 3], [2, 0]]).dims, [2, 2, 3]);
  assert.deepEqual(tf.sequenceMask([0, 2], 3, "float32").numpy().tolist(), [[0, 0, 0], [1, 1, 0]]);
  assert.equal(tf.sequenceMask([0, 2], 3, "float32").dtype.name, "float32");
  assert.throws(() => tf.sequenceMask([1], i32([2, 3])), { name: "ValueError" });
});
