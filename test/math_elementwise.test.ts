// tf.math's elementwise ops of #14 against python3 (numpy, and Python's math module for the
// special functions), TensorFlow's dtype errors, and float64 finite-difference gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";

type T = tf.Tensor;
const skip = numpyAvailable() ? false : "python3 with numpy is not available";

const XS = [-3.7, -2.5, -1.5, -0.75, -0.5, -0.1, 0.1, 0.3, 0.5, 0.9, 1.5, 2.5, 3.2, 7.9, 25.5];
const UNIT = [-0.95, -0.5, -0.1, 0.05, 0.3, 0.7, 0.99];
const POS = [0.01, 0.3, 0.5, 1, 1.5, 2, 3.3, 9.5, 14.9, 15.1, 40, 171.5];

function values(t: T): number[] { return Array.from(t.numpy().data as Float64Array, Number); }

function close(got: number[], want: number[], rel: number, abs = 0): void {
  assert.equal(got.length, want.length);
  got.forEach((g, i) => {
    const w = want[i]!;
    if (Number.isNaN(w)) { assert.ok(Number.isNaN(g), `element ${i}: ${g} != NaN`); return; }
    if (!Number.isFinite(w)) { assert.equal(g, w, `element ${i}`); return; }
    assert.ok(Math.abs(g - w) <= rel * Math.abs(w) + abs, `element ${i}: ${g} != ${w}`);
  });
}

const ORACLE = `
import math
def f(name, x):
    table = {'floor': np.floor, 'ceil': np.ceil, 'round': np.round, 'rint': np.rint, 'reciprocal': np.reciprocal,
      'tan': np.tan, 'asin': np.arcsin, 'acos': np.arccos, 'atan': np.arctan, 'sinh': np.sinh, 'cosh': np.cosh,
      'asinh': np.arcsinh, 'acosh': np.arccosh, 'atanh': np.arctanh, 'expm1': np.expm1}
    if name in table: return table[name](x)
    g = {'erf': math.erf, 'erfc': math.erfc, 'lgamma': math.lgamma}[name]
    return np.array([g(float(v)) for v in x])
out = {}
for name, xs in INPUT.items():
    out[name] = [float(v) for v in f(name, np.array(xs, dtype=np.float64))]
print(json.dumps(out))
`;

test("unary math in float64 matches numpy and Python's math module", { skip }, () => {
  const cases: Record<string, number[]> = {
    floor: XS, ceil: XS, round: XS, rint: XS, reciprocal: XS, tan: XS, asin: UNIT, acos: UNIT, atan: XS,
    sinh: XS, cosh: XS, asinh: XS, acosh: POS.map((p) => p + 1), atanh: UNIT, expm1: XS,
    erf: [...XS, 4, -5, 6], erfc: [...XS, 4, 6, 10, 26, -6], lgamma: [...XS, ...POS],
  };
  const want = runPython(ORACLE, cases) as Record<string, number[]>;
  const math = tf.math as unknown as Record<string, (x: T) => T>;
  for (const [name, xs] of Object.entries(cases)) {
    const got = values(math[name]!(tf.constant(xs, "float64")));
    close(got, want[name]!, name === "lgamma" ? 1e-13 : 1e-14, name === "lgamma" ? 1e-14 : 0);
  }
});

test("round and rint are half to even; integers round to themselves", () => {
  assert.deepEqual(values(tf.math.round(tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6], "float64"))), [-2, -2, -0, 0, 2, 2, 3]);
  const i = tf.constant([1, 2], "int32");
  assert.equal(tf.math.round(i), i);
});

test("digamma, polygamma and zeta: known values, poles", () => {
  const g = 0.5772156649015329;
  close(values(tf.math.digamma(tf.constant([1, 0.5, 2, -0.5, 0, -1], "float64"))), [-g, -g - 2 * Math.log(2), 1 - g, 2 - g - 2 * Math.log(2) + 0, NaN, NaN].map((v, k) => (k === 3 ? 0.03648997397857652 : v)), 1e-13, 1e-15);
  close(values(tf.math.polygamma(tf.constant([1, 1, 2], "float64"), tf.constant([1, 0.5, 1], "float64"))),
    [Math.PI ** 2 / 6, Math.PI ** 2 / 2, -2 * 1.2020569031595942], 1e-13);
  close(values(tf.math.zeta(tf.constant([2, 4, 1, 0.5], "float64"), tf.constant([1, 1, 1, 1], "float64"))), [Math.PI ** 2 / 6, Math.PI ** 4 / 90, Infinity, NaN], 1e-13);
});

test("softplus uses TensorFlow's thresholds; logSigmoid = -softplus(-x)", () => {
  close(values(tf.math.softplus(tf.constant([-100, -1, 0, 1, 50], "float64"))), [Math.exp(-100), Math.log1p(Math.exp(-1)), Math.LN2, Math.log1p(Math.E), 50], 1e-15);
  close(values(tf.math.logSigmoid(tf.constant([-50, 0, 3], "float64"))), [-50, -Math.LN2, -Math.log1p(Math.exp(-3))], 1e-15);
});

test("binary math: atan2, squaredDifference, truncatediv/mod, xlogy, xdivy, divNoNan, multiplyNoNan", () => {
  close(values(tf.math.atan2(tf.constant([1, -1, 0], "float64"), tf.constant([[1], [-2]], "float64"))),
    [Math.atan2(1, 1), Math.atan2(-1, 1), 0, Math.atan2(1, -2), Math.atan2(-1, -2), Math.PI], 1e-15);
  assert.deepEqual(Array.from(tf.math.squaredDifference(tf.constant([1, 5], "int32"), tf.constant(3, "int32")).numpy().data as Int32Array), [4, 4]);
  assert.deepEqual(Array.from(tf.math.truncatediv(tf.constant([-7, 7, -7], "int32"), tf.constant([2, -2, -2], "int32")).numpy().data as Int32Array), [-3, -3, 3]);
  assert.deepEqual(Array.from(tf.math.truncatemod(tf.constant([-7, 7, -7], "int32"), tf.constant([2, -2, -2], "int32")).numpy().data as Int32Array), [-1, 1, -1]);
  close(values(tf.math.xlogy(tf.constant([0, 2, 0], "float64"), tf.constant([0, 3, Infinity], "float64"))), [0, 2 * Math.log(3), 0], 1e-15);
  close(values(tf.math.xdivy(tf.constant([0, 2], "float64"), tf.constant([0, 4], "float64"))), [0, 0.5], 0);
  close(values(tf.math.divNoNan(tf.constant([1, 2], "float64"), tf.constant([0, 4], "float64"))), [0, 0.5], 0);
  assert.equal(tf.math.divideNoNan(tf.constant([3], "int32"), tf.constant([0], "int32")).dtype.name, "float64");
  close(values(tf.math.multiplyNoNan(tf.constant([Infinity, NaN, 2], "float64"), tf.constant([0, 0, 3], "float64"))), [0, 0, 6], 0);
});

test("isNan, isInf, isFinite give bools", () => {
  const x = tf.constant([NaN, Infinity, -Infinity, 1], "float32");
  assert.deepEqual(Array.from(tf.math.isNan(x).numpy().data as Uint8Array), [1, 0, 0, 0]);
  assert.deepEqual(Array.from(tf.math.isInf(x).numpy().data as Uint8Array), [0, 1, 1, 0]);
  assert.deepEqual(Array.from(tf.math.isFinite(x).numpy().data as Uint8Array), [0, 0, 0, 1]);
  assert.equal(tf.math.isNan(x).dtype.name, "bool");
});

test("TensorFlow's dtype errors", () => {
  assert.throws(() => tf.math.floor(tf.constant([1], "int32")), (e: Error) =>
    e instanceof tf.errors.InvalidArgumentError && e.message.startsWith("Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half, float, double") && e.message.endsWith("[Op:Floor]"));
  assert.throws(() => tf.math.truncatediv(tf.constant([1], "int32"), tf.constant([0], "int32")), (e: Error) =>
    e instanceof tf.errors.InvalidArgumentError && e.message === "Integer division by zero [Op:TruncateDiv]");
  assert.throws(() => tf.math.multiplyNoNan(tf.constant([1], "float32"), tf.constant([1], "int32")), (e: Error) =>
    e instanceof TypeError && e.message === "`x` and `y` must have the same dtype, got tf.float32 != tf.int32");
});

// --- gradients (central differences in float64) ---------------------------------------------

function check(f: (...xs: T[]) => T, xs: number[][]): void {
  const ts = xs.map((v) => tf.constant(v, "float64"));
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(ts); return tf.reduceSum(f(...ts)); });
  const grads = tape.gradient(y, ts);
  const eps = 1e-6;
  xs.forEach((v, i) => {
    const analytic = values(grads[i]!);
    v.forEach((_, j) => {
      const at = (d: number) => {
        const args = xs.map((w, k) => tf.constant(k === i ? w.map((z, m) => (m === j ? z + d : z)) : w, "float64"));
        return Number(tf.reduceSum(f(...args)).numpy().item());
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      assert.ok(Math.abs(analytic[j]! - numeric) <= 1e-5 * Math.max(1, Math.abs(numeric)), `input ${i} element ${j}: ${analytic[j]} vs ${numeric}`);
    });
  });
}

test("gradients match finite differences", () => {
  const u = [[-0.7, 0.2, 0.6]], p = [[0.4, 1.3, 2.7]], r = [[-1.2, 0.3, 2.1]];
  for (const f of [tf.math.tan, tf.math.atan, tf.math.sinh, tf.math.cosh, tf.math.asinh, tf.math.expm1, tf.math.erf,
    tf.math.erfc, tf.math.softplus, tf.math.logSigmoid, tf.math.softsign, tf.math.reciprocal]) check(f, r);
  for (const f of [tf.math.asin, tf.math.acos, tf.math.atanh]) check(f, u);
  for (const f of [tf.math.lgamma, tf.math.digamma]) check(f, p);
  check((x) => tf.math.acosh(tf.add(x, 1)), p);
  check(tf.math.atan2, [[0.5, -1, 2], [1.5, 0.7, -0.3]]);
  check(tf.math.squaredDifference, [[0.5, -1, 2], [1.5]]);
  check(tf.math.xlogy, [[0.5, -1, 2], [1.5, 0.7, 3]]);
  check(tf.math.xdivy, [[0.5, -1, 2], [1.5, 0.7, 3]]);
  check(tf.math.xlog1py, [[0.5, -1, 2], [1.5, 0.7, 3]]);
  check(tf.math.multiplyNoNan, [[0.5, -1, 2], [1.5, 0.7, 3]]);
  check((x) => tf.math.polygamma(tf.constant([1, 1, 2], "float64"), x), p);
  check((q) => tf.math.zeta(tf.constant([2, 3, 2.5], "float64"), q), p);
});

test("rounding has no gradient", () => {
  const x = tf.constant([0.5, 1.2], "float64");
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.math.floor(x); });
  assert.equal(tape.gradient(y, x), null);
});
