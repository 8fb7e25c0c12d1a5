// Case 10 in a process of its own, started by cases/train_cnn.mjs:
//   node bench/cases/train_cnn_child.mjs <tsflow|tfjs-cpu|tfjs-wasm> [--quick]
// Trains the CNN of lib/cnn.mjs (the model of examples/train_cnn.ts) one mini-batch per step and
// prints @@BENCH lines: the loss over all training images before and after a fixed number of
// steps from the shared initial weights (a check that the libraries train the same thing), then
// training steps per second (lib/measure.mjs: warm-up, then the median of timed rounds).
import { CNN, IMAGE_SIZE, cnnRuns, cnnWeights, imageBatches, images, mulberry32 } from "../lib/cnn.mjs";
import { measure } from "../lib/measure.mjs";
import { settings } from "../lib/plan.mjs";

const [lib, ...rest] = process.argv.slice(2);
const quick = rest.includes("--quick");
const emit = (obj) => process.stdout.write(`@@BENCH ${JSON.stringify(obj)}\n`);
const reason = (e) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);
const S = IMAGE_SIZE;

async function loadTsflow() {
  const tf = await import("tsflow");
  if (typeof tf.nn?.conv2d !== "function") throw new Error("tsflow has no tf.nn.conv2d");
  const { readFileSync } = await import("node:fs");
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  return {
    version,
    detail: "tf.nn.conv2d/maxPool2d/biasAdd/sparseSoftmaxCrossEntropyWithLogits, tf.GradientTape + tf.optimizers.Adam",
    model(weights) {
      const v = weights.map((w) => new tf.Variable(tf.constant(w.values, "float32", w.shape)));
      const opt = new tf.optimizers.Adam({ learningRate: CNN.learningRate });
      const logits = (x) => {
        let h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, v[0], 1, "SAME"), v[1]));
        h = tf.nn.maxPool2d(h, 2, 2, "VALID");
        h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(h, v[2], 1, "SAME"), v[3]));
        h = tf.nn.maxPool2d(h, 2, 2, "VALID");
        return tf.nn.biasAdd(tf.matmul(tf.reshape(h, [h.dims[0], -1]), v[4]), v[5]);
      };
      const lossOf = (x, labels) => tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits: logits(x) }));
      return {
        batch: (b) => ({ x: tf.constant(b.x, "float32", [b.size, S, S, 1]), labels: tf.constant(b.labels, "int32", [b.size]) }),
        step: ({ x, labels }) => {
          const tape = new tf.GradientTape();
          const loss = tape.record(() => lossOf(x, labels));
          const grads = tape.gradient(loss, v);
          opt.applyGradients(grads.map((g, i) => [g, v[i]]));
        },
        loss: ({ x, labels }) => Number(lossOf(x, labels).numpy().item()),
      };
    },
  };
}

async function loadTfjs(backend) {
  const { tfjsOn } = await import("../peers/tfjs.mjs");
  const { registerTfjsGradients } = await import("../lib/tfjs_gradients.mjs");
  const { tf, detail } = await tfjsOn(backend);
  await registerTfjsGradients();
  return {
    version: tf.version_core,
    detail: `${detail}; tf.conv2d/maxPool, log-sum-exp cross-entropy, tf.train.adam, optimizer.minimize`,
    model(weights) {
      const v = weights.map((w) => tf.variable(tf.tensor(w.values, w.shape)));
      const opt = tf.train.adam(CNN.learningRate);
      const logits = (x) => {
        let h = tf.relu(tf.add(tf.conv2d(x, v[0], 1, "same"), v[1]));
        h = tf.maxPool(h, 2, 2, "valid");
        h = tf.relu(tf.add(tf.conv2d(h, v[2], 1, "same"), v[3]));
        h = tf.maxPool(h, 2, 2, "valid");
        return tf.add(tf.matMul(tf.reshape(h, [h.shape[0], -1]), v[4]), v[5]);
      };
      // The softmax cross-entropy as the MLP case computes it (log-sum-exp of shifted logits).
      const lossOf = (x, y) => {
        const h = logits(x), z = tf.sub(h, tf.max(h, 1, true));
        return tf.mean(tf.sub(tf.log(tf.sum(tf.exp(z), 1)), tf.sum(tf.mul(y, z), 1)));
      };
      return {
        batch: (b) => ({ x: tf.tensor(b.x, [b.size, S, S, 1]), y: tf.tensor(b.onehot, [b.size, CNN.classes]) }),
        step: ({ x, y }) => { opt.minimize(() => lossOf(x, y), false, v); },
        loss: ({ x, y }) => tf.tidy(() => lossOf(x, y).dataSync()[0]),
      };
    },
  };
}

let peer;
try {
  if (lib === "tsflow") peer = await loadTsflow();
  else if (lib === "tfjs-cpu" || lib === "tfjs-wasm") peer = await loadTfjs(lib.slice(5));
  else throw new Error(`unknown library ${lib}`);
} catch (e) {
  emit({ type: "loadError", reason: reason(e) });
  process.exit(0);
}
emit({ type: "info", version: peer.version, detail: peer.detail });

const { batchSize, probeSteps } = cnnRuns(quick);
const rand = mulberry32(CNN.seed);
const data = images(rand);
const weights = cnnWeights(mulberry32(CNN.seed + 100));
const s = { ...settings(quick, lib), ...(quick ? { warmupMs: 300, targetRoundMs: 150, budgetMs: 2500 } : { warmupMs: 1000, targetRoundMs: 400, budgetMs: 8000 }) };
const id = `cnn_b${batchSize}`;
try {
  const model = peer.model(weights);
  const batches = imageBatches(mulberry32(CNN.seed + 1), data, batchSize).filter((b) => b.size === batchSize).map(model.batch);
  const all = model.batch(imageBatches(mulberry32(0), data, data.n)[0]);
  let next = 0;
  const op = { run: () => { model.step(batches[next]); next = (next + 1) % batches.length; } };
  const lossBefore = model.loss(all);
  for (let i = 0; i < probeSteps; i++) op.run();
  const lossAfter = model.loss(all);
  const r = await measure(op, s);
  if (r.skipped) emit({ type: "skip", id, reason: r.skipped });
  else emit({ type: "result", id, batchSize, value: 1000 / r.opMs, unit: "steps/s", opMs: r.opMs, minMs: r.minMs, maxMs: r.maxMs, coldMs: r.coldMs, rounds: r.rounds, reps: r.reps, lossBefore, lossAfter, probeSteps });
} catch (e) {
  emit({ type: "error", id, reason: reason(e) });
}
emit({ type: "done" });
