// Messages raised by src/io/: file-system failures, and the .npy, .npz, safetensors,
// TensorFlow.js weights and TensorBundle (checkpoint) codecs. Each names the file (or the
// entry within it: the *Label functions build those names) and says what is wrong with it.
// The protobuf wire faults are shared with train/'s object-graph reader.
import type { DType } from "../core/dtypes.js";
import { shapeDebugString } from "../core/tensor_shape.js";

// ---------------------------------------------------------------------------------------
// Shared pieces

/** `0x0000abcd`: how checksum messages write a crc. */
function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

/** A JSON value quoted in a message, cut at 80 characters. */
function describe(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** A file's dtype that tsflow has none for: a NumPy descr, a safetensors dtype or a DataType enum. */
export function noTsflowDtype(where: string, format: "NumPy" | "safetensors" | "TensorFlow", dtype: string | number): string {
  const named = format === "NumPy" ? `NumPy dtype '${dtype}'`
    : format === "safetensors" ? `safetensors dtype ${dtype}`
    : `TensorFlow DataType ${dtype}`;
  return `${where}: ${named} has no tsflow dtype`;
}

/** How a truncated file's message says its header length field claims more than the file holds. */
function declaresMoreThanFile(subject: string, declared: number, available: number): string {
  return `${subject} declares ${declared} bytes but the file has ${available} after the length field`;
}

/** A checksum mismatch's two values: the one `stored` in `storedIn`, the one computed from `computedFrom`. */
function expectedActual(stored: string, storedIn: string, actual: number, computedFrom: string): string {
  return `expected ${stored} (stored in ${storedIn}), actual ${hex(actual)} (computed from ${computedFrom})`;
}

/** Damaged binary data (a protobuf message, an SSTable block): `fault` found at byte `pos` of `what`. */
export function damagedAt(what: string, fault: string, pos: number): string {
  return `${what}: ${fault} at byte ${pos}`;
}

/** The faults of damagedAt that any protobuf wire-format reader meets. */
export const wireFaults = {
  truncatedVarint: "truncated varint",
  varintTooLong: "varint too long",
  valueOutOfRange: (v: bigint): string => `value ${v} out of range`,
  truncated: (wanted: number, left: number): string => `truncated (${wanted} bytes wanted, ${left} left)`,
  unsupportedWireType: (type: number): string => `unsupported protobuf wire type ${type}`,
} as const;

/** A Node file-system error on `path`, as TensorFlow's NotFoundError/PermissionDeniedError word it. */
export function fileSystemError(path: string, reason: string): string {
  return `${path}; ${reason}`;
}

// ---------------------------------------------------------------------------------------
// .npy

/** A dtype NumPy has no .npy form of (`file`: where it was being saved, when known). */
export function unsavableNpyDtype(dtype: DType, file?: string): string {
  const why = dtype.name === "bfloat16"
    ? "NumPy has no bfloat16 dtype; cast it to float32 first"
    : "NumPy stores strings only as object arrays, which .npy can hold only pickled";
  const text = `Cannot save a tensor of dtype ${dtype.name} as .npy: ${why}.`;
  return file === undefined ? text : `${file}: ${text}`;
}

/** A .npy header whose descr is a record (list) dtype (`descr`: its Python repr). */
export function npyStructuredDtype(file: string, descr: string): string {
  return `${file}: structured (record) dtypes are not supported: descr ${descr}`;
}

/** A descr string that is no NumPy dtype. */
export function unsupportedNpyDescr(file: string, descr: string): string {
  return `${file}: unsupported NumPy dtype descr '${descr}'`;
}

/** An object array (descr 'O'): loading it would need pickle. */
export function npyObjectArray(file: string, descr: string): string {
  return `${file}: object arrays (descr '${descr}') need pickle, which tsflow refuses to load`;
}

/** Why a .npy header's Python literal does not parse (the `fault` of npyHeaderUnparsable). */
export const npyLiteralFaults = {
  nestingTooDeep: "nesting too deep",
  unexpectedEnd: "unexpected end",
  nonStringKey: "non-string dict key",
  expectedColon: "expected ':'",
  expectedCommaOr: (close: string): string => `expected ',' or '${close}'`,
  unterminatedString: "unterminated string",
  badEscape: "bad escape",
  unexpectedToken: "unexpected token",
  integerOutOfRange: "integer out of range",
  trailingCharacters: "trailing characters",
} as const;

/** The start of a .npy header's text, quoted. */
function npyHeaderSnippet(text: string): string {
  return JSON.stringify(text.slice(0, 200));
}

/** A .npy header that is not a Python literal: `fault` at `offset` of `text`. */
export function npyHeaderUnparsable(file: string, fault: string, offset: number, text: string): string {
  return `${file}: cannot parse the .npy header (${fault} at offset ${offset}): ${npyHeaderSnippet(text)}`;
}

/** Bytes that do not start with the .npy magic string. */
export function notNpyFile(file: string): string {
  return `${file}: not a .npy file (the magic string \\x93NUMPY is missing)`;
}

/** A .npy format version other than 1.0, 2.0 and 3.0. */
export function unsupportedNpyVersion(file: string, major: number, minor: number): string {
  return `${file}: unsupported .npy format version ${major}.${minor}`;
}

/** A .npy file that ends within its header: before the length field, or before the `declared` bytes it gives. */
export function truncatedNpyHeader(file: string, lengths?: { declared: number; available: number }): string {
  const text = `${file}: truncated .npy header`;
  return lengths === undefined
    ? text
    : `${text}: ${declaresMoreThanFile("it", lengths.declared, lengths.available)}`;
}

/** A version 3.0 header that is not UTF-8. */
export function npyHeaderNotUtf8(file: string): string {
  return `${file}: the version 3.0 .npy header is not valid UTF-8`;
}

/** A .npy header literal that is not a dict. */
export function npyHeaderNotDict(file: string, text: string): string {
  return `${file}: the .npy header is not a dict: ${npyHeaderSnippet(text)}`;
}

/** A .npy header dict with other keys than descr, fortran_order and shape (`keys`: sorted). */
export function npyHeaderKeys(file: string, keys: readonly string[]): string {
  return `${file}: the .npy header must have exactly the keys descr, fortran_order, shape; got ${keys.join(", ")}`;
}

/** A .npy header field of the wrong form (`value`: its Python repr). */
export function badNpyHeaderField(file: string, field: "shape" | "fortran_order", value: string): string {
  return `${file}: bad ${field} in the .npy header: ${value}`;
}

/** A '<U' element that is no Unicode scalar value. */
export function invalidUnicodeCodePoint(file: string, codePoint: number): string {
  return `${file}: invalid Unicode code point 0x${codePoint.toString(16)} in a '<U' array`;
}

/** A shape whose byte count is beyond a safe integer. */
export function npyShapeTooLarge(file: string, shape: readonly number[]): string {
  return `${file}: shape (${shape.join(", ")}) is too large`;
}

/** More zero-width string elements than the file has bytes (refused rather than allocated). */
export function tooManyZeroWidthElements(file: string, count: number, descr: string, fileBytes: number): string {
  return `${file}: ${count} elements of the zero-width dtype '${descr}' (more than the file's ${fileBytes} bytes) are not supported`;
}

/** .npy data of another length than its header's shape and dtype need. */
export function npyDataSizeMismatch(
  file: string, available: number, shape: readonly number[], descr: string, expected: number,
): string {
  return `${file}: the .npy data has ${available} bytes but shape (${shape.join(", ")}) of '${descr}' needs ${expected}` +
    (available < expected ? " (the file is truncated)" : "");
}

// ---------------------------------------------------------------------------------------
// .npz

/** The name of array `name` inside the .npz `file` being written (the file its .npy errors name). */
export function npzMemberLabel(file: string, name: string): string {
  return `${file}[${name}.npy]`;
}

/** The name of zip entry `name` of the .npz `file` being read (the file its .npy errors name). */
export function npzEntryLabel(file: string, name: string): string {
  return `${file}, entry '${name}'`;
}

/** `np.savez` with an empty array name. */
export function emptyNpzArrayName(file: string): string {
  return `${file}: array names must not be empty`;
}

/** More arrays than a zip without zip64 holds. */
export function tooManyNpzArrays(file: string, count: number): string {
  return `${file}: too many arrays for a zip without zip64 (${count})`;
}

/** An entry name longer than a zip header holds. */
export function npzEntryNameTooLong(file: string, name: string): string {
  return `${file}: the entry name '${name}.npy' is too long`;
}

/** An archive over 4 GiB, which only zip64 (not written) could hold. */
export function npzNeedsZip64(file: string): string {
  return `${file}: the archive would need zip64 (over 4 GiB), which tsflow does not write`;
}

/** Why bytes are not a zip archive (the `fault` of invalidNpz). */
export const npzFaults = {
  noEndOfCentralDirectory: "no end of central directory record (truncated, or not a zip archive)",
  centralDirectoryOutside: "the central directory lies outside the file",
  centralDirectoryEntryDamaged: (entry: number): string => `central directory entry ${entry} is damaged`,
} as const;

/** A .npz whose zip structure is damaged. */
export function invalidNpz(file: string, fault: string): string {
  return `${file}: not a valid .npz (zip) file: ${fault}`;
}

/** A zip64 archive, or a zip64 entry (`where`: the file, or npzEntryLabel). */
export function zip64NotSupported(where: string, what: "archives" | "entries"): string {
  return `${where}: zip64 ${what} are not supported`;
}

/** An archive spanning several disks. */
export function multiDiskZipNotSupported(file: string): string {
  return `${file}: multi-disk zip archives are not supported`;
}

/** An encrypted entry. */
export function encryptedZipEntry(entry: string): string {
  return `${entry}: encrypted zip entries are not supported`;
}

/** An entry compressed otherwise than stored or deflated. */
export function unsupportedZipMethod(entry: string, method: number): string {
  return `${entry}: zip compression method ${method} is not supported (only stored and deflated)`;
}

/** An entry whose local header is not where the central directory says. */
export function npzLocalHeaderDamaged(entry: string): string {
  return `${entry}: the local file header is missing or damaged`;
}

/** An entry whose data runs past the end of the file. */
export function npzEntryTruncated(entry: string): string {
  return `${entry}: the entry's data is truncated`;
}

/** Deflated data that does not inflate. */
export function npzInflateFailed(entry: string, reason: string): string {
  return `${entry}: cannot inflate the entry's data (${reason})`;
}

/** An entry of another size than the central directory records. */
export function npzEntrySizeMismatch(entry: string, actual: number, declared: number): string {
  return `${entry}: the entry has ${actual} bytes but the directory says ${declared}`;
}

/** An entry whose CRC-32 does not match. */
export function npzCrcMismatch(entry: string): string {
  return `${entry}: CRC-32 mismatch (the entry is corrupted)`;
}

// ---------------------------------------------------------------------------------------
// safetensors

/** Tensor `name` of a safetensors file, as its messages name it. */
export function safetensorsTensorLabel(file: string, name: string): string {
  return `${file}: tensor '${name}'`;
}

/** `metadata["key"]`, as messages name a metadata value. */
function metadataEntry(key: string): string {
  return `metadata[${JSON.stringify(key)}]`;
}

/** A dtype safetensors cannot hold (complex, string). */
export function unsavableSafetensorsDtype(file: string, name: string, dtype: DType): string {
  const why = dtype.isComplex
    ? "safetensors has no complex dtype; save the real and imaginary parts (tf.math.real, tf.math.imag) as two tensors"
    : "safetensors holds only fixed-size numeric and bool tensors";
  return `${file}: cannot save tensor '${name}' of dtype ${dtype.name} as safetensors: ${why}.`;
}

/** The text of a name or metadata entry that has no UTF-8 form (the `subject` of loneSurrogate). */
export const safetensorsTexts = {
  metadataKey: "the metadata key",
  metadataValue: metadataEntry,
  tensorName: "the tensor name",
} as const;

/** A string with a lone surrogate, which UTF-8 cannot encode. */
export function loneSurrogate(file: string, subject: string, text: string): string {
  return `${file}: ${subject} ${JSON.stringify(text)} is not valid Unicode (a lone surrogate), so it has no UTF-8 form`;
}

/** save_file's metadata argument is not a plain object. */
export function metadataArgumentNotObject(file: string, metadata: unknown): string {
  return `${file}: metadata must be an object of strings, got ${Array.isArray(metadata) ? "an array" : typeof metadata}`;
}

/** save_file's metadata argument has a value that is no string. */
export function metadataArgumentValueNotString(file: string, key: string, value: unknown): string {
  return `${file}: metadata values must be strings; ${metadataEntry(key)} is ${value === null ? "null" : typeof value}`;
}

/** A tensor named as the header's metadata key. */
export function reservedTensorName(file: string, metadataKey: string): string {
  return `${file}: a tensor may not be named "${metadataKey}" (the header's metadata key)`;
}

/** A tensor to save whose storage has another byte count than its shape needs. */
export function safetensorsDataSizeMismatch(file: string, name: string, bytes: number, shape: readonly number[], need: number): string {
  return `${file}: tensor '${name}' has ${bytes} bytes of data but shape ${shapeDebugString(shape)} needs ${need}`;
}

/** A file shorter than the 8-byte header length. */
export function notSafetensorsFile(file: string, bytes: number): string {
  return `${file}: not a safetensors file: it has ${bytes} bytes, fewer than the 8-byte header length`;
}

/** A header length over the reference's limit. */
export function safetensorsHeaderTooLong(file: string, length: bigint, limit: number): string {
  return `${file}: the safetensors header length ${length} exceeds the limit of ${limit} bytes (is this a safetensors file?)`;
}

/** A file that ends within its header. */
export function truncatedSafetensorsHeader(file: string, declared: number, available: number): string {
  return `${file}: truncated safetensors file: ${declaresMoreThanFile("the header", declared, available)}`;
}

/** A header that is not UTF-8. */
export function safetensorsHeaderNotUtf8(file: string): string {
  return `${file}: the safetensors header is not valid UTF-8`;
}

/** A header that does not start with '{' (`start`: its first characters). */
export function safetensorsHeaderNotBrace(file: string, start: string): string {
  return `${file}: the safetensors header must be a JSON object starting with '{': ${describe(start)}`;
}

/** A header that is not JSON. */
export function safetensorsHeaderNotJson(file: string, reason: string): string {
  return `${file}: the safetensors header is not valid JSON (${reason})`;
}

/** A header that is JSON but not an object. */
export function safetensorsHeaderNotObject(file: string): string {
  return `${file}: the safetensors header is not a JSON object`;
}

/** A header's metadata entry that is not an object. */
export function metadataHeaderNotObject(file: string, metadataKey: string, info: unknown): string {
  return `${file}: "${metadataKey}" must be an object of strings, got ${describe(info)}`;
}

/** A header's metadata value that is not a string. */
export function metadataHeaderValueNotString(file: string, metadataKey: string, key: string, value: unknown): string {
  return `${file}: "${metadataKey}" values must be strings; ${JSON.stringify(key)} is ${describe(value)}`;
}

/** A header entry that is not an object. */
export function headerEntryNotObject(file: string, name: string, info: unknown): string {
  return `${safetensorsTensorLabel(file, name)}: the header entry is not an object: ${describe(info)}`;
}

/** A header entry without a string dtype. */
export function headerEntryDtypeMissing(file: string, name: string, dtype: unknown): string {
  return `${safetensorsTensorLabel(file, name)}: missing or non-string "dtype": ${describe(dtype)}`;
}


/** A dtype string safetensors does not define. */
export function unknownSafetensorsDtype(file: string, name: string, dtype: string): string {
  return `${safetensorsTensorLabel(file, name)}: unknown safetensors dtype ${describe(dtype)}`;
}

/** A header entry's shape that is not a list of non-negative integers. */
export function badSafetensorsShape(file: string, name: string, shape: unknown): string {
  return `${safetensorsTensorLabel(file, name)}: "shape" must be an array of non-negative integers, got ${describe(shape)}`;
}

/** A header entry's data_offsets that are not a pair of non-negative integers. */
export function badDataOffsets(file: string, name: string, offsets: unknown): string {
  return `${safetensorsTensorLabel(file, name)}: "data_offsets" must be [begin, end] of non-negative integers, got ${describe(offsets)}`;
}

/** A tensor's data_offsets as messages quote them. */
function dataOffsets(begin: number, end: number): string {
  return `data_offsets [${begin}, ${end}]`;
}

/** data_offsets whose end is before their begin. */
export function dataOffsetsReversed(file: string, name: string, begin: number, end: number): string {
  return `${safetensorsTensorLabel(file, name)}: ${dataOffsets(begin, end)} end before they begin`;
}

/** data_offsets that start before the previous tensor ends. */
export function dataOffsetsOverlap(file: string, name: string, begin: number, end: number, cursor: number): string {
  return `${safetensorsTensorLabel(file, name)}: ${dataOffsets(begin, end)} overlap the previous tensor, which ends at ${cursor}`;
}

/** data_offsets that start after the previous tensor ends. */
export function dataOffsetsGap(file: string, name: string, begin: number, end: number, cursor: number): string {
  return `${safetensorsTensorLabel(file, name)}: ${dataOffsets(begin, end)} leave a gap after byte ${cursor} of the data buffer`;
}

/** data_offsets spanning another byte count than the shape and dtype need. */
export function dataOffsetsSizeMismatch(
  file: string, name: string, begin: number, end: number, shape: readonly number[], dtype: string, need: bigint,
): string {
  return `${safetensorsTensorLabel(file, name)}: ${dataOffsets(begin, end)} span ${end - begin} bytes but shape [${shape.join(", ")}] of ${dtype} needs ${need}`;
}

/** A tensor ending past the end of the data buffer. */
export function truncatedSafetensorsData(file: string, name: string, end: number, available: number): string {
  return `${file}: truncated safetensors file: tensor '${name}' ends at byte ${end} of the data buffer, which has ${available} bytes`;
}

/** A data buffer longer than its tensors. */
export function safetensorsTrailingBytes(file: string, available: number, covered: number): string {
  return `${file}: the safetensors data buffer has ${available} bytes but its tensors cover only ${covered} (trailing bytes)`;
}

/** A dtype the safetensors reader has no storage for (never reached for dtypes it decodes). */
export function noSafetensorsStorage(dtypeName: string): string {
  return `no safetensors storage for dtype ${dtypeName}`;
}

// ---------------------------------------------------------------------------------------
// TensorFlow.js weights

/** Weight group `group` of a model.json's manifest. */
export function manifestGroupLabel(modelJson: string, group: number): string {
  return `${modelJson}: weightsManifest[${group}]`;
}

/** Weight `name` of a manifest group (`group`: manifestGroupLabel). */
export function manifestWeightLabel(group: string, name: string): string {
  return `${group}: weight ${JSON.stringify(name)}`;
}

/** A model.json that is not JSON. */
export function modelJsonNotJson(modelJson: string, reason: string): string {
  return `${modelJson}: not valid JSON; ${reason}`;
}

/** A model.json that is JSON but not an object. */
export function modelJsonNotObject(modelJson: string): string {
  return `${modelJson}: model.json must hold a JSON object`;
}

/** A model.json without a weightsManifest list. */
export function noWeightsManifest(modelJson: string): string {
  return `${modelJson}: no "weightsManifest" list`;
}

/** A manifest group that is not an object. */
export function manifestGroupNotObject(group: string): string {
  return `${group} must be an object`;
}

/** A manifest group whose paths are not strings. */
export function manifestPathsNotStrings(group: string): string {
  return `${group}: "paths" must be a list of strings`;
}

/** A manifest group whose weights are not a list. */
export function manifestWeightsNotList(group: string): string {
  return `${group}: "weights" must be a list`;
}

/** A weight entry that is not an object. */
export function weightEntryNotObject(group: string): string {
  return `${group}: a weight entry must be an object`;
}

/** A weight entry without a name. */
export function weightEntryWithoutName(group: string): string {
  return `${group}: a weight entry has no string "name"`;
}

/** A weight whose shape is not a list of non-negative integers (`weight`: manifestWeightLabel). */
export function badWeightShape(weight: string): string {
  return `${weight}: "shape" must be a list of non-negative integers`;
}

/** A weight dtype TensorFlow.js does not define. */
export function unknownWeightDtype(weight: string, dtype: unknown): string {
  return `${weight}: unknown dtype ${JSON.stringify(dtype)} (float32, int32, bool, string or complex64)`;
}

/** A quantization entry that is not an object. */
export function quantizationNotObject(weight: string): string {
  return `${weight}: "quantization" must be an object`;
}

/** A quantization dtype other than uint8, uint16 and float16. */
export function unknownQuantizationDtype(weight: string, dtype: unknown): string {
  return `${weight}: unknown quantization dtype ${JSON.stringify(dtype)} (uint8, uint16 or float16)`;
}

/** A quantization that does not apply to the weight's dtype (float16: float32 only; uint8/16: float32 or int32). */
export function quantizationDtypeMismatch(weight: string, quantization: string, dtype: DType): string {
  const needs = quantization === "float16" ? "float32" : "float32 or int32";
  return `${weight}: ${quantization} quantization needs dtype ${needs}, not ${dtype.name}`;
}

/** An affine quantization without numeric min and scale. */
export function quantizationWithoutMinScale(weight: string, quantization: string): string {
  return `${weight}: ${quantization} quantization needs numeric "min" and "scale"`;
}

/** Shards shorter than a weight of the manifest needs. */
export function weightShardsTooShort(shard: string, weight: string, need: number, have: number): string {
  return `${shard}: weight ${JSON.stringify(weight)} needs ${need} bytes of the group's shards, which hold ${have}`;
}

// ---------------------------------------------------------------------------------------
// TensorBundle (checkpoints): reading

/** Tensor `key` of the bundle file `file` (reading its data, or writing it). */
export function bundleKeyLabel(file: string, key: string): string {
  return `${file}: key ${key}`;
}

/** The index entry (BundleEntryProto) of `key`. */
export function bundleEntryLabel(file: string, key: string): string {
  return `${file}: entry for key ${key}`;
}

/** The index's header (BundleHeaderProto), and its version submessage. */
export function bundleHeaderLabel(file: string, part?: "version"): string {
  return part === undefined ? `${file} header` : `${file} header ${part}`;
}

/** A field of the index's header. */
export function bundleHeaderFieldLabel(file: string, field: string): string {
  return `${file}: the header's ${field}`;
}

/** A field of a proto named `what`. */
export function protoFieldLabel(what: string, field: string): string {
  return `${what}: ${field}`;
}

/** Dimension `i` of a shape in the proto named `what`. */
export function protoDimensionLabel(what: string, i: number): string {
  return `${what}: dimension ${i}`;
}

/** The damagedAt faults particular to TensorBundle's table and string data. */
export const bundleFaults = {
  keySharesTooMuch: (shared: number, keyLength: number): string => `key shares ${shared} bytes with a ${keyLength}-byte key`,
  stringLengthExceedsEntry: (length: bigint): string => `string length ${length} exceeds the entry`,
  trailingBytesAfterStrings: "trailing bytes after the strings",
} as const;

/** A proto count or offset outside [0, max] (`what`: a *Label). */
export function protoFieldOutOfRange(what: string, value: bigint, max: number): string {
  return `${what} is ${value}, outside [0, ${max}]`;
}

/** A block handle past the end of the table file. */
export function blockPastEnd(file: string, offset: number, size: number, fileBytes: number): string {
  return `${file}: block at ${offset} (${size} bytes) runs past the end of the file (${fileBytes} bytes)`;
}

/** A block whose trailer crc does not match. */
export function blockChecksumMismatch(file: string, offset: number, stored: number, actual: number): string {
  return `${file}: block checksum mismatch at offset ${offset}: ${expectedActual(hex(stored), "the block trailer", actual, "the block")}`;
}

/** A compressed block (TensorBundle writes none). */
export function compressedBlock(file: string, offset: number, type: number): string {
  return `${file}: block at offset ${offset} is compressed (type ${type}); only uncompressed tables are supported`;
}

/** A block shorter than its restart count. */
export function blockTooShort(file: string, bytes: number): string {
  return `${file}: block too short (${bytes} bytes)`;
}

/** A restart count larger than its block. */
export function badRestartCount(file: string, count: number): string {
  return `${file}: bad restart count ${count}`;
}

/** A file shorter than a table's footer. */
export function tableTooShort(file: string, bytes: number): string {
  return `${file}: too short to be a table (${bytes} bytes)`;
}

/** A footer without the table magic number. */
export function notSSTable(file: string): string {
  return `${file}: not an SSTable (bad magic number)`;
}

/** Table keys not in increasing order. */
export function tableKeysOutOfOrder(file: string, key: string, previous: string): string {
  return `${file}: table keys out of order (${JSON.stringify(key)} after ${JSON.stringify(previous)})`;
}

/** A header endianness other than 0 (little) and 1 (big). */
export function badBundleEndianness(file: string, value: bigint): string {
  return `${file}: the header's endianness is ${value} (0 little, 1 big)`;
}

/** A header with no data shards. */
export function badShardCount(file: string, numShards: number): string {
  return `${file}: the header says the bundle has ${numShards} data shards`;
}

/** An index without the header's (empty) key. */
export function noBundleHeader(file: string): string {
  return `${file}: no bundle header (empty key) in the index`;
}

/** An entry naming a data shard the bundle does not have. */
export function entryShardOutOfRange(file: string, key: string, shard: number, numShards: number): string {
  return `${bundleEntryLabel(file, key)} names data shard ${shard}, but the bundle has ${numShards}`;
}

/** A partitioned variable's entry. */
export function slicedEntry(file: string, key: string): string {
  return `${bundleKeyLabel(file, key)} is a partitioned (sliced) variable, which is not supported`;
}

/** An entry's data of another length than the index says: missing from the data file, or given too long. */
export function entryBytesMismatch(file: string, key: string, offset: number, size: number, actual: number): string {
  return actual < size
    ? `${bundleKeyLabel(file, key)} spans bytes [${offset}, ${offset + size}) but only ${actual} of its ${size} bytes are there (the data file is truncated)`
    : `${bundleKeyLabel(file, key)}: ${actual} bytes given for an entry of ${size}`;
}

/** Tensor data whose crc32c differs from the index's. */
export function entryChecksumMismatch(file: string, key: string, expected: number, actual: number): string {
  return `${file}: checksum mismatch for key ${key}: ${expectedActual(`crc32c ${hex(expected)}`, "the index", actual, "the data")}`;
}

/** String lengths whose crc32c differs from the one stored after them. */
export function stringLengthsChecksumMismatch(file: string, key: string, stored: number, actual: number): string {
  return `${file}: checksum mismatch for the string lengths of key ${key}: ${expectedActual(hex(stored), "the data", actual, "the lengths")}`;
}

/** Numeric data whose byte count does not fit the entry's shape and dtype. */
export function entryElementBytesMismatch(file: string, key: string, bytes: number, elements: number, dtype: DType): string {
  return `${bundleKeyLabel(file, key)}: ${bytes} bytes for ${elements} elements of ${dtype.name}`;
}

// ---------------------------------------------------------------------------------------
// TensorBundle: writing

/** Table rows given out of key order. */
export function tableKeysNotIncreasing(): string {
  return "table keys must be strictly increasing";
}

/** writeBundle with an empty prefix. */
export function emptyCheckpointPrefix(): string {
  return "writeBundle: the checkpoint prefix must not be empty";
}

/** A tensor with the header's empty key. */
export function reservedEmptyKey(file: string): string {
  return `${file}: the empty key is reserved for the bundle header`;
}

/** Two tensors with one key. */
export function duplicateBundleKey(file: string, key: string): string {
  return `${file}: duplicate key ${key}`;
}

/** A shape with negative or fractional dimensions (`tensor`: bundleKeyLabel). */
export function badBundleShape(tensor: string, shape: readonly number[]): string {
  return `${tensor}: shape [${shape.join(", ")}] must hold non-negative integers`;
}

/** Storage holding another number of values than the shape (`count` null: not byte strings, for a string tensor). */
export function valueCountMismatch(tensor: string, count: number | null, shape: readonly number[], dtype: DType): string {
  const values = `${tensor}: ${count ?? "non-string"} values for shape [${shape.join(", ")}]`;
  return dtype.name === "string" ? values : `${values} of ${dtype.name}`;
}

/** Byte strings given for a numeric tensor. */
export function stringValuesForNumeric(tensor: string, dtype: DType): string {
  return `${tensor}: string values for a ${dtype.name} tensor`;
}

/** A typed array of another element size than the dtype. */
export function storageDtypeMismatch(tensor: string, storageType: string, dtype: DType): string {
  return `${tensor}: ${storageType} storage does not hold ${dtype.name} values`;
}

/** Writing on a big-endian host (the format is little-endian). */
export function bigEndianBundleWrite(tensor: string): string {
  return `${tensor}: writing checkpoints on a big-endian host is not supported`;
}
