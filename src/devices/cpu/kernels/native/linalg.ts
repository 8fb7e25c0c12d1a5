// Native matrix multiplication kernels (registered over the TypeScript reference kernels):
// MatMul and BatchMatMulV2 for float32 and float64 run on the addon's packed, cache-blocked
// GEMM (native/cpu/gemm_kernels.cc) unless the product is too small to pay for the call.
import { sizeOf } from "../../../../core/tensor_shape.js";
import type { Storage } from "../../../../core/storage.js";
import { BatchMatMulV2, MatMul, type MatMulAttrs } from "../../../../ops/linalg.js";
import type { TensorSpec } from "../../../../core/tensor_spec.js";
import { broadcastIndex } from "../broadcast.js";
import { registerNativeCpuKernel, type CpuTensor } from "../../kernel.js";
import type { NativeGemm } from "../../../native/addon.js";
import { allocateOutput } from "../../memory.js";

/**
 * Below this many multiply-adds (batches × m × n × k) the TypeScript kernel is at least as
 * fast as crossing into C++ (about 1 µs per call): measured on Zen 4, the two meet near
 * 6×6×6 (float32 and float64, square and skinny shapes alike).
 */
export const NATIVE_GEMM_MIN_MACS = 256;

let calls = 0;
/** How many matrix products the native GEMM has run (for tests). */
export function nativeGemmCalls(): number { return calls; }

function nativeMatmul(addon: NativeGemm, inputs: readonly CpuTensor[], attrs: MatMulAttrs, outputs: readonly TensorSpec[]): Storage[] | null {
  const [a, b] = inputs as [CpuTensor, CpuTensor];
  const out = outputs[0]!;
  const ra = a.dims.length, ro = out.dims.length;
  const ta = attrs.transposeA || attrs.adjointA, tb = attrs.transposeB || attrs.adjointB;
  const m = out.dims[ro - 2]!, n = out.dims[ro - 1]!;
  const k = a.dims[ra - (ta ? 2 : 1)]!;
  const batchDims = out.dims.slice(0, -2);
  const batches = sizeOf(batchDims);
  if (batches * m * n * k < NATIVE_GEMM_MIN_MACS) return null;
  const A = a.buffer as Float32Array | Float64Array, B = b.buffer as Float32Array | Float64Array;
  const C = allocateOutput(A instanceof Float64Array ? "float64" : "float32", batches * m * n);
  const aIndex = batchDims.length === 0 ? null : broadcastIndex(a.dims.slice(0, -2), batchDims);
  const bIndex = batchDims.length === 0 ? null : broadcastIndex(b.dims.slice(0, -2), batchDims);
  addon.gemm(A, B, C, m, n, k, ta, tb, batches, aIndex, bIndex);
  calls++;
  return [C];
}

/** Register the addon's matrix-product kernels. */
export function registerNativeLinalgKernels(addon: NativeGemm): void {
  const kernel = (inputs: readonly CpuTensor[], attrs: MatMulAttrs, outputs: readonly TensorSpec[]): Storage[] | null => nativeMatmul(addon, inputs, attrs, outputs);
  registerNativeCpuKernel(MatMul, ["float32", "float64"], kernel);
  registerNativeCpuKernel(BatchMatMulV2, ["float32", "float64"], kernel);
}
