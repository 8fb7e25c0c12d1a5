// tf.Variable: construction options, properties, reads, in-place updates, sparse and sliced
// updates, lifecycle and printing, with TensorFlow's values, strings and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";

const root = fileURLToPath(new URL("../../", import.meta.url));
const list = (v: tf.Variable | tf.Tensor) => v.numpy().tolist();

test("construction, properties and printing", () => {
  const v = new tf.Variable([[1, 2], [3, 4]]);
  assert.equal(v.name, "Variable:0");
  assert.equal(v.dtype, tf.float32);
  assert.equal(String(v.shape), "(2, 2)");
  assert.equal(v.trainable, true);
  assert.equal(v.device, "/job:localhost/replica:0/task:0/device:CPU:0");
  assert.equal(v.constraint, null);
  assert.equal(v.synchronization, tf.VariableSynchronization.AUTO);
  assert.equal(v.aggregation, tf.VariableAggregation.NONE);
  assert.equal(String(v), "<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>");
  assert.equal(inspect(v), String(v));
  assert.equal(v.repr(), String(v));
  const step = new tf.Variable(1, { trainable: false, dtype: "int32", name: "step" });
  assert.equal(step.repr(), "<tf.Variable 'step:0' shape=() dtype=int32, numpy=1>");
  assert.equal(step.trainable, false);
  assert.equal(new tf.Variable(() => tf.constant([true])).dtype, tf.bool);
  assert.equal(new tf.Variable([1, 2], { name: "Mark" }).name, "Mark:0");
  assert.equal(new tf.Variable([1, 2], { name: "Mark" }).name, "Mark:0", "duplicate names are allowed");
});

test("printing for every dtype and rank", () => {
  const cases: [tf.Variable, string][] = [
    [new tf.Variable([false, false, false, true]),
      "<tf.Variable 'Variable:0' shape=(4,) dtype=bool, numpy=array([False, False, False,  True])>"],
    [new tf.Variable([{ re: 5, im: 4 }, { re: 6, im: 1 }]),
      "<tf.Variable 'Variable:0' shape=(2,) dtype=complex128, numpy=array([5.+4.j, 6.+1.j])>"],
    [new tf.Variable(["a", "bc"]),
      "<tf.Variable 'Variable:0' shape=(2,) dtype=string, numpy=array([b'a', b'bc'], dtype=object)>"],
    [new tf.Variable(0.5), "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.5>"],
    [new tf.Variable(0.1), "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.10000000149011612>"],
    [new tf.Variable(true), "<tf.Variable 'Variable:0' shape=() dtype=bool, numpy=True>"],
    [new tf.Variable(3n), "<tf.Variable 'Variable:0' shape=() dtype=int64, numpy=3>"],
    [new tf.Variable("s"), "<tf.Variable 'Variable:0' shape=() dtype=string, numpy=b's'>"],
    [new tf.Variable({ re: 0, im: 1 }), "<tf.Variable 'Variable:0' shape=() dtype=complex128, numpy=1j>"],
    [new tf.Variable([1.5, 2], { dtype: "float16" }),
      "<tf.Variable 'Variable:0' shape=(2,) dtype=float16, numpy=array([1.5, 2. ], dtype=float16)>"],
    [new tf.Variable([1.5, 2], { dtype: "bfloat16" }),
      "<tf.Variable 'Variable:0' shape=(2,) dtype=bfloat16, numpy=array([1.5, 2], dtype=bfloat16)>"],
    [new tf.Variable([[1, 2]], { dtype: "uint8" }),
      "<tf.Variable 'Variable:0' shape=(1, 2) dtype=uint8, numpy=array([[1, 2]], dtype=uint8)>"],
    [new tf.Variable(tf.zeros([1, 1, 2, 1, 1], "int64")),
      "<tf.Variable 'Variable:0' shape=(1, 1, 2, 1, 1) dtype=int64, numpy=\narray([[[[[0]],\n\n         [[0]]]]])>"],
    [new tf.Variable(tf.zeros([0, 3])),
      "<tf.Variable 'Variable:0' shape=(0, 3) dtype=float32, numpy=array([], shape=(0, 3), dtype=float32)>"],
  ];
  for (const [v, want] of cases) assert.equal(String(v), want);
});

test("initial values: tensors, variables (copied), functions, dtype conversion", () => {
  const a = new tf.Variable([2, 3]);
  const b = new tf.Variable(a);
  a.assign([5, 6]);
  assert.deepEqual(list(a), [5, 6]);
  assert.deepEqual(list(b), [2, 3], "a variable made from another never shares its memory");
  const t = tf.constant([1, 2], "int32");
  const c = new tf.Variable(t);
  c.assign([7, 8]);
  assert.deepEqual(list(t), [1, 2], "the initial tensor is not aliased");
  assert.deepEqual(list(new tf.Variable(() => [1, 2], { dtype: "int64" })), [1n, 2n]);
  assert.throws(() => new tf.Variable(1.5, { dtype: "int32" }), {
    name: "TypeError", message: "Cannot convert 1.5 to EagerTensor of dtype int32",
  });
  assert.throws(() => new tf.Variable(tf.constant([1, 2]), { dtype: "int32" }), {
    name: "ValueError",
    message: "Tensor conversion requested dtype int32 for Tensor with dtype float32: " +
      "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>",
  });
  assert.throws(() => new tf.Variable(new tf.Variable([1.5]), { dtype: "int32" }), {
    name: "ValueError",
    message: "Incompatible type conversion requested to type int32 for `tf.Variable of type float32. " +
      "(Variable: <tf.Variable 'Variable:0' shape=(1,) dtype=float32, numpy=array([1.5], dtype=float32)>)",
  });
});

test("names: :0 suffix and tf.nameScope prefixes", () => {
  const v = tf.nameScope("outer", () => new tf.Variable(1, { name: "w" }));
  assert.equal(v.name, "outer/w:0");
  const nested = tf.nameScope("outer", () => tf.nameScope("inner", () => new tf.Variable(1)));
  assert.equal(nested.name, "outer/inner/Variable:0");
  {
    using _scope = tf.nameScope("block");
    assert.equal(new tf.Variable(1).name, "block/Variable:0");
  }
  assert.equal(new tf.Variable(1).name, "Variable:0");
  assert.equal(tf.nameScope("a", () => tf.nameScope("b/", () => new tf.Variable(1))).name, "b/Variable:0");
  assert.throws(() => tf.nameScope("bad name", () => 0), {
    name: "ValueError",
    message: "'bad name' is not a valid scope name. A scope name has to match the following pattern: ^[A-Za-z0-9_.\\\\-/>]*$",
  });
});

test("shape option: unknown dimensions and unknown rank", () => {
  const v = new tf.Variable(tf.zeros([2, 3]), { shape: [null, 3] });
  assert.equal(String(v.shape), "(None, 3)");
  assert.equal(v.repr().startsWith("<tf.Variable 'Variable:0' shape=(None, 3) dtype=float32"), true);
  v.assign(tf.ones([4, 3]));
  assert.deepEqual(v.numpy().shape, [4, 3]);
  assert.throws(() => v.assign(tf.ones([4, 2])), {
    name: "ValueError",
    message: "Cannot assign to variable Variable:0 due to variable shape (None, 3) and value shape (4, 2) are incompatible",
  });
  const u = new tf.Variable([1, 2], { shape: null });
  assert.equal(String(u.shape), "<unknown>");
  u.assign([[1, 2, 3]]);
  assert.deepEqual(list(u), [[1, 2, 3]]);
  const w = new tf.Variable([1, 2], { validateShape: false });
  assert.equal(String(w.shape), "<unknown>");
  assert.throws(() => new tf.Variable(tf.zeros([2, 3]), { shape: [null, 4] }), {
    name: "ValueError",
    message: "The initial value's shape ((2, 3)) is not compatible with the explicitly supplied `shape` argument ((None, 4)).",
  });
  const s = new tf.Variable(tf.zeros([2, 3]), { shape: [null, null] });
  s.setShape([2, null]);
  assert.equal(String(s.getShape()), "(2, None)");
  assert.throws(() => s.setShape([3, 3]), { name: "ValueError", message: "Shapes (2, None) and (3, 3) are not compatible" });
});

test("constraint, synchronization and aggregation are validated and stored", () => {
  const clip = (x: tf.Tensor) => tf.minimum(x, 1);
  const v = new tf.Variable([1, 2], { constraint: clip });
  assert.equal(v.constraint, clip);
  assert.deepEqual(list(tf.convertToTensor(v.constraint!(v.value()))), [1, 1]);
  assert.throws(() => new tf.Variable(1, { constraint: 3 as unknown as tf.Constraint }), {
    name: "ValueError", message: "The `constraint` argument must be a callable. Received: 3",
  });
  const r = new tf.Variable(1, { synchronization: tf.VariableSynchronization.ON_READ, aggregation: "SUM" });
  assert.equal(r.trainable, false, "ON_READ variables are not trainable by default");
  assert.equal(r.aggregation, tf.VariableAggregation.SUM);
  assert.equal(String(r.synchronization), "VariableSynchronization.ON_READ");
  // TensorFlow 2 accepts an explicitly trainable ON_READ variable (TF 1 raised ValueError).
  assert.equal(new tf.Variable(1, { synchronization: "ON_READ", trainable: true }).trainable, true);
  assert.throws(() => new tf.Variable(1, { synchronization: "SOMETIMES" as "AUTO" }), {
    name: "ValueError", message: "Invalid variable synchronization mode: SOMETIMES for variable: Variable",
  });
  assert.throws(() => new tf.Variable(1, { aggregation: "MAX" as "SUM", name: "x" }), {
    name: "ValueError", message: "Invalid variable aggregation mode: MAX for variable: x",
  });
});

test("reads are snapshots; variables work wherever tensors do", () => {
  const v = new tf.Variable([[1, 2], [3, 4]]);
  const snaps = [v.value(), v.readValue(), tf.convertToTensor(v)];
  const nd = v.numpy();
  v.assign([[0, 0], [0, 0]]);
  for (const s of snaps) assert.deepEqual(list(s), [[1, 2], [3, 4]]);
  assert.deepEqual(nd.tolist(), [[1, 2], [3, 4]]);
  (nd.data as Float32Array)[0] = 9;
  assert.deepEqual(list(v), [[0, 0], [0, 0]], "numpy() is a copy");
  v.assign([[1, 2], [3, 4]]);
  assert.deepEqual(list(tf.add(v, 1)), [[2, 3], [4, 5]]);
  assert.deepEqual(list(tf.matmul(v, v)), [[7, 10], [15, 22]]);
  assert.deepEqual(list(tf.argmax(v)), [1n, 1n]);
  assert.deepEqual(list(v.add(v).mul(2)), [[4, 8], [12, 16]]);
  assert.deepEqual(list(v.greater(2)), [[false, false], [true, true]]);
  assert.deepEqual(list(tf.reduceSum(v)), 10);
  assert.deepEqual(list(tf.constant([v, v])), [[[1, 2], [3, 4]], [[1, 2], [3, 4]]]);
  assert.equal(String(tf.equal(v, v)), "tf.Tensor(\n[[ True  True]\n [ True  True]], shape=(2, 2), dtype=bool)");
});

test("assign, assignAdd, assignSub update in place and return the variable", () => {
  const a = new tf.Variable([2, 3]);
  assert.equal(a.assign([1, 2]), a);
  assert.deepEqual(list(a.assignAdd([2, 3])), [3, 5]);
  assert.deepEqual(list(a.assignSub([3, 5])), [0, 0]);
  assert.equal(a.assign([4, 4], { readValue: false }), undefined);
  assert.equal(a.assignAdd([1, 1], { readValue: false }), undefined);
  assert.equal(a.assignSub([1, 1], { readValue: false }), undefined);
  assert.deepEqual(list(a), [4, 4]);
  const i = new tf.Variable([2147483647, 0], { dtype: "int32" });
  i.assignAdd([1, -1]);
  assert.deepEqual(list(i), [-2147483648, -1], "int32 wraps as TensorFlow's kernels do");
  const h = new tf.Variable([1, 2], { dtype: "float16" });
  h.assignAdd([0.1, 0.1]);
  assert.deepEqual(list(h), [1.099609375, 2.099609375]);
  const c = new tf.Variable([{ re: 1, im: 2 }]);
  c.assignSub([{ re: 1, im: 1 }]);
  assert.deepEqual(list(c), [{ re: 0, im: 1 }]);
});

test("failed updates raise TensorFlow's errors and change nothing", () => {
  const a = new tf.Variable([2, 3]);
  assert.throws(() => a.assign([1, 2, 3]), {
    name: "ValueError",
    message: "Cannot assign to variable Variable:0 due to variable shape (2,) and value shape (3,) are incompatible",
  });
  const m = new tf.Variable([[1, 2], [3, 4]]);
  assert.throws(() => m.assignAdd(1), {
    name: "InvalidArgumentError",
    message: "Cannot update variable with shape [2,2] using a Tensor with shape [], shapes must be equal. [Op:AssignAddVariableOp]",
  });
  assert.throws(() => m.assignSub([1, 2]), {
    name: "InvalidArgumentError",
    message: "Cannot update variable with shape [2,2] using a Tensor with shape [2], shapes must be equal. [Op:AssignSubVariableOp]",
  });
  const i = new tf.Variable([1, 2], { dtype: "int32" });
  assert.throws(() => i.assign([1.5, 2]), { name: "TypeError", message: "Cannot convert [1.5, 2] to EagerTensor of dtype int32" });
  assert.throws(() => i.assign(tf.constant([1, 2])), {
    name: "ValueError",
    message: "Tensor conversion requested dtype int32 for Tensor with dtype float32: " +
      "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>",
  });
  const s = new tf.Variable(["a"]);
  assert.throws(() => s.assignAdd(["b"]), {
    name: "InvalidArgumentError",
    message: "Value for attr 'T' of string is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128 [Op:AssignAddVariableOp]",
  });
  assert.deepEqual(list(a), [2, 3]);
  assert.deepEqual(list(m), [[1, 2], [3, 4]]);
  assert.deepEqual(list(i), [1, 2]);
  assert.deepEqual(list(s), [new Uint8Array([97])]);
});

test("scatter updates with tf.IndexedSlices", () => {
  const v = () => new tf.Variable([[1, 2], [3, 4], [5, 6], [7, 8]]);
  const rows = new tf.IndexedSlices([[10, 10], [20, 20]], [3, 1]);
  assert.deepEqual(list(v().scatterUpdate(rows)), [[1, 2], [20, 20], [5, 6], [10, 10]]);
  assert.deepEqual(list(v().scatterAdd(rows)), [[1, 2], [23, 24], [5, 6], [17, 18]]);
  assert.deepEqual(list(v().scatterSub(rows)), [[1, 2], [-17, -16], [5, 6], [-3, -2]]);
  assert.deepEqual(list(v().scatterMul(rows)), [[1, 2], [60, 80], [5, 6], [70, 80]]);
  assert.deepEqual(list(v().scatterDiv(new tf.IndexedSlices([[2, 4]], [0]))), [[0.5, 0.5], [3, 4], [5, 6], [7, 8]]);
  assert.deepEqual(list(v().scatterMin(new tf.IndexedSlices([[0, 9]], [2]))), [[1, 2], [3, 4], [0, 6], [7, 8]]);
  assert.deepEqual(list(v().scatterMax(new tf.IndexedSlices([[0, 9]], [2]))), [[1, 2], [3, 4], [5, 9], [7, 8]]);
  // Duplicate indices accumulate for add.
  assert.deepEqual(list(new tf.Variable([0, 0]).scatterAdd(new tf.IndexedSlices([1, 2, 3], [1, 1, 0]))), [3, 3]);
  const ints = new tf.Variable([10, 20, 30], { dtype: "int32" });
  assert.equal(ints.scatterAdd(new tf.IndexedSlices([1], [2]), { readValue: false }), undefined);
  assert.deepEqual(list(ints), [10, 20, 31]);
  assert.throws(() => ints.scatterDiv(new tf.IndexedSlices([0], [1])), {
    name: "InvalidArgumentError", message: "Integer division by zero [Op:ResourceScatterDiv]",
  });
  assert.throws(() => ints.scatterUpdate([1] as unknown as tf.IndexedSlices), {
    name: "TypeError", message: "sparse_delta is not IndexedSlices: 1",
  });
});

test("out-of-range indices raise TensorFlow's error and change nothing", () => {
  const v = new tf.Variable([[1, 2], [3, 4], [5, 6], [7, 8]]);
  assert.throws(() => v.scatterUpdate(new tf.IndexedSlices([[0, 0], [9, 9]], [0, 7])), {
    name: "InvalidArgumentError", message: "indices[1] = 7 is not in [0, 4) [Op:ResourceScatterUpdate]",
  });
  assert.throws(() => v.scatterAdd(new tf.IndexedSlices([[0, 0]], [-1])), {
    name: "InvalidArgumentError", message: "indices[0] = -1 is not in [0, 4) [Op:ResourceScatterAdd]",
  });
  assert.throws(() => v.scatterNdUpdate([[0, 0], [4, 1]], [9, 9]), {
    name: "InvalidArgumentError", message: "indices[1] = [4, 1] does not index into shape [4,2] [Op:ResourceScatterNdUpdate]",
  });
  assert.throws(() => v.sparseRead([0, 4]), {
    name: "InvalidArgumentError", message: "indices[1] = 4 is not in [0, 4) [Op:ResourceGather]",
  });
  assert.throws(() => v.scatterUpdate(new tf.IndexedSlices([[1, 2, 3]], [0])), {
    name: "InvalidArgumentError",
    message: "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape [1,3], " +
      "indices.shape [1], params.shape [4,2] [Op:ResourceScatterUpdate]",
  });
  assert.deepEqual(list(v), [[1, 2], [3, 4], [5, 6], [7, 8]]);
});

test("N-d scatters, batch scatter, sparseRead and gatherNd", () => {
  const v = () => new tf.Variable([[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(list(v().scatterNdUpdate([[0, 1], [2, 0]], [20, 50])), [[1, 20], [3, 4], [50, 6]]);
  assert.deepEqual(list(v().scatterNdAdd([[1]], [[10, 10]])), [[1, 2], [13, 14], [5, 6]]);
  assert.deepEqual(list(v().scatterNdSub([[0, 0], [0, 0]], [1, 1])), [[-1, 2], [3, 4], [5, 6]]);
  const b = new tf.Variable([[1, 2, 3], [4, 5, 6]]);
  b.batchScatterUpdate(new tf.IndexedSlices([[0, 0], [9, 9]], [[2, 0], [1, 2]]));
  assert.deepEqual(list(b), [[0, 2, 0], [4, 9, 9]]);
  assert.deepEqual(list(v().sparseRead([2, 0])), [[5, 6], [1, 2]]);
  assert.deepEqual(list(v().gatherNd([[0, 1], [2, 0]])), [2, 5]);
  assert.deepEqual(list(v().gatherNd([[1]])), [[3, 4]]);
  assert.throws(() => v().gatherNd([[3, 0]]), {
    name: "InvalidArgumentError", message: "indices[0] = [3, 0] does not index into param shape [3,2], node name: ResourceGatherNd [Op:ResourceGatherNd]",
  });
});

test("sliced assignment (TensorFlow's v[b:e].assign(x))", () => {
  const v = new tf.Variable([[1, 2, 3], [4, 5, 6], [7, 8, 9]], { dtype: "int32" });
  v.sliceAssign([1, 1], [2, 2], [[0, 0], [0, 0]]); // v[1:3, 1:3].assign(...)
  assert.deepEqual(list(v), [[1, 2, 3], [4, 0, 0], [7, 0, 0]]);
  v.sliceAssign([0, 0], [1, -1], [[9, 9, 9]]); // v[0:1, :].assign(...)
  assert.deepEqual(list(v), [[9, 9, 9], [4, 0, 0], [7, 0, 0]]);
  assert.throws(() => v.sliceAssign([0, 0], [1, 2], [[1, 2, 3]]), {
    name: "InvalidArgumentError",
    message: "Cannot broadcast input shape [1,3] into final shape [1,2] [Op:ResourceStridedSliceAssign]",
  });
  assert.throws(() => v.sliceAssign([2, 0], [2, 1], [[1], [2]]), {
    name: "InvalidArgumentError", message: "Expected size[0] in [0, 1], but got 2 [Op:ResourceStridedSliceAssign]",
  });
  assert.deepEqual(list(v), [[9, 9, 9], [4, 0, 0], [7, 0, 0]]);
  const s = new tf.Variable(["a", "b", "c"]);
  s.sliceAssign([1], [2], ["x", "y"]);
  assert.deepEqual(list(s), [new Uint8Array([97]), new Uint8Array([120]), new Uint8Array([121])]);
});

test("dispose and `using` release at once; later use is a FailedPreconditionError", () => {
  const v = new tf.Variable([1, 2], { name: "gone" });
  v.dispose();
  assert.equal(v.isDisposed, true);
  v.dispose(); // idempotent
  const error = { name: "FailedPreconditionError" };
  assert.throws(() => v.numpy(), {
    ...error,
    message: "Could not find variable gone:0. This could mean that the variable has been deleted (disposed). [Op:ReadVariableOp]",
  });
  assert.throws(() => v.assignAdd([1, 1]), {
    ...error,
    message: "Could not find variable gone:0. This could mean that the variable has been deleted (disposed). [Op:AssignAddVariableOp]",
  });
  assert.throws(() => tf.add(v, 1), error);
  // TensorFlow's repr (and str) of an unreadable variable says numpy=<unavailable>.
  assert.equal(String(v), "<tf.Variable 'gone:0' shape=(2,) dtype=float32, numpy=<unavailable>>");
  let escaped: tf.Variable;
  {
    using w = new tf.Variable([3]);
    escaped = w;
    assert.deepEqual(list(w), [3]);
  }
  assert.equal(escaped.isDisposed, true);
});

function runChild(script: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
}

test("10^6 in-place updates keep memory flat", () => {
  const r = runChild(`
    import * as tf from "tsflow";
    const v = new tf.Variable(tf.zeros([2, 2]));
    const one = tf.ones([2, 2]);
    const mem = () => { globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external + m.arrayBuffers; };
    for (let i = 0; i < 1000; i++) v.assignAdd(one);
    const before = mem();
    for (let i = 0; i < 1e6; i++) v.assignAdd(one, { readValue: false });
    const grown = mem() - before;
    console.log(JSON.stringify({ value: v.numpy().tolist(), grown }));
  `);
  assert.equal(r.status, 0, r.stderr);
  const { value, grown } = JSON.parse(r.stdout) as { value: number[][]; grown: number };
  assert.deepEqual(value, [[1001000, 1001000], [1001000, 1001000]]);
  assert.ok(grown < 2e6, `memory grew by ${grown} bytes over 10^6 updates`);
});

test("10^6 short-lived variables without dispose keep memory flat", () => {
  const r = runChild(`
    import * as tf from "tsflow";
    const mem = () => { globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external + m.arrayBuffers; };
    const init = tf.zeros([16]);
    for (let i = 0; i < 1000; i++) new tf.Variable(init);
    const before = mem();
    for (let i = 0; i < 1e6; i++) new tf.Variable(init);
    console.log(JSON.stringify({ grown: mem() - before }));
  `);
  assert.equal(r.status, 0, r.stderr);
  const { grown } = JSON.parse(r.stdout) as { grown: number };
  assert.ok(grown < 4e6, `memory grew by ${grown} bytes over 10^6 variables`);
});
