// A synthetic image set for the CNN example (and its benchmark): 12×12 grayscale images of
// four shapes — a horizontal bar, a vertical bar, a diagonal, a hollow square — at random
// places and sizes, on uniform noise, drawn from a seeded PRNG so every run sees the same images.
export { mulberry32 } from "./spirals.js";

export const IMAGE_SIZE = 12;
export const SHAPE_CLASSES = ["horizontal", "vertical", "diagonal", "square"] as const;

export interface ImageSet {
  /** Pixels in [0, 1], NHWC with one channel: n × 12 × 12 × 1. */
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly n: number;
}

function int(rand: () => number, lo: number, hi: number): number { return lo + Math.floor(rand() * (hi - lo + 1)); }

function draw(rand: () => number, cls: number, img: Float32Array, at: number): void {
  const S = IMAGE_SIZE;
  const set = (r: number, c: number) => { if (r >= 0 && r < S && c >= 0 && c < S) img[at + r * S + c] = 0.7 + 0.3 * rand(); };
  const len = int(rand, 5, 9);
  if (cls === 0 || cls === 1) {
    const fixed = int(rand, 1, S - 2), start = int(rand, 0, S - len);
    for (let k = 0; k < len; k++) cls === 0 ? set(fixed, start + k) : set(start + k, fixed);
  } else if (cls === 2) {
    const r0 = int(rand, 0, S - len), c0 = int(rand, 0, S - len), flip = rand() < 0.5;
    for (let k = 0; k < len; k++) set(r0 + k, flip ? c0 + len - 1 - k : c0 + k);
  } else {
    const side = int(rand, 4, 7), r0 = int(rand, 0, S - side), c0 = int(rand, 0, S - side);
    for (let k = 0; k < side; k++) { set(r0, c0 + k); set(r0 + side - 1, c0 + k); set(r0 + k, c0); set(r0 + k, c0 + side - 1); }
  }
}

/** `perClass` images of each shape, in a shuffled order. */
export function shapeImages(rand: () => number, perClass: number): ImageSet {
  const n = perClass * SHAPE_CLASSES.length, px = IMAGE_SIZE * IMAGE_SIZE;
  const order = Array.from({ length: n }, (_, i) => i % SHAPE_CLASSES.length);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
  const x = new Float32Array(n * px), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < px; p++) x[i * px + p] = 0.3 * rand();
    labels[i] = order[i]!;
    draw(rand, order[i]!, x, i * px);
  }
  return { x, labels, n };
}

/** One epoch's mini-batches in a fresh random order: pixels [b, 12, 12, 1] and labels [b]. */
export function* imageBatches(rand: () => number, data: ImageSet, batchSize: number): Generator<{ x: Float32Array; labels: Int32Array; size: number }> {
  const px = IMAGE_SIZE * IMAGE_SIZE;
  const order = Array.from({ length: data.n }, (_, i) => i);
  for (let i = data.n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
  for (let start = 0; start < data.n; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    const x = new Float32Array(idx.length * px), labels = new Int32Array(idx.length);
    idx.forEach((k, i) => { x.set(data.x.subarray(k * px, (k + 1) * px), i * px); labels[i] = data.labels[k]!; });
    yield { x, labels, size: idx.length };
  }
}
