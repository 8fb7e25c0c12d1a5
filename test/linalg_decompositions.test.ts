// tf.linalg decompositions, solvers and band/diagonal ops against numpy, TensorFlow's errors,
// and finite-difference gradient checks in float64.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;
const rng = mulberry32(14);
function rand(dims: number[], lo = -1, hi = 1): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()), "float64", dims);
}
function vals(t: T): number[] { return Array.from(t.numpy().data as Float64Array, Number); }
function close(t: T, want: number[], tol = 1e-9): void {
  const got = vals(t);
  assert.equal(got.length, want.length);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) <= tol * Math.max(1, Math.abs(want[i]!)), `${i}: ${g} vs ${want[i]}`));
}
/** numpy's result of `expr` (a Python expression over a, b) as a flat list. */
function np(expr: string, a: T, b?: T): number[] {
  const script = `a = np.array(INPUT['a']).reshape(INPUT['as'])\nb = np.array(INPUT['b']).reshape(INPUT['bs']) if INPUT['b'] is not None else None\nprint(json.dumps(np.asarray(${expr}, dtype=float).reshape(-1).tolist()))`;
  return runPython(script, { a: vals(a), as: a.dims, b: b ? vals(b) : null, bs: b ? b.dims : null }) as number[];
}
const spd = (n: number, batch: number[] = []) => { const x = rand([...batch, n, n]); return tf.add(tf.matmul(x, x, { transposeB: true }), tf.multiply(n, tf.eye(n, null, { batchShape: batch, dtype: "float64" }))); };

test("inv, det, slogdet, solve, cholesky, qr, lstsq, triangularSolve match numpy (batched)", { skip: !numpyAvailable() }, () => {
  const a = rand([2, 3, 3]), b = rand([2, 3, 2]), s = spd(3, [2]);
  close(tf.linalg.inv(a), np("np.linalg.inv(a)", a));
  close(tf.linalg.inv(a, { adjoint: true }), np("np.linalg.inv(np.swapaxes(a,-1,-2))", a));
  close(tf.linalg.det(a), np("np.linalg.det(a)", a));
  const [sign, logAbs] = tf.linalg.slogdet(a);
  close(sign, np("np.linalg.slogdet(a)[0]", a)); close(logAbs, np("np.linalg.slogdet(a)[1]", a));
  close(tf.linalg.solve(a, b), np("np.linalg.solve(a, b)", a, b));
  close(tf.linalg.cholesky(s), np("np.linalg.cholesky(a)", s));
  close(tf.linalg.triangularSolve(s, b), np("np.linalg.solve(np.tril(a), b)", s, b));
  close(tf.linalg.triangularSolve(s, b, { lower: false, adjoint: true }), np("np.linalg.solve(np.swapaxes(np.triu(a),-1,-2), b)", s, b));
  const tall = rand([4, 3]);
  const [q, r] = tf.linalg.qr(tall);
  close(q, np("np.linalg.qr(a)[0]", tall)); close(r, np("np.linalg.qr(a)[1]", tall));
  const [qf, rf] = tf.linalg.qr(tall, { fullMatrices: true });
  close(qf, np("np.linalg.qr(a, mode='complete')[0]", tall)); close(rf, np("np.linalg.qr(a, mode='complete')[1]", tall));
  const rhs = rand([4, 2]);
  close(tf.linalg.lstsq(tall, rhs), np("np.linalg.lstsq(a, b, rcond=None)[0]", tall, rhs), 1e-8);
  close(tf.linalg.lstsq(tall, rhs, { fast: false }), np("np.linalg.lstsq(a, b, rcond=None)[0]", tall, rhs), 1e-8);
  const wide = rand([2, 4]), rw = rand([2, 1]);
  close(tf.linalg.lstsq(wide, rw), np("np.linalg.lstsq(a, b, rcond=None)[0]", wide, rw), 1e-8);
  // rank deficient: fast=False gives numpy's minimum-norm solution
  const def = tf.constant([[1, 2], [2, 4], [3, 6]], "float64"), rd = tf.constant([[1], [2], [3.5]], "float64");
  close(tf.linalg.lstsq(def, rd, { fast: false }), np("np.linalg.lstsq(a, b, rcond=None)[0]", def, rd), 1e-8);
});

test("band part, diag, diag part, trace, matvec", () => {
  const x = tf.constant([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  assert.deepEqual(tf.linalg.bandPart(x, 0, -1).numpy().tolist(), [[1, 2, 3], [0, 5, 6], [0, 0, 9]]);
  assert.deepEqual(tf.linalg.bandPart(x, 1, 0).numpy().tolist(), [[1, 0, 0], [4, 5, 0], [0, 8, 9]]);
  assert.deepEqual(tf.linalg.diagPart(x).numpy().tolist(), [1, 5, 9]);
  // TensorFlow's doc example: k = (-1, 1), RIGHT_LEFT alignment
  assert.deepEqual(tf.linalg.diagPart(x, { k: [-1, 1] }).numpy().tolist(), [[0, 2, 6], [1, 5, 9], [4, 8, 0]]);
  assert.deepEqual(tf.linalg.diagPart(x, { k: [-1, 1], paddingValue: 9, align: "LEFT_RIGHT" }).numpy().tolist(), [[2, 6, 9], [1, 5, 9], [9, 4, 8]]);
  assert.deepEqual(tf.linalg.diag([1, 2], { k: 1 }).numpy().tolist(), [[0, 1, 0], [0, 0, 2], [0, 0, 0]]);
  assert.deepEqual(tf.linalg.diag([1, 2], { numRows: 2, numCols: 3, paddingValue: -1 }).numpy().tolist(), [[1, -1, -1], [-1, 2, -1]]);
  assert.deepEqual(tf.linalg.setDiag(tf.zeros([2, 2]), [7, 8]).numpy().tolist(), [[7, 0], [0, 8]]);
  assert.equal(tf.trace(x).numpy().item(), 15);
  assert.equal(tf.linalg.trace(x).numpy().item(), 15);
  assert.deepEqual(tf.linalg.matvec(x, [1, 0, 1]).numpy().tolist(), [4, 10, 16]);
  assert.deepEqual(tf.linalg.matvec(x, [1, 0, 1], { transposeA: true }).numpy().tolist(), [8, 10, 12]);
});

test("TensorFlow's errors and non-finite handling", () => {
  const err = (f: () => unknown, cls: string, msg: string) => assert.throws(f, (e: Error) => e.name === cls && e.message === msg);
  err(() => tf.linalg.inv(tf.constant([[1, 2], [2, 4]])), "InvalidArgumentError", "Input is not invertible. [Op:MatrixInverse]");
  err(() => tf.linalg.solve(tf.constant([[1, 2], [2, 4]]), tf.constant([[1], [1]])), "InvalidArgumentError", "Input matrix is not invertible. [Op:MatrixSolve]");
  err(() => tf.linalg.det(tf.constant([1, 2])), "InvalidArgumentError", "Input tensor 0 must have rank >= 2, got 1 [Op:MatrixDeterminant]");
  err(() => tf.linalg.inv(tf.zeros([2, 3])), "InvalidArgumentError", "Input matrix must be square. [Op:MatrixInverse]");
  err(() => tf.linalg.solve(tf.zeros([2, 2]), tf.zeros([3, 1])), "InvalidArgumentError", "Input matrix and rhs are incompatible. [Op:MatrixSolve]");
  err(() => tf.linalg.inv(tf.constant([[1, 2], [3, 4]], "int32")), "InvalidArgumentError",
    "Value for attr 'T' of int32 is not in the list of allowed values: double, float, half, complex64, complex128 [Op:MatrixInverse]");
  err(() => tf.linalg.bandPart(tf.zeros([2, 2]), 3, 0), "InvalidArgumentError", "num_lower must be negative or less or equal to number of rows (2) got: 3 [Op:MatrixBandPart]");
  // Cholesky of a matrix that is not positive definite: NaN in the lower triangle, as TensorFlow's CPU kernel
  const c = tf.linalg.cholesky(tf.constant([[1, 2], [2, 1]], "float64")).numpy().tolist() as number[][];
  assert.ok(Number.isNaN(c[0]![0]) && Number.isNaN(c[1]![0]) && Number.isNaN(c[1]![1]) && c[0]![1] === 0);
  const [sign, logAbs] = tf.linalg.slogdet(tf.constant([[1, 2], [2, 4]], "float64"));
  assert.equal(sign.numpy().item(), 0); assert.equal(logAbs.numpy().item(), -Infinity);
});

/** Tape gradient of sum(f(x) * w) against central differences. */
function checkGrad(f: (...xs: T[]) => T, xs: T[]): void {
  const w = rand([...f(...xs).dims]);
  const loss = (args: T[]) => tf.reduceSum(tf.multiply(f(...args), w));
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(xs); return loss(xs); });
  const grads = tape.gradient(y, xs);
  xs.forEach((x, i) => {
    const analytic = vals(grads[i] ?? tf.zerosLike(x));
    const base = Float64Array.from(x.numpy().data as Float64Array);
    const at = (v: Float64Array) => Number(loss(xs.map((o, k) => (k === i ? tf.constant(v, "float64", [...x.dims]) : o))).numpy().item());
    for (let j = 0; j < base.length; j++) {
      const p = base.slice(), m = base.slice();
      p[j]! += 1e-6; m[j]! -= 1e-6;
      const numeric = (at(p) - at(m)) / 2e-6;
      assert.ok(Math.abs(analytic[j]! - numeric) <= 1e-5 * Math.max(1, Math.abs(numeric)), `input ${i} element ${j}: ${analytic[j]} vs ${numeric}`);
    }
  });
}

test("gradients match finite differences (float64)", () => {
  const a = tf.add(rand([2, 3, 3]), tf.multiply(3, tf.eye(3, null, { dtype: "float64" }))), b = rand([2, 3, 2]);
  checkGrad((x) => tf.linalg.inv(x), [a]);
  checkGrad((x) => tf.linalg.det(x), [a]);
  checkGrad((x) => tf.linalg.slogdet(x)[1]!, [a]);
  checkGrad((x, y) => tf.linalg.solve(x, y), [a, b]);
  checkGrad((x, y) => tf.linalg.solve(x, y, { adjoint: true }), [a, b]);
  checkGrad((x, y) => tf.linalg.triangularSolve(x, y), [a, b]);
  checkGrad((x, y) => tf.linalg.triangularSolve(x, y, { lower: false, adjoint: true }), [a, rand([3, 2])]);
  // Cholesky reads the lower triangle: symmetrize the argument so the check sees a function of all entries
  checkGrad((x) => tf.linalg.cholesky(tf.add(tf.matmul(x, x, { transposeB: true }), tf.multiply(3, tf.eye(3, null, { dtype: "float64" })))), [rand([3, 3])]);
  checkGrad((x) => { const [q, r] = tf.linalg.qr(x); return tf.add(tf.reduceSum(q), tf.reduceSum(r)); }, [rand([4, 3])]);
  checkGrad((x) => { const [q, r] = tf.linalg.qr(x); return tf.add(tf.reduceSum(q), tf.reduceSum(r)); }, [rand([2, 3])]);
  checkGrad((x, y) => tf.linalg.lstsq(x, y), [rand([4, 3]), rand([4, 2])]);
  checkGrad((x, y) => tf.linalg.lstsq(x, y, { l2Regularizer: 0.5 }), [rand([2, 3]), rand([2, 2])]);
  checkGrad((x) => tf.linalg.bandPart(x, 1, 0), [rand([3, 3])]);
  checkGrad((x) => tf.linalg.diagPart(x, { k: [-1, 1] }), [rand([3, 4])]);
  checkGrad((x) => tf.linalg.diag(x, { k: [0, 1] }), [rand([2, 3])]);
  checkGrad((x) => tf.linalg.trace(x), [rand([2, 3, 3])]);
});
