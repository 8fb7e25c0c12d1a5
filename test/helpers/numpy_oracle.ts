// python3 + numpy as the test oracle: arrays cross the process boundary as raw
// little-endian bytes (hex), so no value is rounded on the way.
import { spawnSync } from "node:child_process";

export interface RawArray {
  /** TensorFlow dtype name (numpy's, except `string` for arrays of bytes). */
  dtype: string;
  shape: number[];
  /** Typed array of the dtype's storage (see src/core/storage.ts), or byte strings. */
  data: ArrayBufferView | Uint8Array[];
}
interface Encoded { dtype: string; shape: number[]; hex?: string; strings?: string[] }

let available: boolean | undefined;
/** Whether python3 with numpy can be run here. */
export function numpyAvailable(): boolean {
  available ??= spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
  return available;
}

function toHex(v: ArrayBufferView): string {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
}

export function encodeArray(a: RawArray): Encoded {
  if (Array.isArray(a.data)) return { dtype: a.dtype, shape: a.shape, strings: a.data.map((b) => Buffer.from(b).toString("hex")) };
  return { dtype: a.dtype, shape: a.shape, hex: toHex(a.data as ArrayBufferView) };
}

const CTORS: Record<string, new (b: ArrayBuffer) => ArrayBufferView> = {
  float16: Uint16Array, float32: Float32Array, float64: Float64Array,
  int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  bool: Uint8Array, complex64: Float32Array, complex128: Float64Array,
};

export function decodeArray(e: Encoded): RawArray {
  if (e.strings) return { dtype: e.dtype, shape: e.shape, data: e.strings.map((h) => new Uint8Array(Buffer.from(h, "hex"))) };
  const bytes = Buffer.from(e.hex!, "hex");
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { dtype: e.dtype, shape: e.shape, data: new CTORS[e.dtype]!(buf) };
}

/** Python helpers available to every oracle script: dec(obj) -> ndarray, enc(ndarray) -> obj. */
const PRELUDE = `
import sys, json, numpy as np
def dec(e):
    if 'strings' in e:
        a = np.empty(len(e['strings']), dtype=object)
        for i, h in enumerate(e['strings']): a[i] = bytes.fromhex(h)
        return a.reshape(e['shape'])
    dt = np.dtype('<' + {'float16':'f2','float32':'f4','float64':'f8','int8':'i1','int16':'i2','int32':'i4','int64':'i8','uint8':'u1','uint16':'u2','uint32':'u4','uint64':'u8','bool':'?','complex64':'c8','complex128':'c16'}[e['dtype']])
    return np.frombuffer(bytes.fromhex(e['hex']), dtype=dt).reshape(e['shape']).copy()
def enc(a):
    a = np.asarray(a)
    if a.dtype == object:
        return {'dtype': 'string', 'shape': list(a.shape), 'strings': [bytes(x).hex() for x in a.reshape(-1)]}
    name = 'bool' if a.dtype == np.bool_ else a.dtype.name
    return {'dtype': name, 'shape': list(a.shape), 'hex': np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tobytes().hex()}
INPUT = json.load(sys.stdin)
`;

/**
 * Run `script` in python3 after the prelude; the script reads INPUT (the JSON of `input`)
 * and must print one JSON document, which is returned parsed.
 */
export function runPython(script: string, input: unknown): unknown {
  const r = spawnSync("python3", ["-c", PRELUDE + script], {
    input: JSON.stringify(input, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown;
}
