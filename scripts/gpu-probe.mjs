// Probe the WebGPU adapter that the `webgpu` npm package (Dawn) sees.
//
//   eval "$(bash scripts/software-gpu.sh)"    # on a machine without a GPU
//   node scripts/gpu-probe.mjs [--latency N]
//
// Prints adapter info, creates a device, adds two 1024-element float32 arrays
// with a WGSL compute shader, reads the result back with mapAsync and checks
// it. With --latency N it also times N dispatch + 4 KB readback round trips
// and prints the median. Exit code 0 on success, 1 with a reason otherwise.

function fail(reason) {
  console.error(`gpu-probe: FAIL: ${reason}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const latencyIdx = args.indexOf('--latency');
const latencyRuns = latencyIdx >= 0 ? Number(args[latencyIdx + 1] ?? 200) : 0;

let webgpu;
try {
  webgpu = await import('webgpu');
} catch (e) {
  fail(`cannot load the 'webgpu' package (npm install): ${e?.message ?? e}`);
}
const { create, globals } = webgpu;
Object.assign(globalThis, globals);

// Keep `gpu` alive for as long as any adapter/device from it is in use:
// Dawn aborts the process if it is garbage-collected first.
const gpu = create([]);
globalThis.__tsflowProbeGpu = gpu;

const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  const icd = process.env.VK_ICD_FILENAMES;
  fail(
    'requestAdapter() returned null: no usable Vulkan driver. ' +
      (icd
        ? `VK_ICD_FILENAMES=${icd} is set; check that it points at Mesa >= 24 lavapipe and that LD_LIBRARY_PATH is exported.`
        : 'On a GPU-less machine run: eval "$(bash scripts/software-gpu.sh)"'),
  );
}

const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
const isFallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
console.log('adapter:');
console.log(`  vendor:            ${info.vendor}`);
console.log(`  architecture:      ${info.architecture}`);
console.log(`  device:            ${info.device}`);
console.log(`  description:       ${info.description}`);
console.log(`  isFallbackAdapter: ${isFallback}`);
console.log(`  features:          ${[...adapter.features].sort().join(', ')}`);
console.log(`  maxStorageBufferBindingSize:  ${adapter.limits.maxStorageBufferBindingSize}`);
console.log(`  maxComputeWorkgroupSizeX:     ${adapter.limits.maxComputeWorkgroupSizeX}`);
console.log(`  maxBufferSize:                ${adapter.limits.maxBufferSize}`);

let device;
try {
  device = await adapter.requestDevice();
} catch (e) {
  fail(`requestDevice() failed: ${e?.message ?? e}`);
}
const errors = [];
device.addEventListener('uncapturederror', (ev) => errors.push(ev.error?.message ?? String(ev.error)));
device.lost.then((l) => {
  if (l.reason !== 'destroyed') console.error(`gpu-probe: device lost: ${l.reason} ${l.message}`);
});

const N = 1024;
const BYTES = N * 4;
const a = new Float32Array(N);
const b = new Float32Array(N);
for (let i = 0; i < N; i++) {
  a[i] = i * 0.5;
  b[i] = 1000 - i * 0.25;
}

device.pushErrorScope('validation');
const module = device.createShaderModule({
  code: /* wgsl */ `
    @group(0) @binding(0) var<storage, read> a: array<f32>;
    @group(0) @binding(1) var<storage, read> b: array<f32>;
    @group(0) @binding(2) var<storage, read_write> out: array<f32>;
    @compute @workgroup_size(64)
    fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
      let i = gid.x;
      if (i < arrayLength(&out)) { out[i] = a[i] + b[i]; }
    }`,
});
const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
const mk = (usage) => device.createBuffer({ size: BYTES, usage });
const bufA = mk(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
const bufB = mk(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
const bufOut = mk(GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
const staging = mk(GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
device.queue.writeBuffer(bufA, 0, a);
device.queue.writeBuffer(bufB, 0, b);
const bindGroup = device.createBindGroup({
  layout: pipeline.getBindGroupLayout(0),
  entries: [
    { binding: 0, resource: { buffer: bufA } },
    { binding: 1, resource: { buffer: bufB } },
    { binding: 2, resource: { buffer: bufOut } },
  ],
});
const scopeError = await device.popErrorScope();
if (scopeError) fail(`validation error while building the pipeline: ${scopeError.message}`);

async function dispatchAndRead() {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(Math.ceil(N / 64));
  pass.end();
  enc.copyBufferToBuffer(bufOut, 0, staging, 0, BYTES);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const result = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  return result;
}

const result = await dispatchAndRead();
let bad = -1;
for (let i = 0; i < N; i++) {
  if (result[i] !== a[i] + b[i]) {
    bad = i;
    break;
  }
}
if (errors.length) fail(`uncaptured GPU errors: ${errors.join(' | ')}`);
if (bad >= 0) fail(`wrong result at ${bad}: got ${result[bad]}, expected ${a[bad] + b[bad]}`);
console.log(`compute: add of two float32[${N}] OK (out[0]=${result[0]}, out[${N - 1}]=${result[N - 1]})`);

if (latencyRuns > 0) {
  for (let i = 0; i < 10; i++) await dispatchAndRead(); // warm-up
  const times = [];
  for (let i = 0; i < latencyRuns; i++) {
    const t0 = process.hrtime.bigint();
    await dispatchAndRead();
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  times.sort((x, y) => x - y);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(
    `latency: dispatch + ${BYTES / 1024} KB readback, ${latencyRuns} runs: ` +
      `median ${q(0.5)} us, p10 ${q(0.1)} us, p90 ${q(0.9)} us, min ${times[0].toFixed(1)} us`,
  );
}

device.destroy();
console.log('gpu-probe: OK');
process.exit(0);
