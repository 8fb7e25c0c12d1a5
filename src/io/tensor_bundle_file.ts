// Writing a TensorFlow checkpoint (TensorBundle V2) to disk: `<prefix>.data-00000-of-00001`
// and `<prefix>.index` are each written to a temporary file beside them and fsynced; only
// then are both renamed into place, data first, index last, back to back (then the
// directory is fsynced). A save that fails or is killed before the renames leaves the
// previous checkpoint at that prefix as it was; only a crash in the instant between the two
// renames leaves the new data file beside the old index, whose entries then fail their
// checksums (DataLossError) rather than load wrong values. (tf.train.Checkpoint avoids even
// that by saving each checkpoint under a new prefix and naming the latest in the
// `checkpoint` file afterwards.)
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Tensor } from "../runtime/tensor.js";
import { ValueError } from "../errors/errors.js";
import { emptyCheckpointPrefix } from "../errors/io_messages.js";
import { fsError, writeFilesAtomic } from "./files.js";
import { encodeBundle, type BundleEntry, type BundleTensor } from "./tensor_bundle.js";

/** `<prefix>.data-NNNNN-of-MMMMM`, as TensorFlow names a bundle's data shards. */
export function bundleDataFilename(prefix: string, shard = 0, numShards = 1): string {
  return `${prefix}.data-${String(shard).padStart(5, "0")}-of-${String(numShards).padStart(5, "0")}`;
}

/** `<prefix>.index` */
export function bundleIndexFilename(prefix: string): string { return `${prefix}.index`; }

/**
 * Write `entries` as a one-shard TensorFlow checkpoint at `prefix` (what TensorFlow's
 * BundleWriter / `tf.raw_ops.SaveV2` write): tensor bytes in the order given, the index in
 * key order. The prefix's directory is created when missing. Keys must be unique and
 * non-empty (ValueError otherwise). Returns the entries written, in key order.
 */
export async function writeBundle(
  prefix: string, entries: ReadonlyArray<readonly [key: string, value: Tensor]>,
): Promise<BundleEntry[]> {
  if (prefix === "") throw new ValueError(emptyCheckpointPrefix());
  const tensors: BundleTensor[] = entries.map(([key, t]) => ({ key, dtype: t.dtype, shape: t.dims, storage: t.hostData() }));
  const index = bundleIndexFilename(prefix);
  const bundle = encodeBundle(tensors, { file: index });
  try {
    await mkdir(dirname(prefix), { recursive: true });
  } catch (err) {
    throw fsError(err, prefix);
  }
  await writeFilesAtomic([[bundleDataFilename(prefix), bundle.data], [index, bundle.index]]);
  return bundle.entries;
}
