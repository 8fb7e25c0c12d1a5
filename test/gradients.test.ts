// Gradients: hand-computed values for the main ops; a finite-difference check of every
// differentiable op in the spirit of tf.test.compute_gradient (float64 inputs from a fixed
// seed, central differences of sum(f(x) * w) for fixed random weights w, against the tape);
// ops and inputs that get no gradient; and GradientTape's behaviour (persistence, variables,
// output gradients, nested and concurrent tapes, jacobians, TensorFlow's errors).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { reluGrad } from "tsflow/internal/api/ops/math";
import { defineOp } from "tsflow/internal/ops/op_def";
import { DivNoNan } from "tsflow/internal/ops/math";
import { MatrixDiagV3, MatrixSetDiagV3 } from "tsflow/internal/ops/array";
import { execute1 } from "tsflow/internal/runtime/execute";
import { registerCpuKernel } from "tsflow/internal/devices/cpu/kernel";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;

// --- helpers ---------------------------------------------------------------------------------------

const rng = mulberry32(20261127);

/** float64 values drawn uniformly from [lo, hi). */
function rand(dims: readonly number[], lo = -2, hi = 2): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()), "float64", [...dims]);
}

/** float64 values of either sign with |x| in [lo, hi): away from the kink at zero. */
function randAway(dims: readonly number[], lo = 0.2, hi = 2): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => (rng() < 0.5 ? -1 : 1) * (lo + (hi - lo) * rng())), "float64", [...dims]);
}

function f64(values: number | readonly number[] | readonly (readonly number[])[], dims?: number[]): T {
  return tf.constant(values as number[], "float64", dims);
}

function data(t: T | tf.IndexedSlices | null | undefined): number[] {
  assert.ok(t instanceof tf.Tensor, "expected a dense gradient");
  return Array.from(t.numpy().data as Float64Array, Number);
}

function assertClose(actual: T | tf.IndexedSlices | null | undefined, expected: readonly number[], dims?: readonly number[], tol = 1e-12): void {
  const got = data(actual);
  if (dims !== undefined) assert.deepEqual((actual as T).dims, dims);
  assert.equal(got.length, expected.length, `length ${got.length} != ${expected.length}`);
  got.forEach((g, i) => {
    assert.ok(Math.abs(g - expected[i]!) <= tol * Math.max(1, Math.abs(expected[i]!)),
      `element ${i}: ${g} != ${expected[i]} (got [${got.join(", ")}])`);
  });
}

/** The gradient of f at xs, by a fresh tape. */
function grad(f: (...xs: T[]) => T, xs: T[], options?: tf.GradientOptions): (T | null)[] {
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(xs); return f(...xs); });
  return tape.gradient(y, xs, options);
}

const EPS = 1e-6;
const TOL = 1e-5;

/**
 * Compare tape gradients of L(xs) = sum(f(xs) * w) with central differences, element by
 * element: |analytic - numeric| <= TOL * max(1, |numeric|). f must return a real tensor.
 */
function checkGradients(f: (...xs: T[]) => T, xs: T[]): void {
  const y0 = f(...xs);
  assert.ok(y0.dtype.name === "float64", `f must return float64, got ${y0.dtype.name}`);
  const w = rand(y0.dims, -1, 1);
  const loss = (args: T[]) => tf.reduceSum(tf.multiply(f(...args), w));
  const grads = grad((...args) => loss(args), xs);
  xs.forEach((x, i) => {
    // null (no path to the loss) counts as zeros, as in tf.test.compute_gradient.
    const gi = grads[i] ?? tf.zerosLike(x);
    const analytic = data(gi);
    assert.deepEqual(gi.dims, x.dims, `gradient ${i} has the input's shape`);
    const base = Float64Array.from(x.numpy().data as Float64Array);
    const at = (v: Float64Array) => {
      const args = xs.map((o, k) => (k === i ? tf.constant(v, "float64", [...x.dims]) : o));
      return Number(loss(args).numpy().item());
    };
    for (let j = 0; j < base.length; j++) {
      const plus = base.slice(), minus = base.slice();
      plus[j]! += EPS;
      minus[j]! -= EPS;
      const numeric = (at(plus) - at(minus)) / (2 * EPS);
      const err = Math.abs(analytic[j]! - numeric);
      assert.ok(err <= TOL * Math.max(1, Math.abs(numeric)),
        `input ${i}, element ${j}: tape ${analytic[j]} vs finite difference ${numeric}`);
    }
  });
}

/** A real view of a complex result: sum of real parts plus 0.3 times the imaginary parts (elementwise). */
function realView(z: T): T {
  return tf.add(tf.real(z), tf.multiply(tf.imag(z), 0.3));
}

/** f as a function of the gradient of sum(g(xs) * w) with respect to xs[0]: for second derivatives. */
function firstDerivative(g: (...xs: T[]) => T): (...xs: T[]) => T {
  return (...xs) => {
    const inner = new tf.GradientTape();
    const y = inner.record(() => { inner.watch(xs); return g(...xs); });
    const w = tf.constant(Float64Array.from({ length: y.size }, (_, i) => 0.5 + 0.25 * Math.sin(i + 1)), "float64", [...y.dims]);
    const d = inner.gradient(y, xs[0]!, { outputGradients: w });
    assert.ok(d, "inner gradient");
    return d;
  };
}

// --- exact values on small cases -------------------------------------------------------------------

test("exact gradients: elementwise math", () => {
  const x = f64([1, 2, 4]);
  assertClose(grad((a) => tf.square(a), [x])[0], [2, 4, 8]);
  assertClose(grad((a) => tf.sqrt(a), [x])[0], [0.5, 0.5 / Math.SQRT2, 0.25]);
  assertClose(grad((a) => tf.rsqrt(a), [x])[0], [-0.5, -0.5 * 2 ** -1.5, -0.5 / 8]);
  assertClose(grad((a) => tf.exp(a), [x])[0], [Math.E, Math.exp(2), Math.exp(4)]);
  assertClose(grad((a) => tf.log(a), [x])[0], [1, 0.5, 0.25]);
  assertClose(grad((a) => tf.log1p(a), [x])[0], [0.5, 1 / 3, 0.2]);
  assertClose(grad((a) => tf.sin(a), [x])[0], [Math.cos(1), Math.cos(2), Math.cos(4)]);
  assertClose(grad((a) => tf.cos(a), [x])[0], [-Math.sin(1), -Math.sin(2), -Math.sin(4)]);
  assertClose(grad((a) => tf.tanh(a), [x])[0], [1, 2, 4].map((v) => 1 - Math.tanh(v) ** 2));
  assertClose(grad((a) => tf.sigmoid(a), [x])[0], [1, 2, 4].map((v) => { const s = 1 / (1 + Math.exp(-v)); return s * (1 - s); }));
  assertClose(grad((a) => tf.negative(a), [x])[0], [-1, -1, -1]);
  const s = f64([-2, 0, 3]);
  assertClose(grad((a) => tf.abs(a), [s])[0], [-1, 0, 1]);
  assertClose(grad((a) => tf.relu(a), [s])[0], [0, 0, 1], undefined, 0);
  assertClose(grad((a) => tf.sign(a), [s])[0], [0, 0, 0], undefined, 0);
});

test("Relu's gradient is TensorFlow's ReluGrad: gradients * (features > 0), NaN kept, second order through it", () => {
  const x = tf.constant([-1, 0, 2, 3], "float32");
  // Upstream NaN stays NaN where the output is 0 (NaN * 0), as TensorFlow's kernel computes.
  const [g] = grad((a) => tf.relu(a), [x], { outputGradients: tf.constant([NaN, 1, NaN, -2], "float32") });
  assert.equal(String(g), "tf.Tensor([nan  0. nan -2.], shape=(4,), dtype=float32)");
  // The tape records ReluGrad, whose own gradient masks again: d²/dx² relu(x)² = 2 where x > 0.
  const xs = f64([-1, 2, 5]);
  const outer = new tf.GradientTape();
  const d = outer.record(() => {
    outer.watch(xs);
    const inner = new tf.GradientTape();
    const y = inner.record(() => { inner.watch(xs); return tf.square(tf.relu(xs)); });
    return inner.gradient(y, xs)!;
  });
  assert.deepEqual(Array.from(data(d)), [0, 4, 10]);
  assert.deepEqual(Array.from(data(outer.gradient(d, xs)!)), [0, 2, 2]);
  assert.throws(() => reluGrad(tf.constant([1, 2]), tf.constant([1, 2, 3])), {
    name: "InvalidArgumentError",
    message: "Inputs to operation ReluGrad of type ReluGrad must have the same size and shape.  Input 0: [2] != input 1: [3] [Op:ReluGrad]",
  });
  assert.equal(String(reluGrad(tf.constant([5, 6, 7], "int32"), tf.constant([-1, 0, 1], "int32"))), "tf.Tensor([0 0 7], shape=(3,), dtype=int32)");
});

test("exact gradients: binary ops with broadcasting reduce to each input's shape", () => {
  const x = f64([[1, 2, 3], [4, 5, 6]]), y = f64([2, 4, 8]);
  const [dx, dy] = grad((a, b) => tf.divide(a, b), [x, y]);
  assertClose(dx, [0.5, 0.25, 0.125, 0.5, 0.25, 0.125], [2, 3]);
  assertClose(dy, [-(1 + 4) / 4, -(2 + 5) / 16, -(3 + 6) / 64], [3]);
  const [mx, my] = grad((a, b) => tf.multiply(a, b), [x, f64([[10], [20]])]);
  assertClose(mx, [10, 10, 10, 20, 20, 20], [2, 3]);
  assertClose(my, [6, 15], [2, 1]);
  const [sx, sy] = grad((a, b) => tf.subtract(a, b), [f64(3, []), x]);
  assertClose(sx, [6], []);
  assertClose(sy, [-1, -1, -1, -1, -1, -1], [2, 3]);
  // Pow: d/dy at x = 0 is 0, not NaN (TensorFlow masks log(x) where x <= 0).
  const [px, py] = grad((a, b) => tf.pow(a, b), [f64([0, 2, -2]), f64([2, 3, 2])]);
  assertClose(px, [0, 12, -4]);
  assertClose(py, [0, 8 * Math.log(2), 0]);
  // Maximum/Minimum: ties go to x.
  const [ax, ay] = grad((a, b) => tf.maximum(a, b), [f64([1, 5, 3]), f64([2, 4, 3])]);
  assertClose(ax, [0, 1, 1]);
  assertClose(ay, [1, 0, 0]);
  const [nx, ny] = grad((a, b) => tf.minimum(a, b), [f64([1, 5, 3]), f64([2, 4, 3])]);
  assertClose(nx, [1, 0, 1]);
  assertClose(ny, [0, 1, 0]);
  // FloorMod: d/dx = 1, d/dy = -floor(x / y).
  const [fx, fy] = grad((a, b) => tf.mod(a, b), [f64([7, -7, 5.5]), f64([2, 2, -2])]);
  assertClose(fx, [1, 1, 1]);
  assertClose(fy, [-3, 4, 3]);
  // DivNoNan: zeros where y == 0.
  const [qx, qy] = grad((a, b) => execute1(DivNoNan, [a, b], {}), [f64([1, 2]), f64([0, 4])]);
  assertClose(qx, [0, 0.25]);
  assertClose(qy, [0, -2 / 16]);
  // where (SelectV2): each branch gets dy where it was chosen, summed over broadcast axes.
  const c = tf.constant([[true, false, true], [false, false, true]]);
  const [wx, wy] = grad((a, b) => tf.where(c, a, b), [f64([1, 2, 3]), f64([[5], [6]])]);
  assertClose(wx, [1, 0, 2], [3]);
  assertClose(wy, [1, 2], [2, 1]);
});

test("exact gradients: matmul with transposes and broadcast batch axes", () => {
  const a = f64([[1, 2], [3, 4]]), b = f64([[5, 6], [7, 8]]);
  const [da, db] = grad((p, q) => tf.matmul(p, q), [a, b]);
  assertClose(da, [11, 15, 11, 15], [2, 2]);
  assertClose(db, [4, 4, 6, 6], [2, 2]);
  const [ta, tb] = grad((p, q) => tf.matmul(p, q, { transposeA: true, transposeB: true }), [a, b]);
  assertClose(ta, [12, 12, 14, 14]);
  assertClose(tb, [3, 7, 3, 7]);
  const batch = rand([3, 2, 2]);
  const [ga, gb] = grad((p, q) => tf.matmul(p, q), [a, batch]);
  assert.deepEqual(ga!.dims, [2, 2]);
  assert.deepEqual(gb!.dims, [3, 2, 2]);
  const rowSums = tf.reduceSum(batch, [0, 2]).numpy().data as Float64Array;
  assertClose(ga, [rowSums[0]!, rowSums[1]!, rowSums[0]!, rowSums[1]!]);
});

test("exact gradients: reductions with axes, keepdims and ties", () => {
  const x = f64([[1, 2, 3], [4, 5, 6]]);
  assertClose(grad((a) => tf.reduceSum(a, 1), [x])[0], [1, 1, 1, 1, 1, 1], [2, 3]);
  assertClose(grad((a) => tf.reduceMean(a, 0, true), [x])[0], [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [2, 3]);
  assertClose(grad((a) => tf.reduceProd(a, 1), [x])[0], [6, 3, 2, 30, 24, 20]);
  // Zeros: the product of the others (one zero), zeros (two zeros).
  assertClose(grad((a) => tf.reduceProd(a, 1), [f64([[2, 0, 3], [0, 5, 0]])])[0], [0, 6, 0, 0, 0, 0]);
  // Max/Min share dy equally among ties.
  assertClose(grad((a) => tf.reduceMax(a, 1), [f64([[1, 3, 3], [2, 0, 1]])])[0], [0, 0.5, 0.5, 1, 0, 0]);
  assertClose(grad((a) => tf.reduceMin(a), [f64([[1, 3, 1], [2, 1, 1]])])[0], [0.25, 0, 0.25, 0, 0.25, 0.25]);
});

test("exact gradients: array ops", () => {
  const x = f64([[1, 2, 3], [4, 5, 6]]);
  // gather: duplicates accumulate.
  const p = f64([10, 20, 30, 40]);
  assertClose(grad((a) => tf.gather(a, tf.constant([3, 1, 3, 3], "int32")), [p])[0], [0, 1, 0, 3], [4]);
  assertClose(grad((a) => tf.gather(a, tf.constant([[2, 2]], "int64"), { axis: 1 }), [x])[0], [0, 0, 2, 0, 0, 2]);
  assertClose(grad((a) => tf.gather(a, tf.constant([[0, 0], [2, 1]], "int32"), { axis: 1, batchDims: 1 }), [x])[0],
    [2, 0, 0, 0, 1, 1]);
  assertClose(grad((a) => tf.stridedSlice(a, [0, -1], [2, 0], [1, -2]), [x])[0], [0, 0, 1, 0, 0, 1]);
  assertClose(grad((a) => tf.slice(a, [1, 1], [1, -1]), [x])[0], [0, 0, 0, 0, 1, 1]);
  assertClose(grad((a) => tf.tile(a, [2, 3]), [x])[0], [6, 6, 6, 6, 6, 6]);
  assertClose(grad((a) => tf.pad(a, [[1, 1], [2, 2]], { mode: "REFLECT" }), [x])[0], [4, 6, 4, 4, 6, 4]);
  assertClose(grad((a) => tf.pad(a, [[0, 0], [3, 3]], { mode: "SYMMETRIC" }), [x])[0], [3, 3, 3, 3, 3, 3]);
  assertClose(grad((a) => tf.concat([a, a, tf.square(a)], 0), [x])[0], [4, 6, 8, 10, 12, 14]);
  assertClose(grad((a) => tf.fill([2, 3], a), [f64(2, [])])[0], [6], []);
  assertClose(grad((a) => tf.transpose(a), [x])[0], [1, 1, 1, 1, 1, 1], [2, 3]);
  assertClose(grad((a) => tf.unsortedSegmentSum(a, tf.constant([1, -1], "int32"), 3), [x])[0], [1, 1, 1, 0, 0, 0]);
});

test("exact gradients: casts and complex parts", () => {
  const x = f64([1.5, -2]);
  const g = grad((a) => tf.multiply(tf.cast(a, "float32"), tf.constant([2, 3])), [x])[0];
  assert.equal(g!.dtype.name, "float64");
  assertClose(g, [2, 3]);
  const [re, im] = grad((a, b) => tf.abs(tf.complex(a, b)), [f64([3]), f64([4])]);
  assertClose(re, [0.6]);
  assertClose(im, [0.8]);
  const z = tf.complex(f64([1, 2]), f64([3, 4]));
  const dz = grad((c) => tf.add(tf.real(c), tf.multiply(tf.imag(c), 2)), [z])[0]!;
  assert.equal(dz.dtype.name, "complex128");
  assert.deepEqual(dz.numpy().tolist(), [{ re: 1, im: 2 }, { re: 1, im: 2 }]);
});

// --- finite differences: every differentiable op --------------------------------------------------

interface Case { name: string; f: (...xs: T[]) => T; inputs: () => T[] }

const ids = (values: number[], dtype: "int32" | "int64" = "int32", dims?: number[]) => tf.constant(values, dtype, dims);

const CASES: Case[] = [
  // binary, with broadcasting
  { name: "AddV2 [2,3] + [3]", f: (a, b) => tf.add(a, b), inputs: () => [rand([2, 3]), rand([3])] },
  { name: "Sub [2,1] - [1,3]", f: (a, b) => tf.subtract(a, b), inputs: () => [rand([2, 1]), rand([1, 3])] },
  { name: "Mul [] * [2,3]", f: (a, b) => tf.multiply(a, b), inputs: () => [rand([]), rand([2, 3])] },
  { name: "RealDiv [2,3] / [2,1]", f: (a, b) => tf.divide(a, b), inputs: () => [rand([2, 3]), randAway([2, 1], 0.5, 2)] },
  { name: "DivNoNan [3] / [2,3]", f: (a, b) => execute1(DivNoNan, [a, b], {}), inputs: () => [rand([3]), randAway([2, 3], 0.5, 2)] },
  { name: "Pow [2,3] ** [3]", f: (a, b) => tf.pow(a, b), inputs: () => [rand([2, 3], 0.3, 2), rand([3], -2, 2)] },
  { name: "Maximum [2,3], [3]", f: (a, b) => tf.maximum(a, b), inputs: () => [rand([2, 3]), rand([3])] },
  { name: "Minimum [2,1], [2,3]", f: (a, b) => tf.minimum(a, b), inputs: () => [rand([2, 1]), rand([2, 3])] },
  {
    name: "FloorMod [2,3] % [3]", f: (a, b) => tf.mod(a, b),
    // x / y stays between integers: away from the jumps.
    inputs: () => [f64([[1.1, -2.5, 7.3], [5.5, 3.9, -0.7]]), f64([2, 1.5, -3])],
  },
  // unary
  { name: "Neg", f: (a) => tf.negative(a), inputs: () => [rand([2, 3])] },
  { name: "Abs", f: (a) => tf.abs(a), inputs: () => [randAway([2, 3])] },
  { name: "Sign", f: (a) => tf.multiply(tf.sign(a), a), inputs: () => [randAway([2, 3])] },
  { name: "Square", f: (a) => tf.square(a), inputs: () => [rand([2, 3])] },
  { name: "Sqrt", f: (a) => tf.sqrt(a), inputs: () => [rand([2, 3], 0.2, 3)] },
  { name: "Rsqrt", f: (a) => tf.rsqrt(a), inputs: () => [rand([2, 3], 0.2, 3)] },
  { name: "Exp", f: (a) => tf.exp(a), inputs: () => [rand([2, 3])] },
  { name: "Log", f: (a) => tf.log(a), inputs: () => [rand([2, 3], 0.2, 3)] },
  { name: "Log1p", f: (a) => tf.log1p(a), inputs: () => [rand([2, 3], -0.8, 3)] },
  { name: "Sin", f: (a) => tf.sin(a), inputs: () => [rand([2, 3], -4, 4)] },
  { name: "Cos", f: (a) => tf.cos(a), inputs: () => [rand([2, 3], -4, 4)] },
  { name: "Tanh", f: (a) => tf.tanh(a), inputs: () => [rand([2, 3])] },
  { name: "Sigmoid", f: (a) => tf.sigmoid(a), inputs: () => [rand([2, 3], -4, 4)] },
  { name: "Relu", f: (a) => tf.relu(a), inputs: () => [randAway([2, 3])] },
  { name: "Identity", f: (a) => tf.identity(tf.square(a)), inputs: () => [rand([3])] },
  // casts and complex numbers
  { name: "Cast float64 -> complex128", f: (a) => realView(tf.multiply(tf.cast(a, "complex128"), tf.complex(f64([0.5, -1]), f64([2, 1])))), inputs: () => [rand([2])] },
  { name: "Complex, Real, Imag", f: (a, b) => realView(tf.multiply(tf.complex(a, b), tf.complex(b, a))), inputs: () => [rand([2, 2]), rand([2])] },
  { name: "ComplexAbs", f: (a, b) => tf.abs(tf.complex(a, b)), inputs: () => [randAway([3]), randAway([3])] },
  { name: "Sign (complex)", f: (a, b) => realView(tf.sign(tf.complex(a, b))), inputs: () => [randAway([3]), randAway([3])] },
  ...(["exp", "log", "sin", "cos", "tanh", "sigmoid", "sqrt", "rsqrt", "square", "negative"] as const).map((op): Case => ({
    name: `${op} (complex)`, f: (a, b) => realView(tf[op](tf.complex(a, b))), inputs: () => [rand([3], 0.3, 1.5), rand([3], -1, 1)],
  })),
  { name: "Mul, RealDiv (complex)", f: (a, b) => { const z = tf.complex(a, b); return realView(tf.divide(tf.multiply(z, z), tf.add(z, tf.complex(f64(2, []), f64(1, []))))); }, inputs: () => [rand([3]), rand([3])] },
  { name: "Pow (complex)", f: (a, b) => { const z = tf.complex(a, b); return realView(tf.pow(z, tf.complex(b, a))); }, inputs: () => [rand([3], 0.5, 1.5), rand([3], -1, 1)] },
  // where
  { name: "SelectV2 broadcast", f: (a, b) => tf.where(tf.constant([[true, false, true], [false, true, false]]), a, b), inputs: () => [rand([3]), rand([2, 1])] },
  // matmul
  ...[{}, { transposeA: true }, { transposeB: true }, { transposeA: true, transposeB: true }, { adjointA: true }, { adjointB: true, transposeA: true }].map((o): Case => ({
    name: `MatMul ${JSON.stringify(o)}`, f: (a, b) => tf.matmul(a, b, o), inputs: () => [rand([3, 3]), rand([3, 3])],
  })),
  { name: "MatMul [2,3]x[3,4]", f: (a, b) => tf.matmul(a, b), inputs: () => [rand([2, 3]), rand([3, 4])] },
  { name: "BatchMatMulV2 broadcast [2,1,2,3]x[3,3,2]", f: (a, b) => tf.matmul(a, b), inputs: () => [rand([2, 1, 2, 3]), rand([3, 3, 2])] },
  { name: "BatchMatMulV2 [3,2]x[2,2,4] transposeA", f: (a, b) => tf.matmul(a, b, { transposeA: true }), inputs: () => [rand([2, 3]), rand([2, 2, 4])] },
  { name: "BatchMatMulV2 adjointB", f: (a, b) => tf.matmul(a, b, { adjointB: true }), inputs: () => [rand([2, 2, 3]), rand([1, 4, 3])] },
  ...(["N", "T", "H"] as const).flatMap((ma) => (["N", "T", "H"] as const).map((mb): Case => ({
    name: `MatMul complex ${ma}${mb}`,
    f: (a, b, c, d) => realView(tf.matmul(tf.complex(a, b), tf.complex(c, d), {
      transposeA: ma === "T", adjointA: ma === "H", transposeB: mb === "T", adjointB: mb === "H",
    })),
    inputs: () => [rand([2, 2]), rand([2, 2]), rand([2, 2]), rand([2, 2])],
  }))),
  // reductions
  { name: "Sum all", f: (a) => tf.reduceSum(a), inputs: () => [rand([2, 3])] },
  { name: "Sum axes [0,2]", f: (a) => tf.reduceSum(a, [0, 2]), inputs: () => [rand([2, 3, 2])] },
  { name: "Sum axis -1 keepdims", f: (a) => tf.reduceSum(a, -1, true), inputs: () => [rand([2, 3])] },
  { name: "Mean axis 1", f: (a) => tf.reduceMean(a, 1), inputs: () => [rand([2, 3, 2])] },
  { name: "Mean all keepdims", f: (a) => tf.reduceMean(a, null, true), inputs: () => [rand([2, 3])] },
  { name: "Prod axis 1", f: (a) => tf.reduceProd(a, 1), inputs: () => [rand([2, 3])] },
  { name: "Prod with zeros", f: (a) => tf.reduceProd(a, 1), inputs: () => [f64([[0, 2, 3], [0, 0, 1.5], [1, -2, 0.5]])] },
  { name: "Prod axes [0,2] keepdims", f: (a) => tf.reduceProd(a, [0, 2], true), inputs: () => [rand([2, 2, 2])] },
  { name: "Prod (complex)", f: (a, b) => realView(tf.reduceProd(tf.complex(a, b), 0)), inputs: () => [rand([3, 2]), rand([3, 2])] },
  { name: "Max axis 0", f: (a) => tf.reduceMax(a, 0), inputs: () => [rand([3, 4])] },
  { name: "Max all keepdims", f: (a) => tf.reduceMax(a, null, true), inputs: () => [rand([2, 3])] },
  { name: "Min axes [1,2]", f: (a) => tf.reduceMin(a, [1, 2]), inputs: () => [rand([2, 2, 3])] },
  // shape and layout
  { name: "Reshape", f: (a) => tf.reshape(a, [3, -1]), inputs: () => [rand([2, 3])] },
  { name: "ExpandDims", f: (a) => tf.expandDims(a, -1), inputs: () => [rand([2, 3])] },
  { name: "Squeeze", f: (a) => tf.squeeze(a, [1]), inputs: () => [rand([2, 1, 3])] },
  { name: "Transpose perm", f: (a) => tf.transpose(a, [2, 0, 1]), inputs: () => [rand([2, 3, 2])] },
  { name: "Transpose negative perm", f: (a) => tf.transpose(a, [-1, 0, 1]), inputs: () => [rand([2, 3, 2])] },
  { name: "ConjugateTranspose", f: (a, b) => realView(tf.transpose(tf.complex(a, b), [1, 0], { conjugate: true })), inputs: () => [rand([2, 3]), rand([2, 3])] },
  { name: "Slice", f: (a) => tf.slice(a, [1, 0, 1], [1, -1, 1]), inputs: () => [rand([2, 3, 2])] },
  { name: "StridedSlice unit strides", f: (a) => tf.stridedSlice(a, [0, 1], [2, 3]), inputs: () => [rand([3, 4])] },
  { name: "StridedSlice strides 2", f: (a) => tf.stridedSlice(a, [0, 1], [3, 4], [2, 2]), inputs: () => [rand([3, 4])] },
  { name: "StridedSlice negative strides", f: (a) => tf.stridedSlice(a, [-1, 3], [0, 0], [-1, -2], { endMask: 1 }), inputs: () => [rand([3, 4])] },
  {
    name: "StridedSlice ellipsis, new axis, shrink",
    f: (a) => tf.stridedSlice(a, [0, 0, 1], [0, 0, 2], [1, 1, 1], { ellipsisMask: 1, newAxisMask: 2, shrinkAxisMask: 4 }),
    inputs: () => [rand([2, 3, 4])],
  },
  { name: "StridedSlice begin/end masks", f: (a) => tf.stridedSlice(a, [1, 2], [0, 0], [1, 1], { beginMask: 2, endMask: 1 }), inputs: () => [rand([3, 4])] },
  { name: "GatherV2 axis 0 duplicates", f: (a) => tf.gather(a, ids([2, 0, 2, 2])), inputs: () => [rand([3, 2])] },
  { name: "GatherV2 axis 1, 2-d indices", f: (a) => tf.gather(a, ids([1, 1, 0, 2], "int64", [2, 2]), { axis: 1 }), inputs: () => [rand([2, 3, 2])] },
  { name: "GatherV2 axis -1", f: (a) => tf.gather(a, ids([0, 0, 1]), { axis: -1 }), inputs: () => [rand([2, 2])] },
  { name: "GatherV2 batchDims 1", f: (a) => tf.gather(a, ids([1, 1, 0, 2], "int32", [2, 2]), { axis: 1, batchDims: 1 }), inputs: () => [rand([2, 3, 2])] },
  { name: "GatherV2 batchDims 1 axis 2", f: (a) => tf.gather(a, ids([1, 0, 0, 0], "int32", [2, 2]), { axis: 2, batchDims: 1 }), inputs: () => [rand([2, 3, 2])] },
  { name: "ConcatV2 axis 1", f: (a, b) => tf.concat([a, b, a], 1), inputs: () => [rand([2, 1]), rand([2, 3])] },
  { name: "ConcatV2 axis -1 of 3-d", f: (a, b) => tf.concat([b, a], -1), inputs: () => [rand([2, 2, 1]), rand([2, 2, 2])] },
  { name: "ConcatV2 of scalars", f: (a, b) => tf.concat([a, b, a], 0), inputs: () => [rand([]), rand([])] },
  { name: "Pack axis 1", f: (a, b) => tf.stack([a, b, a], 1), inputs: () => [rand([2, 3]), rand([2, 3])] },
  { name: "Pack axis -1", f: (a, b) => tf.stack([a, b], -1), inputs: () => [rand([3]), rand([3])] },
  { name: "Tile", f: (a) => tf.tile(a, [2, 1, 3]), inputs: () => [rand([2, 3, 1])] },
  { name: "Tile of a scalar", f: (a) => tf.tile(a, []), inputs: () => [rand([])] },
  { name: "Pad", f: (a) => tf.pad(a, [[1, 0], [2, 1]]), inputs: () => [rand([2, 3])] },
  { name: "PadV2", f: (a) => tf.pad(a, [[0, 2], [1, 1]], { constantValues: 1.5 }), inputs: () => [rand([2, 3])] },
  { name: "MirrorPad REFLECT", f: (a) => tf.pad(a, [[1, 1], [2, 1]], { mode: "REFLECT" }), inputs: () => [rand([3, 3])] },
  { name: "MirrorPad SYMMETRIC", f: (a) => tf.pad(a, [[2, 1], [0, 3]], { mode: "SYMMETRIC" }), inputs: () => [rand([2, 3])] },
  { name: "Fill", f: (a) => tf.fill([2, 3], a), inputs: () => [rand([])] },
  { name: "MatrixDiagV3", f: (a) => execute1(MatrixDiagV3, [a], { numRows: -1, numCols: -1 }), inputs: () => [rand([2, 3])] },
  { name: "MatrixSetDiagV3", f: (a, b) => execute1(MatrixSetDiagV3, [a, b], {}), inputs: () => [rand([2, 2, 3]), rand([2, 2])] },
  { name: "UnsortedSegmentSum", f: (a) => tf.unsortedSegmentSum(a, ids([2, -1, 0, 2]), 4), inputs: () => [rand([4, 2])] },
  { name: "UnsortedSegmentSum 2-d ids", f: (a) => tf.unsortedSegmentSum(a, ids([0, 1, 1, 0], "int64", [2, 2]), 2), inputs: () => [rand([2, 2, 3])] },
];

for (const c of CASES) {
  test(`finite differences: ${c.name}`, () => checkGradients(c.f, c.inputs()));
}

// Second derivatives: the gradient computation is itself recorded by an outer tape.
const SECOND: Case[] = [
  { name: "Mul", f: (a, b) => tf.multiply(tf.multiply(a, a), b), inputs: () => [rand([3]), rand([3])] },
  { name: "RealDiv", f: (a, b) => tf.divide(a, b), inputs: () => [rand([3]), randAway([3], 0.5, 2)] },
  { name: "Pow", f: (a, b) => tf.pow(a, b), inputs: () => [rand([3], 0.3, 2), rand([3])] },
  ...(["sqrt", "rsqrt", "exp", "log", "log1p", "sin", "cos", "tanh", "sigmoid", "square"] as const).map((op): Case => ({
    name: op, f: (a) => tf[op](a), inputs: () => [rand([3], 0.3, 2)],
  })),
  { name: "MatMul", f: (a, b) => tf.matmul(tf.matmul(a, b), a), inputs: () => [rand([2, 2]), rand([2, 2])] },
  { name: "Prod", f: (a) => tf.reduceProd(a, 1), inputs: () => [rand([2, 3])] },
  { name: "Mean of squares", f: (a) => tf.reduceMean(tf.square(a), 0), inputs: () => [rand([3, 2])] },
  { name: "GatherV2 (through UnsortedSegmentSum)", f: (a, b) => tf.multiply(tf.gather(a, ids([1, 1, 0])), b), inputs: () => [rand([2, 2]), rand([3, 2])] },
  { name: "Tile, Pad, StridedSlice", f: (a) => tf.square(tf.stridedSlice(tf.pad(tf.tile(a, [2]), [[1, 1]], { mode: "REFLECT" }), [0], [6], [2])), inputs: () => [rand([3])] },
  { name: "Relu, Maximum, Abs", f: (a, b) => tf.multiply(tf.relu(tf.maximum(a, b)), tf.abs(a)), inputs: () => [randAway([4]), randAway([4])] },
];
for (const c of SECOND) {
  test(`finite differences, second order: ${c.name}`, () => checkGradients(firstDerivative(c.f), c.inputs()));
}

// The same gradients in the dtypes models train in: float32 (and float16 for a few) agree with float64.
const LOW_PRECISION: Case[] = [
  { name: "AddV2, Mul, RealDiv broadcast", f: (a, b) => tf.divide(tf.multiply(tf.add(a, b), a), tf.add(tf.square(b), 1)), inputs: () => [rand([2, 3]), rand([3])] },
  { name: "Pow, Maximum, Sqrt", f: (a, b) => tf.sqrt(tf.maximum(tf.pow(a, b), 0.5)), inputs: () => [rand([2, 3], 0.3, 2), rand([3])] },
  { name: "Tanh, Sigmoid, Relu, Exp, Log", f: (a) => tf.add(tf.tanh(tf.relu(a)), tf.log(tf.add(tf.exp(a), tf.sigmoid(a)))), inputs: () => [randAway([2, 3])] },
  { name: "MatMul, BatchMatMulV2", f: (a, b) => tf.matmul(tf.matmul(a, b, { transposeB: true }), b), inputs: () => [rand([2, 2, 3]), rand([4, 3])] },
  { name: "Sum, Mean, Prod, Max", f: (a) => tf.add(tf.add(tf.reduceSum(a, 0), tf.reduceMean(a, 0)), tf.add(tf.reduceProd(a, 0), tf.reduceMax(a, 0))), inputs: () => [rand([3, 2])] },
  { name: "Gather, StridedSlice, MirrorPad, Tile", f: (a) => tf.gather(tf.stridedSlice(tf.pad(tf.tile(a, [1, 2]), [[1, 1], [1, 1]], { mode: "SYMMETRIC" }), [0, 0], [4, 6], [1, 2]), tf.constant([1, 1, 3], "int32")), inputs: () => [rand([2, 3])] },
  { name: "ConcatV2, Pack, SelectV2, Cast", f: (a, b) => tf.where(tf.greater(a, 0), tf.concat([a, b], 0), tf.cast(tf.stack([b, a], 0), a.dtype)), inputs: () => [rand([1, 3]), rand([1, 3])] },
];
for (const [dtype, tol] of [["float32", 1e-4], ["float16", 2e-2]] as const) {
  for (const c of LOW_PRECISION) {
    test(`${dtype} gradients match float64: ${c.name}`, () => {
      const xs = c.inputs();
      const exact = grad(c.f, xs);
      const low = grad(c.f, xs.map((x) => tf.cast(x, dtype)));
      low.forEach((g, i) => {
        assert.equal(g!.dtype.name, dtype);
        const want = data(exact[i]);
        data(tf.cast(g!, "float64")).forEach((v, j) => {
          assert.ok(Math.abs(v - want[j]!) <= tol * Math.max(1, Math.abs(want[j]!)), `input ${i}, element ${j}: ${v} vs ${want[j]}`);
        });
      });
    });
  }
}

// --- no gradient ---------------------------------------------------------------------------------------

test("non-differentiable ops and integer inputs get null", () => {
  const x = rand([2, 3]), y = randAway([2, 3], 0.5, 2);
  const none = (f: (a: T, b: T) => T) => grad(f, [x, y]);
  assert.deepEqual(none((a, b) => tf.floorDiv(a, b)), [null, null]);
  for (const cmp of [tf.equal, tf.notEqual, tf.less, tf.lessEqual, tf.greater, tf.greaterEqual]) {
    assert.deepEqual(none((a, b) => tf.cast(cmp(a, b), "float64")), [null, null]);
  }
  assert.deepEqual(none((a, b) => tf.cast(tf.logicalAnd(tf.less(a, 0), tf.logicalNot(tf.less(b, 0))), "float64")), [null, null]);
  assert.deepEqual(none((a) => tf.cast(tf.argmax(a, 1), "float64")), [null, null]);
  assert.deepEqual(none((a) => tf.cast(tf.argmin(a, 0, "int32"), "float64")), [null, null]);
  assert.deepEqual(none((a) => tf.cast(tf.where(tf.greater(a, 0)), "float64")), [null, null]);
  assert.deepEqual(none((a) => tf.zerosLike(a)), [null, null]);
  assert.deepEqual(none((a) => tf.onesLike(a)), [null, null]);
  assert.deepEqual(none((a) => tf.stopGradient(a)), [null, null]);
  assert.deepEqual(none((a) => tf.cast(tf.cast(a, "int32"), "float64")), [null, null]);
  assert.deepEqual(none((a) => tf.cast(tf.reduceAny(tf.greater(a, 0)), "float64")), [null, null]);
  // PadV2's constant gets none, as in TensorFlow.
  const c = f64(1.5, []);
  assert.equal(grad((a, k) => tf.pad(a, [[1, 1], [0, 0]], { constantValues: k }), [x, c])[1], null);
  // Integer sources are never watched.
  const i = tf.constant([1, 2, 3], "int32");
  assert.deepEqual(grad((a) => tf.multiply(a, a), [i]), [null]);
  // Unwatched sources and unconnected targets.
  const tape = new tf.GradientTape({ persistent: true });
  const out = tape.record(() => { tape.watch(x); return tf.square(x); });
  assert.equal(tape.gradient(out, y), null);
  assert.equal(tape.gradient(tf.square(y), x), null);
  assertClose(tape.gradient(tf.square(y), x, { unconnectedGradients: "zero" }), [0, 0, 0, 0, 0, 0], [2, 3], 0);
});

test("an op without a registered gradient raises LookupError", () => {
  const NoGrad = defineOp({ name: "TestOpWithoutGradient", inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }] });
  registerCpuKernel(NoGrad, ["float64"], (inputs) => [inputs[0]!.buffer]);
  const x = f64([1, 2]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return execute1(NoGrad, [tf.square(x)], {}); });
  assert.throws(() => tape.gradient(y, x), (e: unknown) => {
    assert.ok(e instanceof tf.LookupError);
    assert.equal(e.name, "LookupError");
    assert.equal(e.message, "gradient registry has no entry for: TestOpWithoutGradient");
    return true;
  });
});

// --- GradientTape ---------------------------------------------------------------------------------------

test("a non-persistent tape answers once; a persistent one again and again", () => {
  const x = f64([1, 2]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.square(x); });
  assertClose(tape.gradient(y, x), [2, 4]);
  assert.throws(() => tape.gradient(y, x), {
    name: "RuntimeError",
    message: "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)",
  });
  const p = new tf.GradientTape({ persistent: true });
  const [a, b] = p.record(() => { p.watch(x); const s = tf.square(x); return [s, tf.multiply(s, x)] as const; });
  assertClose(p.gradient(a, x), [2, 4]);
  assertClose(p.gradient(b, x), [3, 12]);
  assertClose(p.gradient([a, b], x), [5, 16]);
});

test("variables: trainable ones are watched when read, others only through tape.watch", () => {
  const w = new tf.Variable(f64([1, 2]));
  const frozen = new tf.Variable(f64([3, 4]), { trainable: false });
  const tape = new tf.GradientTape({ persistent: true });
  const y = tape.record(() => tf.reduceSum(tf.multiply(tf.multiply(w, frozen), w)));
  assertClose(tape.gradient(y, w), [6, 16]);
  assert.equal(tape.gradient(y, frozen), null);
  assert.deepEqual(tape.watchedVariables(), [w]);

  const explicit = new tf.GradientTape();
  const z = explicit.record(() => { explicit.watch(frozen); return tf.reduceSum(tf.multiply(w, frozen)); });
  const g = explicit.gradient(z, { w, frozen });
  assertClose(g.w, [3, 4]);
  assertClose(g.frozen, [1, 2]);

  const quiet = new tf.GradientTape({ watchAccessedVariables: false, persistent: true });
  const q = quiet.record(() => tf.reduceSum(tf.square(w)));
  assert.equal(quiet.gradient(q, w), null);
  assert.deepEqual(quiet.watchedVariables(), []);
  const q2 = quiet.record(() => { quiet.watch(w); return tf.reduceSum(tf.square(w)); });
  assertClose(quiet.gradient(q2, w), [2, 4]);
});

test("outputGradients seed the backward pass; structured sources keep their structure", () => {
  const x = f64([1, 2, 3]), y = f64([4, 5, 6]);
  const tape = new tf.GradientTape({ persistent: true });
  const [s, p] = tape.record(() => { tape.watch([x, y]); return [tf.add(x, y), tf.multiply(x, y)] as const; });
  assertClose(tape.gradient(p, x, { outputGradients: f64([1, 10, 100]) }), [4, 50, 600]);
  const g = tape.gradient([s, p], { a: x, list: [y, x] }, { outputGradients: [f64([1, 1, 1]), f64([2, 2, 2])] });
  assertClose(g.a, [9, 11, 13]);
  assertClose(g.list[0], [3, 5, 7]);
  assertClose(g.list[1], [9, 11, 13]);
  assert.throws(() => tape.gradient([s, p], x, { outputGradients: [f64([1, 1, 1])] }), { name: "ValueError" });
});

test("nested tapes give second derivatives", () => {
  const x = f64(3, []);
  const outer = new tf.GradientTape();
  const dy = outer.record(() => {
    outer.watch(x);
    const inner = new tf.GradientTape();
    const y = inner.record(() => { inner.watch(x); return tf.multiply(tf.multiply(x, x), x); });
    return inner.gradient(y, x)!;
  });
  assertClose(dy, [27]);
  assertClose(outer.gradient(dy, x), [18]);
  // Mixed partials of x^2 y^3: d/dy (d/dx) = 6 x y^2.
  const a = f64(2, []), b = f64(5, []);
  const o = new tf.GradientTape();
  const dx = o.record(() => {
    o.watch([a, b]);
    const i = new tf.GradientTape();
    const f = i.record(() => { i.watch(a); return tf.multiply(tf.square(a), tf.pow(b, 3)); });
    return i.gradient(f, a)!;
  });
  assertClose(o.gradient(dx, b), [6 * 2 * 25]);
});

test("stopRecording pauses a tape; start() records until disposed", () => {
  const x = f64([1, 2]);
  const tape = new tf.GradientTape({ persistent: true });
  const y = tape.record(() => {
    tape.watch(x);
    const kept = tf.square(x);
    let hidden: T;
    {
      using _pause = tape.stopRecording();
      hidden = tf.multiply(kept, 10);
    }
    return tf.add(kept, hidden);
  });
  assertClose(tape.gradient(y, x), [2, 4]);

  const t2 = new tf.GradientTape();
  let z: T;
  {
    using _rec = t2.start();
    t2.watch(x);
    z = tf.multiply(x, 3);
  }
  const after = tf.multiply(z, 100); // not recorded: the scope has ended
  assertClose(t2.gradient(z, x), [3, 3]);
  assert.equal(after.dims.length, 1);
});

test("concurrent async recordings do not see each other's ops", async () => {
  const x = f64([1, 2]);
  const t1 = new tf.GradientTape({ persistent: true }), t2 = new tf.GradientTape({ persistent: true });
  const tick = () => new Promise<void>((r) => setTimeout(r, 1));
  const [y1, y2] = await Promise.all([
    t1.record(async () => { t1.watch(x); await tick(); const a = tf.multiply(x, 2); await tick(); return tf.square(a); }),
    t2.record(async () => { await tick(); t2.watch(x); const b = tf.multiply(x, 3); await tick(); return tf.multiply(b, x); }),
  ]);
  assertClose(t1.gradient(y1, x), [8, 16]);
  assertClose(t2.gradient(y2, x), [6, 12]);
  assert.equal(t1.gradient(y2, x), null);
  assert.equal(t2.gradient(y1, x), null);
});

test("jacobian and batchJacobian", () => {
  const x = f64([1, 2, 3]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return tf.multiply(tf.reshape(x, [3, 1]), tf.square(x)); });
  const j = tape.jacobian(y, x)!;
  assert.deepEqual(j.dims, [3, 3, 3]);
  // y[i][k] = x_i x_k^2: d/dx_m = [m == i] x_k^2 + x_i 2 x_k [m == k].
  const want: number[] = [];
  const v = [1, 2, 3];
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) for (let m = 0; m < 3; m++) {
    want.push((m === i ? v[k]! ** 2 : 0) + (m === k ? 2 * v[i]! * v[k]! : 0));
  }
  assertClose(j, want);
  assert.throws(() => tape.jacobian(y, x), { name: "RuntimeError" });

  // Structured sources, unconnected ones.
  const w = new tf.Variable(f64([[1, 2], [3, 4]]));
  const u = f64([7]);
  const p = new tf.GradientTape({ persistent: true });
  const out = p.record(() => tf.matmul(w, f64([[1], [1]])));
  const js = p.jacobian(out, { w, u });
  assert.deepEqual(js.w!.dims, [2, 1, 2, 2]);
  assertClose(js.w, [1, 1, 0, 0, 0, 0, 1, 1]);
  assert.equal(js.u, null);
  assertClose(p.jacobian(out, u, { unconnectedGradients: "zero" }), [0, 0], [2, 1, 1]);

  // Hessian of sum(x^3) through a nested tape: diag(6x).
  const outer = new tf.GradientTape();
  const g = outer.record(() => {
    outer.watch(x);
    const inner = new tf.GradientTape();
    const s = inner.record(() => { inner.watch(x); return tf.reduceSum(tf.pow(x, 3)); });
    return inner.gradient(s, x)!;
  });
  assertClose(outer.jacobian(g, x), [6, 0, 0, 0, 12, 0, 0, 0, 18], [3, 3]);

  // batchJacobian: rows independent.
  const xb = f64([[1, 2], [3, 4]]);
  const bt = new tf.GradientTape({ persistent: true });
  const yb = bt.record(() => { bt.watch(xb); return tf.concat([tf.square(xb), tf.multiply(xb, 5), tf.reshape(tf.reduceProd(xb, 1), [2, 1])], 1); });
  assert.deepEqual(yb.dims, [2, 5]);
  const bj = bt.batchJacobian(yb, xb)!;
  assert.deepEqual(bj.dims, [2, 5, 2]);
  assertClose(bj, [
    2, 0, 0, 4, 5, 0, 0, 5, 2, 1,
    6, 0, 0, 8, 5, 0, 0, 5, 4, 3,
  ]);
  // The same as the diagonal blocks of the full jacobian.
  const full = bt.jacobian(yb, xb)!;
  assert.deepEqual(full.dims, [2, 5, 2, 2]);
  assertClose(tf.stack([tf.slice(full, [0, 0, 0, 0], [1, 5, 1, 2]), tf.slice(full, [1, 0, 1, 0], [1, 5, 1, 2])]), data(bj));
  assert.throws(() => bt.batchJacobian(yb, f64([[1, 2, 3]])), {
    name: "ValueError",
    message: "Need first dimension of target shape ((2, 5)) and source shape ((1, 3)) to match.",
  });
});

test("unsortedSegmentSum (the op Gather's gradient scatters with): values and errors", () => {
  const d = tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]]);
  const s = tf.unsortedSegmentSum(d, tf.constant([2, 0, 2, -1], "int32"), 3);
  assert.equal(s.dtype.name, "float32");
  assert.deepEqual(s.numpy().tolist(), [[3, 4], [0, 0], [6, 8]]);
  assert.deepEqual(tf.unsortedSegmentSum(tf.constant([1, 2, 3], "int64"), tf.constant([1, 1, 0], "int64"), 2).numpy().tolist(), [3n, 3n]);
  assert.deepEqual(tf.unsortedSegmentSum(tf.constant([100, 100], "int8"), [0, 0], 1).numpy().tolist(), [-56]);
  assert.throws(() => tf.unsortedSegmentSum(d, [0, 3, 1, 1], 3), {
    name: "InvalidArgumentError", message: "segment_ids[1] = 3 is out of range [0, 3) [Op:UnsortedSegmentSum]",
  });
  assert.throws(() => tf.unsortedSegmentSum(d, [0, 1], 3), {
    name: "InvalidArgumentError", message: "data.shape = [4,2] does not start with segment_ids.shape = [2] [Op:UnsortedSegmentSum]",
  });
});

test("training never updates a trainable=false variable; sparseRead passes gradients to its variable", () => {
  const w = new tf.Variable([1, 2]), frozen = new tf.Variable([3, 4], { trainable: false });
  const opt = new tf.optimizers.SGD({ learningRate: 0.1 });
  const onWarning = () => undefined; // the skipped variable's warning (tested in optimizers.test)
  process.on("warning", onWarning);
  try {
    // The tape watches trainable variables only: the frozen one gets null and is skipped (with
    // Keras's warning). (minimize() with an explicit list watches the list, as Keras does.)
    for (let step = 0; step < 3; step++) {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => tf.reduceSum(tf.multiply(tf.multiply(w, frozen), w)));
      const [gw, gf] = tape.gradient(loss, [w, frozen]);
      assert.equal(gf, null);
      opt.applyGradients([[gw!, w], [gf, frozen]]);
    }
  } finally {
    process.off("warning", onWarning);
  }
  assert.deepEqual([...(frozen.numpy().data as Float32Array)], [3, 4]);
  assert.notDeepEqual([...(w.numpy().data as Float32Array)], [1, 2]);
  const emb = new tf.Variable([[1, 2], [3, 4], [5, 6]]);
  const tape = new tf.GradientTape();
  const y = tape.record(() => tf.reduceSum(tf.multiply(emb.sparseRead(tf.constant([2, 0, 2], "int32")), 2)));
  // TensorFlow's ResourceGather gradient: IndexedSlices of the rows read (test/tape_indexed_slices.test.ts).
  const g = tape.gradient(y, emb) as tf.IndexedSlices;
  assert.equal(String(g.indices), "tf.Tensor([2 0 2], shape=(3,), dtype=int32)");
  assert.equal(String(g.values), "tf.Tensor(\n[[2. 2.]\n [2. 2.]\n [2. 2.]], shape=(3, 2), dtype=float32)");
});
