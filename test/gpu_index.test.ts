// The indexing ops on the GPU (WebGPU): GatherNd, UnsortedSegmentSum (tf.gather's gradient) and
// the sliced assignment into a GPU variable (ResourceStridedSliceAssign with broadcasting,
// negative steps, shrunk and new axes) against
// the same calls on CPU:0, and t.at(...) running where StridedSlice does. Skips without a GPU;
// on a machine without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { CPU, GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";

const skip = gpuOrSkip("gpu_index.test", (gpu) => tf.config.setLogicalDeviceConfiguration(gpu, [new tf.config.LogicalDeviceConfiguration({ memoryLimit: 512 })]));

const flat = (t: tf.Tensor | tf.Variable) => Array.from(t.numpy().data as ArrayLike<number>, Number);

describe("indexing on GPU:0", { skip }, () => {
  test("GatherNd (float32, int32) runs on the GPU with the CPU's results and errors", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const p = tf.reshape(tf.range(0, 60, 1, dtype), [3, 4, 5]);
      for (const ix of [[[2, 3, 4], [0, 0, 0], [2, 3, 4]], [[1, 2], [0, 3], [2, 0]], [[[1], [0]], [[2], [2]]]]) {
        const g = tf.device("GPU:0", () => tf.gatherNd(p, ix));
        const c = tf.device("CPU:0", () => tf.gatherNd(p, ix));
        assert.equal(g.device, GPU);
        assert.equal(c.device, CPU);
        assert.deepEqual(g.dims, c.dims);
        assert.deepEqual(flat(g), flat(c));
      }
      const b = tf.device("GPU:0", () => tf.gatherNd(p, [[[3, 1], [0, 4]], [[1, 1], [2, 2]], [[0, 0], [3, 4]]], { batchDims: 1 }));
      assert.equal(b.device, GPU);
      assert.deepEqual(flat(b), [16, 4, 26, 32, 40, 59]);
      assert.throws(() => tf.device("GPU:0", () => tf.gatherNd(p, [[3, 0, 0]])), {
        name: "InvalidArgumentError", message: "indices[0] = [3, 0, 0] does not index into param shape [3,4,5], node name: GatherNd [Op:GatherNd]",
      });
    }
  });

  test("GatherNd's gradient on the GPU matches the CPU's", () => {
    const x = tf.reshape(tf.range(0, 24, 1, "float32"), [2, 3, 4]);
    const ix = [[1, 2], [0, 0], [1, 2]];
    const grad = (dev: string) => tf.device(dev, () => {
      const tape = new tf.GradientTape();
      const y = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.multiply(tf.gatherNd(x, ix), 2)); });
      return tape.gradient(y, [x])[0]!;
    });
    assert.deepEqual(flat(grad("GPU:0")), flat(grad("CPU:0")));
  });

  test("UnsortedSegmentSum (tf.gather's gradient) runs on the GPU: negative ids dropped, repeated ids summed, the CPU's error", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const data = tf.reshape(tf.range(0, 24, 1, dtype), [6, 4]);
      const ids = tf.constant([2, -1, 0, 2, 4, 0], "int32");
      const g = tf.device("GPU:0", () => tf.math.unsortedSegmentSum(data, ids, 5));
      const c = tf.device("CPU:0", () => tf.math.unsortedSegmentSum(data, ids, 5));
      assert.equal(g.device, GPU);
      assert.deepEqual(flat(g), flat(c));
      assert.throws(() => tf.device("GPU:0", () => tf.math.unsortedSegmentSum(data, tf.constant([0, 1, 7, 0, 0, 0], "int32"), 5)), {
        name: "InvalidArgumentError", message: /^segment_ids\[2\] = 7 is out of range \[0, 5\)/,
      });
    }
    // A training step through tf.gather of a GPU tensor keeps its gradient on the GPU.
    const x = tf.device("GPU:0", () => tf.reshape(tf.range(0, 12, 1, "float32"), [4, 3]));
    let grad: tf.Tensor | undefined;
    const log = placementLog(() => {
      grad = tf.device("GPU:0", () => {
        const tape = new tf.GradientTape();
        const y = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.square(tf.gather(x, [3, 0, 3]))); });
        return tape.gradient(y, [x])[0]!;
      });
    });
    assert.ok(log.some((l) => l === `Executing op UnsortedSegmentSum in device ${GPU}\n`), log.join(""));
    assert.deepEqual(log.filter((l) => !l.endsWith(`in device ${GPU}\n`)), []);
    assert.ok(grad);
    assert.equal(grad.device, GPU);
    assert.deepEqual(flat(grad), [0, 2, 4, 0, 0, 0, 0, 0, 0, 36, 40, 44]);
  });

  test("t.at(...) on a GPU tensor stays on the GPU", () => {
    const t = tf.device("GPU:0", () => tf.reshape(tf.range(0, 24, 1, "float32"), [2, 3, 4]));
    const s = tf.device("GPU:0", () => t.at("...", "::-2", tf.newaxis));
    assert.equal(s.device, GPU);
    assert.deepEqual(s.dims, [2, 3, 2, 1]);
    assert.deepEqual(flat(s), flat(tf.device("CPU:0", () => t.at("...", "::-2", tf.newaxis))));
  });

  test("sliced assignment into a GPU variable matches the CPU's, broadcasting included; errors change nothing", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const init = tf.reshape(tf.range(0, 24, 1, dtype), [2, 3, 4]);
      const g = new tf.Variable(init), c = tf.device("CPU:0", () => new tf.Variable(init));
      assert.equal(g.device, GPU);
      const both = (f: (v: tf.Variable) => void) => {
        f(g); f(c);
        assert.deepEqual(flat(g), flat(c));
      };
      both((v) => v.at(":", 1).assign(tf.constant([[-1, -2, -3, -4]], dtype)));
      both((v) => v.at("...", "::-2").assign(tf.constant(7, dtype)));
      both((v) => v.at(1, tf.newaxis, "1:", "1:3").assign(tf.constant([[5], [6]], dtype)));
      both((v) => v.at("::-1", -1, -1).assign(tf.constant([8, 9], dtype)));
      both((v) => v.sliceAssign([0, 0, 0], [1, 2, 2], tf.constant([[1, 2]], dtype)));
      const before = flat(g);
      assert.throws(() => g.at(0, "0:2").assign(tf.constant([1, 2, 3], dtype)), {
        name: "InvalidArgumentError", message: "Cannot broadcast input shape [3] into final shape [2,4] [Op:ResourceStridedSliceAssign]",
      });
      assert.deepEqual(flat(g), before);
    }
  });
});
