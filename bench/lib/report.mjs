// Markdown tables from the collected results: one table per case, each library's figure and the
// ratio tsflow / peer.
import { CASES, measurements } from "./plan.mjs";

export const sig = (x, digits = 3) => {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 10 ** digits) return x.toFixed(0);
  return Number(x.toPrecision(digits)).toString();
};
const bytes = (b) => {
  const a = Math.abs(b), s = b < 0 ? "-" : "";
  if (a >= 1e9) return `${s}${sig(a / 1e9)} GB`;
  if (a >= 1e6) return `${s}${sig(a / 1e6)} MB`;
  if (a >= 1e3) return `${s}${sig(a / 1e3)} kB`;
  return `${s}${sig(a)} B`;
};

/** Whether a peer's probe of the output agrees with the reference's (numpy, else tsflow). */
function agrees(m, probe, ref) {
  if (!probe || !ref || m.kind === "assignAdd2x2") return true; // assignAdd's value depends on how many reps ran
  if (probe.length !== ref.length) return false;
  const tol = m.kind === "matmul" ? 1e-4 * m.n : m.kind === "reduceSum" ? 1e-5 * m.size : m.kind === "argmax" || m.kind === "cast" ? 0 : 1e-6;
  return probe.every((p, i) => Math.abs(p - ref[i]) <= tol + 1e-6 * Math.abs(ref[i]));
}

/**
 * @param results { peers: [{ id, label, version, detail, error }], byPeer: { [peerId]: { [measId]: event } },
 *                  memory: { [lib]: event }, machine, quick }
 * @returns markdown string
 */
export function renderReport(results) {
  const { peers, byPeer, machine, quick } = results;
  const out = [];
  const label = (p) => p.label;
  out.push(`## Machine`, ``);
  out.push(`${machine.cpu} (${machine.isa}), ${machine.logicalCores} logical cores, ${machine.memoryGB} GB; ${machine.os}; Node ${machine.node} (V8 ${machine.v8})${quick ? "; **--quick run** (fewer rounds and steps)" : ""}.`, ``);
  const load = [machine.loadAverage[0], results.loadAverageAtEnd?.[0]].filter((x) => x !== undefined);
  out.push(`1-minute load average at start / end: ${load.join(" / ")}.${Math.max(...load) > 0.7 ? " **Other processes were busy during the run: figures, above all the 2-thread libraries' (tsflow's native kernels, numpy, onnxruntime), are lower and noisier than on an idle machine.**" : ""}`, ``);
  out.push(`## Libraries`, ``, `| library | version | how it runs |`, `|---|---|---|`);
  for (const p of peers) out.push(`| ${label(p)} | ${p.version ?? "n/a"} | ${p.error ? `n/a (${p.error})` : p.detail ?? ""} |`);
  out.push(``);

  const ms = measurements(quick);
  for (const c of CASES) {
    if (c.id === "memory") { out.push(...renderMemory(c, results)); continue; }
    if (c.id === "train") { out.push(...renderTrain(c, results)); continue; }
    if (c.id === "train_cnn") { out.push(...renderTrainCnn(c, results)); continue; }
    const cols = ms.filter((m) => m.case === c.id && (!results.measured || results.measured.includes(m.id)));
    const rows = peers.filter((p) => p.error ? p.attempted?.some((id) => cols.some((m) => m.id === id)) : cols.some((m) => byPeer[p.id]?.[m.id] && byPeer[p.id][m.id].type !== "unsupported"));
    if (!rows.length) continue;
    const dir = c.better === "higher" ? "higher is better; tsflow/peer > 1: tsflow faster" : "lower is better; tsflow/peer < 1: tsflow faster";
    out.push(`## ${c.title}`, ``, `${c.unit}, ${dir}. Each cell: figure (tsflow/peer). Median of timed rounds after warm-up.`, ``);
    out.push(`| library | ${cols.map((m) => m.label).join(" | ")} | notes |`, `|---|${cols.map(() => "---:|").join("")}---|`);
    const footnotes = [];
    const foot = (text) => { let i = footnotes.indexOf(text); if (i < 0) { footnotes.push(text); i = footnotes.length - 1; } return `[${i + 1}]`; };
    for (const p of rows) {
      if (p.error) { out.push(`| ${label(p)} | ${cols.map(() => "n/a").join(" | ")} | n/a (${p.error}) |`); continue; }
      const notes = new Set();
      const cells = cols.map((m) => {
        const e = byPeer[p.id]?.[m.id];
        if (!e || e.type === "unsupported") return "—";
        if (e.type === "skip") return `skipped ${foot(e.reason)}`;
        if (e.type === "error") return `n/a ${foot(`${label(p)}: ${e.reason}`)}`;
        if (e.type !== "result") return "?";
        if (e.note) notes.add(cols.length > 1 ? `${m.label.split(" ")[0]}: ${e.note}` : e.note);
        let cell = sig(e.value);
        const ts = byPeer.tsflow?.[m.id];
        if (p.id !== "tsflow" && ts?.type === "result") cell += ` (${sig(ts.value / e.value, 2)})`;
        const refEv = byPeer.numpy?.[m.id]?.type === "result" ? byPeer.numpy[m.id] : ts?.type === "result" ? ts : null;
        if (refEv && refEv !== e && !agrees(m, e.probe, refEv.probe)) {
          cell += ` ⚠${foot(`${label(p)} ${m.label}: output probe ${JSON.stringify(e.probe)} differs from ${refEv === ts ? "tsflow" : "numpy"}'s ${JSON.stringify(refEv.probe)}`)}`;
        }
        if (e.rounds < 3) cell += ` ${foot(`${e.rounds === 1 ? "one timed round" : `${e.rounds} timed rounds`} only (time budget; see rounds and reps in results.json)`)}`;
        return cell;
      });
      out.push(`| ${label(p)} | ${cells.join(" | ")} | ${[...notes].join("; ")} |`);
    }
    if (footnotes.length) out.push(``, ...footnotes.map((f, i) => `[${i + 1}] ${f}  `));
    out.push(``);
  }
  return out.join("\n");
}

function renderMemory(c, results) {
  const mem = results.memory;
  if (!mem) return [];
  const out = [`## ${c.title}`, ``];
  out.push(`Each library in its own \`node --expose-gc\` process; one synchronous loop, nothing disposed. Growth = (heapUsed + external + arrayBuffers) after \`gc()\` at the end minus the same after \`gc()\` before the loop (Node counts arrayBuffers inside external too, so ArrayBuffer growth counts twice); peak = the largest sum sampled during the loop (no gc). Lower is better; tsflow/peer compares growth per step (shown where the peer grew by more than 1 MB). For TensorFlow.js, \`tf.memory()\` shows what it still counts as live.`, ``);
  out.push(`| library | steps | µs/step | growth after gc | per step | tsflow/peer | RSS growth | peak during loop | notes |`, `|---|---:|---:|---:|---:|---:|---:|---:|---|`);
  const ts = mem.tsflow && !mem.tsflow.error ? mem.tsflow : null;
  for (const [lib, e] of Object.entries(mem)) {
    if (e.error) { out.push(`| ${lib} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a (${e.error}) |`); continue; }
    const notes = [];
    if (e.capped) notes.push(`stopped at ${e.steps} of ${e.requestedSteps} steps (time cap)`);
    if (e.before?.numTensors !== undefined) notes.push(`tf.memory(): numTensors ${e.before.numTensors.toLocaleString("en-US")} → ${e.after.numTensors.toLocaleString("en-US")}, numBytes ${bytes(e.before.numBytes)} → ${bytes(e.after.numBytes)}`);
    if (e.before?.wasmHeapBytes !== undefined) notes.push(`wasm heap ${bytes(e.before.wasmHeapBytes)} → ${bytes(e.after.wasmHeapBytes)}`);
    if (e.detail) notes.push(e.detail);
    // Growth under 1 MB is noise (JIT code, caches): both flat, no meaningful ratio.
    const ratio = lib === "tsflow" || !ts ? "" : e.growth > 1e6 ? sig(Math.max(ts.growthPerStep, 0) / e.growthPerStep, 2) : "— (flat)";
    out.push(`| ${lib} | ${e.steps.toLocaleString("en-US")} | ${sig(e.usPerStep)} | ${bytes(e.growth)} | ${sig(e.growthPerStep)} B | ${ratio} | ${bytes(e.rssGrowth)} | ${bytes(e.peakGrowth)} | ${notes.join("; ")} |`);
  }
  out.push(``);
  return out;
}

function renderTrain(c, results) {
  const train = results.train;
  if (!train?.libs.length) return [];
  const { batchSizes, probeSteps } = train.config;
  const label = { tsflow: "tsflow", "tfjs-wasm": "TensorFlow.js wasm", "tfjs-cpu": "TensorFlow.js cpu" };
  const out = [`## ${c.title}`, ``];
  out.push(`Each library in its own process, from the same Glorot-uniform weights, on the same mini-batches of 900 points of three spirals (bench/lib/mlp.mjs, the model of examples/train.ts): one step = forward pass, gradients of the 6 variables, Adam update (learning rate ${sig(0.01)}). Steps per second, higher is better; each cell: figure (tsflow/peer). Median of timed rounds after warm-up. The last column is the mean loss over all 900 points after ${probeSteps} steps of batch ${batchSizes[0]}, a check that the libraries train the same thing: it differs in the fourth decimal because TensorFlow.js's Adam adds ε to the bias-corrected √v̂ where Keras's (tsflow's, TensorFlow's) adds it to √v; with TensorFlow.js's rule tsflow's loss matches to float rounding.`, ``);
  out.push(`| library | ${batchSizes.map((b) => `batch ${b}, steps/s`).join(" | ")} | ${batchSizes.map((b) => `batch ${b}, ms/step`).join(" | ")} | loss after ${probeSteps} steps | notes |`, `|---|${batchSizes.map(() => "---:|---:|").join("")}---:|---|`);
  const ts = train.libs.find((l) => l.lib === "tsflow" && !l.error);
  for (const l of train.libs) {
    const name = label[l.lib] ?? l.lib;
    if (l.error) { out.push(`| ${name} | ${batchSizes.map(() => "n/a | n/a").join(" | ")} | n/a | n/a (${l.error}) |`); continue; }
    const notes = [];
    if (l.endedEarly) notes.push(`ended early: ${l.endedEarly}`);
    const ev = (b) => l.results[`train_b${b}`];
    const rate = batchSizes.map((b) => {
      const e = ev(b);
      if (!e) return "—";
      if (e.type !== "result") { notes.push(`batch ${b}: ${e.type} (${e.reason})`); return "n/a"; }
      const t = ts?.results[`train_b${b}`];
      return l !== ts && t?.type === "result" ? `${sig(e.value)} (${sig(t.value / e.value, 2)})` : sig(e.value);
    });
    const ms = batchSizes.map((b) => (ev(b)?.type === "result" ? sig(ev(b).opMs) : "—"));
    const first = ev(batchSizes[0]);
    const tsFirst = ts?.results[`train_b${batchSizes[0]}`];
    let loss = first?.type === "result" ? `${first.lossAfter.toFixed(5)}` : "—";
    if (first?.type === "result" && tsFirst?.type === "result" && Math.abs(first.lossAfter - tsFirst.lossAfter) > 0.01) loss += " ⚠ (differs from tsflow's)";
    if (first?.type === "result") notes.push(`loss before training ${first.lossBefore.toFixed(5)}`);
    out.push(`| ${name} | ${rate.join(" | ")} | ${ms.join(" | ")} | ${loss} | ${[l.detail, ...notes].filter(Boolean).join("; ")} |`);
  }
  out.push(``);
  return out;
}

function renderTrainCnn(c, results) {
  const train = results.trainCnn;
  if (!train?.libs.length) return [];
  const { batchSize, probeSteps } = train.config;
  const label = { tsflow: "tsflow", "tfjs-wasm": "TensorFlow.js wasm", "tfjs-cpu": "TensorFlow.js cpu" };
  const out = [`## ${c.title}`, ``];
  out.push(`Each library in its own process, from the same Glorot-uniform weights, on the same mini-batches of 1000 12×12 images of four shapes (bench/lib/cnn.mjs, the model of examples/train_cnn.ts): one step = forward pass (two SAME 3×3 convolutions with ReLU and 2×2 max-pools, a dense layer), gradients of the 6 variables, Adam update. Steps per second at batch ${batchSize}, higher is better; the ratio is tsflow/peer. Median (min–max) of timed rounds after warm-up. The loss column is over all 1000 images after ${probeSteps} steps, a check that the libraries train the same thing (TensorFlow.js's Adam puts ε elsewhere, so the fourth decimal differs).`, ``);
  out.push(`| library | steps/s | ms/step (min–max) | tsflow/peer | loss after ${probeSteps} steps | notes |`, `|---|---:|---:|---:|---:|---|`);
  const ts = train.libs.find((l) => l.lib === "tsflow" && !l.error)?.results[`cnn_b${batchSize}`];
  for (const l of train.libs) {
    const name = label[l.lib] ?? l.lib;
    const e = l.results?.[`cnn_b${batchSize}`];
    if (l.error || !e || e.type !== "result") {
      out.push(`| ${name} | n/a | n/a | | | ${[l.detail, l.error ?? (e ? `${e.type} (${e.reason})` : "no result")].filter(Boolean).join("; ")} |`);
      continue;
    }
    const ratio = l.lib !== "tsflow" && ts?.type === "result" ? sig(ts.value / e.value, 2) : "";
    out.push(`| ${name} | ${sig(e.value)} | ${sig(e.opMs)} (${sig(e.minMs)}–${sig(e.maxMs ?? e.opMs)}) | ${ratio} | ${e.lossAfter.toFixed(5)} | ${[l.detail, `loss before ${e.lossBefore.toFixed(5)}`].filter(Boolean).join("; ")} |`);
  }
  out.push(``);
  return out;
}
