// The model and data of the training case (bench/cases/train.mjs), identical in every library and
// the same as examples/train.ts: three interleaved spirals in the plane from a seeded PRNG, and an
// MLP 2 → 64 → 64 → 3 (ReLU) with Glorot-uniform weights and zero biases, trained with Adam on
// softmax cross-entropy of the logits. Everything here is plain typed arrays; each library builds
// its tensors and variables from them. The data and initial weights come from the example's
// own module (examples/spirals.ts, built into dist-test), so they cannot drift apart.

import { epochBatches as epochBatchesOf, glorotUniform, mulberry32, spirals as spiralsOf } from "../../dist-test/examples/spirals.js";

export { mulberry32 };

export const MLP = { sizes: [2, 64, 64, 3], classes: 3, pointsPerClass: 300, noise: 0.2, batchSize: 32, learningRate: 0.01, seed: 42 };

/** `classes` spirals of `pointsPerClass` points: x [n, 2] float32, labels [n] int32. */
export function spirals(rand, { classes, pointsPerClass, noise }) {
  return spiralsOf(rand, classes, pointsPerClass, noise);
}

/** Glorot-uniform kernels and zero biases: [{ w, wShape, b, bShape }] per layer. */
export function glorotLayers(rand, sizes) {
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l], fanOut = sizes[l + 1];
    layers.push({ w: glorotUniform(rand, fanIn, fanOut), wShape: [fanIn, fanOut], b: new Float32Array(fanOut), bShape: [fanOut] });
  }
  return layers;
}

/** Mini-batches of one shuffled epoch: [{ x: Float32Array [b*2], y: Float32Array one-hot [b*classes], labels, size }]. */
export function epochBatches(rand, data, { batchSize, classes }) {
  return epochBatchesOf(rand, data, batchSize, classes);
}
