// The raw binding's floor for small ops, measured with Dawn's Node binding directly (no tsflow):
// a 2×2 float32 add dispatched with a static, cached bind group and its size as immediates
// (a uniform where the adapter has none), 48 dispatches per compute pass and submit, timed
// until the queue is idle; and the round trip of one dispatch + copy + mapAsync on this thread.
// Used by bench/gpu.mjs beside tsflow's figures on the same adapter, in the same process.
import { createRequire } from "node:module";

const PER_SUBMIT = 48;

/** Opens the adapter tsflow would use (software ones too) and measures; null where none. */
export async function measureFloor({ dispatches = 20000, trips = 300 } = {}) {
  let mod;
  try {
    mod = createRequire(import.meta.url)("webgpu");
  } catch {
    return null;
  }
  Object.assign(globalThis, mod.globals);
  const gpu = mod.create([]);
  const adapter = await gpu.requestAdapter();
  if (adapter === null) return null;
  const immediates = (adapter.limits.maxImmediateSize ?? 0) >= 16;
  const device = await adapter.requestDevice(immediates ? { requiredLimits: { maxImmediateSize: 16 } } : {});
  const params = immediates
    ? "struct P { n: u32, a: u32, b: u32, c: u32 }\nvar<immediate> p: P;"
    : "struct P { n: u32, a: u32, b: u32, c: u32 }\n@group(0) @binding(3) var<uniform> p: P;";
  const code = `${params}
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read_write> z: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3<u32>) { if (g.x < p.n) { z[g.x] = x[g.x] + y[g.x]; } }`;
  const entry = (binding, type) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } });
  const entries = [entry(0, "read-only-storage"), entry(1, "read-only-storage"), entry(2, "storage")];
  if (!immediates) entries.push(entry(3, "uniform"));
  const layout = device.createBindGroupLayout({ entries });
  const pipeline = device.createComputePipeline({
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout], ...(immediates ? { immediateSize: 16 } : {}) }),
    compute: { module: device.createShaderModule({ code }), entryPoint: "main" },
  });
  const storage = () => device.createBuffer({ size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const [a, b, c] = [storage(), storage(), storage()];
  const words = new Uint32Array([4, 0, 0, 0]);
  const bound = [a, b, c].map((buffer, binding) => ({ binding, resource: { buffer } }));
  if (!immediates) {
    const u = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(u, 0, words);
    bound.push({ binding: 3, resource: { buffer: u } });
  }
  const group = device.createBindGroup({ layout, entries: bound });
  const encode = (pass) => {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    if (immediates) pass.setImmediates(0, words);
    pass.dispatchWorkgroups(1);
  };
  const run = (count) => {
    for (let s = 0; s < count; s += PER_SUBMIT) {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let i = s; i < Math.min(count, s + PER_SUBMIT); i++) encode(pass);
      pass.end();
      device.queue.submit([encoder.finish()]);
    }
  };
  run(PER_SUBMIT * 10);
  await device.queue.onSubmittedWorkDone();
  let t0 = performance.now();
  run(dispatches);
  await device.queue.onSubmittedWorkDone();
  const dispatchUs = ((performance.now() - t0) * 1000) / dispatches;

  const staging = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const trip = async () => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encode(pass);
    pass.end();
    encoder.copyBufferToBuffer(c, 0, staging, 0, 16);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    staging.unmap();
  };
  for (let i = 0; i < 30; i++) await trip();
  t0 = performance.now();
  for (let i = 0; i < trips; i++) await trip();
  const roundTripUs = ((performance.now() - t0) * 1000) / trips;
  device.destroy();
  return { dispatchUs, roundTripUs, immediates };
}
