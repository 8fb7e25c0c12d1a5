// tf.IndexedSlices: rows `indices` of a dense tensor with their `values` (the argument of
// Variable.scatter*). Values are kept as given and converted to the dtype of the variable
// they update, as TensorFlow converts them.
import { inspectSymbol } from "../../core/inspect.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import type { Tensor } from "../../runtime/tensor.js";
import { indexTensor } from "./args.js";

export class IndexedSlices {
  readonly values: TensorLike;
  readonly indices: Tensor;
  readonly denseShape: Tensor | null;

  constructor(values: TensorLike, indices: TensorLike, denseShape?: TensorLike | null) {
    this.values = values;
    this.indices = indexTensor(indices);
    this.denseShape = denseShape === undefined || denseShape === null ? null : indexTensor(denseShape);
  }

  toString(): string {
    const shape = this.denseShape ? `, dense_shape=${this.denseShape}` : "";
    return `IndexedSlices(indices=${this.indices}, values=${convertToTensor(this.values)}${shape})`;
  }
  [inspectSymbol](): string { return this.toString(); }
}
