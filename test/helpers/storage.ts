// Random storage of every dtype and hex dumps of storage, for I/O round-trip tests.
import type { DType, Storage } from "tsflow";
import { toHalfBits } from "tsflow/internal/core/f16";
import { mulberry32 } from "./random.js";

/** `n` random elements of `d` (deterministic in `seed`), spanning each dtype's range. */
export function randomStorage(d: DType, n: number, seed: number): Storage {
  const rng = mulberry32(seed);
  const m = d.isComplex ? 2 * n : n;
  const vals = Array.from({ length: m }, () => rng());
  switch (d.name) {
    case "float16": return Uint16Array.from(vals, (v) => toHalfBits((v - 0.5) * 100));
    case "bfloat16": return Uint16Array.from(vals, (v) => Math.floor(v * 0x7f00) | (v < 0.3 ? 0x8000 : 0));
    case "float32": case "complex64": return Float32Array.from(vals, (v) => (v - 0.5) * 1e6);
    case "float64": case "complex128": return Float64Array.from(vals, (v) => (v - 0.5) * 1e300);
    case "int8": return Int8Array.from(vals, (v) => Math.floor(v * 256) - 128);
    case "int16": return Int16Array.from(vals, (v) => Math.floor(v * 65536) - 32768);
    case "int32": return Int32Array.from(vals, (v) => Math.floor(v * 2 ** 32) - 2 ** 31);
    case "int64": return BigInt64Array.from(vals, (v) => BigInt(Math.floor(v * 2 ** 52)) * 4099n - 2n ** 62n);
    case "uint8": return Uint8Array.from(vals, (v) => Math.floor(v * 256));
    case "uint16": return Uint16Array.from(vals, (v) => Math.floor(v * 65536));
    case "uint32": return Uint32Array.from(vals, (v) => Math.floor(v * 2 ** 32));
    case "uint64": return BigUint64Array.from(vals, (v) => BigInt(Math.floor(v * 2 ** 52)) * 4099n);
    case "bool": return Uint8Array.from(vals, (v) => (v < 0.5 ? 0 : 1));
    default: throw new Error(`no storage for ${d.name}`);
  }
}

/** The bytes of storage as hex (byte strings joined by commas). */
export function bytesOf(s: Storage): string {
  if (Array.isArray(s)) return s.map((b) => Buffer.from(b).toString("hex")).join(",");
  return Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString("hex");
}
