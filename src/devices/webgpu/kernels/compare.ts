// WGSL kernels of the comparison and logical ops and SelectV2 (see map_shader.ts).
import type { DTypeName } from "../../../core/dtypes.js";
import { Equal, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalNot, LogicalOr, NotEqual, SelectV2 } from "../../../ops/compare.js";
import { registerGpuKernel } from "../kernel.js";
import { binary, mapKernel } from "./map_shader.js";

const CMP: readonly DTypeName[] = ["float32", "float16", "int32"];

/** Register the WGSL kernels of the comparison and logical ops. */
export function registerCompareKernels(): void {
  binary(Equal, [...CMP, "bool"], (a, b) => `(${a} == ${b})`);
  binary(NotEqual, [...CMP, "bool"], (a, b) => `(${a} != ${b})`);
  binary(Less, CMP, (a, b) => `(${a} < ${b})`);
  binary(LessEqual, CMP, (a, b) => `(${a} <= ${b})`);
  binary(Greater, CMP, (a, b) => `(${a} > ${b})`);
  binary(GreaterEqual, CMP, (a, b) => `(${a} >= ${b})`);
  binary(LogicalAnd, ["bool"], (a, b) => `(${a} && ${b})`);
  binary(LogicalOr, ["bool"], (a, b) => `(${a} || ${b})`);
  registerGpuKernel(SelectV2, ["float32", "float16", "int32", "bool"], mapKernel("SelectV2", (v) => `select(${v[2]}, ${v[1]}, ${v[0]})`));
  registerGpuKernel(LogicalNot, ["bool"], mapKernel("LogicalNot", (v) => `!${v[0]}`));
}
