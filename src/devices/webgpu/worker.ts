// The WebGPU worker: owns the adapter and GPUDevice and replays the calling thread's command
// batches in order. It runs in a worker thread so that the calling thread can block in
// Atomics.wait until a readback is done (WebGPU's mapAsync only completes while an event loop
// turns, which the blocked thread's cannot), giving synchronous numpy()/print/item().
/// <reference types="@webgpu/types" />
import { parentPort } from "node:worker_threads";
import type { AdapterReport, Command, ErrorReport, InitMessage, ReadReply } from "./protocol.js";
import { acquireAdapter } from "./adapter.js";

const port = parentPort!;
let device: GPUDevice;
// Error texts and the shared error counter (cell 1 of the init ctrl).
let textBuffer: Uint8Array;
let initCtrl: Int32Array;
const buffers = new Map<number, GPUBuffer>();
const pipelines = new Map<number, { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout }>();
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
  if (b === undefined) throw new Error(`unknown GPU buffer ${id}`);
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
      uniforms?.destroy();
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
    const { pipeline, layout } = pipelines.get(c.key)!;
    const entries: GPUBindGroupEntry[] = c.buffers.map((id, binding) => ({ binding, resource: { buffer: buffer(id) } }));
    if (c.uniform !== null) {
      entries.push({ binding: c.buffers.length, resource: { buffer: uniforms!, offset: offsets[i]!, size: c.uniform.byteLength } });
    }
    const group = device.createBindGroup({ layout, entries });
    pass ??= encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
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
    case "destroy":
      submit();
      buffers.get(c.id)?.destroy();
      buffers.delete(c.id);
      return;
    case "write":
      // queue.writeBuffer happens before any command buffer submitted later, so what is
      // encoded so far must be submitted first.
      submit();
      device.queue.writeBuffer(buffer(c.id), c.offset, c.data);
      return;
    case "pipeline": {
      const module = device.createShaderModule({ code: c.code });
      device.pushErrorScope("validation");
      const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
      pipelines.set(c.key, { pipeline, layout: pipeline.getBindGroupLayout(0) });
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
