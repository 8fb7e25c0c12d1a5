// The GPU device (WebGPU): every op on GPU:0 against the same op on CPU:0 with random inputs
// (float32 within 1e-5 relative error, integers and bools exact), variables living on the GPU
// and updated in place, placement and its log, synchronous and asynchronous reads, memory
// (dispose, collection, ResourceExhaustedError), and the guide with its GPU:0 multiply on the
// GPU. The rest of the suite runs with TSFLOW_GPU=0 (CPU semantics against numpy); this file
// turns the GPU on for itself. On a machine without a GPU run `eval "$(bash scripts/software-gpu.sh)"`
// first to test on Mesa's software Vulkan adapter (CI does); otherwise these tests skip.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { placementLog } from "./helpers/placement_capture.js";
import { reluGrad } from "tsflow/internal/api/ops/math";
import { noGpuReason } from "tsflow/internal/devices/webgpu/probe";
import { collectsSynchronously } from "tsflow/internal/devices/native/weak_handles";
import { mulberry32 } from "./helpers/random.js";

process.env.TSFLOW_GPU = "1";
const root = fileURLToPath(new URL("../../", import.meta.url));
const GPU = "/job:localhost/replica:0/task:0/device:GPU:0";
const CPU = "/job:localhost/replica:0/task:0/device:CPU:0";
const MEMORY_LIMIT_MB = 512;

const physicalGpus = tf.config.listPhysicalDevices("GPU");
if (physicalGpus.length > 0) {
  tf.config.setLogicalDeviceConfiguration(physicalGpus[0]!, [new tf.config.LogicalDeviceConfiguration({ memoryLimit: MEMORY_LIMIT_MB })]);
}
const skip = physicalGpus.length === 0
  ? `no GPU (${noGpuReason}); on a machine without one run: eval "$(bash scripts/software-gpu.sh)"`
  : false;
if (skip) console.log(`# gpu.test: skipped: ${skip}`);

// --- random inputs -------------------------------------------------------------------------
const rng = mulberry32(20261127);
type Kind = "float" | "positive" | "int" | "nonzeroInt" | "smallInt" | "bool" | "unit";
function values(kind: Kind, n: number): number[] | boolean[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng();
    switch (kind) {
      case "float": out.push(r * 6 - 3); break;
      case "unit": out.push(r * 1.8 - 0.9); break;
      case "positive": out.push(0.1 + r * 5); break;
      case "int": out.push(Math.floor(r * 101) - 50); break;
      case "nonzeroInt": { const v = Math.floor(r * 40) - 20; out.push(v === 0 ? 7 : v); break; }
      case "smallInt": out.push(Math.floor(r * 7) - 3); break;
      case "bool": return Array.from({ length: n }, () => rng() < 0.5);
    }
  }
  return out;
}
function reshapeFlat(flat: unknown[], dims: readonly number[]): unknown {
  if (dims.length === 0) return flat[0];
  const [d, ...rest] = dims;
  const step = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: d! }, (_, i) => reshapeFlat(flat.slice(i * step, (i + 1) * step), rest));
}
function random(dims: readonly number[], dtype: tf.DTypeName, kind?: Kind): tf.Tensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const k = kind ?? (dtype === "bool" ? "bool" : dtype === "int32" ? "int" : "float");
  return tf.constant(reshapeFlat(values(k, n), dims) as number, dtype);
}

/**
 * Run `f` on GPU:0 and on CPU:0 and compare the results: float32 within `tol` relative error,
 * or for sums of many terms (`sums`) within `tol` of the largest magnitude in the result.
 */
function same(f: () => tf.Tensor, options: { tol?: number; device?: string; sums?: boolean } = {}): void {
  const g = tf.device("GPU:0", f);
  const c = tf.device("CPU:0", f);
  assert.equal(g.device, options.device ?? GPU);
  assert.equal(c.device, CPU);
  assert.equal(g.dtype.name, c.dtype.name);
  assert.deepEqual(g.dims, c.dims);
  const gv = g.dataSync(), cv = c.dataSync();
  if (g.dtype.name !== "float32") { assert.deepEqual(gv, cv); return; }
  const tol = options.tol ?? 1e-5;
  const a = gv as Float32Array, b = cv as Float32Array;
  let scale = 0;
  for (const v of b) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < b.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (Number.isNaN(y)) { assert.ok(Number.isNaN(x), `element ${i}: ${x} vs NaN`); continue; }
    if (!Number.isFinite(y)) { assert.equal(x, y, `element ${i}`); continue; }
    const err = Math.abs(x - y);
    const bound = tol * (options.sums ? Math.max(scale, 1e-30) : Math.max(Math.abs(y), 1e-3 * scale, 1e-30));
    assert.ok(err <= bound, `element ${i}: GPU ${x} vs CPU ${y} (error ${err})`);
  }
}

const SHAPES: readonly (readonly number[])[] = [[], [7], [3, 5], [2, 3, 4], [2, 1, 3, 2, 2], [0, 3], [1000]];
const BROADCASTS: readonly [number[], number[]][] = [[[3, 4], [4]], [[2, 1, 4], [3, 1]], [[], [2, 3]], [[5, 1], [1, 6]], [[2, 3, 4], [2, 3, 4]], [[4, 0], [1]]];

describe("GPU device", { skip }, () => {
  test("GPU:0 is listed, comes first and takes float32 ops by default", () => {
    assert.deepEqual(tf.config.listPhysicalDevices("GPU").map(String), ["PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')"]);
    assert.deepEqual(tf.config.listLogicalDevices().map((d) => d.name), [GPU, CPU]);
    assert.equal(tf.add(tf.constant([1, 2]), 1).device, GPU);
    assert.equal(new tf.Variable([1, 2]).device, GPU);
    // No GPU kernels for float64 and complex: the CPU takes them.
    assert.equal(tf.add(tf.constant([1, 2], "float64"), 1).device, CPU);
    assert.equal(new tf.Variable([1, 2], { dtype: "float64" }).device, CPU);
  });

  const UNARY: [string, (x: tf.Tensor) => tf.Tensor, tf.DTypeName[], Kind?][] = [
    ["abs", tf.abs, ["float32", "int32"]], ["negative", tf.negative, ["float32", "int32"]],
    ["sign", tf.sign, ["float32", "int32"]], ["square", tf.square, ["float32", "int32"]],
    ["relu", tf.relu, ["float32", "int32"]], ["exp", tf.exp, ["float32"]],
    ["log", tf.log, ["float32"], "positive"], ["log1p", tf.log1p, ["float32"], "unit"],
    ["sqrt", tf.sqrt, ["float32"], "positive"], ["rsqrt", tf.rsqrt, ["float32"], "positive"],
    ["sin", tf.sin, ["float32"]], ["cos", tf.cos, ["float32"]], ["tanh", tf.tanh, ["float32"]],
    ["sigmoid", tf.sigmoid, ["float32"]], ["logicalNot", tf.logicalNot, ["bool"]],
  ];
  for (const [name, f, dtypes, kind] of UNARY) {
    for (const dtype of dtypes) {
      test(`${name} ${dtype}`, () => {
        for (const dims of SHAPES) { const x = random(dims, dtype, kind); same(() => f(x)); }
      });
    }
  }

  const BINARY: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, tf.DTypeName[], Kind?, Kind?][] = [
    ["add", tf.add, ["float32", "int32"]], ["subtract", tf.subtract, ["float32", "int32"]],
    ["multiply", tf.multiply, ["float32", "int32"]], ["divide", tf.divide, ["float32"]],
    ["floorDiv", tf.floorDiv, ["float32", "int32"], undefined, "nonzeroInt"],
    ["mod", tf.mod, ["float32", "int32"], undefined, "nonzeroInt"],
    ["pow", tf.pow, ["float32"], "positive", "float"], ["pow (negative base)", tf.pow, ["float32"], "float", "smallInt"],
    ["pow", tf.pow, ["int32"], "smallInt", "smallInt"],
    ["maximum", tf.maximum, ["float32", "int32"]], ["minimum", tf.minimum, ["float32", "int32"]],
    ["equal", tf.equal, ["float32", "int32", "bool"], "smallInt", "smallInt"],
    ["notEqual", tf.notEqual, ["float32", "int32", "bool"], "smallInt", "smallInt"],
    ["less", tf.less, ["float32", "int32"]], ["lessEqual", tf.lessEqual, ["float32", "int32"], "smallInt", "smallInt"],
    ["greater", tf.greater, ["float32", "int32"]], ["greaterEqual", tf.greaterEqual, ["float32", "int32"], "smallInt", "smallInt"],
    ["logicalAnd", tf.logicalAnd, ["bool"]], ["logicalOr", tf.logicalOr, ["bool"]],
  ];
  const kindFor = (k: Kind | undefined, dtype: tf.DTypeName): Kind | undefined =>
    dtype === "bool" ? "bool" : dtype === "int32" && (k === "positive" || k === "float") ? "int"
      : dtype === "float32" && k === "nonzeroInt" ? "positive" : k;
  for (const [name, f, dtypes, ka, kb] of BINARY) {
    for (const dtype of dtypes) {
      test(`${name} ${dtype} with broadcasting`, () => {
        for (const [da, db] of BROADCASTS) {
          const a = name === "pow" && dtype === "int32" ? random(da, dtype, "smallInt") : random(da, dtype, kindFor(ka, dtype));
          const b = name === "pow" && dtype === "int32" ? tf.abs(random(db, dtype, "smallInt")) : random(db, dtype, kindFor(kb, dtype));
          same(() => f(a, b));
        }
      });
    }
  }

  test("kernels bound every way: shape words as immediates, in a uniform, and four buffers with a uniform in one group", () => {
    // Rank-1 add: 1 word (immediates). Rank-6 broadcast add: 19 words, past lavapipe's 64 bytes
    // of immediates (a uniform in a group of its own). Rank-4 broadcast select: 4 buffers and
    // 17 words, more groups than the adapter's 4 (all buffers in group 0). Each twice, so cached
    // bind groups and uniforms are reused.
    for (let round = 0; round < 2; round++) {
      const a = random([7], "float32");
      same(() => tf.add(a, a));
      const x = random([2, 1, 3, 1, 2, 2], "float32"), y = random([1, 2, 1, 3, 1, 2], "float32");
      same(() => tf.add(x, y));
      const c = random([2, 1, 3, 1], "bool"), p = random([1, 2, 1, 4], "float32"), q = random([2, 2, 3, 1], "float32");
      same(() => tf.where(c, p, q));
    }
  });

  test("commands of every size cross the shared ring: inline, side-message and direct writes, a growing read buffer, many wraps", () => {
    // Writes of 4 bytes to 4 KiB travel inside the ring, larger ones as side messages (staged
    // up to 64 KiB, written directly beyond); reads past 64 KiB get a larger read buffer.
    for (const n of [1, 1024, 1025, 16_384, 20_000, 300_000]) {
      const host = new Float32Array(n).map((_, i) => (i % 977) - 488.5);
      const t = tf.device("GPU:0", () => tf.add(tf.constant(host), 0));
      assert.equal(t.device, GPU);
      assert.deepEqual(t.dataSync(), host, `${n} floats`);
    }
    // Some 200,000 ring words (the ring holds 65,536) of commands of mixed sizes: dispatches
    // with 2 and 3 buffers, inline writes of odd lengths, copies; the values come back exact.
    let acc = tf.device("GPU:0", () => tf.zeros([3], "int32"));
    let expected = [0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const k = (i % 37) + 1;
      const row = tf.constant(new Int32Array(3 * k).map((_, j) => (j + i) % 11), "int32", [k, 3]);
      acc = tf.add(acc, tf.reduceSum(row, 0));
      const sums = [0, 0, 0];
      for (let j = 0; j < 3 * k; j++) sums[j % 3]! += (j + i) % 11;
      expected = expected.map((e, c) => e + sums[c]!);
      if (i % 500 === 0) acc = tf.identity(tf.reshape(acc, [3]));
    }
    assert.equal(acc.device, GPU);
    assert.deepEqual(Array.from(acc.dataSync() as Int32Array), expected);
  });

  test("small host values are uploaded once and never written through: tf.add(y, 1) loops, variables made from them", () => {
    let y = tf.device("GPU:0", () => tf.add(tf.constant([0, 10], "float32"), 0));
    for (let i = 0; i < 300; i++) y = tf.add(y, 1);
    assert.equal(y.device, GPU);
    assert.deepEqual(Array.from(y.dataSync() as Float32Array), [300, 310]);
    // The variable's buffer is its own: updating it leaves the uploaded [1, 2] as it was.
    const v = new tf.Variable(tf.constant([1, 2], "float32"));
    assert.equal(v.device, GPU);
    v.assignAdd(tf.constant([1, 2], "float32"));
    v.assign(tf.multiply(v, tf.constant([1, 2], "float32")));
    assert.deepEqual(Array.from(v.numpy().data as Float32Array), [2, 8]);
    assert.deepEqual(Array.from(tf.device("GPU:0", () => tf.add(tf.constant([1, 2], "float32"), 0)).dataSync() as Float32Array), [1, 2]);
    // Disposing one tensor of a shared upload leaves the others readable.
    const a = tf.device("GPU:0", () => tf.identity(tf.constant([7], "int32")));
    const b = tf.device("GPU:0", () => tf.identity(tf.constant([7], "int32")));
    a.dispose();
    assert.deepEqual(Array.from(tf.add(b, 1).dataSync() as Int32Array), [8]);
    // Uploads are found by dtype, length and bits: the same bits in another dtype or length are another value.
    const onGpu = (t: tf.Tensor) => tf.device("GPU:0", () => tf.identity(t));
    const one = onGpu(tf.constant(1, "float32")), bitsOfOne = onGpu(tf.constant(1065353216, "int32"));
    assert.deepEqual([one.dtype.name, bitsOfOne.dtype.name, one.device], ["float32", "int32", GPU]);
    assert.deepEqual(Array.from(tf.add(one, 1).dataSync() as Float32Array), [2]);
    assert.deepEqual(Array.from(tf.add(bitsOfOne, 1).dataSync() as Int32Array), [1065353217]);
    const t1 = onGpu(tf.constant([true], "bool")), t2 = onGpu(tf.constant([true, false], "bool"));
    assert.deepEqual([t1.device, t2.device], [GPU, GPU]);
    assert.deepEqual(Array.from(tf.logicalNot(t1).dataSync() as Uint8Array), [0]);
    assert.deepEqual(Array.from(tf.logicalNot(t2).dataSync() as Uint8Array), [0, 1]);
  });

  test("ReluGrad (Relu's gradient) float32 and int32 on the GPU, NaN and infinite gradients kept as the CPU keeps them", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const g = random([5, 7], dtype), f = random([5, 7], dtype);
      same(() => reluGrad(g, f));
    }
    same(() => reluGrad(tf.constant([NaN, Infinity, -3, 2, NaN], "float32"), tf.constant([-1, -1, 0, 1, 2], "float32")));
  });

  test("where (select) with broadcasting; cast between float32, int32, bool, and to float64 and int64 on the CPU", () => {
    for (const dtype of ["float32", "int32", "bool"] as const) {
      const c = random([3, 1], "bool"), x = random([3, 4], dtype), y = random([4], dtype);
      same(() => tf.where(c, x, y));
    }
    for (const from of ["float32", "int32", "bool"] as const) {
      for (const to of ["float32", "int32", "bool", "float64", "int64"] as const) {
        if (to === from) continue; // tf.cast returns its input
        const x = random([4, 5], from);
        // The GPU computes in neither float64 nor int64: the CPU casts (soft placement).
        same(() => tf.cast(x, to), { device: to === "float64" || to === "int64" ? CPU : GPU });
      }
    }
  });

  test("float16 elementwise ops compute in float32 and round once, where the adapter has shader-f16", (t) => {
    const probe = tf.device("GPU:0", () => tf.add(tf.constant([1], "float16"), 1));
    if (probe.device !== GPU) { t.skip("the adapter has no shader-f16: float16 ops run on the CPU"); return; }
    const x = random([40, 25], "float16"), y = random([25], "float16", "positive");
    const cases: (() => tf.Tensor)[] = [
      () => tf.add(x, y), () => tf.multiply(x, y), () => tf.divide(x, y), () => tf.subtract(y, x), () => tf.maximum(x, y),
      () => tf.exp(x), () => tf.tanh(x), () => tf.sigmoid(x), () => tf.sqrt(y), () => tf.less(x, y), () => tf.where(tf.less(x, 0), x, y),
      () => tf.cast(x, "float32"), () => tf.cast(x, "int32"), () => tf.cast(tf.multiply(tf.cast(x, "float32"), 1.2345), "float16"),
    ];
    for (const f of cases) {
      const g = tf.device("GPU:0", f), c = tf.device("CPU:0", f);
      assert.equal(g.device, GPU);
      assert.equal(g.dtype.name, c.dtype.name);
      const gv = (g.dtype.name === "float16" ? tf.cast(g, "float32") : g).dataSync(), cv = (c.dtype.name === "float16" ? tf.cast(c, "float32") : c).dataSync();
      cv.forEach((v, i) => assert.ok(Math.abs(Number(gv[i]) - Number(v)) <= 1e-3 * Math.max(1, Math.abs(Number(v))), `element ${i}: ${gv[i]} vs ${v}`));
    }
  });

  test("reductions over every axis set, keepdims, argmax/argmin", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const x = random([3, 4, 5], dtype, dtype === "int32" ? "smallInt" : "float");
      for (const axis of [undefined, 0, 1, 2, -1, [0, 2], [1, 2], [0, 1, 2]]) {
        for (const keepdims of [false, true]) {
          same(() => tf.reduceSum(x, axis, keepdims), { sums: true });
          same(() => tf.reduceMean(x, axis, keepdims), { sums: true });
          same(() => tf.reduceMax(x, axis, keepdims));
          same(() => tf.reduceMin(x, axis, keepdims));
          same(() => tf.reduceProd(tf.cast(tf.sign(x), dtype), axis, keepdims));
        }
      }
      for (const axis of [0, 1, 2]) { same(() => tf.argmax(x, axis)); same(() => tf.argmin(x, axis, "int32")); }
      const big = random([100000], dtype, dtype === "int32" ? "smallInt" : "float");
      same(() => tf.reduceSum(big), { sums: true, tol: 1e-4 });
      same(() => tf.reduceMax(big));
      same(() => tf.argmax(big));
    }
    const b = random([4, 6], "bool");
    for (const axis of [undefined, 0, 1]) { same(() => tf.reduceAny(b, axis)); same(() => tf.reduceAll(b, axis)); }
  });

  test("matmul: transposes, batches with broadcasting, odd sizes", () => {
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [64, 64, 64], [65, 33, 130], [128, 256, 96]]) {
      const a = random([m, k], "float32"), b = random([k, n], "float32");
      same(() => tf.matmul(a, b), { sums: true });
      same(() => tf.matmul(tf.transpose(a), b, { transposeA: true }), { sums: true });
      same(() => tf.matmul(a, tf.transpose(b), { transposeB: true }), { sums: true });
    }
    const ai = random([2, 5, 6], "int32", "smallInt"), bi = random([6, 3], "int32", "smallInt");
    same(() => tf.matmul(ai, bi));
    const a = random([2, 1, 17, 9], "float32"), b = random([3, 9, 20], "float32");
    same(() => tf.matmul(a, b), { sums: true });
  });

  test("array ops: reshape, transpose, slices, concat, stack, tile, pad, gather, fill, range", () => {
    for (const dtype of ["float32", "int32", "bool"] as const) {
      const x = random([2, 3, 4], dtype);
      same(() => tf.reshape(x, [4, 6]));
      same(() => tf.expandDims(x, 1));
      same(() => tf.squeeze(tf.reshape(x, [2, 1, 12])));
      same(() => tf.transpose(x));
      same(() => tf.transpose(x, [1, 0, 2]));
      same(() => tf.slice(x, [0, 1, 1], [2, 2, -1]));
      same(() => tf.stridedSlice(x, [1, 2, 3], [0, 0, 0], [-1, -1, -2]));
      same(() => tf.stridedSlice(x, [0, 1], [2, 3], [1, 1], { shrinkAxisMask: 2 }));
      same(() => tf.concat([x, x, tf.slice(x, [0, 0, 0], [2, 3, 1])], 2));
      same(() => tf.concat([x, x], 0));
      same(() => tf.stack([x, x, x], 1));
      same(() => tf.tile(x, [2, 1, 3]));
      same(() => tf.pad(x, [[1, 0], [0, 2], [1, 1]]));
      if (dtype !== "bool") {
        same(() => tf.pad(x, [[1, 1], [2, 2], [0, 3]], { mode: "REFLECT" }));
        same(() => tf.pad(x, [[1, 1], [2, 2], [0, 3]], { mode: "SYMMETRIC" }));
      }
      same(() => tf.gather(x, tf.constant([2, 0, 2, 1], "int32"), { axis: 1 }));
      same(() => tf.gather(x, tf.constant([[1, 0], [1, 1]], "int64")));
      same(() => tf.fill([3, 2], tf.constant(dtype === "bool" ? true : 5, dtype)));
      same(() => tf.zerosLike(x));
    }
    same(() => tf.range(0, 10, 3, "int32"));
    // No GPU kernels (float32 ranges are a serial recurrence; Where's size depends on values).
    same(() => tf.range(0, 10, 3), { device: CPU });
    same(() => tf.range(1, 4, 0.5, "float32"), { device: CPU });
    const cond = random([3, 4], "bool");
    same(() => tf.where(cond), { device: CPU });
    assert.throws(() => tf.device("GPU:0", () => tf.gather(random([3], "float32"), tf.constant([3], "int32"))),
      (e: Error) => e instanceof tf.errors.InvalidArgumentError && /indices\[0\] = 3 is not in \[0, 3\)/.test(e.message));
  });

  test("variables live on GPU:0, update in place, keep snapshots, reject bad updates unchanged", () => {
    const init = random([5, 3], "float32");
    const g = new tf.Variable(init), c = tf.device("CPU:0", () => new tf.Variable(init));
    assert.equal(g.device, GPU);
    const snapshot = g.value();
    const close = (a: tf.Tensor, b: tf.Tensor) => {
      assert.equal(a.device, GPU);
      const x = a.dataSync() as Float32Array, y = b.dataSync() as Float32Array;
      y.forEach((v, i) => assert.ok(Math.abs(x[i]! - v) <= 1e-5 * Math.max(1, Math.abs(v)), `element ${i}: ${x[i]} vs ${v}`));
    };
    const both = (f: (v: tf.Variable) => void) => { f(g); f(c); close(g.value(), c.value()); };
    const d = random([5, 3], "float32");
    both((v) => v.assignAdd(d));
    both((v) => v.assignSub(tf.multiply(d, 0.5)));
    both((v) => v.assign(d));
    const idx = tf.constant([4, 0, 4, 2], "int32"), upd = random([4, 3], "float32");
    for (const m of ["scatterUpdate", "scatterAdd", "scatterSub", "scatterMul", "scatterMax", "scatterMin"] as const) {
      both((v) => v[m](new tf.IndexedSlices(upd, idx)));
    }
    both((v) => v.scatterNdAdd(tf.constant([[1, 2], [1, 2], [3, 0]], "int32"), tf.constant([1, 2, 3], "float32")));
    both((v) => v.sliceAssign([1, 1], [2, 2], tf.constant([[9, 8], [7, 6]])));
    close(g.sparseRead(tf.constant([3, 1], "int32")), c.sparseRead(tf.constant([3, 1], "int32")));
    close(g.gatherNd(tf.constant([[1, 1], [4, 2]], "int32")), c.gatherNd(tf.constant([[1, 1], [4, 2]], "int32")));
    assert.deepEqual(snapshot.numpy().data, init.numpy().data, "an earlier read is a snapshot");
    const before = g.numpy().data;
    assert.throws(() => g.scatterAdd(new tf.IndexedSlices(tf.constant([[1, 1, 1], [1, 1, 1]]), tf.constant([0, 5], "int32"))),
      tf.errors.InvalidArgumentError);
    assert.deepEqual(g.numpy().data, before, "a failed update changes nothing");
    const b = new tf.Variable([true, false]);
    b.assign([false, true]);
    assert.equal(b.device, GPU);
    assert.equal(String(b.value()), "tf.Tensor([False  True], shape=(2,), dtype=bool)");
    const counter = new tf.Variable(1, { dtype: "int32" });
    for (let i = 0; i < 10; i++) counter.assignAdd(1);
    assert.equal(counter.numpy().item(), 11);
  });

  test("reads are synchronous (numpy, item, printing) and asynchronous (data)", async () => {
    const t = tf.multiply(tf.constant([[1.5, 2], [3, 4]]), 2);
    assert.equal(t.device, GPU);
    assert.equal(String(t), "tf.Tensor(\n[[3. 4.]\n [6. 8.]], shape=(2, 2), dtype=float32)");
    assert.equal(tf.reduceSum(t).item(), 21);
    assert.deepEqual([...(await tf.add(t, 1).data() as Float32Array)], [4, 5, 7, 9]);
    const v = new tf.Variable([1, 2, 3]);
    assert.equal(v.repr(), "<tf.Variable 'Variable:0' shape=(3,) dtype=float32, numpy=array([1., 2., 3.], dtype=float32)>");
  });

  test("placement: soft fallback for float64 with the log, strict placement error, copies counted", () => {
    const lines = placementLog(() => {
      tf.device("GPU:0", () => { tf.add(tf.constant([1], "float64"), 1); tf.add(tf.constant([1]), 1); });
    });
    assert.deepEqual(lines, [`Executing op AddV2 in device ${CPU}\n`, `Executing op AddV2 in device ${GPU}\n`]);
    tf.config.setSoftDevicePlacement(false);
    try {
      assert.throws(() => tf.device("GPU:0", () => tf.add(tf.constant([1], "float64"), 1)), (e: Error) =>
        e instanceof tf.errors.InvalidArgumentError && e.message === `Could not satisfy device specification '${GPU}'. enable_soft_placement=0. Supported device types [CPU]. All available devices [${GPU}, ${CPU}]. [Op:AddV2]`);
    } finally {
      tf.config.setSoftDevicePlacement(true);
    }
    tf.debugging.resetDeviceCopyStats();
    const onCpu = tf.device("CPU:0", () => tf.constant([1, 2, 3]));
    tf.device("GPU:0", () => tf.add(onCpu, onCpu));
    assert.deepEqual(tf.debugging.deviceCopyStats(), { copies: 2, bytes: 24 });
  });

  test("ops the GPU has no kernel for run on the CPU: the log names CPU:0 and the input copies are counted", () => {
    const cond = tf.device("GPU:0", () => tf.greater(random([3, 4], "float32"), 0));
    const x = tf.device("GPU:0", () => tf.add(random([2, 5], "float32"), 1));
    assert.equal(cond.device, GPU);
    assert.equal(x.device, GPU);
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => { lines.push(s); return true; }) as typeof process.stderr.write;
    tf.debugging.setLogDevicePlacement(true);
    let results: tf.Tensor[];
    let stats: { copies: number; bytes: number }[];
    try {
      tf.debugging.resetDeviceCopyStats();
      const inScope = tf.device("GPU:0", () => tf.where(cond));
      const s1 = tf.debugging.deviceCopyStats();
      const byDefault = tf.where(cond);
      const s2 = tf.debugging.deviceCopyStats();
      const wide = tf.device("GPU:0", () => tf.cast(x, "float64"));
      const s3 = tf.debugging.deviceCopyStats();
      results = [inScope, byDefault, wide];
      stats = [s1, s2, s3];
    } finally {
      tf.debugging.setLogDevicePlacement(false);
      process.stderr.write = write;
    }
    assert.deepEqual(lines, [
      `Executing op Where in device ${CPU}\n`, `Executing op Where in device ${CPU}\n`, `Executing op Cast in device ${CPU}\n`,
    ]);
    assert.deepEqual(results.map((t) => t.device), [CPU, CPU, CPU]);
    // Each op copies its GPU input to the CPU: the 12 bools, then the 10 float32 values.
    assert.deepEqual(stats, [{ copies: 1, bytes: 12 }, { copies: 2, bytes: 24 }, { copies: 3, bytes: 64 }]);
    const onCpu = tf.device("CPU:0", () => tf.where(tf.device("CPU:0", () => tf.identity(cond))));
    assert.deepEqual(results[0]!.numpy().data, onCpu.numpy().data);
    assert.deepEqual([...(results[2]!.dataSync() as Float64Array)], [...(x.dataSync() as Float32Array)]);
  });

  test("memory: dispose releases at once, garbage is collected, a full device raises ResourceExhaustedError", (t) => {
    const info = () => tf.config.experimental.getMemoryInfo("GPU:0").current;
    const big = tf.zeros([1024, 1024]);
    big.dataSync();
    const held = info();
    big.dispose();
    assert.equal(info(), held - 4 * 2 ** 20);
    assert.throws(() => big.numpy(), (e: Error) => e instanceof tf.errors.FailedPreconditionError && /Tensor is disposed/.test(e.message));
    const v = new tf.Variable(tf.zeros([256, 1024]));
    const withVariable = info();
    v.dispose();
    assert.equal(info(), withVariable - 2 ** 20);
    // 10^5 small ops without dispose: the memory of the dropped values is reused.
    let s = tf.constant([1, 2, 3, 4]);
    for (let i = 0; i < 100_000; i++) s = tf.add(s, 1);
    assert.deepEqual([...(s.dataSync() as Float32Array)], [100001, 100002, 100003, 100004]);
    assert.ok(info() < 64 * 2 ** 20, `${info()} bytes held after 10^5 ops`);
    // More than the 512 MB memory limit, in 64 MB pieces of garbage: collected under pressure
    // (within the allocating call where the native addon tracks handles; FinalizationRegistry
    // callbacks only run between tasks).
    if (collectsSynchronously()) for (let i = 0; i < 20; i++) tf.fill([16, 1024, 1024], 1);
    else t.diagnostic("without the native addon garbage is collected between tasks only: pressure loop not run");
    assert.throws(() => tf.zeros([160, 1024, 1024]), (e: Error) =>
      e instanceof tf.errors.ResourceExhaustedError &&
      new RegExp(`^OOM when allocating tensor with shape\\[160,1024,1024\\] and type float on ${GPU}: 671088640 bytes requested, \\d+ bytes held by \\d+ buffers of a 536870912-byte memory limit \\[Op:Fill\\]$`).test(e.message),
    );
  });

  test("the guide prints the same with its GPU:0 multiply placed on the GPU", () => {
    const r = spawnSync(process.execPath, ["--import", "./dist-test/test/helpers/log_placement.js", "dist-test/examples/guide.js"], {
      cwd: root, encoding: "utf8", env: { ...process.env, TSFLOW_GPU: "1" },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, readFileSync(`${root}test/guide.expected.txt`, "utf8"));
    const log = r.stderr.split("\n").filter((l) => l.startsWith("Executing op"));
    assert.equal(log.at(-1), `Executing op Mul in device ${GPU}`);
    assert.ok(log.includes(`Executing op MatMul in device ${CPU}`));
  });
});
