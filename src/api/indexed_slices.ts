// tf.IndexedSlices: rows `indices` of a dense tensor, with their `values` (the argument of
// Variable.scatter*).
import { inspectSymbol } from "../core/inspect.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import type { Tensor } from "./tensor.js";

export class IndexedSlices {
  readonly values: Tensor;
  readonly indices: Tensor;
  readonly denseShape: Tensor | null;

  constructor(values: TensorLike, indices: TensorLike, denseShape?: TensorLike | null) {
    this.values = convertToTensor(values);
    this.indices = convertToTensor(indices, convertToTensor(indices).dtype.isInteger ? undefined : "int32");
    this.denseShape = denseShape === undefined || denseShape === null ? null : convertToTensor(denseShape);
  }

  get dtype() { return this.values.dtype; }

  toString(): string {
    return `IndexedSlices(indices=${this.indices}, values=${this.values}${this.denseShape ? `, dense_shape=${this.denseShape}` : ""})`;
  }
  [inspectSymbol](): string { return this.toString(); }
}
