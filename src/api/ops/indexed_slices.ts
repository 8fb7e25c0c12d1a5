// tf.IndexedSlices: rows `indices` of a dense tensor with their `values` (the argument of
// Variable.scatter*). Values are kept as given and converted to the dtype of the variable
// they update, as TensorFlow converts them.
import { inspectSymbol } from "../../core/inspect.js";
import { convertToTensor, toTensorSymbol, type TensorConvertible, type TensorLike } from "./convert.js";
import type { Tensor } from "../../runtime/tensor.js";
import type { DType } from "../../core/dtypes.js";
import { indexTensor } from "./args.js";
import { unsortedSegmentSum } from "./math.js";
import { ValueError } from "../../errors/errors.js";
import { indexedSlicesConversionDtype, indexedSlicesWithoutDenseShape } from "../../errors/tape_messages.js";

export class IndexedSlices implements TensorConvertible {
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

  /** The dense tensor these slices stand for (TensorFlow's conversion; repeated rows add up). */
  [toTensorSymbol](dtype?: DType): Tensor {
    const values = convertToTensor(this.values);
    if (dtype !== undefined && dtype.name !== values.dtype.name) {
      throw new ValueError(indexedSlicesConversionDtype(dtype.name, values.dtype.name));
    }
    if (this.denseShape === null) throw new ValueError(indexedSlicesWithoutDenseShape(this.toString()));
    const rows = Number(this.denseShape.numpy().data[0]);
    return unsortedSegmentSum(values, this.indices, rows);
  }
}
