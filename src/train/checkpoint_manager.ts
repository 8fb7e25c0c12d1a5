// tf.train.CheckpointManager (tensorflow/python/checkpoint/checkpoint_management.py): numbered
// checkpoints `<directory>/<checkpointName>-N`, the newest `maxToKeep` kept (older ones
// deleted, or preserved every `keepCheckpointEveryNHours`), the state in `<directory>/checkpoint`
// (read back by a later manager on the same directory).
import { readdir, unlink } from "node:fs/promises";
import { basename } from "node:path";
import { Tensor } from "../runtime/tensor.js";
import { Variable } from "../api/variable.js";
import { ValueError } from "../errors/errors.js";
import {
  checkpointNumberNotInteger, clockBehindLastPreserved, deleteHitNotFound, maxToKeepInvalid, stepCounterRequired,
} from "../errors/train_messages.js";
import type { Checkpoint } from "./checkpoint.js";
import { getCheckpointStateSync, pyDirname, pyJoin, updateCheckpointState } from "./checkpoint_state.js";

export interface CheckpointManagerOptions {
  /** Checkpoints to keep (default 5); `null` keeps all of them. */
  maxToKeep?: number | null;
  /** Preserve a checkpoint leaving the active set if this many hours passed since the last preserved one. */
  keepCheckpointEveryNHours?: number | null;
  /** File name prefix of the checkpoints (default "ckpt"). */
  checkpointName?: string;
  /** The step to compare against `checkpointInterval` (required with it). */
  stepCounter?: Variable | Tensor | null;
  /** Save only when `stepCounter` advanced by at least this many steps since the last save. */
  checkpointInterval?: number | null;
  /** Called by `restoreOrInitialize()` when the directory has no checkpoint. */
  initFn?: (() => void | Promise<void>) | null;
}

export interface CheckpointManagerSaveOptions {
  /** With `checkpointInterval`: save only when the interval has passed (default true). */
  checkInterval?: boolean;
}

function scalarInt(x: number | bigint | Variable | Tensor): number {
  const v = x instanceof Variable || x instanceof Tensor ? x.numpy().item() : x;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ValueError(checkpointNumberNotInteger(v));
  return Math.trunc(n);
}

/** Delete `<prefix>.index` and `<prefix>.data-?????-of-?????`. */
async function deleteCheckpointFiles(prefix: string): Promise<void> {
  const dir = pyDirname(prefix);
  const base = basename(prefix);
  let names: string[];
  try {
    names = await readdir(dir === "" ? "." : dir);
  } catch {
    return;
  }
  const data = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.data-.{5}-of-.{5}$`);
  for (const n of names) {
    if (n !== `${base}.index` && !data.test(n)) continue;
    try {
      await unlink(pyJoin(dir, n));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      console.warn(deleteHitNotFound(pyJoin(dir, n)));
    }
  }
}

/**
 * `tf.train.CheckpointManager(checkpoint, directory, { maxToKeep })`. A manager created on
 * a directory that already has a `checkpoint` state file takes over its checkpoints.
 */
export class CheckpointManager {
  private readonly ckpt: Checkpoint;
  private readonly dir: string;
  private readonly maxToKeep: number | null;
  private readonly keepEveryNHours: number | null;
  private readonly prefix: string;
  private readonly initFn: (() => void | Promise<void>) | null;
  private readonly stepCounter: Variable | Tensor | null;
  private readonly interval: number | null;
  private lastCheckpointStep: number | null = null;
  private latest: string | null;
  private lastPreservedTimestamp: number;
  /** Managed checkpoints, oldest first, with the time each was written (seconds). */
  private readonly maybeDelete = new Map<string, number>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(checkpoint: Checkpoint, directory: string, options: CheckpointManagerOptions = {}) {
    const maxToKeep = options.maxToKeep === undefined ? 5 : options.maxToKeep;
    if (maxToKeep !== null && (!Number.isInteger(maxToKeep) || maxToKeep <= 0)) {
      throw new ValueError(maxToKeepInvalid(maxToKeep));
    }
    this.ckpt = checkpoint;
    this.dir = directory;
    this.maxToKeep = maxToKeep;
    this.keepEveryNHours = options.keepCheckpointEveryNHours ?? null;
    this.prefix = pyJoin(directory, options.checkpointName ?? "ckpt");
    this.initFn = options.initFn ?? null;
    this.interval = options.checkpointInterval ?? null;
    this.stepCounter = options.stepCounter ?? null;
    if (this.interval !== null && this.stepCounter === null) {
      throw new ValueError(stepCounterRequired());
    }

    const state = getCheckpointStateSync(directory);
    const now = Date.now() / 1000;
    if (state === null) {
      this.latest = null;
      // Set the clock back slightly, as TensorFlow does, against quickly re-created managers.
      this.lastPreservedTimestamp = now - 1;
    } else {
      this.latest = state.modelCheckpointPath;
      this.lastPreservedTimestamp = state.lastPreservedTimestamp;
      if (now < this.lastPreservedTimestamp) {
        console.warn(clockBehindLastPreserved(this.lastPreservedTimestamp - now));
        this.lastPreservedTimestamp = now;
      }
      const paths = state.allModelCheckpointPaths;
      const stamps = state.allModelCheckpointTimestamps.length > 0
        ? state.allModelCheckpointTimestamps : paths.map(() => this.lastPreservedTimestamp);
      paths.forEach((p, i) => {
        const t = Math.min(stamps[i] ?? this.lastPreservedTimestamp, now);
        if (t > this.lastPreservedTimestamp) this.maybeDelete.set(p, t);
      });
    }
  }

  /** The directory given to the constructor. */
  get directory(): string { return this.dir; }
  /** The managed tf.train.Checkpoint. */
  get checkpoint(): Checkpoint { return this.ckpt; }
  /** Minimum steps between saves, or null. */
  get checkpointInterval(): number | null { return this.interval; }
  /** The prefix of the newest checkpoint (`<directory>/ckpt-N`), or null when there is none. */
  get latestCheckpoint(): string | null { return this.latest; }
  /** The managed checkpoints, oldest first (those preserved by keepCheckpointEveryNHours are not listed). */
  get checkpoints(): string[] { return [...this.maybeDelete.keys()]; }

  private async sweep(): Promise<void> {
    if (this.maxToKeep === null) return;
    while (this.maybeDelete.size > this.maxToKeep) {
      const [filename, timestamp] = this.maybeDelete.entries().next().value as [string, number];
      this.maybeDelete.delete(filename);
      if (this.keepEveryNHours !== null && this.keepEveryNHours !== 0 &&
        timestamp - this.keepEveryNHours * 3600 >= this.lastPreservedTimestamp) {
        this.lastPreservedTimestamp = timestamp;
        continue;
      }
      await deleteCheckpointFiles(filename);
    }
  }

  private async recordState(): Promise<void> {
    await updateCheckpointState(
      this.dir, this.latest!, [...this.maybeDelete.keys()], [...this.maybeDelete.values()], this.lastPreservedTimestamp);
  }

  /**
   * Save a new checkpoint `<directory>/<checkpointName>-N` (N: `checkpointNumber`, or the
   * checkpoint's incremented `saveCounter`), record it, and delete the oldest beyond
   * `maxToKeep`. Returns its path, or null when `checkpointInterval` skipped it.
   */
  save(checkpointNumber?: number | bigint | Variable | Tensor | null, options: CheckpointManagerSaveOptions = {}): Promise<string | null> {
    // Saves run one after another, so the state file and deletions stay in order.
    const run = this.pending.then(() => this.saveNow(checkpointNumber ?? null, options.checkInterval ?? true));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async saveNow(checkpointNumber: number | bigint | Variable | Tensor | null, checkInterval: boolean): Promise<string | null> {
    if (this.interval !== null) {
      const current = scalarInt(this.stepCounter!);
      if (this.lastCheckpointStep !== null) {
        if (current === this.lastCheckpointStep) return null;
        if (checkInterval && current < this.lastCheckpointStep + this.interval) return null;
      }
      this.lastCheckpointStep = current;
    }
    const counter = this.ckpt.saveCounter;
    counter.assignAdd(1n, { readValue: false });
    const n = scalarInt(checkpointNumber ?? counter);
    const savePath = await this.ckpt.write(`${this.prefix}-${n}`);
    // An overwritten checkpoint moves to the end of the queue.
    this.maybeDelete.delete(savePath);
    this.maybeDelete.set(savePath, Date.now() / 1000);
    this.latest = savePath;
    // Record first (a crash while deleting still finds the new checkpoint), then sweep, then record again.
    await this.recordState();
    await this.sweep();
    await this.recordState();
    return savePath;
  }

  /**
   * Restore the latest checkpoint and return its path; with none, call `initFn` (when
   * given) and return null. Use `checkpoint.restore(manager.latestCheckpoint)` for a status.
   */
  async restoreOrInitialize(): Promise<string | null> {
    if (this.latest !== null) {
      await this.ckpt.restore(this.latest);
      if (this.interval !== null) this.lastCheckpointStep = scalarInt(this.stepCounter!);
      return this.latest;
    }
    if (this.initFn !== null) await this.initFn();
    return null;
  }
}
