// Python's subscripts as t.at(...items) / v.at(...items) (one StridedSlice, as TensorFlow's
// _slice_helper builds it), checked against numpy's own indexing of the same subscript;
// sliced assignment on variables with TF 2's broadcasting; tensors and variables as iterables.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";

const SHAPE = [4, 5, 6];
const N = SHAPE.reduce((a, b) => a * b, 1);
const base = () => tf.reshape(tf.range(0, N, 1, "int32"), SHAPE);
const list = (t: tf.Tensor | tf.Variable) => t.numpy().tolist();

// tsflow's items, and the same subscript in Python's syntax.
const CASES: [tf.IndexItem[], string][] = [
  [[1], "1"],
  [[-1], "-1"],
  [["1:3"], "1:3"],
  [["::-1"], "::-1"],
  [["-2:"], "-2:"],
  [["1::2"], "1::2"],
  [["...", 0], "..., 0"],
  [[tf.newaxis, ":", 1], "None, :, 1"],
  [["1:, ::2, tf.newaxis, ..."], "1:, ::2, None, ..."],
  [["1:, ::2, newaxis, -1"], "1:, ::2, None, -1"],
  [[{ start: -3, stop: 0, step: -1 }], "-3:0:-1"],
  [[{ step: 2 }, "...", -1], "::2, ..., -1"],
  [[1, 2, 3], "1, 2, 3"],
  [["5:100"], "5:100"],
  [["-100:2", "::-2"], "-100:2, ::-2"],
  [[tf.constant(2, "int32"), tf.constant(-1, "int64")], "2, -1"],
  [[":", null, "::-2", 1, null], ":, None, ::-2, 1, None"],
  [["...", null], "..., None"],
  [[], "()"],
  [["2:0"], "2:0"],
  [[{ start: 3, stop: null, step: -2 }, { stop: 4 }], "3::-2, :4"],
];

const haveNumpy = numpyAvailable();
test("t.at(...) matches numpy's a[...] for integers, slices, ellipsis and newaxis", { skip: haveNumpy ? false : "python3 with numpy is not available" }, () => {
  const expected = runPython(`
a = np.arange(${N}, dtype=np.int32).reshape(${JSON.stringify(SHAPE)})
out = []
for s in INPUT:
    r = np.asarray(eval('a[' + s + ']'))
    out.append({'shape': list(r.shape), 'values': r.reshape(-1).tolist()})
print(json.dumps(out))
`, CASES.map(([, py]) => py)) as { shape: number[]; values: number[] }[];
  CASES.forEach(([items, py], i) => {
    const got = base().at(...items);
    assert.deepEqual(got.dims, expected[i]!.shape, `a[${py}]: shape`);
    assert.deepEqual(Array.from(got.numpy().data as Int32Array), expected[i]!.values, `a[${py}]: values`);
    assert.equal(got.dtype.name, "int32");
  });
});

test("t.at(...) raises TensorFlow's errors for bad indices", () => {
  const t = base();
  assert.throws(() => t.at(4), { name: "InvalidArgumentError", message: "slice index 4 of dimension 0 out of bounds. [Op:StridedSlice]" });
  assert.throws(() => t.at(":", -6), { name: "InvalidArgumentError", message: "slice index -1 of dimension 1 out of bounds. [Op:StridedSlice]" });
  assert.throws(() => t.at(0, 0, 0, 0), { name: "InvalidArgumentError", message: "Index out of range using input dim 3; input has only 3 dims [Op:StridedSlice]" });
  assert.throws(() => t.at("...", 0, "..."), { name: "InvalidArgumentError", message: "Multiple ellipses in slice spec not allowed [Op:StridedSlice]" });
  assert.throws(() => t.at("::0"), { name: "InvalidArgumentError", message: "strides[0] must be non-zero [Op:StridedSlice]" });
  const valid = "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got ";
  assert.throws(() => t.at(1.5), { name: "TypeError", message: `${valid}1.5` });
  assert.throws(() => t.at("a"), { name: "TypeError", message: `${valid}'a'` });
  assert.throws(() => t.at("1:2:3:4"), { name: "TypeError", message: `${valid}'1:2:3:4'` });
  assert.throws(() => t.at(tf.constant([0, 1], "int32")), {
    name: "TypeError", message: `${valid}<tf.Tensor: shape=(2,), dtype=int32, numpy=array([0, 1], dtype=int32)>`,
  });
});

test("t.at(...) flows gradients through StridedSlice (float64)", () => {
  const x = tf.constant(Float64Array.from({ length: 12 }, (_, i) => i / 3), "float64", [3, 4]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return tf.reduceSum(tf.multiply(x.at("::-2", "1:"), tf.constant([[1, 2, 3], [4, 5, 6]], "float64")));
  });
  const [g] = tape.gradient(y, [x]);
  assert.deepEqual(list(g!), [[0, 4, 5, 6], [0, 0, 0, 0], [0, 1, 2, 3]]);
  // An integer item shrinks; the gradient lands in that row only.
  const tape2 = new tf.GradientTape();
  const y2 = tape2.record(() => { tape2.watch(x); return tf.reduceSum(x.at(-1, tf.newaxis)); });
  assert.deepEqual(list(tape2.gradient(y2, [x])[0]!), [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]]);
});

test("v.at(...) reads the variable's slice, and the tape reaches the variable", () => {
  const v = new tf.Variable([[1, 2, 3], [4, 5, 6]], { dtype: "float64" });
  assert.deepEqual(list(v.at(1)), [4, 5, 6]);
  assert.deepEqual(list(v.at("...", "::-1")), [[3, 2, 1], [6, 5, 4]]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.multiply(v.at(":", 1), tf.constant([10, 20], "float64"))));
  assert.deepEqual(list(tape.gradient(y, [v])[0] as tf.Tensor), [[0, 10, 0], [0, 20, 0]]);
});

test("sliced assignment: v.at(...).assign(value) broadcasts as TensorFlow 2 does and returns the variable", () => {
  const v = new tf.Variable([[1, 2, 3], [4, 5, 6]], { dtype: "int32" });
  // TensorFlow's guide: v[:].assign([[40, 50, 60]]) broadcasts the row over both rows.
  const r = v.at(":").assign([[40, 50, 60]]);
  assert.equal(r, v);
  assert.deepEqual(list(v), [[40, 50, 60], [40, 50, 60]]);
  v.at("1:2", "1:2").assign(66);
  assert.deepEqual(list(v), [[40, 50, 60], [40, 66, 60]]);
  v.at(0, "::-1").assign([7, 8, 9]);
  assert.deepEqual(list(v), [[9, 8, 7], [40, 66, 60]]);
  v.at("...", "::2").assign([[1], [2]]);
  assert.deepEqual(list(v), [[1, 8, 1], [2, 66, 2]]);
  v.at(-1, tf.newaxis, 1).assign([[[5]]]); // leading ones beyond the slice's rank are accepted
  assert.deepEqual(list(v), [[1, 8, 1], [2, 5, 2]]);
  v.at("2:").assign([1, 2, 3, 4]); // an empty region takes any value
  assert.deepEqual(list(v), [[1, 8, 1], [2, 5, 2]]);
  // Errors leave the variable unchanged.
  assert.throws(() => v.at("0:1", "0:2").assign([[1, 2, 3]]), {
    name: "InvalidArgumentError", message: "Cannot broadcast input shape [1,3] into final shape [1,2] [Op:ResourceStridedSliceAssign]",
  });
  assert.throws(() => v.at(":").assign([[[1, 2, 3]], [[1, 2, 3]]]), {
    name: "InvalidArgumentError", message: "Cannot broadcast input shape [2,1,3] into final shape [2,3] [Op:ResourceStridedSliceAssign]",
  });
  assert.throws(() => v.at(2), { name: "InvalidArgumentError", message: "slice index 2 of dimension 0 out of bounds. [Op:StridedSlice]" });
  assert.deepEqual(list(v), [[1, 8, 1], [2, 5, 2]]);
  // sliceAssign(begin, size, value) broadcasts too.
  v.sliceAssign([0, 1], [2, 2], [0, 3]);
  assert.deepEqual(list(v), [[1, 0, 3], [2, 0, 3]]);
  const s = new tf.Variable(["a", "b", "c"]);
  s.at("::2").assign("z");
  assert.deepEqual(s.numpy().tolist(), ["z", "b", "z"].map((c) => new Uint8Array([c.charCodeAt(0)])));
});

test("tensors and variables iterate over their first axis; a scalar raises TypeError", () => {
  const t = tf.constant([[1, 2], [3, 4], [5, 6]], "int32");
  const rows = [...t];
  assert.equal(rows.length, 3);
  rows.forEach((r, i) => { assert.ok(r instanceof tf.Tensor); assert.deepEqual(list(r), [2 * i + 1, 2 * i + 2]); });
  const seen: number[][] = [];
  for (const row of t) seen.push(row.numpy().tolist() as number[]);
  assert.deepEqual(seen, [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual([...tf.constant([7, 8], "int32")].map((x) => x.dims), [[], []]);
  assert.deepEqual([...tf.zeros([0, 2])], []);
  assert.throws(() => [...tf.constant(3)], { name: "TypeError", message: "Cannot iterate over a scalar tensor." });
  assert.throws(() => { for (const _ of tf.constant(3)) void _; }, tf.errors.TypeError);
  const v = new tf.Variable([[1, 2], [3, 4]], { dtype: "int32" });
  assert.deepEqual([...v].map(list), [[1, 2], [3, 4]]);
  assert.throws(() => [...new tf.Variable(1)], { name: "TypeError", message: "Cannot iterate over a scalar tensor." });
  assert.equal(tf.newaxis, null);
});

test("a bool tensor alone as the subscript is tf.booleanMask (tensors and variables), as TensorFlow's _slice_helper", () => {
  const t = tf.constant([[1, 2], [3, 4], [5, 6]], "int32");
  assert.deepEqual(list(t.at(tf.constant([true, false, true]))), [[1, 2], [5, 6]]);
  // A mask of the tensor's full shape flattens the selected elements.
  assert.deepEqual(list(t.at(tf.greater(t, 2))), [3, 4, 5, 6]);
  const v = new tf.Variable(t);
  assert.deepEqual(list(v.at(tf.constant([false, true, true]))), [[3, 4], [5, 6]]);
  // What it returns is a plain tensor: assigning to it is Python's AttributeError.
  assert.throws(() => v.at(tf.constant([false, true, true])).assign(tf.constant([[0, 0], [0, 0]], "int32")), {
    name: "AttributeError", message: "'tensorflow.python.framework.ops.EagerTensor' object has no attribute 'assign'",
  });
  assert.deepEqual(list(v), [[1, 2], [3, 4], [5, 6]]);
  // Beside other items a bool tensor is not an index (_check_index).
  assert.throws(() => t.at(tf.constant([true, false, true]), 0), { name: "TypeError", message: /^Only integers, slices .* got <tf\.Tensor: shape=\(3,\), dtype=bool/ });
  // The mask's rank and shape are checked as tf.boolean_mask does.
  assert.throws(() => t.at(tf.constant(true)), { name: "ValueError" });
  // Gradients flow through the masked rows.
  const x = new tf.Variable(tf.constant([1, 2, 3], "float64"));
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.square(x.at(tf.constant([true, false, true])))));
  assert.deepEqual((tape.gradient(y, x) as tf.Tensor).numpy().tolist(), [2, 0, 6]);
});
