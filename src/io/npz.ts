// The NPZ format: a zip archive of `name.npy` entries (numpy's savez / savez_compressed).
// Reading goes by the central directory (numpy writes local headers with zip64 extras whose
// sizes are placeholders), takes stored and deflated entries and checks every CRC-32.
// Archives that need zip64 (over 4 GiB or 65535 entries) are refused with a clear error.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DataLossError, ValueError } from "../errors/errors.js";
import {
  encryptedZipEntry, invalidNpz, multiDiskZipNotSupported, npzCrcMismatch, npzEntryLabel, npzEntryNameTooLong,
  npzEntrySizeMismatch, npzEntryTruncated, npzFaults, npzInflateFailed, npzLocalHeaderDamaged, npzMemberLabel,
  npzNeedsZip64, tooManyNpzArrays, unsupportedZipMethod, zip64NotSupported,
} from "../errors/io_messages.js";
import { decodeNpy, encodeNpy, type NpyArray } from "./npy.js";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as zip uses). */
export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
// 1980-01-01 00:00:00 in DOS format, as numpy's savez writes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export interface NpzOptions {
  /** Deflate the entries, as `np.savez_compressed` (default false: stored, as `np.savez`). */
  compressed?: boolean;
}

/** The .npz bytes of named arrays; each becomes the entry `name.npy`. */
export function encodeNpz(arrays: ReadonlyMap<string, NpyArray>, file = "<npz>", options: NpzOptions = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  if (arrays.size > 0xffff) throw new ValueError(tooManyNpzArrays(file, arrays.size));
  for (const [name, a] of arrays) {
    const nameBytes = Buffer.from(`${name}.npy`, "utf8");
    if (nameBytes.length > 0xffff) throw new ValueError(npzEntryNameTooLong(file, name));
    const raw = encodeNpy(a, npzMemberLabel(file, name));
    const method = options.compressed ? 8 : 0;
    const data = method === 8 ? new Uint8Array(deflateRawSync(raw)) : raw;
    if (raw.length > 0xfffffffe || data.length > 0xfffffffe || offset > 0xfffffffe) {
      throw new ValueError(npzNeedsZip64(file));
    }
    const crc = crc32(raw);
    // General purpose flag bit 11: the name is UTF-8 (set only when it is not ASCII).
    const flags = /^[\x20-\x7e]*$/.test(`${name}.npy`) ? 0 : 0x800;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(LOCAL_SIG, 0);
    lh.writeUInt16LE(20, 4);
    // flags … name length: the same run of fields in the local and the central header.
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(flags, at);
      h.writeUInt16LE(method, at + 2);
      h.writeUInt16LE(DOS_TIME, at + 4);
      h.writeUInt16LE(DOS_DATE, at + 6);
      h.writeUInt32LE(crc, at + 8);
      h.writeUInt32LE(data.length, at + 12);
      h.writeUInt32LE(raw.length, at + 16);
      h.writeUInt16LE(nameBytes.length, at + 20);
    };
    fields(lh, 6);
    lh.writeUInt16LE(0, 28);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(CENTRAL_SIG, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    fields(ch, 8);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, nameBytes, data);
    centrals.push(ch, nameBytes);
    offset += lh.length + nameBytes.length + data.length;
  }
  const cdSize = centrals.reduce((s, b) => s + b.length, 0);
  if (offset + cdSize > 0xfffffffe) throw new ValueError(npzNeedsZip64(file));
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(arrays.size, 8);
  eocd.writeUInt16LE(arrays.size, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, eocd]));
}

/**
 * Decode .npz bytes into `name -> array` (entry `name.npy` -> key `name`, in archive order).
 * Entries whose names do not end in `.npy` are skipped. `file` names the file in errors.
 */
export function decodeNpz(bytes: Uint8Array, file = "<npz>"): Map<string, NpyArray> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (fault: string): never => { throw new DataLossError(invalidNpz(file, fault)); };
  // The end-of-central-directory record is within the last 22 + 65535 bytes.
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--) {
    if (b.readUInt32LE(p) === EOCD_SIG && p + 22 + b.readUInt16LE(p + 20) <= b.length) { eocd = p; break; }
  }
  if (eocd < 0) bad(npzFaults.noEndOfCentralDirectory);
  const entries = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if ((eocd >= 20 && b.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) ||
      entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ValueError(zip64NotSupported(file, "archives"));
  }
  if (b.readUInt16LE(eocd + 4) !== 0 || b.readUInt16LE(eocd + 6) !== 0 || b.readUInt16LE(eocd + 8) !== entries) {
    throw new ValueError(multiDiskZipNotSupported(file));
  }
  if (cdOffset + cdSize > eocd) bad(npzFaults.centralDirectoryOutside);
  const out = new Map<string, NpyArray>();
  let p = cdOffset;
  for (let e = 0; e < entries; e++) {
    if (p + 46 > eocd || b.readUInt32LE(p) !== CENTRAL_SIG) bad(npzFaults.centralDirectoryEntryDamaged(e));
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28), xlen = b.readUInt16LE(p + 30), clen = b.readUInt16LE(p + 32);
    const lho = b.readUInt32LE(p + 42);
    if (p + 46 + nlen > eocd) bad(npzFaults.centralDirectoryEntryDamaged(e));
    const name = b.subarray(p + 46, p + 46 + nlen).toString(flags & 0x800 ? "utf8" : "latin1");
    p += 46 + nlen + xlen + clen;
    const where = npzEntryLabel(file, name);
    if (csize === 0xffffffff || usize === 0xffffffff || lho === 0xffffffff) {
      throw new ValueError(zip64NotSupported(where, "entries"));
    }
    if (flags & 0x1) throw new ValueError(encryptedZipEntry(where));
    if (method !== 0 && method !== 8) throw new ValueError(unsupportedZipMethod(where, method));
    if (!name.endsWith(".npy")) continue;
    if (lho + 30 > b.length || b.readUInt32LE(lho) !== LOCAL_SIG) {
      throw new DataLossError(npzLocalHeaderDamaged(where));
    }
    const start = lho + 30 + b.readUInt16LE(lho + 26) + b.readUInt16LE(lho + 28);
    if (start + csize > b.length) throw new DataLossError(npzEntryTruncated(where));
    const stored = b.subarray(start, start + csize);
    let raw: Uint8Array;
    if (method === 0) {
      raw = stored;
    } else {
      try {
        raw = inflateRawSync(stored, { maxOutputLength: Math.max(usize, 1) });
      } catch (err) {
        throw new DataLossError(npzInflateFailed(where, (err as Error).message));
      }
    }
    if (raw.length !== usize) throw new DataLossError(npzEntrySizeMismatch(where, raw.length, usize));
    if (crc32(raw) !== crc) throw new DataLossError(npzCrcMismatch(where));
    out.set(name.slice(0, -4), decodeNpy(raw, where));
  }
  return out;
}
