// tf.io's files: np.save / np.load / np.savez / np.savez_compressed equivalents, and
// safetensors.numpy.save_file / load_file.
// Writes are atomic: the bytes go to a temporary file in the target's directory, which is
// fsynced and then renamed over the target, so a failed save leaves an existing file intact.
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import type { Tensor } from "../runtime/tensor.js";
import { hostTensor } from "../runtime/copies.js";
import { NotFoundError, PermissionDeniedError, ValueError } from "../errors/errors.js";
import { emptyNpzArrayName, fileSystemError } from "../errors/io_messages.js";
import { decodeNpy, encodeNpy, type NpyArray } from "./npy.js";
import { decodeNpz, encodeNpz, type NpzOptions } from "./npz.js";
import { decodeSafetensors, encodeSafetensors, safetensorsDtype, type SafetensorsArray } from "./safetensors.js";

export type { NpzOptions } from "./npz.js";

function toArray(value: TensorLike): NpyArray {
  const t = convertToTensor(value);
  const nd = t.numpy();
  return { dtype: t.dtype, shape: [...nd.shape], storage: nd.data };
}

function toTensor(a: NpyArray): Tensor {
  return hostTensor(a.dtype, a.shape, a.storage);
}

/** A Node file-system error as TensorFlow's: NotFoundError, PermissionDeniedError, or itself. */
export function fsError(err: unknown, path: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const msg = fileSystemError(path, (err as Error).message);
  if (code === "ENOENT" || code === "ENOTDIR") return new NotFoundError(msg);
  if (code === "EACCES" || code === "EPERM") return new PermissionDeniedError(msg);
  return err as Error;
}

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Write `bytes` to a fresh temporary file beside `path` and fsync it; returns its name. */
async function writeTemp(path: string, bytes: Uint8Array): Promise<string> {
  const tmp = tempName(path);
  let fh;
  try {
    fh = await open(tmp, "wx", 0o644);
  } catch (err) {
    throw fsError(err, path);
  }
  try {
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw fsError(err, path);
  }
  return tmp;
}

/** fsync a directory, so that renames into it survive a crash (best effort: not every platform can). */
async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, "r");
    await fh.sync();
  } catch {
    // Windows cannot open directories; some file systems refuse fsync on them.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** Write `bytes` to `path` atomically (temp file in the same directory, fsync, rename). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeFilesAtomic([[path, bytes]]);
}

/**
 * Write several files as close to atomically as renames allow: every file's bytes go to a
 * temporary file beside it (written and fsynced first, all of them), then the temporaries
 * are renamed over their targets one right after the other, in the order given, and the
 * directories fsynced. A failure or crash before the renames leaves every target as it was;
 * only a crash between two renames can leave the earlier targets new and the later ones old.
 */
export async function writeFilesAtomic(files: ReadonlyArray<readonly [path: string, bytes: Uint8Array]>): Promise<void> {
  const temps: string[] = [];
  try {
    for (const [path, bytes] of files) temps.push(await writeTemp(path, bytes));
  } catch (err) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    throw err;
  }
  for (let i = 0; i < files.length; i++) {
    const path = files[i]![0];
    try {
      await rename(temps[i]!, path);
    } catch (err) {
      await Promise.all(temps.slice(i).map((t) => unlink(t).catch(() => undefined)));
      throw fsError(err, path);
    }
  }
  for (const dir of new Set(files.map(([p]) => dirname(p)))) await syncDir(dir);
}

/** The bytes of `path`; a missing file raises NotFoundError, an unreadable one PermissionDeniedError. */
export async function read(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (err) {
    throw fsError(err, path);
  }
}

/** numpy's rule: np.save appends ".npy" (np.savez ".npz") when the path lacks it. */
function withSuffix(path: string, suffix: string): string {
  return path.endsWith(suffix) ? path : path + suffix;
}

/**
 * `np.save(path, arr)`: write a tensor or variable (or anything `convertToTensor` takes) as
 * a .npy file (".npy" is appended when missing, as NumPy does). Returns the path written.
 * bfloat16 and string tensors raise TypeError (NumPy has no such dtype).
 */
export async function saveNpy(path: string, value: TensorLike): Promise<string> {
  const target = withSuffix(path, ".npy");
  const bytes = encodeNpy(toArray(value), target);
  await writeFileAtomic(target, bytes);
  return target;
}

/** `np.load(path)` of a .npy file, as a Tensor on the host device. */
export async function loadNpy(path: string): Promise<Tensor> {
  return toTensor(decodeNpy(await read(path), path));
}

/**
 * `np.savez(path, name=arr, …)`: a .npz archive with one `name.npy` entry per array
 * (".npz" is appended when missing). `{ compressed: true }` deflates them, as
 * `np.savez_compressed`. Returns the path written.
 */
export async function saveNpz(
  path: string, arrays: Readonly<Record<string, TensorLike>>, options: NpzOptions = {},
): Promise<string> {
  const target = withSuffix(path, ".npz");
  const m = new Map<string, NpyArray>();
  for (const [name, v] of Object.entries(arrays)) {
    if (name === "") throw new ValueError(emptyNpzArrayName(target));
    m.set(name, toArray(v));
  }
  await writeFileAtomic(target, encodeNpz(m, target, options));
  return target;
}

/** `np.load(path)` of a .npz archive: `{ name: Tensor }` for every `name.npy` entry. */
export async function loadNpz(path: string): Promise<Record<string, Tensor>> {
  const out: Record<string, Tensor> = {};
  for (const [name, a] of decodeNpz(await read(path), path)) out[name] = toTensor(a);
  return out;
}

/**
 * `safetensors.numpy.save_file(tensors, path, metadata)`: write named tensors (or variables,
 * or anything `convertToTensor` takes) as a .safetensors file, laid out byte for byte as the
 * reference writer lays them out. `metadata` values must be strings. complex and string
 * tensors raise TypeError. The write is atomic. Returns the path written.
 */
export async function saveSafetensors(
  path: string, tensors: Readonly<Record<string, TensorLike>>,
  metadata?: Readonly<Record<string, string>> | null,
): Promise<string> {
  const m = new Map<string, SafetensorsArray>();
  for (const [name, v] of Object.entries(tensors)) {
    const t = convertToTensor(v);
    safetensorsDtype(t.dtype, name, path);
    const nd = t.numpy();
    m.set(name, { dtype: t.dtype, shape: [...nd.shape], storage: nd.data });
  }
  await writeFileAtomic(path, encodeSafetensors(m, metadata, path));
  return path;
}

/** `safetensors.numpy.load_file(path)`: `{ name: Tensor }` for every tensor, on the host device. */
export async function loadSafetensors(path: string): Promise<Record<string, Tensor>> {
  const out: Record<string, Tensor> = {};
  for (const [name, a] of decodeSafetensors(await read(path), path).tensors) {
    Object.defineProperty(out, name, { value: toTensor(a), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
