// Native kernels of Cumsum and Cumprod (over the reference kernels in ../scan.ts): float32,
// float64 and int32, same order of operations, so the same bits. Small inputs stay in TypeScript.
import { sizeOf } from "../../../../core/tensor_shape.js";
import type { OpDef } from "../../../../ops/op_def.js";
import { Cumprod, Cumsum, scanAxis, type ScanAttrs } from "../../../../ops/scan.js";
import type { NativeArray, NativeScan } from "../../../native/addon.js";
import { registerNativeCpuKernel, type NativeCpuKernel } from "../../kernel.js";
import { allocate, F32, F64, I32, NAMES, nativeThresholds } from "./elementwise.js";

/** Register the addon's scan kernels. */
export function registerNativeScanKernels(addon: NativeScan): void {
  const scanKernel = (op: number, code: number): NativeCpuKernel<ScanAttrs> => (inputs, attrs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NativeArray).length;
    if (n < nativeThresholds.scan) return null;
    const dims = x.dims, axis = scanAxis(attrs.axis, dims.length);
    const outer = sizeOf(dims.slice(0, axis)), inner = sizeOf(dims.slice(axis + 1));
    const out = allocate(code, n);
    addon.scan(op, code, x.buffer as NativeArray, out, outer, dims[axis]!, inner, attrs.exclusive, attrs.reverse);
    return [out];
  };
  const scans: [OpDef<ScanAttrs>, number][] = [[Cumsum, 0], [Cumprod, 1]];
  for (const [def, op] of scans) {
    for (const code of [F32, F64, I32]) registerNativeCpuKernel(def, [NAMES[code]!], scanKernel(op, code));
  }
}
