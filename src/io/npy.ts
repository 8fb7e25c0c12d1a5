// The NPY format (numpy/lib/format.py), as a pure codec: bytes <-> { dtype, shape, storage }.
//   magic "\x93NUMPY", major, minor version bytes, header length (uint16 LE for 1.0, uint32 LE
//   for 2.0 and 3.0), header (a Python dict literal: latin-1 for 1.0/2.0, UTF-8 for 3.0) padded
//   with spaces and ended by "\n" so the data starts at a multiple of 64, then the raw data.
// Writing emits version 1.0 unless the header needs more; reading takes every version, either
// byte order and Fortran order. Errors name the file: DataLossError for damaged bytes,
// ValueError for well-formed files tsflow cannot represent, TypeError for unsavable dtypes.
import {
  DType, float16, float32, float64, int8, int16, int32, int64,
  uint8, uint16, uint32, uint64, bool, complex64, complex128, string as stringDtype,
} from "../core/dtypes.js";
import type { Storage, NumericStorage } from "../core/storage.js";
import { encodeString } from "../core/storage.js";
import { DataLossError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  badNpyHeaderField, invalidUnicodeCodePoint, noTsflowDtype, notNpyFile, npyDataSizeMismatch, npyHeaderKeys,
  npyHeaderNotDict, npyHeaderNotUtf8, npyHeaderUnparsable, npyLiteralFaults, npyObjectArray,
  npyShapeTooLarge, npyStructuredDtype, tooManyZeroWidthElements, truncatedNpyHeader, unsavableNpyDtype,
  unsupportedNpyDescr, unsupportedNpyVersion,
} from "../errors/io_messages.js";

/** A decoded array: flat C-order storage in tsflow's layout (see core/storage.ts). */
export interface NpyArray {
  dtype: DType;
  shape: number[];
  storage: Storage;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGN = 64;

// ---------------------------------------------------------------------------------------
// dtype <-> descr

const DESCR: Partial<Record<DType["name"], string>> = {
  float16: "<f2", float32: "<f4", float64: "<f8",
  int8: "|i1", int16: "<i2", int32: "<i4", int64: "<i8",
  uint8: "|u1", uint16: "<u2", uint32: "<u4", uint64: "<u8",
  bool: "|b1", complex64: "<c8", complex128: "<c16",
};

const BY_KIND_SIZE = new Map<string, DType>([
  ["f2", float16], ["f4", float32], ["f8", float64],
  ["i1", int8], ["i2", int16], ["i4", int32], ["i8", int64],
  ["u1", uint8], ["u2", uint16], ["u4", uint32], ["u8", uint64],
  ["b1", bool], ["c8", complex64], ["c16", complex128],
]);

/** numpy's descr for a tsflow dtype; TypeError (naming `file` when given) for dtypes numpy lacks. */
export function npyDescr(dtype: DType, file?: string): string {
  const d = DESCR[dtype.name];
  if (d === undefined) throw new TFTypeError(unsavableNpyDtype(dtype, file));
  return d;
}

interface Parsed {
  dtype: DType;
  /** Bytes per element in the file. */
  itemsize: number;
  bigEndian: boolean;
  /** Bytes per byte-swapped unit (component size for complex). */
  unit: number;
  /** For numpy strings: "U" (UTF-32 code points) or "S" (bytes). */
  text?: "U" | "S";
}

function parseDescr(descr: PyValue, file: string): Parsed {
  if (typeof descr !== "string") {
    throw new ValueError(npyStructuredDtype(file, pyRepr(descr)));
  }
  const m = /^([<>|=]?)([a-zA-Z?])(\d*)$/.exec(descr);
  if (m === null) throw new ValueError(unsupportedNpyDescr(file, descr));
  const order = m[1]!;
  let kind = m[2]!;
  const sizeText = m[3]!;
  if (kind === "O") {
    throw new ValueError(npyObjectArray(file, descr));
  }
  const bigEndian = order === ">";
  if (kind === "U" || kind === "S" || kind === "a") {
    const n = sizeText === "" ? 0 : Number(sizeText);
    const text = kind === "U" ? "U" : "S";
    const itemsize = text === "U" ? 4 * n : n;
    return { dtype: stringDtype, itemsize, bigEndian, unit: text === "U" ? 4 : 1, text };
  }
  if (kind === "?") kind = "b";
  let size = sizeText === "" ? (kind === "b" ? 1 : NaN) : Number(sizeText);
  const dtype = BY_KIND_SIZE.get(`${kind}${size}`);
  if (dtype === undefined) throw new ValueError(noTsflowDtype(file, "NumPy", descr));
  size = dtype.size;
  return { dtype, itemsize: size, bigEndian, unit: dtype.isComplex ? size / 2 : size };
}

// ---------------------------------------------------------------------------------------
// The header: a Python literal (dict of str, bool, int, tuple/list, str).

type PyValue = string | number | boolean | null | PyValue[] | PyDict;
interface PyDict { dict: Map<string, PyValue> }

function pyRepr(v: PyValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `(${v.map(pyRepr).join(", ")})`;
  return `{${[...v.dict].map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(", ")}}`;
}

function parseLiteral(text: string, file: string): PyValue {
  let i = 0;
  const fail = (fault: string): never => { throw new DataLossError(npyHeaderUnparsable(file, fault, i, text)); };
  const ws = () => { while (i < text.length && /\s/.test(text[i]!)) i++; };
  const value = (depth: number): PyValue => {
    if (depth > 64) fail(npyLiteralFaults.nestingTooDeep);
    ws();
    const c = text[i];
    if (c === undefined) return fail(npyLiteralFaults.unexpectedEnd);
    if (c === "{" || c === "(" || c === "[") {
      const close = c === "{" ? "}" : c === "(" ? ")" : "]";
      i++;
      const items: PyValue[] = [];
      const dict = new Map<string, PyValue>();
      for (;;) {
        ws();
        if (text[i] === close) { i++; break; }
        const v = value(depth + 1);
        if (c === "{") {
          if (typeof v !== "string") fail(npyLiteralFaults.nonStringKey);
          ws();
          if (text[i] !== ":") fail(npyLiteralFaults.expectedColon);
          i++;
          dict.set(v as string, value(depth + 1));
        } else {
          items.push(v);
        }
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === close) { i++; break; }
        fail(npyLiteralFaults.expectedCommaOr(close));
      }
      return c === "{" ? { dict } : items;
    }
    if (c === "'" || c === '"') {
      i++;
      let s = "";
      for (;;) {
        const ch = text[i];
        if (ch === undefined) return fail(npyLiteralFaults.unterminatedString);
        i++;
        if (ch === c) break;
        if (ch === "\\") {
          const e = text[i++];
          if (e === undefined) return fail(npyLiteralFaults.unterminatedString);
          const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", "\\": "\\", "'": "'", '"': '"' };
          if (e === "x" || e === "u" || e === "U") {
            const len = e === "x" ? 2 : e === "u" ? 4 : 8;
            const hex = text.slice(i, i + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail(npyLiteralFaults.badEscape);
            const cp = parseInt(hex, 16);
            if (cp > 0x10ffff) fail(npyLiteralFaults.badEscape);
            s += String.fromCodePoint(cp);
            i += len;
          } else if (simple[e] !== undefined) {
            s += simple[e];
          } else {
            s += "\\" + e;
          }
        } else {
          s += ch;
        }
      }
      return s;
    }
    const m = /^(?:True|False|None|[-+]?\d+[lL]?)/.exec(text.slice(i, i + 40));
    if (m === null) return fail(npyLiteralFaults.unexpectedToken);
    i += m[0].length;
    if (m[0] === "True") return true;
    if (m[0] === "False") return false;
    if (m[0] === "None") return null;
    const n = Number(m[0].replace(/[lL]$/, ""));
    if (!Number.isSafeInteger(n)) fail(npyLiteralFaults.integerOutOfRange);
    return n;
  };
  const v = value(0);
  ws();
  if (i !== text.length) fail(npyLiteralFaults.trailingCharacters);
  return v;
}

// ---------------------------------------------------------------------------------------
// Encoding

function headerDict(descr: string, shape: readonly number[]): string {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  return `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** The header bytes (magic through padding), in the lowest version that can hold `dict`. */
export function encodeHeader(dict: string): Uint8Array {
  const utf8 = !isLatin1(dict);
  const body = utf8 ? Buffer.from(dict, "utf8") : Buffer.from(dict, "latin1");
  // Version 1.0: 2-byte length; 2.0 (latin-1) or 3.0 (UTF-8): 4-byte length.
  let lenBytes = 2;
  let pre = MAGIC.length + 2 + lenBytes;
  let padded = Math.ceil((pre + body.length + 1) / ALIGN) * ALIGN - pre;
  let major = 1;
  if (utf8 || padded > 0xffff) {
    lenBytes = 4;
    pre = MAGIC.length + 2 + lenBytes;
    padded = Math.ceil((pre + body.length + 1) / ALIGN) * ALIGN - pre;
    major = utf8 ? 3 : 2;
  }
  const out = new Uint8Array(pre + padded);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (lenBytes === 2) view.setUint16(8, padded, true); else view.setUint32(8, padded, true);
  out.set(body, pre);
  out.fill(0x20, pre + body.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}

/**
 * The .npy bytes of an array (C order, little-endian). `file` names it in errors.
 * bfloat16 and string raise TypeError: NumPy has no such dtype outside pickled object arrays.
 */
export function encodeNpy(a: NpyArray, file = "<npy>"): Uint8Array {
  const descr = npyDescr(a.dtype, file);
  const header = encodeHeader(headerDict(descr, a.shape));
  const s = a.storage as NumericStorage;
  const data = new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

// ---------------------------------------------------------------------------------------
// Decoding

/** Header fields and where the data starts. */
export interface NpyHeader {
  version: [number, number];
  descr: PyValue;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

export function decodeHeader(bytes: Uint8Array, file = "<npy>"): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DataLossError(notNpyFile(file));
  }
  const major = bytes[6]!, minor = bytes[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw new DataLossError(unsupportedNpyVersion(file, major, minor));
  }
  const lenBytes = major === 1 ? 2 : 4;
  const pre = 8 + lenBytes;
  if (bytes.length < pre) throw new DataLossError(truncatedNpyHeader(file));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = lenBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (pre + hlen > bytes.length) {
    throw new DataLossError(truncatedNpyHeader(file, { declared: hlen, available: bytes.length - pre }));
  }
  const raw = bytes.subarray(pre, pre + hlen);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      throw new DataLossError(npyHeaderNotUtf8(file));
    }
  } else {
    text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1");
  }
  const lit = parseLiteral(text.trim(), file);
  if (lit === null || typeof lit !== "object" || Array.isArray(lit)) {
    throw new DataLossError(npyHeaderNotDict(file, text));
  }
  const keys = [...lit.dict.keys()].sort();
  if (keys.join(",") !== "descr,fortran_order,shape") {
    throw new DataLossError(npyHeaderKeys(file, keys));
  }
  const shape = lit.dict.get("shape")!;
  const fortran = lit.dict.get("fortran_order")!;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)) {
    throw new DataLossError(badNpyHeaderField(file, "shape", pyRepr(shape)));
  }
  if (typeof fortran !== "boolean") {
    throw new DataLossError(badNpyHeaderField(file, "fortran_order", pyRepr(fortran)));
  }
  return {
    version: [major, minor], descr: lit.dict.get("descr")!, fortranOrder: fortran,
    shape: shape as number[], dataOffset: pre + hlen,
  };
}

function byteSwap(b: Uint8Array, unit: number): void {
  if (unit === 1) return;
  for (let o = 0; o < b.length; o += unit) {
    for (let i = 0, j = unit - 1; i < j; i++, j--) {
      const t = b[o + i]!; b[o + i] = b[o + j]!; b[o + j] = t;
    }
  }
}

/** Reorder `n` elements of `itemsize` bytes from Fortran (column-major) order to C order. */
function fortranToC(src: Uint8Array, shape: readonly number[], itemsize: number): Uint8Array {
  const rank = shape.length;
  const n = shape.reduce((a, b) => a * b, 1);
  if (rank < 2 || n === 0) return src;
  const fstride: number[] = new Array(rank);
  let acc = 1;
  for (let k = 0; k < rank; k++) { fstride[k] = acc; acc *= shape[k]!; }
  const out = new Uint8Array(src.length);
  const idx: number[] = new Array(rank).fill(0);
  let f = 0;
  for (let c = 0; c < n; c++) {
    out.set(src.subarray(f * itemsize, (f + 1) * itemsize), c * itemsize);
    // Advance the C-order multi-index (last axis fastest), tracking the Fortran offset.
    for (let k = rank - 1; k >= 0; k--) {
      idx[k]!++;
      f += fstride[k]!;
      if (idx[k]! < shape[k]!) break;
      f -= fstride[k]! * shape[k]!;
      idx[k] = 0;
    }
  }
  return out;
}

function decodeText(b: Uint8Array, n: number, p: Parsed, file: string): Uint8Array[] {
  const out: Uint8Array[] = new Array(n);
  if (p.itemsize === 0) return out.fill(new Uint8Array(0)); // zero-width strings: all empty
  for (let e = 0; e < n; e++) {
    const item = b.subarray(e * p.itemsize, (e + 1) * p.itemsize);
    if (p.text === "S") {
      let end = item.length;
      while (end > 0 && item[end - 1] === 0) end--;
      out[e] = Uint8Array.from(item.subarray(0, end));
      continue;
    }
    const dv = new DataView(item.buffer, item.byteOffset, item.byteLength);
    const cps: number[] = [];
    for (let o = 0; o < item.length; o += 4) cps.push(dv.getUint32(o, true));
    while (cps.length > 0 && cps[cps.length - 1] === 0) cps.pop();
    let s = "";
    for (const cp of cps) {
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw new DataLossError(invalidUnicodeCodePoint(file, cp));
      }
      s += String.fromCodePoint(cp);
    }
    out[e] = encodeString(s);
  }
  return out;
}

/**
 * Decode .npy bytes. `file` names the file in errors. NumPy unicode (`<U`) and bytes (`|S`)
 * arrays load as string tensors (UTF-8 bytes, trailing NULs stripped, as NumPy strips them).
 */
export function decodeNpy(bytes: Uint8Array, file = "<npy>"): NpyArray {
  const h = decodeHeader(bytes, file);
  const p = parseDescr(h.descr, file);
  let n = 1;
  for (const d of h.shape) n *= d;
  const expected = n * p.itemsize;
  if (!Number.isSafeInteger(expected)) throw new DataLossError(npyShapeTooLarge(file, h.shape));
  if (p.itemsize === 0 && n > bytes.length) {
    // Zero-width strings take no bytes, so only the shape bounds them: refuse more elements
    // than the file has bytes rather than allocate without limit.
    throw new ValueError(tooManyZeroWidthElements(file, n, String(h.descr), bytes.length));
  }
  const available = bytes.length - h.dataOffset;
  if (available !== expected) {
    throw new DataLossError(npyDataSizeMismatch(file, available, h.shape, String(h.descr), expected));
  }
  // A fresh, aligned copy that the storage owns.
  // (Copied explicitly: `bytes` may be a Buffer, whose slice() is a view.)
  let data: Uint8Array = new Uint8Array(expected);
  data.set(bytes.subarray(h.dataOffset, h.dataOffset + expected));
  if (p.bigEndian) byteSwap(data, p.unit);
  if (h.fortranOrder && p.itemsize > 0) data = fortranToC(data, h.shape, p.itemsize);
  if (p.text !== undefined) return { dtype: p.dtype, shape: h.shape, storage: decodeText(data, n, p, file) };
  const buf = data.buffer;
  let storage: Storage;
  switch (p.dtype.name) {
    case "float16": case "uint16": storage = new Uint16Array(buf); break;
    case "float32": case "complex64": storage = new Float32Array(buf); break;
    case "float64": case "complex128": storage = new Float64Array(buf); break;
    case "int8": storage = new Int8Array(buf); break;
    case "int16": storage = new Int16Array(buf); break;
    case "int32": storage = new Int32Array(buf); break;
    case "int64": storage = new BigInt64Array(buf); break;
    case "uint8": storage = new Uint8Array(buf); break;
    case "uint32": storage = new Uint32Array(buf); break;
    case "uint64": storage = new BigUint64Array(buf); break;
    case "bool": {
      const u = new Uint8Array(buf);
      for (let i = 0; i < u.length; i++) u[i] = u[i] === 0 ? 0 : 1;
      storage = u;
      break;
    }
    default: throw new ValueError(noTsflowDtype(file, "NumPy", String(h.descr)));
  }
  return { dtype: p.dtype, shape: h.shape, storage };
}
