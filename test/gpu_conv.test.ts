// Convolution and pooling on GPU:0 (WGSL, float32): Conv2D, Conv2DBackpropInput and
// Conv2DBackpropFilter (SAME, VALID, explicit paddings, strides, dilations, groups, and NCHW,
// which the GPU kernels take as TensorFlow's GPU kernels do), MaxPool/MaxPoolGrad (first
// maximum on ties) and AvgPool/AvgPoolGrad, every op on GPU:0 (placement log) and agreeing
// with CPU:0 to float32 rounding; a training step's gradients stay on the GPU. Skips without a
// GPU; on a machine without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

const skip = gpuOrSkip("gpu_conv.test");
const rng = mulberry32(20261515);

function values(dims: readonly number[], levels = 0): number[] {
  const n = dims.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => (levels ? Math.floor(rng() * levels) : 2 * rng() - 1));
}

/** f on GPU-resident inputs and on CPU inputs: the GPU's ops all ran on GPU:0; values agree. */
function agree(what: string, f: (...xs: tf.Tensor[]) => tf.Tensor[], shapes: number[][], levels = 0, expectOps?: string[]): void {
  const data = shapes.map((s) => values(s, levels));
  const make = () => data.map((d, i) => tf.constant(d, "float32", shapes[i]!));
  const gpuInputs = tf.device("GPU:0", () => make().map((t) => tf.identity(t)));
  let g: tf.Tensor[] = [];
  const log = placementLog(() => { g = f(...gpuInputs); });
  for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `${what} fell back: ${line.trim()}`);
  if (expectOps) for (const op of expectOps) assert.ok(log.some((l) => l.split(" ")[2] === op), `${what}: ${op} ran (${log.map((l) => l.split(" ")[2]).join(", ")})`);
  const c = tf.device("CPU:0", () => f(...make()));
  g.forEach((gt, k) => {
    assert.equal(gt.device, GPU);
    assert.deepEqual(gt.dims, c[k]!.dims, what);
    const gv = Array.from(gt.dataSync() as Float32Array), cv = Array.from(c[k]!.dataSync() as Float32Array);
    const scale = Math.max(1, ...cv.map(Math.abs));
    gv.forEach((v, i) => assert.ok(Math.abs(v - cv[i]!) <= 2e-6 * scale, `${what} result ${k}: element ${i}: GPU ${v} vs CPU ${cv[i]}`));
  });
}

/** y = op(x, w) and the tape's gradients of sum(y · dy) for x and w. */
function withGrads(op: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor): (x: tf.Tensor, w: tf.Tensor, dy: tf.Tensor) => tf.Tensor[] {
  return (x, w, dy) => {
    const tape = new tf.GradientTape();
    let y: tf.Tensor | undefined;
    const loss = tape.record(() => { tape.watch([x, w]); y = op(x, w); return tf.reduceSum(tf.multiply(y, dy)); });
    const [dx, dw] = tape.gradient(loss, [x, w]) as [tf.Tensor, tf.Tensor];
    return [y!, dx, dw];
  };
}

describe("tf.nn.conv2d on the GPU", { skip }, () => {
  const cases: [string, number[], number[], number[], (x: tf.Tensor, w: tf.Tensor) => tf.Tensor][] = [
    ["3x3 SAME", [2, 6, 7, 3], [3, 3, 3, 4], [2, 6, 7, 4], (x, w) => tf.nn.conv2d(x, w, 1, "SAME")],
    ["3x3 stride 2 SAME", [1, 7, 8, 2], [3, 3, 2, 3], [1, 4, 4, 3], (x, w) => tf.nn.conv2d(x, w, 2, "SAME")],
    ["2x3 VALID strides (3, 2)", [2, 8, 7, 2], [2, 3, 2, 2], [2, 3, 3, 2], (x, w) => tf.nn.conv2d(x, w, [3, 2], "VALID")],
    ["dilation 2", [1, 7, 7, 2], [3, 3, 2, 2], [1, 7, 7, 2], (x, w) => tf.nn.conv2d(x, w, 1, "SAME", { dilations: 2 })],
    ["explicit paddings", [1, 5, 6, 2], [3, 3, 2, 3], [1, 6, 4, 3], (x, w) => tf.nn.conv2d(x, w, [1, 2], [[0, 0], [1, 2], [0, 3], [0, 0]])],
    ["1x1", [2, 4, 5, 6], [1, 1, 6, 4], [2, 4, 5, 4], (x, w) => tf.nn.conv2d(x, w, 1, "VALID")],
    ["grouped", [1, 5, 5, 4], [3, 3, 2, 6], [1, 5, 5, 6], (x, w) => tf.nn.conv2d(x, w, 1, "SAME")],
  ];
  for (const [what, xs, ws, ys, op] of cases) {
    test(`${what}: forward and both backprops on GPU:0 match CPU:0`, () => {
      agree(what, withGrads(op), [xs, ws, ys], 0, ["Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter"]);
    });
  }

  test("NCHW runs on the GPU (TensorFlow's CPU refuses it) and equals NHWC transposed", () => {
    const x = tf.constant(values([1, 5, 6, 3]), "float32", [1, 5, 6, 3]), w = tf.constant(values([3, 3, 3, 2]), "float32", [3, 3, 3, 2]);
    const [g, ref] = tf.device("GPU:0", () => {
      const xg = tf.identity(x), wg = tf.identity(w);
      return [tf.nn.conv2d(tf.transpose(xg, [0, 3, 1, 2]), wg, 2, "SAME", { dataFormat: "NCHW" }), tf.transpose(tf.nn.conv2d(xg, wg, 2, "SAME"), [0, 3, 1, 2])];
    }) as [tf.Tensor, tf.Tensor];
    assert.equal(g.device, GPU);
    assert.deepEqual(g.dims, [1, 2, 3, 3]);
    const gv = Array.from(g.dataSync() as Float32Array), rv = Array.from(ref.dataSync() as Float32Array);
    gv.forEach((v, i) => assert.ok(Math.abs(v - rv[i]!) <= 1e-6, `${i}: ${v} vs ${rv[i]}`));
  });
});

describe("tf.nn pooling on the GPU", { skip }, () => {
  const grad = (op: (x: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, dy: tf.Tensor) => {
    const tape = new tf.GradientTape();
    let y: tf.Tensor | undefined;
    const loss = tape.record(() => { tape.watch(x); y = op(x); return tf.reduceSum(tf.multiply(y, dy)); });
    return [y!, tape.gradient(loss, x) as tf.Tensor];
  };
  const cases: [string, number[], number[], (x: tf.Tensor) => tf.Tensor, string[], number][] = [
    ["max 2x2/2 VALID", [2, 6, 6, 3], [2, 3, 3, 3], (x) => tf.nn.maxPool2d(x, 2, 2, "VALID"), ["MaxPool", "MaxPoolGrad"], 0],
    ["max 3x3/2 SAME with ties", [1, 7, 8, 2], [1, 4, 4, 2], (x) => tf.nn.maxPool2d(x, 3, 2, "SAME"), ["MaxPool", "MaxPoolGrad"], 3],
    ["max 3x2/1 SAME with ties", [2, 5, 5, 2], [2, 5, 5, 2], (x) => tf.nn.maxPool2d(x, [3, 2], 1, "SAME"), ["MaxPool", "MaxPoolGrad"], 2],
    ["max explicit paddings", [1, 5, 5, 1], [1, 3, 3, 1], (x) => tf.nn.maxPool2d(x, 3, 2, [[0, 0], [1, 1], [0, 2], [0, 0]]), ["MaxPool", "MaxPoolGrad"], 0],
    ["avg 2x2/2 VALID", [2, 6, 6, 3], [2, 3, 3, 3], (x) => tf.nn.avgPool2d(x, 2, 2, "VALID"), ["AvgPool", "AvgPoolGrad"], 0],
    ["avg 3x3/2 SAME", [1, 7, 8, 2], [1, 4, 4, 2], (x) => tf.nn.avgPool2d(x, 3, 2, "SAME"), ["AvgPool", "AvgPoolGrad"], 0],
    ["max 1-D", [2, 9, 2], [2, 5, 2], (x) => tf.nn.maxPool1d(x, 3, 2, "SAME"), ["MaxPool", "MaxPoolGrad"], 4],
  ];
  for (const [what, xs, ys, op, ops, levels] of cases) {
    test(`${what}: forward and gradient on GPU:0 match CPU:0`, () => agree(what, grad(op), [xs, ys], levels, ops));
  }
});

describe("a training step through conv2d and pooling on the GPU", { skip }, () => {
  test("conv2d → relu → max pool → mean: gradients on GPU:0, equal to CPU:0's", () => {
    agree("train step", (x, w) => {
      const tape = new tf.GradientTape();
      const loss = tape.record(() => { tape.watch(w); return tf.reduceMean(tf.nn.maxPool2d(tf.relu(tf.nn.conv2d(x, w, 1, "SAME")), 2, 2, "VALID")); });
      return [loss, tape.gradient(loss, w) as tf.Tensor];
    }, [[2, 8, 8, 3], [3, 3, 3, 4]]);
  });
});
