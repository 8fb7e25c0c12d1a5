// tf.einsum on GPU:0: a float32 `ij,jk->ik` is one MatMul on the GPU (placement log), and every
// lowering (batch matmul, transposed operands, transposes, sums, diagonals, broadcast ellipses,
// three operands) runs on GPU:0 without falling back to the CPU and agrees with CPU:0; a float32
// training step through einsum gets its gradients on the GPU. Skips without a GPU; on a machine
// without one run `eval "$(bash scripts/software-gpu.sh)"` first.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { GPU, gpuOrSkip } from "./helpers/gpu_test_env.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

const skip = gpuOrSkip("gpu_einsum.test");

const rng = mulberry32(20261215);

function values(dims: readonly number[], dtype: "float32" | "int32"): number[] {
  const n = dims.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, () => (dtype === "int32" ? Math.floor(rng() * 7) - 3 : 2 * rng() - 1));
}

/**
 * einsum(equation) of GPU-resident operands runs every op on GPU:0 and matches CPU:0 (within
 * float32 rounding: the two matmul kernels sum in other orders); returns the ops it ran.
 */
function onGpu(equation: string, shapes: readonly (readonly number[])[], dtype: "float32" | "int32" = "float32"): string[] {
  const data = shapes.map((s) => values(s, dtype));
  const make = () => data.map((d, i) => tf.constant(d, dtype, [...shapes[i]!]));
  const inputs = tf.device("GPU:0", () => make().map((t) => tf.identity(t)));
  let g: tf.Tensor | undefined;
  const log = placementLog(() => { g = tf.einsum(equation, ...inputs); });
  for (const line of log) assert.ok(line.endsWith(`in device ${GPU}\n`), `${equation} fell back: ${line.trim()}`);
  assert.equal(g!.device, GPU, equation);
  const c = tf.device("CPU:0", () => tf.einsum(equation, ...make()));
  assert.equal(g!.dtype, c.dtype);
  assert.deepEqual(g!.dims, c.dims, equation);
  const gv = Array.from(g!.dataSync() as ArrayLike<number>), cv = Array.from(c.dataSync() as ArrayLike<number>);
  gv.forEach((v, i) => assert.ok(Math.abs(v - cv[i]!) <= (dtype === "int32" ? 0 : 1e-5 * Math.max(1, Math.abs(cv[i]!))),
    `${equation}: element ${i}: GPU ${v} vs CPU ${cv[i]}`));
  return log.map((l) => l.split(" ")[2]!);
}

describe("tf.einsum on the GPU", { skip }, () => {
  test("a float32 ij,jk->ik is one MatMul on GPU:0", () => {
    assert.deepEqual(onGpu("ij,jk->ik", [[33, 20], [20, 17]]), ["MatMul"]);
    assert.deepEqual(onGpu("ij,kj->ik", [[33, 20], [17, 20]]), ["MatMul"]);
    assert.deepEqual(onGpu("bij,bjk->bik", [[3, 9, 8], [3, 8, 5]]), ["BatchMatMulV2"]);
  });
  test("transposes, sums, diagonals, broadcast ellipses and three operands stay on GPU:0", () => {
    const cases: [string, number[][]][] = [
      ["bhqd,bhkd->bhqk", [[2, 3, 5, 4], [2, 3, 6, 4]]],
      ["ibj,jbk->bik", [[3, 2, 4], [4, 2, 5]]],
      ["ij->ji", [[5, 7]]],
      ["ij->i", [[5, 7]]],
      ["ij->", [[5, 7]]],
      ["ii->i", [[6, 6]]],
      ["ii", [[6, 6]]],
      ["iij->j", [[3, 3, 4]]],
      ["i,j->ij", [[5], [4]]],
      ["i,i->", [[9], [9]]],
      ["...ij,...jk->...ik", [[2, 1, 3, 4], [5, 4, 2]]],
      ["bn,anm,bm->ba", [[2, 3], [4, 3, 5], [2, 5]]],
    ];
    for (const [eq, shapes] of cases) assert.ok(onGpu(eq, shapes).length > 0, eq);
    onGpu("ij,jk->ik", [[6, 5], [5, 4]], "int32");
  });
  test("a float32 training step through einsum gets its gradients on the GPU", () => {
    const w = tf.device("GPU:0", () => new tf.Variable(tf.constant(values([4, 3], "float32"), "float32", [4, 3])));
    const s = tf.device("GPU:0", () => new tf.Variable(tf.constant(values([3, 3], "float32"), "float32", [3, 3])));
    const x = tf.device("GPU:0", () => tf.identity(tf.constant(values([5, 4], "float32"), "float32", [5, 4])));
    const grads: (tf.Tensor | null)[] = [];
    const log = placementLog(() => {
      tf.device("GPU:0", () => {
        const tape = new tf.GradientTape();
        const loss = tape.record(() => {
          const h = tf.einsum("bi,ij->bj", x, w);
          const q = tf.einsum("bj,jk,bk->b", h, s, h);
          return tf.add(tf.reduceSum(q), tf.add(tf.einsum("ii", s), tf.reduceSum(tf.einsum("ij->j", w))));
        });
        grads.push(...(tape.gradient(loss, [w, s]) as (tf.Tensor | null)[]));
      });
    });
    assert.ok(log.length > 0, "ops ran");
    for (const g of grads) { assert.ok(g); assert.equal(g.device, GPU); }
    assert.deepEqual(log.filter((l) => !l.endsWith(`in device ${GPU}\n`)), []);
  });
});
