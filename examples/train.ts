// Training a small neural network with tf.GradientTape and tf.optimizers.Adam: a multilayer
// perceptron 2 → 64 → 64 → 3 (ReLU), a tf.Module, learns to tell apart three interleaved
// spirals in the plane, from mini-batches a tf.data pipeline shuffles and batches, with
// tf.nn.softmaxCrossEntropyWithLogits on the logits. Everything random is seeded (the data
// and the initial weights from one generator, the shuffling by tf.data's seed), so every run
// prints the same numbers. On a terminal it shows a progress bar per epoch, redrawn in place as
// Keras's; piped, it prints one line per epoch. It ends with the accuracy reached on the
// training points and exits with status 1 below TARGET.
//
//   npm run train
import * as tf from "tsflow";
import { glorotUniform, mulberry32, spirals, type Dataset } from "./spirals.js";
import { ProgressBar } from "./progress_bar.js";

const SIZES = [2, 64, 64, 3];     // input, two hidden layers, classes
const POINTS_PER_CLASS = 300;
const NOISE = 0.2;                // angular noise of the spirals, in radians
const EPOCHS = 40;
const BATCH_SIZE = 32;
const LEARNING_RATE = 0.01;
const TARGET = 0.95;              // train accuracy to reach
const SEED = 42;

// ---- Data: three spirals, from a seeded PRNG (examples/spirals.ts, shared with the benchmark) ----

/**
 * The input pipeline: one element per point — `{ x: [2], y: one-hot [classes], labels: [] }` —
 * shuffled anew each epoch (tf.data's reshuffle_each_iteration, seeded) and batched; the last
 * batch of an epoch is smaller.
 */
function pipeline(data: Dataset, batchSize: number, classes: number, seed: number) {
  const labels = tf.constant(data.labels);
  return tf.data.Dataset.fromTensorSlices({
    x: tf.constant(data.x, "float32", [data.n, 2]),
    y: tf.oneHot(labels, classes),
    labels,
  }).shuffle(data.n, { seed }).batch(batchSize);
}

// ---- The model: tf.Modules that own their tf.Variables ----

class Dense extends tf.Module {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
  constructor(rand: () => number, fanIn: number, fanOut: number, readonly activation: ((x: tf.Tensor) => tf.Tensor) | null, name: string) {
    super({ name });
    // Glorot (Xavier) uniform kernel, zero biases, named in the module's scope (dense_0/kernel:0).
    const w = glorotUniform(rand, fanIn, fanOut);
    this.w = this.withNameScope(() => new tf.Variable(tf.constant(w, "float32", [fanIn, fanOut]), { name: "kernel" }));
    this.b = this.withNameScope(() => new tf.Variable(tf.zeros([fanOut]), { name: "bias" }));
  }
  call(x: tf.Tensor): tf.Tensor {
    const z = tf.add(tf.matmul(x, this.w), this.b);
    return this.activation ? this.activation(z) : z;
  }
}

class MLP extends tf.Module {
  readonly layers: Dense[] = [];
  constructor(rand: () => number, sizes: readonly number[]) {
    super();
    for (let i = 0; i + 1 < sizes.length; i++) {
      const last = i + 2 === sizes.length;
      this.layers.push(new Dense(rand, sizes[i]!, sizes[i + 1]!, last ? null : tf.relu, `dense_${i}`));
    }
  }
  /** The logits. */
  call(x: tf.Tensor): tf.Tensor {
    return this.layers.reduce((h, layer) => layer.call(h), x);
  }
}

/** Mean softmax cross-entropy of `logits` [b, classes] against one-hot `y` (TensorFlow's fused, stable op). */
function softmaxCrossEntropy(logits: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.reduceMean(tf.nn.softmaxCrossEntropyWithLogits({ labels: y, logits }));
}

/** How many rows of `logits` have their largest value at `labels`. */
function correct(logits: tf.Tensor, labels: tf.Tensor): number {
  return Number(tf.reduceSum(tf.cast(tf.equal(tf.argmax(logits, 1, "int32"), labels), "int32")).item());
}

// ---- Training ----

const rand = mulberry32(SEED);
const classes = SIZES[SIZES.length - 1]!;
const train = spirals(rand, classes, POINTS_PER_CLASS, NOISE);
const model = new MLP(rand, SIZES);
const variables = model.trainableVariables;
const optimizer = new tf.optimizers.Adam({ learningRate: LEARNING_RATE });
const dataset = pipeline(train, BATCH_SIZE, classes, SEED);
const stepsPerEpoch = Number(dataset.cardinality().numpy().item());

console.log(`${train.n} points of ${classes} spirals; MLP ${SIZES.join(" → ")} (${variables.reduce((s, v) => s + v.shape.numElements()!, 0)} parameters); Adam, learning rate ${LEARNING_RATE}, batch ${BATCH_SIZE}`);
const t0 = performance.now();
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  console.log(`Epoch ${epoch}/${EPOCHS}`);
  const bar = new ProgressBar(stepsPerEpoch);
  let seen = 0, lossSum = 0, hits = 0, step = 0;
  for (const batch of dataset) {
    const tape = new tf.GradientTape();
    const { loss, logits } = tape.record(() => {
      const logits = model.call(batch.x);
      return { loss: softmaxCrossEntropy(logits, batch.y), logits };
    });
    const grads = tape.gradient(loss, variables);
    optimizer.applyGradients(grads.map((g, i) => [g, variables[i]!] as const));

    const size = batch.labels.shape.asList()[0]!;
    seen += size;
    lossSum += Number(loss.item()) * size;
    hits += correct(logits, batch.labels);
    bar.update(++step, { loss: lossSum / seen, accuracy: hits / seen });
  }
  bar.end({ loss: lossSum / seen, accuracy: hits / seen });
}
const seconds = (performance.now() - t0) / 1000;

// Accuracy of the trained model on all training points, and on points it never saw.
const accuracy = (data: Dataset) =>
  correct(model.call(tf.constant(data.x, "float32", [data.n, 2])), tf.constant(data.labels)) / data.n;
const trainAccuracy = accuracy(train);
const heldOut = spirals(mulberry32(SEED + 1), classes, POINTS_PER_CLASS, NOISE);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`reached ${pct(trainAccuracy)} accuracy on the ${train.n} training points (target ${pct(TARGET)}) in ${seconds.toFixed(1)} s of training; ${pct(accuracy(heldOut))} on ${heldOut.n} held-out points`);
if (trainAccuracy < TARGET) {
  console.error(`below the target accuracy ${pct(TARGET)}`);
  process.exitCode = 1;
}
