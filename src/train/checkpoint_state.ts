// The `checkpoint` state file beside TensorFlow checkpoints: a CheckpointState proto
// (tensorflow/python/training/checkpoint_state.proto) in protobuf text format, as
// tensorflow/python/checkpoint/checkpoint_management.py writes and reads it:
//   model_checkpoint_path: "ckpt-3"
//   all_model_checkpoint_paths: "ckpt-2"
//   all_model_checkpoint_paths: "ckpt-3"
//   all_model_checkpoint_timestamps: 1712345678.123
//   …
//   last_preserved_timestamp: 1712345600.5
// Paths are stored relative to the directory and read back joined to it.
import { readFileSync } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { isAbsolute, relative } from "node:path";
import { RuntimeError, ValueError } from "../errors/errors.js";
import {
  checkpointFilesMissing, checkpointStateIgnored, invalidCheckpointState, savePathConflicts, stateUnknownField,
  stateUnparsable, stateValueExpected, timestampsMismatch,
} from "../errors/train_messages.js";
import { read, writeFileAtomic } from "../io/files.js";

export interface CheckpointState {
  /** The latest checkpoint's prefix. */
  modelCheckpointPath: string;
  /** Prefixes of the checkpoints not yet deleted, oldest first. */
  allModelCheckpointPaths: string[];
  /** Seconds since the epoch at which each of `allModelCheckpointPaths` was written. */
  allModelCheckpointTimestamps: number[];
  /** Seconds since the epoch of the last checkpoint kept by `keepCheckpointEveryNHours` (0: none). */
  lastPreservedTimestamp: number;
}

// ---------------------------------------------------------------------------------------
// Python's os.path (posix), which TensorFlow's path arithmetic uses

/** `os.path.join(a, b)`. */
export function pyJoin(a: string, b: string): string {
  if (b.startsWith("/") || a === "") return b;
  return a.endsWith("/") ? a + b : `${a}/${b}`;
}

/** `os.path.dirname(p)`: "" for a bare name. */
export function pyDirname(p: string): string {
  const i = p.lastIndexOf("/");
  if (i < 0) return "";
  const head = p.slice(0, i + 1);
  return /^\/+$/.test(head) ? head : head.replace(/\/+$/, "");
}

/** `os.path.relpath(p, start)` ("" start: the current directory). */
function pyRelpath(p: string, start: string): string {
  return relative(start === "" ? "." : start, p) || ".";
}

// ---------------------------------------------------------------------------------------
// Text format

/** Protobuf text format's string escaping (CEscape): octal for bytes outside printable ASCII. */
export function cEscape(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    switch (b) {
      case 0x0a: out += "\\n"; break;
      case 0x0d: out += "\\r"; break;
      case 0x09: out += "\\t"; break;
      case 0x22: out += "\\\""; break;
      case 0x27: out += "\\'"; break;
      case 0x5c: out += "\\\\"; break;
      default:
        out += b < 0x20 || b >= 0x7f ? `\\${b.toString(8).padStart(3, "0")}` : String.fromCharCode(b);
    }
  }
  return out;
}

function cUnescape(s: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\") { bytes.push(...enc.encode(c)); continue; }
    const n = s[++i] ?? "";
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, "\\": 92, "'": 39, "\"": 34, "?": 63 };
    if (n in simple) bytes.push(simple[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? "")) oct += s[++i];
      bytes.push(parseInt(oct, 8) & 0xff);
    } else if (n === "x" || n === "X") {
      let h = "";
      while (h.length < 2 && /[0-9a-fA-F]/.test(s[i + 1] ?? "")) h += s[++i];
      bytes.push(parseInt(h || "0", 16));
    } else bytes.push(...enc.encode(n));
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/** Python's `str(float)` for the finite doubles a timestamp holds: `1712345678.0`, `1712345678.25`. */
function pyFloat(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  // JS writes 1e21 and up / below 1e-6 with an exponent; Python from 1e16 / below 1e-4.
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(s);
  if (m !== null) return `${m[1]}${m[2]}${m[3] !== undefined ? `.${m[3]}` : ""}e${m[4]}${m[5]!.padStart(2, "0")}`;
  if (Math.abs(x) >= 1e16 || (x !== 0 && Math.abs(x) < 1e-4)) {
    const [mant, exp] = x.toExponential().split("e");
    const e = Number(exp);
    return `${mant}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return s;
}

/** The state as `text_format.MessageToString` writes it (proto3: defaults left out). */
export function formatCheckpointState(s: CheckpointState): string {
  let out = "";
  if (s.modelCheckpointPath !== "") out += `model_checkpoint_path: "${cEscape(s.modelCheckpointPath)}"\n`;
  for (const p of s.allModelCheckpointPaths) out += `all_model_checkpoint_paths: "${cEscape(p)}"\n`;
  for (const t of s.allModelCheckpointTimestamps) out += `all_model_checkpoint_timestamps: ${pyFloat(t)}\n`;
  if (s.lastPreservedTimestamp !== 0) out += `last_preserved_timestamp: ${pyFloat(s.lastPreservedTimestamp)}\n`;
  return out;
}

/** Parse the text format (unknown fields raise ValueError, as text_format.Merge's ParseError). */
export function parseCheckpointState(text: string, file = "checkpoint"): CheckpointState {
  const s: CheckpointState = { modelCheckpointPath: "", allModelCheckpointPaths: [], allModelCheckpointTimestamps: [], lastPreservedTimestamp: 0 };
  const re = /\s*(?:#[^\n]*\n\s*)*([A-Za-z_][A-Za-z0-9_]*)\s*:?\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[-+0-9.eEinfatINFA]+)\s*[;,]?/y;
  let pos = 0;
  const strings = (v: string): string => {
    // Adjacent string literals concatenate in text format; a single one is the common case.
    if (!/^["']/.test(v)) throw new ValueError(stateValueExpected(file, "string", v));
    return cUnescape(v.slice(1, -1));
  };
  const number = (v: string): number => {
    const x = /^-?inf(inity)?$/i.test(v) ? (v.startsWith("-") ? -Infinity : Infinity) : Number(v);
    if (Number.isNaN(x) && !/^nan$/i.test(v)) throw new ValueError(stateValueExpected(file, "number", v));
    return x;
  };
  while (true) {
    const rest = text.slice(pos);
    if (/^\s*(#[^\n]*(\n|$)\s*)*$/.test(rest)) break;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) throw new ValueError(stateUnparsable(file, rest));
    pos = re.lastIndex;
    const [, field, value] = m as unknown as [string, string, string];
    switch (field) {
      case "model_checkpoint_path": s.modelCheckpointPath = strings(value); break;
      case "all_model_checkpoint_paths": s.allModelCheckpointPaths.push(strings(value)); break;
      case "all_model_checkpoint_timestamps": s.allModelCheckpointTimestamps.push(number(value)); break;
      case "last_preserved_timestamp": s.lastPreservedTimestamp = number(value); break;
      default: throw new ValueError(stateUnknownField(file, field));
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// checkpoint_management.py

/** The state file's path: `<dir>/checkpoint`. */
export function checkpointStateFilename(dir: string): string { return pyJoin(dir, "checkpoint"); }

function resolveState(dir: string, s: CheckpointState): CheckpointState {
  if (s.modelCheckpointPath === "") throw new ValueError(invalidCheckpointState(dir));
  const abs = (p: string): string => (isAbsolute(p) ? p : pyJoin(dir, p));
  return { ...s, modelCheckpointPath: abs(s.modelCheckpointPath), allModelCheckpointPaths: s.allModelCheckpointPaths.map(abs) };
}

/**
 * `tf.train.get_checkpoint_state(dir)`: the state of `<dir>/checkpoint` with its paths
 * joined to `dir`, or null when there is no such file (or it cannot be parsed, which
 * TensorFlow logs and ignores). A state without model_checkpoint_path raises ValueError.
 */
export async function getCheckpointState(dir: string): Promise<CheckpointState | null> {
  let text: string;
  try {
    text = new TextDecoder().decode(await read(checkpointStateFilename(dir)));
  } catch {
    return null;
  }
  return stateFromText(dir, text);
}

/** getCheckpointState, synchronously (for CheckpointManager's constructor). */
export function getCheckpointStateSync(dir: string): CheckpointState | null {
  let text: string;
  try {
    text = readFileSync(checkpointStateFilename(dir), "utf8");
  } catch {
    return null;
  }
  return stateFromText(dir, text);
}

/** The state a `checkpoint` file's text describes, or null (with TensorFlow's warning) when it does not parse. */
function stateFromText(dir: string, text: string): CheckpointState | null {
  let s: CheckpointState;
  try {
    s = parseCheckpointState(text, checkpointStateFilename(dir));
  } catch (e) {
    console.warn(checkpointStateIgnored((e as Error).message, checkpointStateFilename(dir)));
    return null;
  }
  return resolveState(dir, s);
}

/**
 * TensorFlow's update_checkpoint_state_internal with save_relative_paths: write
 * `<saveDir>/checkpoint` atomically, the paths made relative to `saveDir`.
 */
export async function updateCheckpointState(
  saveDir: string, modelCheckpointPath: string, allModelCheckpointPaths: readonly string[],
  timestamps?: readonly number[], lastPreservedTimestamp?: number,
): Promise<void> {
  const rel = (p: string): string => {
    let r = isAbsolute(p) ? pyRelpath(p, saveDir) : p;
    // generate_checkpoint_state_proto: relative paths are rewritten relative to a relative save_dir.
    if (!isAbsolute(saveDir) && !isAbsolute(r)) r = pyRelpath(r, saveDir);
    return r;
  };
  const model = rel(modelCheckpointPath);
  const all = allModelCheckpointPaths.map(rel);
  if (all.length === 0 || all[all.length - 1] !== model) all.push(model);
  const ts = timestamps === undefined ? [] : [...timestamps];
  if (ts.length > 0 && ts.length !== all.length) {
    throw new ValueError(timestampsMismatch(all, ts));
  }
  const file = checkpointStateFilename(saveDir);
  if (file === model) {
    throw new RuntimeError(savePathConflicts(modelCheckpointPath));
  }
  if (saveDir !== "") await mkdir(saveDir, { recursive: true });
  const text = formatCheckpointState({
    modelCheckpointPath: model, allModelCheckpointPaths: all, allModelCheckpointTimestamps: ts,
    lastPreservedTimestamp: lastPreservedTimestamp ?? 0,
  });
  await writeFileAtomic(file, new TextEncoder().encode(text));
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * `tf.train.latest_checkpoint(dir)`: the prefix of the latest checkpoint named by
 * `<dir>/checkpoint` (joined to `dir`), or null when there is none or its files are missing.
 */
export async function latestCheckpoint(checkpointDir: string): Promise<string | null> {
  const s = await getCheckpointState(checkpointDir);
  if (s === null || s.modelCheckpointPath === "") return null;
  const p = s.modelCheckpointPath;
  if (await exists(`${p}.index`) || await exists(p)) return p;
  console.error(checkpointFilesMissing(p));
  return null;
}
