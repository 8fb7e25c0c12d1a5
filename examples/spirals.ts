// The training example's data and initial weights as plain typed arrays, from one seeded
// generator: examples/train.ts builds its tensors from them, and the training benchmark
// (bench/lib/mlp.mjs) gives every library the same ones. The tests use the generator too.

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
export function gaussian(rand: () => number): number {
  const u = 1 - rand(), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface Dataset { x: Float32Array; labels: Int32Array; n: number }

/** `classes` spirals of `perClass` points each, radius 0 → 1, the class's arm turning by 4π/1.5. */
export function spirals(rand: () => number, classes: number, perClass: number, noise: number): Dataset {
  const n = classes * perClass;
  const x = new Float32Array(n * 2), labels = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      const r = i / (perClass - 1);
      const theta = (c * 2 * Math.PI) / classes + (4 * r * Math.PI) / 1.5 + noise * gaussian(rand);
      x[2 * k] = r * Math.sin(theta);
      x[2 * k + 1] = r * Math.cos(theta);
      labels[k] = c;
    }
  }
  return { x, labels, n };
}

/** A Fisher–Yates shuffle of 0..n-1. */
export function permutation(rand: () => number, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** A Glorot (Xavier) uniform kernel [fanIn, fanOut], row-major: U(-limit, limit), limit = sqrt(6 / (fanIn + fanOut)). */
export function glorotUniform(rand: () => number, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
  return w;
}

export interface BatchArrays { x: Float32Array; y: Float32Array; labels: Int32Array; size: number }

/** One shuffled epoch's mini-batches: inputs [b * 2], one-hot targets [b * classes], labels [b]. */
export function epochBatches(rand: () => number, data: Dataset, batchSize: number, classes: number): BatchArrays[] {
  const perm = permutation(rand, data.n);
  const out: BatchArrays[] = [];
  for (let start = 0; start < data.n; start += batchSize) {
    const size = Math.min(batchSize, data.n - start);
    const x = new Float32Array(size * 2), y = new Float32Array(size * classes), labels = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const k = perm[start + i]!;
      x[2 * i] = data.x[2 * k]!;
      x[2 * i + 1] = data.x[2 * k + 1]!;
      labels[i] = data.labels[k]!;
      y[i * classes + labels[i]!] = 1;
    }
    out.push({ x, y, labels, size });
  }
  return out;
}
