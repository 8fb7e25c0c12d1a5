// NumPy broadcasting for CPU kernels: index maps from output to input elements.
import { sizeOf } from "../../../core/tensor_shape.js";
export { broadcastShape } from "../../../core/broadcast.js";
import { stridesOf } from "../../nd_indices.js";

export { stridesOf };

/**
 * For each flat index of `outShape`, the flat index of the broadcast input of `inShape`;
 * null when no mapping is needed (same shape), a zero map for scalars.
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array | null {
  const n = sizeOf(outShape);
  if (inShape.length === outShape.length && inShape.every((d, i) => d === outShape[i])) return null;
  if (sizeOf(inShape) === 1) return new Int32Array(n);
  const rank = outShape.length;
  const inStrides = stridesOf(inShape);
  // Stride of each output axis in the input (0 where the input is broadcast).
  const strides = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const j = inShape.length - rank + i;
    strides[i] = j >= 0 && inShape[j] !== 1 ? inStrides[j]! : 0;
  }
  return stridedOffsets(outShape, strides);
}

/**
 * For each flat (row-major) index of `dims`, the offset Σ index[axis] × strides[axis]:
 * the element of another layout (broadcast input, reduction output, …) it corresponds to.
 */
export function stridedOffsets(dims: readonly number[], strides: readonly number[]): Int32Array {
  const n = sizeOf(dims);
  const rank = dims.length;
  const map = new Int32Array(n);
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    map[k] = off;
    for (let ax = rank - 1; ax >= 0; ax--) {
      idx[ax]!++;
      off += strides[ax]!;
      if (idx[ax]! < dims[ax]!) break;
      off -= strides[ax]! * dims[ax]!;
      idx[ax] = 0;
    }
  }
  return map;
}
