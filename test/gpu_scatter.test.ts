// ScatterNd and TensorScatterUpdate/Add/Sub/Min/Max on the GPU (WebGPU): float32 and int32
// (bool for Update) against the same calls on CPU:0, repeated indices included; out-of-range
// indices raise the CPU's message; a float32 training step through tf.gatherNd gets its gradient
// (ScatterNd) on the GPU, every op there per the placement log. Skips without a GPU; on a
// machine without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { CPU, GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";

const skip = gpuOrSkip("gpu_scatter.test");

const flat = (t: tf.Tensor | tf.Variable) => Array.from(t.numpy().data as ArrayLike<number>, Number);

/** `f` on GPU:0 and on CPU:0: the GPU result stays there and equals the CPU's. */
function same(f: () => tf.Tensor): void {
  const g = tf.device("GPU:0", f), c = tf.device("CPU:0", f);
  assert.equal(g.device, GPU);
  assert.equal(c.device, CPU);
  assert.equal(g.dtype, c.dtype);
  assert.deepEqual(g.dims, c.dims);
  assert.deepEqual(flat(g), flat(c));
}

describe("scatter ops on GPU:0", { skip }, () => {
  test("ScatterNd (float32, int32) matches the CPU: elements, slices, repeated indices, int64 indices", () => {
    for (const dtype of ["float32", "int32"] as const) {
      same(() => tf.scatterNd([[4], [3], [1], [7], [3]], tf.constant([9, 10, 11, 12, 5], dtype), [8]));
      same(() => tf.scatterNd([[0], [2], [0]], tf.reshape(tf.range(0, 24, 1, dtype), [3, 2, 4]), [4, 2, 4]));
      same(() => tf.scatterNd(tf.constant([[[1, 1], [0, 2]], [[1, 1], [1, 0]]], "int64"), tf.constant([[15, 2], [3, -4]], dtype), [2, 3]));
      same(() => tf.scatterNd(tf.zeros([0, 1], "int32"), tf.zeros([0, 3], dtype), [2, 3]));
    }
  });

  test("TensorScatterUpdate/Add/Sub/Min/Max match the CPU; the input is unchanged", () => {
    const ix = [[1], [3], [1], [0]];
    for (const dtype of ["float32", "int32"] as const) {
      const t = tf.device("GPU:0", () => tf.reshape(tf.range(0, 8, 1, dtype), [4, 2]));
      const u = tf.device("GPU:0", () => tf.constant([[5, -1], [2, 9], [-7, 3], [1, 1]], dtype));
      for (const f of [tf.tensorScatterNdUpdate, tf.tensorScatterNdAdd, tf.tensorScatterNdSub, tf.tensorScatterNdMin, tf.tensorScatterNdMax]) {
        same(() => f(t, ix, u));
      }
      assert.deepEqual(flat(t), [0, 1, 2, 3, 4, 5, 6, 7]);
    }
    same(() => tf.tensorScatterNdUpdate(tf.constant([true, false, true]), [[1], [0]], [true, false]));
  });

  test("out-of-range indices raise the CPU kernel's message on the GPU", () => {
    assert.throws(() => tf.device("GPU:0", () => tf.scatterNd([[0, 1], [2, 0]], tf.constant([1, 2], "float32"), [2, 2])), {
      name: "InvalidArgumentError", message: "indices[1] = [2, 0] does not index into shape [2,2] [Op:ScatterNd]",
    });
    const t = tf.device("GPU:0", () => tf.zeros([4]));
    assert.throws(() => tf.device("GPU:0", () => tf.tensorScatterNdAdd(t, [[1], [-1]], [1, 2])), {
      name: "InvalidArgumentError", message: "indices[1] = [-1] does not index into shape [4] [Op:TensorScatterAdd]",
    });
  });

  test("a float32 training step through tf.gatherNd gets its gradient (ScatterNd) on the GPU", () => {
    const w = tf.device("GPU:0", () => new tf.Variable(tf.reshape(tf.range(0, 12, 1, "float32"), [3, 4])));
    const step = (dev: string) => {
      const grads: tf.Tensor[] = [];
      const log = placementLog(() => tf.device(dev, () => {
        const tape = new tf.GradientTape();
        const loss = tape.record(() => tf.reduceSum(tf.square(tf.gatherNd(w.value(), [[2, 1], [0, 3], [2, 1]]))));
        grads.push(tape.gradient(loss, w) as tf.Tensor);
      }));
      return { grad: grads[0]!, log };
    };
    const g = step("GPU:0");
    assert.equal(g.grad.device, GPU);
    assert.ok(g.log.some((l) => l.startsWith("Executing op ScatterNd in device") && l.endsWith(`${GPU}\n`)));
    assert.deepEqual(g.log.filter((l) => !l.endsWith(`in device ${GPU}\n`)), []);
    assert.deepEqual(flat(g.grad), [0, 0, 0, 6, 0, 0, 0, 0, 0, 36, 0, 0]);
  });
});
