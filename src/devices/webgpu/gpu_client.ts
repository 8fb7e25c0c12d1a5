// The calling thread's side of the WebGPU worker: starts it, waits for its adapter report,
// writes commands into the shared ring (protocol.ts) and publishes them in batches, and reads
// buffers back synchronously (blocking in Atomics.wait until the worker has the bytes) or
// asynchronously (a reply message).
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { InternalError, ResourceExhaustedError } from "../../errors/errors.js";
import { CTRL_CELLS, Ctrl, DISPATCH_HEADER, INLINE_WRITE_BYTES, Op, RING_WORDS, type AdapterReport, type InitMessage, type SideMessage, type WorkerReply } from "./protocol.js";
import { gpuOutOfMemory, gpuReadFailed, gpuTimedOut, gpuWorkerDidNotStart, gpuWorkerSilent, webGpuError } from "../../errors/device_messages.js";

// A sync call that gets no answer in this long means the GPU or the worker hung.
const SYNC_TIMEOUT_MS = 120_000;
// Commands are published once this many wait (and at the end of the current task): the worker
// submits what it has when it catches up, so publishing each at once would make tiny submits.
const BATCH = 48;
const MASK = RING_WORDS - 1;
// A synchronous call watches for its answer this long before it sleeps in Atomics.wait: a
// small op's read is back sooner, and being woken costs 30-50 µs on a small virtual machine;
// a long read sleeps after the same bounded 0.1 ms.
const SYNC_SPIN_MS = 0.1;

export class GpuClient {
  private readonly words: Int32Array;
  private readonly floats: Float32Array;
  private readonly bytes: Uint8Array;
  /** Where the next command goes (words, wraps); published up to here at flush. */
  private writePos = 0;
  private unpublished = 0;
  private flushScheduled = false;
  private nextBufferId = 1;
  private nextPipelineKey = 1;
  private readonly pipelineKeys = new Map<string, number>();
  private readonly pending = new Map<number, { resolve(b: ArrayBuffer): void; reject(e: Error): void }>();
  private nextToken = 1;
  private errorsSeen = 0;
  private readData: SharedArrayBuffer;

  private constructor(
    private readonly worker: Worker,
    private readonly side: MessagePort,
    private readonly ctrl: Int32Array,
    private readonly text: Uint8Array,
    ring: SharedArrayBuffer,
    readData: SharedArrayBuffer,
    readonly report: AdapterReport,
  ) {
    this.words = new Int32Array(ring);
    this.floats = new Float32Array(ring);
    this.bytes = new Uint8Array(ring);
    this.readData = readData;
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
      Atomics.store(this.ctrl, Ctrl.sync, 0);
      this.command(Op.Halt, 1);
      this.publish();
      Atomics.wait(this.ctrl, Ctrl.sync, 0, 5000);
    } catch { /* exiting anyway */ }
  }

  /** Start the worker and open an adapter; the report says why not when none is usable. */
  static open(options: { allowSoftware: boolean; powerPreference: "high-performance" | "low-power" }): GpuClient | AdapterReport {
    const ctrlBuffer = new SharedArrayBuffer(4 * CTRL_CELLS);
    const textBuffer = new SharedArrayBuffer(1 << 16);
    const ring = new SharedArrayBuffer(4 * RING_WORDS);
    const readData = new SharedArrayBuffer(1 << 16);
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
    const init: InitMessage = { k: "init", ctrl: ctrlBuffer, text: textBuffer, ring, side: channel.port2, readData, ...options };
    worker.postMessage(init, [channel.port2]);
    if (Atomics.wait(ctrl, Ctrl.ready, 0, SYNC_TIMEOUT_MS) === "timed-out") {
      void worker.terminate();
      return { ok: false, reason: gpuWorkerSilent() };
    }
    const report = JSON.parse(readText(text)) as AdapterReport;
    if (!report.ok) { void worker.terminate(); return report; }
    channel.port1.unref();
    return new GpuClient(worker, channel.port1, ctrl, text, ring, readData, report);
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

  /**
   * Room for a command of `n` words: its first word's index in the ring, with the header
   * written. A command that would cross the ring's end starts at 0 after a Pad.
   */
  private command(op: number, n: number): number {
    let at = this.writePos & MASK;
    const pad = at + n > RING_WORDS ? RING_WORDS - at : 0;
    this.room(pad + n);
    if (pad > 0) {
      this.words[at] = Op.Pad | (pad << 8);
      this.writePos = (this.writePos + pad) | 0;
      at = 0;
    }
    this.words[at] = op | (n << 8);
    this.writePos = (this.writePos + n) | 0;
    return at;
  }

  /** Wait until the worker has read enough of the ring for `n` more words. */
  private room(n: number): void {
    for (;;) {
      const tail = Atomics.load(this.ctrl, Ctrl.tail);
      if (((this.writePos - tail) | 0) + n <= RING_WORDS) return;
      this.publish();
      Atomics.store(this.ctrl, Ctrl.writerWaiting, 1);
      Atomics.wait(this.ctrl, Ctrl.tail, tail, 1000);
      Atomics.store(this.ctrl, Ctrl.writerWaiting, 0);
    }
  }

  /** A command was written: publish once a batch waits, or at the end of the current task. */
  private written(): void {
    if (++this.unpublished >= BATCH) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  flush(): void {
    this.flushScheduled = false;
    if (this.unpublished > 0) this.publish();
  }

  /** Make the written commands visible, and wake the worker if it sleeps. */
  private publish(): void {
    this.unpublished = 0;
    Atomics.store(this.ctrl, Ctrl.head, this.writePos);
    if (Atomics.load(this.ctrl, Ctrl.sleeping) !== 0) Atomics.notify(this.ctrl, Ctrl.head);
  }

  private sideMessage(m: SideMessage, transfer: ArrayBuffer[] = []): void {
    this.side.postMessage(m, transfer);
  }

  newBufferId(): number { return this.nextBufferId++; }

  create(id: number, size: number): void {
    const at = this.command(Op.Create, 3);
    this.words[at + 1] = id;
    this.words[at + 2] = size;
    this.written();
  }

  destroy(id: number): void {
    const at = this.command(Op.Destroy, 2);
    this.words[at + 1] = id;
    this.written();
  }

  /** Write `data` into buffer `id` at `offset` (bytes, a multiple of 4) once earlier commands ran. */
  write(id: number, offset: number, data: Uint8Array): void {
    const size = data.byteLength;
    if (size <= INLINE_WRITE_BYTES) {
      const at = this.command(Op.Write, 4 + ((size + 3) >> 2));
      this.words[at + 1] = id;
      this.words[at + 2] = offset;
      this.words[at + 3] = size;
      this.bytes.set(data, 4 * (at + 4));
    } else {
      // A copy: the caller may change its array once this returns.
      const copy = data.slice().buffer;
      this.sideMessage({ k: "write", data: copy }, [copy]);
      const at = this.command(Op.WriteSide, 3);
      this.words[at + 1] = id;
      this.words[at + 2] = offset;
    }
    this.written();
  }

  copy(src: number, srcOffset: number, dst: number, dstOffset: number, size: number): void {
    const at = this.command(Op.Copy, 6);
    const w = this.words;
    w[at + 1] = src; w[at + 2] = srcOffset; w[at + 3] = dst; w[at + 4] = dstOffset; w[at + 5] = size;
    this.written();
  }

  /** The key of the pipeline compiled from `code` (compiled by the worker on first use). */
  pipeline(code: string): number {
    let key = this.pipelineKeys.get(code);
    if (key === undefined) {
      key = this.nextPipelineKey++;
      this.pipelineKeys.set(code, key);
      this.sideMessage({ k: "pipeline", code });
      const at = this.command(Op.Pipeline, 2);
      this.words[at + 1] = key;
      this.written();
    }
    return key;
  }

  /** Run pipeline `key` on `buffers` (bound in order) with shape words `params`. */
  dispatch(key: number, buffers: readonly { readonly id: number }[], params: Uint32Array | Int32Array | Float32Array | undefined, x: number, y: number, z: number): void {
    const nb = buffers.length, np = params === undefined ? 0 : params.length;
    const at = this.command(Op.Dispatch, DISPATCH_HEADER + nb + np);
    const w = this.words;
    w[at + 1] = key; w[at + 2] = nb; w[at + 3] = np; w[at + 4] = x; w[at + 5] = y; w[at + 6] = z;
    const ids = at + DISPATCH_HEADER;
    for (let i = 0; i < nb; i++) w[ids + i] = buffers[i]!.id;
    // Float words keep their bits; integer words wrap to their two's-complement bits.
    if (params instanceof Float32Array) this.floats.set(params, ids + nb);
    else if (params !== undefined) w.set(params, ids + nb);
    this.written();
  }

  /** The first `size` bytes of buffer `id`, after every queued command ran. */
  readSync(id: number, size: number): Uint8Array {
    if (this.readData.byteLength < size) {
      this.readData = new SharedArrayBuffer(2 ** Math.ceil(Math.log2(size)));
      this.sideMessage({ k: "readBuffer", data: this.readData });
      this.command(Op.SetReadBuffer, 1);
    }
    Atomics.store(this.ctrl, Ctrl.sync, 0);
    this.read(id, size, 0);
    this.waitForSync();
    const out = new Uint8Array(size);
    out.set(new Uint8Array(this.readData, 0, size));
    return out;
  }

  readAsync(id: number, size: number): Promise<Uint8Array> {
    const token = this.nextToken++;
    const done = new Promise<ArrayBuffer>((resolve, reject) => this.pending.set(token, { resolve, reject }));
    this.worker.ref();
    this.read(id, size, token);
    return done.then((b) => { this.throwGpuErrors(); return new Uint8Array(b); });
  }

  private read(id: number, size: number, token: number): void {
    const at = this.command(Op.Read, 4);
    this.words[at + 1] = id; this.words[at + 2] = size; this.words[at + 3] = token;
    this.publish();
  }

  /** Wait until the GPU has finished everything queued (for timing and tests). */
  finish(): void {
    Atomics.store(this.ctrl, Ctrl.sync, 0);
    this.command(Op.Finish, 1);
    this.publish();
    this.waitForSync();
  }

  private waitForSync(): void {
    const until = performance.now() + SYNC_SPIN_MS;
    while (Atomics.load(this.ctrl, Ctrl.sync) === 0 && performance.now() < until) { /* watching */ }
    if (Atomics.load(this.ctrl, Ctrl.sync) === 0 && Atomics.wait(this.ctrl, Ctrl.sync, 0, SYNC_TIMEOUT_MS) === "timed-out") throw new InternalError(gpuTimedOut(SYNC_TIMEOUT_MS / 1000));
    if (this.ctrl[Ctrl.sync] === 2) throw new InternalError(gpuReadFailed(readText(this.text)));
    this.throwGpuErrors();
  }

  /** Raise what the GPU reported since the last call (out of memory, invalid commands). */
  throwGpuErrors(): void {
    const seen = Atomics.load(this.ctrl, Ctrl.errors);
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
