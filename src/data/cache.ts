// Dataset.cache(filename?): the first complete pass records the elements (in memory, or in a
// file), later passes read the record instead of the input. A file cache is written to a
// temporary file beside its name and renamed into place only once the pass is complete, so a
// pipeline that fails (or a process that dies) never leaves a half-written cache behind.
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { TensorSpec } from "../api/tensor_spec.js";
import type { Tensor } from "../runtime/tensor.js";
import { FailedPreconditionError } from "../errors/errors.js";
import { cacheNotCheckpointable } from "../errors/data_messages.js";
import { isPromise, then, type Components, type DatasetNode, type IteratorContext, type NodeIterator, type StateValue } from "./node.js";
import { decodeComponents, encodeComponents } from "./state.js";
import type { Structure } from "./structure.js";

/** The file a cache named `filename` lives in. */
export function cacheFilePath(filename: string): string { return `${filename}.tsflow-cache`; }

export class CacheNode implements DatasetNode {
  readonly pythonName = "_CacheDataset";
  /** The memory cache, once a pass completed. */
  private memory: Tensor[][] | null = null;
  constructor(private readonly input: DatasetNode, private readonly filename: string) {}
  get spec(): Structure<TensorSpec> { return this.input.spec; }
  cardinality(): number { return this.input.cardinality(); }

  private completed(): (() => Components[]) | null {
    if (this.filename === "") return this.memory === null ? null : () => this.memory!;
    const path = cacheFilePath(this.filename);
    if (!existsSync(path)) return null;
    return () => readFileSync(path, "utf8").split("\n").filter((l) => l !== "").map((l) => decodeComponents(JSON.parse(l) as StateValue));
  }

  makeIterator(ctx: IteratorContext): NodeIterator {
    const open = (): NodeIterator => {
      const read = this.completed();
      return read === null ? this.writer(ctx) : reader(read());
    };
    let inner = open();
    return {
      next: () => inner.next(),
      save: () => inner.save(),
      restore: (s: StateValue) => {
        // A position saved while writing resumes writing; one saved while reading, reading.
        const mode = (s as { mode: string }).mode;
        const read = this.completed();
        inner = mode === "read" && read !== null ? reader(read()) : this.writer(ctx);
        inner.restore(s);
      },
    };
  }

  private writer(ctx: IteratorContext): NodeIterator {
    const it = this.input.makeIterator(ctx), node = this, file = this.filename !== "";
    let recorded: Tensor[][] = [];
    let finished = false;
    const publish = (): void => {
      finished = true;
      if (!file) { node.memory ??= recorded; return; }
      const path = cacheFilePath(node.filename);
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        writeFileSync(tmp, recorded.map((c) => JSON.stringify(encodeComponents(c))).join("\n") + "\n");
        renameSync(tmp, path);
      } catch (e) {
        try { unlinkSync(tmp); } catch { /* never created */ }
        throw e;
      }
    };
    const record = (c: Components): Components => {
      if (c === null) { if (!finished) publish(); return null; }
      recorded.push(c);
      return c;
    };
    return {
      next: () => {
        const c = it.next();
        return isPromise(c) ? then(c, record) : record(c);
      },
      save(): StateValue {
        if (file) throw new FailedPreconditionError(cacheNotCheckpointable());
        return { mode: "write", recorded: recorded.map(encodeComponents), input: it.save() };
      },
      restore(s: StateValue) {
        const o = s as { mode: string; recorded: StateValue[]; input: StateValue };
        if (file) throw new FailedPreconditionError(cacheNotCheckpointable());
        recorded = o.recorded.map((r) => decodeComponents(r)!);
        it.restore(o.input);
      },
    };
  }
}

/** Reads a completed cache. */
function reader(elements: Components[]): NodeIterator {
  let index = 0;
  return {
    next: (): Components => (index < elements.length ? elements[index++]!.slice() : null),
    save: (): StateValue => ({ mode: "read", index }),
    restore(s: StateValue) { index = (s as { index: number }).index; },
  };
}

