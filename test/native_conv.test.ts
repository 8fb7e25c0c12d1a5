// The native Conv2D / Conv2DBackpropInput / Conv2DBackpropFilter kernels (im2col + packed
// GEMM, native/cpu/conv.cc) against the TypeScript reference kernels on fixed-seed random
// inputs over many geometries: 1×1 (the direct GEMM path), 3×3, strides, dilations, SAME,
// VALID and explicit paddings, filters as large as the input, blocks of rows larger than one
// image. The GEMM sums in another order (and with FMA) than the reference's float64 loops,
// so float32 agrees to float32 rounding and float64 to float64 rounding; and the native
// kernels decline what they do not handle (grouped, NCHW, tiny).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import { nativeConvCalls } from "tsflow/internal/devices/cpu/kernels/native/nn_conv";
import { Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, type ConvAttrs } from "tsflow/internal/ops/nn_conv";
import type { OpDef } from "tsflow/internal/ops/op_def";
import type { TensorSpec } from "tsflow/internal/core/tensor_spec";
import { mulberry32 } from "./helpers/random.js";

const addon = nativeAddon();
const skip = addon === null ? "native addon not loaded (TSFLOW_NATIVE=0 or no build)" : false;
const rng = mulberry32(0xc0a7);

type F = Float32Array | Float64Array;
function randomArray(dtype: "float32" | "float64", n: number): F {
  const a = dtype === "float32" ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = 2 * rng() - 1;
  return a;
}

interface Geo { x: number[]; w: number[]; strides: number[]; dilations: number[]; padding: ConvAttrs["padding"]; explicit?: number[] }
const GEOMETRIES: Geo[] = [
  { x: [2, 7, 6, 5], w: [1, 1, 5, 4], strides: [1, 1], dilations: [1, 1], padding: "SAME" },
  { x: [1, 9, 9, 8], w: [3, 3, 8, 16], strides: [1, 1], dilations: [1, 1], padding: "SAME" },
  { x: [3, 8, 7, 3], w: [3, 3, 3, 5], strides: [2, 2], dilations: [1, 1], padding: "SAME" },
  { x: [2, 10, 9, 4], w: [3, 2, 4, 3], strides: [2, 3], dilations: [1, 1], padding: "VALID" },
  { x: [1, 11, 11, 2], w: [3, 3, 2, 4], strides: [1, 1], dilations: [2, 3], padding: "SAME" },
  { x: [1, 6, 7, 3], w: [2, 3, 3, 2], strides: [1, 2], dilations: [1, 1], padding: "EXPLICIT", explicit: [0, 0, 2, 1, 0, 3, 0, 0] },
  { x: [2, 5, 5, 6], w: [5, 5, 6, 7], strides: [1, 1], dilations: [1, 1], padding: "VALID" },
  { x: [2, 8, 8, 9], w: [1, 1, 9, 3], strides: [2, 2], dilations: [1, 1], padding: "VALID" },
  // 48 rows × 576 columns per image, 4 images: more than one block of patch rows in the filter gradient.
  { x: [4, 60, 60, 64], w: [3, 3, 64, 8], strides: [1, 1], dilations: [1, 1], padding: "SAME" },
];

function attrsOf(g: Geo): ConvAttrs {
  return { strides: [1, ...g.strides, 1], dilations: [1, ...g.dilations, 1], padding: g.padding, explicitPaddings: g.explicit ?? [], dataFormat: "NHWC" };
}

function runBoth(op: OpDef<object, unknown>, dtype: "float32" | "float64", inputs: CpuTensor[], attrs: object): [F, F] {
  const d = tf[dtype];
  const { outputs, plan } = op.plan!(inputs.map((t) => ({ dtype: t.dtype, dims: t.dims }) as TensorSpec), attrs);
  const nat = nativeCpuKernel(op, d), ref = referenceCpuKernel(op, d);
  assert.ok(nat && ref);
  const before = nativeConvCalls();
  const n = nat(inputs, attrs, outputs, plan);
  assert.ok(n !== null, `${op.name}: the native kernel declined`);
  assert.equal(nativeConvCalls(), before + 1);
  return [n[0] as F, ref(inputs, attrs, outputs, plan)[0] as F];
}

function assertClose(native: F, reference: F, tol: number, what: string): void {
  assert.equal(native.length, reference.length, what);
  let scale = 1;
  for (const v of reference) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < native.length; i++) {
    assert.ok(Math.abs(native[i]! - reference[i]!) <= tol * scale, `${what}: element ${i}: native ${native[i]} vs reference ${reference[i]}`);
  }
}

for (const dtype of ["float32", "float64"] as const) {
  test(`native Conv2D and both backprops (${dtype}) agree with the reference kernels`, { skip }, () => {
    const tol = dtype === "float32" ? 2e-6 : 1e-13;
    for (const g of GEOMETRIES) {
      const d = tf[dtype], attrs = attrsOf(g);
      const x = { dtype: d, dims: g.x, buffer: randomArray(dtype, g.x.reduce((a, b) => a * b, 1)) } as CpuTensor;
      const w = { dtype: d, dims: g.w, buffer: randomArray(dtype, g.w.reduce((a, b) => a * b, 1)) } as CpuTensor;
      const yDims = Conv2D.plan!([x, w], attrs).outputs[0]!.dims;
      const dy = { dtype: d, dims: yDims, buffer: randomArray(dtype, yDims.reduce((a, b) => a * b, 1)) } as CpuTensor;
      const what = `${JSON.stringify(g)}`;
      const [y, yRef] = runBoth(Conv2D as never, dtype, [x, w], attrs);
      assertClose(y, yRef, tol, `forward ${what}`);
      const [dx, dxRef] = runBoth(Conv2DBackpropInput as never, dtype, [w, dy], { ...attrs, inputSizes: g.x });
      assertClose(dx, dxRef, tol, `input gradient ${what}`);
      const [dw, dwRef] = runBoth(Conv2DBackpropFilter as never, dtype, [x, dy], { ...attrs, filterSizes: g.w });
      assertClose(dw, dwRef, tol * 4, `filter gradient ${what}`);
    }
  });
}

test("the native kernels are deterministic and decline grouped, NCHW and tiny convolutions", { skip }, () => {
  const g = GEOMETRIES[1]!, attrs = attrsOf(g);
  const xs = { dtype: tf.float32, dims: g.x, buffer: randomArray("float32", g.x.reduce((a, b) => a * b, 1)) } as CpuTensor;
  const ws = { dtype: tf.float32, dims: g.w, buffer: randomArray("float32", g.w.reduce((a, b) => a * b, 1)) } as CpuTensor;
  const a = runBoth(Conv2D as never, "float32", [xs, ws], attrs)[0], b = runBoth(Conv2D as never, "float32", [xs, ws], attrs)[0];
  assert.deepEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  const nat = nativeCpuKernel(Conv2D, tf.float32)!;
  const decline = (inputs: CpuTensor[], at: ConvAttrs): void => {
    const { outputs, plan } = Conv2D.plan!(inputs, at);
    assert.equal(nat(inputs, at, outputs, plan), null);
  };
  const grouped = { dtype: tf.float32, dims: [1, 5, 5, 4], buffer: randomArray("float32", 100) } as CpuTensor;
  decline([grouped, { dtype: tf.float32, dims: [3, 3, 2, 4], buffer: randomArray("float32", 72) } as CpuTensor], { ...attrs, dataFormat: "NHWC" });
  decline([{ dtype: tf.float32, dims: [1, 8, 9, 9], buffer: randomArray("float32", 648) } as CpuTensor, ws], { ...attrs, dataFormat: "NCHW" });
  decline([{ dtype: tf.float32, dims: [1, 2, 2, 1], buffer: randomArray("float32", 4) } as CpuTensor, { dtype: tf.float32, dims: [1, 1, 1, 1], buffer: randomArray("float32", 1) } as CpuTensor], attrs);
});
