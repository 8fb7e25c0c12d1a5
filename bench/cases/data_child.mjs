// Case 11 in a process of its own, started by cases/data.mjs:
//   node bench/cases/data_child.mjs <tsflow|tfjs-data> [--quick]
// The input pipeline of issue #16: rows × 32 float32 values → shuffle(10^4) → batch(256) →
// prefetch, iterated asynchronously to the end; prints @@BENCH lines with elements (rows) per
// second, the best of a few passes after one warm-up pass.
const [lib, ...rest] = process.argv.slice(2);
const quick = rest.includes("--quick");
const ROWS = quick ? 100_000 : 1_000_000, COLS = 32, BUFFER = 10_000, BATCH = 256, PASSES = quick ? 2 : 3;
const emit = (obj) => process.stdout.write(`@@BENCH ${JSON.stringify(obj)}\n`);
const reason = (e) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);

const values = new Float32Array(ROWS * COLS);
for (let i = 0; i < values.length; i++) values[i] = (i % 9973) / 9973;

async function loadTsflow() {
  const tf = await import("tsflow");
  const { readFileSync } = await import("node:fs");
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const x = tf.constant(values, "float32", [ROWS, COLS]);
  const ds = tf.data.Dataset.fromTensorSlices(x).shuffle(BUFFER, { seed: 1 }).batch(BATCH).prefetch(tf.data.AUTOTUNE);
  return {
    version, detail: "fromTensorSlices(tensor) → shuffle → batch → prefetch(AUTOTUNE), for await",
    async pass() { let rows = 0; for await (const b of ds) rows += b.dims[0]; return rows; },
  };
}

async function loadTfjsData() {
  const tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-cpu");
  await tf.setBackend("cpu");
  const tfd = await import("@tensorflow/tfjs-data");
  const { readFileSync } = await import("node:fs");
  const { createRequire } = await import("node:module");
  const pkg = createRequire(import.meta.url).resolve("@tensorflow/tfjs-data/package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8"));
  // tfjs-data has no from_tensor_slices: tf.data.array over the rows (views of one buffer).
  const rows = Array.from({ length: ROWS }, (_, i) => values.subarray(i * COLS, (i + 1) * COLS));
  const ds = tfd.array(rows).shuffle(BUFFER, "1").batch(BATCH).prefetch(2);
  return {
    version, detail: "tf.data.array(rows) → shuffle → batch → prefetch(2), iterator.next() (cpu backend)",
    async pass() {
      let n = 0;
      const it = await ds.iterator();
      for (let r = await it.next(); !r.done; r = await it.next()) { n += r.value.shape[0]; r.value.dispose(); }
      return n;
    },
  };
}

let impl;
try {
  impl = lib === "tsflow" ? await loadTsflow() : await loadTfjsData();
} catch (e) {
  emit({ type: "loadError", reason: reason(e) });
  process.exit(0);
}
emit({ type: "info", version: impl.version, detail: impl.detail });
try {
  await impl.pass();
  let best = 0;
  for (let p = 0; p < PASSES; p++) {
    const t0 = performance.now();
    const n = await impl.pass();
    const s = (performance.now() - t0) / 1000;
    if (n !== ROWS) throw new Error(`a pass produced ${n} rows, not ${ROWS}`);
    best = Math.max(best, n / s);
  }
  emit({ type: "result", id: "pipeline", value: best, unit: "elements/s", rows: ROWS });
} catch (e) {
  emit({ type: "error", id: "pipeline", reason: reason(e) });
}
emit({ type: "done" });
