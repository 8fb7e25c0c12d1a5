// tf.gather_nd and its inverses tf.scatter_nd and tf.tensor_scatter_nd_update/add/sub/min/max.
// gather_nd's batch_dims > 0 lowers as Python's batch_gather_nd does: every index tuple is
// prefixed with its batch coordinates and one GatherNd runs on the whole params.
import { int32, int64 } from "../../core/dtypes.js";
import { sizeOf } from "../../core/tensor_shape.js";
import { ValueError } from "../../errors/errors.js";
import { gatherNdBatchDimsTooLarge, gatherNdNegativeBatchDims } from "../../errors/index_messages.js";
import type { OpDef } from "../../ops/op_def.js";
import {
  GatherNd, ScatterNd, TensorScatterAdd, TensorScatterMax, TensorScatterMin, TensorScatterSub, TensorScatterUpdate,
  type ScatterNdAttrs,
} from "../../ops/indexing.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { reshape } from "./array.js";
import { hostIntsOrScalar, indexTensor, isTensorOrConvertible, matchingTensors, type IntsLike } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

export interface GatherNdOptions {
  /** Leading dimensions shared by params and indices (default 0). */
  batchDims?: number;
}

/**
 * Index tuples of `indices` (shape `[...batch, ...inner, c]`) with the coordinates of their
 * batch position in front: shape `[prod(batch), ...inner, batch.length + c]` (int32/int64 kept).
 */
export function withBatchCoordinates(indices: Tensor, batchDims: number): Tensor {
  const dims = indices.dims;
  const batch = dims.slice(0, batchDims);
  const c = dims[dims.length - 1]!;
  const perBatch = sizeOf(dims.slice(batchDims, -1));
  const values = indices.hostData() as Int32Array | BigInt64Array;
  const k = batchDims + c;
  const count = sizeOf(batch) * perBatch;
  const big = indices.dtype.name === "int64";
  const out = big ? new BigInt64Array(count * k) : new Int32Array(count * k);
  for (let t = 0; t < count; t++) {
    let rem = Math.floor(t / perBatch);
    for (let a = batchDims - 1; a >= 0; a--) {
      const q = rem % batch[a]!;
      rem = (rem - q) / batch[a]!;
      if (big) (out as BigInt64Array)[t * k + a] = BigInt(q); else (out as Int32Array)[t * k + a] = q;
    }
    for (let j = 0; j < c; j++) {
      const x = values[t * c + j]!;
      if (big) (out as BigInt64Array)[t * k + batchDims + j] = x as bigint; else (out as Int32Array)[t * k + batchDims + j] = x as number;
    }
  }
  return reshape(convertToTensor(out, big ? undefined : int32), [sizeOf(batch), ...dims.slice(batchDims, -1), k]);
}

/** tf.gather_nd: the elements or slices of `params` addressed by the last axis of `indices`. */
export function gatherNd(params: TensorLike, indices: TensorLike, options: GatherNdOptions = {}): Tensor {
  const batchDims = options.batchDims ?? 0;
  // A variable reads its own elements (ResourceGatherNd, and TensorFlow's gradients for it).
  if (batchDims === 0 && hasGatherNd(params)) return params.gatherNd(indices);
  const p = convertToTensor(params);
  const ix = indexTensor(indices);
  if (batchDims === 0) return execute1(GatherNd, [p, ix], {});
  if (batchDims < 0) throw new ValueError(gatherNdNegativeBatchDims());
  if (batchDims >= ix.rank) throw new ValueError(gatherNdBatchDimsTooLarge(batchDims, "indices", ix.rank));
  if (batchDims >= p.rank) throw new ValueError(gatherNdBatchDimsTooLarge(batchDims, "params", p.rank));
  const out = execute1(GatherNd, [p, withBatchCoordinates(ix, batchDims)], {});
  return reshape(out, [...p.dims.slice(0, batchDims), ...out.dims.slice(1)]);
}

function hasGatherNd(x: unknown): x is { gatherNd(indices: TensorLike): Tensor } {
  return typeof x === "object" && x !== null && typeof (x as { gatherNd?: unknown }).gatherNd === "function";
}

/**
 * ScatterNd's `shape` input as TensorFlow converts it: a tensor as it is, anything else in the
 * indices' dtype. Its values are read only when its dtype is the indices' and an index type
 * (otherwise the op raises TensorFlow's dtype error first).
 */
function scatterShapeAttrs(shape: IntsLike | number, indices: Tensor): ScatterNdAttrs {
  const given = isTensorOrConvertible(shape as TensorLike) ? convertToTensor(shape as TensorLike) : undefined;
  const shapeDtype = given?.dtype ?? indices.dtype;
  if (shapeDtype !== indices.dtype || (shapeDtype !== int32 && shapeDtype !== int64)) {
    return { shape: { values: [], dims: given?.dims ?? [0] }, shapeDtype };
  }
  return { shape: hostIntsOrScalar(given ?? shape, "ScatterNd", "Tindices"), shapeDtype };
}

/**
 * tf.scatter_nd: a tensor of `shape` (an array, a TensorShape or an int tensor, of the indices'
 * dtype), zero (empty for strings) except where the index tuples of `indices` (its last axis)
 * address elements or slices, which get the sum of their `updates` (bools: or; strings: joined).
 */
export function scatterNd(indices: TensorLike, updates: TensorLike, shape: IntsLike): Tensor {
  const ix = indexTensor(indices);
  return execute1(ScatterNd, [ix, convertToTensor(updates)], scatterShapeAttrs(shape, ix));
}

function tensorScatter(op: OpDef, tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  const [t, u] = matchingTensors([tensor, updates]);
  return execute1(op, [t!, indexTensor(indices), u!], {});
}

/** tf.tensor_scatter_nd_update: a copy of `tensor` with the addressed elements or slices replaced (the last of repeated indices wins). */
export function tensorScatterNdUpdate(tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  return tensorScatter(TensorScatterUpdate, tensor, indices, updates);
}

/** tf.tensor_scatter_nd_add: a copy of `tensor` with the updates added at the addressed elements or slices (repeats accumulate). */
export function tensorScatterNdAdd(tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  return tensorScatter(TensorScatterAdd, tensor, indices, updates);
}

/** tf.tensor_scatter_nd_sub: a copy of `tensor` with the updates subtracted at the addressed elements or slices. */
export function tensorScatterNdSub(tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  return tensorScatter(TensorScatterSub, tensor, indices, updates);
}

/** tf.tensor_scatter_nd_min: a copy of `tensor` holding the elementwise minimum with the updates at the addressed places. */
export function tensorScatterNdMin(tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  return tensorScatter(TensorScatterMin, tensor, indices, updates);
}

/** tf.tensor_scatter_nd_max: a copy of `tensor` holding the elementwise maximum with the updates at the addressed places. */
export function tensorScatterNdMax(tensor: TensorLike, indices: TensorLike, updates: TensorLike): Tensor {
  return tensorScatter(TensorScatterMax, tensor, indices, updates);
}
