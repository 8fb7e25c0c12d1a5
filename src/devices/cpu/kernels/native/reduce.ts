// Native kernels of the reductions and arg-reductions (over the reference kernels): float32,
// float64 and int32; see elementwise.ts for when they decline.
import { sizeOf } from "../../../../core/tensor_shape.js";
import type { Storage } from "../../../../core/storage.js";
import { ArgMax, ArgMin, Max, Mean, Min, Prod, Sum, type ArgAttrs, type ReduceAttrs } from "../../../../ops/reduce.js";
import type { OpDef } from "../../../../ops/op_def.js";
import type { NativeArray, NativeElementwise } from "../../../native/addon.js";
import { registerNativeCpuKernel, type NativeCpuKernel } from "../../kernel.js";
import { allocate, F32, F64, I32, layoutFor, MAX_RANK, NAMES, nativeThresholds } from "./elementwise.js";

/** Register the addon's reduction and arg-reduction kernels. */
export function registerNativeReduceKernels(addon: NativeElementwise): void {
  const reduceKernel = (op: number, code: number): NativeCpuKernel<ReduceAttrs> => (inputs, attrs, outputs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NativeArray).length;
    if (n < nativeThresholds.reduce) return null;
    const dims = x.dims, rank = dims.length, axes = attrs.axes;
    if (rank > MAX_RANK) return null;
    const layout = layoutFor(1 + 2 * rank);
    layout[0] = rank;
    for (let i = 0; i < rank; i++) { layout[1 + i] = dims[i]!; layout[1 + rank + i] = 0; }
    for (let k = 0; k < axes.length; k++) layout[1 + rank + axes[k]!] = 1;
    const out = allocate(code, sizeOf(outputs[0]!.dims));
    addon.ewReduce(op, code, x.buffer as NativeArray, out, layout);
    return [out];
  };
  const reductions: [OpDef<ReduceAttrs>, number][] = [[Sum, 0], [Mean, 1], [Prod, 2], [Max, 3], [Min, 4]];
  for (const [def, op] of reductions) {
    for (const code of [F32, F64, I32]) registerNativeCpuKernel(def, [NAMES[code]!], reduceKernel(op, code));
  }

  // --- ArgMax / ArgMin ---------------------------------------------------------------------
  const argKernel = (op: number, code: number): NativeCpuKernel<ArgAttrs> => (inputs, attrs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NativeArray).length;
    if (n < nativeThresholds.arg) return null;
    const wide = attrs.outputType.name === "int64";
    if (!wide && attrs.outputType.name !== "int32") return null;
    const dims = x.dims, rank = dims.length;
    const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
    let outer = 1, inner = 1;
    for (let i = 0; i < axis; i++) outer *= dims[i]!;
    for (let i = axis + 1; i < rank; i++) inner *= dims[i]!;
    const out = wide ? new BigInt64Array(outer * inner) : new Int32Array(outer * inner);
    addon.ewArg(op, code, x.buffer as NativeArray, out, outer, dims[axis]!, inner);
    return [out as Storage];
  };
  for (const code of [F32, F64, I32]) {
    registerNativeCpuKernel(ArgMax, [NAMES[code]!], argKernel(0, code));
    registerNativeCpuKernel(ArgMin, [NAMES[code]!], argKernel(1, code));
  }
}
