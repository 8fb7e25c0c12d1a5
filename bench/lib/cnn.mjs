// The model and data of the CNN training case (bench/cases/train_cnn.mjs), identical in every
// library and the model of examples/train_cnn.ts: 12×12 images of four shapes from a seeded PRNG
// (examples/shapes.ts, built into dist-test), and conv 3×3 (1 → 8) → ReLU → max-pool 2×2 →
// conv 3×3 (8 → 16) → ReLU → max-pool 2×2 → dense (144 → 4), trained with Adam on the softmax
// cross-entropy of the logits. The initial weights are Glorot-uniform draws of the same PRNG
// (plain typed arrays), so every library starts from the same numbers.
import { IMAGE_SIZE, imageBatches as imageBatchesOf, mulberry32, shapeImages } from "../../dist-test/examples/shapes.js";

export { mulberry32, IMAGE_SIZE };

export const CNN = { classes: 4, imagesPerClass: 250, learningRate: 0.005, seed: 7 };

/** The libraries, batch size and probe steps of case 10 (read by the case and its child). */
export function cnnRuns(quick) {
  return { libs: ["tsflow", "tfjs-wasm", "tfjs-cpu"], batchSize: 32, probeSteps: quick ? 10 : 30 };
}

/** The training images: { x (NHWC, one channel), labels, n }. */
export function images(rand) { return shapeImages(rand, CNN.imagesPerClass); }

function glorot(rand, shape) {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const fanIn = shape[shape.length - 2] * receptive, fanOut = shape[shape.length - 1] * receptive;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const n = shape.reduce((a, b) => a * b, 1), w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = (2 * rand() - 1) * limit;
  return w;
}

/** The six initial variables: conv1 [3,3,1,8], bias [8], conv2 [3,3,8,16], bias [16], dense [144,4], bias [4]. */
export function cnnWeights(rand) {
  const flat = (IMAGE_SIZE / 4) * (IMAGE_SIZE / 4) * 16;
  const shapes = [[3, 3, 1, 8], [8], [3, 3, 8, 16], [16], [flat, CNN.classes], [CNN.classes]];
  return shapes.map((shape) => ({ shape, values: shape.length === 1 ? new Float32Array(shape[0]) : glorot(rand, shape) }));
}

/** One shuffled epoch's mini-batches: { x: Float32Array [b,12,12,1], labels: Int32Array, onehot, size }. */
export function imageBatches(rand, data, batchSize) {
  return [...imageBatchesOf(rand, data, batchSize)].map((b) => {
    const onehot = new Float32Array(b.size * CNN.classes);
    b.labels.forEach((l, i) => { onehot[i * CNN.classes + l] = 1; });
    return { ...b, onehot };
  });
}
