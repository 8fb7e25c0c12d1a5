// The native tf.nn row kernels (native/cpu/softmax.cc) against the TypeScript reference kernels
// (kernels/nn.ts): float32 Softmax, LogSoftmax and both softmax cross-entropies on fixed-seed
// random rows of several widths (16-lane blocks and their tails), rows with -inf, NaN, huge
// spreads; within float32 rounding (the native kernels shift and exponentiate in float, the
// reference in double). Child processes rerun the comparison on the AVX2 and portable paths
// and on one thread.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import type { AnyOpDef } from "tsflow/internal/ops/op_def";
import { LogSoftmax, Softmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits } from "tsflow/internal/ops/nn";
import { mulberry32 } from "./helpers/random.js";

const addon = nativeAddon();
const skip = addon === null ? "native addon not loaded (TSFLOW_NATIVE=0 or no build)" : false;
const isChild = process.env.TSFLOW_NN_CHILD === "1";
const rng = mulberry32(0x5f7a);

type Spec = { dtype: tf.DType; dims: number[] };
function run(kind: "native" | "reference", op: AnyOpDef, inputs: CpuTensor[], attrs: object): Float32Array[] {
  const k = kind === "native" ? nativeCpuKernel(op, tf.float32) : referenceCpuKernel(op, tf.float32);
  assert.ok(k, `${kind} ${op.name}`);
  const { outputs, plan } = op.plan!(inputs, attrs);
  const r = k(inputs, attrs, outputs as Spec[], plan);
  assert.ok(r !== null, `${op.name}: the native kernel declined`);
  return r as Float32Array[];
}

function rows(n: number, depth: number, spread: number): Float32Array {
  const a = Float32Array.from({ length: n * depth }, () => (rng() * 2 - 1) * spread);
  if (depth > 3 && n > 3) {
    a[depth + 1] = -Infinity; // one -inf logit in row 1
    a[2 * depth] = 1e30; // a dominant logit in row 2
    a[3 * depth + 2] = -1e30;
  }
  return a;
}

function closeArrays(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!, w = want[i]!;
    if (Number.isNaN(w)) { assert.ok(Number.isNaN(g), `${what}[${i}]: ${g} != NaN`); continue; }
    if (!Number.isFinite(w)) { assert.equal(g, w, `${what}[${i}]`); continue; }
    // A few float32 ulps of the value, or of 1 for the results that are differences near 0.
    assert.ok(Math.abs(g - w) <= 6e-7 * Math.max(Math.abs(w), 1), `${what}[${i}]: ${g} != ${w}`);
  }
}

const SHAPES: [number, number][] = [[64, 16], [40, 33], [9, 1000], [3, 4097], [1100, 1], [8, 250]];

test("native Softmax and LogSoftmax agree with the reference kernels", { skip }, () => {
  for (const [n, depth] of SHAPES) {
    for (const spread of [1, 30, 200]) {
      const x = { dtype: tf.float32, dims: [n, depth], buffer: rows(n, depth, spread) } as CpuTensor;
      for (const op of [Softmax, LogSoftmax]) {
        closeArrays(run("native", op, [x], {})[0]!, run("reference", op, [x], {})[0]!, `${op.name} ${n}x${depth} spread ${spread}`);
      }
    }
  }
  // A NaN row stays NaN; an all -inf row is NaN, as exp(-inf - -inf).
  const x = new Float32Array(2048).fill(0.5);
  x[5] = NaN;
  for (let j = 1024; j < 2048; j++) x[j] = -Infinity;
  const t = { dtype: tf.float32, dims: [2, 1024], buffer: x } as CpuTensor;
  const got = run("native", Softmax, [t], {})[0]!;
  assert.ok(got.every((v) => Number.isNaN(v)));
});

test("native cross-entropies agree with the reference kernels (loss and backprop)", { skip }, () => {
  for (const [n, depth] of SHAPES) {
    if (depth === 1) continue;
    const logits = { dtype: tf.float32, dims: [n, depth], buffer: rows(n, depth, 20) } as CpuTensor;
    const ids = Int32Array.from({ length: n }, () => Math.floor(rng() * depth));
    const labels = { dtype: tf.int32, dims: [n], buffer: ids } as CpuTensor;
    const sparseN = run("native", SparseSoftmaxCrossEntropyWithLogits, [logits, labels], {});
    const sparseR = run("reference", SparseSoftmaxCrossEntropyWithLogits, [logits, labels], {});
    closeArrays(sparseN[1]!, sparseR[1]!, `sparse backprop ${n}x${depth}`);
    // Losses: rows with -inf logits give inf where the label sits on one; compare the finite ones.
    closeArrays(sparseN[0]!.map((v, i) => (Number.isFinite(sparseR[0]![i]!) ? v : 0)), sparseR[0]!.map((v) => (Number.isFinite(v) ? v : 0)), "sparse loss");
    const probs = Float32Array.from({ length: n * depth }, () => rng());
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let j = 0; j < depth; j++) s += probs[r * depth + j]!;
      for (let j = 0; j < depth; j++) probs[r * depth + j]! /= s;
    }
    // Labels of 0 where a logit is -inf (0 * inf would be NaN in both).
    const finite = rows(n, depth, 20).fill(0);
    const lg = { dtype: tf.float32, dims: [n, depth], buffer: Float32Array.from(logits.buffer as Float32Array, (v, i) => (v === -Infinity ? finite[i]! : v)) } as CpuTensor;
    const dense = { dtype: tf.float32, dims: [n, depth], buffer: probs } as CpuTensor;
    const denseN = run("native", SoftmaxCrossEntropyWithLogits, [lg, dense], {});
    const denseR = run("reference", SoftmaxCrossEntropyWithLogits, [lg, dense], {});
    closeArrays(denseN[1]!, denseR[1]!, `dense backprop ${n}x${depth}`);
    // The loss sums depth terms of float products: relative 1e-6 of the loss.
    denseN[0]!.forEach((v, i) => assert.ok(Math.abs(v - denseR[0]![i]!) <= 2e-6 * Math.max(1, Math.abs(denseR[0]![i]!)), `dense loss ${i}: ${v} vs ${denseR[0]![i]}`));
  }
});

test("the native sparse kernel raises TensorFlow's label error", { skip }, () => {
  const logits = { dtype: tf.float32, dims: [2, 1024], buffer: new Float32Array(2048) } as CpuTensor;
  const labels = { dtype: tf.int32, dims: [2], buffer: Int32Array.from([1024, 0]) } as CpuTensor;
  assert.throws(() => run("native", SparseSoftmaxCrossEntropyWithLogits, [logits, labels], {}), {
    name: "InvalidArgumentError", message: "Received a label value of 1024 which is outside the valid range of [0, 1024).  Label values: 1024 0",
  });
});

function runChild(file: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env, TSFLOW_NN_CHILD: "1" };
    delete childEnv.NODE_TEST_CONTEXT; // plain TAP from the child, not the parent runner's protocol
    const child = spawn(process.execPath, [file], { env: childEnv });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.on("close", (status) => resolve({ status, stdout }));
  });
}

test("the AVX2 and portable paths and one thread pass these tests too", { skip: skip || isChild }, async () => {
  const file = fileURLToPath(import.meta.url);
  const runs: Record<string, string>[] = [{ TSFLOW_ISA: "avx2" }, { TSFLOW_ISA: "portable" }, { TSFLOW_NUM_THREADS: "1" }];
  const results = await Promise.all(runs.map((env) => runChild(file, env)));
  results.forEach((r, i) => {
    assert.equal(r.status, 0, `${JSON.stringify(runs[i])}:\n${r.stdout.split("\n").filter((l) => /not ok|error|!=/.test(l)).slice(0, 20).join("\n")}`);
    assert.match(r.stdout, /# pass 3/);
  });
});
