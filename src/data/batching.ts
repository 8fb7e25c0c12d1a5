// batch, padded_batch, unbatch and rebatch: elements grouped along a new leading dimension
// (copied row by row into one new buffer, rows.ts) or split back into rows.
import { TensorSpec } from "../api/tensor_spec.js";
import type { Dim } from "../core/tensor_shape.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { padToSmallerSize, unbatchDifferentSizes } from "../errors/data_messages.js";
import type { Tensor } from "../runtime/tensor.js";
import { drive, INFINITE, UNKNOWN, type Components, type DatasetNode, type IteratorContext, type NodeIterator, type StateValue } from "./node.js";
import { padAndStack, stackComponent, unstackRows } from "./rows.js";
import { decodeComponents, encodeComponents } from "./state.js";
import { mapStructure, type Structure } from "./structure.js";

function batchedSpec(spec: Structure<TensorSpec>, batchDim: Dim): Structure<TensorSpec> {
  return mapStructure(spec, (s: TensorSpec) => new TensorSpec(s.shape.dims === null ? null : [batchDim, ...s.shape.dims], s.dtype));
}

function batchCardinality(n: number, size: number, dropRemainder: boolean): number {
  if (n === INFINITE || n === UNKNOWN) return n;
  return Math.floor(n / size) + (n % size === 0 || dropRemainder ? 0 : 1);
}

/** Up to `size` elements of `it` (fewer at the end; none past it). */
function* collect(it: NodeIterator, size: number): Generator<NodeIterator, Tensor[][], Components> {
  const elements: Tensor[][] = [];
  while (elements.length < size) {
    const c = yield it;
    if (c === null) break;
    elements.push(c);
  }
  return elements;
}

/** Dataset.batch(size, { dropRemainder }). */
export class BatchNode implements DatasetNode {
  readonly pythonName: string;
  constructor(private readonly input: DatasetNode, private readonly size: number, private readonly dropRemainder: boolean, parallel: boolean) {
    this.pythonName = parallel ? "_ParallelBatchDataset" : "_BatchDataset";
  }
  get spec(): Structure<TensorSpec> { return batchedSpec(this.input.spec, this.dropRemainder ? this.size : null); }
  cardinality(): number { return batchCardinality(this.input.cardinality(), this.size, this.dropRemainder); }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), { size, dropRemainder } = this;
    function* step(): Generator<NodeIterator, Components, Components> {
      const elements = yield* collect(it, size);
      if (elements.length === 0 || (dropRemainder && elements.length < size)) return null;
      const out = new Array<Tensor>(elements[0]!.length);
      for (let c = 0; c < out.length; c++) out[c] = stackComponent(elements, c);
      return out;
    }
    return { next: () => drive(step()), save: () => it.save(), restore: (s) => it.restore(s) };
  }
}

/** Dataset.padded_batch(size, paddedShapes, paddingValues, dropRemainder). */
export class PaddedBatchNode implements DatasetNode {
  readonly pythonName = "_PaddedBatchDataset";
  constructor(
    private readonly input: DatasetNode,
    private readonly size: number,
    /** Per component: the shape to pad to, null dimensions padded to the batch's longest. */
    private readonly paddedShapes: readonly (readonly Dim[])[],
    private readonly paddingValues: readonly Tensor[],
    private readonly dropRemainder: boolean,
  ) {}
  get spec(): Structure<TensorSpec> {
    const batchDim = this.dropRemainder ? this.size : null;
    return mapStructure(this.input.spec, (s: TensorSpec, i) => new TensorSpec([batchDim, ...this.paddedShapes[i]!], s.dtype));
  }
  cardinality(): number { return batchCardinality(this.input.cardinality(), this.size, this.dropRemainder); }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), { size, dropRemainder, paddedShapes, paddingValues } = this;
    function* step(): Generator<NodeIterator, Components, Components> {
      const elements = yield* collect(it, size);
      if (elements.length === 0 || (dropRemainder && elements.length < size)) return null;
      return elements[0]!.map((_, c) => {
        const want = paddedShapes[c]!;
        const shape = want.map((d, a) => {
          const longest = Math.max(...elements.map((e) => e[c]!.dims[a] ?? 0));
          if (d === null) return longest;
          if (longest > d) throw new InvalidArgumentError(padToSmallerSize());
          return d;
        });
        return padAndStack(elements, c, shape, paddingValues[c]!);
      });
    }
    return { next: () => drive(step()), save: () => it.save(), restore: (s) => it.restore(s) };
  }
}

/** Dataset.unbatch: each element's rows, one by one. */
export class UnbatchNode implements DatasetNode {
  readonly pythonName = "_UnbatchDataset";
  constructor(private readonly input: DatasetNode) {}
  get spec(): Structure<TensorSpec> {
    return mapStructure(this.input.spec, (s: TensorSpec) => new TensorSpec(s.shape.dims === null ? null : s.shape.dims.slice(1), s.dtype));
  }
  cardinality(): number {
    const n = this.input.cardinality();
    if (n === INFINITE) return INFINITE;
    return UNKNOWN;
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx);
    let rows: Tensor[][] = [];
    let current: Components = null;
    let index = 0;
    function* step(): Generator<NodeIterator, Components, Components> {
      while (index >= rows.length) {
        current = yield it;
        if (current === null) return null;
        const n = current[0]!.dims[0]!;
        for (const t of current) if (t.dims[0] !== n) throw new InvalidArgumentError(unbatchDifferentSizes());
        const split = current.map(unstackRows);
        rows = Array.from({ length: n }, (_, r) => split.map((s) => s[r]!));
        index = 0;
      }
      return rows[index++]!;
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ current: encodeComponents(current), index, input: it.save() }),
      restore(s: StateValue) {
        const o = s as { current: StateValue; index: number; input: StateValue };
        current = decodeComponents(o.current);
        index = o.index;
        rows = current === null ? [] : (() => {
          const split = current.map(unstackRows);
          return Array.from({ length: current[0]!.dims[0]! }, (_, r) => split.map((x) => x[r]!));
        })();
        it.restore(o.input);
      },
    };
  }
}

/** Dataset.rebatch(sizes, { dropRemainder }): the rows regrouped in batches of the sizes, in turn. */
export class RebatchNode implements DatasetNode {
  readonly pythonName = "_RebatchDataset";
  private readonly rows: UnbatchNode;
  constructor(private readonly input: DatasetNode, private readonly sizes: readonly number[], private readonly dropRemainder: boolean) {
    this.rows = new UnbatchNode(input);
  }
  get spec(): Structure<TensorSpec> {
    const fixed = this.dropRemainder && this.sizes.every((s) => s === this.sizes[0]);
    return batchedSpec(this.rows.spec, fixed ? this.sizes[0]! : null);
  }
  cardinality(): number { return this.input.cardinality() === INFINITE ? INFINITE : UNKNOWN; }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.rows.makeIterator(ctx), { sizes, dropRemainder } = this;
    let turn = 0;
    function* step(): Generator<NodeIterator, Components, Components> {
      const size = sizes[turn % sizes.length]!;
      const elements = yield* collect(it, size);
      if (elements.length === 0 || (dropRemainder && elements.length < size)) return null;
      turn++;
      return elements[0]!.map((_, c) => stackComponent(elements, c));
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ turn, input: it.save() }),
      restore(s: StateValue) { const o = s as { turn: number; input: StateValue }; turn = o.turn; it.restore(o.input); },
    };
  }
}
