// Index arithmetic that every device's kernels share: row-major strides, and the offsets of
// N-d index tuples (the GPU's resource kernels read index values back and compute them on the
// host, as the CPU's do).
import { sizeOf } from "../core/tensor_shape.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { indicesDoNotIndexInto } from "../errors/messages.js";
import { gatherNdIndexOutOfRange } from "../errors/index_messages.js";

/** Row-major strides, in elements, of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]!; }
  return s;
}

/**
 * Flat element offsets (into params) addressed by each index tuple (the last axis of an index
 * tensor of `indicesDims` holding `values`), and the elements per slice; TF's errors when out of
 * range. The GPU kernels read the index values back first.
 */
export function ndOffsetsOf(params: readonly number[], indicesDims: readonly number[], values: ArrayLike<number | bigint>, what: "shape" | "param shape"): { offsets: number[]; inner: number } {
  const k = indicesDims[indicesDims.length - 1]!;
  const batch = indicesDims.slice(0, -1);
  const strides = stridesOf(params);
  const inner = sizeOf(params.slice(k));
  const count = sizeOf(batch);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    let off = 0;
    for (let c = 0; c < k; c++) {
      const x = Number(values[i * k + c]!);
      if (x < 0 || x >= params[c]!) {
        const tuple = Array.from({ length: k }, (_, j) => values[i * k + j]).join(", ");
        throw new InvalidArgumentError(indicesDoNotIndexInto(batch, i, tuple, what, params));
      }
      off += x * strides[c]!;
    }
    offsets.push(off);
  }
  return { offsets, inner };
}

/**
 * Flat offsets into `params` of the slices that the index tuples (last axis of `indices`)
 * address, with GatherNd's message naming the first tuple out of range.
 */
export function gatherNdOffsets(params: readonly number[], indicesDims: readonly number[], values: ArrayLike<number | bigint>, node: string): number[] {
  const k = indicesDims[indicesDims.length - 1]!;
  const batch = indicesDims.slice(0, -1);
  const strides = stridesOf(params);
  const count = sizeOf(batch);
  const offsets = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let off = 0;
    for (let c = 0; c < k; c++) {
      const x = Number(values[i * k + c]!);
      if (!(x >= 0 && x < params[c]!)) {
        const tuple = Array.from({ length: k }, (_, j) => String(values[i * k + j])).join(", ");
        throw new InvalidArgumentError(gatherNdIndexOutOfRange(batch, i, tuple, params, node));
      }
      off += x * strides[c]!;
    }
    offsets[i] = off;
  }
  return offsets;
}
