// tf.data.TextLineDataset: the lines of text files (one string scalar each, line endings
// "\n" or "\r\n" removed), file after file; GZIP and ZLIB files are inflated with node:zlib.
// The iterator's position is the file and the byte offset of its next line.
import { closeSync, openSync, readSync } from "node:fs";
import { readFileSync } from "node:fs";
import { gunzipSync, inflateSync } from "node:zlib";
import { TensorSpec } from "../api/tensor_spec.js";
import { string } from "../core/dtypes.js";
import { NotFoundError, InvalidArgumentError } from "../errors/errors.js";
import { dataFileNotFound, unknownCompressionType } from "../errors/data_messages.js";
import { hostTensor } from "../runtime/copies.js";
import { Tensor } from "../runtime/tensor.js";
import { Dataset } from "./dataset.js";
import type { Components, DatasetNode, NodeIterator, StateValue } from "./node.js";
import { UNKNOWN } from "./node.js";

export type CompressionType = "" | "GZIP" | "ZLIB" | null;
export interface TextLineOptions { compressionType?: CompressionType; bufferSize?: number | null }

/** The file names a source takes: a string, strings, or a string tensor. */
export type Filenames = string | readonly string[] | Tensor | Dataset;

export function filenamesOf(f: Filenames): string[] {
  if (typeof f === "string") return [f];
  if (f instanceof Tensor) return (f.hostData() as Uint8Array[]).map((b) => Buffer.from(b).toString("utf8"));
  if (f instanceof Dataset) return [...f].map((t) => Buffer.from(((t as Tensor).hostData() as Uint8Array[])[0]!).toString("utf8"));
  return [...f];
}

function openError(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR" ? new NotFoundError(dataFileNotFound(path)) : (err as Error);
}

/** Lines of one file from a byte offset, read `chunk` bytes at a time (whole when compressed). */
class LineReader {
  private fd = -1;
  private whole: Buffer | null = null;
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private base: number;
  private eof = false;
  constructor(path: string, compression: CompressionType, private readonly chunk: number, offset: number) {
    this.base = offset;
    try {
      if (compression === "GZIP" || compression === "ZLIB") {
        const raw = readFileSync(path);
        this.whole = compression === "GZIP" ? gunzipSync(raw) : inflateSync(raw);
        this.buf = this.whole.subarray(offset);
        this.eof = true;
      } else {
        this.fd = openSync(path, "r");
      }
    } catch (e) {
      throw openError(path, e);
    }
  }
  /** Offset of the next line. */
  get offset(): number { return this.base; }
  next(): Uint8Array | null {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl >= 0) {
        const line = this.buf.subarray(0, nl > 0 && this.buf[nl - 1] === 13 ? nl - 1 : nl);
        this.buf = this.buf.subarray(nl + 1);
        this.base += nl + 1;
        return new Uint8Array(line);
      }
      if (this.eof) {
        if (this.buf.length === 0) { this.close(); return null; }
        const line = this.buf[this.buf.length - 1] === 13 ? this.buf.subarray(0, this.buf.length - 1) : this.buf;
        this.base += this.buf.length;
        this.buf = Buffer.alloc(0);
        return new Uint8Array(line);
      }
      const more = Buffer.alloc(this.chunk);
      const n = readSync(this.fd, more, 0, this.chunk, this.base + this.buf.length);
      if (n === 0) this.eof = true;
      else this.buf = this.buf.length === 0 ? more.subarray(0, n) : Buffer.concat([this.buf, more.subarray(0, n)]);
    }
  }
  close(): void {
    if (this.fd >= 0) { closeSync(this.fd); this.fd = -1; }
  }
}

class TextLineNode implements DatasetNode {
  readonly pythonName = "TextLineDatasetV2";
  readonly spec = new TensorSpec([], string);
  constructor(private readonly files: string[], private readonly compression: CompressionType, private readonly chunk: number) {
    if (compression !== "" && compression !== null && compression !== "GZIP" && compression !== "ZLIB") {
      throw new InvalidArgumentError(unknownCompressionType(String(compression)));
    }
  }
  cardinality(): number { return UNKNOWN; }
  makeIterator(): NodeIterator {
    const { files, compression, chunk } = this;
    let fileIndex = 0, offset = 0;
    let reader: LineReader | null = null;
    return {
      next(): Components {
        while (fileIndex < files.length) {
          reader ??= new LineReader(files[fileIndex]!, compression, chunk, offset);
          const line = reader.next();
          if (line !== null) { offset = reader.offset; return [hostTensor(string, [], [line])]; }
          reader = null; fileIndex++; offset = 0;
        }
        return null;
      },
      save: (): StateValue => ({ fileIndex, offset }),
      restore(s: StateValue) {
        const o = s as { fileIndex: number; offset: number };
        reader?.close(); reader = null;
        fileIndex = o.fileIndex; offset = o.offset;
      },
    };
  }
}

/** tf.data.TextLineDataset(filenames, { compressionType, bufferSize }). */
export class TextLineDataset extends Dataset<Tensor> {
  constructor(filenames: Filenames, options: TextLineOptions = {}) {
    super(new TextLineNode(filenamesOf(filenames), options.compressionType ?? "", options.bufferSize ?? 256 * 1024));
  }
}
