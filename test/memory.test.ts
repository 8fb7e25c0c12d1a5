// Memory is the runtime's job: eager code that never disposes anything keeps memory flat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("10^6 eager steps v.assign(tf.add(tf.multiply(v, 0.5), a)) without dispose grow memory by < 20 MB", () => {
  const script = `
    import * as tf from "tsflow";
    const mem = () => { globalThis.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external + m.arrayBuffers; };
    const v = new tf.Variable(tf.zeros([2, 2]));
    const a = tf.ones([2, 2]);
    for (let i = 0; i < 1000; i++) v.assign(tf.add(tf.multiply(v, 0.5), a));
    const before = mem();
    for (let i = 0; i < 1e6; i++) v.assign(tf.add(tf.multiply(v, 0.5), a));
    console.log(JSON.stringify({ grown: mem() - before, value: v.numpy().tolist() }));
  `;
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const { grown, value } = JSON.parse(r.stdout) as { grown: number; value: number[][] };
  assert.deepEqual(value, [[2, 2], [2, 2]], "v converges to 2 = 0.5 v + 1");
  assert.ok(grown < 20e6, `memory grew by ${grown} bytes`);
});
