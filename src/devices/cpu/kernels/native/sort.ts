// Native kernel of TopKV2 (over the reference kernel in ../sort.ts): float32, float64 and int32,
// the same elements in the same order (ties by lower index). Small inputs, and inputs holding a
// NaN (which the addon declines), stay in TypeScript.
import { sizeOf } from "../../../../core/tensor_shape.js";
import { TopKV2 } from "../../../../ops/sort.js";
import type { NativeArray, NativeTopK } from "../../../native/addon.js";
import { registerNativeCpuKernel } from "../../kernel.js";
import { allocate, F32, F64, I32, NAMES, nativeThresholds } from "./elementwise.js";

/** Register the addon's TopKV2 kernel. */
export function registerNativeSortKernels(addon: NativeTopK): void {
  for (const code of [F32, F64, I32]) {
    registerNativeCpuKernel(TopKV2, [NAMES[code]!], (inputs, { k }) => {
      const x = inputs[0]!;
      const n = (x.buffer as NativeArray).length;
      const columns = x.dims[x.dims.length - 1]!;
      if (n < nativeThresholds.topK || k === 0) return null;
      const rows = sizeOf(x.dims) / columns;
      const values = allocate(code, rows * k), indices = allocate(I32, rows * k) as Int32Array;
      return addon.topK(code, x.buffer as NativeArray, values, indices, rows, columns, k) ? [values, indices] : null;
    });
  }
}
