// GradientTape parity with TensorFlow's backprop.py and backprop_test.py: targets that are
// sources, nested target structures, watched variables kept after a non-persistent tape
// answered, tape.reset(), and the warnings TensorFlow logs for integer tensors.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";

function values(t: tf.Tensor | tf.IndexedSlices | null | undefined): number[] {
  assert.ok(t instanceof tf.Tensor, "expected a dense gradient");
  return Array.from(t.numpy().data as Float32Array, Number);
}

/** What console.warn printed while fn ran. */
function warnings(fn: () => void): string[] {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => { seen.push(args.map(String).join(" ")); };
  try { fn(); } finally { console.warn = original; }
  return seen;
}

test("a variable that is both target and source has gradient ones (backprop_test testGradientTapeVariable...)", () => {
  const v0 = new tf.Variable(1.0);
  const v1 = new tf.Variable(2.0);
  const tape = new tf.GradientTape();
  tape.record(() => { v0.value(); v1.value(); });
  const [g0, g1] = tape.gradient(v0, [v0, v1]);
  assert.deepEqual(values(g0), [1]);
  assert.equal((g0 as tf.Tensor).dtype.name, "float32");
  assert.deepEqual((g0 as tf.Tensor).dims, []);
  assert.equal(g1, null);
});

test("a variable target that is a source needs no read on the tape (tape.gradient(x, x))", () => {
  const x = new tf.Variable([1.0, 2.0]);
  const tape = new tf.GradientTape();
  tape.record(() => tape.watch(x));
  assert.deepEqual(values(tape.gradient(x, x)), [1, 1]);
});

test("a tensor target that is a source gets ones even when unwatched", () => {
  const x = tf.constant([3.0, 4.0]);
  const tape = new tf.GradientTape();
  tape.record(() => undefined);
  assert.deepEqual(values(tape.gradient(x, x)), [1, 1]);
});

test("targets as an object or nested arrays: gradients of the sum of every target", () => {
  const x = tf.constant(3.0);
  const tape = new tf.GradientTape({ persistent: true });
  const [y0, y1] = tape.record(() => { tape.watch(x); return [tf.multiply(x, x), tf.multiply(x, 2)]; });
  assert.deepEqual(values(tape.gradient({ a: y0!, b: y1! }, x)), [8]);
  assert.deepEqual(values(tape.gradient([[y0!], [y1!]], x)), [8]);
  // Output gradients follow the targets' structure (objects by sorted key, as nest.flatten).
  const g = tape.gradient({ b: y1!, a: y0! }, x, { outputGradients: { b: tf.constant(10.0), a: tf.constant(1.0) } });
  assert.deepEqual(values(g), [26]);
  assert.deepEqual(values(tape.gradient([[y0!], [y1!]], x, { outputGradients: [[null], [tf.constant(3.0)]] })), [12]);
});

test("a null target raises TensorFlow's TypeError", () => {
  const tape = new tf.GradientTape();
  assert.throws(() => tape.gradient(null as unknown as tf.Tensor, tf.constant(1.0)), {
    name: "TypeError",
    message: "Argument `target` should be a list or nested structure of Tensors, Variables or CompositeTensors to be differentiated, but received None.",
  });
});

test("watchedVariables() is kept after a non-persistent tape answered, in creation order", () => {
  const x = new tf.Variable(1.0);
  const tape = new tf.GradientTape();
  tape.record(() => tape.watch(x));
  tape.gradient(x, x);
  assert.deepEqual(tape.watchedVariables(), [x]);

  const a = new tf.Variable(1.0, { name: "a" });
  const b = new tf.Variable(2.0, { name: "b" });
  const t2 = new tf.GradientTape();
  const y = t2.record(() => tf.add(b.value(), a.value()));
  assert.deepEqual(t2.watchedVariables(), [a, b]);
  t2.gradient(y, [a, b]);
  assert.deepEqual(t2.watchedVariables(), [a, b]);
});

test("watchedVariables() holds only the last tape's (testWatchedVariablesOnlyHasVariablesFromLastTape)", () => {
  const t1 = new tf.GradientTape();
  const x = new tf.Variable(1.0);
  t1.record(() => t1.watch(x));
  const t2 = new tf.GradientTape();
  const z = new tf.Variable(2.0);
  t2.record(() => t2.watch(z));
  t2.gradient(z, z);
  assert.deepEqual(t2.watchedVariables(), [z]);
});

test("tape.reset() forgets what was recorded and keeps recording (testWatchedVariablesRespectReset, testReset)", () => {
  const tape = new tf.GradientTape({ watchAccessedVariables: false });
  const v1 = new tf.Variable(1.0);
  const v2 = new tf.Variable(2.0);
  tape.record(() => {
    tape.watch(v1);
    assert.deepEqual(tape.watchedVariables(), [v1]);
    tape.reset();
    tape.watch(v2);
    assert.deepEqual(tape.watchedVariables(), [v2]);
  });

  const x = tf.constant(3.0);
  const t = new tf.GradientTape();
  const loss = t.record(() => {
    t.watch(x);
    const first = tf.multiply(x, x);
    t.reset();
    t.watch(x);
    return tf.add(first, tf.multiply(x, 5));
  });
  assert.deepEqual(values(t.gradient(loss, x)), [5]);
});

test("tape.reset() lets a non-persistent tape answer again", () => {
  const x = tf.constant(2.0);
  const t = new tf.GradientTape();
  using _ = t.start();
  t.watch(x);
  const y = tf.multiply(x, x);
  assert.deepEqual(values(t.gradient(y, x)), [4]);
  t.reset();
  t.watch(x);
  const z = tf.multiply(x, 3);
  assert.deepEqual(values(t.gradient(z, x)), [3]);
});

test("tape.reset() outside the tape's scope or while stopped raises ValueError", () => {
  const t = new tf.GradientTape();
  assert.throws(() => t.reset(), { name: "ValueError", message: "Tape is not recording." });
  t.record(() => {
    using _ = t.stopRecording();
    assert.throws(() => t.reset(), { name: "ValueError", message: "Tape is not recording." });
  });
});

test("watching an integer tensor logs TensorFlow's warning and gives no gradient", () => {
  const x = tf.constant(10, "int32");
  const t = new tf.GradientTape();
  let y: tf.Tensor | undefined;
  const seen = warnings(() => { y = t.record(() => { t.watch(x); return tf.multiply(x, x); }); });
  assert.deepEqual(seen, ["WARNING:tensorflow:The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32"]);
  // TensorFlow logs the target and source warnings at vlog(1) only: nothing is printed.
  assert.deepEqual(warnings(() => assert.equal(t.gradient(y!, x), null)), []);
  const v = new tf.Variable(1, { dtype: "int64" });
  const t2 = new tf.GradientTape();
  assert.deepEqual(warnings(() => t2.record(() => t2.watch(v))),
    ["WARNING:tensorflow:The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int64"]);
  // A float tensor warns nothing.
  assert.deepEqual(warnings(() => t2.record(() => t2.watch(tf.constant(1.5)))), []);
});

test("gradient() of a persistent tape inside its scope warns once", () => {
  const x = tf.constant(2.0);
  const t = new tf.GradientTape({ persistent: true });
  const seen = warnings(() => {
    t.record(() => {
      t.watch(x);
      const y = tf.multiply(x, x);
      t.gradient(y, x);
      t.gradient(y, x);
    });
  });
  assert.equal(seen.length, 1);
  assert.match(seen[0]!, /^WARNING:tensorflow:Calling GradientTape\.gradient on a persistent tape inside its context is significantly less efficient/);
});
