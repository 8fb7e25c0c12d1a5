// tf.customGradient and tf.recomputeGrad: TensorFlow's custom_gradient.py contract (gradFn
// after the output gradients gets `{ variables }`, returns `[inputGrads, variableGrads]` when
// fn read variables), its errors, several inputs and outputs, higher order through nested
// tapes, and recompute_grad's gradients against the plain ones and float64 finite differences.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

type T = tf.Tensor;

function values(t: tf.Tensor | tf.IndexedSlices | null | undefined): number[] {
  assert.ok(t instanceof tf.Tensor, "expected a dense gradient");
  return Array.from(t.numpy().data as Float32Array | Float64Array, Number);
}

function close(actual: readonly number[], expected: readonly number[], tol: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tol * Math.max(1, Math.abs(expected[i]!)), `${a} != ${expected[i]} at ${i}`));
}

test("TensorFlow's log1pexp example: the custom gradient is used (1.0 at x = 100, not NaN)", () => {
  const log1pexp = tf.customGradient((x: T) => {
    const e = tf.exp(x);
    const grad = (dy: T) => tf.multiply(dy, tf.subtract(1, tf.divide(1, tf.add(1, e))));
    return [tf.log(tf.add(1, e)), grad] as const;
  });
  const x = tf.constant(100.0);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return log1pexp(x); });
  assert.deepEqual(values(y), [Infinity]);
  assert.deepEqual(values(tape.gradient(y, x)), [1]);
  // Without the custom gradient, TensorFlow's (and tsflow's) answer is NaN.
  const plain = new tf.GradientTape();
  const z = plain.record(() => { plain.watch(x); return tf.log(tf.add(1, tf.exp(x))); });
  assert.ok(Number.isNaN(values(plain.gradient(z, x))[0]));
});

test("gradFn replaces the function's own gradient; several inputs get one gradient each", () => {
  const f = tf.customGradient((x: T, y: T) => [tf.multiply(x, y), (dy: T) => [tf.multiply(dy, 10), tf.multiply(dy, 100)]] as const);
  const x = tf.constant([1.0, 2.0]), y = tf.constant([3.0, 4.0]);
  const tape = new tf.GradientTape();
  const out = tape.record(() => { tape.watch([x, y]); return tf.reduceSum(tf.multiply(f(x, y), tf.constant([1.0, 2.0]))); });
  const [gx, gy] = tape.gradient(out, [x, y]);
  assert.deepEqual(values(gx), [10, 20]);
  assert.deepEqual(values(gy), [100, 200]);
});

test("several outputs: gradFn gets one gradient per output, zeros for an unused one", () => {
  const seen: number[][] = [];
  const f = tf.customGradient((x: T) => [[tf.multiply(x, 2), tf.multiply(x, 3)], (d1: T, d2: T) => {
    seen.push(values(d1), values(d2));
    return tf.add(tf.multiply(d1, 100), d2);
  }] as const);
  const x = tf.constant(1.0);
  const tape = new tf.GradientTape({ persistent: true });
  const [a, b] = tape.record(() => { tape.watch(x); return f(x); });
  assert.deepEqual(values(a), [2]);
  assert.deepEqual(values(b), [3]);
  assert.deepEqual(values(tape.gradient([a, b], x)), [101]);
  assert.deepEqual(values(tape.gradient(b, x)), [1]);
  assert.deepEqual(seen, [[1], [1], [0], [1]]);
});

test("variables read inside fn: gradFn gets them and returns [inputGrads, variableGrads]", () => {
  const v = new tf.Variable(2.0, { name: "v" });
  let given: readonly unknown[] = [];
  const f = tf.customGradient((x: T) => [tf.multiply(x, v), (dy: T, { variables }: tf.CustomGradientOptions) => {
    given = variables;
    return [[tf.multiply(dy, 7)], [tf.multiply(dy, 11)]];
  }] as const);
  const x = tf.constant(3.0);
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(x); return f(x); });
  assert.deepEqual(values(y), [6]);
  const [gx, gv] = tape.gradient(y, [x, v]);
  assert.deepEqual(values(gx), [7]);
  assert.deepEqual(values(gv), [11]);
  assert.deepEqual(given, [v]);
});

test("a variable passed as an input is not among `variables`", () => {
  const v = new tf.Variable(2.0);
  const f = tf.customGradient((w: tf.Variable) => [tf.square(w), (dy: T) => tf.multiply(dy, 5)] as const);
  const tape = new tf.GradientTape();
  const y = tape.record(() => f(v));
  assert.deepEqual(values(tape.gradient(y, v)), [5]);
});

test("fn read variables but gradFn takes no options: TensorFlow's TypeError", () => {
  const v = new tf.Variable(2.0, { name: "w" });
  const f = tf.customGradient((x: T) => [tf.multiply(x, v), (dy: T) => dy] as const);
  assert.throws(() => f(tf.constant(1.0)), {
    name: "TypeError",
    message: "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses variables: "
      + "[<tf.Variable 'w:0' shape=() dtype=float32, numpy=2.0>]",
  });
});

test("wrong numbers of gradients raise TensorFlow's ValueErrors", () => {
  const x = tf.constant(1.0);
  const twoForOne = tf.customGradient((a: T) => [tf.multiply(a, 2), (dy: T) => [dy, dy]] as const);
  const t1 = new tf.GradientTape();
  const y1 = t1.record(() => { t1.watch(x); return twoForOne(x); });
  assert.throws(() => t1.gradient(y1, x), {
    name: "ValueError", message: "custom_gradient function expected to return 1 gradients, but returned 2 instead.",
  });
  const v = new tf.Variable(3.0);
  const noVariableGrads = tf.customGradient((a: T) => [tf.multiply(a, v), (dy: T, _o: tf.CustomGradientOptions) => [[dy], []]] as const);
  const t2 = new tf.GradientTape();
  const y2 = t2.record(() => { t2.watch(x); return noVariableGrads(x); });
  assert.throws(() => t2.gradient(y2, x), { name: "ValueError", message: "Must return gradient for each variable from @custom_gradient grad_fn." });
});

test("higher order: a gradFn made of ops is differentiated by an outer tape", () => {
  const cube = tf.customGradient((x: T) => [tf.multiply(tf.multiply(x, x), x), (dy: T) => tf.multiply(dy, tf.multiply(3, tf.square(x)))] as const);
  const x = tf.constant(2.0);
  const outer = new tf.GradientTape();
  const dydx = outer.record(() => {
    outer.watch(x);
    const inner = new tf.GradientTape();
    const y = inner.record(() => { inner.watch(x); return cube(x); });
    return inner.gradient(y, x)!;
  });
  assert.deepEqual(values(dydx), [12]);
  assert.deepEqual(values(outer.gradient(dydx, x)), [12]);
});

test("an unwatched input records nothing: gradient null", () => {
  const f = tf.customGradient((x: T) => [tf.multiply(x, 2), (dy: T) => dy] as const);
  const x = tf.constant(1.0);
  const tape = new tf.GradientTape();
  const y = tape.record(() => f(x));
  assert.equal(tape.gradient(y, x), null);
});

// f(x) = sum(sin(x) * w * x) + v * sum(x^2), float64.
function block(v: tf.Variable) {
  return (x: T): T => tf.add(tf.reduceSum(tf.multiply(tf.multiply(tf.sin(x), x), tf.constant([0.5, -1.5, 2.0], "float64"))),
    tf.multiply(v, tf.reduceSum(tf.square(x))));
}

test("recomputeGrad: the same gradients as f's (inputs and variables), matching float64 finite differences", () => {
  const v = new tf.Variable(0.75, { dtype: "float64" });
  let calls = 0;
  const f = block(v);
  const counted = (x: T) => { calls++; return f(x); };
  const g = tf.recomputeGrad(counted);
  const x = tf.constant([0.3, -1.2, 2.1], "float64");

  const plain = new tf.GradientTape();
  const y0 = plain.record(() => { plain.watch(x); return f(x); });
  const [px, pv] = plain.gradient(y0, [x, v]);

  const tape = new tf.GradientTape();
  const y1 = tape.record(() => { tape.watch(x); return g(x); });
  assert.equal(calls, 1);
  assert.deepEqual(values(y1), values(y0));
  const [rx, rv] = tape.gradient(y1, [x, v]);
  assert.equal(calls, 2, "the backward pass ran f again");
  close(values(rx), values(px), 1e-12);
  close(values(rv), values(pv), 1e-12);

  // Central differences in float64.
  const h = 1e-6;
  const xs = values(x);
  const fd = xs.map((_, i) => {
    const up = xs.slice(), down = xs.slice();
    up[i]! += h; down[i]! -= h;
    return (values(f(tf.constant(up, "float64")))[0]! - values(f(tf.constant(down, "float64")))[0]!) / (2 * h);
  });
  close(values(rx), fd, 1e-7);
  const at = (value: number) => { v.assign(value); const r = values(f(x))[0]!; v.assign(0.75); return r; };
  close(values(rv), [(at(0.75 + h) - at(0.75 - h)) / (2 * h)], 1e-7);
});

test("recomputeGrad of several inputs and outputs", () => {
  const g = tf.recomputeGrad((a: T, b: T) => [tf.multiply(a, b), tf.add(a, tf.square(b))]);
  const a = tf.constant([1.0, 2.0], "float64"), b = tf.constant([3.0, -1.0], "float64");
  const tape = new tf.GradientTape();
  const [p, q] = tape.record(() => { tape.watch([a, b]); return g(a, b); });
  const [ga, gb] = tape.gradient([p!, q!], [a, b]);
  assert.deepEqual(values(ga), [4, 0]);
  assert.deepEqual(values(gb), [7, 0]);
});
