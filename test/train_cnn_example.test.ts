// examples/train_cnn.ts (`npm run train:cnn`) trains its CNN to the held-out accuracy it states,
// deterministically (the same numbers on every run).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const run = () => spawnSync(process.execPath, ["dist-test/examples/train_cnn.js"], {
  cwd: root, encoding: "utf8", env: { ...process.env, TSFLOW_GPU: "0" }, timeout: 300_000,
});

test("examples/train_cnn.ts reaches its target accuracy on held-out images, one line per epoch when piped, the same numbers twice", () => {
  const r = run();
  assert.equal(r.error, undefined);
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0, r.stdout);
  assert.ok(!r.stdout.includes("\r"));
  const epochs = [...r.stdout.matchAll(/^Epoch (\d+)\/(\d+)$/gm)];
  assert.ok(epochs.length > 0);
  assert.equal(epochs.length, Number(epochs[0]![2]));
  const lines = [...r.stdout.matchAll(/^(\d+)\/\1 - \d+s - \d+(?:ms|us)\/step - loss: (\d+\.\d{4}) - accuracy: (\d\.\d{4})$/gm)];
  assert.equal(lines.length, epochs.length);
  const losses = lines.map((m) => Number(m[2]));
  assert.ok(losses[losses.length - 1]! < losses[0]! / 4, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
  const m = /^reached (\d+\.\d)% accuracy on the \d+ training images and (\d+\.\d)% on \d+ held-out images \(target (\d+\.\d)%\)/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[3]) >= 95);
  assert.ok(Number(m[2]) >= Number(m[3]), m[0]);
  // Seeded data, weights (tf.random.Generator) and order: a second run prints the same metrics.
  const again = run();
  const metrics = (s: string) => [...s.matchAll(/loss: \d+\.\d{4} - accuracy: \d\.\d{4}/g)].map((x) => x[0]);
  assert.deepEqual(metrics(again.stdout), metrics(r.stdout));
});
