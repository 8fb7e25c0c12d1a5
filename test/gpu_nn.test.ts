// tf.nn (#15) on GPU:0: the activations, softmaxes, both softmax cross-entropies, the sigmoid
// cross-entropy, bias_add and every gradient a float32 training step through them takes run
// on the GPU (TensorFlow's placement log shows no CPU op) and agree with CPU:0 within float32
// tolerance. Skips without a GPU; on a machine without one run
// `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

const skip = gpuOrSkip("gpu_nn.test");
const rng = mulberry32(20261215);
const random = (n: number, lo: number, hi: number) => Array.from({ length: n }, () => lo + (hi - lo) * rng());

type Host = { data: number[]; dims: number[]; dtype?: "float32" | "int32" };
const host = (data: number[], dims = [data.length], dtype: "float32" | "int32" = "float32"): Host => ({ data, dims, dtype });

/** `f` of GPU-resident inputs runs every op on GPU:0 and matches `f` on CPU:0 (each output). */
function onGpu(f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[], hosts: Host[], rtol = 2e-6, atol = 1e-6): void {
  const make = (h: Host): tf.Tensor => tf.constant(h.data, h.dtype ?? "float32", h.dims);
  const gpuInputs = tf.device("GPU:0", () => hosts.map((h) => tf.identity(make(h))));
  let g: tf.Tensor[] = [];
  const log = placementLog(() => { g = [tf.device("GPU:0", () => f(...gpuInputs))].flat(); });
  assert.ok(log.length > 0, "ops ran");
  for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `fell back: ${line.trim()}`);
  const c = [tf.device("CPU:0", () => f(...hosts.map(make)))].flat();
  assert.equal(g.length, c.length);
  g.forEach((gt, k) => {
    assert.equal(gt.device, GPU);
    assert.equal(gt.dtype, c[k]!.dtype);
    assert.deepEqual(gt.dims, c[k]!.dims);
    const gv = Array.from(gt.dataSync() as ArrayLike<number>), cv = Array.from(c[k]!.dataSync() as ArrayLike<number>);
    gv.forEach((v, i) => {
      const w = cv[i]!;
      const at = `${f.toString().slice(0, 70)} output ${k} element ${i}: GPU ${v} vs CPU ${w}`;
      if (!Number.isFinite(w)) assert.ok(Object.is(v, w), at);
      else assert.ok(Math.abs(v - w) <= rtol * Math.abs(w) + atol, at);
    });
  });
}

describe("tf.nn on the GPU", { skip }, () => {
  const x = host([...random(40, -8, 8), 0, -0, 6, -6, 1e-7, -1e-7, 30, -30, Infinity, -Infinity, NaN]);
  test("activations and their gradient ops match the CPU", () => {
    for (const f of [tf.nn.relu6, tf.nn.elu, tf.nn.selu, (t: tf.Tensor) => tf.nn.leakyRelu(t), (t: tf.Tensor) => tf.nn.leakyRelu(t, { alpha: 0.3 })]) {
      onGpu((t) => f(t), [x]);
    }
    onGpu((t) => tf.nn.relu6(t), [host([-3, 2, 9, 6], [4], "int32")], 0, 0);
    const g = host(random(51, -2, 2));
    const y = host(random(51, -1, 8));
    for (const name of ["relu6", "elu", "selu", "leaky"] as const) {
      onGpu((gg, yy) => {
        const tape = new tf.GradientTape();
        const out = tape.record(() => {
          tape.watch(yy);
          const a = name === "relu6" ? tf.nn.relu6(yy) : name === "elu" ? tf.nn.elu(yy) : name === "selu" ? tf.nn.selu(yy) : tf.nn.leakyRelu(yy);
          return tf.reduceSum(tf.multiply(a, gg));
        });
        return tape.gradient(out, yy) as tf.Tensor;
      }, [g, y]);
    }
  });

  test("softmax and log_softmax, rows of several widths, stable at large |x|", () => {
    for (const [r, d] of [[1, 1], [3, 7], [64, 100], [5, 1000]] as const) {
      const m = host(random(r * d, -20, 20), [r, d]);
      onGpu((t) => tf.nn.softmax(t), [m]);
      onGpu((t) => tf.nn.logSoftmax(t), [m], 2e-6, 4e-6);
      onGpu((t) => tf.nn.softmax(t, 0), [m]);
    }
    onGpu((t) => [tf.nn.softmax(t), tf.nn.logSoftmax(t)], [host([1000, 0, -1000, NaN, 1, 2], [2, 3])]);
  });

  test("softmax, sparse and sigmoid cross-entropies (loss and backprop) match the CPU", () => {
    const logits = host(random(12 * 10, -6, 6), [12, 10]);
    const probs = tf.nn.softmax(tf.constant(random(120, -2, 2), "float32", [12, 10]));
    const p = host(Array.from(probs.dataSync() as Float32Array), [12, 10]);
    onGpu((z, l) => tf.nn.softmaxCrossEntropyWithLogits({ labels: l, logits: z }), [logits, p]);
    onGpu((z, l) => tf.nn.softmaxCrossEntropyWithLogits({ labels: l, logits: z }), [logits, host(Array.from({ length: 10 }, () => 0.1), [1, 10])]);
    onGpu((z, l) => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: l, logits: z }), [logits, host(random(12, 0, 10).map(Math.floor), [12], "int32")]);
    onGpu((z, l) => tf.nn.sigmoidCrossEntropyWithLogits({ labels: l, logits: z }), [host(random(30, -50, 50)), host(random(30, 0, 1))]);
  });

  test("sparse labels outside [0, classes) give NaN rows on the GPU, as TensorFlow's GPU kernel", () => {
    const z = tf.device("GPU:0", () => tf.identity(tf.ones([2, 3])));
    const loss = tf.device("GPU:0", () => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([1, 5], "int32"), logits: z }));
    assert.equal(loss.device, GPU);
    const v = Array.from(loss.dataSync() as Float32Array);
    assert.ok(Math.abs(v[0]! - Math.log(3)) < 1e-6);
    assert.ok(Number.isNaN(v[1]!));
  });

  test("int64 sparse labels (no GPU storage) place the op on the CPU, and it says so", () => {
    const z = tf.device("GPU:0", () => tf.identity(tf.constant([[1, 2, 3], [0, 0, 1]])));
    let loss: tf.Tensor | undefined;
    const log = placementLog(() => { loss = tf.device("GPU:0", () => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: tf.constant([2n, 0n]), logits: z })); });
    assert.ok(log.some((l) => /Executing op SparseSoftmaxCrossEntropyWithLogits in device .*CPU:0/.test(l)), log.join(""));
    const want = tf.device("CPU:0", () => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: [2, 0], logits: tf.constant([[1, 2, 3], [0, 0, 1]]) }));
    assert.deepEqual(Array.from(loss!.dataSync() as Float32Array), Array.from(want.dataSync() as Float32Array));
  });

  test("bias_add (NHWC, NCHW) and BiasAddGrad match the CPU", () => {
    const v = host(random(2 * 3 * 4 * 5, -3, 3), [2, 3, 4, 5]);
    onGpu((a, b) => tf.nn.biasAdd(a, b), [v, host(random(5, -1, 1))]);
    onGpu((a, b) => tf.nn.biasAdd(a, b, { dataFormat: "NCHW" }), [v, host(random(3, -1, 1))]);
    onGpu((a, b) => tf.nn.biasAdd(a, b), [host([1, 2, 3, 4], [2, 2], "int32"), host([10, 20], [2], "int32")], 0, 0);
    for (const dataFormat of ["NHWC", "NCHW"]) {
      onGpu((a, b) => {
        const tape = new tf.GradientTape();
        const y = tape.record(() => { tape.watch(b); return tf.reduceSum(tf.multiply(tf.nn.biasAdd(a, b, { dataFormat }), a)); });
        return tape.gradient(y, b) as tf.Tensor;
      }, [v, host(random(dataFormat === "NHWC" ? 5 : 3, -1, 1))], 2e-6, 1e-5);
    }
  });

  test("a float32 training step (matmul, bias_add, elu, relu6, sparse softmax cross-entropy) runs and differentiates on the GPU", () => {
    const xs = host(random(16 * 8, -1, 1), [16, 8]), w = host(random(8 * 6, -0.5, 0.5), [8, 6]), b = host(random(6, -0.1, 0.1));
    const labels = host(random(16, 0, 6).map(Math.floor), [16], "int32");
    onGpu((xx, ww, bb, ll) => {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => {
        tape.watch([ww, bb]);
        const h = tf.nn.relu6(tf.nn.elu(tf.nn.biasAdd(tf.matmul(xx, ww), bb)));
        return tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels: ll, logits: h }));
      });
      const [gw, gb] = tape.gradient(loss, [ww, bb]) as tf.Tensor[];
      return [loss, gw!, gb!];
    }, [xs, w, b, labels], 1e-5, 1e-6);
    onGpu((xx, ww, pp) => {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => {
        tape.watch(ww);
        const z = tf.nn.logSoftmax(tf.nn.leakyRelu(tf.matmul(xx, ww)));
        return tf.reduceSum(tf.nn.softmaxCrossEntropyWithLogits({ labels: pp, logits: z }));
      });
      return [loss, tape.gradient(loss, ww) as tf.Tensor];
    }, [xs, w, host(Array.from({ length: 16 * 6 }, () => 1 / 6), [16, 6])], 1e-5, 1e-6);
  });
});
