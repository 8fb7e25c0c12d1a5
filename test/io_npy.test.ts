// tf.io.saveNpy / loadNpy / saveNpz / loadNpz: round trips, numpy interoperability both
// ways, the shared fixtures written by numpy, and damaged files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { hostTensor } from "tsflow/internal/runtime/copies";
import { ALL_DTYPES, type DType } from "tsflow/internal/core/dtypes";
import type { Storage } from "tsflow/internal/core/storage";
import { decodeNpy, encodeHeader, encodeNpy } from "tsflow/internal/io/npy";
import { decodeNpz, encodeNpz } from "tsflow/internal/io/npz";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";
import { bytesOf, randomStorage } from "./helpers/storage.js";

const SAVABLE = ALL_DTYPES.filter((d) => d.name !== "bfloat16" && d.name !== "string");
const SHAPES: number[][] = [[], [0], [5], [2, 3], [0, 3], [2, 0, 3], [2, 3, 4], [2, 1, 3, 2], [1, 2, 0, 4]];

function tmp(): string { return mkdtempSync(join(tmpdir(), "tsflow-npy-")); }


function sizeOf(shape: readonly number[]): number { return shape.reduce((a, b) => a * b, 1); }

function assertTensor(t: tf.Tensor, dtype: string, shape: readonly number[], hex: string, what: string): void {
  assert.equal(t.dtype.name, dtype, `${what}: dtype`);
  assert.deepEqual(t.shape.asList(), [...shape], `${what}: shape`);
  assert.equal(bytesOf(t.numpy().data), hex, `${what}: data`);
}

/** [name, dtype, shape, storage] for every savable dtype and every test shape. */
function cases(): [string, DType, number[], Storage][] {
  const out: [string, DType, number[], Storage][] = [];
  let seed = 1;
  for (const d of SAVABLE) {
    for (const s of SHAPES) out.push([`${d.name}_${s.join("x") || "scalar"}`, d, s, randomStorage(d, sizeOf(s), seed++)]);
  }
  return out;
}

test("saveNpy/loadNpy round-trip every dtype, ranks 0-4, empty shapes", async () => {
  const dir = tmp();
  try {
    for (const [name, d, shape, storage] of cases()) {
      const path = await tf.io.saveNpy(join(dir, `${name}.npy`), hostTensor(d, shape, storage));
      assert.equal(path, join(dir, `${name}.npy`));
      assertTensor(await tf.io.loadNpy(path), d.name, shape, bytesOf(storage), name);
    }
    // Header alignment: the data starts at a multiple of 64, the header ends in "\n".
    const bytes = readFileSync(join(dir, "float32_2x3.npy"));
    const hlen = bytes.readUInt16LE(8);
    assert.equal((10 + hlen) % 64, 0);
    assert.equal(bytes[9 + hlen], 0x0a);
    assert.equal(bytes[6], 1);
    assert.match(bytes.subarray(10, 10 + hlen).toString("latin1"), /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    // No temporary files are left behind.
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("saveNpy takes variables and JS values; appends .npy as NumPy does", async () => {
  const dir = tmp();
  try {
    const v = new tf.Variable([[1, 2], [3, 4]]);
    const p = await tf.io.saveNpy(join(dir, "var"), v);
    assert.equal(p, join(dir, "var.npy"));
    const t = await tf.io.loadNpy(p);
    assert.equal(t.dtype, tf.float32);
    assert.deepEqual(t.numpy().tolist(), [[1, 2], [3, 4]]);
    await tf.io.saveNpy(join(dir, "c.npy"), [{ re: 1, im: -2 }]);
    assert.deepEqual((await tf.io.loadNpy(join(dir, "c.npy"))).numpy().tolist(), [{ re: 1, im: -2 }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bfloat16 and string raise TypeError naming the dtype; the existing file survives", async () => {
  const dir = tmp();
  try {
    const path = join(dir, "keep.npy");
    await tf.io.saveNpy(path, tf.constant([1, 2, 3]));
    const before = readFileSync(path);
    await assert.rejects(tf.io.saveNpy(path, tf.constant([1, 2], "bfloat16")),
      (e: Error) => e instanceof tf.errors.TypeError && /bfloat16/.test(e.message) && e.message.includes(path));
    await assert.rejects(tf.io.saveNpy(path, tf.constant(["a"])),
      (e: Error) => e instanceof tf.errors.TypeError && /dtype string/.test(e.message));
    await assert.rejects(tf.io.saveNpz(join(dir, "keep2.npz"), { a: tf.constant(["a"]) }), tf.errors.TypeError);
    assert.deepEqual(readFileSync(path), before);
    // A rename that fails (the target is a non-empty directory) leaves no temporary file.
    mkdirSync(join(dir, "sub.npy"));
    writeFileSync(join(dir, "sub.npy", "x"), "x");
    await assert.rejects(tf.io.saveNpy(join(dir, "sub.npy"), tf.constant([1])));
    assert.deepEqual(readdirSync(dir).sort(), ["keep.npy", "sub.npy"]);
    assert.deepEqual(readFileSync(path), before);
    await assert.rejects(tf.io.loadNpy(join(dir, "missing.npy")), tf.errors.NotFoundError);
    await assert.rejects(tf.io.saveNpy(join(dir, "no", "such", "dir.npy"), tf.constant(1)), tf.errors.NotFoundError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("saveNpz/loadNpz round-trip, stored and compressed", async () => {
  const dir = tmp();
  try {
    const all = cases().filter((_, i) => i % 3 === 0);
    const arrays: Record<string, tf.Tensor> = {};
    for (const [name, d, shape, storage] of all) arrays[name] = hostTensor(d, shape, storage);
    arrays["ünï/côde"] = tf.constant([1, 2]);
    for (const compressed of [false, true]) {
      const path = await tf.io.saveNpz(join(dir, `a${compressed ? "c" : ""}`), arrays, { compressed });
      assert.ok(path.endsWith(".npz"));
      const back = await tf.io.loadNpz(path);
      assert.deepEqual(Object.keys(back), Object.keys(arrays));
      for (const [name, d, shape, storage] of all) assertTensor(back[name]!, d.name, shape, bytesOf(storage), name);
    }
    assert.ok(readFileSync(join(dir, "ac.npz")).length < readFileSync(join(dir, "a.npz")).length);
    assert.deepEqual(await tf.io.loadNpz(await tf.io.saveNpz(join(dir, "empty.npz"), {})), {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("header versions: 2.0 for long headers, 3.0 for non-latin-1 text", () => {
  const long = encodeHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': '${"a".repeat(70000)}'}`);
  assert.equal(long[6], 2);
  assert.equal(long.length % 64, 0);
  const utf = encodeHeader("{'descr': [('名', '<i4')], 'fortran_order': False, 'shape': (2,), }");
  assert.equal(utf[6], 3);
  assert.equal(utf.length % 64, 0);
  const v1 = encodeHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }");
  assert.equal(v1[6], 1);
});

function expectError(bytes: Uint8Array, cls: abstract new (...a: never[]) => Error, re: RegExp): void {
  assert.throws(() => decodeNpy(bytes, "bad.npy"), (e: Error) => e instanceof cls && e.message.startsWith("bad.npy") && re.test(e.message));
}

test("damaged .npy files raise DataLossError naming the file; never read past the end", () => {
  const good = encodeNpy({ dtype: tf.float32, shape: [2, 3], storage: new Float32Array(6) });
  expectError(good.subarray(0, 5), tf.errors.DataLossError, /magic/);
  const badMagic = good.slice(); badMagic[1] = 0x4f;
  expectError(badMagic, tf.errors.DataLossError, /magic/);
  const badVersion = good.slice(); badVersion[6] = 4;
  expectError(badVersion, tf.errors.DataLossError, /version 4\.0/);
  expectError(good.subarray(0, 40), tf.errors.DataLossError, /truncated \.npy header/);
  expectError(good.subarray(0, good.length - 1), tf.errors.DataLossError, /truncated/);
  const extra = new Uint8Array(good.length + 4); extra.set(good);
  expectError(extra, tf.errors.DataLossError, /has 28 bytes .* needs 24/);
  // Every prefix is refused cleanly.
  for (let n = 0; n < good.length; n++) assert.throws(() => decodeNpy(good.subarray(0, n), "bad.npy"), tf.errors.DataLossError);
  const garbled = good.slice(); garbled.set(Buffer.from("{'descr' '<f4'"), 10);
  expectError(garbled, tf.errors.DataLossError, /cannot parse/);
  const keys = Buffer.from(good); keys.write("'shapf'", keys.indexOf("'shape'"), "latin1");
  expectError(keys, tf.errors.DataLossError, /exactly the keys/);
  const negative = Buffer.from(good); negative.write("(-2, 3)", negative.indexOf("(2, 3)"), "latin1");
  expectError(negative, tf.errors.DataLossError, /bad shape/);
  const unknown = Buffer.from(good); unknown.write("<f3", unknown.indexOf("<f4"), "latin1");
  expectError(unknown, tf.errors.ValueError, /'<f3' has no tsflow dtype/);
  const obj = Buffer.from(good); obj.write("|O8", obj.indexOf("<f4"), "latin1");
  expectError(obj, tf.errors.ValueError, /pickle/);
});

test("damaged .npz files raise DataLossError naming the file and entry", async () => {
  const arrays = new Map([["w", { dtype: tf.int32, shape: [4], storage: new Int32Array([1, 2, 3, 4]) }]]);
  for (const compressed of [false, true]) {
    const good = encodeNpz(arrays, "x.npz", { compressed });
    assert.deepEqual([...decodeNpz(good, "x.npz").keys()], ["w"]);
    // Flip a byte in the entry's data (after the 30-byte local header and "w.npy").
    const flipped = good.slice(); flipped[35 + 10] ^= 0x01;
    assert.throws(() => decodeNpz(flipped, "x.npz"),
      (e: Error) => e instanceof tf.errors.DataLossError && e.message.includes("x.npz") && e.message.includes("'w.npy'"));
    for (let n = 0; n < good.length; n++) {
      assert.throws(() => decodeNpz(good.subarray(0, n), "x.npz"), (e: Error) => e instanceof tf.errors.DataLossError && e.message.startsWith("x.npz"));
    }
    const zip64 = Buffer.from(good); zip64.writeUInt32LE(0xffffffff, zip64.length - 6);
    assert.throws(() => decodeNpz(zip64, "x.npz"), (e: Error) => e instanceof tf.errors.ValueError && /zip64/.test(e.message));
  }
  const good = encodeNpz(arrays, "x.npz");
  const crc = Buffer.from(good); crc.writeUInt32LE((crc.readUInt32LE(crc.length - 22 - 51 + 16) ^ 1) >>> 0, crc.length - 22 - 51 + 16);
  assert.throws(() => decodeNpz(crc, "x.npz"), (e: Error) => e instanceof tf.errors.DataLossError && /CRC-32/.test(e.message) && e.message.includes("'w.npy'"));
  const dir = tmp();
  try {
    writeFileSync(join(dir, "bad.npz"), crc);
    await assert.rejects(tf.io.loadNpz(join(dir, "bad.npz")), (e: Error) => e instanceof tf.errors.DataLossError && e.message.includes(join(dir, "bad.npz")));
    writeFileSync(join(dir, "bad.npy"), Buffer.from("not numpy"));
    await assert.rejects(tf.io.loadNpy(join(dir, "bad.npy")), (e: Error) => e instanceof tf.errors.DataLossError && e.message.includes(join(dir, "bad.npy")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/npy/", import.meta.url));

test("the shared fixtures written by numpy 2.4.6", async (t) => {
  if (!existsSync(FIXTURES)) { t.skip(`../shared/fixtures/npy is missing (${FIXTURES})`); return; }
  const load = (f: string) => tf.io.loadNpy(join(FIXTURES, f));
  assert.deepEqual((await load("f32_2x3.npy")).numpy().tolist(), [[0, 1, 2], [3, 4, 5]]);
  const i64 = await load("i64_scalar.npy");
  assert.equal(i64.dtype, tf.int64);
  assert.deepEqual(i64.numpy().tolist(), 7n);
  const f = await load("f64_fortran_2x3.npy");
  assert.equal(f.dtype, tf.float64);
  assert.deepEqual(f.numpy().tolist(), [[0, 1, 2], [3, 4, 5]]);
  assert.deepEqual((await load("bool_4.npy")).numpy().tolist(), [true, false, true, true]);
  const h = await load("f16_3.npy");
  assert.equal(h.dtype, tf.float16);
  assert.deepEqual(h.numpy().tolist(), [1.5, -2, 0.25]);
  const e = await load("u8_empty_0x3.npy");
  assert.equal(e.dtype, tf.uint8);
  assert.deepEqual(e.shape.asList(), [0, 3]);
  const be = await load("be_i32_3.npy");
  assert.equal(be.dtype, tf.int32);
  assert.deepEqual(be.numpy().tolist(), [1, 2, 3]);
  const u = await load("unicode_U5.npy");
  assert.equal(u.dtype, tf.string);
  assert.deepEqual(u.numpy().tolist(), [Buffer.from("ab"), Buffer.from("héllo")].map((b) => new Uint8Array(b)));
  // Structured dtypes parse (v2.0 header of 72116 bytes, v3.0 UTF-8 header) and are refused.
  await assert.rejects(load("v2_struct.npy"), (err: Error) => err instanceof tf.errors.ValueError && /structured/.test(err.message) && err.message.includes("v2_struct.npy"));
  await assert.rejects(load("v3_utf8.npy"), (err: Error) => err instanceof tf.errors.ValueError && /structured.*名/.test(err.message));
  const z = await tf.io.loadNpz(join(FIXTURES, "savez.npz"));
  assert.deepEqual(Object.keys(z), ["a", "b"]);
  assert.equal(z["a"]!.dtype, tf.int32);
  assert.deepEqual(z["a"]!.numpy().tolist(), [0, 1, 2]);
  assert.deepEqual(z["b"]!.numpy().tolist(), [[1, 1], [1, 1]]);
  const zc = await tf.io.loadNpz(join(FIXTURES, "savez_compressed.npz"));
  assert.deepEqual(zc["a"]!.numpy().tolist(), [0, 1, 2]);
});

interface Enc { dtype: string; shape: number[]; hex?: string; strings?: string[] }

test("numpy reads what tsflow writes (np.load, .npy and .npz)", async (t) => {
  if (!numpyAvailable()) { t.skip("python3 with numpy is not available"); return; }
  const dir = tmp();
  try {
    const all = cases();
    const arrays: Record<string, tf.Tensor> = {};
    for (const [name, d, shape, storage] of all) {
      arrays[name] = hostTensor(d, shape, storage);
      await tf.io.saveNpy(join(dir, `${name}.npy`), arrays[name]!);
    }
    await tf.io.saveNpz(join(dir, "all.npz"), arrays);
    await tf.io.saveNpz(join(dir, "allc.npz"), arrays, { compressed: true });
    const got = runPython(`
import os
d = INPUT['dir']
out = {}
for n in INPUT['names']:
    a = np.load(os.path.join(d, n + '.npy'))
    out[n] = [enc(a), a.dtype.str]
for z in ['all', 'allc']:
    with np.load(os.path.join(d, z + '.npz')) as f:
        for n in f.files:
            a = f[n]
            out[z + ':' + n] = [enc(a), a.dtype.str]
print(json.dumps(out))
`, { dir, names: all.map((c) => c[0]) }) as Record<string, [Enc, string]>;
    const descr: Record<string, string> = {
      float16: "<f2", float32: "<f4", float64: "<f8", int8: "|i1", int16: "<i2", int32: "<i4", int64: "<i8",
      uint8: "|u1", uint16: "<u2", uint32: "<u4", uint64: "<u8", bool: "|b1", complex64: "<c8", complex128: "<c16",
    };
    for (const [name, d, shape, storage] of all) {
      for (const key of [name, `all:${name}`, `allc:${name}`]) {
        const r = got[key];
        assert.ok(r, `numpy did not read ${key}`);
        const [e, str] = r;
        assert.equal(str, descr[d.name], `${key}: numpy dtype`);
        assert.equal(e.dtype, d.name, `${key}: dtype`);
        assert.deepEqual(e.shape, shape, `${key}: shape`);
        assert.equal(e.hex, bytesOf(storage), `${key}: data`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("tsflow reads what numpy writes (Fortran order, big-endian, v2.0, savez, savez_compressed)", async (t) => {
  if (!numpyAvailable()) { t.skip("python3 with numpy is not available"); return; }
  const dir = tmp();
  try {
    const got = runPython(`
import os
d = INPUT['dir']
rng = np.random.default_rng(0)
arrs = {
  'f64_F_3d': np.asfortranarray(rng.standard_normal((2, 3, 4))),
  'f32_F_2d': np.asfortranarray(rng.standard_normal((3, 5)).astype(np.float32)),
  'c64_F': np.asfortranarray((rng.standard_normal((2, 3)) + 1j * rng.standard_normal((2, 3))).astype(np.complex64)),
  'i4_be': np.arange(-5, 7, dtype='>i4').reshape(3, 4),
  'f8_be': rng.standard_normal(5).astype('>f8'),
  'f2_be': rng.standard_normal(4).astype('>f2'),
  'u2_be_F': np.asfortranarray(np.arange(12, dtype='>u2').reshape(3, 4) * 1000),
  'i8_be': np.array([-(2**62), 2**40, -1], dtype='>i8'),
  'c16_be': np.array([1+2j, -3.5-4j], dtype='>c16'),
  'b1': np.array([[True, False], [False, True]]),
  'scalar_u8': np.array(200, dtype=np.uint8),
  'empty_i2': np.zeros((0, 2, 3), dtype=np.int16),
  'u64': np.array([2**64 - 1, 0, 12345], dtype=np.uint64),
  'S': np.array([b'ab', b'', b'xyz'], dtype='S3'),
}
out = {}
for n, a in arrs.items():
    np.save(os.path.join(d, n + '.npy'), a)
    out[n] = enc(a.astype(a.dtype.newbyteorder('<')) if a.dtype.kind != 'S' else np.array([bytes(x) for x in a.reshape(-1)], dtype=object).reshape(a.shape))
with open(os.path.join(d, 'v2.npy'), 'wb') as f:
    np.lib.format.write_array(f, arrs['f64_F_3d'], version=(2, 0))
out['v2'] = out['f64_F_3d']
np.savez(os.path.join(d, 'plain.npz'), x=arrs['f32_F_2d'], y=arrs['i4_be'], z=arrs['u64'])
np.savez_compressed(os.path.join(d, 'comp.npz'), x=arrs['f32_F_2d'], y=arrs['i4_be'], z=arrs['u64'], w=np.zeros(10000))
out['w'] = enc(np.zeros(10000))
print(json.dumps(out))
`, { dir }) as Record<string, Enc>;
    const hexOf = (e: Enc): string => (e.strings ? e.strings.join(",") : e.hex!);
    const check = (tt: tf.Tensor, e: Enc, what: string) => {
      assertTensor(tt, e.dtype === "string" ? "string" : e.dtype, e.shape, hexOf(e), what);
    };
    for (const n of Object.keys(got)) {
      if (n === "w") continue;
      check(await tf.io.loadNpy(join(dir, `${n}.npy`)), got[n]!, n);
    }
    assert.equal(readFileSync(join(dir, "v2.npy"))[6], 2);
    const plain = await tf.io.loadNpz(join(dir, "plain.npz"));
    assert.deepEqual(Object.keys(plain), ["x", "y", "z"]);
    check(plain["x"]!, got["f32_F_2d"]!, "plain:x");
    check(plain["y"]!, got["i4_be"]!, "plain:y");
    check(plain["z"]!, got["u64"]!, "plain:z");
    const comp = await tf.io.loadNpz(join(dir, "comp.npz"));
    check(comp["x"]!, got["f32_F_2d"]!, "comp:x");
    check(comp["y"]!, got["i4_be"]!, "comp:y");
    check(comp["w"]!, got["w"]!, "comp:w");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
