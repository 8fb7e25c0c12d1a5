// The WebGPU worker: owns the adapter and GPUDevice and replays the calling thread's command
// batches in order. It runs in a worker thread so that the calling thread can block in
// Atomics.wait until a readback is done (WebGPU's mapAsync only completes while an event loop
// turns, which the blocked thread's cannot), giving synchronous numpy()/print/item().
/// <reference types="@webgpu/types" />
import { parentPort, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import v8 from "node:v8";
import vm from "node:vm";
import type { AdapterReport, Command, ErrorReport, InitMessage, ReadReply } from "./protocol.js";
import { acquireAdapter } from "./adapter.js";
import { unknownGpuBuffer } from "../../errors/device_messages.js";
import { bindingPlan, type Access, type BindingPlan } from "./bindings.js";

const port = parentPort!;
let device: GPUDevice;
// Error texts and the shared error counter (cell 1 of the init ctrl).
let textBuffer: Uint8Array;
let initCtrl: Int32Array;
const buffers = new Map<number, GPUBuffer>();

interface Pipeline {
  readonly pipeline: GPUComputePipeline;
  /** How its buffers and shape words are bound; null: layout "auto", a bind group per dispatch. */
  readonly plan: BindingPlan | null;
  /** Group 0's layout (joint and auto pipelines). */
  readonly layout: GPUBindGroupLayout;
  /** Zeroed shape words of the plan's size, for dispatches that send fewer. */
  readonly padded: Uint32Array;
}
const pipelines = new Map<number, Pipeline>();
// One bind group per buffer and access, made on first use and kept while the buffer lives
// (up to MAX_STORAGE_GROUPS per access, oldest evicted).
let readLayout: GPUBindGroupLayout, writeLayout: GPUBindGroupLayout, uniformLayout: GPUBindGroupLayout;
const readGroups = new Map<number, GPUBindGroup>();
const writeGroups = new Map<number, GPUBindGroup>();
// Joint pipelines (more buffers than bind groups): their groups by pipeline and buffer ids.
const jointGroups = new Map<string, GPUBindGroup>();
// Shape words bound as a uniform (no room for immediates): a buffer per distinct contents.
const uniformGroups = new Map<string, GPUBindGroup>();
// Storage bind groups kept per access (read, read-write); after every COLLECT_EVERY evictions
// the worker collects its garbage so that the evicted groups' descriptor sets are released.
const MAX_STORAGE_GROUPS = 4096;
const COLLECT_EVERY = 2048;
let evicted = 0;
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as (() => void) | undefined;
  return typeof gc === "function" ? gc : () => {};
})();
// Past this many, joint or uniform bind groups are made per dispatch and not kept.
const MAX_CACHED_GROUPS = 8192;
// Writes up to this size are staged in the segment (copied from the upload buffer inside the
// command buffer), so an upload does not end the batch; larger ones are written directly.
const STAGED_WRITE_MAX = 1 << 16;
let uploads: GPUBuffer | null = null;
// Buffers destroyed while the segment may still use them go after its submit.
let doomed: number[] = [];
// Mappable buffers for reads, reused.
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

// Dispatches, copies and staged writes since the last submit, encoded in one command buffer.
type Encoded = Extract<Command, { k: "dispatch" } | { k: "copy" } | { k: "write" }>;
let segment: Encoded[] = [];
let stagedBytes = 0;

function buffer(id: number): GPUBuffer {
  const b = buffers.get(id);
  if (b === undefined) throw new Error(unknownGpuBuffer(id));
  return b;
}

function storageGroup(id: number, access: Access): GPUBindGroup {
  const cache = access === "read" ? readGroups : writeGroups;
  let group = cache.get(id);
  if (group === undefined) {
    group = device.createBindGroup({ layout: access === "read" ? readLayout : writeLayout, entries: [{ binding: 0, resource: { buffer: buffer(id) } }] });
    // Bind groups hold descriptor sets until the collector takes their wrappers, and a driver
    // runs out of them (lavapipe crashed past ~60,000 when collections returned buffers late):
    // past the cap the oldest entry goes, to be made again if its buffer comes back.
    if (cache.size >= MAX_STORAGE_GROUPS) {
      cache.delete(cache.keys().next().value!);
      // The worker allocates too little for the collector to run on its own often.
      if (++evicted % COLLECT_EVERY === 0) collectGarbage();
    }
    cache.set(id, group);
  }
  return group;
}

function uniformGroup(words: Uint32Array): GPUBindGroup {
  const key = words.join(",");
  let group = uniformGroups.get(key);
  if (group === undefined) {
    const b = device.createBuffer({ size: words.byteLength, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
    new Uint32Array(b.getMappedRange()).set(words);
    b.unmap();
    group = device.createBindGroup({ layout: uniformLayout, entries: [{ binding: 0, resource: { buffer: b } }] });
    if (uniformGroups.size < MAX_CACHED_GROUPS) uniformGroups.set(key, group);
  }
  return group;
}

/** The dispatch's shape words, zero-padded to the size its pipeline declares. */
function paramWords(p: Pipeline, uniform: ArrayBuffer): Uint32Array {
  const words = new Uint32Array(uniform);
  if (words.length * 4 >= p.padded.byteLength) return words.length * 4 === p.padded.byteLength ? words : words.subarray(0, p.padded.length);
  p.padded.fill(0).set(words);
  return p.padded;
}

// What the current pass has bound: a dispatch sets only what differs (each call into the
// binding costs about a microsecond; a loop over one value rebinds its inputs otherwise).
let boundPipeline: GPUComputePipeline | null = null;
const boundGroups: (GPUBindGroup | null)[] = [];

function bind(pass: GPUComputePassEncoder, index: number, group: GPUBindGroup): void {
  if (boundGroups[index] === group) return;
  pass.setBindGroup(index, group);
  boundGroups[index] = group;
}

function bindDispatch(pass: GPUComputePassEncoder, p: Pipeline, c: Extract<Command, { k: "dispatch" }>): void {
  if (boundPipeline !== p.pipeline) { pass.setPipeline(p.pipeline); boundPipeline = p.pipeline; }
  const plan = p.plan;
  if (plan === null) {
    // A kernel outside the convention: a bind group per dispatch, the uniform in a buffer of its own.
    const entries: GPUBindGroupEntry[] = c.buffers.map((id, binding) => ({ binding, resource: { buffer: buffer(id) } }));
    if (c.uniform !== null) {
      const b = device.createBuffer({ size: c.uniform.byteLength, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
      new Uint8Array(b.getMappedRange()).set(new Uint8Array(c.uniform));
      b.unmap();
      entries.push({ binding: c.buffers.length, resource: { buffer: b } });
    }
    bind(pass, 0, device.createBindGroup({ layout: p.layout, entries }));
    return;
  }
  if (plan.storage === "split") {
    for (let j = 0; j < c.buffers.length; j++) bind(pass, j, storageGroup(c.buffers[j]!, plan.access[j]!));
  } else {
    const key = `${c.key}|${c.buffers.join(",")}`;
    let group = jointGroups.get(key);
    if (group === undefined) {
      group = device.createBindGroup({ layout: p.layout, entries: c.buffers.map((id, binding) => ({ binding, resource: { buffer: buffer(id) } })) });
      if (jointGroups.size < MAX_CACHED_GROUPS) jointGroups.set(key, group);
    }
    bind(pass, 0, group);
  }
  if (plan.params === "immediate") pass.setImmediates(0, paramWords(p, c.uniform!));
  else if (plan.params === "uniform") bind(pass, plan.uniformGroup, uniformGroup(paramWords(p, c.uniform!)));
}

/** Encode and submit the pending dispatches, copies and staged writes. */
function submit(tail?: (encoder: GPUCommandEncoder) => void): void {
  if (segment.length === 0 && tail === undefined) { destroyDoomed(); return; }
  const work = segment;
  segment = [];
  // Every staged write of the segment goes into the upload buffer with one writeBuffer, which
  // the queue runs before the command buffer that copies out of it (and after earlier ones,
  // so the previous segment's copies have read what this overwrites).
  let stagedAt: number[] | null = null;
  if (stagedBytes > 0) {
    if (uploads === null || uploads.size < stagedBytes) {
      uploads?.destroy();
      uploads = device.createBuffer({ size: Math.max(stagedBytes, 1 << 16), usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    }
    const bytes = new Uint8Array(stagedBytes);
    stagedAt = [];
    let at = 0;
    for (const c of work) {
      if (c.k !== "write") continue;
      bytes.set(new Uint8Array(c.data), at);
      stagedAt.push(at);
      at += c.data.byteLength;
    }
    device.queue.writeBuffer(uploads, 0, bytes);
    stagedBytes = 0;
  }
  const encoder = device.createCommandEncoder();
  let pass: GPUComputePassEncoder | null = null;
  let w = 0;
  for (const c of work) {
    if (c.k === "dispatch") {
      const p = pipelines.get(c.key)!;
      if (pass === null) {
        pass = encoder.beginComputePass();
        boundPipeline = null;
        boundGroups.fill(null);
      }
      bindDispatch(pass, p, c);
      pass.dispatchWorkgroups(c.groups[0], c.groups[1], c.groups[2]);
      continue;
    }
    if (pass !== null) { pass.end(); pass = null; }
    if (c.k === "copy") encoder.copyBufferToBuffer(buffer(c.src), c.srcOffset, buffer(c.dst), c.dstOffset, c.size);
    else encoder.copyBufferToBuffer(uploads!, stagedAt![w++]!, buffer(c.id), c.offset, c.data.byteLength);
  }
  if (pass !== null) (pass as GPUComputePassEncoder).end();
  tail?.(encoder);
  device.queue.submit([encoder.finish()]);
  destroyDoomed();
}

function destroyDoomed(): void {
  if (doomed.length === 0) return;
  for (const id of doomed) {
    buffers.get(id)?.destroy();
    buffers.delete(id);
    readGroups.delete(id);
    writeGroups.delete(id);
  }
  if (jointGroups.size > 0) {
    const gone = new Set(doomed.map(String));
    for (const k of jointGroups.keys()) if (k.split("|")[1]!.split(",").some((id) => gone.has(id))) jointGroups.delete(k);
  }
  doomed = [];
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

// While a promise of the binding is pending, Dawn's Node binding polls for its completion from
// setImmediate, turning the event loop without pause: a whole core spent waiting, which on a
// small machine the GPU driver's own threads (a software adapter's above all) need. After a
// short spin (small ops finish within it) the worker naps between polls, longer the longer it
// waits, and wakes at once when the calling thread posts commands (ctrl cell 3).
const SPIN_MS = 0.2;
const MAX_NAP_MS = 1;

function patiently<T>(waiting: Promise<T>): Promise<T> {
  let done = false;
  const start = performance.now();
  let nap = 0.01;
  const tick = (): void => {
    if (done) return;
    if (performance.now() - start > SPIN_MS) {
      Atomics.wait(initCtrl, 3, Atomics.load(initCtrl, 3), nap);
      nap = Math.min(nap * 2, MAX_NAP_MS);
    }
    setImmediate(tick);
  };
  setImmediate(tick);
  return waiting.finally(() => { done = true; });
}

async function read(c: Extract<Command, { k: "read" }>): Promise<void> {
  let bytes: ArrayBuffer | null = null;
  let error: string | null = null;
  try {
    const size = Math.ceil(c.size / 4) * 4;
    const st = takeStaging(size);
    // The copy goes in the same command buffer as the work before it: one submit per read.
    const src = size > 0 ? buffer(c.id) : null;
    submit(src === null ? undefined : (encoder) => encoder.copyBufferToBuffer(src, 0, st, 0, size));
    await patiently(st.mapAsync(GPUMapMode.READ, 0, Math.max(size, 4)));
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

async function run(batch: readonly Command[]): Promise<void> {
  for (const c of batch) {
    try {
      // Most commands are synchronous: awaiting only those that wait keeps a batch of 48
      // from costing 48 promise turns.
      const waiting = runOne(c);
      if (waiting !== undefined) await waiting;
    } catch (e) {
      reportError("internal", e instanceof Error ? e.message : String(e));
    }
  }
  // Nothing waits behind this batch: submit what it encoded so the GPU starts on it.
  submit();
  Atomics.add(initCtrl, 2, 1);
  Atomics.notify(initCtrl, 2);
}

// How long the idle worker blocks before it lets its event loop turn once.
const IDLE_WAIT_MS = 50;

/**
 * Take batches from the command port as they come, in order (a read waits for the GPU before
 * later batches run). Idle, the worker blocks in Atomics.wait on ctrl cell 3, which the calling
 * thread bumps after each post, and receives the batch synchronously: a futex wake instead of
 * an event-loop wake-up per batch (tens of µs on a small machine).
 */
async function serve(commands: MessagePort): Promise<void> {
  let turned = performance.now();
  for (;;) {
    const seen = Atomics.load(initCtrl, 3);
    const got = receiveMessageOnPort(commands);
    if (got !== undefined) {
      await run(got.message as readonly Command[]);
      if (halted) return;
      // Busy, the loop above never leaves microtasks: let the event loop turn every
      // millisecond, or the collector's finalizers never run and Dawn's objects (bind groups,
      // buffers) are never released (lavapipe crashed once it held ~60,000 bind groups).
      if (performance.now() - turned > 1) {
        await new Promise((resolve) => setImmediate(resolve));
        turned = performance.now();
      }
      continue;
    }
    if (Atomics.wait(initCtrl, 3, seen, IDLE_WAIT_MS) === "timed-out") {
      // Let the event loop deliver what else there is (GPU errors, the binding's callbacks).
      await new Promise((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
  }
}

// Set once the process is exiting: later commands are dropped.
let halted = false;

function runOne(c: Command): Promise<void> | undefined {
  if (halted) return;
  switch (c.k) {
    case "create":
      buffers.set(c.id, device.createBuffer({ size: c.size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }));
      return;
    case "destroy":
      // Commands encoded but not submitted may use the buffer: it goes after the submit.
      doomed.push(c.id);
      if (segment.length === 0) destroyDoomed();
      return;
    case "write":
      if (c.data.byteLength <= STAGED_WRITE_MAX) {
        segment.push(c);
        stagedBytes += c.data.byteLength;
        return;
      }
      // queue.writeBuffer happens before any command buffer submitted later, so what is
      // encoded so far must be submitted first.
      submit();
      device.queue.writeBuffer(buffer(c.id), c.offset, c.data);
      return;
    case "pipeline": {
      const l = device.limits;
      const plan = bindingPlan(c.code, { maxBindGroups: l.maxBindGroups, maxImmediateSize: l.maxImmediateSize ?? 0 });
      const module = device.createShaderModule({ code: plan?.code ?? c.code });
      device.pushErrorScope("validation");
      if (plan !== null) {
        const storage = (a: Access): GPUBindGroupLayoutEntry => ({ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: a === "read" ? "read-only-storage" : "storage" } });
        const joint = plan.storage === "joint"
          ? device.createBindGroupLayout({ entries: plan.access.map((a, binding) => ({ ...storage(a), binding })) })
          : writeLayout;
        const groups = plan.storage === "split" ? plan.access.map((a) => (a === "read" ? readLayout : writeLayout)) : [joint];
        if (plan.params === "uniform") groups.push(uniformLayout);
        const layout = device.createPipelineLayout({ bindGroupLayouts: groups, ...(plan.params === "immediate" ? { immediateSize: plan.paramBytes } : {}) });
        const pipeline = device.createComputePipeline({ layout, compute: { module, entryPoint: "main" } });
        pipelines.set(c.key, { pipeline, plan, layout: joint, padded: new Uint32Array(plan.paramBytes / 4) });
      } else {
        const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
        pipelines.set(c.key, { pipeline, plan: null, layout: pipeline.getBindGroupLayout(0), padded: new Uint32Array(0) });
      }
      return device.popErrorScope().then(async (err) => {
        if (err === null) return;
        const info = await module.getCompilationInfo();
        const lines = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join("\n");
        reportError("validation", `${err.message}\n${lines}\n${plan?.code ?? c.code}`);
      });
    }
    case "dispatch":
    case "copy":
      segment.push(c);
      return;
    case "read":
      return read(c);
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
      return patiently(device.queue.onSubmittedWorkDone()).then(() => {
        const ctrl = new Int32Array(c.ctrl);
        Atomics.store(ctrl, 0, 1);
        Atomics.notify(ctrl, 0);
      });
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
      maxBindGroups: l.maxBindGroups,
      ...(l.maxImmediateSize ? { maxImmediateSize: l.maxImmediateSize } : {}),
    },
  });
  const entry = (type: GPUBufferBindingType): GPUBindGroupLayoutDescriptor => ({ entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type } }] });
  readLayout = device.createBindGroupLayout(entry("read-only-storage"));
  writeLayout = device.createBindGroupLayout(entry("storage"));
  uniformLayout = device.createBindGroupLayout(entry("uniform"));
  // Set as the attribute: Dawn's Node binding prints uncaptured errors when it is unset.
  device.onuncapturederror = (ev) => {
    const error = ev.error;
    reportError(error instanceof GPUOutOfMemoryError ? "out-of-memory" : "validation", error.message);
  };
  return { ...got.report, features };
}

port.once("message", (msg: InitMessage) => {
  textBuffer = new Uint8Array(msg.text);
  initCtrl = new Int32Array(msg.ctrl);
  init(msg).then(
    (report) => writeText(JSON.stringify(report)),
    (e: unknown) => writeText(JSON.stringify({ ok: false, reason: e instanceof Error ? e.message : String(e) })),
  ).finally(() => {
    Atomics.store(initCtrl, 0, 1);
    Atomics.notify(initCtrl, 0);
    if (device !== undefined) void serve(msg.commands);
  });
});
