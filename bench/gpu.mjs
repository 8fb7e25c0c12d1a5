// GPU benchmark: matmul GFLOP/s, elementwise add and reduction GB/s, and per-op dispatch latency on the
// WebGPU adapter tsflow finds (GPU:0). Needs only dist/ and node_modules/webgpu.
//
//   node bench/gpu.mjs [--quick] [--json] [--no-train] [--sizes=1024,2048] [--peak=<fp32 TFLOP/s>]
//
// On a machine without a GPU: eval "$(bash scripts/software-gpu.sh)" first (lavapipe), or the
// script prints why there is no GPU and exits 0.
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const asJson = args.includes("--json");
const sizesArg = args.find((a) => a.startsWith("--sizes="))?.slice(8);
const log = (msg) => process.stderr.write(`${msg}\n`);

const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
// The raw binding's floor first, on this thread, before tsflow's worker opens its device.
const { measureFloor } = await import("./lib/webgpu_floor.mjs");
const floor = process.env.TSFLOW_GPU === "0" ? null : await measureFloor({ dispatches: quick ? 5000 : 20000 });
const tf = await import(dist("index.js"));
const { localDevices } = await import(dist("runtime/devices.js"));
const probe = await import(dist("devices/webgpu/probe.js"));

const gpu = localDevices().find((d) => d.deviceType === "GPU");
if (gpu === undefined) {
  console.log(`no GPU: ${probe.noGpuReason || "no WebGPU adapter"}`);
  process.exit(0);
}
const software = gpu.client.report.isFallbackAdapter === true;
// Dawn's description of NVIDIA adapters is the driver version alone: name the card from
// nvidia-smi where it is there.
let card = "";
if (!software) {
  try {
    const { execFileSync } = await import("node:child_process");
    card = execFileSync("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"], { timeout: 5000, encoding: "utf8" }).split("\n")[0].trim();
  } catch { /* not an NVIDIA machine */ }
}
const adapter = card && !gpu.adapterDescription.includes(card) ? `${card} (${gpu.adapterDescription})` : gpu.adapterDescription;

// fp32 peak (non-tensor-core) in TFLOP/s by adapter description; --peak=<TFLOP/s> overrides.
const PEAKS = [[/H100 PCIe/i, 51.2], [/H100|H200|GH200/i, 67], [/A100/i, 19.5], [/L40S/i, 91.6], [/\bL4\b/i, 30], [/A10G?\b/i, 31.2], [/V100/i, 15.7], [/T4\b/i, 8.1]];
const peakArg = args.find((a) => a.startsWith("--peak="))?.slice(7);
const peak = peakArg ? Number(peakArg) : PEAKS.find(([re]) => re.test(adapter))?.[1] ?? null;

const now = () => performance.now() / 1000;
const sync = () => gpu.synchronize();
const onGpu = (fn) => tf.device(gpu.name, fn);

/** A float32 tensor of `n` values in [-1, 1) living on the GPU. */
function gpuTensor(dims) {
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  let s = 1;
  for (let i = 0; i < n; i++) { s = (s * 1664525 + 1013904223) >>> 0; data[i] = s / 2 ** 31 - 1; }
  const host = tf.device("CPU:0", () => tf.constant(data, "float32", dims));
  const t = onGpu(() => tf.add(host, 0));
  host.dispose();
  sync();
  return t;
}

/**
 * Seconds per call of `fn` (which returns a tensor to dispose), the GPU synchronised: the best
 * of up to three batches' means, as single batches proved noisy on real GPUs.
 */
function timeIt(fn, minSeconds = 0.5, maxReps = 50) {
  fn().dispose(); // compile and warm up
  sync();
  let t0 = now();
  fn().dispose();
  sync();
  const once = now() - t0;
  const reps = Math.max(1, Math.min(maxReps, Math.ceil(minSeconds / Math.max(once, 1e-6))));
  let best = once;
  const batches = once * reps > 5 ? 1 : 3;
  for (let b = 0; b < batches; b++) {
    t0 = now();
    for (let i = 0; i < reps; i++) fn().dispose();
    sync();
    best = Math.min(best, (now() - t0) / reps);
  }
  return best;
}

const results = { adapter, software, peakTflops: peak, floor, matmul: [], add: [], reduce: [], latency: {}, train: null };

// --- matmul ---------------------------------------------------------------------------------
const sizes = sizesArg ? sizesArg.split(",").map(Number) : quick ? [1024, 2048] : [1024, 2048, 4096, 8192];
let lastSeconds = 0, lastN = 0;
for (const n of sizes) {
  // Skip sizes predicted (n^3 scaling) to take more than ~10 s a product.
  const predicted = lastN ? lastSeconds * (n / lastN) ** 3 : 0;
  if (predicted > 10) { results.matmul.push({ n, skipped: `predicted ${predicted.toFixed(0)} s` }); continue; }
  log(`matmul ${n}…`);
  const a = gpuTensor([n, n]), b = gpuTensor([n, n]);
  const sec = timeIt(() => onGpu(() => tf.matmul(a, b)), 1, 20);
  a.dispose(); b.dispose();
  const gflops = (2 * n ** 3) / sec / 1e9;
  results.matmul.push({ n, ms: sec * 1e3, gflops, ofPeak: peak ? gflops / (peak * 1e3) : null });
  lastSeconds = sec; lastN = n;
}

// --- elementwise add ------------------------------------------------------------------------
const addSizes = software || quick ? [1e6, 1e7] : [1e6, 1e7, 1e8];
for (const n of addSizes) {
  log(`add ${n}…`);
  const a = gpuTensor([n]), b = gpuTensor([n]);
  const sec = timeIt(() => onGpu(() => tf.add(a, b)), 0.5, 200);
  a.dispose(); b.dispose();
  results.add.push({ n, us: sec * 1e6, gbps: (3 * 4 * n) / sec / 1e9 });
}

// --- reductions -----------------------------------------------------------------------------
const redN = software || quick ? 1e7 : 1e8;
for (const [label, dims, axis] of [
  ["sum, all", [redN], null], ["sum, last axis", [redN / 1000, 1000], -1], ["sum, first axis", [1000, redN / 1000], 0], ["argmax, last axis", [redN / 1000, 1000], -1],
]) {
  log(`${label} ${redN}…`);
  const x = gpuTensor(dims);
  const fn = label.startsWith("argmax") ? () => onGpu(() => tf.argmax(x, axis, "int32")) : () => onGpu(() => tf.reduceSum(x, axis));
  const sec = timeIt(fn, 0.5, 200);
  x.dispose();
  results.reduce.push({ op: label, dims, us: sec * 1e6, gbps: (4 * redN) / sec / 1e9 });
}

// --- dispatch at the binding's floor ----------------------------------------------------------
// Every figure µs per 2×2 float32 add, medians of `ROUNDS` rounds, with the CPU time the process
// used meanwhile (in cores: 1.0 = one core busy for the whole round).
{
  log("dispatch…");
  const ROUNDS = quick ? 3 : 5;
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const median = (xs) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  const rounds = (count, fn) => {
    // A whole round first: the memory pool grows until the collector returns buffers as fast
    // as the loop drops them (buffers made meanwhile cost ~30 µs each on lavapipe).
    fn(count);
    const us = [], cores = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now(), c0 = cpuMs();
      fn(count);
      const ms = performance.now() - t0;
      us.push((ms * 1000) / count);
      cores.push((cpuMs() - c0) / ms);
    }
    return { us: median(us), range: [Math.min(...us), Math.max(...us)], cores: median(cores) };
  };
  const x = onGpu(() => tf.add(tf.constant([[1, 2], [3, 4]], "float32"), 0));
  sync();
  const n = 10000;
  results.latency.loopUntilIdle = rounds(n, (k) => { for (let i = 0; i < k; i++) onGpu(() => tf.add(x, x)); sync(); });
  results.latency.addScalarLoop = rounds(n, (k) => { let y = x; for (let i = 0; i < k; i++) y = onGpu(() => tf.add(y, 1)); y.dataSync(); });
  results.latency.opAndRead = rounds(quick ? 100 : 300, (k) => { for (let i = 0; i < k; i++) onGpu(() => tf.add(x, 1)).dataSync(); });
  // A long op read synchronously: what the waiting threads cost beside the work itself.
  const big = gpuTensor(software ? [512, 512] : [4096, 4096]);
  results.latency.longRead = rounds(1, () => { onGpu(() => tf.matmul(big, big)).dataSync(); });
  big.dispose();
  x.dispose();
  sync();
}

// --- the training example on the GPU beside the CPU -------------------------------------------
if (!args.includes("--no-train")) {
  log("training…");
  const { spawnSync } = await import("node:child_process");
  const child = new URL("./cases/train_child.mjs", import.meta.url).pathname;
  const steps = (env) => {
    const r = spawnSync(process.execPath, [child, "tsflow", "--quick"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 600_000 });
    const out = {};
    for (const line of (r.stdout ?? "").split("\n")) {
      if (!line.startsWith("@@BENCH ")) continue;
      const e = JSON.parse(line.slice(8));
      if (e.type === "result" && e.id?.startsWith("train_b")) out[e.batchSize] = e.value;
    }
    return out;
  };
  results.train = { gpu: steps({ TSFLOW_GPU: "1" }), cpu: steps({ TSFLOW_GPU: "0" }) };
}

// --- report ---------------------------------------------------------------------------------
const f = (v, d = 1) => (v === null || v === undefined ? "?" : v.toFixed(d));
const lines = [
  `## tsflow GPU benchmark`,
  "",
  `| adapter | software | fp32 peak (TFLOP/s) |`,
  `| --- | --- | --- |`,
  `| ${adapter} | ${software ? "yes" : "no"} | ${peak ?? "?"} |`,
  "",
  `| matmul n×n×n (float32) | ms | GFLOP/s | of fp32 peak |`,
  `| --- | --- | --- | --- |`,
  ...results.matmul.map((m) => (m.skipped ? `| ${m.n} | skipped (${m.skipped}) | | |` : `| ${m.n} | ${f(m.ms, 2)} | ${f(m.gflops)} | ${m.ofPeak === null ? "?" : `${(m.ofPeak * 100).toFixed(1)}%`} |`)),
  "",
  `| add (float32) elements | µs | GB/s (2 reads + 1 write) |`,
  `| --- | --- | --- |`,
  ...results.add.map((r) => `| ${r.n.toExponential(0)} | ${f(r.us)} | ${f(r.gbps, 2)} |`),
  "",
  `| reduction (float32) | shape | µs | GB/s read |`,
  `| --- | --- | --- | --- |`,
  ...results.reduce.map((r) => `| ${r.op} | [${r.dims.join(",")}] | ${f(r.us)} | ${f(r.gbps, 2)} |`),
  "",
  `| small ops (2×2 float32 add) | µs/op (range) | CPU cores busy | tsflow / floor |`,
  `| --- | --- | --- | --- |`,
  ...(floor ? [
    `| raw binding: cached bind group${floor.immediates ? " + immediates" : ""}, 48 per pass (the floor) | ${f(floor.dispatchUs, 2)} | | 1 |`,
    `| raw binding: dispatch + copy + mapAsync round trip | ${f(floor.roundTripUs)} | | 1 |`,
  ] : ["| raw binding | n/a (webgpu did not load here) | | |"]),
  ...[
    ["tsflow: loop of tf.add(x, x) until the GPU is idle", results.latency.loopUntilIdle, floor?.dispatchUs],
    ["tsflow: y = tf.add(y, 1) loop, then one read", results.latency.addScalarLoop, floor?.dispatchUs],
    ["tsflow: one op + synchronous read", results.latency.opAndRead, floor?.roundTripUs],
    [`tsflow: one ${software ? 512 : 4096}² matmul + synchronous read (µs per read)`, results.latency.longRead, undefined],
  ].map(([what, r, base]) => `| ${what} | ${f(r.us, 1)} (${f(r.range[0], 1)}–${f(r.range[1], 1)}) | ${f(r.cores, 2)} | ${base ? f(r.us / base, 2) : ""} |`),
  ...(results.train ? [
    "",
    `| examples/train.ts model, steps/s | batch 32 | batch 256 |`,
    `| --- | --- | --- |`,
    `| GPU:0 | ${f(results.train.gpu[32], 0)} | ${f(results.train.gpu[256], 0)} |`,
    `| CPU:0 | ${f(results.train.cpu[32], 0)} | ${f(results.train.cpu[256], 0)} |`,
  ] : []),
];
console.log(lines.join("\n"));
if (asJson) console.log(JSON.stringify(results, null, 2));
process.exit(0);
