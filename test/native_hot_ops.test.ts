// The native hot-op kernels against the TypeScript reference kernels: Cumsum and Cumprod on
// float32, float64 and int32, every axis, exclusive and reverse, TopKV2 (ties by index) over
// several k, and the dense solvers under the linalg ops, on fixed-seed random inputs of several shapes. Same order of operations, so
// the results must be the same bits.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { nativeThresholds } from "tsflow/internal/devices/cpu/kernels/native/elementwise";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import type { OpDef } from "tsflow/internal/ops/op_def";
import { Cumprod, Cumsum, type ScanAttrs } from "tsflow/internal/ops/scan";
import { TopKV2 } from "tsflow/internal/ops/sort";
import type { DType } from "tsflow/internal/core/dtypes";
import { mulberry32 } from "./helpers/random.js";

const addon = nativeAddon();
const skip = addon === null ? "native addon not loaded (TSFLOW_NATIVE=0 or no build)" : false;
if (addon === null) console.log(`# skipping native hot-op tests: ${skip}`);

type DT = "float32" | "float64" | "int32";
type Arr = Float32Array | Float64Array | Int32Array;
const DTYPES: Record<DT, DType> = { float32: tf.float32, float64: tf.float64, int32: tf.int32 };
const rng = mulberry32(0xc05e);

function randomArray(dtype: DT, n: number, prod: boolean): Arr {
  if (dtype === "int32") {
    const a = new Int32Array(n);
    // Large values so that sums and products wrap.
    for (let i = 0; i < n; i++) a[i] = prod ? Math.floor(rng() * 2000001) - 1000000 : Math.floor((rng() - 0.5) * 4294967295);
    return a;
  }
  const a = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  // Products stay near 1 so that long lines neither overflow nor underflow at once.
  for (let i = 0; i < n; i++) a[i] = prod ? 0.9 + 0.2 * rng() : (rng() - 0.5) * 1000;
  if (n > 10) { a[3] = prod ? 0 : NaN; a[7] = -0; }
  return a;
}

function run(kernel: "native" | "reference", op: OpDef<ScanAttrs>, dtype: DT, x: CpuTensor, attrs: ScanAttrs): Arr {
  const k = kernel === "native" ? nativeCpuKernel(op, DTYPES[dtype]) : referenceCpuKernel(op, DTYPES[dtype]);
  assert.ok(k, `${kernel} kernel of ${op.name} for ${dtype}`);
  const r = k([x], attrs as never, [{ dtype: DTYPES[dtype], dims: x.dims }], undefined);
  assert.ok(r !== null, `${op.name} ${dtype}: the native kernel declined`);
  return r[0] as Arr;
}

const bytes = (a: Arr): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const SHAPES = [[100], [1, 257], [7, 13], [3, 5, 11], [2, 64, 3, 4], [1025, 2]];

for (const [op, prod] of [[Cumsum, false], [Cumprod, true]] as const) {
  for (const dtype of ["float32", "float64", "int32"] as const) {
    test(`native ${op.name} ${dtype} equals the reference bit for bit (every axis, exclusive, reverse)`, { skip }, () => {
      for (const dims of SHAPES) {
        const n = dims.reduce((a, b) => a * b, 1);
        const x = { dtype: DTYPES[dtype], dims, buffer: randomArray(dtype, n, prod) } as CpuTensor;
        for (let axis = -dims.length; axis < dims.length; axis++) {
          for (const exclusive of [false, true]) {
            for (const reverse of [false, true]) {
              const attrs = { axis, exclusive, reverse };
              const got = run("native", op, dtype, x, attrs), want = run("reference", op, dtype, x, attrs);
              assert.deepEqual(bytes(got), bytes(want), `${op.name} ${dtype} ${JSON.stringify(dims)} ${JSON.stringify(attrs)}`);
            }
          }
        }
      }
    });
  }
}

test("native scans decline small inputs (the TypeScript kernel runs) and tf.cumsum uses them above the threshold", { skip }, () => {
  const small = { dtype: tf.float32, dims: [4], buffer: new Float32Array([1, 2, 3, 4]) } as CpuTensor;
  assert.equal(nativeCpuKernel(Cumsum, tf.float32)!([small], { axis: 0, exclusive: false, reverse: false }, [{ dtype: tf.float32, dims: [4] }], undefined), null);
  const n = nativeThresholds.scan * 2;
  const values = Array.from({ length: n }, (_, i) => i % 7);
  const got = tf.cumsum(tf.constant(values, "int32"), 0, { exclusive: true }).numpy().tolist();
  let acc = 0;
  const want = values.map((v) => { const r = acc; acc += v; return r; });
  assert.deepEqual(got, want);
});

function topK(kernel: "native" | "reference", dtype: DT, x: CpuTensor, k: number): Arr[] | null {
  const run = kernel === "native" ? nativeCpuKernel(TopKV2, DTYPES[dtype]) : referenceCpuKernel(TopKV2, DTYPES[dtype]);
  assert.ok(run, `${kernel} kernel of TopKV2 for ${dtype}`);
  const dims = [...x.dims.slice(0, -1), k];
  return run([x], { k, sorted: true }, [{ dtype: DTYPES[dtype], dims }, { dtype: tf.int32, dims }], undefined) as Arr[] | null;
}

for (const dtype of ["float32", "float64", "int32"] as const) {
  test(`native TopKV2 ${dtype} equals the reference bit for bit (ties by lower index, k from 1 to all)`, { skip }, () => {
    for (const dims of [[200], [3, 129], [4, 5, 40], [300, 3]]) {
      const n = dims.reduce((a, b) => a * b, 1);
      const buffer = randomArray(dtype, n, false);
      // Few distinct values so that ties are common; no NaN (tested below).
      for (let i = 0; i < n; i++) buffer[i] = dtype === "int32" ? buffer[i]! % 5 : Math.round(buffer[i]! / 200) || 0;
      const x = { dtype: DTYPES[dtype], dims, buffer } as CpuTensor;
      const columns = dims[dims.length - 1]!;
      for (const k of [1, 2, Math.ceil(columns / 3), columns]) {
        const got = topK("native", dtype, x, k), want = topK("reference", dtype, x, k);
        assert.ok(got !== null, `TopKV2 ${dtype} ${JSON.stringify(dims)} k=${k}: the native kernel declined`);
        assert.deepEqual(bytes(got[0]!), bytes(want![0]!), `values ${dtype} ${JSON.stringify(dims)} k=${k}`);
        assert.deepEqual(Array.from(got[1]!), Array.from(want![1]!), `indices ${dtype} ${JSON.stringify(dims)} k=${k}`);
      }
    }
  });
}

test("native TopKV2 declines small inputs and inputs with NaN; tf.math.topK uses it above the threshold", { skip }, () => {
  const small = { dtype: tf.float32, dims: [4], buffer: new Float32Array([1, 2, 3, 4]) } as CpuTensor;
  assert.equal(topK("native", "float32", small, 2), null);
  const withNaN = new Float32Array(nativeThresholds.topK * 2).map((_, i) => i % 9);
  withNaN[5] = NaN;
  assert.equal(topK("native", "float32", { dtype: tf.float32, dims: [withNaN.length], buffer: withNaN } as CpuTensor, 3), null);
  const n = nativeThresholds.topK * 2;
  const values = Array.from({ length: n }, (_, i) => (i * 37) % 101);
  const [v, idx] = tf.math.topK(tf.constant(values, "int32"), 4);
  assert.deepEqual(v!.numpy().tolist(), [100, 100, 100, 99]);
  const firstAt = (target: number, from = 0) => values.indexOf(target, from);
  const i100 = firstAt(100);
  assert.deepEqual(idx!.numpy().tolist(), [i100, firstAt(100, i100 + 1), firstAt(100, firstAt(100, i100 + 1) + 1), firstAt(99)]);
});

// The solver kernels take one row-major float64 copy of each matrix; these build inputs of the
// op's dtype and compare every output of the native and the reference kernel.
function solverCase(op: OpDef<object>, dtype: "float32" | "float64", inputs: CpuTensor[], attrs: object, outputs: { dims: number[]; dtype?: DType }[]): void {
  const specs = outputs.map((o) => ({ dtype: o.dtype ?? DTYPES[dtype], dims: o.dims }));
  const native = nativeCpuKernel(op, DTYPES[dtype]), reference = referenceCpuKernel(op, DTYPES[dtype]);
  assert.ok(native && reference, `${op.name} ${dtype} kernels`);
  const got = native(inputs, attrs as never, specs, undefined), want = reference(inputs, attrs as never, specs, undefined);
  assert.ok(got !== null, `${op.name} ${dtype} ${JSON.stringify(inputs[0]!.dims)}: the native kernel declined`);
  got.forEach((g, i) => assert.deepEqual(bytes(g as Arr), bytes(want[i] as Arr), `${op.name} ${dtype} ${JSON.stringify(inputs[0]!.dims)} output ${i}`));
}

function randomMatrices(dtype: "float32" | "float64", dims: number[], spd = false): CpuTensor {
  const [n] = dims.slice(-1) as [number];
  const batches = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  const a = dtype === "float32" ? new Float32Array(batches * n * n) : new Float64Array(batches * n * n);
  for (let b = 0; b < batches; b++) {
    const m = Array.from({ length: n * n }, () => rng() * 2 - 1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        // Symmetric positive definite: MᵀM + n·I; otherwise M itself.
        let v = m[i * n + j]!;
        if (spd) { v = i === j ? n : 0; for (let p = 0; p < n; p++) v += m[p * n + i]! * m[p * n + j]!; }
        a[b * n * n + i * n + j] = v;
      }
    }
  }
  return { dtype: DTYPES[dtype], dims, buffer: a } as CpuTensor;
}

test("native LU, Cholesky, triangular and QR solvers give the reference kernels' bits (inverse, det, slogdet, solve, cholesky, triangular solve, qr)", { skip }, async () => {
  const { Cholesky, LogMatrixDeterminant, MatrixDeterminant, MatrixInverse, MatrixSolve, MatrixTriangularSolve, Qr, Svd } =
    await import("tsflow/internal/ops/linalg_decompositions");
  for (const dtype of ["float32", "float64"] as const) {
    for (const dims of [[8, 8], [3, 17, 17], [2, 40, 40]]) {
      const n = dims[dims.length - 1]!, batch = dims.slice(0, -2);
      const x = randomMatrices(dtype, dims), spd = randomMatrices(dtype, dims, true);
      const rhs = { dtype: DTYPES[dtype], dims: [...batch, n, 3], buffer: randomMatrices(dtype, [...batch, n, n]).buffer.slice(0, batch.reduce((a, b) => a * b, 1) * n * 3) } as CpuTensor;
      for (const adjoint of [false, true]) {
        solverCase(MatrixInverse as OpDef<object>, dtype, [x], { adjoint }, [{ dims }]);
        solverCase(MatrixSolve as OpDef<object>, dtype, [x, rhs], { adjoint }, [{ dims: rhs.dims as number[] }]);
        for (const lower of [false, true]) {
          solverCase(MatrixTriangularSolve as OpDef<object>, dtype, [spd, rhs], { lower, adjoint }, [{ dims: rhs.dims as number[] }]);
        }
      }
      solverCase(MatrixDeterminant as OpDef<object>, dtype, [x], {}, [{ dims: batch }]);
      solverCase(LogMatrixDeterminant as OpDef<object>, dtype, [x], {}, [{ dims: batch }, { dims: batch }]);
      solverCase(Cholesky as OpDef<object>, dtype, [spd], {}, [{ dims }]);
      // Not positive definite: both fill the lower triangle with NaN.
      solverCase(Cholesky as OpDef<object>, dtype, [x], {}, [{ dims }]);
    }
    // Qr on square, tall and wide matrices, reduced and full Q.
    for (const [m, n] of [[8, 8], [20, 9], [9, 20], [33, 33]] as const) {
      const a = randomMatrices(dtype, [2, Math.max(m, n), Math.max(m, n)]);
      const buf = a.buffer as Float32Array | Float64Array;
      const x = { dtype: DTYPES[dtype], dims: [2, m, n], buffer: buf.slice(0, 2 * m * n) } as CpuTensor;
      for (const fullMatrices of [false, true]) {
        const k = Math.min(m, n);
        solverCase(Qr as OpDef<object>, dtype, [x], { fullMatrices }, [{ dims: [2, m, fullMatrices ? m : k] }, { dims: [2, fullMatrices ? m : k, n] }]);
        // Svd's Jacobi rotations (Math.hypot reproduced natively), with and without vectors.
        for (const computeUv of [false, true]) {
          const uDims = computeUv ? [2, m, fullMatrices ? m : k] : [2, 0], vDims = computeUv ? [2, n, fullMatrices ? n : k] : [2, 0];
          solverCase(Svd as OpDef<object>, dtype, [x], { computeUv, fullMatrices }, [{ dims: [2, k] }, { dims: uDims }, { dims: vDims }]);
        }
      }
    }
  }
});

test("native Svd of complex128 matrices gives the reference kernel's bits", { skip }, async () => {
  const { Svd } = await import("tsflow/internal/ops/linalg_decompositions");
  const [m, n] = [12, 9];
  const buffer = new Float64Array(2 * m * n).map(() => rng() * 2 - 1);
  const x = { dtype: tf.complex128, dims: [m, n], buffer } as CpuTensor;
  const specs = [{ dtype: tf.complex128, dims: [n] }, { dtype: tf.complex128, dims: [m, n] }, { dtype: tf.complex128, dims: [n, n] }];
  const attrs = { computeUv: true, fullMatrices: false };
  const got = nativeCpuKernel(Svd, tf.complex128)!([x], attrs, specs, undefined);
  const want = referenceCpuKernel(Svd, tf.complex128)!([x], attrs, specs, undefined);
  assert.ok(got !== null, "the native kernel declined");
  got.forEach((g, i) => assert.deepEqual(bytes(g as Arr), bytes(want[i] as Arr), `output ${i}`));
});

test("native solvers decline matrices below their order threshold, and tf.linalg.inv runs on them above it", { skip }, async () => {
  const { MatrixInverse } = await import("tsflow/internal/ops/linalg_decompositions");
  const { NATIVE_SOLVER_MIN_N } = await import("tsflow/internal/devices/cpu/kernels/native/linalg_solvers");
  const small = randomMatrices("float64", [NATIVE_SOLVER_MIN_N - 1, NATIVE_SOLVER_MIN_N - 1]);
  const dims = [...small.dims];
  assert.equal(nativeCpuKernel(MatrixInverse, tf.float64)!([small], { adjoint: false }, [{ dtype: tf.float64, dims }], undefined), null);
  const n = NATIVE_SOLVER_MIN_N * 2;
  const a = tf.add(tf.eye(n, undefined, { dtype: "float64" }), tf.constant(randomMatrices("float64", [n, n]).buffer as Float64Array, "float64", [n, n]));
  const product = tf.matmul(a, tf.linalg.inv(a)).numpy().data as Float64Array;
  product.forEach((v, i) => assert.ok(Math.abs(v - (i % (n + 1) === 0 ? 1 : 0)) < 1e-9, `A·inv(A)[${i}] = ${v}`));
});

test("native Philox fills against the TypeScript distributions: uniform bit for bit, normals within a few ulps, every group and tail", { skip }, async () => {
  const { PhiloxRandom } = await import("tsflow/internal/devices/random/philox");
  const { drawFloats } = await import("tsflow/internal/devices/random/kernels");
  const dists = ["uniform", "normal", "truncated_normal"] as const;
  for (const dtype of [tf.float32, tf.float64]) {
    for (const [i, dist] of dists.entries()) {
      for (const n of [1, 3, 4, 5, 1023, 5000]) {
        const counter = [Math.floor(rng() * 2 ** 32), 0xffffffff, Math.floor(rng() * 2 ** 32), 7];
        const key = [Math.floor(rng() * 2 ** 32), Math.floor(rng() * 2 ** 32)];
        const want = drawFloats(dist, new PhiloxRandom(counter, key), dtype, n) as Float32Array | Float64Array;
        const got = dtype === tf.float64 ? new Float64Array(n) : new Float32Array(n);
        addon!.philoxFill(i, dtype === tf.float64 ? 1 : 0, Uint32Array.from([...counter, ...key]), got);
        if (dist === "uniform") assert.deepEqual(Array.from(got), Array.from(want), `${dist} ${dtype.name} n=${n}`);
        else {
          const eps = dtype === tf.float64 ? 2e-15 : 2.4e-7; // V8's sin/cos/log against the C library's
          want.forEach((w, j) => assert.ok(Math.abs(got[j]! - w) <= eps * Math.max(1, Math.abs(w)), `${dist} ${dtype.name} n=${n} [${j}]: ${got[j]} vs ${w}`));
        }
      }
    }
  }
  // Through the ops: the native kernel runs above the threshold and gives the documented numbers' stream.
  tf.random.setSeed(5);
  const big = tf.random.normal([2, 64], { seed: 1 }).hostData() as Float32Array;
  assert.deepEqual(Array.from(big.subarray(0, 4)).map((x) => x.toPrecision(8)), ["-1.3768897", "-0.012583158", "-0.16951500", "1.0824056"]);
});
