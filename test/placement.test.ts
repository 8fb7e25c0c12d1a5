// TensorFlow's eager placement, observed on a machine without a GPU by splitting the CPU into
// two and four logical devices. Each scenario runs in a child process, because the logical
// device configuration is fixed once the runtime starts (as in TensorFlow).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dev = (i: number) => `/job:localhost/replica:0/task:0/device:CPU:${i}`;

/** Run `body` with `cpus` logical CPUs; it must `out(value)` once. Returns the value and stderr. */
function scenario(cpus: number, body: string): { out: unknown; stderr: string } {
  const script = `
    import * as tf from "tsflow";
    const out = (v) => process.stdout.write(JSON.stringify(v, (_k, x) => typeof x === "bigint" ? String(x) : x));
    const [cpu] = tf.config.listPhysicalDevices("CPU");
    tf.config.setLogicalDeviceConfiguration(cpu, Array.from({ length: ${cpus} }, () => new tf.config.LogicalDeviceConfiguration()));
    ${body}
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return { out: JSON.parse(r.stdout) as unknown, stderr: r.stderr };
}

for (const cpus of [2, 4]) {
  const last = cpus - 1;

  test(`${cpus} logical CPUs: physical and logical devices, configuration fixed once started`, () => {
    const { out } = scenario(cpus, `
      const before = tf.config.getLogicalDeviceConfiguration(cpu).length;
      const physical = tf.config.listPhysicalDevices().map(String);
      const gpus = tf.config.listPhysicalDevices("GPU").length;
      const logical = tf.config.listLogicalDevices().map(String);
      const logicalCpu = tf.config.listLogicalDevices("CPU").map((d) => [d.name, d.deviceType]);
      let error;
      try { tf.config.setLogicalDeviceConfiguration(cpu, [new tf.config.LogicalDeviceConfiguration()]); }
      catch (e) { error = e.name + ": " + e.message; }
      // Setting the same configuration again is allowed.
      tf.config.setLogicalDeviceConfiguration(cpu, Array.from({ length: ${cpus} }, () => new tf.config.LogicalDeviceConfiguration()));
      out({ before, physical, gpus, logical, logicalCpu, error });
    `);
    assert.deepEqual(out, {
      before: cpus,
      physical: ["PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')"],
      gpus: 0,
      logical: Array.from({ length: cpus }, (_, i) => `LogicalDevice(name='${dev(i)}', device_type='CPU')`),
      logicalCpu: Array.from({ length: cpus }, (_, i) => [dev(i), "CPU"]),
      error: "RuntimeError: Virtual devices cannot be modified after being initialized",
    });
  });

  test(`${cpus} logical CPUs: scopes, every spec form, nesting and \`using\``, () => {
    const { out } = scenario(cpus, `
      const where = (spec) => tf.device(spec, () => tf.add(1, 2)).device;
      out({
        none: tf.add(1, 2).device,
        forms: ["CPU:${last}", "/CPU:${last}", "cpu:${last}", "/device:CPU:${last}", "${dev(last)}", "/cpu:${last}"].map(where),
        bare: where("CPU"),
        nested: tf.device("CPU:1", () => [tf.add(1, 2).device, tf.device("CPU:${last}", () => tf.add(1, 2).device), tf.add(1, 2).device]),
        // TensorFlow merges field by field: an inner spec naming only the type keeps the outer index.
        merged: tf.device("/job:localhost/replica:0/task:0/device:CPU:1", () => tf.device("/device:CPU:*", () => tf.add(1, 2).device)),
        mergedBare: tf.device("CPU:1", () => tf.device("cpu", () => tf.add(1, 2).device)),
        cleared: tf.device("CPU:1", () => tf.device(null, () => tf.add(1, 2).device)),
        // What \`using _ = tf.device(spec)\` compiles to (plain JS in Node 20 has no \`using\`).
        using: (() => { const s = tf.device("CPU:${last}"); try { return tf.add(1, 2).device; } finally { s[Symbol.dispose](); } })(),
        after: tf.add(1, 2).device,
      });
    `);
    assert.deepEqual(out, {
      none: dev(0),
      forms: Array.from({ length: 6 }, () => dev(last)),
      bare: dev(0),
      nested: [dev(1), dev(last), dev(1)],
      merged: dev(1),
      mergedBare: dev(1),
      cleared: dev(0),
      using: dev(last),
      after: dev(0),
    });
  });

  test(`${cpus} logical CPUs: async scopes keep their device across await and do not leak`, () => {
    const { out } = scenario(cpus, `
      const tick = () => new Promise((r) => setTimeout(r, 1));
      const worker = (i) => tf.device("CPU:" + i, async () => {
        const seen = [];
        for (let k = 0; k < 5; k++) { await tick(); seen.push(tf.add(k, 1).device); }
        return seen;
      });
      const results = await Promise.all(Array.from({ length: ${cpus} }, (_, i) => worker(i)));
      out({ results, outside: tf.add(1, 1).device });
    `);
    assert.deepEqual(out, {
      results: Array.from({ length: cpus }, (_, i) => Array.from({ length: 5 }, () => dev(i))),
      outside: dev(0),
    });
  });

  test(`${cpus} logical CPUs: variables live on their scope's device and updates run there`, () => {
    const { out, stderr } = scenario(cpus, `
      const v = tf.device("CPU:${last}", () => new tf.Variable([1, 2]));
      tf.debugging.setLogDevicePlacement(true);
      tf.device("CPU:1", () => v.assignAdd([1, 1]));
      const sum = tf.device("CPU:1", () => tf.add(v, 1));
      tf.debugging.setLogDevicePlacement(false);
      out({ variable: v.device, sum: sum.device, values: sum.numpy().tolist() });
    `);
    assert.deepEqual(out, { variable: dev(last), sum: dev(1), values: [3, 4] });
    assert.equal(stderr, [
      `Executing op AssignAddVariableOp in device ${dev(last)}`,
      `Executing op ReadVariableOp in device ${dev(last)}`,
      `Executing op AddV2 in device ${dev(1)}`,
    ].map((l) => l + "\n").join(""));
  });

  test(`${cpus} logical CPUs: inputs are copied to the op's device, and the copies counted`, () => {
    const { out } = scenario(cpus, `
      const a = tf.constant([1, 2, 3, 4]);           // made on the host, CPU:0
      tf.debugging.resetDeviceCopyStats();
      const b = tf.device("CPU:${last}", () => tf.add(a, a)); // one copy per input
      const afterFirst = tf.debugging.deviceCopyStats();
      const c = tf.device("CPU:${last}", () => tf.multiply(b, b)); // already there: no copy
      const afterSecond = tf.debugging.deviceCopyStats();
      const d = tf.add(c, 1);                       // back on CPU:0: one copy
      out({ devices: [b.device, c.device, d.device], afterFirst, afterSecond, final: tf.debugging.deviceCopyStats(), d: d.numpy().tolist() });
    `);
    assert.deepEqual(out, {
      devices: [dev(last), dev(last), dev(0)],
      afterFirst: { copies: 2, bytes: 32 },
      afterSecond: { copies: 2, bytes: 32 },
      final: { copies: 3, bytes: 48 },
      d: [5, 17, 37, 65],
    });
  });

  test(`${cpus} logical CPUs: soft placement falls back, strict placement raises TensorFlow's error`, () => {
    const { out } = scenario(cpus, `
      const soft = [tf.device("GPU:0", () => tf.matmul([[1]], [[2]])).device, tf.device("CPU:7", () => tf.add(1, 1)).device,
        tf.device("/job:worker/task:3/device:CPU:0", () => tf.add(1, 1)).device];
      const variable = tf.device("GPU:0", () => new tf.Variable(1)).device;
      tf.config.setSoftDevicePlacement(false);
      const errors = [];
      for (const spec of ["GPU:7", "CPU:7"]) {
        try { tf.device(spec, () => tf.matmul([[1]], [[2]])); } catch (e) { errors.push(e.name + ": " + e.message); }
      }
      out({ soft, variable, strict: tf.config.getSoftDevicePlacement(), errors, ok: tf.device("CPU:${last}", () => tf.add(1, 1)).device });
    `);
    const all = Array.from({ length: cpus }, (_, i) => dev(i)).join(", ");
    assert.deepEqual(out, {
      soft: [dev(0), dev(0), dev(0)],
      variable: dev(0),
      strict: false,
      errors: ["GPU:7", "CPU:7"].map((d) =>
        `InvalidArgumentError: Could not satisfy device specification '/job:localhost/replica:0/task:0/device:${d}'. ` +
        `enable_soft_placement=0. Supported device types [CPU]. All available devices [${all}]. [Op:MatMul]`),
      ok: dev(last),
    });
  });
}

test("malformed device specs raise TensorFlow's ValueError", () => {
  const { out } = scenario(1, `
    const errors = [];
    for (const spec of ["CPU:x", "/CPU:0/GPU:0", "/banana:0", "/replica:two"]) {
      try { tf.device(spec, () => 0); } catch (e) { errors.push(e.name + ": " + e.message); }
    }
    out(errors);
  `);
  assert.deepEqual(out, [
    "ValueError: invalid literal for int() with base 10: 'x'",
    "ValueError: Multiple device types are not allowed while parsing the device spec: /CPU:0/GPU:0.",
    "ValueError: Unknown attribute 'banana' is encountered while parsing the device spec: '/banana:0'.",
    "ValueError: invalid literal for int() with base 10: 'two'",
  ]);
});

test("memory limits are refused on CPU logical devices", () => {
  const { out } = scenario(1, `
    let error;
    try { tf.config.setLogicalDeviceConfiguration(cpu, [new tf.config.LogicalDeviceConfiguration({ memoryLimit: 1024 })]); }
    catch (e) { error = e.name + ": " + e.message; }
    out(error);
  `);
  assert.equal(out, "ValueError: Setting memory limit on CPU virtual devices is currently not supported");
});
