// tf.io.loadTfjsWeights: the shared TF.js fixtures (written by tensorflow/tfjs), hand-made
// model.json + shard files covering every dtype and quantization (cross-checked against
// tfjs-core's own io.decodeWeights), and missing, truncated or invalid files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tfc from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tf from "tsflow";
import { fromHalfBits, toHalfBits } from "tsflow/internal/core/f16";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));

function tmp(): string { return mkdtempSync(join(tmpdir(), "tsflow-tfjs-")); }

interface Spec {
  name: string; shape: number[]; dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number };
}

/** Write model.json (+ shards, one group per entry) into a fresh directory; returns model.json's path. */
function writeModel(groups: { specs: Spec[]; shards: Record<string, Uint8Array> }[], dir = tmp()): string {
  const weightsManifest = groups.map((g) => ({ paths: Object.keys(g.shards), weights: g.specs }));
  for (const g of groups) for (const [p, b] of Object.entries(g.shards)) writeFileSync(join(dir, p), b);
  const path = join(dir, "model.json");
  writeFileSync(path, JSON.stringify({ format: "layers-model", modelTopology: {}, weightsManifest }));
  return path;
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function tfjsString(strs: string[]): Uint8Array {
  const enc = new TextEncoder();
  return cat(...strs.flatMap((s) => {
    const b = enc.encode(s);
    return [bytesOf(Uint32Array.of(b.length)), b];
  }));
}

let tfcReady: Promise<boolean> | null = null;
/** tfjs-core's own decoding of `buf` with `specs` (flat values per name). */
async function tfjsDecode(buf: Uint8Array, specs: Spec[]): Promise<Map<string, ArrayLike<number>>> {
  tfcReady ??= (tfc.env().set("IS_TEST", true), tfc.setBackend("cpu"));
  await tfcReady;
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const m = tfc.io.decodeWeights(ab, specs as tfc.io.WeightsManifestEntry[]);
  const out = new Map<string, ArrayLike<number>>();
  for (const [k, t] of Object.entries(m)) {
    out.set(k, t.dataSync() as ArrayLike<number>);
    t.dispose();
  }
  return out;
}

function flatValues(t: tf.Tensor): number[] {
  const d = t.numpy().data;
  if (Array.isArray(d)) throw new Error("string tensor");
  return Array.from(d as ArrayLike<number | bigint>, Number);
}

test("the shared TF.js fixtures load completely", async (t) => {
  if (!existsSync(FIXTURES)) { t.skip(`../shared/fixtures is missing (${FIXTURES})`); return; }
  const dirs: string[] = [];
  for (const parent of ["tfjs", "tf"]) {
    const p = join(FIXTURES, parent);
    if (!existsSync(p)) continue;
    for (const d of readdirSync(p).sort()) {
      if (parent === "tf" && !d.startsWith("tfjs_")) continue;
      const mj = join(p, d, "model.json");
      if (!existsSync(mj)) continue;
      const j = JSON.parse(readFileSync(mj, "utf8")) as { weightsManifest?: { paths: string[]; weights: Spec[] }[] };
      if (j.weightsManifest !== undefined) dirs.push(join(p, d));
    }
  }
  assert.ok(dirs.length >= 2, `expected the dense_model and layers_model fixtures, found ${dirs.join(", ")}`);
  for (const dir of dirs) {
    const mj = join(dir, "model.json");
    const manifest = (JSON.parse(readFileSync(mj, "utf8")) as { weightsManifest: { paths: string[]; weights: Spec[] }[] }).weightsManifest;
    const loaded = await tf.io.loadTfjsWeights(mj);
    const expected = manifest.flatMap((g) => g.weights);
    assert.deepEqual(Object.keys(loaded), expected.map((w) => w.name), dir);
    for (const g of manifest) {
      const buf = cat(...g.paths.map((p) => new Uint8Array(readFileSync(join(dir, p)))));
      const ref = await tfjsDecode(buf, g.weights);
      for (const w of g.weights) {
        const got = loaded[w.name]!;
        assert.equal(got.dtype.name, w.dtype, w.name);
        assert.deepEqual([...got.shape], w.shape, w.name);
        assert.deepEqual(flatValues(got), Array.from(ref.get(w.name) as ArrayLike<number>), w.name);
      }
    }
  }
});

test("the dense_model fixture's values (README: f32[1,1]=1.95137, f32[1]=-0.84924)", async (t) => {
  const mj = join(FIXTURES, "tfjs", "dense_model", "model.json");
  if (!existsSync(mj)) { t.skip(`../shared/fixtures/tfjs/dense_model is missing (${mj})`); return; }
  const w = await tf.io.loadTfjsWeights(mj);
  const kernel = w["StatefulPartitionedCall/sequential_1/dense_Dense1/MatMul/ReadVariableOp"]!;
  const bias = w["StatefulPartitionedCall/sequential_1/dense_Dense1/BiasAdd/ReadVariableOp"]!;
  assert.ok(Math.abs(flatValues(kernel)[0]! - 1.95137) < 1e-5);
  assert.ok(Math.abs(flatValues(bias)[0]! - -0.84924) < 1e-5);
  const layers = await tf.io.loadTfjsWeights(join(FIXTURES, "tfjs", "layers_model", "model.json"));
  assert.deepEqual(Object.fromEntries(Object.entries(layers).map(([k, v]) => [k, [...v.shape]])), {
    "embedding_Embedding2/embeddings": [100, 20], "gru_GRU1/kernel": [20, 12],
    "gru_GRU1/recurrent_kernel": [4, 12], "gru_GRU1/bias": [12],
  });
});

test("every dtype, several shards and groups, against tfjs-core's decodeWeights", async () => {
  const f32 = Float32Array.of(1.5, -2.25, 3e30, -0, Infinity, 7);
  const i32 = Int32Array.of(-(2 ** 31), 2 ** 31 - 1, 0, 42);
  const bools = Uint8Array.of(1, 0, 1);
  const strs = ["", "héllo", "a\u0000b", "日本語"];
  const cplx = Float32Array.of(1, 2, -3, 4.5);
  const specs: Spec[] = [
    { name: "f", shape: [2, 3], dtype: "float32" },
    { name: "i", shape: [4], dtype: "int32" },
    { name: "b", shape: [3], dtype: "bool" },
    { name: "s", shape: [2, 2], dtype: "string" },
    { name: "c", shape: [2], dtype: "complex64" },
    { name: "scalar", shape: [], dtype: "float32" },
    { name: "empty", shape: [0, 3], dtype: "int32" },
  ];
  const all = cat(bytesOf(f32), bytesOf(i32), bools, tfjsString(strs), bytesOf(cplx), bytesOf(Float32Array.of(9)));
  // Split the group at odd offsets into three shards, and add a second group.
  const shards = { "group1-shard1of3.bin": all.slice(0, 5), "group1-shard2of3.bin": all.slice(5, 41), "group1-shard3of3.bin": all.slice(41) };
  const path = writeModel([
    { specs, shards },
    { specs: [{ name: "g2/w", shape: [2], dtype: "int32" }], shards: { "group2-shard1of1.bin": bytesOf(Int32Array.of(5, -6)) } },
  ]);
  const w = await tf.io.loadTfjsWeights(path);
  assert.deepEqual(Object.keys(w), ["f", "i", "b", "s", "c", "scalar", "empty", "g2/w"]);
  assert.deepEqual(flatValues(w["f"]!), Array.from(f32));
  assert.ok(Object.is(flatValues(w["f"]!)[3], -0));
  assert.deepEqual([...w["f"]!.shape], [2, 3]);
  assert.equal(w["i"]!.dtype.name, "int32");
  assert.deepEqual(flatValues(w["i"]!), Array.from(i32));
  assert.equal(w["b"]!.dtype.name, "bool");
  assert.deepEqual(w["b"]!.numpy().tolist(), [true, false, true]);
  assert.equal(w["s"]!.dtype.name, "string");
  const sData = w["s"]!.numpy().data as Uint8Array[];
  assert.deepEqual(sData.map((b) => new TextDecoder().decode(b)), strs);
  assert.equal(w["c"]!.dtype.name, "complex64");
  assert.deepEqual(Array.from(w["c"]!.numpy().data as Float32Array), Array.from(cplx));
  assert.deepEqual([...w["scalar"]!.shape], []);
  assert.deepEqual(flatValues(w["scalar"]!), [9]);
  assert.deepEqual([...w["empty"]!.shape], [0, 3]);
  assert.deepEqual(flatValues(w["g2/w"]!), [5, -6]);
  // tfjs-core decodes the same bytes the same way (complex64 aside: its tensors hold re/im apart).
  const ref = await tfjsDecode(all, specs.filter((s) => s.dtype !== "complex64").slice(0, 4));
  for (const s of specs.slice(0, 3)) assert.deepEqual(flatValues(w[s.name]!), Array.from(ref.get(s.name) as ArrayLike<number>), s.name);
  // tfjs-core's dataSync() hands string tensors back decoded (as JS strings).
  const refS = ref.get("s") as unknown as (string | Uint8Array)[];
  assert.deepEqual(refS.map((v) => (typeof v === "string" ? v : new TextDecoder().decode(v))), strs);
});

test("float16, uint8 and uint16 quantization, exactly as tfjs-core dequantizes", async () => {
  const halfVals = [0, -0, 1, -2.5, 65504, 6e-8, Infinity, NaN, 0.1];
  const half = Uint16Array.from(halfVals, toHalfBits);
  const u8 = Uint8Array.of(0, 1, 127, 255);
  const u16 = Uint16Array.of(0, 1, 32768, 65535);
  const specs: Spec[] = [
    { name: "h", shape: [3, 3], dtype: "float32", quantization: { dtype: "float16" } },
    { name: "q8", shape: [2, 2], dtype: "float32", quantization: { dtype: "uint8", min: -1.25, scale: 0.01 } },
    { name: "q16", shape: [4], dtype: "float32", quantization: { dtype: "uint16", min: 3, scale: 1e-4 } },
    { name: "qi8", shape: [4], dtype: "int32", quantization: { dtype: "uint8", min: -100, scale: 0.7 } },
    { name: "qi16", shape: [2, 2], dtype: "int32", quantization: { dtype: "uint16", min: 10, scale: 0.5 } },
  ];
  // No padding between weights: the uint8 run leaves the following uint16 data at odd offsets.
  const bin = cat(bytesOf(half), u8, bytesOf(u16), u8, bytesOf(u16));
  const w = await tf.io.loadTfjsWeights(writeModel([{ specs, shards: { "weights.bin": bin } }]));
  assert.equal(w["h"]!.dtype.name, "float32");
  assert.deepEqual(flatValues(w["h"]!), Array.from(half, fromHalfBits));
  assert.deepEqual(flatValues(w["q8"]!), Array.from(Float32Array.from(u8, (q) => q * 0.01 + -1.25)));
  assert.deepEqual(flatValues(w["q16"]!), Array.from(Float32Array.from(u16, (q) => q * 1e-4 + 3)));
  assert.equal(w["qi8"]!.dtype.name, "int32");
  assert.deepEqual(flatValues(w["qi8"]!), Array.from(u8, (q) => Math.round(q * 0.7 - 100)));
  assert.deepEqual(flatValues(w["qi16"]!), [10, 11, 16394, 32778]);
  const ref = await tfjsDecode(bin, specs);
  for (const s of specs) assert.deepEqual(flatValues(w[s.name]!), Array.from(ref.get(s.name) as ArrayLike<number>), s.name);
});

test("a missing shard is a NotFoundError naming it", async () => {
  const dir = tmp();
  const path = writeModel([{ specs: [{ name: "a", shape: [2], dtype: "float32" }], shards: { "a.bin": new Uint8Array(8) } }], dir);
  writeFileSync(path, JSON.stringify({ weightsManifest: [{ paths: ["a.bin", "gone-shard2of2.bin"], weights: [{ name: "a", shape: [2], dtype: "float32" }] }] }));
  await assert.rejects(tf.io.loadTfjsWeights(path), (e: Error) => e instanceof tf.errors.NotFoundError && e.message.includes("gone-shard2of2.bin"));
  await assert.rejects(tf.io.loadTfjsWeights(join(dir, "nope.json")), (e: Error) => e instanceof tf.errors.NotFoundError && e.message.includes("nope.json"));
});

test("shards shorter than the manifest needs are a DataLossError naming the file and weight", async () => {
  const cases: [Spec, Uint8Array][] = [
    [{ name: "w/kernel", shape: [3], dtype: "float32" }, new Uint8Array(11)],
    [{ name: "w/bool", shape: [3], dtype: "bool" }, new Uint8Array(2)],
    [{ name: "w/q", shape: [3], dtype: "float32", quantization: { dtype: "uint16", min: 0, scale: 1 } }, new Uint8Array(5)],
    [{ name: "w/str", shape: [2], dtype: "string" }, tfjsString(["ab", "cd"]).slice(0, 11)],
    [{ name: "w/strlen", shape: [2], dtype: "string" }, tfjsString(["ab"]).slice(0, 8)],
  ];
  for (const [spec, bytes] of cases) {
    const path = writeModel([{ specs: [{ name: "ok", shape: [1], dtype: "int32" }, spec], shards: { "s1.bin": bytesOf(Int32Array.of(1)), "s2.bin": bytes } }]);
    await assert.rejects(tf.io.loadTfjsWeights(path), (e: Error) =>
      e instanceof tf.errors.DataLossError && e.message.includes("s2.bin") && e.message.includes(spec.name), spec.name);
  }
});

test("invalid manifests are ValueErrors; damaged JSON is a DataLossError", async () => {
  const bad: [unknown, string][] = [
    [{ weightsManifest: [{ paths: ["x.bin"], weights: [{ name: "a", shape: [1], dtype: "float64" }] }] }, "float64"],
    [{ weightsManifest: [{ paths: ["x.bin"], weights: [{ name: "a", shape: [1], dtype: "int32", quantization: { dtype: "float16" } }] }] }, "float16"],
    [{ weightsManifest: [{ paths: ["x.bin"], weights: [{ name: "a", shape: [1], dtype: "float32", quantization: { dtype: "int4" } }] }] }, "int4"],
    [{ weightsManifest: [{ paths: ["x.bin"], weights: [{ name: "a", shape: [1], dtype: "float32", quantization: { dtype: "uint8", min: 0 } }] }] }, "scale"],
    [{ weightsManifest: [{ paths: ["x.bin"], weights: [{ name: "a", shape: [-1], dtype: "float32" }] }] }, "shape"],
    [{ modelTopology: {} }, "weightsManifest"],
  ];
  for (const [json, word] of bad) {
    const dir = tmp();
    writeFileSync(join(dir, "x.bin"), new Uint8Array(64));
    writeFileSync(join(dir, "model.json"), JSON.stringify(json));
    await assert.rejects(tf.io.loadTfjsWeights(join(dir, "model.json")), (e: Error) =>
      e instanceof tf.errors.ValueError && e.message.includes("model.json") && e.message.includes(word), word);
  }
  const dir = tmp();
  writeFileSync(join(dir, "model.json"), "{\"weightsManifest\": [");
  await assert.rejects(tf.io.loadTfjsWeights(join(dir, "model.json")), tf.errors.DataLossError);
});
