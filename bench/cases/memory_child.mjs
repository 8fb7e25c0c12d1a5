// Case 5 in a process of its own, started with --expose-gc by cases/memory.mjs:
//   node --expose-gc bench/cases/memory_child.mjs <tsflow|tfjs-cpu|tfjs-wasm> <steps> <time cap ms>
// Runs `steps` eager steps v.assign(tf.add(tf.multiply(v, 0.5), a)), disposing nothing, in one
// synchronous loop as user code would, and prints @@BENCH lines: memory after gc() before and
// after, the peak seen during the loop (sampled, no gc), and the time per step.
const [lib, stepsArg, capArg] = process.argv.slice(2);
const steps = Number(stepsArg), capMs = Number(capArg);
const emit = (obj) => process.stdout.write(`@@BENCH ${JSON.stringify(obj)}\n`);

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");
const usage = () => {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, sum: m.heapUsed + m.external + m.arrayBuffers };
};
/** Full GCs with event-loop turns between them, so FinalizationRegistry callbacks run too. */
async function settle() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((r) => setImmediate(r));
  }
  return usage();
}

let step, extra = () => ({}), version, detail;
try {
  if (lib === "tsflow") {
    const tf = await import("tsflow");
    const v = new tf.Variable(tf.zeros([2, 2]));
    const a = tf.ones([2, 2]);
    step = () => { v.assign(tf.add(tf.multiply(v, 0.5), a)); };
    extra = () => ({ value: v.numpy().tolist() });
    detail = "results left to the garbage collector";
  } else if (lib === "tfjs-cpu" || lib === "tfjs-wasm") {
    const tf = await import("@tensorflow/tfjs-core");
    let wasmHeap = () => undefined;
    if (lib === "tfjs-wasm") {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      const { packageEntryDir } = await import("../lib/pkg.mjs");
      const { sep } = await import("node:path");
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
      wasm.setWasmPaths(packageEntryDir("@tensorflow/tfjs-backend-wasm") + sep);
      wasm.setThreadsCount(1);
      await tf.setBackend("wasm");
      wasmHeap = () => tf.backend().wasm.HEAPU8.length;
    } else {
      await import("@tensorflow/tfjs-backend-cpu");
      await tf.setBackend("cpu");
    }
    await tf.ready();
    const v = tf.variable(tf.zeros([2, 2]));
    const a = tf.ones([2, 2]);
    step = () => { v.assign(tf.add(tf.mul(v, 0.5), a)); };
    extra = () => ({ value: v.arraySync(), numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes, wasmHeapBytes: wasmHeap() });
    version = tf.version_core;
    detail = "no tf.tidy, no dispose";
  } else {
    throw new Error(`unknown library ${lib}`);
  }
} catch (e) {
  emit({ type: "loadError", reason: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
  process.exit(0);
}

for (let i = 0; i < 1000; i++) step(); // warm-up (also JIT)
const before = await settle();
const beforeExtra = extra();
const samples = Math.min(20, steps);
const chunk = Math.ceil(steps / samples);
let peak = before.sum, peakRss = before.rss, done = 0, capped = false;
const t0 = performance.now();
while (done < steps) {
  const n = Math.min(chunk, steps - done);
  for (let i = 0; i < n; i++) step();
  done += n;
  const u = usage();
  peak = Math.max(peak, u.sum);
  peakRss = Math.max(peakRss, u.rss);
  if (performance.now() - t0 > capMs && done < steps) { capped = true; break; }
}
const elapsedMs = performance.now() - t0;
const after = await settle();
emit({
  type: "memory", lib, version, detail, steps: done, requestedSteps: steps, capped,
  usPerStep: (elapsedMs * 1000) / done,
  growth: after.sum - before.sum, growthPerStep: (after.sum - before.sum) / done,
  heapGrowth: after.heapUsed - before.heapUsed, externalGrowth: after.external - before.external,
  arrayBuffersGrowth: after.arrayBuffers - before.arrayBuffers, rssGrowth: after.rss - before.rss,
  peakGrowth: peak - before.sum, peakRssGrowth: peakRss - before.rss,
  before: beforeExtra, after: extra(),
});
