// Per-op cost of placement resolution, beside the whole eager op it is part of.
// Run: npm run bench (or node bench/placement.mjs after npm run build).
import * as tf from "tsflow";
import { placeOp } from "tsflow/internal/runtime/placement";
import { AddV2 } from "tsflow/internal/ops/math";

const [cpu] = tf.config.listPhysicalDevices("CPU");
tf.config.setLogicalDeviceConfiguration(cpu, [new tf.config.LogicalDeviceConfiguration(), new tf.config.LogicalDeviceConfiguration()]);

/** Median nanoseconds per call of fn over `rounds` rounds of `n` calls. */
function measure(fn, n = 200_000, rounds = 7) {
  for (let i = 0; i < n; i++) fn(); // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    times.push(Number(process.hrtime.bigint() - t0) / n);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(rounds / 2)];
}

const a = tf.constant([[1, 2], [3, 4]]);
const a1 = tf.device("CPU:1", () => tf.add(a, 0)); // a copy of `a` living on CPU:1
const rows = [];
const add = measure(() => tf.add(a, a));
rows.push(["eager 2x2 add, no device scope", add]);
rows.push(["eager 2x2 add in tf.device('CPU:0')", tf.device("CPU:0", () => measure(() => tf.add(a, a)))]);
rows.push(["eager 2x2 add in tf.device('CPU:1'), inputs on CPU:1", tf.device("CPU:1", () => measure(() => tf.add(a1, a1)))]);
rows.push(["eager 2x2 add in tf.device('CPU:1'), inputs copied from CPU:0", tf.device("CPU:1", () => measure(() => tf.add(a, a)))]);
const place = measure(() => placeOp(AddV2, tf.float32, {}), 1_000_000);
rows.push(["placement resolution alone, no scope", place]);
const placeScoped = tf.device("CPU:1", () => measure(() => placeOp(AddV2, tf.float32, {}), 1_000_000));
rows.push(["placement resolution alone, in tf.device('CPU:1')", placeScoped]);

console.log(`tsflow placement benchmark — Node ${process.version}, ${process.arch}`);
console.log("| what | ns per op |\n|---|---:|");
for (const [what, ns] of rows) console.log(`| ${what} | ${ns.toFixed(0)} |`);
console.log(`\nplacement share of an eager 2x2 add: ${(100 * place / add).toFixed(1)}% (no scope), ` +
  `${(100 * placeScoped / rows[1][1]).toFixed(1)}% (scoped)`);
