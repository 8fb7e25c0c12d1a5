// One peer's measurements, in a process of its own (so that one library's thread pools, JIT state,
// heap and crashes never touch another's). Run by bench/run.mjs:
//   node bench/lib/child.mjs <peer id> <peer module> [--quick] [--only=id,id] [--options=<json>]
// It prints one `@@BENCH <json>` line per event: info, result, skip, unsupported, error, loadError.
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { measurements, settings } from "./plan.mjs";
import { Inputs, inputsFor, probeOf } from "./inputs.mjs";
import { measure } from "./measure.mjs";

const [peerId, modulePath, ...rest] = process.argv.slice(2);
const quick = rest.includes("--quick");
const only = rest.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const options = JSON.parse(rest.find((a) => a.startsWith("--options="))?.slice(10) ?? "{}");
const emit = (obj) => process.stdout.write(`@@BENCH ${JSON.stringify(obj)}\n`);
const reason = (e) => (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);

let peer;
try {
  peer = await (await import(pathToFileURL(resolve(modulePath)).href)).load(options);
} catch (e) {
  emit({ type: "loadError", reason: reason(e) });
  process.exit(0);
}
emit({ type: "info", version: peer.version, detail: peer.detail ?? "" });

const inputs = new Inputs();
const rates = {}; // square-matmul work per ms, by dtype: predicts the next size's time for the time cap
const s = settings(quick, peerId);
for (const m of measurements(quick)) {
  if (only && !only.includes(m.id) && !only.includes(m.case)) continue;
  let op;
  try {
    op = await peer.prepare(m, inputsFor(m, inputs));
  } catch (e) {
    emit({ type: "error", id: m.id, reason: reason(e) });
    continue;
  }
  if (!op) { emit({ type: "unsupported", id: m.id }); continue; }
  try {
    let predictedMs;
    if (m.kind === "matmul" && !m.batch) {
      const rate = rates[m.dtype] ?? (m.dtype === "float64" && rates.float32 ? rates.float32 / 2 : undefined);
      if (rate) predictedMs = m.work / rate;
    }
    const r = await measure(op, { ...s, predictedMs });
    if (r.skipped) {
      emit({ type: "skip", id: m.id, reason: r.skipped });
    } else {
      if (m.kind === "matmul" && !m.batch) rates[m.dtype] = m.work / r.opMs;
      const value = m.unit === "µs/op" ? r.opMs * 1000 : m.work / (r.opMs / 1000) / 1e9;
      let probe = null;
      try { probe = probeOf(await op.output()); } catch (e) { probe = null; }
      emit({ type: "result", id: m.id, value, unit: m.unit, opMs: r.opMs, minMs: r.minMs, maxMs: r.maxMs, coldMs: r.coldMs, rounds: r.rounds, reps: r.reps, probe, note: op.note });
    }
  } catch (e) {
    emit({ type: "error", id: m.id, reason: reason(e) });
  } finally {
    try { await op.dispose?.(); } catch { /* best effort */ }
  }
}
await peer.close?.();
emit({ type: "done" });
