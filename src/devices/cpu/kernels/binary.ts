// Broadcasting binary elementwise kernels, built from per-domain scalar functions.
import type { DTypeName } from "../../../core/dtypes.js";
import { allocStorage, type Storage, type StringStorage } from "../../../core/storage.js";
import type { CpuKernel } from "../kernel.js";
import { broadcastIndex } from "./broadcast.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";

export interface BinaryImpl {
  /** Real dtypes computed on numbers (bool inputs arrive as 0/1; bool outputs take nonzero as true). */
  number?: (a: number, b: number) => number;
  /** Per-dtype overrides of `number` (e.g. int32 multiply with wrap-around). */
  byDtype?: Partial<Record<DTypeName, (a: number, b: number) => number>>;
  /** int64/uint64 on bigints; a boolean result is for bool outputs. */
  bigint?: (a: bigint, b: bigint, dtype: DTypeName) => bigint | boolean;
  /** complex -> complex: write (re, im) into out[0], out[1]. */
  complex?: (ar: number, ai: number, br: number, bi: number, out: Float64Array) => void;
  /** complex -> bool. */
  complexPredicate?: (ar: number, ai: number, br: number, bi: number) => boolean;
  /** byte strings. */
  string?: (a: Uint8Array, b: Uint8Array) => Uint8Array | boolean;
}

export function binaryKernel(impl: BinaryImpl): CpuKernel {
  return (inputs, _attrs, outputs) => {
    const [x, y] = inputs as [typeof inputs[0], typeof inputs[0]];
    const out = outputs[0]!;
    const n = out.dims.reduce((p, q) => p * q, 1);
    const ix = broadcastIndex(x.dims, out.dims);
    const iy = broadcastIndex(y.dims, out.dims);
    const domain = domainOf(x.dtype);
    if (domain === "number") {
      const fn = impl.byDtype?.[x.dtype.name] ?? impl.number!;
      const a = readNumbers(x.dtype, x.buffer), b = readNumbers(y.dtype, y.buffer);
      const { values, finish } = numberOutput(out.dtype, n);
      if (ix === null && iy === null) for (let i = 0; i < n; i++) values[i] = fn(a[i]!, b[i]!);
      else for (let i = 0; i < n; i++) values[i] = fn(a[ix ? ix[i]! : i]!, b[iy ? iy[i]! : i]!);
      return [finish()];
    }
    if (domain === "bigint") {
      const a = x.buffer as BigArray, b = y.buffer as BigArray;
      const fn = impl.bigint!;
      const name = x.dtype.name;
      const result = allocStorage(out.dtype, n);
      if (out.dtype.isBigInt) {
        const r = result as BigArray;
        for (let i = 0; i < n; i++) r[i] = fn(a[ix ? ix[i]! : i]!, b[iy ? iy[i]! : i]!, name) as bigint;
      } else {
        const r = result as Uint8Array;
        for (let i = 0; i < n; i++) r[i] = fn(a[ix ? ix[i]! : i]!, b[iy ? iy[i]! : i]!, name) ? 1 : 0;
      }
      return [result];
    }
    if (domain === "complex") {
      const a = x.buffer as Float64Array, b = y.buffer as Float64Array;
      const result = allocStorage(out.dtype, n);
      if (out.dtype.isComplex) {
        const r = result as Float64Array, tmp = new Float64Array(2), fn = impl.complex!;
        for (let i = 0; i < n; i++) {
          const p = 2 * (ix ? ix[i]! : i), q = 2 * (iy ? iy[i]! : i);
          fn(a[p]!, a[p + 1]!, b[q]!, b[q + 1]!, tmp);
          r[2 * i] = tmp[0]!; r[2 * i + 1] = tmp[1]!;
        }
      } else {
        const r = result as Uint8Array, fn = impl.complexPredicate!;
        for (let i = 0; i < n; i++) {
          const p = 2 * (ix ? ix[i]! : i), q = 2 * (iy ? iy[i]! : i);
          r[i] = fn(a[p]!, a[p + 1]!, b[q]!, b[q + 1]!) ? 1 : 0;
        }
      }
      return [result];
    }
    const a = x.buffer as StringStorage, b = y.buffer as StringStorage;
    const fn = impl.string!;
    const result: Storage = allocStorage(out.dtype, n);
    for (let i = 0; i < n; i++) {
      const r = fn(a[ix ? ix[i]! : i]!, b[iy ? iy[i]! : i]!);
      if (typeof r === "boolean") (result as Uint8Array)[i] = r ? 1 : 0;
      else (result as StringStorage)[i] = r;
    }
    return [result];
  };
}
