// Device scopes: the seed of TensorFlow's placement (the full system is a later issue).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";

const CPU0 = "/job:localhost/replica:0/task:0/device:CPU:0";

test("tf.device returns the callback's result and places ops on CPU:0", () => {
  const c = tf.device("CPU:0", () => tf.matmul([[1, 2]], [[3], [4]]));
  assert.equal(c.device, CPU0);
  assert.deepEqual(c.numpy().tolist(), [[11]]);
});

test("GPU:0 falls back to the CPU under soft placement (on by default)", () => {
  assert.equal(tf.config.getSoftDevicePlacement(), true);
  const k = tf.device("GPU:0", () => tf.multiply([1, 2], [3, 4]));
  assert.equal(k.device, CPU0);
  assert.deepEqual(k.numpy().tolist(), [3, 8]);
});

test("without soft placement a missing device is TensorFlow's InvalidArgumentError", () => {
  tf.config.setSoftDevicePlacement(false);
  try {
    assert.throws(() => tf.device("GPU:7", () => tf.matmul([[1]], [[2]])), {
      name: "InvalidArgumentError",
      message: "Could not satisfy device specification '/job:localhost/replica:0/task:0/device:GPU:7'. " +
        "enable_soft_placement=0. Supported device types [CPU]. All available devices " +
        `[${CPU0}]. [Op:MatMul]`,
    });
  } finally {
    tf.config.setSoftDevicePlacement(true);
  }
});

test("device specs in TensorFlow's forms; malformed ones raise ValueError", () => {
  for (const spec of ["CPU:0", "/CPU:0", "/device:CPU:0", CPU0, "cpu:0", "/cpu:0", "CPU"]) {
    assert.equal(tf.device(spec, () => tf.add(1, 2)).device, CPU0, spec);
  }
  assert.throws(() => tf.device("/banana:0", () => 0), {
    name: "ValueError",
    message: "Unknown attribute 'banana' is encountered while parsing the device spec: '/banana:0'.",
  });
});

test("scopes follow async code and `using` blocks", async () => {
  tf.config.setSoftDevicePlacement(false);
  try {
    const inside = tf.device("GPU:3", async () => {
      await new Promise((r) => setTimeout(r, 5));
      return () => tf.add(1, 2); // evaluated below, outside the scope
    });
    // While the async scope is pending, code outside it is not affected.
    assert.equal(tf.add(1, 1).device, CPU0);
    const later = await inside;
    assert.equal(later().device, CPU0);
    await assert.rejects(tf.device("GPU:3", async () => { await null; return tf.add(1, 2); }), {
      name: "InvalidArgumentError",
    });
    {
      using _scope = tf.device("GPU:5");
      assert.throws(() => tf.add(1, 2), { name: "InvalidArgumentError" });
    }
    assert.equal(tf.add(1, 2).device, CPU0);
  } finally {
    tf.config.setSoftDevicePlacement(true);
  }
});

test("setLogDevicePlacement prints one line per executed op on stderr", () => {
  const script = `
    import * as tf from "tsflow";
    tf.debugging.setLogDevicePlacement(true);
    tf.matmul([[1]], [[2]]);
    tf.add(tf.constant([1]), 1);
  `;
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr,
    `Executing op MatMul in device ${CPU0}\n` +
    `Executing op AddV2 in device ${CPU0}\n`);
});
