// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"), with
// TensorFlow's layout: a 128-bit counter as four uint32 words (low first) and a 64-bit key as
// two. One call hashes the counter under the key into four uint32s and advances the counter
// by one; Skip(n) advances it by n with carries, as TensorFlow's PhiloxRandom does. Every
// random kernel on every device draws from this one generator, so CPU and GPU give the same
// integers.

const M_A = 0xd2511f53;
const M_B = 0xcd9e8d57;
const W_A = 0x9e3779b9;
const W_B = 0xbb67ae85;
const TWO32 = 4294967296;

const M_A_LO = M_A & 0xffff, M_A_HI = M_A >>> 16;
const M_B_LO = M_B & 0xffff, M_B_HI = M_B >>> 16;

/**
 * The high 32 bits of the 64-bit product of a uint32 and a constant split into 16-bit halves:
 * a·lo and a·hi + carry stay below 2^53, so doubles hold them exactly.
 */
function mulHigh(a: number, bLo: number, bHi: number): number {
  const u = a * bHi + Math.floor((a * bLo) / 65536);
  return Math.floor(u / 65536) >>> 0;
}

export class PhiloxRandom {
  /** The 128-bit counter, low word first. */
  readonly counter: Uint32Array;
  /** The 64-bit key, low word first. */
  readonly key: Uint32Array;

  constructor(counter: ArrayLike<number> = [0, 0, 0, 0], key: ArrayLike<number> = [0, 0]) {
    this.counter = Uint32Array.from(counter);
    this.key = Uint32Array.from(key);
  }

  /** TensorFlow's PhiloxRandom(seed_lo, seed_hi): the key from seed_lo, the counter's high half from seed_hi. */
  static fromSeeds(seedLo: bigint, seedHi: bigint): PhiloxRandom {
    const lo = BigInt.asUintN(64, seedLo), hi = BigInt.asUintN(64, seedHi);
    return new PhiloxRandom(
      [0, 0, Number(hi & 0xffffffffn), Number(hi >> 32n)],
      [Number(lo & 0xffffffffn), Number(lo >> 32n)],
    );
  }

  /** A generator from uint64 words: the counter as two (low first), the key as one (GetPhiloxRandomFromCounterKeyMem). */
  static fromCounterKey(counter: readonly bigint[], key: bigint): PhiloxRandom {
    const c0 = BigInt.asUintN(64, counter[0] ?? 0n), c1 = BigInt.asUintN(64, counter[1] ?? 0n), k = BigInt.asUintN(64, key);
    return new PhiloxRandom(
      [Number(c0 & 0xffffffffn), Number(c0 >> 32n), Number(c1 & 0xffffffffn), Number(c1 >> 32n)],
      [Number(k & 0xffffffffn), Number(k >> 32n)],
    );
  }

  clone(): PhiloxRandom { return new PhiloxRandom(this.counter, this.key); }

  /** The counter as two uint64 words and the key as one (the layout of a Generator's state). */
  counterWords(): [bigint, bigint] {
    const c = this.counter;
    return [BigInt(c[0]!) | (BigInt(c[1]!) << 32n), BigInt(c[2]!) | (BigInt(c[3]!) << 32n)];
  }
  keyWord(): bigint { return BigInt(this.key[0]!) | (BigInt(this.key[1]!) << 32n); }

  /** Advance the counter by `count` 128-bit samples (a number below 2^53 or a bigint below 2^64). */
  skip(count: number | bigint): void {
    let lo: number, hi: number;
    if (typeof count === "bigint") {
      const c = BigInt.asUintN(64, count);
      lo = Number(c & 0xffffffffn); hi = Number(c >> 32n);
    } else {
      lo = count % TWO32; hi = Math.floor(count / TWO32);
    }
    const c = this.counter;
    const c0 = c[0]! + lo;
    c[0] = c0;
    if (c0 >= TWO32) hi += 1;
    const c1 = c[1]! + hi;
    c[1] = c1;
    if (c1 >= TWO32) {
      c[2] = c[2]! + 1;
      if (c[2] === 0) c[3] = c[3]! + 1;
    }
  }

  /** The next four uint32s into `out` (at `at`); the counter advances by one. */
  next(out: Uint32Array, at = 0): void {
    let c0 = this.counter[0]!, c1 = this.counter[1]!, c2 = this.counter[2]!, c3 = this.counter[3]!;
    let k0 = this.key[0]!, k1 = this.key[1]!;
    for (let round = 0; round < 10; round++) {
      const lo0 = Math.imul(M_A, c0) >>> 0, hi0 = mulHigh(c0, M_A_LO, M_A_HI);
      const lo1 = Math.imul(M_B, c2) >>> 0, hi1 = mulHigh(c2, M_B_LO, M_B_HI);
      c0 = (hi1 ^ c1 ^ k0) >>> 0; c1 = lo1; c2 = (hi0 ^ c3 ^ k1) >>> 0; c3 = lo0;
      k0 = (k0 + W_A) >>> 0; k1 = (k1 + W_B) >>> 0;
    }
    out[at] = c0; out[at + 1] = c1; out[at + 2] = c2; out[at + 3] = c3;
    // Uint32Array stores wrap, so a word that reads 0 after its increment carried.
    const c = this.counter;
    c[0] = c[0]! + 1;
    if (c[0] === 0) {
      c[1] = c[1]! + 1;
      if (c[1] === 0) {
        c[2] = c[2]! + 1;
        if (c[2] === 0) c[3] = c[3]! + 1;
      }
    }
  }
}

/**
 * TensorFlow's GenerateKey: a stateless op's two seeds (int64 words) scrambled by one Philox
 * call under a fixed key into the generator's key and the high half of its counter.
 */
export function scrambleSeeds(seed0: bigint, seed1: bigint): PhiloxRandom {
  const s0 = BigInt.asUintN(64, seed0), s1 = BigInt.asUintN(64, seed1);
  const g = new PhiloxRandom(
    [Number(s0 & 0xffffffffn), Number(s0 >> 32n), Number(s1 & 0xffffffffn), Number(s1 >> 32n)],
    [0x3ec8f720, 0x02461e29],
  );
  const mix = new Uint32Array(4);
  g.next(mix);
  return new PhiloxRandom([0, 0, mix[2]!, mix[3]!], [mix[0]!, mix[1]!]);
}

/** One uint32 at a time from a Philox stream (TensorFlow's SingleSampleAdapter). */
export class SingleSampler {
  private readonly buf = new Uint32Array(4);
  private used = 4;
  constructor(private readonly gen: PhiloxRandom) {}
  next(): number {
    if (this.used === 4) { this.gen.next(this.buf); this.used = 0; }
    return this.buf[this.used++]!;
  }
}
