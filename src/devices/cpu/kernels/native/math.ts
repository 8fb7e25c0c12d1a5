// Native kernels of the elementwise math ops and Cast (over the reference kernels): float32,
// float64 and int32 (bool too for casts); see elementwise.ts for when they decline.
import { Abs, Add, AddV2, Cast, Cos, Exp, Log, Log1p, Maximum, Minimum, Mul, Neg, RealDiv, Relu, ReluGrad, Rsqrt, Sigmoid, Sign, Sin, Sqrt, Square, Sub, Tanh } from "../../../../ops/math.js";
import type { OpDef } from "../../../../ops/op_def.js";
import type { NativeArray, NativeElementwise } from "../../../native/addon.js";
import { registerNativeCpuKernel } from "../../kernel.js";
import { allocate, BOOL, binaryKernel, CODES, F32, F64, I32, NAMES, nativeThresholds, unaryKernel } from "./elementwise.js";

/** Register the addon's elementwise math and cast kernels. */
export function registerNativeMathKernels(addon: NativeElementwise): void {
  // Binary op codes: see BinOp in native/cpu/elementwise_kernels.h.
  const binaries: [OpDef, number, readonly number[]][] = [
    [AddV2, 0, [F32, F64, I32]], [Add, 0, [F32, F64, I32]], [Sub, 1, [F32, F64, I32]],
    [Mul, 2, [F32, F64, I32]], [RealDiv, 3, [F32, F64]],
    [Maximum, 4, [F32, F64, I32]], [Minimum, 5, [F32, F64, I32]], [ReluGrad, 12, [F32, F64, I32]],
  ];
  for (const [def, op, codes] of binaries) {
    for (const code of codes) registerNativeCpuKernel(def, [NAMES[code]!], binaryKernel(addon, op, code, false));
  }

  // Unary op codes: see UnOp in native/cpu/elementwise_kernels.h.
  const unaries: [OpDef, number, readonly number[], boolean][] = [
    [Neg, 0, [F32, F64, I32], false], [Abs, 1, [F32, F64, I32], false], [Square, 2, [F32, F64, I32], false],
    [Sqrt, 3, [F32, F64], false], [Rsqrt, 4, [F32, F64], false],
    [Exp, 5, [F32, F64], true], [Log, 6, [F32, F64], true], [Log1p, 7, [F32, F64], true], [Sin, 8, [F32, F64], true],
    [Cos, 9, [F32, F64], true], [Tanh, 10, [F32, F64], true], [Sigmoid, 11, [F32, F64], true],
    [Relu, 12, [F32, F64, I32], false], [Sign, 13, [F32, F64, I32], false],
  ];
  for (const [def, op, codes, transcendental] of unaries) {
    for (const code of codes) registerNativeCpuKernel(def, [NAMES[code]!], unaryKernel(addon, op, code, transcendental));
  }

  // Cast among float32, float64, int32 and bool.
  for (const from of [F32, F64, I32, BOOL]) {
    registerNativeCpuKernel(Cast, [NAMES[from]!], (inputs, attrs) => {
      const x = inputs[0]!;
      const n = (x.buffer as NativeArray).length;
      if (n < nativeThresholds.cast) return null;
      const to = CODES[attrs.dtype.name];
      if (to === undefined) return null;
      const out = allocate(to, n);
      addon.ewCast(from, to, x.buffer as NativeArray, out);
      return [out];
    });
  }
}
