// Device scopes, the kernel table devices share, and device types plugging in through the registry.
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

test("the kernel table: upper layers may decline a call, type constraints narrow hasKernel, kernels load on first use", async () => {
  const { KernelTable } = await import("tsflow/internal/devices/kernel_table");
  const { defineOp } = await import("tsflow/internal/ops/op_def");
  interface ToySignature {
    readonly attrs: object;
    readonly plan: unknown;
    readonly params: readonly [x: number, attrs: this["attrs"]];
    readonly result: string;
  }
  const Op = defineOp({ name: "ToyCast", inferOutputs: () => [] });
  const table = new KernelTable<ToySignature>("TOY", ["base", "fast"]);
  let loads = 0;
  table.loadBeforeUse(() => {
    loads++;
    table.register<{ dtype: tf.DType }, undefined>(Op, ["float32"], (x) => `base ${x}`, { dtype: ["float32", "int32"] });
    table.registerOver<{ dtype: tf.DType }, undefined>("fast", Op, ["float32"], (x) => (x > 10 ? `fast ${x}` : null));
  });
  assert.equal(loads, 0);
  assert.equal(table.has(Op, tf.float32, { dtype: tf.int32 }), true);
  assert.equal(loads, 1);
  assert.equal(table.has(Op, tf.float32, { dtype: tf.float64 }), false, "outside the constraint");
  assert.equal(table.has(Op, tf.float32, { dtype: tf.int32 }, (d) => d !== "int32"), false, "a dtype the device does not support");
  assert.equal(table.has(Op, tf.int32, { dtype: tf.int32 }), false);
  assert.equal(table.readsAttrs(Op), true);
  const run = (x: number, dtype: tf.DType) => {
    for (const k of table.candidates(Op, tf.float32, { dtype }) ?? []) {
      const r = k(x, { dtype });
      if (r !== null) return r;
    }
    return undefined;
  };
  assert.equal(run(20, tf.int32), "fast 20");
  assert.equal(run(2, tf.int32), "base 2", "the fast layer declines, the base layer runs");
  assert.equal(run(20, tf.float64), "fast 20", "the fast layer has no constraint");
  assert.equal(run(2, tf.float64), undefined);
  assert.throws(() => table.registerOver("slow", Op, ["float32"], () => null), RangeError);
});

test("a device type plugs in with one registration: listed, placed on, and asked for memory info", () => {
  const script = `
    import * as tf from "tsflow";
    import { registerDeviceType } from "tsflow/internal/devices/registry";
    import { KernelTable } from "tsflow/internal/devices/kernel_table";
    import { AddV2 } from "tsflow/internal/ops/math";
    const kernels = new KernelTable("TOY", ["host"]);
    class ToyDevice {
      deviceType = "TOY"; gcOwnsMemory = true; description = "a toy";
      constructor(name, index, limit) { this.name = name; this.index = index; this.limit = limit; }
      memoryInfo() { return { current: 0, peak: this.limit }; }
      resetPeakMemory() {}
      fromHost(_d, data) { return data; }
      toHost(_d, b) { return b; }
      copyInto(_d, dst, src) { dst.set(src); }
      clone(_d, b) { return b.slice(); }
      free() {}
      hasKernel(op, dtype, attrs) { return kernels.has(op, dtype, attrs); }
      kernelReadsAttrs(op) { return kernels.readsAttrs(op); }
      run(op, dtype, inputs, attrs, outputs, plan) { return kernels.candidates(op, dtype, attrs)[0](inputs, attrs, outputs, plan); }
    }
    registerDeviceType({
      deviceType: "TOY", placementRank: 2, host: false, memoryLimits: true, kernels,
      registerKernels: () => kernels.register(AddV2, ["float32"], ([a, b]) => [a.buffer.map((v, i) => v + b.buffer[i] + 100)]),
      probe: () => ["toy"],
      create: (_p, name, index, { memoryLimit }) => new ToyDevice(name, index, memoryLimit ?? 0),
    });
    const [toy] = tf.config.listPhysicalDevices("TOY");
    tf.config.setLogicalDeviceConfiguration(toy, [new tf.config.LogicalDeviceConfiguration({ memoryLimit: 7 })]);
    console.log(String(toy));
    console.log(tf.config.listLogicalDevices().map((d) => d.name).join(" "));
    // Pluggable device types are named in the long form (TensorFlow knows short forms of its own types only).
    const y = tf.device("/device:TOY:0", () => tf.add(tf.constant([1, 2]), tf.constant([3, 4])));
    console.log(y.device, Array.from(y.dataSync()).join(","));
    console.log(tf.device("/device:TOY:0", () => tf.multiply(tf.constant([1, 2]), 2)).device);
    console.log(JSON.stringify(tf.config.experimental.getMemoryInfo("/device:TOY:0")));
  `;
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, TSFLOW_GPU: "0" } });
  assert.equal(r.status, 0, r.stderr);
  const TOY0 = "/job:localhost/replica:0/task:0/device:TOY:0";
  assert.deepEqual(r.stdout.trim().split("\n"), [
    "PhysicalDevice(name='/physical_device:TOY:0', device_type='TOY')",
    `${CPU0} ${TOY0}`,
    `${TOY0} 104,106`,
    CPU0, // no TOY kernel for Mul: soft placement
    '{"current":0,"peak":7}',
  ]);
  assert.throws(() => tf.config.experimental.getMemoryInfo("CPU:0"), { name: "ValueError", message: "Memory info is only available for GPU devices, not 'CPU:0'" });
});
