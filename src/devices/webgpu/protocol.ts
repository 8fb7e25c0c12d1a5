// What the calling thread sends to the WebGPU worker (worker.ts) and what comes back. The
// calling thread decides everything (buffer ids, sizes, WGSL, dispatch sizes); the worker only
// replays commands on its GPUDevice, in order. Commands are Int32 words in a ring of shared
// memory (no object or message per command): the calling thread writes them, publishes its
// write position in a control cell and wakes the worker only when it sleeps. What does not fit
// in words (WGSL source, large writes, a larger read buffer) travels as a side message on a
// port, posted before the command that takes it and received synchronously by the worker.
import type { MessagePort } from "node:worker_threads";

/** Info about the adapter the worker opened, or why there is none. */
export interface AdapterReport {
  readonly ok: boolean;
  /** Why no device was opened (ok false). */
  readonly reason?: string;
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
  readonly features?: readonly string[];
  readonly maxBufferSize?: number;
  readonly maxStorageBufferBindingSize?: number;
  readonly maxComputeWorkgroupsPerDimension?: number;
  readonly maxComputeInvocationsPerWorkgroup?: number;
  readonly maxComputeWorkgroupSizeX?: number;
  readonly maxComputeWorkgroupStorageSize?: number;
  readonly minStorageBufferOffsetAlignment?: number;
  readonly minUniformBufferOffsetAlignment?: number;
}

/** Int32 cells of the init message's `ctrl`. */
export const Ctrl = {
  /** 0 until the worker answers init, then 1. */
  ready: 0,
  /** GPU errors seen (the text of the last in `text`). */
  errors: 1,
  /** The calling thread's published write position in the ring, in words (wraps). */
  head: 2,
  /** The worker's read position (wraps); the calling thread waits on it when the ring is full. */
  tail: 3,
  /** 1 while the worker sleeps waiting for `head` to move (the writer then notifies). */
  sleeping: 4,
  /** 1 while the calling thread waits for room in the ring (the worker then notifies on `tail`). */
  writerWaiting: 6,
  /** Synchronous calls (read, finish, halt): 0 while pending, 1 done, 2 failed (text in `text`). */
  sync: 5,
} as const;
export const CTRL_CELLS = 8;

/** Ring size in Int32 words (a power of two). */
export const RING_WORDS = 1 << 16;

export interface InitMessage {
  readonly k: "init";
  readonly ctrl: SharedArrayBuffer;
  /** UTF-8 JSON of the AdapterReport; also used for error texts of later synchronous calls. */
  readonly text: SharedArrayBuffer;
  /** The command ring, RING_WORDS Int32 words. */
  readonly ring: SharedArrayBuffer;
  /** The port side messages come through (received synchronously by the worker). */
  readonly side: MessagePort;
  /** Where synchronous reads put their bytes (until a SetReadBuffer replaces it). */
  readonly readData: SharedArrayBuffer;
  readonly allowSoftware: boolean;
  readonly powerPreference: "high-performance" | "low-power";
}

/**
 * Command opcodes. Every command starts with a header word `op | words << 8` (`words` counts
 * the header) followed by its fields, all Int32:
 * - Create id size: a new storage buffer of `size` bytes (a multiple of 4).
 * - Destroy id.
 * - Write id offset bytes data…: `bytes` bytes inline, padded to words (queue order: after every earlier command).
 * - WriteSide id offset: the bytes are the next side message (a WriteData).
 * - Copy src srcOffset dst dstOffset size.
 * - Pipeline key: compile the next side message's WGSL (a PipelineCode) once; dispatches name it by key.
 * - Dispatch key buffers params x y z id… word…: run pipeline `key` with `buffers` storage
 *   buffers bound in order and `params` shape words.
 * - Read id size token: copy `size` bytes of buffer `id` back. Token 0: synchronously, into
 *   the read buffer, then cell `sync` turns 1 (2 on error); else a ReadReply message.
 * - SetReadBuffer: synchronous reads go to the next side message's buffer (a ReadBuffer).
 * - Finish: submit everything and wait until the GPU finished it (sync).
 * - Halt: the process exits: submit, destroy the device and stop taking commands (sync).
 * - Pad: skip to the ring's end (a command never wraps around it).
 */
export const Op = {
  Pad: 0, Create: 1, Destroy: 2, Write: 3, WriteSide: 4, Copy: 5, Pipeline: 6, Dispatch: 7, Read: 8, SetReadBuffer: 9, Finish: 10, Halt: 11,
} as const;

/** Header words before a Dispatch's buffer ids. */
export const DISPATCH_HEADER = 7;
/** Writes up to this many bytes travel inline in the ring. */
export const INLINE_WRITE_BYTES = 4096;

export type SideMessage =
  | { readonly k: "pipeline"; readonly code: string }
  | { readonly k: "write"; readonly data: ArrayBuffer }
  | { readonly k: "readBuffer"; readonly data: SharedArrayBuffer };

export interface ReadReply {
  readonly k: "read";
  readonly token: number;
  readonly data: ArrayBuffer | null;
  readonly error: string | null;
}

/** A GPU error the worker saw (validation, out of memory); reported on the next call. */
export interface ErrorReport {
  readonly k: "error";
  readonly kind: "validation" | "out-of-memory" | "internal";
  readonly message: string;
}

export type WorkerReply = ReadReply | ErrorReport;
