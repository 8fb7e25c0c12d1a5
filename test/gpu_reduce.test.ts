// The reductions a float32 training step uses (reduce_logsumexp, reduce_variance/std,
// l2_normalize, add_n, cumsum/cumprod) run on GPU:0 op for op, without falling back to the CPU (checked with
// TensorFlow's placement log), and agree with the same functions on CPU:0. Skips without a
// GPU; on a machine without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

const skip = gpuOrSkip("gpu_reduce.test");

const rng = mulberry32(20261204);
function random(dims: number[], lo = -3, hi = 3): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * rng());
}

/** `f` of GPU-resident inputs runs every op on the GPU, and matches `f` on the CPU. */
function onGpu(f: (...xs: tf.Tensor[]) => tf.Tensor, hosts: { data: Float32Array; dims: number[] }[], tol = 1e-5): void {
  const gpuInputs = tf.device("GPU:0", () => hosts.map((h) => tf.identity(tf.constant(h.data, "float32", h.dims))));
  let g: tf.Tensor | undefined;
  const log = placementLog(() => { g = tf.device("GPU:0", () => f(...gpuInputs)); });
  assert.ok(log.length > 0, "ops ran");
  for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `fell back: ${line.trim()}`);
  assert.equal(g!.device, GPU);
  const c = tf.device("CPU:0", () => f(...hosts.map((h) => tf.constant(h.data, "float32", h.dims))));
  assert.deepEqual(g!.dims, c.dims);
  const gv = g!.dataSync() as Float32Array, cv = c.dataSync() as Float32Array;
  gv.forEach((v, i) => {
    const w = cv[i]!;
    if (!Number.isFinite(w)) assert.equal(v, w, `element ${i}`);
    else assert.ok(Math.abs(v - w) <= tol * Math.max(1, Math.abs(w)), `element ${i}: GPU ${v} vs CPU ${w}`);
  });
}

describe("reductions on the GPU", { skip }, () => {
  const x = { data: random([16, 33]), dims: [16, 33] };
  test("reduceLogsumexp runs on the GPU (rows of -inf and +inf too)", () => {
    onGpu((t) => tf.math.reduceLogsumexp(t, 1), [x]);
    onGpu((t) => tf.math.reduceLogsumexp(t, [0, 1], true), [x]);
    onGpu((t) => tf.reduceLogsumexp(t, 1), [{ data: Float32Array.from([-Infinity, -Infinity, Infinity, 1, 1000, 1000]), dims: [3, 2] }]);
  });
  test("reduceVariance and reduceStd run on the GPU", () => {
    onGpu((t) => tf.math.reduceVariance(t, 0), [x]);
    onGpu((t) => tf.math.reduceStd(t), [x]);
    onGpu((t) => tf.math.reduceStd(t, -1, true), [x]);
  });
  test("l2Normalize runs on the GPU", () => {
    onGpu((t) => tf.math.l2Normalize(t, 1), [x]);
    onGpu((t) => tf.math.l2Normalize(t), [x]);
  });
  test("cumsum and cumprod (float32, int32; every axis, exclusive, reverse) run on the GPU with the CPU's bits", () => {
    const small = { data: random([3, 5, 4], 0.5, 1.5), dims: [3, 5, 4] };
    for (let axis = -3; axis < 3; axis++) {
      for (const exclusive of [false, true]) {
        for (const reverse of [false, true]) {
          onGpu((a) => tf.math.cumsum(a, axis, { exclusive, reverse }), [small], 0);
          onGpu((a) => tf.math.cumprod(a, axis, { exclusive, reverse }), [small], 0);
        }
      }
    }
    const ints = tf.constant(Int32Array.from({ length: 40 }, (_, i) => (i * 7919) % 2001 - 1000), "int32", [8, 5]);
    for (const fn of ["cumsum", "cumprod"] as const) {
      const g = tf.device("GPU:0", () => tf.math[fn](tf.identity(ints), 0, { reverse: true }));
      assert.equal(g.device, GPU);
      // int32 wraps on both devices.
      assert.deepEqual(Array.from(g.dataSync() as Int32Array), Array.from(tf.math[fn](ints, 0, { reverse: true }).dataSync() as Int32Array));
    }
  });

  test("addN runs on the GPU, in one pass or in chunks", () => {
    const xs = Array.from({ length: 3 }, () => ({ data: random([5, 7]), dims: [5, 7] }));
    onGpu((...ts) => tf.addN(ts), xs);
    const many = Array.from({ length: 17 }, () => ({ data: random([4, 3]), dims: [4, 3] }));
    onGpu((...ts) => tf.math.addN(ts), many);
  });
  test("a float32 training step through logsumexp, std and l2Normalize gets its gradients on the GPU", () => {
    const w = tf.device("GPU:0", () => new tf.Variable(tf.constant(random([4, 6]), "float32", [4, 6])));
    const grads: (tf.Tensor | null)[] = [];
    const log = placementLog(() => {
      tf.device("GPU:0", () => {
        const tape = new tf.GradientTape();
        const loss = tape.record(() => tf.addN([
          tf.reduceSum(tf.math.reduceLogsumexp(w, 1)), tf.math.reduceStd(w), tf.reduceSum(tf.math.l2Normalize(w, 0)),
        ]));
        grads.push(tape.gradient(loss, w) as tf.Tensor | null); // dense: w is read whole
      });
    });
    const grad = grads[0];
    assert.ok(grad);
    assert.equal(grad.device, GPU);
    const cpuOps = log.filter((l) => !l.endsWith(`in device ${GPU}\n`));
    assert.deepEqual(cpuOps, []);
  });
});
