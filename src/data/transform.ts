// Element-wise and sequence transformations: map, filter, take, skip, repeat, shard, scan,
// zip and concatenate. Each node holds its input node; user functions arrive already adapted
// to components (dataset.ts packs the element and flattens the result).
import type { TensorSpec } from "../api/tensor_spec.js";
import type { Tensor } from "../runtime/tensor.js";
import { drive, INFINITE, then, UNKNOWN, type Components, type DatasetNode, type IteratorContext, type MaybePromise, type NodeIterator, type StateValue } from "./node.js";
import { flatten, type Structure } from "./structure.js";
import { decodeComponents, encodeComponents } from "./state.js";

/** A function over an element's components. */
export type ComponentFn = (components: Tensor[]) => MaybePromise<Tensor[]>;

/** Dataset.map (and its parallel form, which runs the function in order here too). */
export class MapNode implements DatasetNode {
  constructor(
    private readonly input: DatasetNode,
    private readonly fn: ComponentFn,
    private readonly outputSpec: () => Structure<TensorSpec>,
    readonly pythonName: string,
  ) {}
  get spec(): Structure<TensorSpec> { return this.outputSpec(); }
  cardinality(): number { return this.input.cardinality(); }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), fn = this.fn;
    return {
      next: () => then(it.next(), (c) => (c === null ? null : fn(c))),
      save: () => it.save(),
      restore: (s) => it.restore(s),
    };
  }
}

/** Dataset.filter: the predicate gives a scalar bool per element. */
export class FilterNode implements DatasetNode {
  readonly pythonName = "_FilterDataset";
  constructor(private readonly input: DatasetNode, private readonly keep: (c: Tensor[]) => boolean) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number { return UNKNOWN; }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), keep = this.keep;
    function* step(): Generator<NodeIterator, Components, Components> {
      for (;;) {
        const c = yield it;
        if (c === null || keep(c)) return c;
      }
    }
    return { next: () => drive(step()), save: () => it.save(), restore: (s) => it.restore(s) };
  }
}

/** Dataset.take(count): at most `count` elements (-1: all). */
export class TakeNode implements DatasetNode {
  readonly pythonName = "_TakeDataset";
  constructor(private readonly input: DatasetNode, private readonly count: number) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number {
    const n = this.input.cardinality();
    if (n === UNKNOWN) return UNKNOWN;
    if (this.count < 0) return n;
    if (n === INFINITE) return this.count;
    return Math.min(n, this.count);
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), count = this.count;
    let taken = 0;
    return {
      next: () => {
        if (count >= 0 && taken >= count) return null;
        return then(it.next(), (c) => { if (c !== null) taken++; else taken = count < 0 ? taken : count; return c; });
      },
      save: (): StateValue => ({ taken, input: it.save() }),
      restore(s: StateValue) { const o = s as { taken: number; input: StateValue }; taken = o.taken; it.restore(o.input); },
    };
  }
}

/** Dataset.skip(count): drop the first `count` elements (-1: all). */
export class SkipNode implements DatasetNode {
  readonly pythonName = "_SkipDataset";
  constructor(private readonly input: DatasetNode, private readonly count: number) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number {
    const n = this.input.cardinality();
    if (n === INFINITE || n === UNKNOWN) return n;
    if (this.count < 0) return 0;
    return Math.max(0, n - this.count);
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), count = this.count;
    let skipped = 0;
    function* step(): Generator<NodeIterator, Components, Components> {
      while (count < 0 || skipped < count) {
        const c = yield it;
        if (c === null) return null;
        skipped++;
      }
      return yield it;
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ skipped, input: it.save() }),
      restore(s: StateValue) { const o = s as { skipped: number; input: StateValue }; skipped = o.skipped; it.restore(o.input); },
    };
  }
}

/** Dataset.repeat(count): the input `count` times (-1: forever), a new input iterator each time. */
export class RepeatNode implements DatasetNode {
  readonly pythonName = "_RepeatDataset";
  constructor(private readonly input: DatasetNode, private readonly count: number) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number {
    const n = this.input.cardinality();
    if (this.count < 0) return n === 0 ? 0 : INFINITE;
    if (this.count === 0) return 0;
    if (n === INFINITE || n === UNKNOWN) return n;
    return this.count * n;
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const input = this.input, count = this.count;
    let epoch = 0;
    let it: NodeIterator | null = count === 0 ? null : input.makeIterator(ctx);
    // TensorFlow's ForeverIterator ends when an epoch produces nothing (it would loop forever).
    let producedThisEpoch = false;
    function* step(): Generator<NodeIterator, Components, Components> {
      while (it !== null) {
        const c = yield it;
        if (c !== null) { producedThisEpoch = true; return c; }
        if (count < 0 && !producedThisEpoch) { it = null; break; }
        epoch++;
        producedThisEpoch = false;
        if (count >= 0 && epoch >= count) { it = null; break; }
        it = input.makeIterator(ctx);
      }
      return null;
    }
    const next = () => drive(step());
    return {
      next,
      save: (): StateValue => ({ epoch, produced: producedThisEpoch, input: it === null ? null : it.save() }),
      restore(s: StateValue) {
        const o = s as { epoch: number; produced: boolean; input: StateValue };
        epoch = o.epoch; producedThisEpoch = o.produced;
        if (o.input === null) it = null;
        else { it = input.makeIterator(ctx); it.restore(o.input); }
      },
    };
  }
}

/** Dataset.shard(numShards, index): every numShards-th element from `index`. */
export class ShardNode implements DatasetNode {
  readonly pythonName = "_ShardDataset";
  constructor(private readonly input: DatasetNode, private readonly numShards: number, private readonly index: number) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number {
    const n = this.input.cardinality();
    if (n === INFINITE || n === UNKNOWN) return n;
    return Math.floor(n / this.numShards) + (this.index < n % this.numShards ? 1 : 0);
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), { numShards, index } = this;
    let position = 0;
    function* step(): Generator<NodeIterator, Components, Components> {
      for (;;) {
        const c = yield it;
        if (c === null) return null;
        const mine = position % numShards === index;
        position++;
        if (mine) return c;
      }
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ position, input: it.save() }),
      restore(s: StateValue) { const o = s as { position: number; input: StateValue }; position = o.position; it.restore(o.input); },
    };
  }
}

/** Dataset.scan(initialState, fn): fn(state, element) → [newState, output]. */
export class ScanNode implements DatasetNode {
  readonly pythonName = "_ScanDataset";
  constructor(
    private readonly input: DatasetNode,
    private readonly initial: Tensor[],
    private readonly fn: (state: Tensor[], c: Tensor[]) => [Tensor[], Tensor[]],
    private readonly outputSpec: () => Structure<TensorSpec>,
  ) {}
  get spec(): Structure<TensorSpec> { return this.outputSpec(); }
  cardinality(): number { return this.input.cardinality(); }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), fn = this.fn;
    let state = this.initial;
    return {
      next: () => then(it.next(), (c) => {
        if (c === null) return null;
        const [s, out] = fn(state, c);
        state = s;
        return out;
      }),
      save: (): StateValue => ({ state: encodeComponents(state), input: it.save() }),
      restore(s: StateValue) { const o = s as { state: StateValue; input: StateValue }; state = decodeComponents(o.state)!; it.restore(o.input); },
    };
  }
}

/** Dataset.zip: one element of each input, in the inputs' structure; ends with the shortest. */
export class ZipNode implements DatasetNode {
  readonly pythonName = "_ZipDataset";
  private readonly inputs: DatasetNode[];
  constructor(private readonly structure: Structure<DatasetNode>) {
    this.inputs = flatten(structure);
  }
  get spec(): Structure<TensorSpec> {
    return mapNodes(this.structure, (n) => n.spec);
  }
  cardinality(): number {
    let result = INFINITE;
    for (const input of this.inputs) {
      const n = input.cardinality();
      if (n === UNKNOWN) return UNKNOWN;
      if (n !== INFINITE && (result === INFINITE || n < result)) result = n;
    }
    return result;
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const its = this.inputs.map((n) => n.makeIterator(ctx));
    let ended = false;
    function* step(): Generator<NodeIterator, Components, Components> {
      if (ended) return null;
      const out: Tensor[] = [];
      for (const it of its) {
        const c = yield it;
        if (c === null) { ended = true; return null; }
        for (const t of c) out.push(t);
      }
      return out;
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ ended, inputs: its.map((it) => it.save()) }),
      restore(s: StateValue) {
        const o = s as { ended: boolean; inputs: StateValue[] };
        ended = o.ended; its.forEach((it, i) => it.restore(o.inputs[i]!));
      },
    };
  }
}

/** The structure of nodes with each node replaced by its element spec (nested in place). */
function mapNodes(s: Structure<DatasetNode>, f: (n: DatasetNode) => Structure<TensorSpec>): Structure<TensorSpec> {
  if (Array.isArray(s)) return s.map((x) => mapNodes(x as Structure<DatasetNode>, f));
  if (typeof s === "object" && s !== null && !("makeIterator" in s)) {
    const out: Record<string, Structure<TensorSpec>> = {};
    for (const [k, v] of Object.entries(s)) out[k] = mapNodes(v as Structure<DatasetNode>, f);
    return out;
  }
  return f(s as DatasetNode);
}

/** Dataset.concatenate: the input's elements, then the other's. */
export class ConcatenateNode implements DatasetNode {
  readonly pythonName = "_ConcatenateDataset";
  constructor(private readonly first: DatasetNode, private readonly second: DatasetNode, readonly spec: Structure<TensorSpec>) {}
  cardinality(): number {
    const a = this.first.cardinality(), b = this.second.cardinality();
    if (a === INFINITE || b === INFINITE) return INFINITE;
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    return a + b;
  }
  makeIterator(ctx: IteratorContext): NodeIterator {
    const nodes = [this.first, this.second];
    let which = 0;
    let it: NodeIterator | null = nodes[0]!.makeIterator(ctx);
    function* step(): Generator<NodeIterator, Components, Components> {
      while (it !== null) {
        const c = yield it;
        if (c !== null) return c;
        which++;
        it = which < 2 ? nodes[which]!.makeIterator(ctx) : null;
      }
      return null;
    }
    return {
      next: () => drive(step()),
      save: (): StateValue => ({ which, input: it === null ? null : it.save() }),
      restore(s: StateValue) {
        const o = s as { which: number; input: StateValue };
        which = o.which;
        it = o.input === null ? null : nodes[which]!.makeIterator(ctx);
        if (it !== null) it.restore(o.input);
      },
    };
  }
}
