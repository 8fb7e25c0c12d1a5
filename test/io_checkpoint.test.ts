// tf.train.listVariables / loadCheckpoint: every TensorFlow checkpoint among the shared
// fixtures (written by TensorFlow itself) lists and loads with all checksums verified, and
// damaged index or data files raise DataLossError.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { crc32c, decodeBundleIndex, maskCrc } from "tsflow/internal/io/tensor_bundle";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/tf/", import.meta.url));
const HAVE = existsSync(FIXTURES);
const SKIP = HAVE ? false : `../shared/fixtures/tf is not beside this clone (${FIXTURES})`;
if (!HAVE) console.log(`# io_checkpoint: skipping fixture tests: ${String(SKIP)}`);

function checkpoints(): string[] {
  return readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, "variables", "variables.index"))).sort();
}
const prefixOf = (d: string): string => join(FIXTURES, d, "variables", "variables");

/** A copy of a fixture's variables/ in a temporary directory; returns its prefix. */
function copyOf(d: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tsflow-ckpt-"));
  for (const f of ["variables.index", "variables.data-00000-of-00001"]) copyFileSync(join(FIXTURES, d, "variables", f), join(dir, f));
  return join(dir, "variables");
}

test("crc32c and its mask match LevelDB's", () => {
  assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(maskCrc(0), 0xa282ead8);
});

test("every fixture checkpoint lists and loads, checksums verified", { skip: SKIP }, async () => {
  const dirs = checkpoints();
  assert.ok(dirs.length >= 6, `found ${dirs.length} checkpoints`);
  for (const d of dirs) {
    const list = await tf.train.listVariables(prefixOf(d));
    assert.ok(list.length > 0, d);
    const names = list.map(([n]) => n);
    assert.deepEqual(names, [...names].sort(), `${d}: sorted`);
    const reader = await tf.train.loadCheckpoint(prefixOf(d));
    const shapes = reader.getVariableToShapeMap();
    const dtypes = reader.getVariableToDtypeMap();
    assert.deepEqual(Object.keys(shapes).sort(), names);
    for (const [name, shape] of list) {
      assert.deepEqual(shapes[name], shape);
      const t = reader.getTensor(name);
      assert.equal(t.dtype, dtypes[name], `${d}/${name}`);
      assert.deepEqual([...t.numpy().shape], shape, `${d}/${name}`);
      const data = t.numpy().data;
      if (t.dtype.name === "string") {
        assert.ok(Array.isArray(data) && data.every((s) => s.length > 0), `${d}/${name}`);
      } else if (t.dtype.isBigInt) {
        for (const v of data) assert.equal(typeof v, "bigint");
      } else {
        for (const v of data) assert.ok(Number.isFinite(v), `${d}/${name}: ${String(v)}`);
      }
    }
  }
});

test("known fixture values", { skip: SKIP }, async () => {
  const r1 = await tf.train.loadCheckpoint(prefixOf("regression-model"));
  assert.deepEqual(await tf.train.listVariables(prefixOf("regression-model")), [["b", [1]], ["w", [1]]]);
  assert.ok(Math.abs(Number(r1.getTensor("w").numpy().data[0]) - -0.857862) < 1e-6);
  const r2 = await tf.train.loadCheckpoint(prefixOf("regression_savedmodel"));
  assert.ok(Math.abs(Number(r2.getTensor("w/.ATTRIBUTES/VARIABLE_VALUE").numpy().data[0]) - 0.204298) < 1e-6);
  assert.equal(r2.getTensor("optimizer/learning_rate/.ATTRIBUTES/VARIABLE_VALUE").numpy().data[0], 0.5);
  const it = r2.getTensor("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE");
  assert.equal(it.dtype, tf.int64);
  assert.equal(it.numpy().data[0], 0n);
  assert.equal((await tf.train.listVariables(prefixOf("regression_savedmodel")))[0]![0], "_CHECKPOINTABLE_OBJECT_GRAPH");
  const r3 = await tf.train.loadCheckpoint(prefixOf("keras_single_input_saved_model"));
  assert.deepEqual(r3.getVariableToShapeMap()["layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE"], [5, 1]);
  assert.equal(r3.getTensor("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE").numpy().data[0], 1n);
  assert.throws(() => r3.getTensor("nope"), (e: Error) => e instanceof tf.errors.NotFoundError && e.message === "Key nope not found in checkpoint");
});

test("a directory resolves through its checkpoint file", { skip: SKIP }, async () => {
  const prefix = copyOf("regression_savedmodel");
  const dir = join(prefix, "..");
  await assert.rejects(tf.train.listVariables(dir), tf.errors.ValueError);
  writeFileSync(join(dir, "checkpoint"), 'model_checkpoint_path: "variables"\nall_model_checkpoint_paths: "variables"\n');
  assert.deepEqual(await tf.train.listVariables(dir), await tf.train.listVariables(prefixOf("regression_savedmodel")));
  await assert.rejects(tf.train.listVariables(join(dir, "missing")), tf.errors.NotFoundError);
});

test("a corrupted data byte raises DataLossError naming the key", { skip: SKIP }, async () => {
  for (const key of ["w/.ATTRIBUTES/VARIABLE_VALUE", "_CHECKPOINTABLE_OBJECT_GRAPH"]) {
    const prefix = copyOf("regression_savedmodel");
    const { entries } = decodeBundleIndex(new Uint8Array(readFileSync(`${prefix}.index`)));
    const e = entries.get(key)!;
    const dataFile = `${prefix}.data-00000-of-00001`;
    const data = readFileSync(dataFile);
    data[e.offset + e.size - 1]! ^= 0x01;
    writeFileSync(dataFile, data);
    const r = await tf.train.loadCheckpoint(prefix);
    assert.throws(() => r.getTensor(key), (err: Error) =>
      err instanceof tf.errors.DataLossError && err.message.includes(key) && err.message.includes("data-00000-of-00001"));
    r.getTensor("b/.ATTRIBUTES/VARIABLE_VALUE"); // untouched entries still load
  }
});

test("a corrupted or compressed .index block raises a clear error", { skip: SKIP }, async () => {
  const prefix = copyOf("keras_single_input_saved_model");
  const orig = readFileSync(`${prefix}.index`);
  const bad = Buffer.from(orig);
  bad[10]! ^= 0x20; // inside the first data block
  writeFileSync(`${prefix}.index`, bad);
  await assert.rejects(tf.train.listVariables(prefix), (e: Error) => e instanceof tf.errors.DataLossError && /checksum/.test(e.message));
  const short = orig.subarray(0, orig.length - 1);
  writeFileSync(`${prefix}.index`, short);
  await assert.rejects(tf.train.listVariables(prefix), tf.errors.DataLossError);
  // Mark the index block snappy-compressed, with a valid checksum: UnimplementedError.
  const footer = orig.length - 48;
  const varint = (at: number): [number, number] => {
    let v = 0, s = 0, i = at;
    for (;;) { const c = orig[i++]!; v += (c & 0x7f) * 2 ** s; s += 7; if (!(c & 0x80)) return [v, i]; }
  };
  let [, p] = varint(footer); [, p] = varint(p);
  const [off, p2] = varint(p); const [size] = varint(p2);
  const z = Buffer.from(orig);
  z[off + size] = 1;
  z.writeUInt32LE(maskCrc(crc32c(z.subarray(off, off + size + 1))), off + size + 1);
  writeFileSync(`${prefix}.index`, z);
  await assert.rejects(tf.train.listVariables(prefix), (e: Error) => e instanceof tf.errors.UnimplementedError && /compressed/.test(e.message));
});
