// The safetensors format (huggingface/safetensors), as a pure codec: bytes <-> named arrays.
//   8 bytes: N, the header length (uint64 little-endian); N bytes: a UTF-8 JSON object
//   { "__metadata__"?: { str: str }, name: { "dtype": "F32", "shape": [...],
//     "data_offsets": [begin, end] }, ... }; then the data buffer (offsets are relative to it),
//   every tensor C-ordered and little-endian.
// Writing follows the reference writer (safetensors >= 0.4): "__metadata__" first, tensors
// sorted by dtype (descending in the reference's Dtype order, which is by alignment) then by
// name (UTF-8 byte order), packed with no gaps, the header padded with spaces to a multiple of 8.
// Reading makes every check the reference makes, before allocating anything a header claims.
// Errors name the file (and the tensor): DataLossError when the file's bytes disagree with its
// header (truncated, trailing bytes), ValueError for an invalid header, TypeError for dtypes
// safetensors cannot hold.
import {
  DType, bfloat16, bool, float16, float32, float64, int8, int16, int32, int64,
  uint8, uint16, uint32, uint64,
} from "../core/dtypes.js";
import type { NumericStorage, Storage } from "../core/storage.js";
import { DataLossError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  badDataOffsets, badSafetensorsShape, dataOffsetsGap, dataOffsetsOverlap, dataOffsetsReversed, dataOffsetsSizeMismatch,
  headerEntryDtypeMissing, headerEntryNotObject, loneSurrogate, metadataArgumentNotObject, metadataArgumentValueNotString,
  metadataHeaderNotObject, metadataHeaderValueNotString, noSafetensorsStorage, noTsflowDtype, notSafetensorsFile,
  reservedTensorName, safetensorsDataSizeMismatch, safetensorsHeaderNotBrace, safetensorsHeaderNotJson,
  safetensorsHeaderNotObject, safetensorsHeaderNotUtf8, safetensorsHeaderTooLong, safetensorsTensorLabel, safetensorsTexts,
  safetensorsTrailingBytes, truncatedSafetensorsData, truncatedSafetensorsHeader, unknownSafetensorsDtype,
  unsavableSafetensorsDtype,
} from "../errors/io_messages.js";

/** A named array: flat C-order storage in tsflow's layout (see core/storage.ts). */
export interface SafetensorsArray {
  dtype: DType;
  shape: number[];
  storage: Storage;
}

export interface SafetensorsFile {
  /** The tensors, in the header's order. */
  tensors: Map<string, SafetensorsArray>;
  /** The header's "__metadata__", or null when it has none. */
  metadata: Record<string, string> | null;
}

/** The reference's limit on the header's size (safetensors' MAX_HEADER_SIZE). */
export const MAX_HEADER_SIZE = 100_000_000;
const METADATA_KEY = "__metadata__";

// The reference's Dtype enum, in its declaration order (serialization sorts by it, descending).
// Entries without a tsflow dtype load as a ValueError.
const ORDER: readonly string[] = [
  "BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
  "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64",
];
const RANK = new Map(ORDER.map((d, i) => [d, i]));

const TO_ST: Partial<Record<DType["name"], string>> = {
  bool: "BOOL", uint8: "U8", int8: "I8", int16: "I16", uint16: "U16", float16: "F16",
  bfloat16: "BF16", int32: "I32", uint32: "U32", float32: "F32", float64: "F64",
  int64: "I64", uint64: "U64",
};
const FROM_ST = new Map<string, DType>([
  ["BOOL", bool], ["U8", uint8], ["I8", int8], ["I16", int16], ["U16", uint16],
  ["F16", float16], ["BF16", bfloat16], ["I32", int32], ["U32", uint32], ["F32", float32],
  ["F64", float64], ["I64", int64], ["U64", uint64],
]);

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const utf8 = new TextEncoder();

function quote(s: string): string {
  return JSON.stringify(s);
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The safetensors dtype of a tsflow dtype; TypeError (naming the tensor) for complex and string. */
export function safetensorsDtype(dtype: DType, name: string, file = "<safetensors>"): string {
  const d = TO_ST[dtype.name];
  if (d === undefined) throw new TFTypeError(unsavableSafetensorsDtype(file, name, dtype));
  return d;
}

function checkText(s: string, subject: string, file: string): void {
  if (LONE_SURROGATE.test(s)) throw new ValueError(loneSurrogate(file, subject, s));
}

/**
 * The safetensors bytes of named arrays, laid out as the reference writer lays them out.
 * `metadata` (string values only) becomes "__metadata__"; `file` names the file in errors.
 */
export function encodeSafetensors(
  arrays: ReadonlyMap<string, SafetensorsArray>,
  metadata?: Readonly<Record<string, string>> | null,
  file = "<safetensors>",
): Uint8Array {
  const parts: string[] = [];
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== "object" || Array.isArray(metadata)) {
      throw new TFTypeError(metadataArgumentNotObject(file, metadata));
    }
    const items: string[] = [];
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") {
        throw new TFTypeError(metadataArgumentValueNotString(file, k, v));
      }
      checkText(k, safetensorsTexts.metadataKey, file);
      checkText(v, safetensorsTexts.metadataValue(k), file);
      items.push(`${quote(k)}:${quote(v)}`);
    }
    parts.push(`${quote(METADATA_KEY)}:{${items.join(",")}}`);
  }
  const entries: { name: string; st: string; a: SafetensorsArray }[] = [];
  for (const [name, a] of arrays) {
    if (name === METADATA_KEY) throw new ValueError(reservedTensorName(file, METADATA_KEY));
    checkText(name, safetensorsTexts.tensorName, file);
    entries.push({ name, st: safetensorsDtype(a.dtype, name, file), a });
  }
  entries.sort((x, y) => (RANK.get(y.st)! - RANK.get(x.st)!) || compareUtf8(x.name, y.name));
  let offset = 0;
  const datas: Uint8Array[] = [];
  for (const { name, st, a } of entries) {
    const s = a.storage as NumericStorage;
    const data = new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
    const n = a.shape.reduce((p, d) => p * d, 1);
    if (data.length !== n * a.dtype.size) {
      throw new ValueError(safetensorsDataSizeMismatch(file, name, data.length, a.shape, n * a.dtype.size));
    }
    parts.push(`${quote(name)}:{"dtype":"${st}","shape":[${a.shape.join(",")}],"data_offsets":[${offset},${offset + data.length}]}`);
    offset += data.length;
    datas.push(data);
  }
  const json = utf8.encode(`{${parts.join(",")}}`);
  const n = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + n + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n);
  let at = 8 + n;
  for (const d of datas) { out.set(d, at); at += d.length; }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

interface Entry { name: string; dtype: DType; st: string; shape: number[]; begin: number; end: number }

/**
 * Decode safetensors bytes. `file` names the file in errors. Every check of the reference
 * reader: header length (limit, within the file), UTF-8 JSON object, known dtypes, shapes of
 * non-negative integers, data_offsets contiguous and covering the whole data buffer, and each
 * tensor's byte count equal to its shape's element count times its dtype's size.
 */
export function decodeSafetensors(bytes: Uint8Array, file = "<safetensors>"): SafetensorsFile {
  if (bytes.length < 8) {
    throw new DataLossError(notSafetensorsFile(file, bytes.length));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER_SIZE)) {
    throw new ValueError(safetensorsHeaderTooLong(file, n64, MAX_HEADER_SIZE));
  }
  const n = Number(n64);
  if (8 + n > bytes.length) {
    throw new DataLossError(truncatedSafetensorsHeader(file, n, bytes.length - 8));
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw new ValueError(safetensorsHeaderNotUtf8(file));
  }
  if (!text.startsWith("{")) {
    throw new ValueError(safetensorsHeaderNotBrace(file, text.slice(0, 40)));
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw new ValueError(safetensorsHeaderNotJson(file, (e as Error).message));
  }
  if (!isObject(header)) throw new ValueError(safetensorsHeaderNotObject(file));

  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      if (info === null) continue;
      if (!isObject(info)) throw new ValueError(metadataHeaderNotObject(file, METADATA_KEY, info));
      const m: Record<string, string> = {};
      for (const [k, v] of Object.entries(info)) {
        if (typeof v !== "string") throw new ValueError(metadataHeaderValueNotString(file, METADATA_KEY, k, v));
        Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      metadata = m;
      continue;
    }
    if (!isObject(info)) throw new ValueError(headerEntryNotObject(file, name, info));
    const st = info["dtype"];
    if (typeof st !== "string") throw new ValueError(headerEntryDtypeMissing(file, name, st));
    const dtype = FROM_ST.get(st);
    if (dtype === undefined) {
      throw new ValueError(RANK.has(st) ? noTsflowDtype(safetensorsTensorLabel(file, name), "safetensors", st) : unknownSafetensorsDtype(file, name, st));
    }
    const shape = info["shape"];
    if (!Array.isArray(shape) || !shape.every(isIndex)) {
      throw new ValueError(badSafetensorsShape(file, name, shape));
    }
    const off = info["data_offsets"];
    if (!Array.isArray(off) || off.length !== 2 || !off.every(isIndex)) {
      throw new ValueError(badDataOffsets(file, name, off));
    }
    entries.push({ name, dtype, st, shape: shape as number[], begin: off[0] as number, end: off[1] as number });
  }

  // The reference's validation: in offset order, each tensor starts where the previous ended.
  const byOffset = [...entries].sort((a, b) => (a.begin - b.begin) || (a.end - b.end));
  let cursor = 0;
  for (const e of byOffset) {
    if (e.end < e.begin) throw new ValueError(dataOffsetsReversed(file, e.name, e.begin, e.end));
    if (e.begin !== cursor) {
      throw new ValueError(e.begin < cursor
        ? dataOffsetsOverlap(file, e.name, e.begin, e.end, cursor)
        : dataOffsetsGap(file, e.name, e.begin, e.end, cursor));
    }
    const numel = e.shape.reduce((p, d) => p * BigInt(d), 1n);
    const need = numel * BigInt(e.dtype.size);
    if (BigInt(e.end - e.begin) !== need) {
      throw new ValueError(dataOffsetsSizeMismatch(file, e.name, e.begin, e.end, e.shape, e.st, need));
    }
    cursor = e.end;
  }
  const dataStart = 8 + n;
  const available = bytes.length - dataStart;
  if (cursor > available) {
    const last = byOffset.find((e) => e.end > available)!;
    throw new DataLossError(truncatedSafetensorsData(file, last.name, last.end, available));
  }
  if (cursor < available) {
    throw new DataLossError(safetensorsTrailingBytes(file, available, cursor));
  }

  // Every size is now checked against the file: allocate.
  const tensors = new Map<string, SafetensorsArray>();
  for (const e of entries) {
    const data = new Uint8Array(e.end - e.begin);
    data.set(bytes.subarray(dataStart + e.begin, dataStart + e.end));
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, storage: storageOf(e.dtype, data.buffer) });
  }
  return { tensors, metadata };
}

function storageOf(dtype: DType, buf: ArrayBuffer): Storage {
  switch (dtype.name) {
    case "float16": case "bfloat16": case "uint16": return new Uint16Array(buf);
    case "float32": return new Float32Array(buf);
    case "float64": return new Float64Array(buf);
    case "int8": return new Int8Array(buf);
    case "int16": return new Int16Array(buf);
    case "int32": return new Int32Array(buf);
    case "int64": return new BigInt64Array(buf);
    case "uint8": return new Uint8Array(buf);
    case "uint32": return new Uint32Array(buf);
    case "uint64": return new BigUint64Array(buf);
    case "bool": {
      const u = new Uint8Array(buf);
      for (let i = 0; i < u.length; i++) u[i] = u[i] === 0 ? 0 : 1;
      return u;
    }
    default: throw new ValueError(noSafetensorsStorage(dtype.name));
  }
}
