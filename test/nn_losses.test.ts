// tf.nn's losses, normalization, bias_add and embedding_lookup (#15) against python3's numpy,
// TensorFlow's kernel and Python-layer errors word for word, stability at large |logits|,
// and float64 finite-difference gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";

type T = tf.Tensor;
const skip = numpyAvailable() ? false : "python3 with numpy is not available";

function values(t: T): number[] { return Array.from(t.numpy().data as ArrayLike<number>, Number); }
function close(got: number[], want: number[], rel: number, abs = 0): void {
  assert.equal(got.length, want.length);
  got.forEach((g, i) => {
    const w = want[i]!;
    if (!Number.isFinite(w)) { assert.equal(g, w, `element ${i}`); return; }
    assert.ok(Math.abs(g - w) <= rel * Math.abs(w) + abs, `element ${i}: ${g} != ${w}`);
  });
}

const ORACLE = `
z = np.array(INPUT['logits'], dtype=np.float64)
p = np.array(INPUT['probs'], dtype=np.float64)
ids = np.array(INPUT['ids'])
x = np.array(INPUT['x'], dtype=np.float64); lab = np.array(INPUT['lab'], dtype=np.float64)
def log_softmax(v, axis=-1):
    s = v - v.max(axis=axis, keepdims=True); return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))
q = 2.5
v4 = np.array(INPUT['v4'], dtype=np.float64)
mean, var = v4.mean(axis=(0, 2)), v4.var(axis=(0, 2))
out = {
  'xent': -(p * log_softmax(z)).sum(-1), 'xent0': -(p.T * log_softmax(z.T, 0)).sum(0),
  'sparse': -np.take_along_axis(log_softmax(z), ids[:, None], -1)[:, 0],
  'sigmoid': np.maximum(x, 0) - x * lab + np.log1p(np.exp(-np.abs(x))),
  'weighted': (1 - lab) * x + (1 + (q - 1) * lab) * (np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0)),
  'l2': [0.5 * (z ** 2).sum()], 'mean': mean, 'var': var,
  'bn': (v4 - mean[None, :, None]) / np.sqrt(var[None, :, None] + 1e-3) * 1.5 + 0.25,
  'bias_nhwc': v4 + np.array([1., 2., 3.]), 'bias_nchw': v4 + np.array([10., 20.])[None, :, None],
}
print(json.dumps({k: [float(v) for v in np.ravel(a)] for k, a in out.items()}))
`;

test("losses, moments, batch normalization and bias_add in float64 match numpy", { skip }, () => {
  const logits = [[0.5, -1, 2], [30, -30, 0], [-4, 4.5, 1], [0, 0, 0]];
  const probs = [[0.2, 0.3, 0.5], [1, 0, 0], [0, 0.25, 0.75], [0.1, 0.1, 0.8]];
  const ids = [2, 0, 1, 1];
  const x = [-80, -3, -0.5, 0, 0.5, 3, 80], lab = [0, 1, 0.3, 1, 0, 0.9, 1];
  const v4 = Array.from({ length: 2 }, (_, a) => Array.from({ length: 2 }, (_, b) => Array.from({ length: 3 }, (_, c) => Math.sin(a * 7 + b * 3 + c))));
  const want = runPython(ORACLE, { logits, probs, ids, x, lab, v4 }) as Record<string, number[]>;
  const f64 = (v: unknown) => tf.constant(v as number[], "float64");
  const z = f64(logits), p = f64(probs), xt = f64(x), lt = f64(lab), v = f64(v4);
  const [mean, variance] = tf.nn.moments(v, [0, 2]);
  const got: Record<string, T> = {
    xent: tf.nn.softmaxCrossEntropyWithLogits({ labels: p, logits: z }),
    xent0: tf.nn.softmaxCrossEntropyWithLogits({ labels: tf.transpose(p), logits: tf.transpose(z), axis: 0 }),
    sparse: tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant(ids, "int64"), logits: z }),
    sigmoid: tf.nn.sigmoidCrossEntropyWithLogits({ labels: lt, logits: xt }),
    weighted: tf.nn.weightedCrossEntropyWithLogits({ labels: lt, logits: xt, posWeight: 2.5 }),
    l2: tf.reshape(tf.nn.l2Loss(z), [1]), mean, var: variance,
    bn: tf.nn.batchNormalization(v, tf.reshape(mean, [1, 2, 1]), tf.reshape(variance, [1, 2, 1]), 0.25, 1.5, 1e-3),
    bias_nhwc: tf.nn.biasAdd(v, f64([1, 2, 3])), bias_nchw: tf.nn.biasAdd(v, f64([10, 20]), { dataFormat: "NCHW" }),
  };
  for (const [name, t] of Object.entries(got)) close(values(t), want[name]!, 1e-13, 1e-15);
  assert.deepEqual(got.xent!.dims, [4]);
  assert.deepEqual(got.xent0!.dims, [4]);
});

test("cross-entropies are finite at large |logits|, keep half types, and take higher ranks", () => {
  close(values(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [1, 0], logits: tf.constant([[1e4, -1e4], [1e4, -1e4]]) })), [2e4, 0], 0);
  close(values(tf.nn.softmaxCrossEntropyWithLogits({ labels: [[0, 1]], logits: tf.constant([[1e4, -1e4]]) })), [2e4], 0);
  const s = values(tf.nn.sigmoidCrossEntropyWithLogits({ labels: [0, 1, 1, 0], logits: [-1e4, 1e4, -1e4, 1e4] }));
  assert.deepEqual(s, [0, 0, 1e4, 1e4]);
  const h = tf.nn.softmaxCrossEntropyWithLogits({ labels: tf.constant([[0, 1]], "float16"), logits: tf.constant([[0, 0]], "float16") });
  assert.equal(h.dtype.name, "float16");
  close(values(tf.cast(h, "float32")), [Math.LN2], 1e-3);
  // Rank 3: [2, 2, 3] logits, [2, 2] labels.
  const z = rand64([2, 2, 3]);
  const lab = tf.constant([[0, 2], [1, 1]], "int32");
  const r = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: lab, logits: z });
  assert.deepEqual(r.dims, [2, 2]);
  const flat = tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.reshape(lab, [-1]), logits: tf.reshape(z, [4, 3]) });
  assert.deepEqual(values(r), values(flat));
  // Labels broadcast against logits in the fused kernel (a row of labels for every example).
  const b = tf.nn.softmaxCrossEntropyWithLogits({ labels: [0.5, 0.5, 0], logits: tf.constant([[1, 2, 3], [0, 0, 0]]) });
  const full = tf.nn.softmaxCrossEntropyWithLogits({ labels: [[0.5, 0.5, 0], [0.5, 0.5, 0]], logits: tf.constant([[1, 2, 3], [0, 0, 0]]) });
  assert.deepEqual(values(b), values(full));
});

test("TensorFlow's cross-entropy errors, word for word", () => {
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [5, 0, 1], logits: tf.ones([3, 3]) }), {
    name: "InvalidArgumentError",
    message: "Received a label value of 5 which is outside the valid range of [0, 3).  Label values: 5 0 1 [Op:SparseSoftmaxCrossEntropyWithLogits]",
  });
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([-1n, 7n]), logits: tf.ones([2, 3]) }), {
    message: "Received a label value of -1 which is outside the valid range of [0, 3).  Label values: -1 7 [Op:SparseSoftmaxCrossEntropyWithLogits]",
  });
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [0, 1], logits: tf.ones([3, 3]) }), {
    name: "ValueError",
    message: "`labels.shape` must equal `logits.shape` except for the last dimension. Received: labels.shape=(2,) and logits.shape=(3, 3)",
  });
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [[0, 1]], logits: tf.ones([2, 3]) }), {
    name: "ValueError",
    message: "`labels.shape.rank` must equal `logits.shape.rank - 1`. Received: labels.shape=(1, 2) of rank 2 and logits.shape=(2, 3) of rank 2",
  });
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant(0, "int32"), logits: tf.constant(1) }), {
    name: "ValueError", message: "`logits` cannot be a scalar. Received logits=tf.Tensor(1.0, shape=(), dtype=float32)`",
  });
  assert.throws(() => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [0], logits: tf.ones([1, 0]) }), {
    name: "InvalidArgumentError", message: "Must have at least one class, but got logits shape [1,0] [Op:SparseSoftmaxCrossEntropyWithLogits]",
  });
  assert.throws(() => tf.nn.softmaxCrossEntropyWithLogits({ labels: tf.ones([2, 4]), logits: tf.ones([2, 3]) }), {
    name: "InvalidArgumentError",
    message: "logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4] [Op:SoftmaxCrossEntropyWithLogits]",
  });
  assert.throws(() => tf.nn.sigmoidCrossEntropyWithLogits({ labels: [1, 0], logits: [1, 2, 3] }), {
    name: "ValueError", message: "`logits` and `labels` must have the same shape, received ((3,) vs (2,)).",
  });
  assert.throws(() => tf.nn.softmaxCrossEntropyWithLogits({ labels: tf.ones([2, 3], "int32"), logits: tf.ones([2, 3], "int32") }), {
    name: "InvalidArgumentError", message: /of int32 is not in the list of allowed values: half, bfloat16, float, double \[Op:SoftmaxCrossEntropyWithLogits\]$/,
  });
});

test("bias_add's formats and errors", () => {
  assert.throws(() => tf.nn.biasAdd(tf.ones([3]), tf.ones([3])), { name: "InvalidArgumentError", message: "Input tensor must be at least 2D: [3] [Op:BiasAdd]" });
  assert.throws(() => tf.nn.biasAdd(tf.ones([2, 3]), tf.ones([1, 3])), { message: "Biases must be 1D: [1,3] [Op:BiasAdd]" });
  assert.throws(() => tf.nn.biasAdd(tf.ones([2, 3]), tf.ones([2])), {
    message: "Must provide as many biases as the last dimension of the input tensor: [2] vs. [2,3] [Op:BiasAdd]",
  });
  assert.throws(() => tf.nn.biasAdd(tf.ones([2, 3]), tf.ones([3]), { dataFormat: "HWC" }), {
    name: "ValueError", message: "data_format must be of the form `N...C` or `NC...`",
  });
  // NCW and NCDHW read as NCHW, NWC as NHWC; every number type, int64 and complex included.
  assert.deepEqual(tf.nn.biasAdd(tf.ones([1, 2, 2]), tf.constant([1, 2]), { dataFormat: "NCW" }).numpy().tolist(), [[[2, 2], [3, 3]]]);
  assert.deepEqual(tf.nn.biasAdd(tf.ones([1, 2]), tf.constant([1, 2]), { dataFormat: "NWC" }).numpy().tolist(), [[2, 3]]);
  assert.deepEqual(tf.nn.biasAdd(tf.constant([[1n, 2n]]), tf.constant([10n, 20n])).numpy().tolist(), [[11n, 22n]]);
  assert.deepEqual(tf.nn.biasAdd(tf.constant([[2147483647, 0]], "int32"), tf.constant([1, 1], "int32")).numpy().tolist(), [[-2147483648, 1]]);
  const c = tf.nn.biasAdd(tf.constant([[{ re: 1, im: 2 }]]), tf.constant([{ re: 3, im: -1 }]));
  assert.deepEqual(c.numpy().tolist(), [[{ re: 4, im: 1 }]]);
});

test("embedding_lookup: one tensor, a variable, partitions by div and mod, max_norm", () => {
  const p = tf.constant([[1, 0], [0, 2], [3, 4]]);
  assert.deepEqual(tf.nn.embeddingLookup(p, [2, 0]).numpy().tolist(), [[3, 4], [1, 0]]);
  const v = new tf.Variable(p);
  assert.deepEqual(tf.nn.embeddingLookup(v, [[1], [2]]).numpy().tolist(), [[[0, 2]], [[3, 4]]]);
  // 5 ids over 2 partitions: div puts 0-2 in the first (3 rows) and 3-4 in the second; mod alternates.
  const a = tf.constant([[0], [1], [2]]), b = tf.constant([[3], [4]]);
  assert.deepEqual(tf.nn.embeddingLookup([a, b], [0, 1, 2, 3, 4]).numpy().tolist(), [[0], [1], [2], [3], [4]]);
  const am = tf.constant([[0], [2], [4]]), bm = tf.constant([[1], [3]]);
  assert.deepEqual(tf.nn.embeddingLookup([am, bm], [0, 1, 2, 3, 4], { partitionStrategy: "mod" }).numpy().tolist(), [[0], [1], [2], [3], [4]]);
  close(values(tf.nn.embeddingLookup(p, [2], { maxNorm: 1 })), [0.6, 0.8], 1e-7);
  assert.throws(() => tf.nn.embeddingLookup([], [0]), { name: "ValueError", message: "Length of params is currently 0. Need at least one param." });
  // Gradients reach each partition (IndexedSlices or dense, summed for repeated ids).
  const tape = new tf.GradientTape();
  const va = new tf.Variable(tf.constant([[1, 1], [1, 1]])), vb = new tf.Variable(tf.constant([[1, 1]]));
  const y = tape.record(() => tf.reduceSum(tf.nn.embeddingLookup([va, vb], [2, 0, 2])));
  const [ga, gb] = tape.gradient(y, [va, vb]) as T[];
  assert.deepEqual(tf.convertToTensor(ga!).numpy().tolist(), [[1, 1], [0, 0]]);
  assert.deepEqual(tf.convertToTensor(gb!).numpy().tolist(), [[2, 2]]);
});

test("compute_average_loss and scale_regularization_loss", () => {
  close(values(tf.nn.computeAverageLoss(tf.constant([1, 2, 3, 6]))), [3], 0);
  close(values(tf.nn.computeAverageLoss(tf.constant([1, 2, 3, 6]), { globalBatchSize: 8 })), [1.5], 0);
  close(values(tf.nn.computeAverageLoss(tf.constant([1, 2]), { sampleWeight: [2, 0] })), [1], 0);
  close(values(tf.nn.computeAverageLoss(tf.constant([[1, 2], [3, 4]]), { sampleWeight: [1, 0] })), [1.5], 0);
  close(values(tf.nn.scaleRegularizationLoss(tf.constant([0.5, 0.25]))), [0.75], 0);
  assert.throws(() => tf.nn.computeAverageLoss(tf.constant(1)), {
    name: "ValueError", message: "Invalid value passed for `per_example_loss`. Expected a tensor with at least rank 1.",
  });
  assert.throws(() => tf.nn.computeAverageLoss(tf.constant([1]), { globalBatchSize: 0 }), {
    name: "InvalidArgumentError", message: /^global_batch_size must be positive\./,
  });
  assert.throws(() => tf.nn.computeAverageLoss(tf.constant([1]), { globalBatchSize: tf.constant(2.5) }), {
    name: "TypeError", message: /^global_batch_size must be an integer\./,
  });
  assert.throws(() => tf.nn.computeAverageLoss(tf.constant([1]), { globalBatchSize: tf.constant([2, 2], "int32") }), {
    name: "ValueError", message: "global_batch_size must be scalar.Expected scalar shape, saw shape: (2,).",
  });
});

test("normalize_moments from sufficient statistics", () => {
  const [m, v] = tf.nn.normalizeMoments(4, tf.constant([8, 4]), tf.constant([20, 8]));
  assert.deepEqual(values(m), [2, 1]);
  assert.deepEqual(values(v), [1, 1]);
  const [ms] = tf.nn.normalizeMoments(4, tf.constant([8, 4]), tf.constant([20, 8]), tf.constant([1, 1]));
  assert.deepEqual(values(ms), [3, 2]);
  const [mk, vk] = tf.nn.moments(tf.constant([[1, 2], [3, 6]]), [1], { keepdims: true });
  assert.deepEqual(mk.dims, [2, 1]);
  assert.deepEqual(values(vk), [0.25, 2.25]);
});

test("gradients match float64 finite differences", () => {
  const z = rand64([3, 4], -3, 3), p = tf.nn.softmax(rand64([3, 4]));
  checkGradients((a, b) => tf.nn.softmaxCrossEntropyWithLogits({ labels: b, logits: a }), [z, p]);
  // (TensorFlow's gradient assumes each label distribution sums to 1 along the class axis.)
  checkGradients((a, b) => tf.nn.softmaxCrossEntropyWithLogits({ labels: b, logits: a, axis: 0 }), [z, tf.nn.softmax(rand64([3, 4]), 0)]);
  checkGradients((a) => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [3, 0, 1], logits: a }), [z]);
  // The backprop output's own gradient (the second derivative of the fused ops).
  checkGradients((a) => {
    const t = new tf.GradientTape();
    const y = t.record(() => { t.watch(a); return tf.reduceSum(tf.multiply(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [3, 0, 1], logits: a }), tf.constant([1, 2, -1], "float64"))); });
    return t.gradient(y, a) as T;
  }, [z]);
  checkGradients((a, b) => {
    const t = new tf.GradientTape();
    const y = t.record(() => { t.watch(a); return tf.reduceSum(tf.nn.softmaxCrossEntropyWithLogits({ labels: b, logits: a })); });
    return t.gradient(y, a) as T;
  }, [z, p]);
  const x = rand64([5], -4, 4), l = tf.constant([0, 1, 0.5, 1, 0], "float64");
  checkGradients((a, b) => tf.nn.sigmoidCrossEntropyWithLogits({ labels: b, logits: a }), [x, l]);
  checkGradients((a, b) => tf.nn.weightedCrossEntropyWithLogits({ labels: b, logits: a, posWeight: 3 }), [x, l]);
  checkGradients((a) => tf.nn.l2Loss(a), [x]);
  const v = rand64([2, 3, 2]);
  checkGradients((a, b) => tf.nn.biasAdd(a, b), [v, rand64([2])]);
  checkGradients((a, b) => tf.nn.biasAdd(a, b, { dataFormat: "NCHW" }), [v, rand64([3])]);
  checkGradients((a) => {
    const [m, s] = tf.nn.moments(a, [0]);
    return tf.add(m, s);
  }, [rand64([4, 3])]);
  checkGradients((a, m, s, o, g) => tf.nn.batchNormalization(a, m, s, o, g, 1e-3), [rand64([4, 3]), rand64([3]), rand64([3], 0.5, 2), rand64([3]), rand64([3])]);
  // BiasAddGrad's gradient (the bias gradient's second derivative path).
  checkGradients((a) => {
    const t = new tf.GradientTape();
    const b = tf.zeros([2], "float64");
    const y = t.record(() => { t.watch(b); return tf.reduceSum(tf.multiply(tf.nn.biasAdd(a, b), a)); });
    return t.gradient(y, b) as T;
  }, [v]);
});
