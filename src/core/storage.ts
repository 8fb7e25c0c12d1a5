// Host-side element storage: one flat, C-ordered typed array per tensor.
//   float16/bfloat16 -> Uint16Array of bit patterns (Node 20 has no Float16Array)
//   int64/uint64     -> BigInt64Array/BigUint64Array
//   bool             -> Uint8Array of 0/1
//   complex64/128    -> Float32Array/Float64Array, re and im interleaved
//   string           -> an array of byte strings (TensorFlow strings are bytes)
import type { DType, DTypeName } from "./dtypes.js";

export type NumericStorage =
  | Float32Array | Float64Array
  | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint16Array | Uint32Array
  | BigInt64Array | BigUint64Array;
export type StringStorage = Uint8Array[];
export type Storage = NumericStorage | StringStorage;

/** A complex number, as `{ re, im }`. */
export interface Complex { re: number; im: number }

type Ctor = new (n: number) => NumericStorage;
const CTORS: Record<Exclude<DTypeName, "string">, Ctor> = {
  float16: Uint16Array, bfloat16: Uint16Array, float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array, complex64: Float32Array, complex128: Float64Array,
};

/** Zero-filled storage for `n` elements of `dtype`. */
export function allocStorage(dtype: DType, n: number): Storage {
  if (dtype.name === "string") {
    const out: StringStorage = new Array(n);
    for (let i = 0; i < n; i++) out[i] = new Uint8Array(0);
    return out;
  }
  return new CTORS[dtype.name](dtype.isComplex ? 2 * n : n);
}

/** A copy of storage (byte strings are immutable and shared). */
export function copyStorage(s: Storage): Storage {
  return Array.isArray(s) ? s.slice() : s.slice();
}

/** Number of elements held (complex storage holds two numbers per element). */
export function elementCount(dtype: DType, s: Storage): number {
  return dtype.isComplex ? s.length / 2 : s.length;
}

const utf8Encoder = new TextEncoder();
/** UTF-8 bytes of a JS string, as TensorFlow stores a Python str. */
export function encodeString(s: string): Uint8Array { return utf8Encoder.encode(s); }
const utf8Decoder = new TextDecoder();
/** Decode UTF-8 bytes to a JS string (lossy for invalid UTF-8). */
export function decodeString(b: Uint8Array): string { return utf8Decoder.decode(b); }
