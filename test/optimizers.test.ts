// tf.optimizers: Keras 3's optimizers checked step by step against their update rules
// computed here in float64 (compared at float32 tolerance), plus slots, iterations,
// schedules, clipping, constraints, warnings, atomic failed steps and minimize().
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";

const root = fileURLToPath(new URL("../../", import.meta.url));
const values = (v: tf.Variable | tf.Tensor): number[] => Array.from(v.numpy().data as Float32Array, Number);

function assertClose(actual: readonly number[], expected: readonly number[], what = "", rtol = 2e-6, atol = 1e-7): void {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: got ${a}, expected ${e}`);
  });
}

const GRADS = [[0.5, -1, 2], [0.1, 0.2, -0.3], [-2, 0.5, 0], [1, 1, 1]];
const INIT = [1, -2, 3];
const f32 = (xs: readonly number[]) => xs.map(Math.fround);

/** Run `steps` steps of `opt` from INIT with GRADS, checking against `reference` after each. */
function checkSteps(
  opt: tf.optimizers.Optimizer,
  reference: (w: number[], g: readonly number[], t: number) => number[],
  what: string,
): tf.Variable {
  const v = new tf.Variable(INIT);
  let w = f32(INIT);
  GRADS.forEach((g, t) => {
    opt.applyGradients([[g, v]]);
    w = reference(w, f32(g), t + 1);
    assertClose(values(v), w, `${what} step ${t + 1}`);
  });
  assert.equal(opt.iterations.numpy().item(), BigInt(GRADS.length));
  return v;
}

test("SGD: plain, momentum and Nesterov follow Keras's update rules", () => {
  const lr = 0.1;
  checkSteps(new tf.optimizers.SGD({ learningRate: lr }), (w, g) => w.map((x, i) => x - lr * g[i]!), "sgd");

  for (const nesterov of [false, true]) {
    const mu = 0.9;
    const m = [0, 0, 0];
    const opt = new tf.optimizers.SGD({ learningRate: lr, momentum: mu, nesterov });
    const v = checkSteps(opt, (w, g) => w.map((x, i) => {
      m[i] = mu * m[i]! - lr * g[i]!;
      return nesterov ? x + mu * m[i]! - lr * g[i]! : x + m[i]!;
    }), `sgd nesterov=${nesterov}`);
    assertClose(values(opt.getSlot(v, "momentum")!), m, "momentum slot");
  }
  const sgd = new tf.optimizers.SGD();
  assert.equal(sgd.learningRate, Math.fround(0.01));
  assert.equal(sgd.momentum, 0);
  assert.equal(sgd.nesterov, false);
  assert.deepEqual(sgd.getSlotNames(), []);
});

test("Adam and AMSGrad follow Keras's update rules (defaults 0.001, 0.9, 0.999, 1e-7)", () => {
  for (const amsgrad of [false, true]) {
    const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-7];
    const m = [0, 0, 0], s = [0, 0, 0], sHat = [0, 0, 0];
    const opt = new tf.optimizers.Adam({ learningRate: lr, amsgrad });
    const v = checkSteps(opt, (w, g, t) => {
      const alpha = lr * Math.sqrt(1 - b2 ** t) / (1 - b1 ** t);
      return w.map((x, i) => {
        m[i] = m[i]! + (g[i]! - m[i]!) * (1 - b1);
        s[i] = s[i]! + (g[i]! ** 2 - s[i]!) * (1 - b2);
        sHat[i] = Math.max(sHat[i]!, s[i]!);
        return x - (m[i]! * alpha) / (Math.sqrt(amsgrad ? sHat[i]! : s[i]!) + eps);
      });
    }, `adam amsgrad=${amsgrad}`);
    assertClose(values(opt.getSlot(v, "momentum")!), m, "momentum");
    assertClose(values(opt.getSlot(v, "velocity")!), s, "velocity");
    assert.equal(opt.getSlot(v, "velocity_hat") === undefined, !amsgrad);
    if (amsgrad) assertClose(values(opt.getSlot(v, "velocity_hat")!), sHat, "velocity_hat");
  }
  const adam = new tf.optimizers.Adam();
  assert.deepEqual([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon, adam.amsgrad], [Math.fround(0.001), 0.9, 0.999, 1e-7, false]);
  assert.equal(adam.weightDecay, null);
});

test("AdamW decays the weights by w * weightDecay * lr before Adam's update (default 0.004)", () => {
  for (const wd of [undefined, 0.1]) {
    const decay = wd ?? 0.004;
    const [lr, b1, b2, eps] = [0.01, 0.9, 0.999, 1e-7];
    const m = [0, 0, 0], s = [0, 0, 0];
    const opt = new tf.optimizers.AdamW(wd === undefined ? { learningRate: lr } : { learningRate: lr, weightDecay: wd });
    assert.equal(opt.weightDecay, decay);
    checkSteps(opt, (w0, g, t) => {
      const w = w0.map((x) => x - x * decay * lr);
      const alpha = lr * Math.sqrt(1 - b2 ** t) / (1 - b1 ** t);
      return w.map((x, i) => {
        m[i] = m[i]! + (g[i]! - m[i]!) * (1 - b1);
        s[i] = s[i]! + (g[i]! ** 2 - s[i]!) * (1 - b2);
        return x - (m[i]! * alpha) / (Math.sqrt(s[i]!) + eps);
      });
    }, `adamw wd=${decay}`);
  }
  assert.throws(() => new tf.optimizers.AdamW({ weightDecay: null }), {
    name: "ValueError", message: "Argument `weight_decay` must be a float. Received: weight_decay=None",
  });
  // Weight decay is a base option, and variables can be excluded from it.
  const sgd = new tf.optimizers.SGD({ learningRate: 0.5, weightDecay: 0.1 });
  const a = new tf.Variable([2], { name: "kernel" }), b = new tf.Variable([2], { name: "bias" });
  sgd.excludeFromWeightDecay({ varNames: ["bias"] });
  sgd.applyGradients([[[1], a], [[1], b]]);
  assertClose(values(a), [2 - 2 * 0.1 * 0.5 - 0.5]);
  assertClose(values(b), [2 - 0.5]);
});

test("RMSprop: plain, momentum and centered follow Keras's update rules", () => {
  for (const [momentum, centered] of [[0, false], [0.5, false], [0, true], [0.5, true]] as const) {
    const [lr, rho, eps] = [0.01, 0.9, 1e-7];
    const vel = [0, 0, 0], mom = [0, 0, 0], avg = [0, 0, 0];
    const opt = new tf.optimizers.RMSprop({ learningRate: lr, momentum, centered });
    const v = checkSteps(opt, (w, g) => w.map((x, i) => {
      vel[i] = rho * vel[i]! + (1 - rho) * g[i]! ** 2;
      avg[i] = rho * avg[i]! + (1 - rho) * g[i]!;
      const denominator = centered ? vel[i]! - avg[i]! ** 2 + eps : vel[i]! + eps;
      const increment = (lr * g[i]!) / Math.sqrt(denominator);
      if (momentum === 0) return x - increment;
      mom[i] = momentum * mom[i]! + increment;
      return x - mom[i]!;
    }), `rmsprop momentum=${momentum} centered=${centered}`);
    assertClose(values(opt.getSlot(v, "velocity")!), vel, "velocity");
    assert.equal(opt.getSlot(v, "momentum") === undefined, momentum === 0);
    assert.equal(opt.getSlot(v, "average_gradient") === undefined, !centered);
  }
  const r = new tf.optimizers.RMSprop();
  assert.deepEqual([r.learningRate, r.rho, r.momentum, r.epsilon, r.centered], [Math.fround(0.001), 0.9, 0, 1e-7, false]);
});

test("Adagrad follows Keras's update rule, accumulators start at initialAccumulatorValue", () => {
  for (const init of [undefined, 0.5]) {
    const [lr, eps] = [0.1, 1e-7];
    const acc = [0, 0, 0].map(() => init ?? 0.1);
    const opt = new tf.optimizers.Adagrad(init === undefined ? { learningRate: lr } : { learningRate: lr, initialAccumulatorValue: init });
    const v = new tf.Variable([0, 0, 0]);
    opt.build([v]);
    assertClose(values(opt.getSlot(v, "accumulator")!), f32(acc), "initial accumulator");
    checkSteps(opt, (w, g) => w.map((x, i) => {
      acc[i] = acc[i]! + g[i]! ** 2;
      return x - (lr * g[i]!) / Math.sqrt(acc[i]! + eps);
    }), `adagrad init=${init}`);
  }
  const a = new tf.optimizers.Adagrad();
  assert.deepEqual([a.learningRate, a.initialAccumulatorValue, a.epsilon], [Math.fround(0.001), 0.1, 1e-7]);
});

test("float64 variables update in float64", () => {
  const v = new tf.Variable(new Float64Array([1, 2]));
  const opt = new tf.optimizers.Adam({ learningRate: 0.1 });
  opt.applyGradients([[new Float64Array([0.5, -1]), v]]);
  assert.equal(opt.getSlot(v, "momentum")!.dtype, tf.float64);
  // The learning rate is a float32 variable (as in Keras), widened to float64 here.
  const lr = Math.fround(0.1);
  const alpha = lr * Math.sqrt(1 - 0.999) / (1 - 0.9);
  const expected = [0.5, -1].map((g, i) => [1, 2][i]! - (0.1 * g * alpha) / (Math.sqrt(0.001 * g * g) + 1e-7));
  const got = Array.from(v.numpy().data as Float64Array);
  got.forEach((x, i) => assert.ok(Math.abs(x - expected[i]!) < 1e-12, `${x} vs ${expected[i]}`));
});

test("schedules: ExponentialDecay and PiecewiseConstantDecay values", () => {
  const { ExponentialDecay, PiecewiseConstantDecay } = tf.optimizers.schedules;
  const e = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
  const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
  for (const step of [0, 1, 5, 10, 15, 25, 100]) {
    assertClose([e.call(step)], [0.1 * 0.5 ** (step / 10)], `exp ${step}`);
    assertClose([s.call(step)], [0.1 * 0.5 ** Math.floor(step / 10)], `staircase ${step}`);
  }
  assert.equal(e.call(10n), Math.fround(0.05));
  assert.deepEqual(s.getConfig(), { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true, name: "ExponentialDecay" });
  assert.throws(() => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }), {
    name: "ValueError", message: "Argument `decay_steps` must be > 0. Received: decay_steps=0",
  });

  const p = new PiecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5, 0.1] });
  const at = [0, 1, 2, 3, 5, 6, 100].map((step) => p.call(step));
  assert.deepEqual(at, [1, 1, 1, 0.5, 0.5, 0.1, 0.1].map(Math.fround));
  assert.throws(() => new PiecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5] }), {
    name: "ValueError",
    message: "The length of boundaries should be 1 less than the length of values. Received: boundaries=[2, 5] of length 2, and values=[1, 0.5] of length 2.",
  });
});

test("a schedule is evaluated at iterations; learningRate is settable as Keras allows", () => {
  const schedule = new tf.optimizers.schedules.PiecewiseConstantDecay({ boundaries: [1], values: [1, 0.5] });
  const opt = new tf.optimizers.SGD({ learningRate: schedule });
  const v = new tf.Variable([0]);
  const lrs: number[] = [];
  for (let i = 0; i < 4; i++) {
    lrs.push(opt.learningRate);
    opt.applyGradients([[[1], v]]);
  }
  assert.deepEqual(lrs, [1, 1, 0.5, 0.5]);
  assertClose(values(v), [-3]);
  // A schedule has no learning_rate variable; a number cannot replace it.
  assert.deepEqual(opt.variables.map((x) => x.name), [`${opt.name}/iteration:0`]);
  assert.throws(() => { opt.learningRate = 0.1; }, { name: "TypeError", message: /created with a `LearningRateSchedule` object/ });
  assert.deepEqual(opt.getConfig().learningRate, schedule);

  const plain = new tf.optimizers.SGD({ learningRate: 0.5 });
  const w = new tf.Variable([0]);
  plain.applyGradients([[[1], w]]);
  plain.learningRate = 0.25;
  assert.equal(plain.learningRate, 0.25);
  assert.equal(Number(plain.variables[1]!.numpy().item()), 0.25);
  plain.applyGradients([[[1], w]]);
  assertClose(values(w), [-0.75]);
  plain.learningRate = () => 2;
  assert.equal(plain.variables.length, 1, "the learning_rate variable is untracked");
  plain.applyGradients([[[1], w]]);
  assertClose(values(w), [-2.75]);
  assert.throws(() => new tf.optimizers.SGD({ learningRate: "fast" as unknown as number }), {
    name: "ValueError", message: /^Argument `learning_rate` should be float, .* Received instead: learning_rate='fast'$/,
  });
});

test("iterations is a non-trainable int64 variable counting steps", () => {
  const opt = new tf.optimizers.Adam({ name: "counting" });
  assert.equal(opt.iterations.dtype, tf.int64);
  assert.equal(opt.iterations.trainable, false);
  assert.equal(opt.iterations.name, "counting/iteration:0");
  assert.equal(opt.iterations.numpy().item(), 0n);
  const v = new tf.Variable([1, 2]);
  for (let i = 0; i < 3; i++) assert.equal(opt.applyGradients([[[1, 1], v]]), opt.iterations);
  assert.equal(opt.iterations.numpy().item(), 3n);
  // Adam's bias correction reads it: resetting it restarts the correction.
  opt.iterations.assign(0n);
  const before = values(v);
  opt.applyGradients([[[1, 1], v]]);
  assert.equal(opt.iterations.numpy().item(), 1n);
  assert.ok(values(v).every((x, i) => x < before[i]!));
  // An empty list is a no-op.
  opt.applyGradients([]);
  assert.equal(opt.iterations.numpy().item(), 1n);
});

test("variables: iterations, learning_rate, then slots in Keras's order and names", () => {
  const a = new tf.Variable([1, 2], { name: "a" });
  const b = tf.nameScope("dense", () => new tf.Variable([[1]], { name: "kernel" }));
  const adam = new tf.optimizers.Adam({ name: "adam_opt", amsgrad: true });
  adam.applyGradients([[[1, 1], a], [[[1]], b]]);
  assert.deepEqual(adam.variables.map((v) => v.name), [
    "adam_opt/iteration:0", "adam_opt/learning_rate:0",
    "adam_opt/a_0_momentum:0", "adam_opt/a_0_velocity:0", "adam_opt/dense_kernel_0_momentum:0", "adam_opt/dense_kernel_0_velocity:0",
    "adam_opt/a_0_velocity_hat:0", "adam_opt/dense_kernel_0_velocity_hat:0",
  ]);
  assert.deepEqual(adam.getSlotNames(), ["momentum", "velocity", "velocity_hat"]);
  assert.deepEqual(adam.builtVariables, [a, b]);
  for (const slot of adam.variables.slice(2)) assert.equal(slot.trainable, false);
  assert.deepEqual(String(adam.getSlot(b, "velocity")!.shape), "(1, 1)");
  assert.equal(adam.getSlot(b, "nope"), undefined);

  const rms = new tf.optimizers.RMSprop({ name: "rms", momentum: 0.9, centered: true });
  rms.build([a, b]);
  assert.deepEqual(rms.variables.slice(2).map((v) => v.name), [
    "rms/a_0_velocity:0", "rms/dense_kernel_0_velocity:0", "rms/a_0_momentum:0", "rms/dense_kernel_0_momentum:0",
    "rms/a_0_average_gradient:0", "rms/dense_kernel_0_average_gradient:0",
  ]);
  // A variable first seen later gets its slots then, appended.
  const c = new tf.Variable(1, { name: "c" });
  rms.applyGradients([[1, c]]);
  assert.deepEqual(rms.variables.slice(8).map((v) => v.name), ["rms/c_0_velocity:0", "rms/c_0_momentum:0", "rms/c_0_average_gradient:0"]);

  // Default names: Keras's snake-cased class names, made unique.
  const first = new tf.optimizers.AdamW(), second = new tf.optimizers.AdamW();
  assert.match(first.name, /^adam_w(_\d+)?$/);
  assert.notEqual(first.name, second.name);
  assert.match(new tf.optimizers.RMSprop().name, /^rm_sprop(_\d+)?$/);
});

test("slots live on the variable's device, with its dtype and shape", () => {
  const v = new tf.Variable([[1, 2, 3]], { dtype: "float16" });
  const opt = new tf.optimizers.Adam();
  opt.applyGradients([[[[1, 1, 1]], v]]);
  for (const name of ["momentum", "velocity"]) {
    const slot = opt.getSlot(v, name)!;
    assert.equal(slot.device, v.device);
    assert.equal(slot.dtype, tf.float16);
    assert.equal(String(slot.shape), "(1, 3)");
  }
});

test("with two logical CPUs, slots and updates stay on the variable's device", () => {
  const script = `
    import * as tf from "tsflow";
    const [cpu] = tf.config.listPhysicalDevices("CPU");
    tf.config.setLogicalDeviceConfiguration(cpu, [new tf.config.LogicalDeviceConfiguration(), new tf.config.LogicalDeviceConfiguration()]);
    const v = tf.device("CPU:1", () => new tf.Variable(tf.fill([1000], 1)));
    const g = tf.device("CPU:1", () => tf.fill([1000], 0.5));
    const opt = new tf.optimizers.Adam({ learningRate: 0.1 });
    opt.applyGradients([[g, v]]);
    // A second step copies nothing but host scalars (no tensor crosses to CPU:0 and back).
    tf.debugging.resetDeviceCopyStats();
    opt.applyGradients([[g, v]]);
    process.stdout.write(JSON.stringify({
      variable: v.device,
      slots: ["momentum", "velocity"].map((n) => opt.getSlot(v, n).device),
      iterations: opt.iterations.device,
      value: Array.from(v.numpy().data),
      copies: tf.debugging.deviceCopyStats(),
    }));
  `;
  // The logical CPUs are the point here: the child runs without a GPU.
  const env = { ...process.env, TSFLOW_GPU: "0" };
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", env });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { variable: string; slots: string[]; iterations: string; value: number[]; copies: { bytes: number } };
  const cpu1 = "/job:localhost/replica:0/task:0/device:CPU:1";
  assert.equal(out.variable, cpu1);
  assert.deepEqual(out.slots, [cpu1, cpu1]);
  assert.equal(out.iterations, "/job:localhost/replica:0/task:0/device:CPU:0");
  assert.ok(out.value.every((x) => x < 1));
  assert.ok(out.copies.bytes < 100, `only scalars cross devices: ${JSON.stringify(out.copies)}`);
});

test("a null gradient skips its variable with Keras's warning (once); all null is an error", async () => {
  const seen: string[] = [];
  const onWarning = (w: Error) => { if (w.name === "UserWarning") seen.push(w.message); };
  process.on("warning", onWarning);
  try {
    const a = new tf.Variable([1], { name: "has_grad" }), b = new tf.Variable([1], { name: "no_grad" }), c = new tf.Variable([1], { name: "no_grad2" });
    const opt = new tf.optimizers.SGD({ learningRate: 1 });
    opt.applyGradients([[[1], a], [null, b], [undefined, c]]);
    opt.applyGradients([[[1], a], [null, b], [undefined, c]]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [
      "Gradients do not exist for variables ['no_grad:0', 'no_grad2:0'] when minimizing the loss. " +
      "If using `model.compile()`, did you forget to provide a `loss` argument?",
    ]);
    assert.deepEqual(values(a), [-1]);
    assert.deepEqual(values(b), [1]);
    assert.equal(opt.iterations.numpy().item(), 2n);
    assert.throws(() => opt.applyGradients([[null, a]]), { name: "ValueError", message: "No gradients provided for any variable." });
    assert.equal(opt.iterations.numpy().item(), 2n);
  } finally {
    process.off("warning", onWarning);
  }
});

test("constraints apply after each update; non-trainable variables update when passed", () => {
  const nonNeg = (t: tf.Tensor) => tf.maximum(t, 0);
  const v = new tf.Variable([1, 0.05], { constraint: nonNeg });
  const frozen = new tf.Variable([1, 1], { trainable: false });
  const opt = new tf.optimizers.SGD({ learningRate: 0.1 });
  opt.applyGradients([[[1, 1], v], [[1, 1], frozen]]);
  assertClose(values(v), [0.9, 0]);
  assertClose(values(frozen), [0.9, 0.9]);
});

test("a failed step leaves every variable, slot and iterations unchanged", () => {
  const a = new tf.Variable([1, 2]), b = new tf.Variable([[1, 2]]);
  const opt = new tf.optimizers.Adam({ learningRate: 0.1 });
  // Before the first step: nothing is created either.
  assert.throws(() => opt.applyGradients([[[1, 1], a], [[1, 1], b]]), {
    name: "InvalidArgumentError",
    message: "Cannot update variable Variable:0 with shape [1,2] using a gradient with shape [2], shapes must be equal.",
  });
  assert.equal(opt.getSlot(a, "momentum"), undefined);
  assert.equal(opt.variables.length, 2);

  opt.applyGradients([[[1, 1], a], [[[1, 1]], b]]);
  const snapshot = () => [...opt.variables, a, b].map((v) => String(v));
  const before = snapshot();
  const bad: [tf.optimizers.Gradient, tf.Variable][][] = [
    [[[1, 1], a], [[1, 1], b]],                               // wrong shape (last)
    [[[1, 1], a], [tf.constant([[1, 1]], "int32"), b]],       // wrong dtype
    [[[1, 1], a], [tf.constant([["x", "y"]]), b]],            // string
    [[[1, 1], a], [[[1, 1]], new tf.Variable([[1, 1]], { dtype: "int32" })]], // integer variable
  ];
  const errors = bad.map((pairs) => {
    try { opt.applyGradients(pairs); return "no error"; } catch (e) { return (e as Error).name; }
  });
  assert.deepEqual(errors, ["InvalidArgumentError", "TypeError", "TypeError", "ValueError"]);
  assert.deepEqual(snapshot(), before);
  // Floating gradients of another dtype are cast, as Keras does.
  opt.applyGradients([[tf.constant(new Float64Array([1, 1])), a]]);
  assert.equal(opt.iterations.numpy().item(), 2n);
});

test("clipnorm, clipvalue and globalClipnorm clip the gradients first", () => {
  const run = (options: tf.optimizers.OptimizerOptions, grads: number[][]) => {
    const vars = grads.map((g) => new tf.Variable(g.map(() => 0)));
    new tf.optimizers.SGD({ learningRate: 1, ...options }).applyGradients(grads.map((g, i) => [g, vars[i]!]));
    return vars.map((v) => values(v).map((x) => -x));
  };
  // Each gradient to norm <= 1: [3, 4] (norm 5) -> [0.6, 0.8]; [0.3, 0.4] unchanged.
  const byNorm = run({ clipnorm: 1 }, [[3, 4], [0.3, 0.4]]);
  assertClose(byNorm[0]!, [0.6, 0.8]);
  assertClose(byNorm[1]!, [0.3, 0.4]);
  // Global norm of [3, 4] and [0, 12] is 13 -> scale 2/13.
  const global = run({ globalClipnorm: 2 }, [[3, 4], [0, 12]]);
  assertClose(global.flat(), [3, 4, 0, 12].map((x) => (x * 2) / 13));
  assertClose(run({ clipvalue: 0.5 }, [[3, -4, 0.25]])[0]!, [0.5, -0.5, 0.25]);
  assert.throws(() => new tf.optimizers.SGD({ clipnorm: 1, clipvalue: 0.5 }), {
    name: "ValueError",
    message: "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1, clipvalue=0.5, global_clipnorm=None",
  });
  assert.throws(() => new tf.optimizers.SGD({ momentum: 1.5 }), { name: "ValueError", message: "`momentum` must be a float between [0, 1]." });
});

test("IndexedSlices gradients are summed into dense ones", () => {
  const v = new tf.Variable([[1, 1], [1, 1], [1, 1]]);
  const opt = new tf.optimizers.SGD({ learningRate: 1 });
  opt.applyGradients([[new tf.IndexedSlices([[1, 2], [3, 4], [1, 1]], [0, 2, 0]), v]]);
  assert.deepEqual(v.numpy().tolist(), [[-1, -2], [1, 1], [-2, -3]]);
});

test("minimize() records the loss on a tape and converges on a quadratic", () => {
  // loss = (w - 3)^2 + (u + 1)^2 * 2, built from Sub/Add/Mul only.
  const w = new tf.Variable(0.0), u = new tf.Variable(5.0);
  const loss = () => {
    const dw = tf.subtract(w, 3), du = tf.add(u, 1);
    return tf.add(tf.multiply(dw, dw), tf.multiply(tf.multiply(du, du), 2));
  };
  const sgd = new tf.optimizers.SGD({ learningRate: 0.1 });
  const first = sgd.minimize(loss, [w, u]);
  assertClose(values(first), [9 + 72]);
  // One step by hand: dL/dw = 2(w-3) = -6, dL/du = 4(u+1) = 24.
  assertClose([...values(w), ...values(u)], [0.6, 2.6]);
  for (let i = 0; i < 100; i++) sgd.minimize(loss, [w, u]);
  assertClose([...values(w), ...values(u)], [3, -1], "sgd", 1e-4, 1e-4);

  const x = new tf.Variable([4, -4]);
  const adam = new tf.optimizers.Adam({ learningRate: 0.1 });
  let last = Infinity;
  for (let i = 0; i < 300; i++) last = Number(adam.minimize(() => tf.multiply(x, x), () => [x]).numpy().data[0]);
  assert.ok(values(x).every((e) => Math.abs(e) < 0.05), String(values(x)));
  assert.ok(last < 0.01);
  assert.equal(adam.iterations.numpy().item(), 300n);
});
