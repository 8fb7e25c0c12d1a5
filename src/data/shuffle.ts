// Dataset.shuffle with TensorFlow's buffer and TensorFlow's random numbers
// (tensorflow/core/kernels/data/shuffle_dataset_op.cc): a buffer of `bufferSize` slots filled
// in input order; each output is slot (start + Philox() % live) of the oldest epoch's slice,
// swapped with the slice's first slot. An iterator draws its (seed, seed2) from the dataset's
// seed generator: the dataset's own seeds every time (reshuffleEachIteration false), or two
// uint32s of a Philox stream of those seeds per iterator (true), so each epoch differs.
import type { TensorSpec } from "../api/tensor_spec.js";
import { PhiloxRandom } from "../devices/random/philox.js";
import { drive, type Components, type DatasetNode, type IteratorContext, type NodeIterator, type StateValue } from "./node.js";
import { decodeComponents, encodeComponents } from "./state.js";
import type { Structure } from "./structure.js";

/** TensorFlow's SingleSampleAdapter<PhiloxRandom>: one uint32 at a time, skippable. */
class Philox32 {
  private readonly gen: PhiloxRandom;
  private readonly buf = new Uint32Array(4);
  private used = 4;
  constructor(seed: bigint, seed2: bigint, skip: number) {
    this.gen = PhiloxRandom.fromSeeds(seed, seed2);
    this.gen.skip(Math.floor(skip / 4));
    for (let i = 0; i < skip % 4; i++) this.next();
  }
  next(): number {
    if (this.used === 4) { this.gen.next(this.buf); this.used = 0; }
    return this.buf[this.used++]!;
  }
}

/** A 64-bit seed from the system's entropy (random::New64), for unseeded shuffles. */
function entropySeed(): bigint {
  const w = new Uint32Array(2);
  globalThis.crypto.getRandomValues(w);
  return BigInt(w[0]!) | (BigInt(w[1]!) << 32n);
}

/** FixedSeedGenerator / RandomSeedGenerator: the seeds each new iterator starts from. */
class SeedGenerator {
  readonly seed: bigint;
  readonly seed2: bigint;
  samples = 0;
  private stream: Philox32;
  constructor(seed: number, seed2: number, private readonly reshuffle: boolean) {
    // RandomSeeds: (0, 0) asks for seeds from entropy.
    const random = seed === 0 && seed2 === 0;
    this.seed = random ? entropySeed() : BigInt(seed);
    this.seed2 = random ? entropySeed() : BigInt(seed2);
    this.stream = new Philox32(this.seed, this.seed2, 0);
  }
  generate(): [bigint, bigint] {
    if (!this.reshuffle) return [this.seed, this.seed2];
    this.samples += 2;
    return [BigInt(this.stream.next()), BigInt(this.stream.next())];
  }
  reset(samples: number): void {
    this.samples = samples;
    this.stream = new Philox32(this.seed, this.seed2, samples);
  }
}

/** At most this many epochs share the buffer (kMaxEpochsInBuffer). */
const MAX_EPOCHS_IN_BUFFER = 3;

interface Slice { start: number; end: number }

export class ShuffleNode implements DatasetNode {
  readonly pythonName = "_ShuffleDataset";
  private readonly seeds: SeedGenerator;
  /** Epochs this node runs (1; TensorFlow's fused shuffle-and-repeat uses more). */
  private readonly count: number = 1;
  constructor(private readonly input: DatasetNode, private readonly bufferSize: number, seed: number, seed2: number, reshuffle: boolean) {
    this.seeds = new SeedGenerator(seed, seed2, reshuffle);
  }
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number { return this.input.cardinality(); }

  makeIterator(ctx: IteratorContext): NodeIterator {
    const { input, bufferSize, seeds, count } = this;
    let [seed, seed2] = seeds.generate();
    let samples = 0;
    let rng = new Philox32(seed, seed2, 0);
    let buffer: Components[] = [];
    let slices: Slice[] = [];
    let epoch = 0, numElements = 0, dataProduced = false;
    let it: NodeIterator | null = null;

    const shouldFill = (): boolean => {
      if (it === null && count !== -1 && epoch >= count) return false;
      if (slices.length > MAX_EPOCHS_IN_BUFFER && numElements > 0) return false;
      return numElements < bufferSize;
    };
    const prepareNextEpoch = (): void => {
      const n = epoch === 0 ? 0 : slices[slices.length - 1]!.end;
      slices.push({ start: n, end: n });
      it = input.makeIterator(ctx);
      epoch++;
    };
    function* fill(): Generator<NodeIterator, void, Components> {
      while (shouldFill()) {
        if (it === null) prepareNextEpoch();
        const c = yield it!;
        if (c !== null) {
          dataProduced = true;
          const last = slices[slices.length - 1]!;
          buffer[last.end % bufferSize] = c;
          numElements++;
          last.end++;
          continue;
        }
        it = null;
        if (!dataProduced && count === -1) return;
      }
    }
    function* step(): Generator<NodeIterator, Components, Components> {
      yield* fill();
      if (numElements === 0) return null;
      while (slices[0]!.start === slices[0]!.end) {
        slices.shift();
        // A new epoch draws new seeds (ClearEmptySlices).
        samples = 0;
        [seed, seed2] = seeds.generate();
        rng = new Philox32(seed, seed2, 0);
      }
      const front = slices[0]!;
      samples++;
      const offset = rng.next() % (front.end - front.start);
      const index = (front.start + offset) % bufferSize;
      const first = front.start % bufferSize;
      const out = buffer[index]!;
      buffer[index] = buffer[first]!;
      buffer[first] = null;
      front.start++;
      numElements--;
      return out;
    }
    return {
      next: () => drive(step()),
      save(): StateValue {
        const live: StateValue[] = [];
        for (const s of slices) for (let j = s.start; j < s.end; j++) live.push(encodeComponents(buffer[j % bufferSize]!));
        return {
          generatorSamples: seeds.samples, samples, seed: String(seed), seed2: String(seed2), epoch, numElements, dataProduced,
          slices: slices.map((s) => [s.start, s.end]), buffer: live, input: it === null ? null : it.save(),
        };
      },
      restore(state: StateValue) {
        const o = state as {
          generatorSamples: number; samples: number; seed: string; seed2: string; epoch: number; numElements: number;
          dataProduced: boolean; slices: [number, number][]; buffer: StateValue[]; input: StateValue;
        };
        seeds.reset(o.generatorSamples);
        samples = o.samples; seed = BigInt(o.seed); seed2 = BigInt(o.seed2);
        rng = new Philox32(seed, seed2, samples);
        epoch = o.epoch; numElements = o.numElements; dataProduced = o.dataProduced;
        slices = o.slices.map(([start, end]) => ({ start, end }));
        buffer = [];
        let k = 0;
        for (const s of slices) for (let j = s.start; j < s.end; j++) buffer[j % bufferSize] = decodeComponents(o.buffer[k++]!);
        if (o.input === null) it = null;
        else { it = input.makeIterator(ctx); it.restore(o.input); }
      },
    };
  }
}
