// How WebGPU kernels are bound (src/devices/webgpu/bindings.ts), decided from their WGSL without
// a GPU: a bind group per buffer where the adapter has enough groups, shape words as immediates
// where they fit, else in a uniform; gpu.test.ts runs every form on the software adapter.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bindingPlan } from "tsflow/internal/devices/webgpu/bindings";
import { uniformBlock } from "tsflow/internal/devices/webgpu/wgsl";

const LAVAPIPE = { maxBindGroups: 4, maxImmediateSize: 64 };
const kernel = (buffers: number, words: number) => {
  const decls = Array.from({ length: buffers }, (_, j) =>
    `@group(0) @binding(${j}) var<storage, ${j === buffers - 1 ? "read_write" : "read"}> b${j}: array<f32>;`);
  return `${decls.join("\n")}\n${words > 0 ? uniformBlock(buffers, words) : ""}@compute @workgroup_size(64) fn main() {}\n`;
};

test("a binary kernel: one bind group per buffer, its shape words as immediates", () => {
  const plan = bindingPlan(kernel(3, 1), LAVAPIPE)!;
  assert.deepEqual([plan.storage, plan.params, plan.paramBytes], ["split", "immediate", 16]);
  assert.deepEqual(plan.access, ["read", "read", "read_write"]);
  assert.match(plan.code, /@group\(0\) @binding\(0\) var<storage, read> b0/);
  assert.match(plan.code, /@group\(1\) @binding\(0\) var<storage, read> b1/);
  assert.match(plan.code, /@group\(2\) @binding\(0\) var<storage, read_write> b2/);
  assert.match(plan.code, /struct Params \{ w0: vec4<u32> \}\nvar<immediate> params: Params;/);
  assert.doesNotMatch(plan.code, /var<uniform>/);
});

test("shape words past the adapter's immediate size go into a uniform of their own group", () => {
  const plan = bindingPlan(kernel(2, 28), LAVAPIPE)!;
  assert.deepEqual([plan.storage, plan.params, plan.paramBytes, plan.uniformGroup], ["split", "uniform", 112, 2]);
  assert.match(plan.code, /@group\(2\) @binding\(0\) var<uniform> params: Params;/);
  // No immediates at all (an adapter without them): the same.
  assert.equal(bindingPlan(kernel(2, 1), { maxBindGroups: 4, maxImmediateSize: 0 })!.params, "uniform");
});

test("more buffers than bind groups: every buffer in group 0, the uniform in group 1", () => {
  const plan = bindingPlan(kernel(4, 17), LAVAPIPE)!;
  assert.deepEqual([plan.storage, plan.params, plan.uniformGroup], ["joint", "uniform", 1]);
  assert.match(plan.code, /@group\(0\) @binding\(3\) var<storage, read_write> b3/);
  assert.match(plan.code, /@group\(1\) @binding\(0\) var<uniform> params: Params;/);
  // Four buffers and immediates still fit four groups.
  assert.equal(bindingPlan(kernel(4, 16), LAVAPIPE)!.storage, "split");
});

test("immediates read word i from named vectors", () => {
  const plan = bindingPlan(kernel(1, 16), LAVAPIPE)!;
  assert.match(plan.code, /struct Params \{ w0: vec4<u32>, w1: vec4<u32>, w2: vec4<u32>, w3: vec4<u32> \}/);
  assert.match(plan.code, /fn uw\(i: u32\) -> u32 \{ return select\(select\(select\(params\.w3, params\.w2, i < 12u\), params\.w1, i < 8u\), params\.w0, i < 4u\)\[i % 4u\]; \}/);
});

test("kernels outside the convention are left to layout auto", () => {
  assert.equal(bindingPlan("@group(0) @binding(1) var<storage, read> x: array<f32>;", LAVAPIPE), null);
  assert.equal(bindingPlan("@compute @workgroup_size(1) fn main() {}", LAVAPIPE), null);
});
