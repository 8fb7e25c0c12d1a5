// tf.nn's activations and softmaxes (#15) against python3's numpy in float64, float32 values,
// stability at large |x|, TensorFlow's dtype lists and errors, and float64 finite-difference
// gradients (first and, through the *Grad ops' own gradients, second derivatives).
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

const XS = [-30, -7.5, -3, -1.2, -0.5, -1e-9, 0, 1e-9, 0.25, 0.9, 2.5, 5.9, 6, 6.1, 40];

const ORACLE = `
import math
x = np.array(INPUT['x'], dtype=np.float64)
S, SA = 1.0507009873554804934193349852946, 1.7580993408473768599402175208123
erf = np.vectorize(math.erf)
sig = lambda v: 1 / (1 + np.exp(-v))
m = np.array(INPUT['m'], dtype=np.float64)
def softmax(v, axis):
    e = np.exp(v - v.max(axis=axis, keepdims=True)); return e / e.sum(axis=axis, keepdims=True)
def log_softmax(v, axis):
    s = v - v.max(axis=axis, keepdims=True); return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))
out = {
  'relu6': np.clip(x, 0, 6), 'elu': np.where(x < 0, np.expm1(x), x), 'selu': np.where(x < 0, SA * np.expm1(x), S * x),
  'leaky': np.where(x > 0, x, float(np.float32(0.2)) * x), 'leaky05': np.where(x > 0, x, 0.5 * x),
  'gelu': 0.5 * x * (1 + erf(x / math.sqrt(2))),
  'gelu_tanh': 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3))),
  'silu': x * sig(x), 'swish2': x * sig(2 * x), 'crelu': np.maximum(np.concatenate([x, -x]), 0),
  'softmax': softmax(m, -1), 'softmax0': softmax(m, 0), 'log_softmax': log_softmax(m, -1), 'log_softmax0': log_softmax(m, 0),
}
print(json.dumps({k: [float(v) for v in np.ravel(a)] for k, a in out.items()}))
`;

test("activations and softmaxes in float64 match numpy", { skip }, () => {
  const m = [[0.5, -1, 2, 3.5], [10, 10, -10, 0], [-3, 0.1, 0.2, 0.3]];
  const want = runPython(ORACLE, { x: XS, m }) as Record<string, number[]>;
  const x = tf.constant(XS, "float64"), mt = tf.constant(m, "float64");
  const got: Record<string, T> = {
    relu6: tf.nn.relu6(x), elu: tf.nn.elu(x), selu: tf.nn.selu(x), leaky: tf.nn.leakyRelu(x),
    leaky05: tf.nn.leakyRelu(x, { alpha: 0.5 }), gelu: tf.nn.gelu(x), gelu_tanh: tf.nn.gelu(x, { approximate: true }),
    silu: tf.nn.silu(x), swish2: tf.nn.swish(x, { beta: 2 }), crelu: tf.nn.crelu(x),
    softmax: tf.nn.softmax(mt), softmax0: tf.nn.softmax(mt, 0), log_softmax: tf.nn.logSoftmax(mt),
    log_softmax0: tf.nn.logSoftmax(mt, 0),
  };
  for (const [name, t] of Object.entries(got)) {
    assert.equal(t.dtype.name, "float64", name);
    // (gelu through erf: the two erf implementations differ by a few ulps.)
    close(values(t), want[name]!, name.startsWith("gelu") ? 1e-12 : 1e-14, 1e-300);
  }
  assert.deepEqual(got.crelu!.dims, [30]);
  assert.deepEqual(got.softmax0!.dims, [3, 4]);
});

test("float32 activations keep float32 and agree with float64 to float32 precision", () => {
  const x32 = tf.constant(XS), x64 = tf.constant(XS, "float64");
  // (gelu's 1 + erf(x/√2) cancels in float32 for negative x, as in TensorFlow: relative 4e-6 there.)
  const fs: ((t: T) => T)[] = [tf.nn.relu6, tf.nn.elu, tf.nn.selu, (t) => tf.nn.leakyRelu(t), (t) => tf.nn.gelu(t), (t) => tf.nn.silu(t), (t) => tf.nn.softmax(t), (t) => tf.nn.logSoftmax(t)];
  for (const f of fs) {
    const a = f(x32), b = f(x64);
    assert.equal(a.dtype.name, "float32");
    close(values(a), values(b), f === fs[4] ? 4e-6 : 3e-7, 1e-12);
  }
  // half types compute through float32 and round once.
  const h = tf.nn.elu(tf.constant([-1, 0.5], "float16"));
  assert.equal(h.dtype.name, "float16");
  close(values(tf.cast(h, "float32")), [-0.63212, 0.5], 1e-3);
  assert.equal(tf.nn.softmax(tf.constant([1, 1], "bfloat16")).dtype.name, "bfloat16");
});

test("softmax and log_softmax are stable at large |x| and exact at known points", () => {
  assert.deepEqual(values(tf.nn.softmax(tf.constant([1000, 0, -1000]))), [1, 0, 0]);
  assert.deepEqual(values(tf.nn.logSoftmax(tf.constant([1000, 0], "float64"))), [0, -1000]);
  assert.deepEqual(values(tf.nn.softmax(tf.constant([-1e30, -1e30]))), [0.5, 0.5]);
  assert.deepEqual(values(tf.nn.elu(tf.constant([-1000, 1000]))), [-1, 1000]);
  assert.deepEqual(values(tf.nn.relu6(tf.constant([NaN, -Infinity, Infinity]))).map(String), ["NaN", "0", "6"]);
  // Softmax of an empty row is empty; of one entry, 1.
  assert.deepEqual(tf.nn.softmax(tf.zeros([2, 0])).dims, [2, 0]);
  assert.deepEqual(values(tf.nn.softmax(tf.constant([[3], [-7]]))), [1, 1]);
  // Integer Relu6 stays integer (realnumbertypes), int64 exactly.
  assert.deepEqual(tf.nn.relu6(tf.constant([-3, 4, 9], "int32")).numpy().tolist(), [0, 4, 6]);
  assert.deepEqual(tf.nn.relu6(tf.constant([-3n, 9n])).numpy().tolist(), [0n, 6n]);
  // leaky_relu casts integers to float32, as TensorFlow's Python layer does.
  const l = tf.nn.leakyRelu(tf.constant([-5, 5], "int32"));
  assert.equal(l.dtype.name, "float32");
  assert.deepEqual(values(l), [Math.fround(-5 * Math.fround(0.2)), 5]);
});

test("TensorFlow's errors: dtypes, ranks, axes", () => {
  assert.throws(() => tf.nn.softmax(tf.constant([1, 2], "int32")), {
    name: "InvalidArgumentError",
    message: "Value for attr 'T' of int32 is not in the list of allowed values: half, bfloat16, float, double [Op:Softmax]",
  });
  assert.throws(() => tf.nn.elu(tf.constant([1, 2], "int32")), { name: "InvalidArgumentError", message: /attr 'T' of int32 .* \[Op:Elu\]$/ });
  assert.throws(() => tf.nn.softmax(tf.constant(2)), { name: "InvalidArgumentError", message: "logits must have >= 1 dimension, got [] [Op:Softmax]" });
  assert.throws(() => tf.nn.logSoftmax(tf.ones([2, 3]), 2), {
    name: "InvalidArgumentError",
    message: "`dim` must be in the range [-2, 2) where 2 is the number of dimensions in the input. Received: dim=2",
  });
  assert.throws(() => tf.nn.gelu(tf.constant([1], "int32")), {
    name: "ValueError", message: "`features.dtype` must be a floating point tensor.Received:features.dtype=<dtype: 'int32'>",
  });
});

test("gradients match float64 finite differences", () => {
  // Points away from the kinks (0 and 6) where the functions are not differentiable.
  const x = tf.constant([[-2.3, -0.7, 0.4, 1.9], [3.1, 5.2, 6.8, -4.4]], "float64");
  const fs: ((t: T) => T)[] = [tf.nn.relu6, tf.nn.elu, tf.nn.selu, (t) => tf.nn.leakyRelu(t), (t) => tf.nn.gelu(t), (t) => tf.nn.silu(t),
    (t) => tf.nn.crelu(t), (t) => tf.nn.gelu(t, { approximate: true }), (t) => tf.nn.leakyRelu(t, { alpha: 0.3 }),
    (t) => tf.nn.softmax(t), (t) => tf.nn.logSoftmax(t), (t) => tf.nn.softmax(t, 0), (t) => tf.nn.logSoftmax(t, 0)];
  for (const f of fs) {
    checkGradients(f, [x]);
  }
  // swish's beta gets a gradient too.
  checkGradients((t, b) => tf.nn.swish(t, { beta: b }), [x, tf.constant(1.7, "float64")]);
  checkGradients((t) => tf.nn.softmax(t), [rand64([3, 5], -8, 8)]);
});

test("second derivatives through the *Grad ops match finite differences of the gradient", () => {
  const x = tf.constant([-2.3, -0.7, 0.4, 1.9, 5.2, 7.5], "float64");
  const fs: ((t: T) => T)[] = [tf.nn.elu, tf.nn.selu, tf.nn.relu6, (t) => tf.nn.leakyRelu(t), (t) => tf.nn.softmax(t), (t) => tf.nn.logSoftmax(t)];
  for (const f of fs) {
    checkGradients((t) => {
      const inner = new tf.GradientTape();
      const y = inner.record(() => { inner.watch(t); return tf.reduceSum(tf.multiply(f(t), tf.constant([1, -2, 3, 0.5, 1.5, -1], "float64"))); });
      return inner.gradient(y, t) as T;
    }, [x]);
  }
});

test("elu and selu second derivatives have TensorFlow's closed forms", () => {
  const x = tf.constant([-1.5, 2], "float64");
  const outer = new tf.GradientTape();
  const g = outer.record(() => {
    outer.watch(x);
    const inner = new tf.GradientTape();
    const y = inner.record(() => { inner.watch(x); return tf.reduceSum(tf.nn.elu(x)); });
    return inner.gradient(y, x) as T;
  });
  close(values(outer.gradient(g, x) as T), [Math.exp(-1.5), 0], 1e-15);
});
