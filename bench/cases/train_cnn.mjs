// Case 10: training steps per second of the CNN in lib/cnn.mjs (the model of
// examples/train_cnn.ts), each library in a process of its own (cases/train_cnn_child.mjs).
// tsflow runs on its CPU device (TSFLOW_GPU=0), as the other CPU cases.
import { fileURLToPath } from "node:url";
import { runChild, failureReason } from "../lib/spawn.mjs";

const CHILD = fileURLToPath(new URL("./train_cnn_child.mjs", import.meta.url));
const LIBS = ["tsflow", "tfjs-wasm", "tfjs-cpu"];

export async function runTrainCnnCase({ quick, log, peers }) {
  const out = { libs: [], config: { batchSize: 32, probeSteps: quick ? 10 : 30 } };
  for (const lib of LIBS) {
    if (peers && !peers.includes(lib)) continue;
    log(`  train_cnn: ${lib}…`);
    const results = {};
    const r = await runChild(process.execPath, [CHILD, lib, ...(quick ? ["--quick"] : [])], {
      env: { ...process.env, TSFLOW_GPU: "0" },
      timeoutMs: quick ? 120_000 : 300_000,
      onEvent: (e) => {
        if (e.id) results[e.id] = e;
        if (e.type === "result") log(`    batch ${e.batchSize}: ${e.value.toPrecision(3)} steps/s`);
        else if (e.type === "skip" || e.type === "error") log(`    ${e.id}: ${e.type} (${e.reason})`);
      },
    });
    const info = r.events.find((e) => e.type === "info");
    const loadError = r.events.find((e) => e.type === "loadError");
    const entry = { lib, version: info?.version ?? null, detail: info?.detail ?? null, results };
    if (loadError || !info) entry.error = loadError?.reason ?? failureReason(r);
    else if (!r.events.some((e) => e.type === "done")) entry.endedEarly = failureReason(r);
    if (entry.error) log(`    n/a (${entry.error})`);
    out.libs.push(entry);
  }
  return out;
}
