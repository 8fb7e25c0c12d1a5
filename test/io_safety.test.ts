// Safety of tsflow's file formats:
//  (a) a save killed (SIGKILL) while it writes a large file leaves the previous file intact;
//  (b) corrupted data raises tf.errors.DataLossError naming the file, the key and both
//      checksums; truncated and foreign files raise clear errors;
//  (c) a seeded fuzz test: thousands of mutated fixture files per reader (TensorFlow
//      checkpoints, .npy, .npz, .safetensors, TF.js weights), decoded in memory, raise only
//      tsflow's error classes (never a JS RangeError/TypeError), never hang, and never
//      allocate more than the file can hold.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import {
  decodeBundleIndex, decodeBundleTensor, encodeBundle, encodeTable, readTable, crc32c, maskCrc,
} from "tsflow/internal/io/tensor_bundle";
import { bundleDataFilename, writeBundle } from "tsflow/internal/io/tensor_bundle_file";
import { decodeNpy, encodeHeader as encodeNpyHeader, encodeNpy, type NpyArray } from "tsflow/internal/io/npy";
import { decodeNpz, crc32, encodeNpz } from "tsflow/internal/io/npz";
import { decodeSafetensors, encodeSafetensors } from "tsflow/internal/io/safetensors";
import { decodeTfjsGroup, parseTfjsManifest } from "tsflow/internal/io/tfjs_weights";
import { hostTensor } from "tsflow/internal/runtime/copies";
import type { Storage } from "tsflow/internal/core/storage";
import { mulberry32 } from "./helpers/random.js";

const SHARED = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const HAVE = existsSync(SHARED);
const SKIP = HAVE ? false : `../shared/fixtures is not beside this clone (${SHARED})`;
if (!HAVE) console.log(`# io_safety: skipping fixture tests: ${String(SKIP)}`);

const tmp = (): string => mkdtempSync(join(tmpdir(), "tsflow-safety-"));
const fixture = (...p: string[]): Uint8Array => new Uint8Array(readFileSync(join(SHARED, ...p)));

// ---------------------------------------------------------------------------------------
// (a) interrupted saves

const CHILD = `
const [kind, path, mb] = process.argv.slice(1);
const tf = await import("tsflow");
const { writeBundle } = await import("tsflow/internal/io/tensor_bundle_file");
const n = Number(mb) * 262144;
const big = tf.fill([n], 7.5);
process.stdout.write("ready\\n");
if (kind === "npy") await tf.io.saveNpy(path, big);
else if (kind === "npz") await tf.io.saveNpz(path, { big });
else if (kind === "safetensors") await tf.io.saveSafetensors(path, { big });
else if (kind === "checkpoint") await writeBundle(path, [["big", big]]);
process.stdout.write("done\\n");
`;

interface Kind {
  name: "npy" | "npz" | "safetensors" | "checkpoint";
  /** The target path (a prefix for checkpoints). */
  path: (dir: string) => string;
  save: (path: string, v: tf.Tensor) => Promise<unknown>;
  load: (path: string) => Promise<tf.Tensor>;
}

const KINDS: Kind[] = [
  { name: "npy", path: (d) => join(d, "w.npy"), save: (p, v) => tf.io.saveNpy(p, v), load: (p) => tf.io.loadNpy(p) },
  { name: "npz", path: (d) => join(d, "w.npz"), save: (p, v) => tf.io.saveNpz(p, { big: v }), load: async (p) => (await tf.io.loadNpz(p))["big"]! },
  {
    name: "safetensors", path: (d) => join(d, "w.safetensors"),
    save: (p, v) => tf.io.saveSafetensors(p, { big: v }), load: async (p) => (await tf.io.loadSafetensors(p))["big"]!,
  },
  {
    name: "checkpoint", path: (d) => join(d, "ckpt"),
    save: (p, v) => writeBundle(p, [["big", v]]), load: async (p) => (await tf.train.loadCheckpoint(p)).getTensor("big"),
  },
];

/** Run the child writing `mb` MiB to `path`; SIGKILL it `delayMs` after its temporary file appears. */
function killMidSave(kind: string, dir: string, path: string, mb: number, delayMs: number): Promise<{ killedMidWrite: boolean; done: boolean }> {
  return new Promise((resolve, reject) => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, kind, path, String(mb)], {
      cwd: root, env: { ...process.env, TSFLOW_GPU: "0" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "", err = "";
    let killedMidWrite = false;
    const timer = setInterval(() => {
      if (!out.includes("ready")) return;
      if (readdirSync(dir).some((f) => f.endsWith(".tmp"))) {
        clearInterval(timer);
        setTimeout(() => {
          // Still mid-save when killed if a temporary file is left and "done" was not printed.
          child.kill("SIGKILL");
          killedMidWrite = !out.includes("done");
        }, delayMs);
      }
    }, 0);
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(timer);
      if (signal !== "SIGKILL" && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ killedMidWrite: killedMidWrite && signal === "SIGKILL", done: out.includes("done") });
    });
  });
}

for (const kind of KINDS) {
  test(`a ${kind.name} save killed mid-write leaves the previous file intact`, async () => {
    const dir = tmp();
    const path = kind.path(dir);
    const old = tf.constant([1, 2, 3], "float32");
    await kind.save(path, old);
    const files = readdirSync(dir).sort();
    const before = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
    let interrupted = 0;
    // Kill at several moments after the temporary file appears; every outcome must be
    // either the old file, untouched, or the new one, complete.
    const delays = [0, 3, 10, 30];
    for (const delay of delays) {
      const r = await killMidSave(kind.name, dir, path, 128, delay);
      const left = readdirSync(dir).filter((f) => !f.endsWith(".tmp")).sort();
      assert.deepEqual(left, files, `${kind.name}: the same files after the kill`);
      const got = await kind.load(path);
      if (r.killedMidWrite && [...before].every(([f, b]) => readFileSync(join(dir, f)).equals(b))) {
        interrupted++;
        assert.deepEqual([...got.numpy().data], [1, 2, 3], `${kind.name}: old values`);
      } else {
        // The rename happened before the kill: the new file, whole.
        assert.equal(got.size, 128 * 262144);
        await kind.save(path, old); // back to the old file for the next try
      }
      for (const f of readdirSync(dir)) if (f.endsWith(".tmp")) rmSync(join(dir, f));
    }
    console.log(`# ${kind.name}: ${interrupted} of ${delays.length} kills landed mid-write, the others after the rename`);
    assert.ok(interrupted > 0, `${kind.name}: no kill landed mid-write`);
    rmSync(dir, { recursive: true, force: true });
  });
}

// ---------------------------------------------------------------------------------------
// (b) corrupted, truncated and foreign files

test("a corrupted checkpoint tensor names the file, the key and both checksums", async () => {
  const dir = tmp();
  const prefix = join(dir, "ckpt");
  const entries = await writeBundle(prefix, [
    ["a", tf.constant([1, 2, 3, 4], "float32")], ["s", tf.constant(["x", "yz"])], ["b", tf.constant(5, "int64")],
  ]);
  const dataFile = bundleDataFilename(prefix);
  const data = readFileSync(dataFile);
  for (const key of ["a", "s"]) {
    const e = entries.find((x) => x.key === key)!;
    const bad = Buffer.from(data);
    bad[e.offset + e.size - 1]! ^= 0x40;
    writeFileSync(dataFile, bad);
    const actual = maskCrc(crc32c(bad.subarray(e.offset, e.offset + e.size)));
    const r = await tf.train.loadCheckpoint(prefix);
    assert.throws(() => r.getTensor(key), (err: Error) => {
      assert.ok(err instanceof tf.errors.DataLossError, String(err));
      assert.ok(err.message.startsWith(dataFile), err.message);
      assert.ok(err.message.includes(`key ${key}`), err.message);
      assert.ok(err.message.includes(`expected crc32c 0x${e.crc32c.toString(16).padStart(8, "0")}`), err.message);
      // (A string tensor's checksum covers its lengths as fixed-width integers, not the raw bytes.)
      if (key === "a") assert.ok(err.message.includes(`actual 0x${actual.toString(16).padStart(8, "0")} (computed from the data)`), err.message);
      else assert.match(err.message, /actual 0x[0-9a-f]{8} \(computed from the data\)/);
      return true;
    });
    assert.equal(r.getTensor("b").numpy().data[0], 5n); // the others still load
  }
  // A string tensor's length prefix damaged: its own checksum fails first.
  const s = entries.find((x) => x.key === "s")!;
  const bad = Buffer.from(data);
  bad[s.offset]! ^= 0x01;
  writeFileSync(dataFile, bad);
  const r = await tf.train.loadCheckpoint(prefix);
  assert.throws(() => r.getTensor("s"), (err: Error) =>
    err instanceof tf.errors.DataLossError && err.message.includes("key s") && /expected 0x[0-9a-f]{8}.*actual 0x[0-9a-f]{8}/.test(err.message));
  // A truncated data file.
  writeFileSync(dataFile, data.subarray(0, data.length - 3));
  const r2 = await tf.train.loadCheckpoint(prefix);
  const last = [...entries].sort((x, y) => y.offset - x.offset)[0]!;
  assert.throws(() => r2.getTensor(last.key), (err: Error) =>
    err instanceof tf.errors.DataLossError && err.message.includes(`key ${last.key}`) && /truncated/.test(err.message));
  rmSync(dir, { recursive: true, force: true });
});

test("a corrupted index block names the file and both checksums; truncated and foreign indexes are clear", async () => {
  const dir = tmp();
  const prefix = join(dir, "ckpt");
  await writeBundle(prefix, [["a", tf.constant([1, 2], "float32")]]);
  const indexFile = `${prefix}.index`;
  const index = readFileSync(indexFile);
  const bad = Buffer.from(index);
  bad[3]! ^= 0x10;
  writeFileSync(indexFile, bad);
  await assert.rejects(tf.train.loadCheckpoint(prefix), (err: Error) =>
    err instanceof tf.errors.DataLossError && err.message.startsWith(indexFile) &&
    /checksum mismatch .*expected 0x[0-9a-f]{8}.*actual 0x[0-9a-f]{8}/.test(err.message));
  for (const n of [0, 10, 47, index.length - 1]) {
    writeFileSync(indexFile, index.subarray(0, n));
    await assert.rejects(tf.train.listVariables(prefix), (err: Error) =>
      err instanceof tf.errors.DataLossError && err.message.startsWith(indexFile) && /too short|not an SSTable|past the end/.test(err.message));
  }
  // Foreign files: a .npy, a JSON file, random bytes.
  for (const foreign of [Buffer.from("{\"weightsManifest\": []}".padEnd(100, " ")), Buffer.alloc(4096, 0xab)]) {
    writeFileSync(indexFile, foreign);
    await assert.rejects(tf.train.listVariables(prefix), (err: Error) =>
      err instanceof tf.errors.DataLossError && err.message === `${indexFile}: not an SSTable (bad magic number)`);
  }
  rmSync(dir, { recursive: true, force: true });
});

test("truncated and foreign .npy, .npz and .safetensors files raise clear errors", { skip: SKIP }, async () => {
  const dir = tmp();
  const cases: [string, Uint8Array, (p: string) => Promise<unknown>][] = [
    ["f32_2x3.npy", fixture("npy", "f32_2x3.npy"), (p) => tf.io.loadNpy(p)],
    ["savez.npz", fixture("npy", "savez.npz"), (p) => tf.io.loadNpz(p)],
    ["overall.safetensors", fixture("safetensors", "overall.safetensors"), (p) => tf.io.loadSafetensors(p)],
  ];
  const ckpt = fixture("tf", "regression-model", "variables", "variables.index");
  for (const [name, good, load] of cases) {
    const path = join(dir, name);
    for (const cut of [0, 5, Math.floor(good.length / 2), good.length - 1]) {
      writeFileSync(path, good.subarray(0, cut));
      await assert.rejects(load(path), (err: Error) =>
        (err instanceof tf.errors.DataLossError || err instanceof tf.errors.ValueError) && err.message.startsWith(path), `${name} cut at ${cut}`);
    }
    for (const foreign of [ckpt, Buffer.from("hello world, not a tensor file at all"), new Uint8Array(64)]) {
      writeFileSync(path, foreign);
      await assert.rejects(load(path), (err: Error) =>
        (err instanceof tf.errors.DataLossError || err instanceof tf.errors.ValueError) && err.message.startsWith(path), `${name} foreign`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

test("zero-width .npy strings load as empty strings, bounded by the file's size", () => {
  const npy = (dict: string): Uint8Array => encodeNpyHeader(dict);
  const a = decodeNpy(npy("{'descr': '<U0', 'fortran_order': False, 'shape': (3, 2), }"), "z.npy");
  assert.deepEqual(a.shape, [3, 2]);
  assert.equal(a.storage.length, 6);
  const t0 = performance.now();
  for (const d of ["{'descr': '|S0', 'fortran_order': True, 'shape': (99999, 99999), }", "{'descr': '<U0', 'fortran_order': False, 'shape': (9999999999, 9999999999), }"]) {
    assert.throws(() => decodeNpy(npy(d), "z.npy"), (e: Error) => e instanceof tf.errors.ValueError && e.message.startsWith("z.npy: ") && /zero-width/.test(e.message));
  }
  assert.ok(performance.now() - t0 < 1000);
});

test("a TF.js string weight with a huge shape fails before allocating", () => {
  const [g] = parseTfjsManifest(new TextEncoder().encode(JSON.stringify({
    weightsManifest: [{ paths: ["w.bin"], weights: [{ name: "s", shape: [4294967296, 4294967296], dtype: "string" }] }],
  })), "/m/model.json");
  assert.throws(() => decodeTfjsGroup(g!.specs, [new Uint8Array(16)], "/m/w.bin"), (e: Error) =>
    e instanceof tf.errors.DataLossError && e.message.startsWith("/m/w.bin: weight \"s\""));
});

test("an index entry with a huge key length or out-of-range fields fails before allocating", () => {
  const good = encodeBundle([{ key: "k", dtype: tf.float32, shape: [1], storage: Float32Array.of(1) }]).index;
  const rows = readTable(good, "t");
  // A data block whose only entry claims a 2^40-byte key: the block is rebuilt with a valid checksum.
  const block = new Uint8Array([0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0, 0x6b, 0, 0, 0, 0, 1, 0, 0, 0]);
  const table = Uint8Array.from([...block, 0, 0, 0, 0, 0, ...good.subarray(good.length - 48)]);
  fixBlockCrcAt(table, 0, block.length);
  assert.throws(() => readTable(table, "t.index"), (e: Error) => e instanceof tf.errors.DataLossError);
  // Negative or unsafe offsets, sizes, shard ids and dimensions.
  for (const [field, v] of [[3, -1n], [4, -1n], [5, 2n ** 60n], [3, 5n]] as const) {
    const entry = Uint8Array.from([...rows[1]![1], field << 3, ...varint(v)]);
    const idx = encodeTable([rows[0]!, [rows[1]![0], entry]]);
    assert.throws(() => decodeBundleIndex(idx, "t.index"), (e: Error) => e instanceof tf.errors.DataLossError && e.message.startsWith("t.index"), `field ${field} = ${v}`);
  }
});

function varint(v: bigint): number[] {
  let x = BigInt.asUintN(64, v);
  const out: number[] = [];
  while (x >= 0x80n) { out.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
  out.push(Number(x));
  return out;
}

function fixBlockCrcAt(b: Uint8Array, offset: number, size: number): void {
  new DataView(b.buffer, b.byteOffset).setUint32(offset + size + 1, maskCrc(crc32c(b.subarray(offset, offset + size + 1))), true);
}

// ---------------------------------------------------------------------------------------
// (c) fuzzing

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);

/** One random mutation of `b` (a new array). */
function mutate(r: Rand, b: Uint8Array): Uint8Array {
  const out = Uint8Array.from(b);
  const pos = (): number => int(r, Math.max(1, out.length));
  switch (int(r, 7)) {
    case 0: { // bit flips
      for (let i = 0, n = 1 + int(r, 4); i < n && out.length > 0; i++) out[pos()]! ^= 1 << int(r, 8);
      return out;
    }
    case 1: return out.subarray(0, int(r, out.length + 1)).slice(); // truncation
    case 2: { // a run of random bytes
      const at = pos();
      for (let i = at, n = at + 1 + int(r, 32); i < n && i < out.length; i++) out[i] = int(r, 256);
      return out;
    }
    case 3: { // a run of 0x00 or 0xff
      const at = pos(), v = r() < 0.5 ? 0 : 0xff;
      for (let i = at, n = at + 1 + int(r, 16); i < n && i < out.length; i++) out[i] = v;
      return out;
    }
    case 4: { // bytes inserted
      const at = pos(), ins = Uint8Array.from({ length: 1 + int(r, 16) }, () => int(r, 256));
      const o = new Uint8Array(out.length + ins.length);
      o.set(out.subarray(0, at)); o.set(ins, at); o.set(out.subarray(at), at + ins.length);
      return o;
    }
    case 5: { // bytes deleted
      const at = pos(), n = 1 + int(r, 16);
      const o = new Uint8Array(Math.max(0, out.length - n));
      o.set(out.subarray(0, at).subarray(0, o.length)); o.set(out.subarray(at + n).subarray(0, Math.max(0, o.length - at)), Math.min(at, o.length));
      return o;
    }
    default: { // an interesting little-endian value at a random place
      const at = pos();
      const vals = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0xffffffff];
      const v = vals[int(r, vals.length)]!;
      for (let i = 0; i < 4 && at + i < out.length; i++) out[at + i] = (v >>> (8 * i)) & 0xff;
      return out;
    }
  }
}

/** 1 to 3 awkward replacements in a JSON text. */
function mutateJson(r: Rand, text: string): string {
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) text = mutateJsonOnce(r, text);
  return text;
}

/** Replace one number or string in a JSON text by an awkward one. */
function mutateJsonOnce(r: Rand, text: string): string {
  const nums = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/g)];
  const awkward = ["-1", "0", "1e308", "9007199254740993", "4294967296", "1.5", "-0", "18446744073709551615", "1e400", "2147483648"];
  if (nums.length === 0 || r() < 0.15) {
    const words = ["\"float32\"", "\"int32\"", "\"string\"", "\"bool\"", "\"complex64\"", "null", "[]", "{}", "\"F64\"", "\"BOOL\"", "[9999999999,9999999999]"];
    const strs = [...text.matchAll(/"[^"]*"/g)];
    if (strs.length === 0) return text;
    const m = strs[int(r, strs.length)]!;
    return text.slice(0, m.index) + words[int(r, words.length)]! + text.slice(m.index! + m[0].length);
  }
  const m = nums[int(r, nums.length)]!;
  return text.slice(0, m.index) + awkward[int(r, awkward.length)]! + text.slice(m.index! + m[0].length);
}

const isTsflowError = (e: unknown): boolean =>
  e instanceof tf.errors.OpError || e instanceof tf.errors.ValueError || e instanceof tf.errors.TypeError;

function storageBytes(s: Storage): number {
  return Array.isArray(s) ? s.reduce((n, x) => n + x.length + 8, 0) : s.byteLength;
}

/** A decoded tensor: what each reader hands to hostTensor. */
interface Decoded { dtype: tf.DType; shape: readonly number[]; storage: Storage }

/** Make the tensor as the file-level loader would, and check its storage matches its shape. */
function checked(d: Decoded): Storage {
  const n = d.shape.reduce((a, b) => a * b, 1);
  const count = d.dtype.isComplex ? 2 * n : n;
  if (d.storage.length !== count) {
    throw new Error(`inconsistent result: ${d.storage.length} values for shape [${d.shape.join(", ")}] of ${d.dtype.name}`);
  }
  hostTensor(d.dtype, d.shape, d.storage);
  return d.storage;
}

interface FuzzStats { cases: number; ok: number; errors: Map<string, number>; maxMs: number }

/**
 * Run `decode` on `n` mutations of the seeds: only tsflow errors, no case slower than a
 * second, and decoded output no larger than `ratio` × the input (+ 4 KiB).
 */
function fuzz(name: string, seed: number, n: number, make: (r: Rand) => Uint8Array[], decode: (inputs: Uint8Array[]) => Storage[], ratio = 8): FuzzStats {
  const r = mulberry32(seed);
  const stats: FuzzStats = { cases: 0, ok: 0, errors: new Map(), maxMs: 0 };
  const failures: string[] = [];
  for (let i = 0; i < n; i++) {
    const inputs = make(r);
    const inBytes = inputs.reduce((s, b) => s + b.length, 0);
    const t0 = performance.now();
    try {
      const out = decode(inputs);
      const outBytes = out.reduce((s, x) => s + storageBytes(x), 0);
      if (outBytes > ratio * inBytes + 4096) failures.push(`case ${i}: ${outBytes} bytes decoded from ${inBytes}`);
      stats.ok++;
    } catch (e) {
      if (!isTsflowError(e)) {
        failures.push(`case ${i}: ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack?.split("\n").slice(1, 4).join("\n")}`);
      } else {
        const k = (e as Error).name;
        stats.errors.set(k, (stats.errors.get(k) ?? 0) + 1);
      }
    }
    const ms = performance.now() - t0;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > 1000) failures.push(`case ${i}: took ${ms.toFixed(0)} ms`);
    stats.cases++;
  }
  console.log(`# fuzz ${name}: ${stats.cases} cases, ${stats.ok} decoded, errors ${JSON.stringify(Object.fromEntries(stats.errors))}, slowest ${stats.maxMs.toFixed(1)} ms`);
  assert.deepEqual(failures.slice(0, 5), [], `${name}: ${failures.length} failures`);
  return stats;
}

const FUZZ_CASES = 3000;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir, { recursive: true }) as string[]) if (f.endsWith(suffix)) out.push(join(dir, f));
  return out.sort();
}

/** Decode every tensor of a bundle, as CheckpointReader.getTensor does. */
function decodeCheckpoint([index, data]: Uint8Array[]): Storage[] {
  const { entries } = decodeBundleIndex(index!, "ckpt.index");
  const out: Storage[] = [];
  for (const e of entries.values()) {
    if (e.shardId !== 0) continue;
    const s = decodeBundleTensor(e, data!.subarray(e.offset, e.offset + e.size), "ckpt.data-00000-of-00001");
    out.push(checked({ dtype: e.dtype, shape: e.shape, storage: s }));
  }
  return out;
}

test("fuzz: TensorFlow checkpoints (index and data)", { skip: SKIP }, () => {
  const seeds = filesUnder(join(SHARED, "tf"), "variables.index").map((p) => {
    const prefix = p.slice(0, -".index".length);
    return [new Uint8Array(readFileSync(p)), new Uint8Array(readFileSync(bundleDataFilename(prefix)))] as const;
  });
  // Rows of each table, to mutate below the block checksums.
  const tables = seeds.map(([index]) => readTable(index, "seed"));
  fuzz("checkpoint", 0xc4e0, FUZZ_CASES, (r) => {
    const s = int(r, seeds.length);
    const [index, data] = seeds[s]!;
    switch (int(r, 5)) {
      case 0: return [mutate(r, index), data]; // raw: mostly block checksum errors
      case 1: return [index, mutate(r, data)]; // tensor checksum errors
      case 2: { // a header or entry proto mutated, the table rebuilt with valid checksums
        const rows = tables[s]!.map(([k, v]) => [k, v] as [Uint8Array, Uint8Array]);
        const i = int(r, rows.length);
        rows[i] = [rows[i]![0], mutate(r, rows[i]![1])];
        return [encodeTable(rows), data];
      }
      case 3: { // block contents mutated (keys, restarts), their checksums fixed
        const b = Uint8Array.from(index);
        const blockEnd = int(r, 2) === 0 ? firstBlockEnd(b) : b.length - 48 - 5;
        const m = mutate(r, b.subarray(0, blockEnd));
        if (m.length !== blockEnd) return [Uint8Array.from([...m, ...b.subarray(blockEnd)]), data];
        b.set(m);
        fixBlockCrc(b, 0, blockEnd);
        return [b, data];
      }
      default: { // data mutated and its entry's checksum fixed: the string layout parsed
        const { entries } = decodeBundleIndex(index);
        const es = [...entries.values()];
        const e = pick(r, es);
        const d = Uint8Array.from(data);
        const span = mutate(r, d.subarray(e.offset, e.offset + e.size));
        if (span.length !== e.size) return [index, d];
        d.set(span, e.offset);
        const rows = tables[s]!.map(([k, v]) => [k, v] as [Uint8Array, Uint8Array]);
        const crc = maskCrc(crc32c(span));
        const i = rows.findIndex(([k]) => new TextDecoder().decode(k) === e.key);
        rows[i] = [rows[i]![0], withFixed32(rows[i]![1], 6, crc)];
        return [encodeTable(rows), d];
      }
    }
  }, decodeCheckpoint);
});

/** Where the first block of a table (at offset 0) ends: its handle is the first index entry's. */
function firstBlockEnd(b: Uint8Array): number {
  // The footer's second handle is the index block; its first entry's value is the first data block's handle.
  const f = b.length - 48;
  let p = f;
  const varint = (): number => { let v = 0, s = 0; for (;;) { const c = b[p++]!; v += (c & 0x7f) * 2 ** s; s += 7; if (!(c & 0x80)) return v; } };
  varint(); varint();
  const io = varint();
  p = io;
  varint(); const nonShared = varint(); varint();
  p += nonShared;
  varint();
  return varint();
}

function fixBlockCrc(b: Uint8Array, offset: number, size: number): void {
  const crc = maskCrc(crc32c(b.subarray(offset, offset + size + 1)));
  new DataView(b.buffer, b.byteOffset).setUint32(offset + size + 1, crc, true);
}

/** A protobuf message with its fixed32 field `no` set to `v` (appended: the last one wins). */
function withFixed32(msg: Uint8Array, no: number, v: number): Uint8Array {
  const out = new Uint8Array(msg.length + 5);
  out.set(msg);
  out[msg.length] = (no << 3) | 5;
  new DataView(out.buffer).setUint32(msg.length + 1, v, true);
  return out;
}

/** Fresh bundles of every dtype, as fuzz seeds beside TensorFlow's. */
function madeBundles(): [Uint8Array, Uint8Array][] {
  const s = (x: string): Uint8Array => new TextEncoder().encode(x);
  const b = encodeBundle([
    { key: "str", dtype: tf.string, shape: [3], storage: [s("a"), s(""), s("longer string")] },
    { key: "c64", dtype: tf.complex64, shape: [2], storage: Float32Array.of(1, 2, 3, 4) },
    { key: "i64", dtype: tf.int64, shape: [2, 1], storage: BigInt64Array.of(1n, -1n) },
    { key: "b", dtype: tf.bool, shape: [2], storage: Uint8Array.of(1, 0) },
    { key: "e", dtype: tf.float32, shape: [0, 4], storage: new Float32Array(0) },
  ]);
  return [[b.index, b.data]];
}

test("fuzz: checkpoints of every dtype (string layout, complex, empty)", () => {
  const seeds = madeBundles();
  const tables = seeds.map(([index]) => readTable(index, "seed"));
  fuzz("checkpoint (made)", 0x5eed, 1000, (r) => {
    const [index, data] = seeds[0]!;
    const { entries } = decodeBundleIndex(index);
    const e = pick(r, [...entries.values()]);
    const rows = tables[0]!.map(([k, v]) => [k, v] as [Uint8Array, Uint8Array]);
    if (r() < 0.5) { // the entry proto
      const i = rows.findIndex(([k]) => new TextDecoder().decode(k) === e.key);
      rows[i] = [rows[i]![0], mutate(r, rows[i]![1])];
      return [encodeTable(rows), data];
    }
    const d = Uint8Array.from(data);
    const span = mutate(r, d.subarray(e.offset, e.offset + e.size));
    if (span.length !== e.size) return [index, d];
    d.set(span, e.offset);
    const i = rows.findIndex(([k]) => new TextDecoder().decode(k) === e.key);
    rows[i] = [rows[i]![0], withFixed32(rows[i]![1], 6, maskCrc(crc32c(span)))];
    return [encodeTable(rows), d];
  }, decodeCheckpoint);
});

// Without ../shared (a user's clone, CI) the npy/npz/safetensors fuzzers start from files
// tsflow writes itself, so they run everywhere; the fixtures add other writers' layouts.
function madeArrays(): NpyArray[] {
  return [
    { dtype: tf.float32, shape: [2, 3], storage: Float32Array.of(1, 2, 3, 4, 5, 6) },
    { dtype: tf.float64, shape: [], storage: Float64Array.of(Math.PI) },
    { dtype: tf.int64, shape: [3], storage: BigInt64Array.of(1n, -2n, 3n) },
    { dtype: tf.bool, shape: [2, 2], storage: Uint8Array.of(1, 0, 0, 1) },
    { dtype: tf.complex64, shape: [1], storage: Float32Array.of(1, -1) },
    { dtype: tf.float16, shape: [2], storage: Uint16Array.of(0x3c00, 0xc000) },
    { dtype: tf.uint8, shape: [0, 5], storage: new Uint8Array(0) },
    { dtype: tf.int16, shape: [5], storage: Int16Array.of(-5, 4, 3, 2, 1) },
  ];
}
const npySeeds = (): Uint8Array[] => HAVE ? filesUnder(join(SHARED, "npy"), ".npy").map((p) => new Uint8Array(readFileSync(p)))
  : madeArrays().map((a) => encodeNpy(a));

test("fuzz: .npy", () => {
  const seeds = npySeeds();
  fuzz("npy", 0x4e9, FUZZ_CASES, (r) => {
    const b = pick(r, seeds);
    if (r() < 0.3) { // the header's text
      const hlen = b[6] === 1 ? b[8]! | (b[9]! << 8) : new DataView(b.buffer, b.byteOffset).getUint32(8, true);
      const pre = b[6] === 1 ? 10 : 12;
      const text = Buffer.from(b.subarray(pre, pre + hlen)).toString("latin1");
      const awkward = [
        "(9999999999, 9999999999, 9999999999)", "(0, 99999999999999)", "(-1,)", "(3, 2)", "(2, 3)", "(6,)", "()", "(1e3,)",
        "'<U0'", "'|S0'", "'<U1'", "'<U99999999999'", "'<c32'", "'>f8'", "'|b1'", "'<m8'", "'|V4'", "'O'",
        "True", "False", "[".repeat(100), "((((1,),),),)",
      ];
      let mutated = text;
      if (r() < 0.6) {
        for (let k = 0, n = 1 + int(r, 3); k < n; k++) {
          const ms = [...mutated.matchAll(/\([^)]*\)|'[<>|=]?[a-zA-Z?]\d*'|False|True/g)];
          const m = pick(r, ms);
          mutated = mutated.slice(0, m.index) + pick(r, awkward) + mutated.slice(m.index! + m[0].length);
        }
      } else {
        mutated = mutateJson(r, text);
      }
      const body = Buffer.from(mutated, "latin1");
      const rest = r() < 0.2 ? new Uint8Array(0) : b.subarray(pre + hlen); // sometimes no data at all
      const out = new Uint8Array(pre + body.length + rest.length);
      out.set(b.subarray(0, pre)); out.set(body, pre); out.set(rest, pre + body.length);
      if (pre === 10) { out[8] = body.length & 0xff; out[9] = (body.length >> 8) & 0xff; } else new DataView(out.buffer).setUint32(8, body.length, true);
      return [out];
    }
    if (r() < 0.1) { // the header length field
      const out = Uint8Array.from(b);
      out[8] = int(r, 256); out[9] = int(r, 256);
      return [out];
    }
    return [mutate(r, b)];
  }, ([b]) => {
    return [checked(decodeNpy(b!, "x.npy"))];
  });
});

/** A zip archive (stored entries) of `files`, with correct CRCs: fuzzed .npy inside a valid .npz. */
function zipStored(files: [string, Uint8Array][]): Uint8Array {
  const parts: Buffer[] = [], central: Buffer[] = [];
  let off = 0;
  for (const [name, data] of files) {
    const n = Buffer.from(name), crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20); c.writeUInt32LE(data.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(off, 42);
    parts.push(local, n, Buffer.from(data));
    central.push(c, n);
    off += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(files.length, 8); eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(off, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, eocd]));
}

test("fuzz: .npz", () => {
  const made = new Map(madeArrays().map((a, i) => [`a${i}`, a] as const));
  const seeds = HAVE ? filesUnder(join(SHARED, "npy"), ".npz").map((p) => new Uint8Array(readFileSync(p)))
    : [encodeNpz(made), encodeNpz(made, "<npz>", { compressed: true })];
  const npys = npySeeds();
  fuzz("npz", 0x2e9, FUZZ_CASES, (r) => {
    if (r() < 0.4) return [zipStored([["a.npy", mutate(r, pick(r, npys))], ["b.npy", pick(r, npys)]])];
    return [mutate(r, pick(r, seeds))];
  }, ([b]) => [...decodeNpz(b!, "x.npz").values()].map(checked));
});

test("fuzz: .safetensors", () => {
  const made = new Map(madeArrays().filter((a) => !a.dtype.isComplex).map((a, i) => [`t${i}`, a] as const));
  const seeds = HAVE ? filesUnder(join(SHARED, "safetensors"), ".safetensors").map((p) => new Uint8Array(readFileSync(p)))
    : [encodeSafetensors(made, { format: "np" })];
  fuzz("safetensors", 0x5afe, FUZZ_CASES, (r) => {
    const b = pick(r, seeds);
    const view = new DataView(b.buffer, b.byteOffset);
    const n = Number(view.getBigUint64(0, true));
    const roll = r();
    if (roll < 0.45) { // the JSON header (structured, or as text), its length kept consistent
      let text = Buffer.from(b.subarray(8, 8 + n)).toString("utf8");
      if (r() < 0.5) {
        const h = JSON.parse(text) as Record<string, Record<string, unknown>>;
        const names = Object.keys(h).filter((k) => k !== "__metadata__");
        const e = h[pick(r, names)]!;
        const big = [0, 1, 6, 24, 4294967296, 2 ** 53 - 1, 2 ** 53, -1, 1.5];
        switch (int(r, 4)) {
          case 0: e["dtype"] = pick(r, ["F32", "F64", "BOOL", "U8", "I64", "F8_E4M3", "C64", "X", 3]); break;
          case 1: e["shape"] = Array.from({ length: int(r, 4) }, () => pick(r, big)); break;
          case 2: e["data_offsets"] = [pick(r, big), pick(r, big)]; break;
          default: h["__metadata__"] = pick(r, [{ a: 1 }, { a: "b" }, null, [], "x"]) as Record<string, unknown>;
        }
        text = JSON.stringify(h);
      } else {
        text = mutateJson(r, text);
      }
      const h = Buffer.from(text);
      const out = new Uint8Array(8 + h.length + b.length - 8 - n);
      new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
      out.set(h, 8); out.set(b.subarray(8 + n), 8 + h.length);
      return [out];
    }
    if (roll < 0.5) { // the header length
      const out = Uint8Array.from(b);
      const lens = [0n, 1n, BigInt(n - 1), BigInt(n + 1), BigInt(b.length), 100_000_000n, 100_000_001n, 2n ** 63n, 2n ** 64n - 1n, BigInt(int(r, 2 ** 31))];
      new DataView(out.buffer).setBigUint64(0, pick(r, lens), true);
      return [out];
    }
    return [mutate(r, b)];
  }, ([b]) => [...decodeSafetensors(b!, "x.safetensors").tensors.values()].map(checked));
});

test("fuzz: TF.js weights (model.json and shards)", { skip: SKIP }, () => {
  const models = ["dense_model", "layers_model"].map((d) => {
    const json = fixture("tfjs", d, "model.json");
    const groups = parseTfjsManifest(json, join(SHARED, "tfjs", d, "model.json"));
    const shards = groups.map((g) => g.paths.map((p) => new Uint8Array(readFileSync(p))));
    return { json, shards };
  });
  fuzz("tfjs", 0x7f5, FUZZ_CASES, (r) => {
    const m = pick(r, models);
    const shard = m.shards[0]!.length === 1 ? m.shards[0]![0]! : Buffer.concat(m.shards[0]!);
    const roll = r();
    if (roll < 0.4) { // a weight spec rewritten with awkward fields
      const model = JSON.parse(new TextDecoder().decode(m.json)) as { weightsManifest: { weights: Record<string, unknown>[] }[] };
      const ws = model.weightsManifest[0]!.weights;
      const w = pick(r, ws);
      const dims = [0, 1, 3, 255, 4096, 65536, 4294967296, 2 ** 40, 2 ** 53 - 1];
      switch (int(r, 3)) {
        case 0: w["dtype"] = pick(r, ["float32", "int32", "bool", "string", "complex64", "float64", "uint8", 7]); break;
        case 1: w["shape"] = Array.from({ length: int(r, 4) }, () => pick(r, dims)); break;
        default: w["quantization"] = pick(r, [
          { dtype: "uint8", min: -1, scale: 0.5 }, { dtype: "uint16", min: 0, scale: 1e-3 }, { dtype: "float16" },
          { dtype: "int4" }, { dtype: "uint8" }, null, 3,
        ]);
      }
      if (r() < 0.5) w["dtype"] = "string";
      return [new TextEncoder().encode(JSON.stringify(model)), shard];
    }
    if (roll < 0.6) return [new TextEncoder().encode(mutateJson(r, new TextDecoder().decode(m.json))), shard];
    if (roll < 0.7) return [mutate(r, m.json), shard];
    return [m.json, mutate(r, shard)];
  }, ([json, shard]) => {
    const out: Storage[] = [];
    for (const g of parseTfjsManifest(json!, "/m/model.json")) {
      for (const [, w] of decodeTfjsGroup(g.specs, [shard!], "/m/weights.bin")) {
        out.push(checked(w));
      }
    }
    return out;
  });
});
