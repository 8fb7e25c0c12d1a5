// tf.nn.dropout and tf.nn.experimental.stateless_dropout (nn_ops.py's _dropout): the mask is
// TensorFlow's (a uniform draw >= rate with the same seeds), kept values scale by 1/(1 - rate),
// noise shapes broadcast, rate 0 returns x, a tensor rate divides, TensorFlow's errors, and
// the gradient is the mask times the scale.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

const flat = (t: tf.Tensor) => Array.from(t.hostData() as Float32Array);

function throwsTf(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: Error) => { assert.equal(e.name, name); assert.equal(e.message, message); return true; });
}

test("tf.nn.dropout: the mask is tf.random.uniform's draw >= rate under the same seeds; kept values scale by 1/(1-rate)", () => {
  const x = tf.reshape(tf.range(1, 21, 1, "float32"), [4, 5]);
  tf.random.setSeed(1);
  const d = tf.nn.dropout(x, 0.3, { seed: 2 });
  tf.random.setSeed(1);
  const u = flat(tf.random.uniform([4, 5], { seed: 2 }));
  const scale = Math.fround(1 / 0.7);
  assert.deepEqual(flat(d), flat(x).map((v, i) => (u[i]! >= Math.fround(0.3) ? Math.fround(v * scale) : 0)));
  assert.ok(flat(d).some((v) => v === 0) && flat(d).some((v) => v !== 0));
  // rate 0: x itself (and the op seed stream still advances, as TensorFlow's dummy step).
  assert.equal(tf.nn.dropout(x, 0), x);
});

test("tf.nn.dropout: noise shapes broadcast (whole rows or columns drop), null entries take x's dimension", () => {
  const x = tf.ones([6, 4]);
  const rows = tf.nn.dropout(x, 0.5, { noiseShape: [6, 1], seed: 3 }).numpy().tolist() as number[][];
  for (const r of rows) assert.ok(r.every((v) => v === r[0]) && (r[0] === 0 || r[0] === 2));
  const cols = tf.nn.dropout(x, 0.5, { noiseShape: [null, 4], seed: 3 });
  assert.deepEqual(cols.dims, [6, 4]);
  const colsOnly = tf.nn.dropout(x, 0.5, { noiseShape: [1, 4], seed: 5 }).numpy().tolist() as number[][];
  for (const r of colsOnly) assert.deepEqual(r, colsOnly[0]);
});

test("tf.nn.dropout with a tensor rate; stateless_dropout is a function of its seed", () => {
  const x = tf.ones([50], "float64");
  const d = tf.nn.dropout(x, tf.constant(0.25, "float64"), { seed: 1 });
  assert.ok(flat(d as tf.Tensor).every((v) => v === 0 || v === 1 / 0.75));
  const s1 = tf.nn.experimental.stateless_dropout(tf.ones([3, 3]), 0.5, [1, 2]);
  const s2 = tf.nn.experimental.statelessDropout(tf.ones([3, 3]), 0.5, [1, 2]);
  assert.deepEqual(flat(s1), flat(s2));
  const u = flat(tf.random.statelessUniform([3, 3], [1, 2]));
  assert.deepEqual(flat(s1), u.map((v) => (v >= 0.5 ? 2 : 0)));
});

test("tf.nn.dropout's errors", () => {
  throwsTf(() => tf.nn.dropout(tf.ones([2]), 1), "ValueError", "`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=1");
  throwsTf(() => tf.nn.dropout(tf.ones([2]), -0.5), "ValueError", "`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate=-0.5");
  throwsTf(() => tf.nn.dropout(tf.ones([2], "int32"), 0.5), "ValueError",
    "`x.dtype` must be a floating point tensor as `x` will be scaled. Received: x_dtype=<dtype: 'int32'>");
});

test("tf.nn.dropout's gradient: the mask times 1/(1-rate)", () => {
  const v = new tf.Variable(tf.ones([10]));
  const tape = new tf.GradientTape();
  tf.random.setSeed(4);
  const y = tape.record(() => tf.nn.dropout(v, 0.5, { seed: 7 }));
  const loss = y;
  const g = tape.gradient(tape.record(() => tf.reduceSum(loss)), v) as tf.Tensor;
  assert.deepEqual(flat(g), flat(y));
});
