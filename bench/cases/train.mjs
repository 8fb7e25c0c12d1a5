// Case 7: training steps per second of the MLP in lib/mlp.mjs (2 → 64 → 64 → 3, ReLU, softmax
// cross-entropy, Adam; the model of examples/train.ts), each library in a process of its own
// (cases/train_child.mjs). tsflow runs on its CPU device (TSFLOW_GPU=0), as the other CPU cases.
import { fileURLToPath } from "node:url";
import { trainRuns } from "../lib/plan.mjs";
import { runChild, failureReason } from "../lib/spawn.mjs";

const CHILD = fileURLToPath(new URL("./train_child.mjs", import.meta.url));

export async function runTrainCase({ quick, log, peers }) {
  const config = trainRuns(quick);
  return runTrainingChildren({ child: CHILD, name: "train", libs: config.libs, config, timeoutMs: quick ? 90_000 : 240_000, quick, log, peers });
}

/**
 * A training case's children, one library each (shared with cases/train_cnn.mjs): their
 * @@BENCH events by id, version, detail, and the reason of a library that failed to load or ended early.
 */
export async function runTrainingChildren({ child, name, libs, config, timeoutMs, quick, log, peers }) {
  const out = { libs: [], config };
  for (const lib of libs) {
    if (peers && !peers.includes(lib)) continue;
    log(`  ${name}: ${lib}…`);
    const results = {};
    const r = await runChild(process.execPath, [child, lib, ...(quick ? ["--quick"] : [])], {
      env: { ...process.env, TSFLOW_GPU: "0" },
      timeoutMs,
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
