// tf.gatherNd (GatherNd, batch_dims through batch_gather_nd's lowering) against numpy and
// TensorFlow's documented examples and errors; its gradient (finite differences in float64);
// v.gatherNd and v.sparseRead({ batchDims }) on variables, differentiable.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";
import { checkGradients } from "./helpers/finite_difference.js";

const list = (t: tf.Tensor | tf.Variable) => t.numpy().tolist();
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

test("tf.gatherNd: TensorFlow's documented examples", () => {
  assert.deepEqual(list(tf.gatherNd([["a", "b"], ["c", "d"]], [[0, 0], [1, 1]])), [bytes("a"), bytes("d")]);
  assert.deepEqual(list(tf.gatherNd([["a", "b"], ["c", "d"]], [[1], [0]])), [[bytes("c"), bytes("d")], [bytes("a"), bytes("b")]]);
  const p = tf.constant([[[0, 1], [2, 3]], [[4, 5], [6, 7]]], "int32");
  assert.deepEqual(list(tf.gatherNd(p, [1])), [[4, 5], [6, 7]]);
  assert.deepEqual(list(tf.gatherNd(p, [[0, 1], [1, 0]])), [[2, 3], [4, 5]]);
  assert.deepEqual(list(tf.gatherNd(p, [[[0, 0, 1]], [[1, 1, 0]]])), [[1], [6]]);
  // batch_dims=1: one index tuple per batch row.
  assert.deepEqual(list(tf.gatherNd(p, [[1], [0]], { batchDims: 1 })), [[2, 3], [4, 5]]);
  assert.deepEqual(list(tf.gatherNd(p, [[[1, 0]], [[0, 1]]], { batchDims: 1 })), [[2], [5]]);
  const r = tf.gatherNd(tf.constant([1, 2, 3], "float32"), tf.constant([[2], [0]], "int64"));
  assert.deepEqual(list(r), [3, 1]);
  assert.equal(r.dtype.name, "float32");
  assert.deepEqual(tf.gatherNd(p, tf.zeros([0, 2], "int32")).dims, [0, 2]);
});

const haveNumpy = numpyAvailable();
test("tf.gatherNd matches numpy's advanced indexing", { skip: haveNumpy ? false : "python3 with numpy is not available" }, () => {
  const cases: { shape: number[]; indices: number[][] | number[][][]; batchDims: number }[] = [
    { shape: [3, 4, 5], indices: [[2, 3, 4], [0, 0, 0], [1, 2, 3], [1, 2, 3]], batchDims: 0 },
    { shape: [3, 4, 5], indices: [[2, 1], [0, 3]], batchDims: 0 },
    { shape: [3, 4, 5], indices: [[[2], [1]], [[0], [0]]], batchDims: 0 },
    { shape: [3, 4, 5], indices: [[[3, 1], [0, 4]], [[1, 1], [2, 2]], [[0, 0], [3, 4]]], batchDims: 1 },
    { shape: [2, 3, 4], indices: [[[1], [2]], [[0], [1]]], batchDims: 1 },
  ];
  const expected = runPython(`
out = []
for c in INPUT:
    a = np.arange(np.prod(c['shape']), dtype=np.int32).reshape(c['shape'])
    ix = np.array(c['indices'])
    b = c['batchDims']
    if b == 0:
        r = a[tuple(np.moveaxis(ix, -1, 0))]
    else:
        r = np.stack([a[i][tuple(np.moveaxis(ix[i], -1, 0))] for i in range(a.shape[0])])
    out.append({'shape': list(r.shape), 'values': r.reshape(-1).tolist()})
print(json.dumps(out))
`, cases) as { shape: number[]; values: number[] }[];
  cases.forEach((c, i) => {
    const n = c.shape.reduce((x, y) => x * y, 1);
    const got = tf.gatherNd(tf.reshape(tf.range(0, n, 1, "int32"), c.shape), c.indices, { batchDims: c.batchDims });
    assert.deepEqual(got.dims, expected[i]!.shape, `case ${i}: shape`);
    assert.deepEqual(Array.from(got.numpy().data as Int32Array), expected[i]!.values, `case ${i}: values`);
  });
});

test("tf.gatherNd raises TensorFlow's errors", () => {
  const p = tf.constant([[1, 2], [3, 4]], "int32");
  assert.throws(() => tf.gatherNd(p, [[2, 0]]), {
    name: "InvalidArgumentError", message: "indices[0] = [2, 0] does not index into param shape [2,2], node name: GatherNd [Op:GatherNd]",
  });
  assert.throws(() => tf.gatherNd(tf.constant([0, 1, 2], "int32"), [[[0], [7]]]), {
    name: "InvalidArgumentError", message: "indices[0,1] = [7] does not index into param shape [3], node name: GatherNd [Op:GatherNd]",
  });
  assert.throws(() => tf.gatherNd(p, [[0, -1]]), {
    name: "InvalidArgumentError", message: "indices[0] = [0, -1] does not index into param shape [2,2], node name: GatherNd [Op:GatherNd]",
  });
  assert.throws(() => tf.gatherNd(tf.constant(1), [0]), { name: "InvalidArgumentError", message: "params must be at least a vector [Op:GatherNd]" });
  assert.throws(() => tf.gatherNd(p, [[0, 0, 0]]), {
    name: "InvalidArgumentError", message: "index innermost dimension length must be <= params rank; saw: 3 vs. 2 [Op:GatherNd]",
  });
  assert.throws(() => tf.gatherNd(p, [[0]], { batchDims: -1 }), { name: "ValueError", message: "tf.gather_nd does not allow negative batch_dims." });
  assert.throws(() => tf.gatherNd(p, [0], { batchDims: 1 }), { name: "ValueError", message: "Argument `batch_dims` = 1 must be less than rank(`indices`) = 1" });
  assert.throws(() => tf.gatherNd(tf.constant([1, 2]), [[0], [1]], { batchDims: 1 }), {
    name: "ValueError", message: "Argument `batch_dims` = 1 must be less than rank(`params`) = 1",
  });
});

test("GatherNd's gradient scatters dy back to the gathered elements (finite differences, float64)", () => {
  const x = tf.constant(Float64Array.from({ length: 24 }, (_, i) => Math.sin(i)), "float64", [2, 3, 4]);
  checkGradients((p) => tf.gatherNd(p, [[1, 2, 3], [0, 0, 1], [1, 2, 3]]), [x]);
  checkGradients((p) => tf.gatherNd(p, [[[1, 0]], [[1, 0]], [[0, 2]]]), [x]);
  checkGradients((p) => tf.gatherNd(p, [[1], [1], [0]]), [x]);
  checkGradients((p) => tf.gatherNd(p, [[[2], [0]], [[1], [1]]], { batchDims: 1 }), [x]);
  // Exact values: repeated indices accumulate.
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.gatherNd(x, [[0, 0, 0], [0, 0, 0], [1, 2, 3]])); });
  const g = tape.gradient(y, [x])[0]!.numpy().data as Float64Array;
  assert.equal(g[0], 2);
  assert.equal(g[23], 1);
  assert.equal(g.reduce((a, b) => a + b, 0), 3);
});

test("v.gatherNd and v.sparseRead({ batchDims }) read the variable and differentiate to it", () => {
  const v = new tf.Variable([[1, 2, 3], [4, 5, 6]], { dtype: "float64" });
  assert.deepEqual(list(v.gatherNd([[1, 2], [0, 0]])), [6, 1]);
  assert.deepEqual(list(v.gatherNd([[1]])), [[4, 5, 6]]);
  assert.throws(() => v.gatherNd([[2, 0]]), { name: "InvalidArgumentError" });
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.multiply(v.gatherNd([[1, 2], [0, 0], [1, 2]]), tf.constant([1, 2, 3], "float64"))));
  // TensorFlow's ResourceGatherNd gradient: scatter_nd(indices, dy, shape) (dense).
  assert.deepEqual(list(tape.gradient(y, [v])[0] as tf.Tensor), [[2, 0, 0], [0, 0, 4]]);

  const b = new tf.Variable([[10, 11, 12], [20, 21, 22]], { dtype: "float64" });
  assert.deepEqual(list(b.sparseRead([[2, 0], [1, 1]], { batchDims: 1 })), [[12, 10], [21, 21]]);
  assert.deepEqual(list(b.sparseRead([1])), [[20, 21, 22]]);
  const t2 = new tf.GradientTape();
  const y2 = t2.record(() => tf.reduceSum(b.sparseRead([[2, 0], [1, 1]], { batchDims: 1 })));
  assert.deepEqual(list(t2.gradient(y2, [b])[0] as tf.Tensor), [[1, 0, 1], [0, 2, 0]]);
});
