// What the calling thread sends to the WebGPU worker (worker.ts) and what comes back. The
// calling thread decides everything (buffer ids, sizes, WGSL, dispatch sizes); the worker only
// replays commands on its GPUDevice, in order. Commands travel in batches (one postMessage on
// a port of their own, each followed by a bump of ctrl cell 3 that wakes the waiting worker).
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

export interface InitMessage {
  readonly k: "init";
  /** Int32 cells: [0] = 0 until the worker answers, then 1; [1] GPU errors seen; [2] batches done; [3] batches posted. */
  readonly ctrl: SharedArrayBuffer;
  /** UTF-8 JSON of the AdapterReport; also used for error texts of later synchronous calls. */
  readonly text: SharedArrayBuffer;
  /** The port command batches come through (received synchronously by the worker). */
  readonly commands: MessagePort;
  readonly allowSoftware: boolean;
  readonly powerPreference: "high-performance" | "low-power";
}

export type Command =
  /** A new storage buffer of `size` bytes (a multiple of 4). */
  | { readonly k: "create"; readonly id: number; readonly size: number }
  | { readonly k: "destroy"; readonly id: number }
  /** Write bytes into a buffer at `offset` (queue order: after every earlier command). */
  | { readonly k: "write"; readonly id: number; readonly offset: number; readonly data: ArrayBuffer }
  | { readonly k: "copy"; readonly src: number; readonly srcOffset: number; readonly dst: number; readonly dstOffset: number; readonly size: number }
  /** Compile a compute pipeline (entry point `main`) once; later dispatches name it by key. */
  | { readonly k: "pipeline"; readonly key: number; readonly code: string }
  /**
   * Run pipeline `key` with storage buffers bound at 0…n-1 in order and, when `uniform` is
   * given, a uniform buffer holding it bound at n.
   */
  | { readonly k: "dispatch"; readonly key: number; readonly buffers: readonly number[]; readonly uniform: ArrayBuffer | null; readonly groups: readonly [number, number, number] }
  /**
   * Copy `size` bytes of buffer `id` back. Synchronous reads: the bytes go to `data` and
   * Int32 cell `ctrl[0]` turns 1 (2 on error, with the text in the init `text` buffer).
   * Asynchronous reads (`token` set): the bytes come back in a ReadReply message.
   */
  | { readonly k: "read"; readonly id: number; readonly size: number; readonly ctrl: SharedArrayBuffer | null; readonly data: SharedArrayBuffer | null; readonly token: number }
  /** Make sure the worker has submitted everything and the GPU finished it (sync, like read). */
  | { readonly k: "finish"; readonly ctrl: SharedArrayBuffer }
  /** The process exits: submit, destroy the device and stop taking commands (sync). */
  | { readonly k: "halt"; readonly ctrl: SharedArrayBuffer };

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
