// Clipping on the GPU: a float32 tf.clipByGlobalNorm of GPU tensors runs every op on GPU:0
// (L2Loss has a WGSL kernel; the products run on each tensor's device, as TensorFlow colocates
// them), and its results, tf.clipByNorm's and tf.clipByValue's match CPU:0 within float32
// tolerance; L2Loss over a long input (two passes) agrees with the CPU. Skips without a GPU; on a
// machine without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { mulberry32 } from "./helpers/random.js";
import { placementLog } from "./helpers/placement_capture.js";

const skip = gpuOrSkip("gpu_clip_norm.test");

const rng = mulberry32(20261414);
const values = (n: number) => Array.from({ length: n }, () => 4 * rng() - 2);

function assertClose(g: tf.Tensor, c: tf.Tensor, rtol = 1e-5): void {
  assert.equal(g.dtype, c.dtype);
  assert.deepEqual(g.dims, c.dims);
  const gv = Array.from(g.dataSync() as Float32Array), cv = Array.from(c.dataSync() as Float32Array);
  gv.forEach((v, i) => assert.ok(Math.abs(v - cv[i]!) <= rtol * Math.abs(cv[i]!) + 1e-7, `element ${i}: GPU ${v} vs CPU ${cv[i]}`));
}

describe("clipping on the GPU", { skip }, () => {
  const hosts = [{ data: values(12), dims: [3, 4] }, { data: values(7), dims: [7] }, { data: values(5000), dims: [50, 100] }];
  const make = () => hosts.map((h) => tf.constant(h.data, "float32", h.dims));

  test("a float32 clipByGlobalNorm of GPU tensors stays on GPU:0 and matches CPU:0", () => {
    const gpu = tf.device("GPU:0", () => make().map((t) => tf.identity(t)));
    for (const clip of [1, 1e4]) {
      let clipped: (tf.Tensor | tf.IndexedSlices | null)[] = [], norm: tf.Tensor | undefined;
      const log = placementLog(() => { [clipped, norm] = tf.clipByGlobalNorm([gpu[0]!, null, gpu[1]!, gpu[2]!], clip); });
      assert.ok(log.some((l) => l.startsWith("Executing op L2Loss")), "L2Loss ran");
      for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `fell back: ${line.trim()}`);
      assert.equal(norm!.device, GPU);
      const [cpuClipped, cpuNorm] = tf.device("CPU:0", () => tf.clipByGlobalNorm([...make().slice(0, 1), null, ...make().slice(1)], clip));
      assertClose(norm!, cpuNorm);
      assert.equal(clipped[1], null);
      for (const i of [0, 2, 3]) {
        const g = clipped[i] as tf.Tensor;
        assert.equal(g.device, GPU);
        assertClose(g, cpuClipped[i] as tf.Tensor);
      }
    }
  });

  test("clipByNorm and clipByValue of GPU tensors stay on GPU:0 and match CPU:0", () => {
    const [x] = tf.device("GPU:0", () => make().slice(2).map((t) => tf.identity(t)));
    let byNorm: tf.Tensor | undefined, byValue: tf.Tensor | undefined;
    const log = placementLog(() => { byNorm = tf.clipByNorm(x!, 3, 1); byValue = tf.clipByValue(x!, -0.5, 0.75); });
    for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `fell back: ${line.trim()}`);
    const c = tf.device("CPU:0", () => make()[2]!);
    assertClose(byNorm!, tf.device("CPU:0", () => tf.clipByNorm(c, 3, 1)));
    assertClose(byValue!, tf.device("CPU:0", () => tf.clipByValue(c, -0.5, 0.75)), 0);
  });

  test("the global norm of a long tensor (L2Loss in two passes) matches CPU:0", () => {
    const data = values(300000);
    const g = tf.device("GPU:0", () => tf.linalg.globalNorm([tf.identity(tf.constant(data, "float32", [300000]))]));
    assert.equal(g.device, GPU);
    assertClose(g, tf.device("CPU:0", () => tf.linalg.globalNorm([tf.constant(data, "float32", [300000])])), 1e-5);
  });
});
