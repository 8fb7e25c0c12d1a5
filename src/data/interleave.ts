// interleave and flat_map: each input element becomes a dataset (the user's function), and
// `cycleLength` of them are read in turn, `blockLength` elements at a time
// (InterleaveDatasetOp: an exhausted one is replaced by the next input element's dataset).
import type { TensorSpec } from "../api/tensor_spec.js";
import { drive, UNKNOWN, type Components, type DatasetNode, type IteratorContext, type NodeIterator, type StateValue } from "./node.js";
import type { Structure } from "./structure.js";
import { decodeComponents, encodeComponents } from "./state.js";

export class InterleaveNode implements DatasetNode {
  constructor(
    private readonly input: DatasetNode,
    private readonly fn: (c: NonNullable<Components>) => DatasetNode,
    private readonly outputSpec: () => Structure<TensorSpec>,
    private readonly cycleLength: number,
    private readonly blockLength: number,
    readonly pythonName: string,
  ) {}
  get spec(): Structure<TensorSpec> { return this.outputSpec(); }
  cardinality(): number { return UNKNOWN; }

  makeIterator(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), { fn, cycleLength, blockLength } = this;
    const current: (NodeIterator | null)[] = new Array(cycleLength).fill(null);
    // The input element behind each open slot, kept so that a checkpoint can reopen it.
    const sources: (Components)[] = new Array(cycleLength).fill(null);
    let cycleIndex = 0, blockIndex = 0, numOpen = 0, endOfInput = false;
    const advance = () => { blockIndex = 0; cycleIndex = (cycleIndex + 1) % cycleLength; };
    function* step(): Generator<NodeIterator, Components, Components> {
      while (!endOfInput || numOpen > 0) {
        const slot = current[cycleIndex];
        if (slot) {
          const c = yield slot;
          if (c !== null) {
            if (++blockIndex === blockLength) advance();
            return c;
          }
          current[cycleIndex] = null; sources[cycleIndex] = null; numOpen--;
          advance();
        } else if (!endOfInput) {
          const e = yield it;
          if (e === null) endOfInput = true;
          else { current[cycleIndex] = fn(e).makeIterator(ctx); sources[cycleIndex] = e; numOpen++; }
        } else {
          advance();
        }
      }
      return null;
    }
    return {
      next: () => drive(step()),
      save(): StateValue {
        return {
          cycleIndex, blockIndex, numOpen, endOfInput, input: it.save(),
          slots: current.map((s, i) => (s === null ? null : { source: encodeComponents(sources[i]!), state: s.save() })),
        };
      },
      restore(state: StateValue) {
        const o = state as {
          cycleIndex: number; blockIndex: number; numOpen: number; endOfInput: boolean; input: StateValue;
          slots: ({ source: StateValue; state: StateValue } | null)[];
        };
        cycleIndex = o.cycleIndex; blockIndex = o.blockIndex; numOpen = o.numOpen; endOfInput = o.endOfInput;
        it.restore(o.input);
        // Each open slot is reopened from the input element it came from, then repositioned.
        o.slots.forEach((slot, i) => {
          if (slot === null) { current[i] = null; sources[i] = null; return; }
          const e = decodeComponents(slot.source)!;
          sources[i] = e;
          current[i] = fn(e).makeIterator(ctx);
          current[i]!.restore(slot.state);
        });
      },
    };
  }
}
