// The global seed and TensorFlow's seed rules (random_seed.get_seed): an op's two seeds come
// from the global seed and its own. In eager mode an op without a seed, under a global seed,
// takes the next number of the context's `random.Random(global_seed)` stream, so this module
// reproduces Python's Mersenne Twister seeding and `randint(0, 2**31 - 1)`.
import { clearRandomStreams } from "../devices/random/kernels.js";

export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

/** Python's `random.Random`: MT19937 seeded by init_by_array over the seed's 32-bit words. */
class PythonRandom {
  private readonly mt = new Uint32Array(624);
  private index = 624;

  constructor(seed: bigint) {
    let n = seed < 0n ? -seed : seed;
    const key: number[] = [];
    do { key.push(Number(n & 0xffffffffn)); n >>= 32n; } while (n > 0n);
    this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = Math.imul(1812433253, prev) + i;
    }
    this.index = 624;
  }

  private initByArray(key: readonly number[]): void {
    this.initGenrand(19650218);
    const mt = this.mt;
    let i = 1, j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j;
      i++; j++;
      if (i >= 624) { mt[0] = mt[623]!; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (mt[i]! ^ Math.imul(prev, 1566083941)) - i;
      i++;
      if (i >= 624) { mt[0] = mt[623]!; i = 1; }
    }
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < 624; k++) {
      const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % 624]! & 0x7fffffff);
      mt[k] = mt[(k + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** genrand_uint32. */
  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** randint(0, 2**31 - 1): randrange(2**31) by rejection on 32 random bits. */
  randint31(): number {
    for (;;) {
      const r = this.nextUint32();
      if (r < 2 ** 31) return r;
    }
  }
}

let globalSeed: bigint | null = null;
let rng: PythonRandom | null = null;

/**
 * tf.random.set_seed: the global seed (null: none, as Python's None); it also restarts every
 * stateful random kernel's stream.
 */
export function setSeed(seed: number | bigint | null): void {
  if (seed === null) {
    globalSeed = null;
    rng = null;
  } else {
    const s = typeof seed === "bigint" ? seed : BigInt(Math.trunc(seed));
    globalSeed = s;
    rng = new PythonRandom(s);
  }
  clearRandomStreams();
}

/** The global seed, or null when none is set (context.global_seed()). */
export function globalSeedValue(): bigint | null { return globalSeed; }

function truncate(seed: bigint): number {
  const r = seed % BigInt(MAXINT32);
  return Number(r < 0n ? r + BigInt(MAXINT32) : r);
}

/**
 * tf.random.get_seed (random_seed.get_seed): the (seed, seed2) an op with seed `opSeed` uses;
 * [null, null] when neither seed is set (the op's kernel then seeds itself from entropy).
 */
export function getSeed(opSeed?: number | bigint | null): [number, number] | [null, null] {
  let seeds: [number, number] | [null, null];
  if (globalSeed !== null) {
    const op = opSeed ?? rng!.randint31();
    seeds = [truncate(globalSeed), truncate(BigInt(op))];
  } else if (opSeed !== undefined && opSeed !== null) {
    seeds = [DEFAULT_GRAPH_SEED, truncate(BigInt(opSeed))];
  } else {
    seeds = [null, null];
  }
  // (0, 0) means "nondeterministic" to the kernels, which the seeds here never are.
  if (seeds[0] === 0 && seeds[1] === 0) return [0, MAXINT32];
  return seeds;
}

/** The seed attributes of a stateful op: get_seed's pair, (0, 0) for none. */
export function opSeeds(opSeed?: number | bigint | null): { seed: number; seed2: number } {
  const [seed, seed2] = getSeed(opSeed);
  return { seed: seed ?? 0, seed2: seed2 ?? 0 };
}
