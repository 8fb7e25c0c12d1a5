// TensorFlow's checkpoint format (TensorBundle V2, tensorflow/core/util/tensor_bundle), as
// pure bytes: a reader (bytes -> entries, an entry's bytes -> storage) and a writer
// (tensors -> the exact bytes of TensorFlow's BundleWriter; see "Writing" below).
//   <prefix>.index: a LevelDB-format SSTable (footer, index block, data blocks; each block has
//     prefix-compressed keys, restart points and a 5-byte trailer: compression type, masked
//     crc32c). Key "" holds a BundleHeaderProto; every other key a BundleEntryProto.
//   <prefix>.data-NNNNN-of-MMMMM: the tensors' bytes at each entry's offset/size. Numeric
//     dtypes are raw little-endian; strings are varint64 lengths, a masked crc32c of the
//     lengths, then the bytes.
// Every checksum is verified; damage raises DataLossError naming the file (and the key).
import { ALL_DTYPES, type DType } from "../core/dtypes.js";
import type { Storage } from "../core/storage.js";
import { DataLossError, UnimplementedError, ValueError } from "../errors/errors.js";
import {
  badBundleEndianness, badBundleShape, badRestartCount, badShardCount, bigEndianBundleWrite, blockChecksumMismatch,
  blockPastEnd, blockTooShort, bundleEntryLabel, bundleFaults, bundleHeaderFieldLabel, bundleHeaderLabel, bundleKeyLabel,
  compressedBlock, damagedAt, duplicateBundleKey, entryBytesMismatch, entryChecksumMismatch, entryElementBytesMismatch,
  entryShardOutOfRange, noBundleHeader, noTsflowDtype, notSSTable, protoDimensionLabel, protoFieldLabel, protoFieldOutOfRange,
  reservedEmptyKey, slicedEntry, storageDtypeMismatch, stringLengthsChecksumMismatch, stringValuesForNumeric,
  tableKeysNotIncreasing, tableKeysOutOfOrder, tableTooShort, valueCountMismatch, wireFaults,
} from "../errors/io_messages.js";

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

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

// ---------------------------------------------------------------------------------------
// varints and a minimal protobuf decoder

class Cursor {
  constructor(readonly b: Uint8Array, public pos: number, readonly end: number, readonly what: string) {}
  fail(fault: string): never { throw new DataLossError(damagedAt(this.what, fault, this.pos)); }
  varint(): bigint {
    let v = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) this.fail(wireFaults.truncatedVarint);
      const c = this.b[this.pos++]!;
      v |= BigInt(c & 0x7f) << shift;
      if ((c & 0x80) === 0) return BigInt.asUintN(64, v);
    }
    return this.fail(wireFaults.varintTooLong);
  }
  /** A varint that must fit a safe non-negative JS number. */
  num(): number {
    const v = this.varint();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(wireFaults.valueOutOfRange(v));
    return Number(v);
  }
  bytes(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(wireFaults.truncated(n, this.end - this.pos));
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
      default: c.fail(wireFaults.unsupportedWireType(tag & 7));
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
    throw new DataLossError(blockPastEnd(file, h.offset, h.size, b.length));
  }
  const contents = b.subarray(h.offset, h.offset + h.size);
  const type = b[h.offset + h.size]!;
  const stored = u32le(b, h.offset + h.size + 1);
  const actual = maskCrc(crc32c(b.subarray(h.offset, h.offset + h.size + 1)));
  if (stored !== actual) {
    throw new DataLossError(blockChecksumMismatch(file, h.offset, stored, actual));
  }
  if (type !== 0) {
    throw new UnimplementedError(compressedBlock(file, h.offset, type));
  }
  return contents;
}

/** The key/value pairs of one block, in order. */
function blockEntries(block: Uint8Array, file: string): [Uint8Array, Uint8Array][] {
  if (block.length < 4) throw new DataLossError(blockTooShort(file, block.length));
  const numRestarts = u32le(block, block.length - 4);
  const limit = block.length - 4 - 4 * numRestarts;
  if (limit < 0) throw new DataLossError(badRestartCount(file, numRestarts));
  const c = new Cursor(block, 0, limit, file);
  const out: [Uint8Array, Uint8Array][] = [];
  let key = new Uint8Array(0);
  while (c.pos < limit) {
    const shared = c.num();
    const nonShared = c.num();
    const valueLength = c.num();
    if (shared > key.length) c.fail(bundleFaults.keySharesTooMuch(shared, key.length));
    const tail = c.bytes(nonShared); // bounds-checked before anything is allocated
    const next = new Uint8Array(shared + nonShared);
    next.set(key.subarray(0, shared));
    next.set(tail, shared);
    key = next;
    out.push([key, c.bytes(valueLength)]);
  }
  return out;
}

/** Every key/value of an SSTable, in key order. */
export function readTable(b: Uint8Array, file: string): [Uint8Array, Uint8Array][] {
  if (b.length < FOOTER) throw new DataLossError(tableTooShort(file, b.length));
  const f = b.length - FOOTER;
  for (let i = 0; i < 8; i++) {
    if (b[f + 40 + i] !== TABLE_MAGIC[i]) throw new DataLossError(notSSTable(file));
  }
  const c = new Cursor(b, f, f + 40, file);
  readHandle(c); // metaindex: TensorBundle writes no filters
  const index = blockAt(b, readHandle(c), file);
  const out: [Uint8Array, Uint8Array][] = [];
  for (const [, v] of blockEntries(index, file)) {
    const h = readHandle(new Cursor(v, 0, v.length, file));
    for (const kv of blockEntries(blockAt(b, h, file), file)) {
      const last = out[out.length - 1];
      if (last !== undefined && compareBytes(last[0], kv[0]) >= 0) {
        const dec = new TextDecoder();
        throw new DataLossError(tableKeysOutOfOrder(file, dec.decode(kv[0]), dec.decode(last[0])));
      }
      out.push(kv);
    }
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

/** A proto int32/int64 field that must be a non-negative safe integer (at most `max`). */
function count(v: bigint, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = BigInt.asIntN(64, v);
  if (n < 0n || n > BigInt(max)) throw new DataLossError(protoFieldOutOfRange(what, n, max));
  return Number(n);
}

const INT32_MAX = 0x7fffffff;

function parseHeader(b: Uint8Array, file: string): BundleHeader {
  const h: BundleHeader = { numShards: 0, endianness: "little", producer: 0 };
  for (const f of fields(b, bundleHeaderLabel(file))) {
    if (f.no === 1 && "varint" in f) h.numShards = count(f.varint, bundleHeaderFieldLabel(file, "num_shards"), INT32_MAX);
    else if (f.no === 2 && "varint" in f) {
      if (f.varint > 1n) throw new DataLossError(badBundleEndianness(file, f.varint));
      h.endianness = f.varint === 0n ? "little" : "big";
    } else if (f.no === 3 && "bytes" in f) {
      for (const g of fields(f.bytes, bundleHeaderLabel(file, "version"))) if (g.no === 1 && "varint" in g) h.producer = toInt(g.varint);
    }
  }
  if (h.numShards < 1) throw new DataLossError(badShardCount(file, h.numShards));
  return h;
}

function parseShape(b: Uint8Array, what: string): number[] {
  const dims: number[] = [];
  for (const f of fields(b, what)) {
    if (f.no === 2 && "bytes" in f) {
      let size = 0;
      for (const g of fields(f.bytes, what)) if (g.no === 1 && "varint" in g) size = count(g.varint, protoDimensionLabel(what, dims.length));
      dims.push(size);
    }
  }
  return dims;
}

function parseEntry(key: string, b: Uint8Array, file: string): BundleEntry {
  const what = bundleEntryLabel(file, key);
  let dtypeEnum = 0;
  const e: Omit<BundleEntry, "dtype"> = { key, shape: [], shardId: 0, offset: 0, size: 0, crc32c: 0, sliced: false };
  for (const f of fields(b, what)) {
    if ("varint" in f) {
      if (f.no === 1) dtypeEnum = toInt(f.varint);
      else if (f.no === 3) e.shardId = count(f.varint, protoFieldLabel(what, "shard_id"), INT32_MAX);
      else if (f.no === 4) e.offset = count(f.varint, protoFieldLabel(what, "offset"));
      else if (f.no === 5) e.size = count(f.varint, protoFieldLabel(what, "size"));
    } else if ("bytes" in f) {
      if (f.no === 2) e.shape = parseShape(f.bytes, what);
      else if (f.no === 7) e.sliced = true;
    } else if (f.no === 6 && f.fixed.length === 4) {
      e.crc32c = u32le(f.fixed, 0);
    }
  }
  const dtype = BY_ENUM.get(dtypeEnum);
  if (dtype === undefined) throw new UnimplementedError(noTsflowDtype(what, "TensorFlow", dtypeEnum));
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
  if (header === undefined) throw new DataLossError(noBundleHeader(file));
  for (const e of entries.values()) {
    if (e.shardId >= header.numShards) {
      throw new DataLossError(entryShardOutOfRange(file, e.key, e.shardId, header.numShards));
    }
  }
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
  if (entry.sliced) throw new UnimplementedError(slicedEntry(file, key));
  if (bytes.length !== entry.size) {
    throw new DataLossError(entryBytesMismatch(file, key, entry.offset, entry.size, bytes.length));
  }
  const n = numElements(entry.shape);
  const mismatch = (actual: number): never => { throw new DataLossError(entryChecksumMismatch(file, key, entry.crc32c, actual)); };
  if (dtype.name === "string") {
    const c = new Cursor(bytes, 0, bytes.length, bundleKeyLabel(file, key));
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
      if (len > BigInt(bytes.length)) c.fail(bundleFaults.stringLengthExceedsEntry(len));
      lengths.push(Number(len));
    }
    const lenCrc = c.bytes(4);
    if (u32le(lenCrc, 0) !== maskCrc(crc)) {
      throw new DataLossError(stringLengthsChecksumMismatch(file, key, u32le(lenCrc, 0), maskCrc(crc)));
    }
    crc = crc32c(lenCrc, crc);
    const out: Uint8Array[] = [];
    for (const len of lengths) {
      const s = c.bytes(len);
      crc = crc32c(s, crc);
      out.push(s.slice());
    }
    if (maskCrc(crc) !== entry.crc32c) mismatch(maskCrc(crc));
    if (c.pos !== bytes.length) c.fail(bundleFaults.trailingBytesAfterStrings);
    return out;
  }
  const actual = maskCrc(crc32c(bytes));
  if (actual !== entry.crc32c) mismatch(actual);
  if (bytes.length !== n * dtype.size) {
    throw new DataLossError(entryElementBytesMismatch(file, key, bytes.length, n, dtype));
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

// ---------------------------------------------------------------------------------------
// Writing: TensorFlow's BundleWriter, byte for byte.
//   Data file: each tensor's bytes in the order given (BundleWriter appends in Add order),
//     unpadded (TF's default data_alignment is 1); string tensors as varint64 lengths, the
//     masked crc32c of the lengths (each as a uint32, or uint64 past 2^32-1), then the bytes.
//   Index: an SSTable of ("" -> BundleHeaderProto, key -> BundleEntryProto) in bytewise key
//     order, as TF's table::TableBuilder writes it with the options BundleWriter::Finish
//     sets: 256 KiB blocks, a restart point every 16 keys, no compression; one index entry
//     per data block keyed by the shortest separator, an empty metaindex block, and the
//     48-byte footer.

/** One tensor to write: its key, dtype, shape and C-ordered storage. */
export interface BundleTensor {
  readonly key: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly storage: Storage;
}

/** Options of `encodeBundle` (TensorFlow's values are the defaults). */
export interface EncodeBundleOptions {
  /** SSTable data block size in bytes (TF: 262144). */
  blockSize?: number;
  /** Keys between restart points (TF: 16). */
  restartInterval?: number;
  /** Name used in error messages. */
  file?: string;
}

/** The two files of a one-shard bundle. */
export interface EncodedBundle {
  /** `<prefix>.index` */
  index: Uint8Array;
  /** `<prefix>.data-00000-of-00001` */
  data: Uint8Array;
  /** The entries written, in key order. */
  entries: BundleEntry[];
}

/** A growable byte buffer. */
class ByteSink {
  private buf = new Uint8Array(256);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number): void { this.reserve(1); this.buf[this.length++] = b; }
  bytes(b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; }
  u32(v: number): void {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buf[this.length++] = (v >>> (8 * i)) & 0xff;
  }
  varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    if (x < 0x80n) { this.byte(Number(x)); return; }
    while (x >= 0x80n) { this.byte(Number(x & 0x7fn) | 0x80); x >>= 7n; }
    this.byte(Number(x));
  }
  /** Protobuf: a varint field, omitted at its proto3 default (0). */
  varintField(no: number, v: number | bigint): void {
    if (BigInt(v) === 0n) return;
    this.varint(no * 8);
    this.varint(v);
  }
  /** Protobuf: a length-delimited field (always written: a set sub-message). */
  bytesField(no: number, b: Uint8Array): void { this.varint(no * 8 + 2); this.varint(b.length); this.bytes(b); }
  view(): Uint8Array { return this.buf.subarray(0, this.length); }
  take(): Uint8Array { return this.buf.slice(0, this.length); }
  clear(): void { this.length = 0; }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A key k with start <= k < limit, as short as LevelDB's bytewise comparator makes it. */
export function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let i = 0;
  while (i < n && start[i] === limit[i]) i++;
  if (i >= n) return start; // one is a prefix of the other
  const b = start[i]!;
  if (b < 0xff && b + 1 < limit[i]!) {
    const out = start.slice(0, i + 1);
    out[i] = b + 1;
    return out;
  }
  return start;
}

/** A short key >= `key`: its first byte that is not 0xff, incremented, ends it. */
export function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]! += 1;
      return out;
    }
  }
  return key;
}

/** One block: prefix-compressed entries, restart offsets, their count. */
class BlockBuilder {
  private readonly sink = new ByteSink();
  private restarts: number[] = [0];
  private counter = 0;
  private last: Uint8Array = new Uint8Array(0);
  entries = 0;
  constructor(private readonly interval: number) {}
  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.interval) {
      const n = Math.min(this.last.length, key.length);
      while (shared < n && this.last[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.sink.length);
      this.counter = 0;
    }
    this.sink.varint(shared);
    this.sink.varint(key.length - shared);
    this.sink.varint(value.length);
    this.sink.bytes(key.subarray(shared));
    this.sink.bytes(value);
    this.last = key;
    this.counter++;
    this.entries++;
  }
  /** The size `finish()` would return. */
  sizeEstimate(): number { return this.sink.length + 4 * this.restarts.length + 4; }
  finish(): Uint8Array {
    for (const r of this.restarts) this.sink.u32(r);
    this.sink.u32(this.restarts.length);
    const out = this.sink.take();
    this.sink.clear();
    this.restarts = [0];
    this.counter = 0;
    this.last = new Uint8Array(0);
    this.entries = 0;
    return out;
  }
}

/**
 * An SSTable of `entries` (keys strictly increasing, bytewise), laid out as LevelDB's and
 * TensorFlow's table builder lays it out, uncompressed.
 */
export function encodeTable(
  entries: Iterable<readonly [Uint8Array, Uint8Array]>, blockSize = 262144, restartInterval = 16,
): Uint8Array {
  const out = new ByteSink();
  const data = new BlockBuilder(restartInterval);
  const index = new BlockBuilder(1);
  let lastKey: Uint8Array | undefined;
  let pending: Handle | undefined; // the last flushed data block, awaiting its index entry
  const handle = (h: Handle): Uint8Array => { const s = new ByteSink(); s.varint(h.offset); s.varint(h.size); return s.take(); };
  const writeBlock = (contents: Uint8Array): Handle => {
    const h = { offset: out.length, size: contents.length };
    out.bytes(contents);
    const trailer = new Uint8Array([0]); // kNoCompression
    out.byte(0);
    out.u32(maskCrc(crc32c(trailer, crc32c(contents))));
    return h;
  };
  const flush = (): void => {
    if (data.entries === 0) return;
    pending = writeBlock(data.finish());
  };
  for (const [key, value] of entries) {
    if (lastKey !== undefined && compareBytes(key, lastKey) <= 0) {
      throw new ValueError(tableKeysNotIncreasing());
    }
    if (pending !== undefined) {
      index.add(shortestSeparator(lastKey!, key), handle(pending));
      pending = undefined;
    }
    data.add(key, value);
    lastKey = key;
    if (data.sizeEstimate() >= blockSize) flush();
  }
  flush();
  const metaindex = writeBlock(new BlockBuilder(restartInterval).finish());
  if (pending !== undefined) {
    index.add(shortSuccessor(lastKey!), handle(pending));
    pending = undefined;
  }
  const indexHandle = writeBlock(index.finish());
  const footer = new ByteSink();
  footer.varint(metaindex.offset); footer.varint(metaindex.size);
  footer.varint(indexHandle.offset); footer.varint(indexHandle.size);
  while (footer.length < FOOTER - 8) footer.byte(0);
  footer.bytes(new Uint8Array(TABLE_MAGIC));
  out.bytes(footer.view());
  return out.take();
}

/** The serialized BundleHeaderProto TensorFlow writes for one little-endian shard. */
function encodeHeader(): Uint8Array {
  const s = new ByteSink();
  s.varintField(1, 1); // num_shards
  // endianness LITTLE = 0: the proto3 default, not written
  const version = new ByteSink();
  version.varintField(1, 1); // producer: kTensorBundleVersion
  // min_consumer: kTensorBundleMinConsumer = 0, not written
  s.bytesField(3, version.view());
  return s.take();
}

function encodeEntry(e: BundleEntry): Uint8Array {
  const s = new ByteSink();
  s.varintField(1, e.dtype.asDatatypeEnum);
  const shape = new ByteSink();
  for (const d of e.shape) {
    const dim = new ByteSink();
    dim.varintField(1, d);
    shape.bytesField(2, dim.view());
  }
  s.bytesField(2, shape.view());
  s.varintField(3, e.shardId);
  s.varintField(4, e.offset);
  s.varintField(5, e.size);
  if (e.crc32c !== 0) { s.varint(6 * 8 + 5); s.u32(e.crc32c); }
  return s.take();
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes TensorFlow stores for one tensor, and their masked crc32c. */
function tensorBytes(t: BundleTensor, file: string): { bytes: Uint8Array[]; size: number; crc: number } {
  const n = numElements(t.shape);
  const where = bundleKeyLabel(file, t.key);
  if (!t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ValueError(badBundleShape(where, t.shape));
  }
  if (t.dtype.name === "string") {
    const strings = t.storage as Uint8Array[];
    if (!Array.isArray(strings) || strings.length !== n) {
      throw new ValueError(valueCountMismatch(where, Array.isArray(strings) ? strings.length : null, t.shape, t.dtype));
    }
    const head = new ByteSink();
    let crc = 0;
    const w = new DataView(new ArrayBuffer(8));
    for (const s of strings) {
      head.varint(s.length);
      if (s.length <= 0xffffffff) {
        w.setUint32(0, s.length, true);
        crc = crc32c(new Uint8Array(w.buffer, 0, 4), crc);
      } else {
        w.setBigUint64(0, BigInt(s.length), true);
        crc = crc32c(new Uint8Array(w.buffer, 0, 8), crc);
      }
    }
    head.u32(maskCrc(crc));
    crc = crc32c(head.view().subarray(head.length - 4), crc);
    let size = head.length;
    for (const s of strings) { crc = crc32c(s, crc); size += s.length; }
    return { bytes: [head.take(), ...strings], size, crc: maskCrc(crc) };
  }
  const s = t.storage;
  if (Array.isArray(s)) throw new ValueError(stringValuesForNumeric(where, t.dtype));
  const count = t.dtype.isComplex ? 2 * n : n;
  if (s.length !== count) throw new ValueError(valueCountMismatch(where, s.length, t.shape, t.dtype));
  if (s.BYTES_PER_ELEMENT * s.length !== n * t.dtype.size) {
    throw new ValueError(storageDtypeMismatch(where, s.constructor.name, t.dtype));
  }
  if (!IS_LITTLE_ENDIAN) throw new UnimplementedError(bigEndianBundleWrite(where));
  const bytes = new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
  return { bytes: [bytes], size: bytes.length, crc: maskCrc(crc32c(bytes)) };
}

/**
 * A one-shard TensorBundle (`<prefix>.index`, `<prefix>.data-00000-of-00001`) holding
 * `tensors`, byte for byte as TensorFlow's BundleWriter writes it when its tensors are added
 * in this order: the data file holds them in the order given, the index in key order. Keys
 * must be unique and non-empty.
 */
export function encodeBundle(tensors: Iterable<BundleTensor>, options: EncodeBundleOptions = {}): EncodedBundle {
  const file = options.file ?? "<bundle>";
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  let offset = 0;
  const entries: { keyBytes: Uint8Array; entry: BundleEntry }[] = [];
  const seen = new Set<string>();
  for (const t of tensors) {
    if (t.key === "") throw new ValueError(reservedEmptyKey(file));
    if (seen.has(t.key)) throw new ValueError(duplicateBundleKey(file, t.key));
    seen.add(t.key);
    const { bytes, size, crc } = tensorBytes(t, file);
    const entry: BundleEntry = {
      key: t.key, dtype: t.dtype, shape: [...t.shape], shardId: 0, offset, size, crc32c: crc, sliced: false,
    };
    parts.push(...bytes);
    offset += size;
    entries.push({ keyBytes: enc.encode(t.key), entry });
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const b of parts) { data.set(b, at); at += b.length; }
  entries.sort((a, b) => compareBytes(a.keyBytes, b.keyBytes));
  const rows: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), encodeHeader()]];
  for (const { keyBytes, entry } of entries) rows.push([keyBytes, encodeEntry(entry)]);
  const index = encodeTable(rows, options.blockSize ?? 262144, options.restartInterval ?? 16);
  return { index, data, entries: entries.map((e) => e.entry) };
}
