// Dataset.window(size, { shift, stride, dropRemainder }): each element is a window, the
// element's structure with a dataset in place of each component (TensorFlow's "nested
// structure of datasets"), over `size` elements `stride` apart, windows `shift` apart
// (WindowDatasetOp's buffer: filled to the window's reach, then shifted).
import type { TensorSpec } from "../api/tensor_spec.js";
import { inspectSymbol } from "../core/inspect.js";
import { TensorShape } from "../core/tensor_shape.js";
import type { Tensor } from "../runtime/tensor.js";
import { drive, INFINITE, UNKNOWN, type Components, type DatasetNode, type IteratorContext, type NodeIterator, type StateValue } from "./node.js";
import { decodeComponents, encodeComponents } from "./state.js";
import { mapStructure, structureRepr, type Structure } from "./structure.js";

/** tf.data.DatasetSpec: the type of a dataset-valued component. */
export class DatasetSpec {
  readonly datasetShape = new TensorShape([]);
  constructor(readonly elementSpec: Structure<TensorSpec>) {}
  toString(): string { return `DatasetSpec(${structureRepr(this.elementSpec)}, ${this.datasetShape.repr()})`; }
  [inspectSymbol](): string { return this.toString(); }
}

/** A dataset over a list of elements (a window's column). */
export class ListNode implements DatasetNode {
  readonly pythonName = "_VariantDataset";
  constructor(private readonly elements: Tensor[][], readonly spec: Structure<TensorSpec>) {}
  cardinality(): number { return this.elements.length; }
  makeIterator(): NodeIterator {
    let i = 0;
    const elements = this.elements;
    return {
      next: (): Components => (i < elements.length ? elements[i++]!.slice() : null),
      save: (): StateValue => ({ index: i }),
      restore(s: StateValue) { i = (s as { index: number }).index; },
    };
  }
}

export class WindowNode implements DatasetNode {
  readonly pythonName = "_WindowDataset";
  constructor(
    private readonly input: DatasetNode,
    private readonly size: number, private readonly shift: number, private readonly stride: number,
    private readonly dropRemainder: boolean,
    /** Makes the dataset value of one component's window (dataset.ts wraps a ListNode). */
    private readonly wrap: (node: DatasetNode) => Tensor,
  ) {}
  get spec(): Structure<TensorSpec> {
    return mapStructure(this.input.spec, (s: TensorSpec) => new DatasetSpec(s) as unknown as TensorSpec);
  }
  cardinality(): number {
    const n = this.input.cardinality();
    if (n === INFINITE || n === UNKNOWN) return n;
    if (this.dropRemainder) {
      const rest = n - ((this.size - 1) * this.stride + 1);
      return rest < 0 ? 0 : Math.floor(rest / this.shift) + 1;
    }
    return Math.floor(n / this.shift) + (n % this.shift === 0 ? 0 : 1);
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), { size, shift, stride, dropRemainder, wrap } = this;
    const specs = this.input.spec;
    let buffer: Tensor[][] = [];
    let inputDone = false;
    const target = (size - 1) * stride + 1;
    function* step(): Generator<NodeIterator, Components, Components> {
      if (inputDone && (buffer.length === 0 || (dropRemainder && buffer.length < target))) return null;
      while (!inputDone && buffer.length < target) {
        const c = yield it;
        if (c === null) inputDone = true; else buffer.push(c);
      }
      if (buffer.length === 0 || (dropRemainder && buffer.length < target)) return null;
      const count = 1 + Math.floor((buffer.length - 1) / stride);
      const rows = Array.from({ length: count }, (_, i) => buffer[i * stride]!);
      if (shift >= buffer.length) {
        for (let i = buffer.length; !inputDone && i < shift; i++) {
          const c = yield it;
          if (c === null) inputDone = true;
        }
        buffer = [];
      } else {
        buffer = buffer.slice(shift);
      }
      const columns = rows[0]!.map((_, c) => rows.map((r) => [r[c]!]));
      const leafSpecs = flattenSpecs(specs);
      return columns.map((col, c) => wrap(new ListNode(col, leafSpecs[c]!)));
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ buffer: buffer.map(encodeComponents), inputDone, input: it.save() }),
      restore(s: StateValue) {
        const o = s as { buffer: StateValue[]; inputDone: boolean; input: StateValue };
        buffer = o.buffer.map((b) => decodeComponents(b)!);
        inputDone = o.inputDone;
        it.restore(o.input);
      },
    };
  }
}

function flattenSpecs(s: Structure<TensorSpec>): TensorSpec[] {
  const out: TensorSpec[] = [];
  mapStructure(s, (x: TensorSpec) => { out.push(x); return x; });
  return out;
}
