// Unary elementwise kernels, built from per-domain scalar functions.
import type { DTypeName } from "../../../core/dtypes.js";
import { allocStorage } from "../../../core/storage.js";
import type { CpuKernel } from "../kernel.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";

export interface UnaryImpl {
  /** Real dtypes on numbers; the result is rounded into the output dtype. */
  number?: (a: number) => number;
  /** Per-dtype overrides of `number`. */
  byDtype?: Partial<Record<DTypeName, (a: number) => number>>;
  /** int64/uint64 on bigints. */
  bigint?: (a: bigint, dtype: DTypeName) => bigint | boolean;
  /** complex -> complex: write (re, im) into out. */
  complex?: (re: number, im: number, out: Float64Array) => void;
  /** complex -> real (abs, real, imag). */
  complexToReal?: (re: number, im: number) => number;
}

export function unaryKernel(impl: UnaryImpl): CpuKernel {
  return (inputs, _attrs, outputs) => {
    const x = inputs[0]!;
    const out = outputs[0]!;
    const n = out.dims.reduce((p, q) => p * q, 1);
    const domain = domainOf(x.dtype);
    if (domain === "number") {
      const fn = impl.byDtype?.[x.dtype.name] ?? impl.number!;
      const a = readNumbers(x.dtype, x.buffer);
      const { values, finish } = numberOutput(out.dtype, n);
      for (let i = 0; i < n; i++) values[i] = fn(a[i]!);
      return [finish()];
    }
    if (domain === "bigint") {
      const a = x.buffer as BigArray, fn = impl.bigint!, name = x.dtype.name;
      const result = allocStorage(out.dtype, n);
      if (out.dtype.isBigInt) for (let i = 0; i < n; i++) (result as BigArray)[i] = fn(a[i]!, name) as bigint;
      else for (let i = 0; i < n; i++) (result as Uint8Array)[i] = fn(a[i]!, name) ? 1 : 0;
      return [result];
    }
    // complex
    const a = x.buffer as Float64Array;
    const result = allocStorage(out.dtype, n);
    if (out.dtype.isComplex) {
      const r = result as Float64Array, tmp = new Float64Array(2), fn = impl.complex!;
      for (let i = 0; i < n; i++) { fn(a[2 * i]!, a[2 * i + 1]!, tmp); r[2 * i] = tmp[0]!; r[2 * i + 1] = tmp[1]!; }
    } else {
      const { values, finish } = numberOutput(out.dtype, n), fn = impl.complexToReal!;
      for (let i = 0; i < n; i++) values[i] = fn(a[2 * i]!, a[2 * i + 1]!);
      return [finish()];
    }
    return [result];
  };
}
