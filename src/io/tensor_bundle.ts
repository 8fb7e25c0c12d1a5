// TensorFlow's checkpoint format (TensorBundle V2, tensorflow/core/util/tensor_bundle), as a
// pure reader: bytes -> entries, and an entry's bytes -> storage.
//   <prefix>.index: a LevelDB-format SSTable (footer, index block, data blocks; each block has
//     prefix-compressed keys, restart points and a 5-byte trailer: compression type, masked
//     crc32c). Key "" holds a BundleHeaderProto; every other key a BundleEntryProto.
//   <prefix>.data-NNNNN-of-MMMMM: the tensors' bytes at each entry's offset/size. Numeric
//     dtypes are raw little-endian; strings are varint64 lengths, a masked crc32c of the
//     lengths, then the bytes.
// Every checksum is verified; damage raises DataLossError naming the file (and the key).
import { ALL_DTYPES, type DType } from "../core/dtypes.js";
import type { Storage } from "../core/storage.js";
import { DataLossError, UnimplementedError } from "../errors/errors.js";

// ---------------------------------------------------------------------------------------
// crc32c (Castagnoli), and LevelDB's mask

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** crc32c of `bytes`, extending `crc` (0 to start). */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** LevelDB's masked crc: rotate right by 15, add 0xa282ead8 (mod 2^32). */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

// ---------------------------------------------------------------------------------------
// varints and a minimal protobuf decoder

class Cursor {
  constructor(readonly b: Uint8Array, public pos: number, readonly end: number, readonly what: string) {}
  fail(why: string): never { throw new DataLossError(`${this.what}: ${why} at byte ${this.pos}`); }
  varint(): bigint {
    let v = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) this.fail("truncated varint");
      const c = this.b[this.pos++]!;
      v |= BigInt(c & 0x7f) << shift;
      if ((c & 0x80) === 0) return BigInt.asUintN(64, v);
    }
    return this.fail("varint too long");
  }
  /** A varint that must fit a safe non-negative JS number. */
  num(): number {
    const v = this.varint();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`value ${v} out of range`);
    return Number(v);
  }
  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(`truncated (${n} bytes wanted, ${this.end - this.pos} left)`);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

type Field = { no: number; varint: bigint } | { no: number; bytes: Uint8Array } | { no: number; fixed: Uint8Array };

function* fields(b: Uint8Array, what: string): Generator<Field> {
  const c = new Cursor(b, 0, b.length, what);
  while (c.pos < c.end) {
    const tag = c.num();
    const no = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0: yield { no, varint: c.varint() }; break;
      case 1: yield { no, fixed: c.bytes(8) }; break;
      case 2: yield { no, bytes: c.bytes(c.num()) }; break;
      case 5: yield { no, fixed: c.bytes(4) }; break;
      default: c.fail(`unsupported protobuf wire type ${tag & 7}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// The SSTable (.index)

const TABLE_MAGIC = [0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]; // 0xdb4775248b80fb57 LE
const FOOTER = 48;

interface Handle { offset: number; size: number }

function readHandle(c: Cursor): Handle { return { offset: c.num(), size: c.num() }; }

function blockAt(b: Uint8Array, h: Handle, file: string): Uint8Array {
  if (h.offset + h.size + 5 > b.length) {
    throw new DataLossError(`${file}: block at ${h.offset} (${h.size} bytes) runs past the end of the file (${b.length} bytes)`);
  }
  const contents = b.subarray(h.offset, h.offset + h.size);
  const type = b[h.offset + h.size]!;
  const stored = u32le(b, h.offset + h.size + 1);
  const actual = maskCrc(crc32c(b.subarray(h.offset, h.offset + h.size + 1)));
  if (stored !== actual) {
    throw new DataLossError(`${file}: block checksum mismatch at offset ${h.offset}: stored ${hex(stored)}, computed ${hex(actual)}`);
  }
  if (type !== 0) {
    throw new UnimplementedError(`${file}: block at offset ${h.offset} is compressed (type ${type}); only uncompressed tables are supported`);
  }
  return contents;
}

/** The key/value pairs of one block, in order. */
function blockEntries(block: Uint8Array, file: string): [Uint8Array, Uint8Array][] {
  if (block.length < 4) throw new DataLossError(`${file}: block too short (${block.length} bytes)`);
  const numRestarts = u32le(block, block.length - 4);
  const limit = block.length - 4 - 4 * numRestarts;
  if (limit < 0) throw new DataLossError(`${file}: bad restart count ${numRestarts}`);
  const c = new Cursor(block, 0, limit, file);
  const out: [Uint8Array, Uint8Array][] = [];
  let key = new Uint8Array(0);
  while (c.pos < limit) {
    const shared = c.num();
    const nonShared = c.num();
    const valueLength = c.num();
    if (shared > key.length) c.fail(`key shares ${shared} bytes with a ${key.length}-byte key`);
    const next = new Uint8Array(shared + nonShared);
    next.set(key.subarray(0, shared));
    next.set(c.bytes(nonShared), shared);
    key = next;
    out.push([key, c.bytes(valueLength)]);
  }
  return out;
}

/** Every key/value of an SSTable, in key order. */
export function readTable(b: Uint8Array, file: string): [Uint8Array, Uint8Array][] {
  if (b.length < FOOTER) throw new DataLossError(`${file}: too short to be a table (${b.length} bytes)`);
  const f = b.length - FOOTER;
  for (let i = 0; i < 8; i++) {
    if (b[f + 40 + i] !== TABLE_MAGIC[i]) throw new DataLossError(`${file}: not an SSTable (bad magic number)`);
  }
  const c = new Cursor(b, f, f + 40, file);
  readHandle(c); // metaindex: TensorBundle writes no filters
  const index = blockAt(b, readHandle(c), file);
  const out: [Uint8Array, Uint8Array][] = [];
  for (const [, v] of blockEntries(index, file)) {
    const h = readHandle(new Cursor(v, 0, v.length, file));
    out.push(...blockEntries(blockAt(b, h, file), file));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Bundle protos

export interface BundleHeader { numShards: number; endianness: "little" | "big"; producer: number }

export interface BundleEntry {
  key: string;
  dtype: DType;
  shape: number[];
  shardId: number;
  offset: number;
  size: number;
  /** The masked crc32c stored in the entry. */
  crc32c: number;
  /** True for a partitioned variable's entry (its slices are stored under other keys). */
  sliced: boolean;
}

const BY_ENUM = new Map<number, DType>(ALL_DTYPES.map((d) => [d.asDatatypeEnum, d]));

function toInt(v: bigint): number { return Number(BigInt.asIntN(64, v)); }

function parseHeader(b: Uint8Array, file: string): BundleHeader {
  const h: BundleHeader = { numShards: 0, endianness: "little", producer: 0 };
  for (const f of fields(b, `${file} header`)) {
    if (f.no === 1 && "varint" in f) h.numShards = toInt(f.varint);
    else if (f.no === 2 && "varint" in f) h.endianness = f.varint === 0n ? "little" : "big";
    else if (f.no === 3 && "bytes" in f) {
      for (const g of fields(f.bytes, `${file} header version`)) if (g.no === 1 && "varint" in g) h.producer = toInt(g.varint);
    }
  }
  return h;
}

function parseShape(b: Uint8Array, what: string): number[] {
  const dims: number[] = [];
  for (const f of fields(b, what)) {
    if (f.no === 2 && "bytes" in f) {
      let size = 0;
      for (const g of fields(f.bytes, what)) if (g.no === 1 && "varint" in g) size = toInt(g.varint);
      dims.push(size);
    }
  }
  return dims;
}

function parseEntry(key: string, b: Uint8Array, file: string): BundleEntry {
  const what = `${file}: entry for key ${key}`;
  let dtypeEnum = 0;
  const e: Omit<BundleEntry, "dtype"> = { key, shape: [], shardId: 0, offset: 0, size: 0, crc32c: 0, sliced: false };
  for (const f of fields(b, what)) {
    if ("varint" in f) {
      if (f.no === 1) dtypeEnum = toInt(f.varint);
      else if (f.no === 3) e.shardId = toInt(f.varint);
      else if (f.no === 4) e.offset = toInt(f.varint);
      else if (f.no === 5) e.size = toInt(f.varint);
    } else if ("bytes" in f) {
      if (f.no === 2) e.shape = parseShape(f.bytes, what);
      else if (f.no === 7) e.sliced = true;
    } else if (f.no === 6 && f.fixed.length === 4) {
      e.crc32c = u32le(f.fixed, 0);
    }
  }
  const dtype = BY_ENUM.get(dtypeEnum);
  if (dtype === undefined) throw new UnimplementedError(`${what}: TensorFlow DataType ${dtypeEnum} has no tsflow dtype`);
  return { ...e, dtype };
}

export interface BundleIndex { header: BundleHeader; entries: Map<string, BundleEntry> }

/** Decode a `.index` file: its header and its entries, in key order. */
export function decodeBundleIndex(bytes: Uint8Array, file = "<index>"): BundleIndex {
  let header: BundleHeader | undefined;
  const entries = new Map<string, BundleEntry>();
  const dec = new TextDecoder();
  for (const [k, v] of readTable(bytes, file)) {
    if (k.length === 0) { header = parseHeader(v, file); continue; }
    const key = dec.decode(k);
    entries.set(key, parseEntry(key, v, file));
  }
  if (header === undefined) throw new DataLossError(`${file}: no bundle header (empty key) in the index`);
  return { header, entries };
}

// ---------------------------------------------------------------------------------------
// Tensor bytes

function numElements(shape: readonly number[]): number { return shape.reduce((a, b) => a * b, 1); }

/**
 * The storage of `entry` from its `bytes` (exactly `entry.size` bytes of the data file
 * `file`), after verifying the entry's crc32c.
 */
export function decodeBundleTensor(entry: BundleEntry, bytes: Uint8Array, file: string): Storage {
  const { key, dtype } = entry;
  if (entry.sliced) throw new UnimplementedError(`${file}: key ${key} is a partitioned (sliced) variable, which is not supported`);
  if (bytes.length !== entry.size) {
    throw new DataLossError(`${file}: key ${key}: ${bytes.length} bytes read, entry says ${entry.size}`);
  }
  const n = numElements(entry.shape);
  const mismatch = (actual: number): never => {
    throw new DataLossError(`${file}: checksum mismatch for key ${key}: stored ${hex(entry.crc32c)}, computed ${hex(actual)}`);
  };
  if (dtype.name === "string") {
    const c = new Cursor(bytes, 0, bytes.length, `${file}: key ${key}`);
    const lengths: number[] = [];
    let crc = 0;
    const w = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < n; i++) {
      const len = c.varint();
      if (len <= 0xffffffffn) {
        w.setUint32(0, Number(len), true);
        crc = crc32c(new Uint8Array(w.buffer, 0, 4), crc);
      } else {
        w.setBigUint64(0, len, true);
        crc = crc32c(new Uint8Array(w.buffer, 0, 8), crc);
      }
      if (len > BigInt(bytes.length)) c.fail(`string length ${len} exceeds the entry`);
      lengths.push(Number(len));
    }
    const lenCrc = c.bytes(4);
    if (u32le(lenCrc, 0) !== maskCrc(crc)) {
      throw new DataLossError(`${file}: checksum mismatch for the string lengths of key ${key}: stored ${hex(u32le(lenCrc, 0))}, computed ${hex(maskCrc(crc))}`);
    }
    crc = crc32c(lenCrc, crc);
    const out: Uint8Array[] = [];
    for (const len of lengths) {
      const s = c.bytes(len);
      crc = crc32c(s, crc);
      out.push(s.slice());
    }
    if (maskCrc(crc) !== entry.crc32c) mismatch(maskCrc(crc));
    if (c.pos !== bytes.length) c.fail("trailing bytes after the strings");
    return out;
  }
  const actual = maskCrc(crc32c(bytes));
  if (actual !== entry.crc32c) mismatch(actual);
  if (bytes.length !== n * dtype.size) {
    throw new DataLossError(`${file}: key ${key}: ${bytes.length} bytes for ${n} elements of ${dtype.name}`);
  }
  const buf = bytes.slice().buffer; // aligned copy
  switch (dtype.name) {
    case "float16": case "bfloat16": case "uint16": return new Uint16Array(buf);
    case "float32": case "complex64": return new Float32Array(buf);
    case "float64": case "complex128": return new Float64Array(buf);
    case "int8": return new Int8Array(buf);
    case "int16": return new Int16Array(buf);
    case "int32": return new Int32Array(buf);
    case "int64": return new BigInt64Array(buf);
    case "uint8": case "bool": return new Uint8Array(buf);
    case "uint32": return new Uint32Array(buf);
    case "uint64": return new BigUint64Array(buf);
  }
}
