// Rows of host memory: slicing a row out of a tensor and stacking rows into a batch without
// an op dispatch per element. Host (CPU) storage is one flat C-ordered typed array, so a row
// of a tensor is a subarray view (tensors are immutable, so views are safe) and a batch is
// one new buffer the rows are copied into.
import type { DType } from "../core/dtypes.js";
import { allocStorage, type NumericStorage, type Storage, type StringStorage } from "../core/storage.js";
import { sameDims, shapeDebugString, sizeOf } from "../core/tensor_shape.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { cannotBatchDifferentShapes } from "../errors/data_messages.js";
import { hostTensor } from "../runtime/copies.js";
import type { Tensor } from "../runtime/tensor.js";

/** Storage slots per element (complex values take two numbers). */
function slotsPerElement(dtype: DType): number { return dtype.isComplex ? 2 : 1; }

/** Row i of a tensor of rank ≥ 1, as a tensor viewing the same host memory. */
export class RowSlicer {
  private readonly data: Storage;
  private readonly rowDims: readonly number[];
  private readonly stride: number;
  readonly rows: number;

  constructor(private readonly source: Tensor) {
    this.data = source.hostData();
    this.rowDims = source.dims.slice(1);
    this.rows = source.dims[0]!;
    this.stride = sizeOf(this.rowDims) * slotsPerElement(source.dtype);
  }

  row(i: number): Tensor {
    const a = i * this.stride, b = a + this.stride;
    const d = this.data;
    const rowData: Storage = Array.isArray(d) ? d.slice(a, b) : (d as NumericStorage).subarray(a, b);
    return hostTensor(this.source.dtype, this.rowDims, rowData);
  }
}

/** The rows of a batch (rank ≥ 1) as tensors viewing its memory. */
export function unstackRows(t: Tensor): Tensor[] {
  const s = new RowSlicer(t);
  const out = new Array<Tensor>(s.rows);
  for (let i = 0; i < s.rows; i++) out[i] = s.row(i);
  return out;
}

/** Component `c` of `elements` stacked into one tensor with a new leading dimension. */
export function stackComponent(elements: readonly (readonly Tensor[])[], c: number): Tensor {
  const first = elements[0]![c]!;
  for (let i = 1; i < elements.length; i++) {
    const t = elements[i]![c]!;
    if (!sameDims(t.dims, first.dims)) {
      throw new InvalidArgumentError(cannotBatchDifferentShapes(c, shapeDebugString(first.dims), i, shapeDebugString(t.dims)));
    }
  }
  const dtype = first.dtype;
  const stride = sizeOf(first.dims) * slotsPerElement(dtype);
  const out = allocStorage(dtype, elements.length * sizeOf(first.dims));
  if (Array.isArray(out)) {
    for (let i = 0; i < elements.length; i++) {
      const src = elements[i]![c]!.hostData() as StringStorage;
      for (let j = 0; j < stride; j++) out[i * stride + j] = src[j]!;
    }
  } else {
    const dst = out as NumericStorage;
    for (let i = 0; i < elements.length; i++) {
      (dst as Float32Array).set(elements[i]![c]!.hostData() as Float32Array, i * stride);
    }
  }
  return hostTensor(dtype, [elements.length, ...first.dims], out);
}

/**
 * Component `c` of `elements` padded with `padValue` to `shape` (each dimension at least each
 * element's) and stacked: padded_batch's copy.
 */
export function padAndStack(elements: readonly (readonly Tensor[])[], c: number, shape: readonly number[], padValue: Tensor): Tensor {
  const first = elements[0]![c]!;
  const dtype = first.dtype, k = slotsPerElement(dtype);
  const each = sizeOf(shape);
  const out = allocStorage(dtype, elements.length * each);
  const pad = padValue.hostData();
  const fillSlots = Array.isArray(out) ? null : (out as NumericStorage);
  // Fill everything with the padding value first, then copy each element's rows in place.
  if (Array.isArray(out)) for (let i = 0; i < out.length; i++) out[i] = (pad as StringStorage)[0]!;
  else for (let i = 0; i < fillSlots!.length; i += k) for (let j = 0; j < k; j++) (fillSlots as Float32Array)[i + j] = (pad as Float32Array)[j] as number;
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let a = shape.length - 1; a >= 0; a--) { strides[a] = acc; acc *= shape[a]!; }
  for (let i = 0; i < elements.length; i++) {
    const t = elements[i]![c]!;
    const src = t.hostData();
    const n = t.size;
    const dims = t.dims;
    for (let flat = 0; flat < n; flat++) {
      // Position of element `flat` of t inside the padded shape.
      let rem = flat, at = 0;
      for (let a = dims.length - 1; a >= 0; a--) {
        const d = dims[a]!;
        at += (rem % d) * strides[a]!;
        rem = Math.floor(rem / d);
      }
      const dst = (i * each + at) * k;
      if (Array.isArray(out)) out[dst] = (src as StringStorage)[flat]!;
      else for (let j = 0; j < k; j++) (out as Float32Array)[dst + j] = (src as Float32Array)[flat * k + j] as number;
    }
  }
  return hostTensor(dtype, [elements.length, ...shape], out);
}
