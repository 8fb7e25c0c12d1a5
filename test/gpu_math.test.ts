// The elementwise tf.math ops of issue #14 run on GPU:0 (WGSL kernels), without falling back
// to the CPU (checked with TensorFlow's placement log), and agree with their CPU kernels:
// exactly for rounding, classification and the exact arithmetic ones, within float32
// tolerance for the transcendental ones; a float32 training step through them gets its
// gradients on the GPU. Skips without a GPU; on a machine without one run
// `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

const skip = gpuOrSkip("gpu_math.test");

const rng = mulberry32(20261214);

// Float32 inputs covering the edge cases: signed zeros, infinities, NaN, halves (round half
// to even), huge values, values near 0 and near 1 (where cancellation hurts).
const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1, -1, 1e-7, -1e-7, 3e-4, -0.3, 0.9999, 1.0001, 7.25, -13, 1e6, -3e30, 3e38];
function random(n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => lo + (hi - lo) * rng());
}

type Host = { data: number[]; dims: number[]; dtype?: "float32" | "int32" };
const host = (data: number[], dims = [data.length], dtype: "float32" | "int32" = "float32"): Host => ({ data, dims, dtype });

/**
 * `f` of GPU-resident inputs runs every op on GPU:0 and matches `f` on CPU:0: exactly (same
 * NaNs, signed zeros) where `rtol` is 0, else within rtol relative (atol absolute) error.
 */
function onGpu(f: (...xs: tf.Tensor[]) => tf.Tensor, hosts: Host[], rtol = 0, atol = 0): void {
  const make = (h: Host): tf.Tensor => tf.constant(h.data, h.dtype ?? "float32", h.dims);
  const gpuInputs = tf.device("GPU:0", () => hosts.map((h) => tf.identity(make(h))));
  let g: tf.Tensor | undefined;
  const log = placementLog(() => { g = tf.device("GPU:0", () => f(...gpuInputs)); });
  assert.ok(log.length > 0, "ops ran");
  for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `fell back: ${line.trim()}`);
  assert.equal(g!.device, GPU);
  const c = tf.device("CPU:0", () => f(...hosts.map(make)));
  assert.equal(g!.dtype, c.dtype);
  assert.deepEqual(g!.dims, c.dims);
  const gv = Array.from(g!.dataSync() as ArrayLike<number>), cv = Array.from(c.dataSync() as ArrayLike<number>);
  gv.forEach((v, i) => {
    const w = cv[i]!;
    const at = `${f.toString().slice(0, 60)}: element ${i} of ${hosts.map((h) => h.data[i % h.data.length]).join(", ")}: GPU ${v} vs CPU ${w}`;
    if (rtol === 0 || !Number.isFinite(w) || w === 0) assert.ok(Object.is(v, w) || (atol > 0 && Math.abs(v - w) <= atol), at);
    else assert.ok(Math.abs(v - w) <= rtol * Math.abs(w) + atol, at);
  });
}

describe("tf.math elementwise ops on the GPU", { skip }, () => {
  const x = host(SPECIAL);
  test("floor, ceil, round (half to even), rint and reciprocal match the CPU exactly", () => {
    for (const f of [tf.math.floor, tf.math.ceil, tf.math.round, tf.math.rint, tf.math.reciprocal]) onGpu((t) => f(t), [x]);
    onGpu((t) => tf.math.round(t), [host([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 8388607.5, -8388609], [10])]);
  });
  test("isNan, isInf and isFinite give bool on the GPU", () => {
    for (const f of [tf.math.isNan, tf.math.isInf, tf.math.isFinite]) onGpu((t) => f(t), [x]);
    const r = tf.device("GPU:0", () => tf.math.isNan(tf.identity(tf.constant([NaN, 1, -NaN], "float32"))));
    assert.equal(r.dtype.name, "bool");
    assert.deepEqual(Array.from(r.dataSync() as ArrayLike<number>).map(Boolean), [true, false, true]);
  });
  test("trigonometric and inverse functions match the CPU within float32 tolerance", () => {
    const t = host([...SPECIAL.filter((v) => Math.abs(v) < 1e5), ...random(40, -6, 6)]);
    onGpu((a) => tf.math.tan(a), [t], 2e-6, 1e-7);
    onGpu((a) => tf.math.atan(a), [x], 2e-6);
    const unit = host([0, -0, 1, -1, 0.5, -0.5, 1e-7, -1e-6, 0.9999, 1.5, NaN, Infinity, ...random(20, -1, 1)]);
    onGpu((a) => tf.math.asin(a), [unit], 2e-6);
    onGpu((a) => tf.math.acos(a), [unit], 2e-6);
    const ys = host([0, -0, 1, -1, 0, -0, Infinity, -Infinity, NaN, 3, ...random(10, -5, 5)]);
    const xs = host([0, 0, -0, -0, -1, 1, Infinity, 2, 1, -Infinity, ...random(10, -5, 5)]);
    onGpu((a, b) => tf.math.atan2(a, b), [ys, xs], 2e-6);
    onGpu((a, b) => tf.math.atan2(a, b), [host(random(6, -3, 3), [2, 3]), host(random(3, -3, 3), [3])], 2e-6);
  });
  test("hyperbolic functions, their inverses and expm1 match the CPU within float32 tolerance", () => {
    const t = host([...SPECIAL.filter((v) => Math.abs(v) < 1e30), 80, -80, 89, 1e-30, ...random(40, -10, 10)]);
    for (const f of [tf.math.sinh, tf.math.cosh, tf.math.asinh, tf.math.expm1]) onGpu((a) => f(a), [t], 4e-6);
    onGpu((a) => tf.math.acosh(a), [host([1, 1.0001, 1.5, 2, 10, 1e10, 3e38, Infinity, 0.5, NaN, -1, ...random(20, 1, 30)])], 4e-6);
    onGpu((a) => tf.math.atanh(a), [host([0, -0, 1, -1, 1e-7, -0.3, 0.5, 0.9999, -0.9999, 2, NaN, ...random(20, -1, 1)])], 4e-6);
  });
  test("erf and erfc match the CPU within float32 tolerance", () => {
    const t = host([0, -0, Infinity, -Infinity, NaN, 1e-7, -1e-3, 0.5, 0.999, 1, -1, 1.001, 2, -2, 3, -3.5, 5, -6, 9, ...random(40, -4, 4)]);
    onGpu((a) => tf.math.erf(a), [t], 2e-6, 1e-7);
    onGpu((a) => tf.math.erfc(a), [t], 1e-5, 1e-7);
  });
  test("softplus (TensorFlow's float32 thresholds) and softsign match the CPU", () => {
    const t = host([...SPECIAL, 13.9, 14, -13.9, -14, 20, -20, -100, 100, ...random(30, -20, 20)]);
    // exp(-100) is subnormal: GPUs flush it to 0.
    onGpu((a) => tf.math.softplus(a), [t], 2e-6, 1.2e-38);
    onGpu((a) => tf.math.softsign(a), [t], 1e-7);
  });
  test("squaredDifference, truncateDiv and truncateMod match the CPU (float32 and int32)", () => {
    const a = host([7, -7, 7, -7, 0, -0, 5.5, -5.5, 1e6, 3, NaN, Infinity, 3, 2.5]);
    const b = host([2, 2, -2, -2, 3, 3, 2, 2, 7, Infinity, 1, 2, 0, -0.5]);
    onGpu((u, v) => tf.math.squaredDifference(u, v), [a, b]);
    onGpu((u, v) => tf.math.truncateDiv(u, v), [a, b]);
    onGpu((u, v) => tf.math.truncateMod(u, v), [a, b]);
    const ia = host([7, -7, 7, -7, 0, 13, -13, 2147483647], [8], "int32");
    const ib = host([2, 2, -2, -2, 3, 5, 5, 3], [8], "int32");
    onGpu((u, v) => tf.math.squaredDifference(u, v), [ia, ib]);
    onGpu((u, v) => tf.math.truncateDiv(u, v), [ia, ib]);
    onGpu((u, v) => tf.math.truncateMod(u, v), [ia, ib]);
    onGpu((u, v) => tf.math.squaredDifference(u, v), [host(random(6, -3, 3), [3, 2]), host(random(2, -3, 3), [2])], 3e-7); // the CPU rounds once, the GPU twice
  });
  test("divNoNan, multiplyNoNan, reciprocalNoNan, xlogy, xlog1py and xdivy match the CPU", () => {
    const a = host([0, 0, 0, 1, -2, 3, NaN, Infinity, 0, 2, 0.5, -0, 1]);
    const b = host([0, NaN, Infinity, 0, 0.5, 1.0001, 0, 0, -1, 1e-30, 3, 2, -1]);
    onGpu((u, v) => tf.math.divNoNan(u, v), [a, b], 1e-7);
    onGpu((u, v) => tf.math.multiplyNoNan(u, v), [a, b]);
    onGpu((u) => tf.math.reciprocalNoNan(u), [host([0, -0, 2, -4, Infinity, NaN, 1e-30])]);
    onGpu((u, v) => tf.math.xlogy(u, v), [a, b], 2e-6);
    onGpu((u, v) => tf.math.xlog1py(u, v), [a, b], 2e-6);
    onGpu((u, v) => tf.math.xdivy(u, v), [a, b], 1e-7);
  });
  test("a float32 training step through softplus, sinh, atan, erf, xlogy and squaredDifference gets its gradients on the GPU", () => {
    const w = tf.device("GPU:0", () => new tf.Variable(tf.constant(random(12, 0.1, 2), "float32", [3, 4])));
    const target = tf.device("GPU:0", () => tf.identity(tf.constant(random(4, -1, 1), "float32", [4])));
    const grads: (tf.Tensor | null)[] = [];
    const log = placementLog(() => {
      tf.device("GPU:0", () => {
        const tape = new tf.GradientTape();
        const loss = tape.record(() => tf.reduceSum(tf.addN([
          tf.math.softplus(w), tf.math.sinh(w), tf.math.atan(w), tf.math.erf(w), tf.math.xlogy(w, w),
          tf.math.squaredDifference(w, target), tf.math.softsign(w), tf.math.expm1(w), tf.math.asinh(w), tf.math.tan(w),
        ])));
        grads.push(tape.gradient(loss, w) as tf.Tensor | null); // a dense read: a Tensor, not IndexedSlices
      });
    });
    const grad = grads[0];
    assert.ok(grad);
    assert.equal(grad.device, GPU);
    const cpuOps = log.filter((l) => !l.endsWith(`in device ${GPU}\n`));
    assert.deepEqual(cpuOps, []);
  });
});
