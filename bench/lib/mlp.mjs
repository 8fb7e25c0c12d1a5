// The model and data of the training case (bench/cases/train.mjs), identical in every library and
// the same as examples/train.ts: three interleaved spirals in the plane from a seeded PRNG, and an
// MLP 2 → 64 → 64 → 3 (ReLU) with Glorot-uniform weights and zero biases, trained with Adam on
// softmax cross-entropy of the logits. Everything here is plain typed arrays; each library builds
// its tensors and variables from them.

export const MLP = { sizes: [2, 64, 64, 3], classes: 3, pointsPerClass: 300, noise: 0.2, batchSize: 32, learningRate: 0.01, seed: 42 };

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller) from a uniform source. */
export function gaussian(rand) {
  const u = 1 - rand(), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** `classes` spirals of `pointsPerClass` points: x [n, 2] float32, labels [n] int32. */
export function spirals(rand, { classes, pointsPerClass, noise }) {
  const n = classes * pointsPerClass;
  const x = new Float32Array(n * 2), labels = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < pointsPerClass; i++) {
      const k = c * pointsPerClass + i;
      const r = i / (pointsPerClass - 1);
      const theta = (c * 2 * Math.PI) / classes + 4 * r * Math.PI / 1.5 + noise * gaussian(rand);
      x[2 * k] = r * Math.sin(theta);
      x[2 * k + 1] = r * Math.cos(theta);
      labels[k] = c;
    }
  }
  return { x, labels, n };
}

/** Glorot-uniform kernels and zero biases: [{ w, wShape, b, bShape }] per layer. */
export function glorotLayers(rand, sizes) {
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l], fanOut = sizes[l + 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rand() - 1) * limit;
    layers.push({ w, wShape: [fanIn, fanOut], b: new Float32Array(fanOut), bShape: [fanOut] });
  }
  return layers;
}

/** A Fisher–Yates permutation of 0..n-1. */
export function permutation(rand, n) {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}

/** Mini-batches of one shuffled epoch: [{ x: Float32Array [b*2], y: Float32Array one-hot [b*classes], labels, size }]. */
export function epochBatches(rand, data, { batchSize, classes }) {
  const perm = permutation(rand, data.n);
  const batches = [];
  for (let s = 0; s < data.n; s += batchSize) {
    const size = Math.min(batchSize, data.n - s);
    const x = new Float32Array(size * 2), y = new Float32Array(size * classes), labels = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const k = perm[s + i];
      x[2 * i] = data.x[2 * k];
      x[2 * i + 1] = data.x[2 * k + 1];
      labels[i] = data.labels[k];
      y[i * classes + labels[i]] = 1;
    }
    batches.push({ x, y, labels, size });
  }
  return batches;
}
