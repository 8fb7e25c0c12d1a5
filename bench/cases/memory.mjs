// Case 5: memory growth of 10^6 eager steps v.assign(tf.add(tf.multiply(v, 0.5), a)) that
// dispose nothing, each library in its own `node --expose-gc` process (cases/memory_child.mjs).
import { fileURLToPath } from "node:url";
import { memoryRuns } from "../lib/plan.mjs";
import { runChild, failureReason } from "../lib/spawn.mjs";

const CHILD = fileURLToPath(new URL("./memory_child.mjs", import.meta.url));

export async function runMemoryCase({ quick, log }) {
  const results = {};
  for (const { lib, steps, capMs } of memoryRuns(quick)) {
    log(`  memory: ${lib}, ${steps} steps…`);
    const r = await runChild(process.execPath, ["--expose-gc", CHILD, lib, String(steps), String(capMs)], { timeoutMs: capMs * 3 + 60_000 });
    const ev = r.events.find((e) => e.type === "memory");
    const loadError = r.events.find((e) => e.type === "loadError");
    if (ev) results[lib] = ev;
    else results[lib] = { error: loadError?.reason ?? failureReason(r) };
  }
  return results;
}
