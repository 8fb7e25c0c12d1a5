// The TensorBundle V2 writer: re-encoding every TensorFlow-written fixture checkpoint gives
// back TensorFlow's exact bytes (index and data), writeBundle round-trips every dtype
// through tf.train.loadCheckpoint, and large tables split into blocks as LevelDB's
// table builder splits them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import {
  decodeBundleIndex, decodeBundleTensor, encodeBundle, encodeTable, readTable, shortSuccessor, shortestSeparator,
  type BundleTensor,
} from "tsflow/internal/io/tensor_bundle";
import { bundleDataFilename, writeBundle } from "tsflow/internal/io/tensor_bundle_file";
import { hostTensor } from "tsflow/internal/runtime/copies";
import type { Storage } from "tsflow/internal/core/storage";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/tf/", import.meta.url));
const HAVE = existsSync(FIXTURES);
const SKIP = HAVE ? false : `../shared/fixtures/tf is not beside this clone (${FIXTURES})`;
if (!HAVE) console.log(`# io_bundle_writer: skipping fixture tests: ${String(SKIP)}`);

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const tmp = (): string => mkdtempSync(join(tmpdir(), "tsflow-bundle-"));

test("every fixture checkpoint re-encodes to TensorFlow's exact bytes", { skip: SKIP }, () => {
  const dirs = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, "variables", "variables.index"))).sort();
  assert.ok(dirs.length >= 6, `found ${dirs.length} checkpoints`);
  for (const d of dirs) {
    const prefix = join(FIXTURES, d, "variables", "variables");
    const index = new Uint8Array(readFileSync(`${prefix}.index`));
    const data = new Uint8Array(readFileSync(bundleDataFilename(prefix)));
    const { entries } = decodeBundleIndex(index, prefix);
    // TensorFlow appends tensors in the order it saves them (the object graph's order, the
    // object graph itself last), not in key order: add them in data-file order.
    const inDataOrder = [...entries.values()].sort((a, b) => a.offset - b.offset);
    const tensors: BundleTensor[] = inDataOrder.map((e) => ({
      key: e.key, dtype: e.dtype, shape: e.shape, storage: decodeBundleTensor(e, data.subarray(e.offset, e.offset + e.size), prefix),
    }));
    const out = encodeBundle(tensors);
    assert.ok(Buffer.from(out.data).equals(Buffer.from(data)), `${d}: data file differs`);
    assert.ok(Buffer.from(out.index).equals(Buffer.from(index)), `${d}: index differs`);
    assert.deepEqual(out.entries, [...entries.values()], `${d}: entries`);
  }
});

function t(dtype: tf.DType, shape: number[], storage: Storage): tf.Tensor { return hostTensor(dtype, shape, storage); }

test("writeBundle round-trips every dtype through tf.train.loadCheckpoint", async () => {
  const dir = tmp();
  const prefix = join(dir, "sub", "dir", "ckpt-1"); // missing directories are made
  const s = (x: string): Uint8Array => bytes(x);
  const values: [string, tf.Tensor][] = [
    ["f32", t(tf.float32, [2, 3], Float32Array.of(1, -2.5, 3, NaN, Infinity, -0))],
    ["f64", t(tf.float64, [2], Float64Array.of(Math.PI, -1e300))],
    ["f16", t(tf.float16, [3], Uint16Array.of(0x3c00, 0xc000, 0x7e00))],
    ["bf16", t(tf.bfloat16, [2], Uint16Array.of(0x3f80, 0xbf80))],
    ["i8", t(tf.int8, [3], Int8Array.of(-128, 0, 127))],
    ["i16", t(tf.int16, [2], Int16Array.of(-32768, 32767))],
    ["i32", t(tf.int32, [], Int32Array.of(-7))],
    ["i64", t(tf.int64, [2], BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n))],
    ["u8", t(tf.uint8, [2], Uint8Array.of(0, 255))],
    ["u16", t(tf.uint16, [1], Uint16Array.of(65535))],
    ["u32", t(tf.uint32, [1], Uint32Array.of(4294967295))],
    ["u64", t(tf.uint64, [1], BigUint64Array.of(2n ** 64n - 1n))],
    ["bool", t(tf.bool, [3], Uint8Array.of(1, 0, 1))],
    ["c64", t(tf.complex64, [2], Float32Array.of(1, 2, 3, 4))],
    ["c128", t(tf.complex128, [1], Float64Array.of(-1, 0.5))],
    ["str", t(tf.string, [2, 2], [s(""), s("héllo"), new Uint8Array([0, 255, 7]), s("x".repeat(300))])],
    ["str_scalar", t(tf.string, [], [s("only")])],
    ["empty", t(tf.float32, [0, 3], new Float32Array(0))],
    ["empty_str", t(tf.string, [0], [])],
    ["nested/key/.ATTRIBUTES/VARIABLE_VALUE", t(tf.float32, [1], Float32Array.of(42))],
  ];
  const written = await writeBundle(prefix, values);
  assert.deepEqual(written.map((e) => e.key), values.map(([k]) => k).sort());
  assert.deepEqual(readdirSync(join(dir, "sub", "dir")).sort(), ["ckpt-1.data-00000-of-00001", "ckpt-1.index"]);
  const r = await tf.train.loadCheckpoint(prefix);
  for (const [k, v] of values) {
    const got = r.getTensor(k);
    assert.equal(got.dtype, v.dtype, k);
    assert.deepEqual([...got.dims], [...v.dims], k);
    const a = got.numpy().data, b = v.numpy().data;
    if (Array.isArray(a)) assert.deepEqual(a.map((x) => Buffer.from(x).toString("hex")), (b as Uint8Array[]).map((x) => Buffer.from(x).toString("hex")), k);
    else assert.ok(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from((b as typeof a).buffer, (b as typeof a).byteOffset, (b as typeof a).byteLength)), k);
  }
  // Overwriting in place: the new values, and no temporary file left behind.
  await writeBundle(prefix, [["only", t(tf.int32, [1], Int32Array.of(5))]]);
  assert.deepEqual(await tf.train.listVariables(prefix), [["only", [1]]]);
  assert.deepEqual(readdirSync(join(dir, "sub", "dir")).sort(), ["ckpt-1.data-00000-of-00001", "ckpt-1.index"]);
});

test("index keys are in bytewise UTF-8 order; data in the order given", () => {
  const keys = ["b", "a", "\u{1F600}", "\uFFFD", "a/b", "a.b", "A", "é"];
  const tensors: BundleTensor[] = keys.map((key, i) => ({ key, dtype: tf.int32, shape: [], storage: Int32Array.of(i) }));
  const { index, data, entries } = encodeBundle(tensors);
  const sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  assert.deepEqual(entries.map((e) => e.key), sorted);
  assert.deepEqual([...decodeBundleIndex(index).entries.keys()], sorted);
  assert.deepEqual([...new Int32Array(data.buffer, data.byteOffset, data.length / 4)], keys.map((_, i) => i));
  assert.deepEqual(entries.map((e) => e.offset), sorted.map((k) => 4 * keys.indexOf(k)));
});

test("bad inputs raise ValueError", () => {
  const one = (key: string): BundleTensor => ({ key, dtype: tf.float32, shape: [1], storage: Float32Array.of(1) });
  assert.throws(() => encodeBundle([one("a"), one("a")]), (e: Error) => e instanceof tf.errors.ValueError && /duplicate key a/.test(e.message));
  assert.throws(() => encodeBundle([one("")]), tf.errors.ValueError);
  assert.throws(() => encodeBundle([{ key: "x", dtype: tf.float32, shape: [2], storage: Float32Array.of(1) }]), tf.errors.ValueError);
  assert.throws(() => encodeBundle([{ key: "x", dtype: tf.float64, shape: [1], storage: Float32Array.of(1) }]), tf.errors.ValueError);
  assert.throws(() => encodeBundle([{ key: "x", dtype: tf.string, shape: [2], storage: [bytes("a")] }]), tf.errors.ValueError);
  assert.throws(() => encodeBundle([{ key: "x", dtype: tf.float32, shape: [-1], storage: Float32Array.of(1) }]), tf.errors.ValueError);
});

test("shortest separators and successors, as LevelDB's bytewise comparator", () => {
  const sep = (a: string, b: string): string => Buffer.from(shortestSeparator(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"))).toString("latin1");
  assert.equal(sep("abcd", "abzz"), "abd");
  assert.equal(sep("abc", "abd"), "abc"); // c+1 is not < d
  assert.equal(sep("ab", "abc"), "ab"); // a prefix: unchanged
  assert.equal(sep("a\xff\x01", "b"), "a\xff\x01"); // a+1 is not < b
  assert.equal(sep("a\xffx", "c"), "b");
  assert.equal(sep("\xff\x05", "\xff\x09"), "\xff\x06");
  const succ = (a: string): string => Buffer.from(shortSuccessor(Buffer.from(a, "latin1"))).toString("latin1");
  assert.equal(succ("abc"), "b");
  assert.equal(succ("\xff\xffa"), "\xff\xffb");
  assert.equal(succ("\xff\xff"), "\xff\xff");
  assert.equal(succ(""), "");
});

test("large indexes split into 256 KiB blocks and read back", () => {
  // 6000 keys of ~100 bytes that share little: several data blocks, index entries keyed by separators.
  const tensors: BundleTensor[] = [];
  for (let i = 0; i < 6000; i++) {
    tensors.push({ key: `v${i.toString(36)}/${"w".repeat(60)}/.ATTRIBUTES/VARIABLE_VALUE`, dtype: tf.float32, shape: [1, 1], storage: Float32Array.of(i) });
  }
  const { index, data } = encodeBundle(tensors);
  assert.ok(index.length > 2 * 262144, `index of ${index.length} bytes`);
  const decoded = decodeBundleIndex(index);
  assert.equal(decoded.entries.size, 6000);
  for (const tt of tensors) {
    const e = decoded.entries.get(tt.key)!;
    const v = decodeBundleTensor(e, data.subarray(e.offset, e.offset + e.size), "data") as Float32Array;
    assert.equal(v[0], (tt.storage as Float32Array)[0]);
  }
  // Small blocks and other restart intervals (what a LevelDB reader accepts) read back too.
  const rows: [Uint8Array, Uint8Array][] = [];
  for (let i = 0; i < 500; i++) rows.push([bytes(`k${String(i).padStart(4, "0")}`), bytes(`v${i}`)]);
  for (const [bs, ri] of [[1, 1], [64, 2], [1024, 16], [262144, 16]] as const) {
    const table = encodeTable(rows, bs, ri);
    assert.deepEqual(readTable(table, "t").map(([k, v]) => [Buffer.from(k).toString(), Buffer.from(v).toString()]),
      rows.map(([k, v]) => [Buffer.from(k).toString(), Buffer.from(v).toString()]), `block size ${bs}, restart interval ${ri}`);
  }
  assert.throws(() => encodeTable([[bytes("b"), bytes("")], [bytes("a"), bytes("")]]), tf.errors.ValueError);
});

test("a written checkpoint is found through a directory's checkpoint file", async () => {
  const dir = tmp();
  await writeBundle(join(dir, "ckpt-3"), [["v", t(tf.float32, [2], Float32Array.of(1, 2))]]);
  writeFileSync(join(dir, "checkpoint"), 'model_checkpoint_path: "ckpt-3"\nall_model_checkpoint_paths: "ckpt-3"\n');
  assert.deepEqual([...(await tf.train.loadCheckpoint(dir)).getTensor("v").numpy().data], [1, 2]);
});
