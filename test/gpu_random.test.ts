// tf.random on the GPU (WebGPU): every random op placed on GPU:0 gives the CPU's numbers to the
// bit (one Philox stream; the GPU kernels draw it on the host and upload), stateful streams are
// the GPU's own, and a Generator draws on the GPU. Skips without a GPU; on a machine without
// one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { CPU, GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";

const skip = gpuOrSkip("gpu_random.test");
const flat = (t: tf.Tensor) => Array.from(t.numpy().data as ArrayLike<number | bigint>, (x) => (typeof x === "bigint" ? x : x));

/** `f` on GPU:0 and on CPU:0, each after the same setSeed: equal values, the GPU's left there. */
function same(f: () => tf.Tensor): void {
  tf.random.setSeed(11);
  const g = tf.device("GPU:0", f);
  tf.random.setSeed(11);
  const c = tf.device("CPU:0", f);
  assert.equal(g.device, GPU);
  assert.equal(c.device, CPU);
  assert.equal(g.dtype, c.dtype);
  assert.deepEqual(g.dims, c.dims);
  assert.deepEqual(flat(g), flat(c));
}

describe("tf.random on GPU:0", { skip }, () => {
  test("stateful ops match the CPU: uniform, normal, truncated normal, ints, categorical, shuffle", () => {
    same(() => tf.random.uniform([33], { seed: 3 }));
    same(() => tf.random.uniform([3, 5], { minval: -1, maxval: 4, seed: 3 }));
    same(() => tf.random.normal([17], { seed: 5 }));
    same(() => tf.random.normal([8], { dtype: "float16", seed: 5 }));
    same(() => tf.random.truncatedNormal([9], { mean: 1, stddev: 2, seed: 6 }));
    same(() => tf.random.uniform([12], { minval: 0, maxval: 7, dtype: "int32", seed: 1 }));
    same(() => tf.random.categorical([[0, 1, 2], [3, 0, -1]], 5, { dtype: "int32", seed: 2 }));
    same(() => tf.random.gamma([6], [0.5, 2], { seed: 3 }));
    same(() => tf.random.poisson([6], [3, 20], { seed: 3 }));
    same(() => tf.random.shuffle(tf.reshape(tf.range(0, 12, 1, "float32"), [6, 2]), { seed: 4 }));
  });

  test("stateless ops and a Generator match the CPU; the random ops run on the GPU", () => {
    same(() => tf.random.statelessNormal([10], [1, 2]));
    same(() => tf.random.statelessUniform([10], [1, 2], { minval: 2, maxval: 9, dtype: "int32" }));
    same(() => tf.random.statelessTruncatedNormal([6], [5, 6]));
    same(() => tf.random.Generator.fromSeed(1234).normal([2, 3]));
    same(() => tf.random.statelessBinomial([5, 2], [3, 4], [10, 40], [0.3, 0.6]));
    same(() => tf.random.Generator.fromSeed(9).binomial([4, 2], [10, 40], 0.5));
    const log = placementLog(() => { tf.device("GPU:0", () => tf.random.normal([4], { seed: 1 })); }).join("");
    assert.ok(log.includes(`Executing op RandomStandardNormal in device ${GPU}`), log);
    const g = tf.device("GPU:0", () => tf.random.Generator.fromSeed(1234).normal([2, 3]));
    assert.equal(String(g), "tf.Tensor(\n[[ 0.9356609   1.0854305  -0.93788373]\n [-0.5061547   1.3169702   0.7137579 ]], shape=(2, 3), dtype=float32)");
  });

  test("a GPU kernel's stream is its own: a CPU draw does not advance it", () => {
    tf.random.setSeed(2);
    const g1 = tf.device("GPU:0", () => tf.random.uniform([4], { seed: 1 }));
    tf.device("CPU:0", () => tf.random.uniform([4], { seed: 1 }));
    const g2 = tf.device("GPU:0", () => tf.random.uniform([4], { seed: 1 }));
    tf.random.setSeed(2);
    const c1 = tf.device("CPU:0", () => tf.random.uniform([4], { seed: 1 }));
    const c2 = tf.device("CPU:0", () => tf.random.uniform([4], { seed: 1 }));
    assert.deepEqual(flat(g1), flat(c1));
    assert.deepEqual(flat(g2), flat(c2));
  });
});
