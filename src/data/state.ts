// Iterator state as JSON, and the tensors inside it (shuffle buffers, batches being built)
// as dtype + dimensions + base64 bytes: what an iterator's save() writes and restore() reads,
// carried in a checkpoint as one scalar string tensor (attribute ITERATOR_STATE).
import { asDType, type DTypeName } from "../core/dtypes.js";
import { allocStorage, type NumericStorage, type StringStorage } from "../core/storage.js";
import { sizeOf } from "../core/tensor_shape.js";
import { hostTensor } from "../runtime/copies.js";
import type { Tensor } from "../runtime/tensor.js";
import type { Components, StateValue } from "./node.js";

export function encodeTensor(t: Tensor): StateValue {
  const data = t.hostData();
  const bytes = Array.isArray(data)
    ? (data as StringStorage).map((b) => Buffer.from(b).toString("base64"))
    : Buffer.from((data as NumericStorage).buffer, (data as NumericStorage).byteOffset, (data as NumericStorage).byteLength).toString("base64");
  return { dtype: t.dtype.name, dims: [...t.dims], data: bytes };
}

export function decodeTensor(v: StateValue): Tensor {
  const o = v as { dtype: DTypeName; dims: number[]; data: string | string[] };
  const dtype = asDType(o.dtype);
  const out = allocStorage(dtype, sizeOf(o.dims));
  if (Array.isArray(out)) {
    (o.data as string[]).forEach((s, i) => { out[i] = new Uint8Array(Buffer.from(s, "base64")); });
  } else {
    const raw = Buffer.from(o.data as string, "base64");
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(raw);
  }
  return hostTensor(dtype, o.dims, out);
}

export function encodeComponents(c: Components): StateValue {
  return c === null ? null : c.map(encodeTensor);
}

export function decodeComponents(v: StateValue): Components {
  return v === null ? null : (v as StateValue[]).map(decodeTensor);
}
