// The native GEMM (native/cpu/gemm_kernels.cc) against the TypeScript reference kernel and a
// float64 reference: edge sizes in m/n/k, every transpose combination, broadcast batches,
// cache-block boundaries, float32 accuracy with k = 4096, bit-for-bit determinism (also across
// thread counts), every instruction-set path (child processes with TSFLOW_ISA), and
// tf.matmul reaching the native kernel. Skips when the addon is not loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { float32, float64, type DType } from "tsflow/internal/core/dtypes";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { NATIVE_GEMM_MIN_MACS, nativeGemmCalls } from "tsflow/internal/devices/cpu/kernels/native/linalg";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import { BatchMatMulV2, MatMul, type MatMulAttrs } from "tsflow/internal/ops/linalg";
import { mulberry32 } from "./helpers/random.js";

type F = Float32Array | Float64Array;


interface Case {
  label: string;
  dtype: DType;
  a: CpuTensor;
  b: CpuTensor;
  attrs: MatMulAttrs;
}

const size = (dims: readonly number[]) => dims.reduce((x, y) => x * y, 1);

function makeCase(seed: number, dtype: DType, aDims: number[], bDims: number[], ta: boolean, tb: boolean, positive = false): Case {
  const rng = mulberry32(seed);
  const fill = (n: number): F => {
    const x = dtype === float32 ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = positive ? rng() : 2 * rng() - 1;
    return x;
  };
  return {
    label: `${dtype.name} a[${aDims}]${ta ? "ᵀ" : ""} b[${bDims}]${tb ? "ᵀ" : ""}${positive ? " (positive)" : ""}`,
    dtype,
    a: { dtype, dims: aDims, buffer: fill(size(aDims)) },
    b: { dtype, dims: bDims, buffer: fill(size(bDims)) },
    attrs: { transposeA: ta, transposeB: tb, adjointA: false, adjointB: false },
  };
}

/** A plain m×k by k×n case (stored transposed where asked). */
function mnkCase(seed: number, dtype: DType, m: number, n: number, k: number, ta: boolean, tb: boolean, positive = false): Case {
  return makeCase(seed, dtype, ta ? [k, m] : [m, k], tb ? [n, k] : [k, n], ta, tb, positive);
}

const opOf = (c: Case) => (c.a.dims.length === 2 && c.b.dims.length === 2 ? MatMul : BatchMatMulV2);
const outputsOf = (c: Case) => opOf(c).inferOutputs([c.a, c.b], c.attrs);

/** The TypeScript reference kernel on `c` (in `dtype`, converting the inputs). */
function reference(c: Case, dtype: DType = c.dtype): F {
  const conv = (t: CpuTensor): CpuTensor =>
    dtype === c.dtype ? t : { dtype, dims: t.dims, buffer: dtype === float64 ? Float64Array.from(t.buffer as F) : Float32Array.from(t.buffer as F) };
  const op = opOf(c);
  const kernel = referenceCpuKernel(op, dtype)!;
  const out = op.inferOutputs([c.a, c.b], c.attrs).map((s) => ({ ...s, dtype }));
  return kernel([conv(c.a), conv(c.b)], c.attrs, out, undefined)[0] as F;
}

/** The native GEMM on `c` straight through the addon (no size cut-off). */
function native(c: Case, prefill = NaN): F {
  const addon = nativeAddon()!;
  const out = outputsOf(c)[0]!;
  const ra = c.a.dims.length, ro = out.dims.length;
  const ta = c.attrs.transposeA, tb = c.attrs.transposeB;
  const m = out.dims[ro - 2]!, n = out.dims[ro - 1]!, k = c.a.dims[ra - (ta ? 2 : 1)]!;
  const batchDims = out.dims.slice(0, -2);
  const batches = size(batchDims);
  const C = c.dtype === float32 ? new Float32Array(batches * m * n) : new Float64Array(batches * m * n);
  C.fill(prefill); // the kernel must overwrite every element
  const index = (dims: readonly number[]) => {
    const own = dims.slice(0, -2);
    if (own.length === batchDims.length && own.every((d, i) => d === batchDims[i])) return null;
    // Flat batch index of the operand for each output batch (broadcasting).
    const idx = new Int32Array(batches);
    for (let t = 0; t < batches; t++) {
      let rem = t, off = 0, stride = 1;
      for (let ax = batchDims.length - 1, j = own.length - 1; ax >= 0; ax--, j--) {
        const i = rem % batchDims[ax]!;
        rem = Math.floor(rem / batchDims[ax]!);
        if (j >= 0) { if (own[j] !== 1) off += i * stride; stride *= own[j]!; }
      }
      idx[t] = off;
    }
    return idx;
  };
  addon.gemm(c.a.buffer as F, c.b.buffer as F, C, m, n, k, ta, tb, batches, index(c.a.dims), index(c.b.dims));
  return C;
}

/**
 * Per-element error bound scale: ‖row of op(A)‖₂·‖column of op(B)‖₂ ≥ Σₚ|aᵢₚ||bₚⱼ| (the
 * usual GEMM error bound is proportional to the latter).
 */
function errorScale(c: Case): Float64Array {
  const abs2 = (t: CpuTensor): CpuTensor => ({ dtype: float64, dims: t.dims, buffer: Float64Array.from(t.buffer as F, (v) => v * v) });
  // Σₚ aᵢₚ² over rows of op(A) via a product with ones: cheap enough with the reference kernel.
  const out = outputsOf(c)[0]!;
  const ro = out.dims.length, m = out.dims[ro - 2]!, n = out.dims[ro - 1]!;
  const ta = c.attrs.transposeA, tb = c.attrs.transposeB;
  const k = c.a.dims[c.a.dims.length - (ta ? 2 : 1)]!;
  const onesK = (rows: number, cols: number): CpuTensor => ({ dtype: float64, dims: [rows, cols], buffer: new Float64Array(rows * cols).fill(1) });
  const aa = abs2(c.a), bb = abs2(c.b);
  // rowA[..batch, i] = Σₚ op(A)ᵢₚ², colB[..batch, j] = Σₚ op(B)ₚⱼ²: matmul with all-ones.
  const ref = (x: CpuTensor, y: CpuTensor, attrs: MatMulAttrs) => {
    const op = x.dims.length === 2 && y.dims.length === 2 ? MatMul : BatchMatMulV2;
    return referenceCpuKernel(op, float64)!([x, y], attrs, op.inferOutputs([x, y], attrs), undefined)[0] as Float64Array;
  };
  const no = { transposeA: false, transposeB: false, adjointA: false, adjointB: false };
  const rowA = ref(aa, onesK(k, 1), { ...no, transposeA: ta }); // [..aBatch, m, 1]
  const colB = ref(onesK(1, k), bb, { ...no, transposeB: tb }); // [..bBatch, 1, n]
  // Broadcast: the product rowA · colB (an outer product per batch) gives ‖aᵢ‖²‖bⱼ‖².
  const outer = ref(
    { dtype: float64, dims: [...c.a.dims.slice(0, -2), m, 1], buffer: rowA },
    { dtype: float64, dims: [...c.b.dims.slice(0, -2), 1, n], buffer: colB }, no);
  return outer.map(Math.sqrt);
}

/** |got − ref| ≤ tol·scale + slack·|ref| element-wise; reports the first failure. */
function assertClose(got: F, ref: F, scale: Float64Array, tol: number, label: string, slack = 0): void {
  assert.equal(got.length, ref.length, `${label}: length`);
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i]! - ref[i]!);
    if (!(err <= tol * scale[i]! + slack * Math.abs(ref[i]!))) {
      assert.fail(`${label}: element ${i}: got ${got[i]}, want ${ref[i]} (|err| ${err.toExponential(3)}, bound scale ${scale[i]!.toExponential(3)})`);
    }
  }
}

const F32_TOL = 1e-5, F64_TOL = 1e-12;

/** Multiply-adds of a case (batches × m × n × k). */
function macs(c: Case): number {
  const out = outputsOf(c)[0]!;
  return size(out.dims) * c.a.dims[c.a.dims.length - (c.attrs.transposeA ? 2 : 1)]!;
}

/** Native vs the float64 reference (and, for float32, vs the float32 reference kernel). */
function check(c: Case, got: F = native(c)): void {
  const ref64 = reference(c, float64);
  const scale = errorScale(c);
  assertClose(got, ref64, scale, c.dtype === float32 ? F32_TOL : F64_TOL, `${c.label} vs float64`);
  if (c.dtype === float32 && macs(c) <= 2e6) {
    // The reference kernel rounds its float64 sums to float32: within half an ulp more.
    assertClose(got, reference(c), scale, F32_TOL, `${c.label} vs float32 reference kernel`, 2 ** -23);
  }
}

const TRANSPOSES: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
const DTYPES = [float32, float64];
const SIZES = [1, 7, 63, 64, 65, 1025];
const PARTNERS: [number, number][] = [[7, 65], [64, 1], [63, 64], [65, 7], [1, 63], [64, 33]];

/** Each edge size in each of m, n, k (the other two from PARTNERS). */
function edgeShapes(): [number, number, number][] {
  const shapes: [number, number, number][] = [];
  SIZES.forEach((s, i) => {
    const [x, y] = PARTNERS[i]!;
    shapes.push([s, x, y], [x, s, y], [x, y, s]);
  });
  return shapes;
}

/** Shapes crossing the cache blocks and thread splits (MC, NC, KC of every kernel). */
const BLOCK_SHAPES: [number, number, number][] = [[3100, 9, 40], [20, 2100, 30], [50, 60, 1030], [130, 100, 270], [129, 300, 1],
  // matrix-vector products (m = 1 or n = 1), split across threads and rows of k
  [1, 3000, 300], [2999, 1, 300], [1, 1, 5000], [1, 77, 600], [2, 1, 9]];

function batchedCases(dtype: DType, seed: number): Case[] {
  const out: Case[] = [];
  for (const [ta, tb] of TRANSPOSES) {
    const A = (b: number[], m: number, k: number) => [...b, ...(ta ? [k, m] : [m, k])];
    const B = (b: number[], k: number, n: number) => [...b, ...(tb ? [n, k] : [k, n])];
    out.push(makeCase(seed++, dtype, A([3, 1], 17, 33), B([1, 4], 33, 20), ta, tb));
    out.push(makeCase(seed++, dtype, A([2, 3], 65, 70), B([], 70, 30), ta, tb));
    out.push(makeCase(seed++, dtype, A([], 40, 64), B([5], 64, 48), ta, tb));
    out.push(makeCase(seed++, dtype, A([1], 9, 9), B([200], 9, 9), ta, tb));
    out.push(makeCase(seed++, dtype, A([64], 8, 8), B([64], 8, 8), ta, tb));
    out.push(makeCase(seed++, dtype, A([2, 1, 3], 1, 7), B([4, 1], 7, 1), ta, tb));
  }
  return out;
}

// --- child process: results of one instruction set / thread count ----------------------------

/** The cases every child computes: edges, blocks, batches, both dtypes, all transposes. */
function childCases(): Case[] {
  const cases: Case[] = [];
  let seed = 7000;
  for (const dtype of DTYPES) {
    for (const [ta, tb] of TRANSPOSES) {
      for (const [m, n, k] of [[1, 1, 1], [7, 65, 63], [65, 64, 7], [63, 1025, 20], [300, 200, 270], [1, 1000, 300], [1001, 1, 300]] as const) {
        cases.push(mnkCase(seed++, dtype, m, n, k, ta, tb));
      }
    }
    cases.push(makeCase(seed++, dtype, [3, 1, 17, 33], [1, 4, 20, 33], false, true));
    cases.push(makeCase(seed++, dtype, [1, 9, 9], [200, 9, 9], true, false));
  }
  return cases;
}

const hex = (x: F) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("hex");

if (process.env.TSFLOW_GEMM_CHILD === "1") {
  const addon = nativeAddon();
  const results = addon === null ? [] : childCases().map((c) => hex(native(c)));
  process.stdout.write(JSON.stringify({
    isa: addon?.isa ?? null, numThreads: addon?.numThreads ?? null,
    kernels: addon === null ? null : [addon.gemmKernel(false), addon.gemmKernel(true)], results,
  }));
} else {
  registerTests();
}

function registerTests(): void {
  const addon = nativeAddon();
  const skip = addon === null ? "native addon not loaded (TSFLOW_NATIVE=0 or the build is missing)" : null;

  test("native gemm: edge sizes 1, 7, 63, 64, 65, 1025 in m, n and k, every transpose, f32 and f64", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    let seed = 1;
    for (const dtype of DTYPES)
      for (const [m, n, k] of edgeShapes())
        for (const [ta, tb] of TRANSPOSES) check(mnkCase(seed++, dtype, m, n, k, ta, tb));
  });

  test("native gemm: shapes crossing cache blocks and thread splits", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    let seed = 100;
    for (const dtype of DTYPES)
      for (const [m, n, k] of BLOCK_SHAPES)
        for (const [ta, tb] of TRANSPOSES) check(mnkCase(seed++, dtype, m, n, k, ta, tb));
  });

  test("native gemm: float32 with k = 4096 within 1e-5 of float64", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    let seed = 200;
    for (const [ta, tb] of TRANSPOSES) {
      check(mnkCase(seed++, float32, 33, 47, 4096, ta, tb));
      // Positive inputs: no cancellation, so the plain relative error must be within 1e-5.
      const c = mnkCase(seed++, float32, 20, 70, 4096, ta, tb, true);
      const got = native(c), ref = reference(c, float64);
      for (let i = 0; i < got.length; i++) {
        const rel = Math.abs(got[i]! - ref[i]!) / Math.abs(ref[i]!);
        assert.ok(rel <= 1e-5, `${c.label}: element ${i} relative error ${rel}`);
      }
    }
  });

  test("native gemm: batched with broadcast batch dimensions (addon and registered kernel)", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    for (const dtype of DTYPES) {
      const kernel = nativeCpuKernel(BatchMatMulV2, dtype)!;
      for (const c of batchedCases(dtype, dtype === float32 ? 300 : 400)) {
        check(c);
        const viaKernel = kernel([c.a, c.b], c.attrs, outputsOf(c), undefined);
        if (viaKernel !== null) check(c, viaKernel[0] as F);
      }
    }
  });

  test("native gemm: adjoint is transpose for real dtypes; empty and k = 0 products", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    const c = mnkCase(500, float32, 40, 50, 60, true, true);
    const adj: Case = { ...c, attrs: { transposeA: false, transposeB: false, adjointA: true, adjointB: true } };
    const got = nativeCpuKernel(MatMul, float32)!([adj.a, adj.b], adj.attrs, outputsOf(adj), undefined);
    assert.ok(got !== null);
    assert.deepEqual(got[0], native(c));
    // k = 0: zeros, even over a NaN-filled output; m = 0 / batches = 0: nothing to write.
    const z = mnkCase(501, float64, 5, 6, 0, false, false);
    assert.deepEqual(native(z), new Float64Array(30));
    assert.equal(native(mnkCase(502, float32, 0, 6, 4, false, false)).length, 0);
    assert.equal(native(makeCase(503, float32, [0, 3, 4], [4, 5], false, false)).length, 0);
  });

  test("native gemm: NaN and ±Infinity propagate as in the reference kernel", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    let seed = 550;
    for (const dtype of DTYPES) {
      for (const [m, n, k] of [[70, 66, 300], [1, 50, 40], [50, 1, 40], [3, 3, 3]] as const) {
        for (const [ta, tb] of TRANSPOSES) {
          const c = mnkCase(seed++, dtype, m, n, k, ta, tb);
          const A = c.a.buffer as F, B = c.b.buffer as F;
          A[3] = NaN, A[A.length - 1] = Infinity, B[5] = -Infinity, B[B.length - 2] = Infinity;
          const got = native(c), ref = reference(c, float64);
          for (let i = 0; i < got.length; i++) {
            const g = got[i]!, r = ref[i]!;
            if (Number.isFinite(r)) assert.ok(Number.isFinite(g), `${c.label}: element ${i} ${g} vs ${r}`);
            else assert.ok(Object.is(g, r) || (Number.isNaN(g) && Number.isNaN(r)), `${c.label}: element ${i} ${g} vs ${r}`);
          }
        }
      }
    }
  });

  test("native gemm: bad arguments throw instead of reading out of bounds", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    const a = new Float32Array(12), b = new Float32Array(12), out = new Float32Array(9);
    assert.throws(() => addon!.gemm(a, b, out, 3, 3, 5, false, false, 1, null, null), RangeError);
    assert.throws(() => addon!.gemm(a, b, new Float32Array(8), 3, 3, 4, false, false, 1, null, null), RangeError);
    assert.throws(() => addon!.gemm(a, b, out, 3, 3, 4, false, false, 2, new Int32Array([0, 1]), new Int32Array([0, 0])), RangeError);
    assert.throws(() => addon!.gemm(a, b, out, 3, 3, 4, false, false, 1, new Int32Array([-1]), null), RangeError);
    assert.throws(() => addon!.gemm(a, new Float64Array(12), out, 3, 3, 4, false, false, 1, null, null), TypeError);
    assert.throws(() => addon!.gemm(a, b, out, 3.5, 3, 4, false, false, 1, null, null), TypeError);
    addon!.gemm(a, b, out, 3, 3, 4, false, false, 1, null, null);
  });

  test("native gemm: the same inputs give the same bits on every call", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    for (const dtype of DTYPES) {
      for (const c of [mnkCase(600, dtype, 300, 310, 520, false, false), mnkCase(601, dtype, 1025, 65, 63, true, true),
        makeCase(602, dtype, [64, 8, 8], [64, 8, 8], false, true)]) {
        const first = hex(native(c));
        for (let r = 0; r < 3; r++) assert.equal(hex(native(c)), first, c.label);
      }
    }
  });

  test("native gemm: every instruction-set path (child processes), bits independent of thread count", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    const file = fileURLToPath(import.meta.url);
    const run = (env: Record<string, string>) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, TSFLOW_GEMM_CHILD: "1", ...env };
      delete childEnv.NODE_TEST_CONTEXT;
      delete childEnv.TSFLOW_ISA;
      delete childEnv.TSFLOW_NUM_THREADS;
      Object.assign(childEnv, env);
      const r = spawnSync(process.execPath, [file], { env: childEnv, encoding: "utf8", maxBuffer: 1 << 28 });
      assert.equal(r.status, 0, `child ${JSON.stringify(env)} failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { isa: string; numThreads: number; kernels: [string, string]; results: string[] };
    };
    const cases = childCases();
    const refs = cases.map((c) => ({ ref: reference(c, float64), scale: errorScale(c) }));
    const order = ["portable", "avx2", "avx512"];
    const best = run({});
    const results: Record<string, string[]> = {};
    for (const isa of ["portable", "avx2", "avx512"]) {
      if (order.indexOf(isa) > order.indexOf(best.isa)) {
        t.diagnostic(`${isa}: not supported by this CPU (best: ${best.isa})`);
        continue;
      }
      const r = isa === best.isa ? best : run({ TSFLOW_ISA: isa });
      assert.equal(r.isa, isa);
      assert.ok(r.kernels[0].startsWith(isa) && r.kernels[1].startsWith(isa), `kernels ${r.kernels}`);
      t.diagnostic(`${isa}: float32 ${r.kernels[0]}, float64 ${r.kernels[1]}`);
      cases.forEach((c, i) => {
        const got = Buffer.from(r.results[i]!, "hex");
        const arr = c.dtype === float32 ? new Float32Array(got.buffer, got.byteOffset, got.length / 4) : new Float64Array(got.buffer, got.byteOffset, got.length / 8);
        assertClose(arr, refs[i]!.ref, refs[i]!.scale, c.dtype === float32 ? F32_TOL : F64_TOL, `${isa} ${c.label}`);
      });
      results[isa] = r.results;
      // One thread gives the same bits as the whole pool.
      const single = run({ TSFLOW_ISA: isa, TSFLOW_NUM_THREADS: "1" });
      assert.equal(single.numThreads, 1);
      assert.deepEqual(single.results, r.results, `${isa}: one thread vs ${r.numThreads}`);
    }
    // This process (default ISA unless TSFLOW_ISA is set) agrees with its child.
    if (addon!.isa === best.isa) assert.deepEqual(cases.map((c) => hex(native(c))), best.results);
  });

  test("tf.matmul runs the native kernel for large float32 inputs and declines tiny ones", (t) => {
    if (skip !== null) { t.skip(skip); return; }
    const c = mnkCase(700, float32, 256, 256, 256, false, false);
    const kernel = nativeCpuKernel(MatMul, float32);
    assert.ok(kernel !== undefined, "MatMul float32 has a native kernel");
    assert.ok(nativeCpuKernel(MatMul, float64) !== undefined && nativeCpuKernel(BatchMatMulV2, float32) !== undefined);
    assert.ok(kernel([c.a, c.b], c.attrs, outputsOf(c), undefined) !== null, "the native kernel takes a 256×256 product");
    const tiny = mnkCase(701, float32, 2, 2, 2, false, false);
    assert.equal(kernel([tiny.a, tiny.b], tiny.attrs, outputsOf(tiny), undefined), null, "tiny products stay in TypeScript");
    assert.ok(NATIVE_GEMM_MIN_MACS <= 8 * 8 * 8, "the crossover lies below 8×8×8");
    const small = mnkCase(702, float32, 8, 8, 8, false, false);
    const viaKernel = kernel([small.a, small.b], small.attrs, outputsOf(small), undefined);
    assert.ok(viaKernel !== null);
    check(small, viaKernel[0] as Float32Array);

    // Outputs of a megabyte and more come from another allocator: same bits as the addon's.
    for (const dtype of DTYPES) {
      const big = mnkCase(703, dtype, 700, 400, 20, false, true);
      const got = nativeCpuKernel(MatMul, dtype)!([big.a, big.b], big.attrs, outputsOf(big), undefined);
      assert.ok(got !== null);
      assert.equal(hex(got[0] as F), hex(native(big)), big.label);
    }

    const a = tf.constant(c.a.buffer as Float32Array, "float32", [256, 256]);
    const b = tf.constant(c.b.buffer as Float32Array, "float32", [256, 256]);
    const before = nativeGemmCalls();
    const product = tf.matmul(a, b);
    assert.equal(nativeGemmCalls(), before + 1, "tf.matmul went through the native GEMM");
    check(c, product.dataSync() as Float32Array);
    const batched = tf.matmul(tf.reshape(a, [4, 64, 256]), b, { transposeB: true });
    assert.equal(nativeGemmCalls(), before + 2, "batched tf.matmul went through the native GEMM");
    assert.deepEqual(batched.dims, [4, 64, 256]);
  });
}
