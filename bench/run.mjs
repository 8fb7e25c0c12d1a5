// `npm run bench`: tsflow beside its peers (numpy, onnxruntime-node, TensorFlow.js on its wasm and
// cpu backends, jax-js, plain JS loops) in one run, with ratios; then the memory and training
// cases and the placement benchmark.
//
//   node bench/run.mjs [--quick] [--peers=tsflow,numpy,...] [--only=<case or measurement ids>]
//                      [--no-placement] [--no-memory] [--no-train] [--json=bench/results.json]
//   [--no-data]
//   (--no-train skips both training cases, 7 and 10; --no-data the tf.data case, 11)
//
// Every peer runs in a process of its own (lib/child.mjs, peers/numpy_peer.py), one after the
// other; a peer that fails to load is reported as "n/a (reason)" and the run goes on. Markdown
// tables go to stdout, progress to stderr, and the same results as JSON to bench/results.json.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";
import { machineInfo } from "./lib/system.mjs";
import { measurements } from "./lib/plan.mjs";
import { runChild, failureReason } from "./lib/spawn.mjs";
import { renderReport, sig } from "./lib/report.mjs";
import { runMemoryCase } from "./cases/memory.mjs";
import { runTrainCase } from "./cases/train.mjs";
import { runTrainCnnCase } from "./cases/train_cnn.mjs";
import { runDataCase, renderDataCase } from "./cases/data.mjs";
import { command as numpyCommand } from "./peers/numpy.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag("quick");
const only = option("only")?.split(",");
const wantPeers = option("peers")?.split(",");
const jsonPath = option("json") ?? here("./results.json");
const log = (msg) => process.stderr.write(`${msg}\n`);

const PEERS = [
  { id: "tsflow", label: "tsflow", module: "peers/tsflow.mjs" },
  { id: "numpy", label: "numpy", numpy: true },
  { id: "onnxruntime", label: "onnxruntime-node", module: "peers/onnxruntime.mjs" },
  { id: "tfjs-wasm", label: "tfjs-wasm", module: "peers/tfjs.mjs", options: { backend: "wasm" } },
  { id: "tfjs-cpu", label: "tfjs-cpu", module: "peers/tfjs.mjs", options: { backend: "cpu" } },
  { id: "jax-js", label: "jax-js", module: "peers/jax.mjs" },
  { id: "plainjs", label: "plain JS", module: "peers/plainjs.mjs" },
].filter((p) => !wantPeers || wantPeers.includes(p.id));

const started = Date.now();
const machine = machineInfo();
log(`tsflow bench${quick ? " (--quick)" : ""}: ${machine.cpu}, ${machine.logicalCores} cores, Node ${machine.node}`);

// 1. The placement benchmark (tsflow's per-op placement cost), as before.
let placement = null;
if (!flag("no-placement") && !only) {
  log("placement benchmark…");
  const r = await runChild(process.execPath, [here("./placement.mjs")], { timeoutMs: 300_000 });
  placement = r.code === 0 ? { text: r.out.trim() } : { error: failureReason(r) };
}

// 2. Each peer's measurements, one process per peer.
const wanted = measurements(quick).filter((m) => !only || only.includes(m.id) || only.includes(m.case));
const byPeer = {};
const peerInfo = [];
if (wanted.length) {
  for (const p of PEERS) {
    log(`${p.label}…`);
    const cmd = p.numpy
      ? numpyCommand({ quick, only })
      : {
          command: process.execPath,
          args: [here("./lib/child.mjs"), p.id, here(`./${p.module}`), ...(quick ? ["--quick"] : []),
            ...(only ? [`--only=${only.join(",")}`] : []), ...(p.options ? [`--options=${JSON.stringify(p.options)}`] : [])],
        };
    const results = (byPeer[p.id] = {});
    const r = await runChild(cmd.command, cmd.args, {
      env: cmd.env ?? process.env,
      timeoutMs: quick ? 150_000 : 400_000,
      onEvent: (e) => {
        if (e.id) results[e.id] = e;
        const m = wanted.find((x) => x.id === e.id);
        if (e.type === "result") log(`  ${m.label}: ${sig(e.value)} ${e.unit}`);
        else if (e.type === "skip" || e.type === "error") log(`  ${m.label}: ${e.type} (${e.reason})`);
      },
    });
    const info = r.events.find((e) => e.type === "info");
    const loadError = r.events.find((e) => e.type === "loadError");
    const entry = { id: p.id, label: p.label, version: info?.version ?? null, detail: info?.detail ?? null };
    if (loadError || !info) {
      entry.error = loadError?.reason ?? failureReason(r);
      entry.attempted = wanted.map((m) => m.id);
      log(`  n/a (${entry.error})`);
    } else if (!r.events.some((e) => e.type === "done")) {
      // Died or timed out part-way: what it reported stands, the rest is n/a.
      const why = failureReason(r);
      for (const m of wanted) if (!results[m.id]) results[m.id] = { type: "error", id: m.id, reason: `peer process ended early: ${why}` };
      log(`  ended early (${why})`);
    }
    peerInfo.push(entry);
  }
}

// 3. Memory (case 5).
let memory = null;
if (!flag("no-memory") && (!only || only.includes("memory"))) {
  log("memory case…");
  memory = await runMemoryCase({ quick, log });
}

// 4. Training steps per second (case 7): tsflow and TensorFlow.js.
let train = null;
if (!flag("no-train") && (!only || only.includes("train"))) {
  log("training case…");
  train = await runTrainCase({ quick, log, peers: wantPeers });
}

// 5. Training steps per second of the CNN (case 10): tsflow and TensorFlow.js.
let trainCnn = null;
if (!flag("no-train") && (!only || only.includes("train_cnn"))) {
  log("CNN training case…");
  trainCnn = await runTrainCnnCase({ quick, log, peers: wantPeers });
}

// 6. The tf.data pipeline (case 11): tsflow and @tensorflow/tfjs-data.
let data = null;
if (!flag("no-data") && (!only || only.includes("data"))) {
  log("tf.data case…");
  data = await runDataCase({ quick, log, peers: wantPeers });
}

const loadAverageAtEnd = (await import("node:os")).loadavg().map((x) => Number(x.toFixed(2)));
const results = { generatedAt: new Date().toISOString(), quick, machine, loadAverageAtEnd, seconds: Math.round((Date.now() - started) / 1000), measured: wanted.map((m) => m.id), peers: peerInfo, byPeer, memory, train, trainCnn, data, placement };
let md = `# tsflow CPU benchmark${quick ? " (--quick)" : ""}\n\n${renderReport(results)}`;
if (data) md += `\n${renderDataCase(data)}`;
if (placement) md += `\n## Placement (bench/placement.mjs)\n\n${placement.text ?? `n/a (${placement.error})`}\n`;
md += `\nTotal time ${results.seconds} s.\n`;
process.stdout.write(md);
results.markdown = md;
writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
log(`results written to ${relative(process.cwd(), jsonPath)}`);
