// tf.train.list_variables / tf.train.load_checkpoint: read a TensorFlow checkpoint
// (TensorBundle V2, see io/tensor_bundle.ts) from its prefix, or from a directory whose
// `checkpoint` state file names the latest one.
import { stat } from "node:fs/promises";
import type { DType } from "../core/dtypes.js";
import type { Tensor } from "../runtime/tensor.js";
import { hostTensor } from "../runtime/copies.js";
import { DataLossError, NotFoundError, UnimplementedError, ValueError } from "../errors/errors.js";
import { entryShardOutOfRange } from "../errors/io_messages.js";
import { bigEndianCheckpoint, keyNotFoundInCheckpoint, noCheckpointInDirectory } from "../errors/train_messages.js";
import { read } from "../io/files.js";
import { latestCheckpoint } from "./checkpoint_state.js";
import { decodeBundleIndex, decodeBundleTensor, type BundleEntry, type BundleIndex } from "../io/tensor_bundle.js";

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The checkpoint prefix `path` stands for: itself, or for a directory the latest checkpoint
 * its `checkpoint` state file names (TensorFlow's `latest_checkpoint`).
 */
async function resolvePrefix(path: string): Promise<string> {
  if (!(await isDirectory(path))) return path;
  const latest = await latestCheckpoint(path);
  if (latest === null) throw new ValueError(noCheckpointInDirectory(path));
  return latest;
}

function shardName(prefix: string, shard: number, numShards: number): string {
  return `${prefix}.data-${String(shard).padStart(5, "0")}-of-${String(numShards).padStart(5, "0")}`;
}

function record<V>(entries: Iterable<[string, V]>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A checkpoint, as `tf.train.load_checkpoint` returns it (a CheckpointReader). */
export class CheckpointReader {
  /** @internal */
  constructor(
    /** The checkpoint prefix read. */
    readonly prefix: string,
    private readonly entries: ReadonlyMap<string, BundleEntry>,
    /** The data shards the entries name, by shard id. */
    private readonly shards: ReadonlyMap<number, Uint8Array>,
    private readonly numShards: number,
  ) {}

  /** Whether the checkpoint holds `key`. */
  hasTensor(key: string): boolean { return this.entries.has(key); }

  /** `{ name: shape }` for every tensor. */
  getVariableToShapeMap(): Record<string, number[]> {
    return record([...this.entries].map(([k, e]) => [k, [...e.shape]]));
  }

  /** `{ name: dtype }` for every tensor. */
  getVariableToDtypeMap(): Record<string, DType> {
    return record([...this.entries].map(([k, e]) => [k, e.dtype]));
  }

  /** The tensor stored under `key`, its checksum verified. */
  getTensor(key: string): Tensor {
    const e = this.entries.get(key);
    if (e === undefined) throw new NotFoundError(keyNotFoundInCheckpoint(key));
    const bytes = this.shards.get(e.shardId);
    if (bytes === undefined) throw new DataLossError(entryShardOutOfRange(this.prefix, key, e.shardId, this.numShards));
    const file = shardName(this.prefix, e.shardId, this.numShards);
    return hostTensor(e.dtype, e.shape, decodeBundleTensor(e, bytes.subarray(e.offset, e.offset + e.size), file));
  }
}

async function readIndex(path: string): Promise<{ prefix: string; index: BundleIndex }> {
  const prefix = await resolvePrefix(path);
  const indexFile = `${prefix}.index`;
  const index = decodeBundleIndex(await read(indexFile), indexFile);
  if (index.header.endianness !== "little") throw new UnimplementedError(bigEndianCheckpoint(indexFile));
  return { prefix, index };
}

/**
 * `tf.train.load_checkpoint(path)`: path is a checkpoint prefix or a directory with a
 * `checkpoint` file. The index and data files are read now; `getTensor` decodes on demand.
 */
export async function loadCheckpoint(path: string): Promise<CheckpointReader> {
  const { prefix, index } = await readIndex(path);
  const n = index.header.numShards;
  // Only the shards that entries name: num_shards alone (up to 2^31 - 1) says nothing about the files.
  const used = [...new Set([...index.entries.values()].map((e) => e.shardId))].filter((i) => i < n);
  const shards = new Map(await Promise.all(used.map(async (i) => [i, await read(shardName(prefix, i, n))] as const)));
  return new CheckpointReader(prefix, index.entries, shards, n);
}

/**
 * `tf.train.list_variables(path)`: `[name, shape]` for every tensor, sorted by name as Python
 * sorts strings (by code point, which is the index's UTF-8 byte order); reads the index only.
 */
export async function listVariables(path: string): Promise<[string, number[]][]> {
  const { index } = await readIndex(path);
  return [...index.entries.keys()].map((k) => [k, [...index.entries.get(k)!.shape]]);
}
