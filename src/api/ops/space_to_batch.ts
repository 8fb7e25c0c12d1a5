// tf.space_to_batch_nd / tf.space_to_batch and tf.batch_to_space (v2) / batch_to_space_nd:
// blocks of the spatial axes moved into the batch and back, run as pad, reshape, transpose
// and slice (ops/space_to_batch.ts plans them), so their gradients are those ops' gradients.
import { InvalidArgumentError } from "../../errors/errors.js";
import { atOp } from "../../errors/op_messages.js";
import { blockShapeRank, spaceBatchPairsShape } from "../../errors/array_messages.js";
import { planBatchToSpace, planSpaceToBatch } from "../../ops/space_to_batch.js";
import type { Tensor } from "../../runtime/tensor.js";
import { pad, reshape, slice, transpose } from "./array.js";
import { convertToTensor, type TensorLike } from "./convert.js";

type IntMatrix = readonly (readonly number[])[] | TensorLike;

function hostInts(x: TensorLike): { values: number[]; dims: number[] } {
  const t = convertToTensor(x);
  const data = t.numpy().data as ArrayLike<number | bigint>;
  return { values: Array.from(data, Number), dims: [...t.dims] };
}

function readArgs(opName: string, what: "paddings" | "crops", blockShape: TensorLike, pairs: IntMatrix): [number[], [number, number][]] {
  const block = hostInts(blockShape);
  if (block.dims.length !== 1) throw new InvalidArgumentError(atOp(blockShapeRank(block.dims), opName));
  const p = hostInts(pairs as TensorLike);
  const M = block.values.length;
  if (p.dims.length !== 2 || p.dims[0] !== M || p.dims[1] !== 2) {
    if (!(M === 0 && p.values.length === 0)) throw new InvalidArgumentError(atOp(spaceBatchPairsShape(what, M, p.dims), opName));
  }
  return [block.values, block.values.map((_, i) => [p.values[2 * i]!, p.values[2 * i + 1]!])];
}

function withOp<T>(opName: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InvalidArgumentError && !e.message.endsWith("]")) throw new InvalidArgumentError(atOp(e.message, opName));
    throw e;
  }
}

/**
 * tf.space_to_batch_nd(input, block_shape, paddings): zero-pad the M spatial axes after the
 * batch, then move each block_shape block of them into the batch (block offsets outermost).
 */
export function spaceToBatchNd(input: TensorLike, blockShape: TensorLike, paddings: IntMatrix): Tensor {
  const x = convertToTensor(input);
  const [block, pairs] = readArgs("SpaceToBatchND", "paddings", blockShape, paddings);
  const plan = withOp("SpaceToBatchND", () => planSpaceToBatch(x.dims, block, pairs));
  return reshape(transpose(reshape(pad(x, chunk(plan.paddings)), plan.split), plan.perm), plan.output);
}

/** tf.space_to_batch (v2): tf.space_to_batch_nd. */
export const spaceToBatch = spaceToBatchNd;

/**
 * tf.batch_to_space(input, block_shape, crops) (v2; also batch_to_space_nd): the inverse of
 * space_to_batch_nd, then crop the spatial axes.
 */
export function batchToSpace(input: TensorLike, blockShape: TensorLike, crops: IntMatrix): Tensor {
  const x = convertToTensor(input);
  const [block, pairs] = readArgs("BatchToSpaceND", "crops", blockShape, crops);
  const plan = withOp("BatchToSpaceND", () => planBatchToSpace(x.dims, block, pairs));
  return slice(reshape(transpose(reshape(x, plan.split), plan.perm), plan.merged), plan.begin, plan.size);
}

/** tf.compat.v1.batch_to_space_nd. */
export const batchToSpaceNd = batchToSpace;

function chunk(flat: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
