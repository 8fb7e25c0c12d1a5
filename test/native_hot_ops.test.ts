// The native hot-op kernels against the TypeScript reference kernels: Cumsum and Cumprod on
// float32, float64 and int32, every axis, exclusive and reverse, fixed-seed random inputs of
// several shapes. Same order of operations, so the results must be the same bits.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { nativeThresholds } from "tsflow/internal/devices/cpu/kernels/native/elementwise";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import type { OpDef } from "tsflow/internal/ops/op_def";
import { Cumprod, Cumsum, type ScanAttrs } from "tsflow/internal/ops/scan";
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
