// Case 11: the tf.data input pipeline of issue #16 (rows of 32 float32 → shuffle(10^4) →
// batch(256) → prefetch), elements per second in tsflow and in @tensorflow/tfjs-data, each in a
// process of its own (cases/data_child.mjs), and their ratio.
import { fileURLToPath } from "node:url";
import { runChild, failureReason } from "../lib/spawn.mjs";

const CHILD = fileURLToPath(new URL("./data_child.mjs", import.meta.url));
const LIBS = [{ id: "tsflow", label: "tsflow" }, { id: "tfjs-data", label: "@tensorflow/tfjs-data" }];

export async function runDataCase({ quick, log, peers }) {
  const out = [];
  for (const lib of LIBS) {
    if (peers && !peers.includes(lib.id) && !(lib.id === "tfjs-data" && peers.some((p) => p.startsWith("tfjs")))) continue;
    log(`  data: ${lib.label}…`);
    const r = await runChild(process.execPath, [CHILD, lib.id, ...(quick ? ["--quick"] : [])], {
      env: { ...process.env, TSFLOW_GPU: "0" }, timeoutMs: quick ? 120_000 : 400_000,
    });
    const info = r.events.find((e) => e.type === "info");
    const result = r.events.find((e) => e.type === "result");
    const problem = r.events.find((e) => e.type === "loadError" || e.type === "error");
    const entry = { ...lib, version: info?.version ?? null, detail: info?.detail ?? null, value: result?.value ?? null, rows: result?.rows ?? null };
    if (!result) entry.error = problem?.reason ?? failureReason(r);
    log(entry.error ? `    n/a (${entry.error})` : `    ${entry.value.toPrecision(3)} elements/s`);
    out.push(entry);
  }
  return out;
}

/** The case's markdown section. */
export function renderDataCase(entries) {
  const ts = entries.find((e) => e.id === "tsflow")?.value;
  const lines = [
    "## 11. tf.data: fromTensorSlices(rows × 32 fp32) → shuffle(10^4) → batch(256) → prefetch, iterated to the end",
    "", "elements (rows) per second, higher is better; best of the timed passes after a warm-up pass.", "",
    "| library | version | elements/s | tsflow / library | how it runs |", "|---|---|---:|---:|---|",
  ];
  for (const e of entries) {
    const v = e.value === null ? `n/a (${e.error})` : e.value.toPrecision(3);
    const ratio = e.value && ts ? (ts / e.value).toFixed(2) : "";
    lines.push(`| ${e.label} | ${e.version ?? ""} | ${v} | ${ratio} | ${e.detail ?? ""} |`);
  }
  return `${lines.join("\n")}\n`;
}
