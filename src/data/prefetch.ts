// Dataset.prefetch(bufferSize): under `for await`, the next elements are produced while the
// consumer works on the current one (each is pulled as soon as the previous is handed out,
// in order, so the consumer's awaits overlap the producer's). Under `for … of` the thread
// cannot run ahead of its caller, so elements pass straight through.
import type { TensorSpec } from "../api/tensor_spec.js";
import { availableParallelism } from "node:os";
import type { Components, DatasetNode, IteratorContext, MaybePromise, NodeIterator, StateValue } from "./node.js";
import { decodeComponents, encodeComponents } from "./state.js";
import type { Structure } from "./structure.js";

export class PrefetchNode implements DatasetNode {
  readonly pythonName = "_PrefetchDataset";
  private readonly size: number;
  constructor(private readonly input: DatasetNode, bufferSize: number) {
    // AUTOTUNE (-1): TensorFlow tunes the buffer at run time; a few elements per core here.
    this.size = bufferSize < 0 ? Math.max(2, availableParallelism()) : bufferSize;
  }
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number { return this.input.cardinality(); }

  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), size = this.size;
    if (!ctx.async || size === 0) return it;
    // Pulls chained in order; `ready` holds the results already produced (what a checkpoint saves).
    let chain: Promise<unknown> = Promise.resolve();
    const pending: Promise<Components>[] = [];
    const ready: Components[] = [];
    // A restore starts a new generation: pulls scheduled before it must not touch the input.
    let generation = 0;
    const pull = (): Promise<Components> => {
      const mine = generation;
      const p = chain.then(() => (mine === generation ? it.next() : null)).then((c) => {
        if (mine === generation) ready.push(c);
        return c;
      });
      chain = p.catch(() => undefined);
      return p;
    };
    return {
      next(): MaybePromise<Components> {
        if (pending.length === 0) pending.push(pull());
        const head = pending.shift()!;
        while (pending.length < size) pending.push(pull());
        return head.then((c) => { ready.shift(); return c; });
      },
      save: (): StateValue => ({ ready: ready.map(encodeComponents), input: it.save() }),
      restore(s: StateValue) {
        const o = s as { ready: StateValue[]; input: StateValue };
        generation++;
        it.restore(o.input);
        ready.length = 0;
        pending.length = 0;
        for (const r of o.ready) { const c = decodeComponents(r); ready.push(c); pending.push(Promise.resolve(c)); }
      },
    };
  }
}
