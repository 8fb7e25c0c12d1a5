// A finite-difference gradient check in float64 (as test/gradients.test.ts does, in the spirit
// of tf.test.compute_gradient): central differences of sum(f(x) * w) for fixed weights w,
// against the tape's gradient, element by element.
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { mulberry32 } from "./random.js";

const EPS = 1e-6;
const TOL = 1e-5;

/** Check the tape gradients of f at xs (float64 inputs; f returns float64). */
export function checkGradients(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], seed = 14): void {
  const rng = mulberry32(seed);
  const y0 = f(...xs);
  assert.equal(y0.dtype.name, "float64");
  const w = tf.constant(Float64Array.from({ length: y0.size }, () => 2 * rng() - 1), "float64", [...y0.dims]);
  const loss = (args: tf.Tensor[]) => tf.reduceSum(tf.multiply(f(...args), w));
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(xs); return loss(xs); });
  const grads = tape.gradient(y, xs);
  xs.forEach((x, i) => {
    const g = grads[i] ?? tf.zerosLike(x);
    assert.deepEqual(g.dims, x.dims, `gradient ${i} has the input's shape`);
    const analytic = g.numpy().data as Float64Array;
    const at0 = Float64Array.from(x.numpy().data as Float64Array);
    const at = (v: Float64Array) => Number(loss(xs.map((o, k) => (k === i ? tf.constant(v, "float64", [...x.dims]) : o))).numpy().item());
    for (let j = 0; j < at0.length; j++) {
      const plus = at0.slice(), minus = at0.slice();
      plus[j]! += EPS;
      minus[j]! -= EPS;
      const numeric = (at(plus) - at(minus)) / (2 * EPS);
      assert.ok(Math.abs(analytic[j]! - numeric) <= TOL * Math.max(1, Math.abs(numeric)),
        `input ${i}, element ${j}: tape ${analytic[j]} vs finite difference ${numeric}`);
    }
  });
}
