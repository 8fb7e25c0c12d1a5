// `t.numpy()` of a rank-0 tensor is NumPy's scalar (TensorFlow returns one): its repr and
// str against python3's NumPy 2 for every dtype, and a variable's repr when its value cannot
// be read (`numpy=<unavailable>`, resource_variable_ops.py's __repr__).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { encodeArray, numpyAvailable, runPython } from "./helpers/numpy_oracle.js";

const skip = numpyAvailable() ? false : "python3 with numpy is not available";

const CASES: [tf.Tensor, string][] = [
  [tf.constant(6, "float32"), "6"], [tf.constant(0.1, "float32"), "0.1"], [tf.constant(0.1, "float16"), "0.1"],
  [tf.constant(0.1, "float64"), "0.1"], [tf.constant(1e20, "float64"), "1e20"], [tf.constant(1e-5, "float32"), "1e-5"],
  [tf.constant(NaN, "float32"), "nan"], [tf.constant(-Infinity, "float64"), "-inf"], [tf.constant(-0, "float32"), "-0.0"],
  [tf.constant(6, "int32"), "6"], [tf.constant(-3n, "int64"), "-3"], [tf.constant(200, "uint8"), "200"],
  [tf.constant(-7, "int8"), "-7"], [tf.constant(9, "uint32"), "9"], [tf.constant(true), "True"], [tf.constant(false), "False"],
  [tf.constant({ re: 1, im: 2 }, "complex64"), "1+2j"], [tf.constant({ re: 0, im: 0 }, "complex64"), "0j"],
  [tf.constant({ re: -0, im: -0.5 }, "complex128"), "-0-0.5j"], [tf.constant({ re: 0, im: 3 }, "complex128"), "3j"],
];

test("the numpy() of a rank-0 tensor prints as NumPy 2's scalar (repr and str), for every dtype", { skip }, () => {
  const input = CASES.map(([t]) => { const n = t.numpy(); return encodeArray({ dtype: n.tfDtype, shape: [...n.shape], data: n.data as ArrayBufferView }); });
  const expected = runPython(`
out = []
for e in INPUT:
    s = dec(e)[()]
    out.append([repr(s), str(s)])
print(json.dumps(out))
`, input) as [string, string][];
  CASES.forEach(([t, label], i) => {
    const n = t.numpy();
    assert.deepEqual([n.repr(), String(n)], expected[i], `${t.dtype.name} ${label}`);
  });
});

test("a scalar's numpy(): np.float32(6.0), String 6.0, item(), shape [], data, tolist()", () => {
  const n = tf.constant(6.0).numpy();
  assert.ok(n instanceof tf.NumpyScalar);
  assert.ok(n instanceof tf.NDArray);
  assert.equal(n.repr(), "np.float32(6.0)");
  assert.equal(String(n), "6.0");
  assert.equal(n.item(), 6);
  assert.deepEqual(n.shape, []);
  assert.equal(n.ndim, 0);
  assert.equal(n.dtype, "float32");
  assert.deepEqual(Array.from(n.data as Float32Array), [6]);
  assert.equal(n.tolist(), 6);
  // Arrays of rank >= 1 stay NDArrays.
  const a = tf.constant([6.0]).numpy();
  assert.ok(!(a instanceof tf.NumpyScalar));
  assert.equal(a.repr(), "array([6.], dtype=float32)");
});

test("string and bfloat16 scalars: Python bytes and ml_dtypes' scalar", () => {
  const s = tf.constant("abc").numpy();
  assert.equal(s.repr(), "b'abc'");
  assert.equal(String(s), "b'abc'");
  const b = tf.constant(1.5, "bfloat16").numpy();
  assert.equal(b.repr(), "1.5");
  assert.equal(String(b), "1.5");
});

test("a rank-0 variable's numpy() is a scalar too, and tensors print as before", () => {
  const v = new tf.Variable(6.0);
  assert.equal(v.numpy().repr(), "np.float32(6.0)");
  assert.equal(v.repr(), "<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=6.0>");
  assert.equal(tf.constant(6.0).repr(), "<tf.Tensor: shape=(), dtype=float32, numpy=6.0>");
  assert.equal(String(tf.constant(0.1)), "tf.Tensor(0.1, shape=(), dtype=float32)");
});

test("the repr of a variable whose value cannot be read says numpy=<unavailable>", () => {
  const v = new tf.Variable([1, 2], { name: "w" });
  v.dispose();
  assert.equal(v.repr(), "<tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=<unavailable>>");
  assert.equal(String(v), "<tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=<unavailable>>");
  const u = new tf.Variable([[1, 2]], { dtype: "int32", shape: [null, 2] });
  u.dispose();
  assert.equal(u.repr(), "<tf.Variable 'Variable:0' shape=(None, 2) dtype=int32, numpy=<unavailable>>");
});
