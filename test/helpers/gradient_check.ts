// Finite-difference gradient checks in float64 (the same method as test/gradients.test.ts):
// tape gradients of L(xs) = sum(f(xs) * w), w random, against central differences.
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { mulberry32 } from "./random.js";

type T = tf.Tensor;
const rng = mulberry32(20261204);

/** float64 values drawn uniformly from [lo, hi). */
export function rand64(dims: readonly number[], lo = -2, hi = 2): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()), "float64", [...dims]);
}

function data(t: T): number[] {
  return Array.from(t.numpy().data as Float64Array, Number);
}

const EPS = 1e-6;
const TOL = 1e-5;

/** Compare tape gradients of sum(f(xs) * w) with central differences, element by element. */
export function checkGradients(f: (...xs: T[]) => T, xs: T[]): void {
  const y0 = f(...xs);
  assert.equal(y0.dtype.name, "float64");
  const w = rand64(y0.dims, -1, 1);
  const loss = (args: T[]) => tf.reduceSum(tf.multiply(f(...args), w));
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(xs); return loss(xs); });
  const grads = tape.gradient(y, xs);
  xs.forEach((x, i) => {
    const gi = grads[i] ?? tf.zerosLike(x);
    assert.deepEqual(gi.dims, x.dims, `gradient ${i} has the input's shape`);
    const analytic = data(gi);
    const base = Float64Array.from(x.numpy().data as Float64Array);
    const at = (v: Float64Array) => Number(loss(xs.map((o, k) => (k === i ? tf.constant(v, "float64", [...x.dims]) : o))).numpy().item());
    for (let j = 0; j < base.length; j++) {
      const plus = base.slice(), minus = base.slice();
      plus[j]! += EPS;
      minus[j]! -= EPS;
      const numeric = (at(plus) - at(minus)) / (2 * EPS);
      assert.ok(Math.abs(analytic[j]! - numeric) <= TOL * Math.max(1, Math.abs(numeric)),
        `input ${i}, element ${j}: tape ${analytic[j]} vs finite difference ${numeric}`);
    }
  });
}
