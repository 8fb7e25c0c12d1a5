// How CPU kernels see elements: every real dtype except 64-bit integers computes on JS
// numbers (half types decoded to numbers and rounded back once); int64/uint64 compute on
// bigints; complex dtypes on interleaved (re, im) pairs; strings on byte strings.
import type { DType } from "../../../core/dtypes.js";
import { fromBFloat16Bits, fromHalfBits, toBFloat16Bits, toHalfBits } from "../../../core/f16.js";
import { allocStorage, type Storage } from "../../../core/storage.js";

export type NumberArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint16Array | Uint32Array;
export type BigArray = BigInt64Array | BigUint64Array;

/** Which arithmetic a dtype uses in kernels. */
export type Domain = "number" | "bigint" | "complex" | "string";
export function domainOf(d: DType): Domain {
  if (d.isBigInt) return "bigint";
  if (d.isComplex) return "complex";
  if (d.isString) return "string";
  return "number";
}

/** A tensor's elements as numbers (decoding half types; a view for the others). */
export function readNumbers(dtype: DType, s: Storage): NumberArray {
  if (dtype.name === "float16" || dtype.name === "bfloat16") {
    const bits = s as Uint16Array;
    const out = new Float32Array(bits.length);
    const decode = dtype.name === "float16" ? fromHalfBits : fromBFloat16Bits;
    for (let i = 0; i < bits.length; i++) out[i] = decode(bits[i]!);
    return out;
  }
  return s as NumberArray;
}

/**
 * Storage of `dtype` for `n` elements plus the number array to compute into: the storage
 * itself, or for half types a Float64Array that `finish` rounds into the storage.
 */
export function numberOutput(dtype: DType, n: number): { values: NumberArray; finish: () => Storage } {
  if (dtype.name === "float16" || dtype.name === "bfloat16") {
    const values = new Float64Array(n);
    const encode = dtype.name === "float16" ? toHalfBits : toBFloat16Bits;
    return {
      values,
      finish: () => {
        const bits = new Uint16Array(n);
        for (let i = 0; i < n; i++) bits[i] = encode(values[i]!);
        return bits;
      },
    };
  }
  if (dtype.name === "bool") {
    // Any nonzero value written into a bool output means true.
    const values = new Float64Array(n);
    return {
      values,
      finish: () => {
        const out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = values[i] !== 0 ? 1 : 0;
        return out;
      },
    };
  }
  const values = allocStorage(dtype, n) as NumberArray;
  return { values, finish: () => values };
}
