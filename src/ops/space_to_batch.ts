// SpaceToBatchND and BatchToSpaceND as TensorFlow checks them (spacetobatch_op.cc,
// batchtospace_op.cc), planned as the pad → reshape → transpose → reshape (and back, then a
// slice) that the public functions run on existing ops, so every device and the gradients
// come with them. `blockShape` is M values, `pairs` M [before, after] pairs.
import { InvalidArgumentError } from "../errors/errors.js";
import {
  batchNotDivisible, blockShapeNotPositive, croppedSizeNegative, cropsNegative, paddedNotDivisible, paddingsNegative,
  spaceBatchInputRank,
} from "../errors/array_messages.js";

export interface SpaceToBatchPlan {
  /** Pad's paddings for every axis. */
  readonly paddings: number[];
  readonly split: number[];
  readonly perm: number[];
  readonly output: number[];
}

export interface BatchToSpacePlan {
  readonly split: number[];
  readonly perm: number[];
  readonly merged: number[];
  readonly begin: number[];
  readonly size: number[];
}

function checkBlock(dims: readonly number[], block: readonly number[]): void {
  if (dims.length < 1 + block.length) throw new InvalidArgumentError(spaceBatchInputRank(block.length, dims.length));
  block.forEach((b, i) => { if (b < 1) throw new InvalidArgumentError(blockShapeNotPositive(b, i)); });
}

export function planSpaceToBatch(dims: readonly number[], block: readonly number[], pairs: readonly (readonly [number, number])[]): SpaceToBatchPlan {
  checkBlock(dims, block);
  const M = block.length, rest = dims.slice(1 + M);
  const split = [dims[0]!], outSpatial: number[] = [];
  pairs.forEach(([a, b], i) => {
    if (a < 0 || b < 0) throw new InvalidArgumentError(paddingsNegative());
    const padded = dims[1 + i]! + a + b;
    if (padded % block[i]! !== 0) throw new InvalidArgumentError(paddedNotDivisible(i, padded, block[i]!));
    outSpatial.push(padded / block[i]!);
    split.push(padded / block[i]!, block[i]!);
  });
  split.push(...rest);
  // [batch, s1, b1, …, sM, bM, rest…] → [b1, …, bM, batch, s1, …, sM, rest…]
  const perm = [...block.map((_, i) => 2 + 2 * i), 0, ...block.map((_, i) => 1 + 2 * i), ...rest.map((_, i) => 1 + 2 * M + i)];
  const product = block.reduce((p, b) => p * b, 1);
  return {
    paddings: [0, 0, ...pairs.flat(), ...rest.flatMap(() => [0, 0])],
    split, perm, output: [dims[0]! * product, ...outSpatial, ...rest],
  };
}

export function planBatchToSpace(dims: readonly number[], block: readonly number[], crops: readonly (readonly [number, number])[]): BatchToSpacePlan {
  checkBlock(dims, block);
  const M = block.length, rest = dims.slice(1 + M);
  const product = block.reduce((p, b) => p * b, 1);
  if (dims[0]! % product !== 0) throw new InvalidArgumentError(batchNotDivisible(dims[0]!, product));
  const batch = dims[0]! / product;
  const spatial = dims.slice(1, 1 + M);
  crops.forEach(([a, b], i) => {
    if (a < 0 || b < 0) throw new InvalidArgumentError(cropsNegative());
    const size = spatial[i]! * block[i]!;
    if (a + b > size) throw new InvalidArgumentError(croppedSizeNegative(a, b, size));
  });
  // [b1, …, bM, batch, s1, …, sM, rest…] → [batch, s1, b1, …, sM, bM, rest…]
  const split = [...block, batch, ...spatial, ...rest];
  const perm = [M, ...block.flatMap((_, i) => [M + 1 + i, i]), ...rest.map((_, i) => 2 * M + 1 + i)];
  const merged = [batch, ...spatial.map((s, i) => s * block[i]!), ...rest];
  const begin = [0, ...crops.map(([a]) => a), ...rest.map(() => 0)];
  const size = [batch, ...crops.map(([a, b], i) => merged[1 + i]! - a - b), ...rest];
  return { split, perm, merged, begin, size };
}
