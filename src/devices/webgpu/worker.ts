// The WebGPU worker: owns the adapter and GPUDevice and replays the calling thread's commands
// (the shared ring of protocol.ts) in order, encoding them straight into a command buffer. It
// runs in a worker thread so that the calling thread can block in Atomics.wait until a readback
// is done (WebGPU's mapAsync only completes while an event loop turns, which the blocked
// thread's cannot), giving synchronous numpy()/print/item().
/// <reference types="@webgpu/types" />
import { parentPort, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import v8 from "node:v8";
import vm from "node:vm";
import { Ctrl, DISPATCH_HEADER, Op, RING_WORDS, type AdapterReport, type ErrorReport, type InitMessage, type ReadReply, type SideMessage } from "./protocol.js";
import { acquireAdapter } from "./adapter.js";
import { unknownGpuBuffer } from "../../errors/device_messages.js";
import { bindingPlan, type Access, type BindingPlan } from "./bindings.js";

const port = parentPort!;
let device: GPUDevice;
// Error texts and the shared error counter (Ctrl.errors).
let textBuffer: Uint8Array;
let ctrl: Int32Array;
// The command ring and its views; where synchronous reads put their bytes.
let words: Int32Array;
let ringBytes: Uint8Array;
let side: MessagePort;
let readData: SharedArrayBuffer;
const buffers = new Map<number, GPUBuffer>();

interface Pipeline {
  readonly pipeline: GPUComputePipeline;
  /** How its buffers and shape words are bound; null: layout "auto", a bind group per dispatch. */
  readonly plan: BindingPlan | null;
  /** Group 0's layout (joint and auto pipelines). */
  readonly layout: GPUBindGroupLayout;
  /** The dispatch's shape words, zero-padded to the size the plan declares. */
  readonly params: Uint32Array;
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
// Storage bind groups kept per access (read, read-write). A dropped bind group keeps its
// descriptor set until the collector takes its wrapper, and a driver runs out of them (lavapipe
// crashed allocating descriptor pools past ~60,000): the worker allocates too little for the
// collector to run on its own, so it collects its garbage after every COLLECT_EVERY drops.
const MAX_STORAGE_GROUPS = 4096;
const COLLECT_EVERY = 2048;
let dropped = 0;
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as (() => void) | undefined;
  return typeof gc === "function" ? gc : () => {};
})();
function droppedGroups(n: number): void {
  dropped += n;
  if (dropped >= COLLECT_EVERY) { dropped = 0; collectGarbage(); }
}
// Past this many, joint or uniform bind groups are made per dispatch and not kept.
const MAX_CACHED_GROUPS = 8192;
// Writes up to this size are staged (copied from the upload buffer inside the command buffer),
// so an upload does not end the command buffer; larger ones are written directly.
const STAGED_WRITE_MAX = 1 << 16;
const UPLOAD_BYTES = 1 << 20;
let uploads: GPUBuffer | null = null;
const staged = new Uint8Array(UPLOAD_BYTES);
let stagedBytes = 0;
// Buffers destroyed while the command buffer being encoded may still use them go after its submit.
let doomed: number[] = [];
// Mappable buffers for reads, reused.
const staging: GPUBuffer[] = [];
// The command buffer being encoded and its open compute pass; dispatches since its start.
let encoder: GPUCommandEncoder | null = null;
let pass: GPUComputePassEncoder | null = null;
let encoded = 0;
// A long stream of commands is submitted every this many, so the GPU starts on it.
const SUBMIT_EVERY = 64;

function writeText(s: string): void {
  const bytes = new TextEncoder().encode(s);
  const n = Math.min(bytes.length, textBuffer.length - 4);
  new DataView(textBuffer.buffer).setInt32(0, n, true);
  textBuffer.set(bytes.subarray(0, n), 4);
}

function reportError(kind: ErrorReport["kind"], message: string): void {
  writeText(`${kind}: ${message}`);
  Atomics.add(ctrl, Ctrl.errors, 1);
  port.postMessage({ k: "error", kind, message } satisfies ErrorReport);
}

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
    // Past the cap the oldest entry goes, to be made again if its buffer comes back.
    if (cache.size >= MAX_STORAGE_GROUPS) {
      cache.delete(cache.keys().next().value!);
      droppedGroups(1);
    }
    cache.set(id, group);
  }
  return group;
}

function uniformGroup(params: Uint32Array): GPUBindGroup {
  const key = params.join(",");
  let group = uniformGroups.get(key);
  if (group === undefined) {
    const b = device.createBuffer({ size: params.byteLength, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
    new Uint32Array(b.getMappedRange()).set(params);
    b.unmap();
    group = device.createBindGroup({ layout: uniformLayout, entries: [{ binding: 0, resource: { buffer: b } }] });
    if (uniformGroups.size < MAX_CACHED_GROUPS) uniformGroups.set(key, group);
    else droppedGroups(1);
  }
  return group;
}

function ensureEncoder(): GPUCommandEncoder {
  if (pass !== null) { pass.end(); pass = null; }
  return (encoder ??= device.createCommandEncoder());
}

// What the open pass has bound: a dispatch sets only what differs (each call into the
// binding costs about a microsecond; a loop over one value rebinds its inputs otherwise).
let boundPipeline: GPUComputePipeline | null = null;
const boundGroups: (GPUBindGroup | null)[] = [];

function bind(p: GPUComputePassEncoder, index: number, group: GPUBindGroup): void {
  if (boundGroups[index] === group) return;
  p.setBindGroup(index, group);
  boundGroups[index] = group;
}

/** Bind group entries for the `nb` buffer ids at ring word `ids`, bound at 0…nb-1. */
function entriesAt(ids: number, nb: number): GPUBindGroupEntry[] {
  const entries: GPUBindGroupEntry[] = [];
  for (let j = 0; j < nb; j++) entries.push({ binding: j, resource: { buffer: buffer(words[ids + j]!) } });
  return entries;
}

/** Encode the Dispatch at ring word `at` into the open compute pass (opened if need be). */
function dispatch(at: number): void {
  const p = pipelines.get(words[at + 1]!)!;
  if (pass === null) {
    pass = (encoder ??= device.createCommandEncoder()).beginComputePass();
    boundPipeline = null;
    boundGroups.fill(null);
  }
  if (boundPipeline !== p.pipeline) { pass.setPipeline(p.pipeline); boundPipeline = p.pipeline; }
  bindResources(pass, p, at);
  pass.dispatchWorkgroups(words[at + 4]!, words[at + 5]!, words[at + 6]!);
  if (++encoded >= SUBMIT_EVERY) submit();
}

/** Bind the buffers and shape words of the Dispatch at ring word `at` as `p`'s plan says. */
function bindResources(open: GPUComputePassEncoder, p: Pipeline, at: number): void {
  const nb = words[at + 2]!, np = words[at + 3]!;
  const ids = at + DISPATCH_HEADER;
  const plan = p.plan;
  if (plan === null) {
    // A kernel outside the convention: a bind group per dispatch, the words in a uniform of their own.
    const entries = entriesAt(ids, nb);
    if (np > 0) {
      const b = device.createBuffer({ size: Math.ceil(np / 4) * 16, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
      new Uint32Array(b.getMappedRange()).set(new Uint32Array(words.buffer, 4 * (ids + nb), np));
      b.unmap();
      entries.push({ binding: nb, resource: { buffer: b } });
    }
    bind(open, 0, device.createBindGroup({ layout: p.layout, entries }));
    droppedGroups(1);
    return;
  }
  if (plan.storage === "split") {
    for (let j = 0; j < nb; j++) bind(open, j, storageGroup(words[ids + j]!, plan.access[j]!));
  } else {
    let key = String(words[at + 1]);
    for (let j = 0; j < nb; j++) key += `,${words[ids + j]}`;
    let group = jointGroups.get(key);
    if (group === undefined) {
      group = device.createBindGroup({ layout: p.layout, entries: entriesAt(ids, nb) });
      if (jointGroups.size < MAX_CACHED_GROUPS) jointGroups.set(key, group);
      else droppedGroups(1);
    }
    bind(open, 0, group);
  }
  if (plan.params === "none") return;
  // The shape words, zero-padded to the plan's size (copied without making an array).
  const params = p.params;
  const n = Math.min(np, params.length);
  for (let i = 0; i < n; i++) params[i] = words[ids + nb + i]!;
  params.fill(0, n);
  if (plan.params === "immediate") open.setImmediates(0, params);
  else bind(open, plan.uniformGroup, uniformGroup(params));
}

/** A write of `size` bytes from `data` (at byte `from`) into buffer `id` at `offset`. */
function write(id: number, offset: number, data: Uint8Array, from: number, size: number): void {
  if (size > STAGED_WRITE_MAX) {
    // queue.writeBuffer happens before any command buffer submitted later, so what is
    // encoded so far must be submitted first.
    submit();
    device.queue.writeBuffer(buffer(id), offset, data, from, size);
    return;
  }
  if (stagedBytes + size > UPLOAD_BYTES) submit();
  staged.set(data.subarray(from, from + size), stagedBytes);
  ensureEncoder().copyBufferToBuffer(uploads!, stagedBytes, buffer(id), offset, size);
  stagedBytes += size;
}

/** Submit the command buffer being encoded (with `tail` encoded last). */
function submit(tail?: (encoder: GPUCommandEncoder) => void): void {
  if (encoder === null && tail === undefined) { destroyDoomed(); return; }
  const e = ensureEncoder();
  tail?.(e);
  // The staged writes go into the upload buffer with one writeBuffer, which the queue runs
  // before this command buffer (and after earlier ones, so their copies read what it overwrites).
  if (stagedBytes > 0) {
    device.queue.writeBuffer(uploads!, 0, staged, 0, stagedBytes);
    stagedBytes = 0;
  }
  device.queue.submit([e.finish()]);
  encoder = null;
  encoded = 0;
  destroyDoomed();
}

function destroyDoomed(): void {
  if (doomed.length === 0) return;
  let n = 0;
  for (const id of doomed) {
    buffers.get(id)?.destroy();
    buffers.delete(id);
    if (readGroups.delete(id)) n++;
    if (writeGroups.delete(id)) n++;
  }
  if (jointGroups.size > 0) {
    const gone = new Set(doomed.map(String));
    for (const k of jointGroups.keys()) if (k.split(",").slice(1).some((id) => gone.has(id)) && jointGroups.delete(k)) n++;
  }
  droppedGroups(n);
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
// waits (up to a millisecond).
const SPIN_MS = 0.2;
const MAX_NAP_MS = 1;
const napCell = new Int32Array(new SharedArrayBuffer(4));
/** Block this thread for `ms` milliseconds (nobody wakes it early). */
const sleep = (ms: number): void => { Atomics.wait(napCell, 0, 0, ms); };

function patiently<T>(waiting: Promise<T>): Promise<T> {
  let done = false;
  const start = performance.now();
  let nap = 0.01;
  const tick = (): void => {
    if (done) return;
    if (performance.now() - start > SPIN_MS) {
      sleep(nap);
      nap = Math.min(nap * 2, MAX_NAP_MS);
    }
    setImmediate(tick);
  };
  setImmediate(tick);
  return waiting.finally(() => { done = true; });
}

/** Tell the waiting calling thread that its synchronous call is done (or failed with `error`). */
function syncDone(error: string | null): void {
  if (error !== null) writeText(error);
  Atomics.store(ctrl, Ctrl.sync, error === null ? 1 : 2);
  Atomics.notify(ctrl, Ctrl.sync);
}

async function read(id: number, byteSize: number, token: number): Promise<void> {
  let bytes: ArrayBuffer | null = null;
  let error: string | null = null;
  try {
    const size = Math.ceil(byteSize / 4) * 4;
    const st = takeStaging(size);
    // The copy goes in the same command buffer as the work before it: one submit per read.
    const src = size > 0 ? buffer(id) : null;
    submit(src === null ? undefined : (e) => e.copyBufferToBuffer(src, 0, st, 0, size));
    await patiently(st.mapAsync(GPUMapMode.READ, 0, Math.max(size, 4)));
    const mapped = new Uint8Array(st.getMappedRange(0, Math.max(size, 4)), 0, byteSize);
    if (token === 0) new Uint8Array(readData).set(mapped);
    else bytes = mapped.slice().buffer;
    st.unmap();
    giveStaging(st);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  if (token === 0) syncDone(error);
  else port.postMessage({ k: "read", token, data: bytes, error } satisfies ReadReply, bytes ? [bytes] : []);
}

/** The side message a command at the ring takes (posted before the command was published). */
function sideMessage(): SideMessage {
  for (;;) {
    const got = receiveMessageOnPort(side);
    if (got !== undefined) return got.message as SideMessage;
    sleep(0.05); // not there yet: a postMessage in flight
  }
}

function compile(key: number, code: string): Promise<void> {
  const l = device.limits;
  const plan = bindingPlan(code, { maxBindGroups: l.maxBindGroups, maxImmediateSize: l.maxImmediateSize ?? 0 });
  const module = device.createShaderModule({ code: plan?.code ?? code });
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
    pipelines.set(key, { pipeline, plan, layout: joint, params: new Uint32Array(plan.paramBytes / 4) });
  } else {
    const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    pipelines.set(key, { pipeline, plan: null, layout: pipeline.getBindGroupLayout(0), params: new Uint32Array(0) });
  }
  return device.popErrorScope().then(async (err) => {
    if (err === null) return;
    const info = await module.getCompilationInfo();
    const lines = info.messages.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join("\n");
    reportError("validation", `${err.message}\n${lines}\n${plan?.code ?? code}`);
  });
}

// Set once the process is exiting: later commands are dropped.
let halted = false;

/** Carry out the command at ring word `at`; a promise where it must wait (read, finish). */
function runOne(at: number): Promise<void> | undefined {
  const w = words;
  switch (w[at]! & 0xff) {
    case Op.Dispatch:
      dispatch(at);
      return;
    case Op.Create:
      buffers.set(w[at + 1]!, device.createBuffer({ size: w[at + 2]!, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST }));
      return;
    case Op.Destroy:
      // The command buffer being encoded may use the buffer: it goes after the submit.
      doomed.push(w[at + 1]!);
      if (encoder === null) destroyDoomed();
      return;
    case Op.Write:
      write(w[at + 1]!, w[at + 2]!, ringBytes, 4 * (at + 4), w[at + 3]!);
      return;
    case Op.WriteSide: {
      const m = sideMessage() as Extract<SideMessage, { k: "write" }>;
      write(w[at + 1]!, w[at + 2]!, new Uint8Array(m.data), 0, m.data.byteLength);
      return;
    }
    case Op.Copy:
      ensureEncoder().copyBufferToBuffer(buffer(w[at + 1]!), w[at + 2]!, buffer(w[at + 3]!), w[at + 4]!, w[at + 5]!);
      return;
    case Op.Pipeline:
      return compile(w[at + 1]!, (sideMessage() as Extract<SideMessage, { k: "pipeline" }>).code);
    case Op.Read:
      return read(w[at + 1]!, w[at + 2]!, w[at + 3]!);
    case Op.SetReadBuffer:
      readData = (sideMessage() as Extract<SideMessage, { k: "readBuffer" }>).data;
      return;
    case Op.Finish:
      submit();
      return patiently(device.queue.onSubmittedWorkDone()).then(() => syncDone(null));
    case Op.Halt:
      submit();
      halted = true;
      device.destroy();
      syncDone(null);
      return;
  }
}

// How long the idle worker blocks before it lets its event loop turn once.
const IDLE_WAIT_MS = 50;
// Caught up, the worker watches the ring this long before it sleeps: the next command of a
// loop (or the op after a read) usually comes sooner, and a futex wake-up costs 30-70 µs on a
// small virtual machine. Spinning a bounded 0.1 ms per idle turn is all the CPU it costs.
const IDLE_SPIN_MS = 0.1;

/** Let the event loop turn once; resolves to the time it is back. */
function turnEventLoop(): Promise<number> {
  return new Promise((resolve) => setImmediate(() => resolve(performance.now())));
}

/**
 * Carry out the ring's commands as they are published, in order (a read waits for the GPU
 * before later commands run). Caught up, the worker submits what it encoded, then sleeps in
 * Atomics.wait on Ctrl.head until the calling thread publishes more: a futex wake-up, and
 * none at all while it is busy.
 */
async function serve(): Promise<void> {
  let tail = 0;
  let turned = performance.now();
  for (;;) {
    let head = Atomics.load(ctrl, Ctrl.head);
    if (head !== tail) {
      let count = 0;
      while (tail !== head) {
        const at = tail & (RING_WORDS - 1);
        const n = words[at]! >>> 8;
        if ((words[at]! & 0xff) !== Op.Pad && !halted) {
          try {
            // Most commands are synchronous: awaiting only those that wait keeps a stream of
            // dispatches from costing a promise turn each.
            const waiting = runOne(at);
            if (waiting !== undefined) await waiting;
          } catch (e) {
            reportError("internal", e instanceof Error ? e.message : String(e));
          }
        }
        tail = (tail + n) | 0;
        // Room for the writer, woken if it waits for it (the ring was full).
        Atomics.store(ctrl, Ctrl.tail, tail);
        if (Atomics.load(ctrl, Ctrl.writerWaiting) !== 0) Atomics.notify(ctrl, Ctrl.tail);
        if (tail === head) head = Atomics.load(ctrl, Ctrl.head);
        // A writer that keeps ahead never lets this loop end: let the event loop turn every
        // millisecond all the same, or the collected wrappers' finalizers (which Node runs
        // from the event loop) never release Dawn's objects: lavapipe maps memory for every
        // bind group and crashed past ~65,000 maps.
        if ((++count & 255) === 0 && performance.now() - turned > 1) turned = await turnEventLoop();
      }
      if (halted) return;
      // Nothing waits behind these commands: submit what they encoded so the GPU starts on it.
      submit();
      if (performance.now() - turned > 1) turned = await turnEventLoop();
      continue;
    }
    const until = performance.now() + IDLE_SPIN_MS;
    while (Atomics.load(ctrl, Ctrl.head) === tail && performance.now() < until) { /* watching */ }
    if (Atomics.load(ctrl, Ctrl.head) !== tail) continue;
    Atomics.store(ctrl, Ctrl.sleeping, 1);
    const asleep = Atomics.load(ctrl, Ctrl.head) === tail && Atomics.wait(ctrl, Ctrl.head, tail, IDLE_WAIT_MS) === "timed-out";
    Atomics.store(ctrl, Ctrl.sleeping, 0);
    // Let the event loop deliver what else there is (GPU errors, the binding's callbacks).
    if (asleep) turned = await turnEventLoop();
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
  uploads = device.createBuffer({ size: UPLOAD_BYTES, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  // Set as the attribute: Dawn's Node binding prints uncaptured errors when it is unset.
  device.onuncapturederror = (ev) => {
    const error = ev.error;
    reportError(error instanceof GPUOutOfMemoryError ? "out-of-memory" : "validation", error.message);
  };
  return { ...got.report, features };
}

port.once("message", (msg: InitMessage) => {
  textBuffer = new Uint8Array(msg.text);
  ctrl = new Int32Array(msg.ctrl);
  words = new Int32Array(msg.ring);
  ringBytes = new Uint8Array(msg.ring);
  side = msg.side;
  readData = msg.readData;
  init(msg).then(
    (report) => writeText(JSON.stringify(report)),
    (e: unknown) => writeText(JSON.stringify({ ok: false, reason: e instanceof Error ? e.message : String(e) })),
  ).finally(() => {
    Atomics.store(ctrl, Ctrl.ready, 1);
    Atomics.notify(ctrl, Ctrl.ready);
    if (device !== undefined) void serve();
  });
});
