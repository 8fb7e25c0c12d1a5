// tf.nn.embedding_lookup (embedding_ops.py): rows of `params` by id. `params` is a tensor, a
// variable, or a list of them (partitions along the first dimension, TensorFlow's "div"
// strategy by default in TensorFlow 2, "mod" on request); the partitions are concatenated and
// each id mapped to its row there, so gradients reach each partition through Concat and Gather.
import { int32 } from "../core/dtypes.js";
import { ValueError } from "../errors/errors.js";
import { embeddingBadPartitionStrategy, embeddingNoParams } from "../errors/nn_messages.js";
import { concat, gather } from "../api/ops/array.js";
import { clipByNorm } from "../api/ops/clip.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { maximum, add, floorDiv, mod, subtract } from "../api/ops/math.js";
import { less, where } from "../api/ops/compare.js";
import type { Tensor } from "../runtime/tensor.js";

export interface EmbeddingLookupOptions {
  /** Rows whose L2 norm exceeds this are scaled down to it. */
  maxNorm?: number | null;
  /** How ids spread over a list of partitions: "div" (contiguous; TensorFlow 2's) or "mod". */
  partitionStrategy?: "div" | "mod";
}

/** Gather rows of `params` (a tensor, a variable or a list of partitions) at `ids`. */
export function embeddingLookup(params: TensorLike | readonly TensorLike[], ids: TensorLike, options: EmbeddingLookupOptions = {}): Tensor {
  const list = Array.isArray(params) ? (params as readonly TensorLike[]) : [params as TensorLike];
  if (list.length === 0) throw new ValueError(embeddingNoParams());
  const strategy = options.partitionStrategy ?? "div";
  if (strategy !== "div" && strategy !== "mod") throw new ValueError(embeddingBadPartitionStrategy(String(strategy)));
  const parts = list.map((p) => convertToTensor(p));
  let idx = convertToTensor(ids, typeof ids === "number" || Array.isArray(ids) ? int32 : undefined);
  let table: Tensor;
  if (parts.length === 1) table = parts[0]!;
  else {
    table = concat(parts, 0);
    const np = parts.length;
    const offsets: number[] = [];
    let total = 0;
    for (const p of parts) { offsets.push(total); total += p.dims[0]!; }
    const offsetTable = convertToTensor(offsets, idx.dtype);
    let partition: Tensor, row: Tensor;
    if (strategy === "mod") {
      partition = mod(idx, np);
      row = floorDiv(idx, np);
    } else {
      // TensorFlow's div assignment: the first `extras` partitions hold one id more.
      const perPartition = Math.floor(total / np), extras = total % np;
      partition = maximum(floorDiv(idx, perPartition + 1), floorDiv(subtract(idx, extras), perPartition));
      const isExtra = less(partition, extras);
      row = where(isExtra, mod(idx, perPartition + 1), mod(subtract(idx, extras), perPartition));
    }
    idx = add(gather(offsetTable, partition), row);
  }
  let result = gather(table, idx);
  if (options.maxNorm !== undefined && options.maxNorm !== null) {
    const axes = Array.from({ length: result.rank - idx.rank }, (_, i) => idx.rank + i);
    result = clipByNorm(result, options.maxNorm, axes);
  }
  return result;
}
