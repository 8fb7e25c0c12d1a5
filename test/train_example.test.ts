// examples/train.ts (`npm run train`) trains its MLP to the accuracy it states, deterministically.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("examples/train.ts reaches its target accuracy, one line per epoch when piped", () => {
  const r = spawnSync(process.execPath, ["dist-test/examples/train.js"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TSFLOW_GPU: "0" },
    timeout: 180_000,
  });
  assert.equal(r.error, undefined);
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0, r.stdout);
  // Not a terminal: no progress bar redrawn with \r, and every epoch ends with its metrics.
  assert.ok(!r.stdout.includes("\r"));
  const epochs = [...r.stdout.matchAll(/^Epoch (\d+)\/(\d+)$/gm)];
  assert.ok(epochs.length > 0);
  assert.equal(epochs.length, Number(epochs[0]![2]));
  const lines = [...r.stdout.matchAll(/^(\d+)\/\1 - \d+s - \d+(?:ms|us)\/step - loss: (\d+\.\d{4}) - accuracy: (\d\.\d{4})$/gm)];
  assert.equal(lines.length, epochs.length);
  const losses = lines.map((m) => Number(m[2]));
  assert.ok(losses[losses.length - 1]! < losses[0]! / 4, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
  const m = /^reached (\d+\.\d)% accuracy on the \d+ training points \(target (\d+\.\d)%\)/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[2]) >= 95);
  assert.ok(Number(m[1]) >= Number(m[2]), m[0]);
});
