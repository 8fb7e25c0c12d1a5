// The WebGPU worker: owns the adapter and GPUDevice and replays the calling thread's command
// batches in order. It runs in a worker thread so that the calling thread can block in
// Atomics.wait until a readback is done (WebGPU's mapAsync only completes while an event loop
// turns, which the blocked thread's cannot), giving synchronous numpy()/print/item().
/// <reference types="@webgpu/types" />
import { parentPort } from "node:worker_threads";
import type { AdapterReport, Command, ErrorReport, InitMessage, ReadReply } from "./protocol.js";
import { acquireAdapter } from "./adapter.js";
import { unknownGpuBuffer } from "../../errors/device_messages.js";

const port = parentPort!;
let device: GPUDevice;
// Error texts and the shared error counter (cell 1 of the init ctrl).
let textBuffer: Uint8Array;
let initCtrl: Int32Array;
const buffers = new Map<number, GPUBuffer>();
// `dynamic`: the pipeline has an explicit layout whose uniform takes a dynamic offset, so its
// bind groups depend only on the buffers and can be cached.
const pipelines = new Map<number, { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout; dynamic: boolean }>();
// Bind groups by (pipeline, buffer ids, uniform size): pooled buffers keep their ids, so a loop
// of the same ops finds its bind groups again. Dropped when a buffer or the uniform buffer goes.
const bindGroups = new Map<string, GPUBindGroup>();
// Past this many, new bind groups are made per dispatch and not kept.
const MAX_BIND_GROUPS = 8192;
let uniformGeneration = 0;
// One uniform buffer reused by every segment: queue.writeBuffer is ordered after the earlier
// submits, so a segment may overwrite what the previous one read. It grows when a segment
// needs more.
let uniforms: GPUBuffer | null = null;
const staging: GPUBuffer[] = [];

function writeText(s: string): void {
  const bytes = new TextEncoder().encode(s);
  const n = Math.min(bytes.length, textBuffer.length - 4);
  new DataView(textBuffer.buffer).setInt32(0, n, true);
  textBuffer.set(bytes.subarray(0, n), 4);
}

function reportError(kind: ErrorReport["kind"], message: string): void {
  writeText(`${kind}: ${message}`);
  Atomics.add(initCtrl, 1, 1);
  port.postMessage({ k: "error", kind, message } satisfies ErrorReport);
}

// Dispatches and copies since the last submit, encoded together in one command buffer.
type Encoded = Extract<Command, { k: "dispatch" } | { k: "copy" }>;
let segment: Encoded[] = [];

function buffer(id: number): GPUBuffer {
  const b = buffers.get(id);
  if (b === undefined) throw new Error(unknownGpuBuffer(id));
  return b;
}

/** Encode and submit the pending dispatches and copies. */
function submit(): void {
  if (segment.length === 0) return;
  const work = segment;
  segment = [];
  // All uniforms of the segment in one buffer, each at an aligned offset.
  const align = device.limits.minUniformBufferOffsetAlignment;
  let total = 0;
  const offsets: number[] = [];
  for (const c of work) {
    if (c.k === "dispatch" && c.uniform !== null) {
      offsets.push(total);
      total += Math.ceil(c.uniform.byteLength / align) * align;
    } else offsets.push(-1);
  }
  if (total > 0) {
    if (uniforms === null || uniforms.size < total) {
      // The old buffer stays alive through the bind groups cached with it (keyed by generation):
      // dropping many cached bind groups at once crashed Dawn's Node binding (SIGSEGV).
      uniformGeneration++;
      uniforms = device.createBuffer({ size: Math.max(total, 1 << 16), usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    }
    const bytes = new Uint8Array(total);
    work.forEach((c, i) => { if (c.k === "dispatch" && c.uniform !== null) bytes.set(new Uint8Array(c.uniform), offsets[i]!); });
    device.queue.writeBuffer(uniforms, 0, bytes);
  }
  const encoder = device.createCommandEncoder();
  let pass: GPUComputePassEncoder | null = null;
  work.forEach((c, i) => {
    if (c.k === "copy") {
      if (pass !== null) { pass.end(); pass = null; }
      encoder.copyBufferToBuffer(buffer(c.src), c.srcOffset, buffer(c.dst), c.dstOffset, c.size);
      return;
    }
    const { pipeline, layout, dynamic } = pipelines.get(c.key)!;
    const size = c.uniform?.byteLength ?? 0;
    const cacheKey = dynamic ? `${c.key}|${c.buffers.join(",")}|${size}|${uniformGeneration}` : "";
    let group = dynamic ? bindGroups.get(cacheKey) : undefined;
    if (group === undefined) {
      const entries: GPUBindGroupEntry[] = c.buffers.map((id, binding) => ({ binding, resource: { buffer: buffer(id) } }));
      if (c.uniform !== null) {
        entries.push({ binding: c.buffers.length, resource: { buffer: uniforms!, offset: dynamic ? 0 : offsets[i]!, size } });
      }
      group = device.createBindGroup({ layout, entries });
      if (dynamic && bindGroups.size < MAX_BIND_GROUPS) bindGroups.set(cacheKey, group);
    }
    pass ??= encoder.beginComputePass();
    pass.setPipeline(pipeline);
    if (dynamic && c.uniform !== null) pass.setBindGroup(0, group, [offsets[i]!]);
    else pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(c.groups[0], c.groups[1], c.groups[2]);
  });
  if (pass !== null) (pass as GPUComputePassEncoder).end();
  device.queue.submit([encoder.finish()]);
}

function takeStaging(size: number): GPUBuffer {
  const i = staging.findIndex((b) => b.size >= size && b.size <= 4 * size + 4096);
  if (i >= 0) return staging.splice(i, 1)[0]!;
  const rounded = Math.max(256, 2 ** Math.ceil(Math.log2(size)));
  return device.createBuffer({ size: rounded, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
}

function giveStaging(b: GPUBuffer): void {
  if (staging.length < 8) staging.push(b);
  else b.destroy();
}

async function read(c: Extract<Command, { k: "read" }>): Promise<void> {
  let bytes: ArrayBuffer | null = null;
  let error: string | null = null;
  try {
    const size = Math.ceil(c.size / 4) * 4;
    const st = takeStaging(size);
    if (size > 0) {
      const encoder = device.createCommandEncoder();
      encoder.copyBufferToBuffer(buffer(c.id), 0, st, 0, size);
      device.queue.submit([encoder.finish()]);
    }
    await st.mapAsync(GPUMapMode.READ, 0, Math.max(size, 4));
    const mapped = new Uint8Array(st.getMappedRange(0, Math.max(size, 4)), 0, c.size);
    if (c.data !== null) new Uint8Array(c.data).set(mapped);
    else bytes = mapped.slice().buffer;
    st.unmap();
    giveStaging(st);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  if (c.ctrl !== null) {
    const ctrl = new Int32Array(c.ctrl);
    if (error !== null) writeText(error);
    Atomics.store(ctrl, 0, error === null ? 1 : 2);
    Atomics.notify(ctrl, 0);
  } else {
    port.postMessage({ k: "read", token: c.token, data: bytes, error } satisfies ReadReply, bytes ? [bytes] : []);
  }
}

// Reads wait for the GPU; later batches must not overtake them, so batches run one after another.
let chain: Promise<void> = Promise.resolve();

function run(batch: readonly Command[]): void {
  chain = chain.then(async () => {
    for (const c of batch) {
      try {
        await runOne(c);
      } catch (e) {
        reportError("internal", e instanceof Error ? e.message : String(e));
      }
    }
    // Nothing waits behind this batch: submit what it encoded so the GPU starts on it.
    submit();
    Atomics.add(initCtrl, 2, 1);
    Atomics.notify(initCtrl, 2);
  });
}

// Set once the process is exiting: later commands are dropped.
let halted = false;

async function runOne(c: Command): Promise<void> {
  if (halted) return;
  switch (c.k) {
    case "create":
      buffers.set(c.id, device.createBuffer({ size: c.size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }));
      return;
    case "destroy": {
      submit();
      buffers.get(c.id)?.destroy();
      buffers.delete(c.id);
      const id = String(c.id);
      for (const k of bindGroups.keys()) if (k.split("|")[1]!.split(",").includes(id)) bindGroups.delete(k);
      return;
    }
    case "write":
      // queue.writeBuffer happens before any command buffer submitted later, so what is
      // encoded so far must be submitted first.
      submit();
      device.queue.writeBuffer(buffer(c.id), c.offset, c.data);
      return;
    case "pipeline": {
      const module = device.createShaderModule({ code: c.code });
      device.pushErrorScope("validation");
      const explicit = explicitLayout(c.code);
      if (explicit !== null) {
        const layout = device.createBindGroupLayout({ entries: explicit });
        const pipeline = device.createComputePipeline({ layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint: "main" } });
        pipelines.set(c.key, { pipeline, layout, dynamic: true });
      } else {
        const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
        pipelines.set(c.key, { pipeline, layout: pipeline.getBindGroupLayout(0), dynamic: false });
      }
      const err = await device.popErrorScope();
      if (err !== null) {
        const info = await module.getCompilationInfo();
        const lines = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join("\n");
        reportError("validation", `${err.message}\n${lines}\n${c.code}`);
      }
      return;
    }
    case "dispatch":
    case "copy":
      segment.push(c);
      return;
    case "read":
      submit();
      await read(c);
      return;
    case "halt": {
      submit();
      halted = true;
      device.destroy();
      const ctrl = new Int32Array(c.ctrl);
      Atomics.store(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      return;
    }
    case "finish": {
      submit();
      await device.queue.onSubmittedWorkDone();
      const ctrl = new Int32Array(c.ctrl);
      Atomics.store(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      return;
    }
  }
}

/**
 * The bind group layout the kernel's declarations imply (storage buffers at 0…n-1, read-only or
 * not, then one uniform with a dynamic offset), or null when the shader does not follow that
 * convention (then layout "auto" and no bind-group caching).
 */
function explicitLayout(code: string): GPUBindGroupLayoutEntry[] | null {
  const found = [...code.matchAll(/@group\(0\)\s*@binding\((\d+)\)\s*var<\s*(storage|uniform)\s*(?:,\s*(read_write|read)\s*)?>/g)];
  if (found.length === 0) return null;
  const entries: GPUBindGroupLayoutEntry[] = [];
  const sorted = found.map((m) => ({ binding: Number(m[1]), space: m[2]!, access: m[3] ?? "read" })).sort((a, b) => a.binding - b.binding);
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i]!;
    if (b.binding !== i) return null;
    const last = i === sorted.length - 1;
    if (b.space === "uniform") {
      if (!last) return null;
      entries.push({ binding: i, visibility: GPUShaderStage.COMPUTE, buffer: { type: "uniform", hasDynamicOffset: true } });
    } else {
      entries.push({ binding: i, visibility: GPUShaderStage.COMPUTE, buffer: { type: b.access === "read_write" ? "storage" : "read-only-storage" } });
    }
  }
  // A storage buffer a shader declares but never uses would be dropped from an "auto" layout;
  // here it stays, which is harmless.
  return entries;
}

async function init(m: InitMessage): Promise<AdapterReport> {
  const got = await acquireAdapter({ allowSoftware: m.allowSoftware, powerPreference: m.powerPreference });
  if (!got.ok) return got.report;
  const adapter = got.adapter;
  const features: GPUFeatureName[] = [];
  for (const f of ["shader-f16", "subgroups"] as const) if (adapter.features.has(f)) features.push(f);
  const l = adapter.limits;
  device = await adapter.requestDevice({
    requiredFeatures: features,
    requiredLimits: {
      maxBufferSize: l.maxBufferSize,
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupSizeY: l.maxComputeWorkgroupSizeY,
      maxStorageBuffersPerShaderStage: Math.min(l.maxStorageBuffersPerShaderStage, 10),
    },
  });
  // Set as the attribute: Dawn's Node binding prints uncaptured errors when it is unset.
  device.onuncapturederror = (ev) => {
    const error = ev.error;
    reportError(error instanceof GPUOutOfMemoryError ? "out-of-memory" : "validation", error.message);
  };
  return { ...got.report, features };
}

port.on("message", (m: InitMessage | readonly Command[]) => {
  if (Array.isArray(m)) { run(m); return; }
  const msg = m as InitMessage;
  textBuffer = new Uint8Array(msg.text);
  initCtrl = new Int32Array(msg.ctrl);
  init(msg).then(
    (report) => writeText(JSON.stringify(report)),
    (e: unknown) => writeText(JSON.stringify({ ok: false, reason: e instanceof Error ? e.message : String(e) })),
  ).finally(() => {
    Atomics.store(initCtrl, 0, 1);
    Atomics.notify(initCtrl, 0);
  });
});
