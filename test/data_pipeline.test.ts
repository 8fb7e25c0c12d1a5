// tf.data pipelines beyond the docstrings: iterator state in a tf.train.Checkpoint (resuming
// mid-epoch, shuffle buffers included), TextLineDataset over plain, GZIP and ZLIB files, the
// file cache's atomic write, and prefetch overlapping the producer with the consumer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, deflateSync } from "node:zlib";
import * as tf from "tsflow";

const { Dataset } = tf.data;
const values = (xs: Iterable<unknown>) => [...xs].map((t) => (t as tf.Tensor).numpy().tolist());
const dir = mkdtempSync(join(tmpdir(), "tsflow-data-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

/** The rest of an iterator's elements as lists. */
function rest(it: Iterator<unknown>): unknown[] {
  const out: unknown[] = [];
  for (let r = it.next(); !r.done; r = it.next()) out.push((r.value as tf.Tensor).numpy().tolist());
  return out;
}

test("checkpointed iterator resumes mid-epoch: slices → shuffle → batch, map, repeat", async () => {
  const x = tf.constant(Array.from({ length: 40 }, (_, i) => i), "int32");
  const make = () => Dataset.fromTensorSlices(x).map((v: tf.Tensor) => v.mul(2)).shuffle(8, { seed: 7 }).batch(3).repeat(2);
  const it = make().iter();
  for (let i = 0; i < 5; i++) it.next();
  const ckpt = new tf.train.Checkpoint({ iterator: it });
  const path = await ckpt.save(join(dir, "it"));
  const expected = rest(it);
  assert.equal(expected.length, 2 * 14 - 5);

  const keys = (await tf.train.listVariables(path)).map(([k]) => k);
  assert.ok(keys.includes("iterator/.ATTRIBUTES/ITERATOR_STATE"), keys.join(", "));

  const again = make().iter();
  await new tf.train.Checkpoint({ iterator: again }).restore(path);
  assert.deepEqual(rest(again), expected);
});

test("checkpointed iterator over zip, enumerate, filter, take, skip, interleave, batch, unbatch", async () => {
  const make = () => Dataset.zip(Dataset.range(30), Dataset.range(100, 130))
    .enumerate({ start: 3 }).filter((i: tf.Tensor) => tf.notEqual(tf.math.floormod(i, 4n), 0n)).skip(2).take(15)
    .map((_i: tf.Tensor, pair) => (pair as tf.Tensor[])[1]!)
    .interleave((v: tf.Tensor) => Dataset.fromTensors(v).repeat(2), { cycleLength: 2 })
    .batch(4).unbatch();
  const it = make().iter();
  for (let i = 0; i < 7; i++) it.next();
  const path = await new tf.train.Checkpoint({ iterator: it }).save(join(dir, "zip"));
  const expected = rest(it);
  const again = make().iter();
  await new tf.train.Checkpoint({ iterator: again }).restore(path);
  assert.deepEqual(rest(again), expected);
  assert.ok(expected.length > 5);
});

test("TextLineDataset: lines of plain, GZIP and ZLIB files, CRLF endings, a checkpointed position", async () => {
  const text = "alpha\nbeta\r\n\ngamma";
  writeFileSync(join(dir, "a.txt"), text);
  writeFileSync(join(dir, "b.txt.gz"), gzipSync("one\ntwo\n"));
  writeFileSync(join(dir, "c.txt.z"), deflateSync("three\n"));
  const lines = (ds: tf.data.Dataset) => [...ds].map((t) => Buffer.from(((t as tf.Tensor).numpy().item()) as Uint8Array).toString());
  const plain = new tf.data.TextLineDataset(join(dir, "a.txt"), { bufferSize: 3 });
  assert.deepEqual(lines(plain), ["alpha", "beta", "", "gamma"]);
  assert.equal(String(plain), "<TextLineDatasetV2 element_spec=TensorSpec(shape=(), dtype=tf.string, name=None)>");
  assert.deepEqual(lines(new tf.data.TextLineDataset([join(dir, "b.txt.gz")], { compressionType: "GZIP" })), ["one", "two"]);
  assert.deepEqual(lines(new tf.data.TextLineDataset(tf.constant([join(dir, "c.txt.z")]), { compressionType: "ZLIB" })), ["three"]);

  const both = () => new tf.data.TextLineDataset([join(dir, "a.txt"), join(dir, "a.txt")]);
  const it = both().iter();
  it.next(); it.next(); it.next();
  const path = await new tf.train.Checkpoint({ reader: it }).save(join(dir, "lines"));
  const again = both().iter();
  await new tf.train.Checkpoint({ reader: again }).restore(path);
  assert.deepEqual(lines({ [Symbol.iterator]: () => again } as unknown as tf.data.Dataset), ["gamma", "alpha", "beta", "", "gamma"]);

  assert.throws(() => [...new tf.data.TextLineDataset(join(dir, "missing.txt"))], (e: Error) => {
    assert.equal(e.name, "NotFoundError");
    assert.equal(e.message, `${join(dir, "missing.txt")}; No such file or directory`);
    return true;
  });
});

test("cache(filename): written whole once the first pass completes, never half-written when it fails", () => {
  const file = join(dir, "cache");
  let calls = 0;
  const ds = Dataset.range(6).map((x: tf.Tensor) => { calls++; return x.add(1n); }).cache(file);
  void ds.elementSpec;
  calls = 0;
  const it = ds.iter();
  it.next(); it.next();
  assert.equal(readdirSync(dir).filter((f) => f.startsWith("cache") || f.includes(".cache.")).length, 0, "nothing written mid-pass");
  assert.deepEqual(values(ds), [[1], [2], [3], [4], [5], [6]].map((v) => BigInt(v[0]!)));
  assert.equal(calls, 8);
  assert.ok(existsSync(`${file}.tsflow-cache`));
  calls = 0;
  const reread = Dataset.range(6).map((x: tf.Tensor) => { calls++; return x.add(1n); }).cache(file);
  void reread.elementSpec;
  calls = 0;
  assert.deepEqual(values(reread), [1n, 2n, 3n, 4n, 5n, 6n]);
  assert.equal(calls, 0, "a later pipeline reads the file");

  const failing = join(dir, "failing");
  const bad = Dataset.range(5).filter((x: tf.Tensor) => {
    if ((x.item() as bigint) === 3n) throw new Error("boom");
    return true;
  }).cache(failing);
  assert.throws(() => [...bad], /boom/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes("failing")), []);
});

test("prefetch under for await: producing the next element overlaps the consumer's awaits", async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function* slowSource() { for (let i = 0; i < 6; i++) { await sleep(25); yield i; } }
  const source = () => Dataset.fromGenerator(slowSource, { outputSignature: new tf.TensorSpec([], "int32") });
  const consume = async (ds: tf.data.Dataset) => {
    const t0 = performance.now();
    const got: unknown[] = [];
    for await (const x of ds) { got.push((x as tf.Tensor).item()); await sleep(25); }
    return { ms: performance.now() - t0, got };
  };
  const plain = await consume(source());
  const ahead = await consume(source().prefetch(2));
  assert.deepEqual(ahead.got, [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(plain.got, ahead.got);
  // Serial: 6 × (25 + 25) ms; overlapped: about 6 × 25 ms plus one production.
  assert.ok(plain.ms > 280, `serial run took ${plain.ms} ms`);
  assert.ok(ahead.ms < plain.ms * 0.75, `prefetch ${ahead.ms.toFixed(0)} ms vs serial ${plain.ms.toFixed(0)} ms`);
});

test("checkpointed async iterator with prefetch; a state from another pipeline is refused", async () => {
  const make = () => Dataset.range(20).shuffle(6, { seed: 3 }).batch(2).prefetch(3);
  const it = make().iterAsync();
  for (let i = 0; i < 4; i++) await it.next();
  const path = await new tf.train.Checkpoint({ iterator: it }).save(join(dir, "async"));
  const expected: unknown[] = [];
  for await (const b of it) expected.push((b as tf.Tensor).numpy().tolist());
  assert.equal(expected.length, 6);
  const again = make().iterAsync();
  await new tf.train.Checkpoint({ iterator: again }).restore(path);
  const got: unknown[] = [];
  for await (const b of again) got.push((b as tf.Tensor).numpy().tolist());
  assert.deepEqual(got, expected);

  const other = Dataset.fromTensorSlices(Int32Array.of(1, 2)).window(2).iter();
  await assert.rejects(new tf.train.Checkpoint({ iterator: other }).restore(path), (e: Error) => {
    assert.equal(e.name, "InvalidArgumentError");
    assert.match(e.message, /^Failed to restore the iterator: the saved state does not fit this input pipeline \(/);
    return true;
  });
});

test("padded_batch takes a number as a rank-1 padded shape, as Python's padded_shapes=5", () => {
  const A = Dataset.range(1, 3, { outputType: "int32" }).map((x: tf.Tensor) => tf.fill(tf.reshape(x, [1]), x));
  assert.deepEqual(values(A.paddedBatch(2, { paddedShapes: 3 })), [[[1, 0, 0], [2, 2, 0]]]);
});
