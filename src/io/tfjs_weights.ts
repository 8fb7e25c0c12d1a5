// TensorFlow.js weights: `tf.io.loadTfjsWeights(model.json)` reads the `weightsManifest` of a
// TF.js model (layers or graph model) and its binary shards, as tfjs-core's
// `io.loadWeights`/`decodeWeights` do.
//   model.json: { ..., "weightsManifest": [ { "paths": ["group1-shard1of2.bin", ...],
//     "weights": [ { "name", "shape", "dtype", "quantization"?: { "dtype", "min"?, "scale"? } } ] } ] }
//   Each group's shards (paths relative to model.json) are concatenated and its weights laid
//   out back to back in manifest order, little-endian, C order: float32/int32 4 bytes, bool 1,
//   complex64 8 (re, im), string: per element a uint32 byte length then the bytes.
//   Quantized weights hold uint8/uint16 q (value = q * scale + min, rounded for int32) or
//   float16 bits (float32 weights only); the weight's `dtype` is the dequantized dtype.
// Errors name the file (and the weight): NotFoundError for a missing model.json or shard,
// DataLossError when the shards are shorter than the manifest needs or model.json is not JSON,
// ValueError for a manifest tsflow cannot read (unknown dtype, bad shape, bad quantization).
import { dirname, resolve } from "node:path";
import { bool, complex64, float32, int32, string, type DType } from "../core/dtypes.js";
import { fromHalfBits } from "../core/f16.js";
import type { Storage } from "../core/storage.js";
import type { Tensor } from "../runtime/tensor.js";
import { hostTensor } from "../runtime/copies.js";
import { DataLossError, ValueError } from "../errors/errors.js";
import {
  badWeightShape, manifestGroupLabel, manifestGroupNotObject, manifestPathsNotStrings, manifestWeightLabel,
  manifestWeightsNotList, modelJsonNotJson, modelJsonNotObject, noWeightsManifest, quantizationDtypeMismatch,
  quantizationNotObject, quantizationWithoutMinScale, unknownQuantizationDtype, unknownWeightDtype,
  weightEntryNotObject, weightEntryWithoutName, weightShardsTooShort,
} from "../errors/io_messages.js";
import { read } from "./files.js";

const DTYPES: Readonly<Record<string, DType>> = { float32, int32, bool, string, complex64 };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface Quantization { dtype: "uint8" | "uint16" | "float16"; min: number; scale: number }
/** A manifest weight entry, parsed. */
export interface WeightSpec { name: string; shape: number[]; dtype: DType; quantization: Quantization | null }

function parseQuantization(q: Json, dtype: DType, where: string): Quantization | null {
  if (q === null) return null;
  if (!isObject(q)) throw new ValueError(quantizationNotObject(where));
  const qd = q["dtype"];
  if (qd === "float16") {
    if (dtype !== float32) throw new ValueError(quantizationDtypeMismatch(where, qd, dtype));
    return { dtype: qd, min: 0, scale: 1 };
  }
  if (qd !== "uint8" && qd !== "uint16") {
    throw new ValueError(unknownQuantizationDtype(where, qd));
  }
  if (dtype !== float32 && dtype !== int32) {
    throw new ValueError(quantizationDtypeMismatch(where, qd, dtype));
  }
  const min = q["min"], scale = q["scale"];
  if (typeof min !== "number" || typeof scale !== "number") {
    throw new ValueError(quantizationWithoutMinScale(where, qd));
  }
  return { dtype: qd, min, scale };
}

function parseWeight(w: Json, where: string): WeightSpec {
  if (!isObject(w)) throw new ValueError(weightEntryNotObject(where));
  const name = w["name"];
  if (typeof name !== "string") throw new ValueError(weightEntryWithoutName(where));
  const at = manifestWeightLabel(where, name);
  const shape = w["shape"];
  if (!Array.isArray(shape) || !shape.every((d): d is number => typeof d === "number" && Number.isSafeInteger(d) && d >= 0)) {
    throw new ValueError(badWeightShape(at));
  }
  const dn = w["dtype"];
  const dtype = typeof dn === "string" && Object.hasOwn(DTYPES, dn) ? DTYPES[dn] : undefined;
  if (dtype === undefined) {
    throw new ValueError(unknownWeightDtype(at, dn));
  }
  return { name, shape: [...shape], dtype, quantization: parseQuantization(w["quantization"] ?? null, dtype, at) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Decode one weight at `offset` of `buf`; returns its storage and the offset after it. */
function decodeWeight(w: WeightSpec, buf: Uint8Array, offset: number, short: (need: number) => never): [Storage, number] {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const q = w.quantization;
  if (q !== null) {
    const size = q.dtype === "uint8" ? 1 : 2;
    if (offset + n * size > buf.length) short(offset + n * size);
    if (q.dtype === "float16") {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = fromHalfBits(view.getUint16(offset + 2 * i, true));
      return [out, offset + 2 * n];
    }
    const out = w.dtype === int32 ? new Int32Array(n) : new Float32Array(n);
    const round = w.dtype === int32;
    for (let i = 0; i < n; i++) {
      const v = size === 1 ? buf[offset + i]! : view.getUint16(offset + 2 * i, true);
      const x = v * q.scale + q.min;
      out[i] = round ? Math.round(x) : x;
    }
    return [out, offset + n * size];
  }
  if (w.dtype === string) {
    // Every string takes at least its 4-byte length: check before allocating.
    if (offset + 4 * n > buf.length) short(offset + 4 * n);
    const out: Uint8Array[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (offset + 4 > buf.length) short(offset + 4);
      const len = view.getUint32(offset, true);
      offset += 4;
      if (offset + len > buf.length) short(offset + len);
      out[i] = buf.slice(offset, offset + len);
      offset += len;
    }
    return [out, offset];
  }
  const end = offset + n * w.dtype.size;
  if (end > buf.length) short(end);
  // Copy into a fresh, aligned buffer, then reinterpret (little-endian hosts, as Node's are).
  const bytes = buf.slice(offset, end);
  const storage: Storage =
    w.dtype === bool ? Uint8Array.from(bytes, (b) => (b !== 0 ? 1 : 0))
    : w.dtype === int32 ? new Int32Array(bytes.buffer, 0, n)
    : new Float32Array(bytes.buffer, 0, w.dtype === complex64 ? 2 * n : n);
  return [storage, end];
}

/** One weight group of a manifest: its shard paths (resolved) and weight specs. */
export interface TfjsWeightGroup { paths: string[]; specs: WeightSpec[] }

/** A decoded weight: dtype, shape and flat C-order storage. */
export interface TfjsWeight { dtype: DType; shape: number[]; storage: Storage }

/**
 * Parse a model.json's bytes into its weight groups (shard paths resolved against the
 * file's directory). DataLossError when it is not JSON, ValueError for a manifest tsflow
 * cannot read.
 */
export function parseTfjsManifest(modelJson: Uint8Array, modelJsonPath = "<model.json>"): TfjsWeightGroup[] {
  const text = new TextDecoder().decode(modelJson);
  let model: Json;
  try {
    model = JSON.parse(text) as Json;
  } catch (err) {
    throw new DataLossError(modelJsonNotJson(modelJsonPath, (err as Error).message));
  }
  if (!isObject(model)) throw new ValueError(modelJsonNotObject(modelJsonPath));
  const manifest = model["weightsManifest"];
  if (!Array.isArray(manifest)) throw new ValueError(noWeightsManifest(modelJsonPath));
  const dir = dirname(modelJsonPath);
  return manifest.map((g, gi) => {
    const where = manifestGroupLabel(modelJsonPath, gi);
    if (!isObject(g)) throw new ValueError(manifestGroupNotObject(where));
    const paths = g["paths"], weights = g["weights"];
    if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === "string")) {
      throw new ValueError(manifestPathsNotStrings(where));
    }
    if (!Array.isArray(weights)) throw new ValueError(manifestWeightsNotList(where));
    return { paths: paths.map((p) => resolve(dir, p)), specs: weights.map((w) => parseWeight(w, where)) };
  });
}

/**
 * Decode one group's weights from its shards (in `paths` order), as tfjs-core's
 * `decodeWeights`. `shardName` names the data in errors. DataLossError when the shards are
 * shorter than the weights need; nothing is allocated beyond what the shards hold.
 */
export function decodeTfjsGroup(
  specs: readonly WeightSpec[], shards: readonly Uint8Array[], shardName = "<weights>",
): [string, TfjsWeight][] {
  if (specs.length === 0) return [];
  const buf = concat([...shards]);
  const out: [string, TfjsWeight][] = [];
  let offset = 0;
  for (const w of specs) {
    const short = (need: number): never => { throw new DataLossError(weightShardsTooShort(shardName, w.name, need, buf.length)); };
    const [storage, next] = decodeWeight(w, buf, offset, short);
    offset = next;
    out.push([w.name, { dtype: w.dtype, shape: w.shape, storage }]);
  }
  return out;
}

/**
 * `tf.loadLayersModel`/`tf.loadGraphModel`'s weight loading, without the model: reads a
 * TensorFlow.js `model.json` and its weight shards and returns `{ name: Tensor }` for every
 * weight of its `weightsManifest`, dequantized to the manifest's dtype, on the host device.
 */
export async function loadTfjsWeights(modelJsonPath: string): Promise<Record<string, Tensor>> {
  const groups = parseTfjsManifest(await read(modelJsonPath), modelJsonPath);
  const out: Record<string, Tensor> = {};
  for (const { paths, specs } of groups) {
    if (specs.length === 0) continue;
    const shards = await Promise.all(paths.map((p) => read(p)));
    const last = paths.length > 0 ? paths[paths.length - 1]! : modelJsonPath;
    for (const [name, w] of decodeTfjsGroup(specs, shards, last)) {
      Object.defineProperty(out, name, {
        value: hostTensor(w.dtype, w.shape, w.storage), enumerable: true, writable: true, configurable: true,
      });
    }
  }
  return out;
}
