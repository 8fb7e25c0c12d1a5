// Case 7 in a process of its own, started by cases/train.mjs:
//   node bench/cases/train_child.mjs <tsflow|tfjs-cpu|tfjs-wasm> [--quick]
// Trains the MLP of lib/mlp.mjs (2 → 64 → 64 → 3, ReLU, softmax cross-entropy from the logits,
// Adam) one mini-batch per step, and prints @@BENCH lines: for each batch size, the loss over
// the whole data set after a fixed number of steps from the shared initial weights (the same in
// every library up to float rounding: a check that they train the same thing), then the training
// steps per second (lib/measure.mjs: warm-up, then the median of timed rounds).
import { MLP, mulberry32, spirals, glorotLayers, epochBatches } from "../lib/mlp.mjs";
import { measure } from "../lib/measure.mjs";
import { settings, trainRuns } from "../lib/plan.mjs";

const [lib, ...rest] = process.argv.slice(2);
const quick = rest.includes("--quick");
const emit = (obj) => process.stdout.write(`@@BENCH ${JSON.stringify(obj)}\n`);
const reason = (e) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);

/**
 * Each library's model: `init(layers)` makes variables and an Adam optimizer from the shared
 * initial weights, `batch(b)` makes tensors of one mini-batch, `step(batch)` runs one training
 * step (forward, gradients, Adam update), `loss(batch)` the loss as a number.
 */
async function loadTsflow() {
  const tf = await import("tsflow");
  if (typeof tf.GradientTape !== "function") throw new Error("tsflow has no tf.GradientTape");
  if (typeof tf.optimizers?.Adam !== "function") throw new Error("tsflow has no tf.optimizers.Adam yet");
  const { readFileSync } = await import("node:fs");
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  let detail = "TypeScript kernels";
  try {
    const { nativeAddon } = await import("tsflow/internal/devices/native/addon");
    const addon = nativeAddon();
    detail = addon ? `native addon: ${addon.isa ?? "?"}, ${addon.numThreads ?? "?"} threads` : "native addon not loaded: TypeScript kernels";
  } catch { /* no native addon in this build */ }
  return {
    version,
    detail: `${detail}; tf.GradientTape + tf.optimizers.Adam, results left to the garbage collector`,
    model(layers, learningRate) {
      const vars = layers.flatMap((l) => [new tf.Variable(tf.constant(l.w, "float32", l.wShape)), new tf.Variable(tf.constant(l.b, "float32", l.bShape))]);
      const opt = new tf.optimizers.Adam({ learningRate });
      const lossOf = (x, y) => {
        let h = x;
        for (let i = 0; i < vars.length; i += 2) {
          h = tf.add(tf.matmul(h, vars[i]), vars[i + 1]);
          if (i + 2 < vars.length) h = tf.relu(h);
        }
        const z = tf.subtract(h, tf.reduceMax(h, 1, true));
        const lse = tf.log(tf.reduceSum(tf.exp(z), 1));
        return tf.reduceMean(tf.subtract(lse, tf.reduceSum(tf.multiply(y, z), 1)));
      };
      return {
        batch: (b) => ({ x: tf.constant(b.x, "float32", [b.size, 2]), y: tf.constant(b.y, "float32", [b.size, b.y.length / b.size]) }),
        step: ({ x, y }) => {
          const tape = new tf.GradientTape();
          const loss = tape.record(() => lossOf(x, y));
          const grads = tape.gradient(loss, vars);
          opt.applyGradients(grads.map((g, i) => [g, vars[i]]));
        },
        loss: ({ x, y }) => lossOf(x, y).numpy().item(),
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
    detail: `${detail}; tf.variable + tf.train.adam, optimizer.minimize (intermediates disposed by it)`,
    model(layers, learningRate) {
      const vars = layers.flatMap((l) => [tf.variable(tf.tensor(l.w, l.wShape)), tf.variable(tf.tensor(l.b, l.bShape))]);
      const opt = tf.train.adam(learningRate);
      const lossOf = (x, y) => {
        let h = x;
        for (let i = 0; i < vars.length; i += 2) {
          h = tf.add(tf.matMul(h, vars[i]), vars[i + 1]);
          if (i + 2 < vars.length) h = tf.relu(h);
        }
        const z = tf.sub(h, tf.max(h, 1, true));
        const lse = tf.log(tf.sum(tf.exp(z), 1));
        return tf.mean(tf.sub(lse, tf.sum(tf.mul(y, z), 1)));
      };
      return {
        batch: (b) => ({ x: tf.tensor(b.x, [b.size, 2]), y: tf.tensor(b.y, [b.size, b.y.length / b.size]) }),
        step: ({ x, y }) => { opt.minimize(() => lossOf(x, y), false, vars); },
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

const { batchSizes, probeSteps } = trainRuns(quick);
const rand = mulberry32(MLP.seed);
const data = spirals(rand, MLP);
const layers = glorotLayers(rand, MLP.sizes);
const s = { ...settings(quick, lib), ...(quick ? { warmupMs: 300, targetRoundMs: 100, budgetMs: 2000 } : { warmupMs: 1000, targetRoundMs: 300, budgetMs: 6000 }) };
for (const batchSize of batchSizes) {
  const id = `train_b${batchSize}`;
  try {
    const model = peer.model(layers, MLP.learningRate);
    // One shuffled epoch's full batches, cycled; the same sequence in every library.
    const batches = epochBatches(mulberry32(MLP.seed + batchSize), data, { ...MLP, batchSize }).filter((b) => b.size === batchSize).map(model.batch);
    const all = model.batch(epochBatches(mulberry32(0), data, { ...MLP, batchSize: data.n })[0]);
    let next = 0;
    const op = { run: () => { model.step(batches[next]); next = (next + 1) % batches.length; } };
    const lossBefore = model.loss(all);
    for (let i = 0; i < probeSteps; i++) op.run();
    const lossAfter = model.loss(all);
    const r = await measure(op, s);
    if (r.skipped) { emit({ type: "skip", id, reason: r.skipped }); continue; }
    emit({ type: "result", id, batchSize, value: 1000 / r.opMs, unit: "steps/s", opMs: r.opMs, minMs: r.minMs, coldMs: r.coldMs, rounds: r.rounds, reps: r.reps, lossBefore, lossAfter, probeSteps });
  } catch (e) {
    emit({ type: "error", id, reason: reason(e) });
  }
}
emit({ type: "done" });
