// Native kernels of the comparisons (over the reference kernels): float32, float64 and int32
// inputs, bool outputs; see elementwise.ts for when they decline.
import { Equal, Greater, GreaterEqual, Less, LessEqual, NotEqual } from "../../../../ops/compare.js";
import type { OpDef } from "../../../../ops/op_def.js";
import type { NativeElementwise } from "../../../native/addon.js";
import { registerNativeCpuKernel } from "../../kernel.js";
import { binaryKernel, F32, F64, I32, NAMES } from "./elementwise.js";

/** Register the addon's comparison kernels. */
export function registerNativeCompareKernels(addon: NativeElementwise): void {
  // Binary op codes: see BinOp in native/cpu/elementwise_kernels.h.
  const comparisons: [OpDef, number][] = [[Equal, 6], [NotEqual, 7], [Less, 8], [LessEqual, 9], [Greater, 10], [GreaterEqual, 11]];
  for (const [def, op] of comparisons) {
    for (const code of [F32, F64, I32]) registerNativeCpuKernel(def, [NAMES[code]!], binaryKernel(addon, op, code, true));
  }
}
