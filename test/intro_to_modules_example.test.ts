// examples/intro_to_modules.ts (TensorFlow's intro_to_modules guide, transcribed) prints the
// guide's outputs: the SimpleModule result, the variables, the checkpoint's keys, and a restored
// model (restored before its variables existed) that computes what the saved one computed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("examples/intro_to_modules.ts prints the guide's outputs and restores into a model built afterwards", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsflow-intro-modules-"));
  const r = spawnSync(process.execPath, ["dist-test/examples/intro_to_modules.js", dir], {
    cwd: root, encoding: "utf8", env: { ...process.env, TSFLOW_GPU: "0" }, timeout: 60_000,
  });
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  const lines = r.stdout.split("\n");
  assert.equal(lines[0], "<tf.Tensor: shape=(), dtype=float32, numpy=30.0>");
  assert.equal(lines[1], "trainable variables: [ <tf.Variable 'train_me:0' shape=() dtype=float32, numpy=5.0> ]");
  assert.ok(r.stdout.includes("all variables: [\n  <tf.Variable 'train_me:0' shape=() dtype=float32, numpy=5.0>,\n  <tf.Variable 'do_not_train_me:0' shape=() dtype=float32, numpy=5.0>\n]"));
  assert.ok(r.stdout.includes("Submodules: [ <Dense object named 'dense'>, <Dense object named 'dense'> ]"));
  assert.ok(r.stdout.includes("<tf.Variable 'b:0' shape=(3,) dtype=float32, numpy=array([0., 0., 0.], dtype=float32)> \n"));
  assert.ok(r.stdout.includes(`[
  [ '_CHECKPOINTABLE_OBJECT_GRAPH', [] ],
  [ 'model/dense_1/b/.ATTRIBUTES/VARIABLE_VALUE', [ 3 ] ],
  [ 'model/dense_1/w/.ATTRIBUTES/VARIABLE_VALUE', [ 3, 3 ] ],
  [ 'model/dense_2/b/.ATTRIBUTES/VARIABLE_VALUE', [ 2 ] ],
  [ 'model/dense_2/w/.ATTRIBUTES/VARIABLE_VALUE', [ 3, 2 ] ]
]`));
  // The flexible model's result, and the restored model's (same numbers, printed as repr).
  const results = [...r.stdout.matchAll(/^Model results: tf\.Tensor\(\[\[(.*)\]\], shape=\(1, 2\), dtype=float32\)$/gm)];
  assert.equal(results.length, 2);
  const saved = results[1]![1]!.trim().split(/\s+/).map(Number);
  const last = lines.filter((l) => l !== "").at(-1)!;
  const m = /^<tf\.Tensor: shape=\(1, 2\), dtype=float32, numpy=array\(\[\[(.*)\]\], dtype=float32\)>$/.exec(last);
  assert.ok(m, last);
  assert.deepEqual(m[1]!.split(",").map(Number), saved);
});
