// The calling thread's side of the WebGPU worker: starts it, waits for its adapter report,
// queues commands and flushes them in batches, and reads buffers back synchronously (blocking
// in Atomics.wait until the worker has the bytes) or asynchronously (a reply message).
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { InternalError, ResourceExhaustedError } from "../../errors/errors.js";
import type { AdapterReport, Command, InitMessage, WorkerReply } from "./protocol.js";
import { gpuOutOfMemory, gpuReadFailed, gpuTimedOut, gpuWorkerDidNotStart, gpuWorkerSilent, webGpuError } from "../../errors/device_messages.js";

// A sync call that gets no answer in this long means the GPU or the worker hung.
const SYNC_TIMEOUT_MS = 120_000;
// Queued commands are sent once this many wait (and at the end of the current task).
const BATCH = 48;
// Batches the worker may have waiting before the calling thread waits for it: work queued
// faster than the GPU does it would otherwise pile up without bound.
const MAX_IN_FLIGHT = 32;

export class GpuClient {
  private readonly queue: Command[] = [];
  private flushScheduled = false;
  private nextBufferId = 1;
  private nextPipelineKey = 1;
  private readonly pipelineKeys = new Map<string, number>();
  private readonly pending = new Map<number, { resolve(b: ArrayBuffer): void; reject(e: Error): void }>();
  private nextToken = 1;
  private errorsSeen = 0;
  private batchesSent = 0;
  private readonly readCtrl = new SharedArrayBuffer(4);
  private readData = new SharedArrayBuffer(1 << 16);

  private constructor(
    private readonly worker: Worker,
    private readonly commands: MessagePort,
    private readonly ctrl: Int32Array,
    private readonly text: Uint8Array,
    readonly report: AdapterReport,
  ) {
    worker.on("message", (m: WorkerReply) => this.onReply(m));
    worker.on("error", (e) => { for (const p of this.pending.values()) p.reject(e); this.pending.clear(); });
    // Adding listeners refs the worker again; only pending async reads may keep the process up.
    worker.unref();
    // Node stops the worker when the process exits; stopped inside a Dawn call, Dawn aborts
    // the process. Let the GPU finish first, so the worker is idle when it is stopped.
    process.once("exit", () => this.quiesce());
  }

  private quiesce(): void {
    try {
      const ctrlBuffer = new SharedArrayBuffer(4);
      this.enqueue({ k: "halt", ctrl: ctrlBuffer });
      this.flushScheduled = false;
      if (this.queue.length > 0) this.post(this.queue.splice(0));
      Atomics.wait(new Int32Array(ctrlBuffer), 0, 0, 5000);
    } catch { /* exiting anyway */ }
  }

  /** Start the worker and open an adapter; the report says why not when none is usable. */
  static open(options: { allowSoftware: boolean; powerPreference: "high-performance" | "low-power" }): GpuClient | AdapterReport {
    const ctrlBuffer = new SharedArrayBuffer(16);
    const textBuffer = new SharedArrayBuffer(1 << 16);
    const ctrl = new Int32Array(ctrlBuffer);
    const text = new Uint8Array(textBuffer);
    let worker: Worker;
    try {
      worker = new Worker(new URL("./worker.js", import.meta.url), { stdout: false, stderr: false });
    } catch (e) {
      return { ok: false, reason: gpuWorkerDidNotStart((e as Error).message) };
    }
    worker.unref();
    const channel = new MessageChannel();
    const init: InitMessage = { k: "init", ctrl: ctrlBuffer, text: textBuffer, commands: channel.port2, ...options };
    worker.postMessage(init, [channel.port2]);
    if (Atomics.wait(ctrl, 0, 0, SYNC_TIMEOUT_MS) === "timed-out") {
      void worker.terminate();
      return { ok: false, reason: gpuWorkerSilent() };
    }
    const report = JSON.parse(readText(text)) as AdapterReport;
    if (!report.ok) { void worker.terminate(); return report; }
    channel.port1.unref();
    return new GpuClient(worker, channel.port1, ctrl, text, report);
  }

  get hasShaderF16(): boolean { return this.report.features?.includes("shader-f16") ?? false; }

  private onReply(m: WorkerReply): void {
    if (m.k !== "read") return; // errors are picked up through the shared counter
    const p = this.pending.get(m.token);
    if (p === undefined) return;
    this.pending.delete(m.token);
    if (this.pending.size === 0) this.worker.unref();
    if (m.error !== null) p.reject(new InternalError(gpuReadFailed(m.error)));
    else p.resolve(m.data!);
  }

  enqueue(c: Command): void {
    this.queue.push(c);
    if (this.queue.length >= BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    this.post(this.queue.splice(0));
    this.batchesSent++;
    for (;;) {
      const done = Atomics.load(this.ctrl, 2);
      if (this.batchesSent - done <= MAX_IN_FLIGHT) break;
      Atomics.wait(this.ctrl, 2, done, 1000);
    }
  }

  /** Send a batch and wake the worker, idle or napping while it waits for the GPU (worker.ts). */
  private post(batch: Command[]): void {
    this.commands.postMessage(batch);
    Atomics.add(this.ctrl, 3, 1);
    Atomics.notify(this.ctrl, 3);
  }

  newBufferId(): number { return this.nextBufferId++; }

  /** The key of the pipeline compiled from `code` (compiled by the worker on first use). */
  pipeline(code: string): number {
    let key = this.pipelineKeys.get(code);
    if (key === undefined) {
      key = this.nextPipelineKey++;
      this.pipelineKeys.set(code, key);
      this.enqueue({ k: "pipeline", key, code });
    }
    return key;
  }

  /** The first `size` bytes of buffer `id`, after every queued command ran. */
  readSync(id: number, size: number): Uint8Array {
    if (this.readData.byteLength < size) this.readData = new SharedArrayBuffer(2 ** Math.ceil(Math.log2(size)));
    const ctrl = new Int32Array(this.readCtrl);
    ctrl[0] = 0;
    this.enqueue({ k: "read", id, size, ctrl: this.readCtrl, data: this.readData, token: 0 });
    this.flush();
    this.waitFor(ctrl);
    const out = new Uint8Array(size);
    out.set(new Uint8Array(this.readData, 0, size));
    return out;
  }

  readAsync(id: number, size: number): Promise<Uint8Array> {
    const token = this.nextToken++;
    const done = new Promise<ArrayBuffer>((resolve, reject) => this.pending.set(token, { resolve, reject }));
    this.worker.ref();
    this.enqueue({ k: "read", id, size, ctrl: null, data: null, token });
    this.flush();
    return done.then((b) => { this.throwGpuErrors(); return new Uint8Array(b); });
  }

  /** Wait until the GPU has finished everything queued (for timing and tests). */
  finish(): void {
    const ctrlBuffer = new SharedArrayBuffer(4);
    const ctrl = new Int32Array(ctrlBuffer);
    this.enqueue({ k: "finish", ctrl: ctrlBuffer });
    this.flush();
    this.waitFor(ctrl);
  }

  private waitFor(ctrl: Int32Array): void {
    if (Atomics.wait(ctrl, 0, 0, SYNC_TIMEOUT_MS) === "timed-out") throw new InternalError(gpuTimedOut(SYNC_TIMEOUT_MS / 1000));
    if (ctrl[0] === 2) throw new InternalError(gpuReadFailed(readText(this.text)));
    this.throwGpuErrors();
  }

  /** Raise what the GPU reported since the last call (out of memory, invalid commands). */
  throwGpuErrors(): void {
    const seen = Atomics.load(this.ctrl, 1);
    if (seen === this.errorsSeen) return;
    this.errorsSeen = seen;
    const message = readText(this.text);
    if (message.startsWith("out-of-memory")) throw new ResourceExhaustedError(gpuOutOfMemory(message));
    throw new InternalError(webGpuError(message));
  }
}

function readText(text: Uint8Array): string {
  const n = new DataView(text.buffer).getInt32(0, true);
  return new TextDecoder().decode(text.slice(4, 4 + n));
}
