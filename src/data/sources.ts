// The in-memory sources: from_tensor_slices (rows of tensors), from_tensors (one element)
// and range. Each is a DatasetNode whose iterator state is one position.
import { asDType, int64, type DType, type DTypeLike } from "../core/dtypes.js";
import { allocStorage } from "../core/storage.js";
import { TensorSpec } from "../api/tensor_spec.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import { emptySliceElement, incompatibleDimensions, rangeStepZero, unbatchScalar } from "../errors/data_messages.js";
import { hostTensor } from "../runtime/copies.js";
import type { Tensor } from "../runtime/tensor.js";
import type { Components, DatasetNode, NodeIterator, StateValue } from "./node.js";
import { RowSlicer } from "./rows.js";
import { flatten, mapStructure, type Element, type Structure } from "./structure.js";

/** Dataset.from_tensor_slices: element i is row i of every component. */
export class TensorSliceNode implements DatasetNode {
  readonly pythonName = "_TensorSliceDataset";
  readonly spec: Structure<TensorSpec>;
  private readonly slicers: RowSlicer[];

  constructor(element: Element) {
    const components = flatten(element);
    if (components.length === 0) throw new ValueError(emptySliceElement());
    for (const t of components) if (t.rank === 0) throw new ValueError(unbatchScalar());
    const rows = components[0]!.dims[0]!;
    for (const t of components.slice(1)) {
      if (t.dims[0] !== rows) throw new ValueError(incompatibleDimensions(rows, t.dims[0]!));
    }
    this.spec = mapStructure(element, (t: Tensor) => new TensorSpec(t.dims.slice(1), t.dtype));
    this.slicers = components.map((t) => new RowSlicer(t));
  }

  cardinality(): number { return this.slicers[0]!.rows; }

  makeIterator(): NodeIterator {
    const slicers = this.slicers, rows = slicers[0]!.rows;
    let i = 0;
    return {
      next(): Components {
        if (i >= rows) return null;
        const out = new Array<Tensor>(slicers.length);
        for (let c = 0; c < slicers.length; c++) out[c] = slicers[c]!.row(i);
        i++;
        return out;
      },
      save: (): StateValue => ({ index: i }),
      restore(s: StateValue) { i = (s as { index: number }).index; },
    };
  }
}

/** Dataset.from_tensors: the whole value as the one element. */
export class TensorNode implements DatasetNode {
  readonly pythonName = "_TensorDataset";
  readonly spec: Structure<TensorSpec>;
  private readonly components: Tensor[];

  constructor(element: Element) {
    this.spec = mapStructure(element, (t: Tensor) => TensorSpec.fromTensor(t));
    this.components = flatten(element);
  }

  cardinality(): number { return 1; }

  makeIterator(): NodeIterator {
    let done = false;
    const components = this.components;
    return {
      next(): Components {
        if (done) return null;
        done = true;
        return components.slice();
      },
      save: (): StateValue => ({ done }),
      restore(s: StateValue) { done = (s as { done: boolean }).done; },
    };
  }
}

/** Dataset.range(start, stop, step): scalars of `outputType` (int64 by default). */
export class RangeNode implements DatasetNode {
  readonly pythonName = "_RangeDataset";
  readonly spec: TensorSpec;
  private readonly dtype: DType;

  constructor(private readonly start: number, private readonly stop: number, private readonly step: number, outputType: DTypeLike = int64) {
    if (step === 0) throw new InvalidArgumentError(rangeStepZero());
    this.dtype = asDType(outputType);
    this.spec = new TensorSpec([], this.dtype);
  }

  cardinality(): number {
    const { start, stop, step } = this;
    return step > 0 ? Math.max(0, Math.trunc((stop - start - 1) / step) + 1)
      : Math.max(0, Math.trunc((start - stop - 1) / -step) + 1);
  }

  makeIterator(): NodeIterator {
    const { stop, step, dtype } = this;
    let value = this.start;
    return {
      next(): Components {
        if (step > 0 ? value >= stop : value <= stop) return null;
        const data = allocStorage(dtype, 1);
        (data as Float64Array)[0] = (dtype.name === "int64" || dtype.name === "uint64" ? BigInt(value) : value) as number;
        value += step;
        return [hostTensor(dtype, [], data)];
      },
      save: (): StateValue => ({ value }),
      restore(s: StateValue) { value = (s as { value: number }).value; },
    };
  }
}
