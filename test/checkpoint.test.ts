// tf.train.Checkpoint and tf.train.CheckpointManager: round trips of every dtype, TensorFlow's
// key format and object graph (compared with checkpoints TensorFlow wrote), numbered saves and
// the `checkpoint` state file, the manager's deletions, load-status assertions, and restores
// that fail on a dtype or shape mismatch without changing anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import {
  decodeObjectGraph, encodeObjectGraph, escapeLocalName, type TrackableObjectGraph,
} from "tsflow/internal/train/object_graph";
import { formatCheckpointState, parseCheckpointState } from "tsflow/internal/train/checkpoint_state";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/tf/", import.meta.url));
const HAVE = existsSync(FIXTURES);
const SKIP = HAVE ? false : `../shared/fixtures/tf is not beside this clone (${FIXTURES})`;
if (!HAVE) console.log(`# checkpoint: skipping fixture tests: ${String(SKIP)}`);
const fixture = (d: string): string => join(FIXTURES, d, "variables", "variables");

const tmp = (): string => mkdtempSync(join(tmpdir(), "tsflow-ckpt-"));

async function graphOf(path: string): Promise<TrackableObjectGraph> {
  const r = await tf.train.loadCheckpoint(path);
  const data = r.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH").hostData();
  assert.ok(Array.isArray(data));
  return decodeObjectGraph(data[0]!);
}

const values = (v: tf.Variable | tf.Tensor): unknown => v.numpy().tolist();

// ---------------------------------------------------------------------------------------

/** One tensor of every dtype, and a different value of the same dtype and shape. */
function everyDtype(): [string, tf.Tensor, tf.Tensor][] {
  const floats = tf.constant([[1.5, -2.25, 3], [4, 5.125, -6]]);
  const out: [string, tf.Tensor, tf.Tensor][] = [];
  for (const d of ["float16", "bfloat16", "float32", "float64"] as const) out.push([d, tf.cast(floats, d), tf.zeros([2, 3], d)]);
  for (const d of ["int8", "int16", "int32", "uint8", "uint16", "uint32"] as const) {
    out.push([d, tf.constant([[1, 2, 3], [100, 7, 0]], d), tf.zeros([2, 3], d)]);
  }
  out.push(["int64", tf.constant([-(2n ** 62n), 5n, 2n ** 40n]), tf.zeros([3], "int64")]);
  out.push(["uint64", tf.constant(new BigUint64Array([2n ** 63n + 5n, 1n])), tf.zeros([2], "uint64")]);
  out.push(["bool", tf.constant([true, false, true]), tf.constant([false, false, false])]);
  out.push(["complex128", tf.constant([{ re: 1, im: -2 }, { re: 0.5, im: 3 }]), tf.constant([{ re: 0, im: 0 }, { re: 0, im: 0 }])]);
  out.push(["complex64", tf.cast(tf.constant([{ re: 1, im: -2 }]), "complex64"), tf.cast(tf.constant([{ re: 0, im: 0 }]), "complex64")]);
  out.push(["string", tf.constant([["a", ""], ["héllo", "x/y.z"]]), tf.constant([["", ""], ["", ""]])]);
  out.push(["scalar", tf.constant(42.5), tf.constant(0)]);
  out.push(["empty", tf.zeros([0, 3]), tf.zeros([0, 3])]);
  return out;
}

test("save and restore round-trip variables of every dtype", async () => {
  const dir = tmp();
  const cases = everyDtype();
  const saved = Object.fromEntries(cases.map(([k, v]) => [k, new tf.Variable(v)]));
  const path = await new tf.train.Checkpoint({ vars: saved }).save(join(dir, "ckpt"));
  assert.equal(path, join(dir, "ckpt-1"));

  const fresh = Object.fromEntries(cases.map(([k, , z]) => [k, new tf.Variable(z)]));
  const ckpt = new tf.train.Checkpoint({ vars: fresh });
  const status = await ckpt.restore(path);
  status.assertConsumed().assertExistingObjectsMatched().assertNontrivialMatch();
  for (const [k, v] of cases) {
    assert.equal(fresh[k]!.dtype, v.dtype, k);
    assert.deepEqual(values(fresh[k]!), values(v), k);
  }
  assert.equal(ckpt.saveCounter.numpy().item(), 1n);

  // The existing reader reads what we wrote: dtypes, shapes and values.
  const reader = await tf.train.loadCheckpoint(path);
  for (const [k, v] of cases) {
    const key = `vars/${k}/.ATTRIBUTES/VARIABLE_VALUE`;
    assert.equal(reader.getVariableToDtypeMap()[key], v.dtype, k);
    assert.deepEqual(reader.getVariableToShapeMap()[key], [...v.dims], k);
    assert.deepEqual(values(reader.getTensor(key)), values(v), k);
  }
});

test("restore assigns in place: the same variable objects, on their devices", async () => {
  const dir = tmp();
  const v = new tf.Variable([1, 2, 3]);
  const ckpt = new tf.train.Checkpoint({ v });
  const path = await ckpt.write(join(dir, "w"));
  assert.equal(path, join(dir, "w"));
  v.assign([7, 8, 9]);
  (await ckpt.read(path)).assertConsumed();
  assert.deepEqual(values(v), [1, 2, 3]);
  assert.equal(ckpt.objects.v, v);
});

// ---------------------------------------------------------------------------------------
// keys, escaping, object graph

test("keys are object paths with TensorFlow's escaping; the object graph lists children, attributes and slots", async () => {
  const dir = tmp();
  assert.equal(escapeLocalName("a.b/c"), "a..b.Sc");
  const kernel = new tf.Variable([[1, 2], [3, 4]], { name: "dense/kernel" });
  const bias = new tf.Variable([0.5, 0.25], { name: "dense/bias" });
  const extra = new tf.Variable(7, { name: "extra" });
  const opt = new tf.optimizers.Adam({ learningRate: 0.01 });
  opt.applyGradients([[tf.onesLike(kernel), kernel], [tf.onesLike(bias), bias]]);

  class Explicit implements tf.train.Trackable {
    hidden = new tf.Variable(1); // not listed below, so not saved
    constructor(readonly w: tf.Variable) {}
    [tf.train.trackableChildren]() { return { "odd.name/x": this.w }; }
  }
  class Auto {
    scale = new tf.Variable(2);
    config = { units: 3 }; // a dict without variables: an empty node
    note = "not trackable";
    shape = new tf.TensorShape([2]); // not trackable
    self: Auto | null = null;
  }
  const auto = new Auto();
  auto.self = auto; // a cycle
  const step = new tf.Variable(5n);
  const ckpt = new tf.train.Checkpoint({
    step, model: { dense: { kernel, bias } }, layers: [kernel, extra, 3], opt, explicit: new Explicit(extra), auto,
  });
  const path = await ckpt.save(join(dir, "ckpt"));
  const keys = (await tf.train.listVariables(path)).map(([k]) => k);
  assert.deepEqual(keys, [
    "_CHECKPOINTABLE_OBJECT_GRAPH",
    "auto/scale/.ATTRIBUTES/VARIABLE_VALUE",
    "explicit/odd..name.Sx/.ATTRIBUTES/VARIABLE_VALUE",
    "layers/0/.ATTRIBUTES/VARIABLE_VALUE",
    "layers/0/.OPTIMIZER_SLOT/opt/momentum/.ATTRIBUTES/VARIABLE_VALUE",
    "layers/0/.OPTIMIZER_SLOT/opt/velocity/.ATTRIBUTES/VARIABLE_VALUE",
    "model/dense/bias/.ATTRIBUTES/VARIABLE_VALUE",
    "model/dense/bias/.OPTIMIZER_SLOT/opt/momentum/.ATTRIBUTES/VARIABLE_VALUE",
    "model/dense/bias/.OPTIMIZER_SLOT/opt/velocity/.ATTRIBUTES/VARIABLE_VALUE",
    "opt/iter/.ATTRIBUTES/VARIABLE_VALUE",
    "opt/learning_rate/.ATTRIBUTES/VARIABLE_VALUE",
    "save_counter/.ATTRIBUTES/VARIABLE_VALUE",
    "step/.ATTRIBUTES/VARIABLE_VALUE",
  ]);

  const g = await graphOf(path);
  const root = g.nodes[0]!;
  // Keyword arguments sorted, then save_counter.
  assert.deepEqual(root.children.map((c) => c.localName), ["auto", "explicit", "layers", "model", "opt", "step", "save_counter"]);
  const child = (id: number, name: string): number => g.nodes[id]!.children.find((c) => c.localName === name)!.nodeId;
  const layers = child(0, "layers");
  // Breadth-first: kernel is first reached through layers/0; model/dense/kernel is a second edge to it.
  const kernelId = child(layers, "0");
  assert.equal(child(child(child(0, "model"), "dense"), "kernel"), kernelId);
  assert.deepEqual(g.nodes[layers]!.children.map((c) => c.localName), ["0", "1"]); // 3 is not trackable
  // extra is reached first through explicit (keys sort "explicit" before "layers"): one node, two edges.
  assert.equal(child(child(0, "explicit"), "odd.name/x"), child(layers, "1"));
  assert.deepEqual(g.nodes[child(0, "explicit")]!.children.length, 1);
  const autoId = child(0, "auto");
  assert.deepEqual(g.nodes[autoId]!.children.map((c) => c.localName), ["scale", "config", "self"]);
  assert.equal(child(autoId, "self"), autoId);
  const config = g.nodes[child(autoId, "config")]!;
  assert.deepEqual(config.children, []);
  assert.equal(config.hasCheckpointValues, false);
  assert.deepEqual(g.nodes[kernelId]!.attributes, [
    { name: "VARIABLE_VALUE", fullName: "dense/kernel", checkpointKey: "layers/0/.ATTRIBUTES/VARIABLE_VALUE" },
  ]);
  assert.equal(g.nodes[kernelId]!.hasCheckpointValues, true);
  assert.equal(root.hasCheckpointValues, true);
  const optId = child(0, "opt");
  assert.deepEqual(g.nodes[optId]!.children.map((c) => c.localName), ["iter", "learning_rate"]);
  const biasId = child(child(child(0, "model"), "dense"), "bias");
  // Slots: per slot name, per variable in node order, appended after the other nodes.
  const slots = g.nodes[optId]!.slotVariables;
  assert.deepEqual(slots.map((s) => [s.slotName, s.originalVariableNodeId]),
    [["momentum", kernelId], ["momentum", biasId], ["velocity", kernelId], ["velocity", biasId]]);
  const firstSlot = Math.min(...slots.map((s) => s.slotVariableNodeId));
  assert.equal(firstSlot, g.nodes.length - 4);
  assert.deepEqual(slots.map((s) => s.slotVariableNodeId), [firstSlot, firstSlot + 1, firstSlot + 2, firstSlot + 3]);
  assert.equal(g.nodes[slots[3]!.slotVariableNodeId]!.attributes[0]!.checkpointKey,
    "model/dense/bias/.OPTIMIZER_SLOT/opt/velocity/.ATTRIBUTES/VARIABLE_VALUE");
  // The proto re-encodes to the same bytes.
  const r = await tf.train.loadCheckpoint(path);
  const bytes = (r.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH").hostData() as Uint8Array[])[0]!;
  assert.deepEqual(encodeObjectGraph(g), bytes);
  assert.equal(r.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH").dims.length, 0);
});

test("the object graph codec reproduces TensorFlow's bytes; our graphs match the fixtures' layout", { skip: SKIP }, async () => {
  for (const d of ["regression_savedmodel", "keras_single_input_saved_model", "keras_multiple_inputs_saved_model", "tfjs_times_two_int"]) {
    const r = await tf.train.loadCheckpoint(fixture(d));
    const bytes = (r.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH").hostData() as Uint8Array[])[0]!;
    const g = decodeObjectGraph(bytes);
    assert.deepEqual(encodeObjectGraph(g), bytes, d);
    // Every attribute's key is in the checkpoint, and slot keys follow the variable's first path.
    for (const n of g.nodes) for (const a of n.attributes) assert.ok(r.hasTensor(a.checkpointKey), a.checkpointKey);
  }
  // The same structure as regression_savedmodel (w, b, an optimizer with iter and learning_rate).
  const g = await graphOf(fixture("regression_savedmodel"));
  assert.deepEqual(g.nodes[0]!.children.slice(0, 2), [{ nodeId: 1, localName: "w" }, { nodeId: 2, localName: "b" }]);
  assert.deepEqual(g.nodes[1]!.attributes, [{ name: "VARIABLE_VALUE", fullName: "w", checkpointKey: "w/.ATTRIBUTES/VARIABLE_VALUE" }]);
});

// ---------------------------------------------------------------------------------------
// save numbering and the state file

test("save numbers checkpoints with save_counter and rewrites the checkpoint state file", async () => {
  const dir = tmp();
  const v = new tf.Variable(1);
  const ckpt = new tf.train.Checkpoint({ v });
  assert.equal(await tf.train.latestCheckpoint(dir), null);
  assert.equal(await ckpt.save(join(dir, "ckpt")), join(dir, "ckpt-1"));
  v.assign(2);
  assert.equal(await ckpt.save(join(dir, "ckpt")), join(dir, "ckpt-2"));
  assert.equal(readFileSync(join(dir, "checkpoint"), "utf8"), 'model_checkpoint_path: "ckpt-2"\nall_model_checkpoint_paths: "ckpt-2"\n');
  assert.deepEqual(readdirSync(dir).sort(), [
    "checkpoint", "ckpt-1.data-00000-of-00001", "ckpt-1.index", "ckpt-2.data-00000-of-00001", "ckpt-2.index",
  ]);
  assert.equal(ckpt.saveCounter.numpy().item(), 2n);
  assert.equal(await tf.train.latestCheckpoint(dir), join(dir, "ckpt-2"));
  // listVariables / loadCheckpoint take the directory too.
  assert.deepEqual(await tf.train.listVariables(dir), await tf.train.listVariables(join(dir, "ckpt-2")));
  assert.equal((await tf.train.loadCheckpoint(dir)).getTensor("v/.ATTRIBUTES/VARIABLE_VALUE").numpy().item(), 2);
  assert.equal((await tf.train.loadCheckpoint(dir)).getTensor("save_counter/.ATTRIBUTES/VARIABLE_VALUE").numpy().item(), 2n);

  // A new Checkpoint restores save_counter and keeps counting.
  const w = new tf.Variable(0);
  const again = new tf.train.Checkpoint({ v: w });
  (await again.restore(join(dir, "ckpt-1"))).assertConsumed();
  assert.equal(w.numpy().item(), 1);
  assert.equal(again.saveCounter.numpy().item(), 1n);
  assert.equal(await again.save(join(dir, "ckpt")), join(dir, "ckpt-2"));

  // read() does not create save_counter, but a later save picks up the value it read.
  const third = new tf.train.Checkpoint({ v: new tf.Variable(0) });
  (await third.read(join(dir, "ckpt-2"))).assertExistingObjectsMatched();
  assert.equal(await third.save(join(dir, "ckpt")), join(dir, "ckpt-3"));

  // The state file is a text proto: escaped strings, Python floats.
  const text = formatCheckpointState({
    modelCheckpointPath: 'we"ird\\ näme', allModelCheckpointPaths: ["a", 'we"ird\\ näme'],
    allModelCheckpointTimestamps: [1712345678, 1712345678.25], lastPreservedTimestamp: 1712345600.5,
  });
  assert.equal(text,
    'model_checkpoint_path: "we\\"ird\\\\ n\\303\\244me"\nall_model_checkpoint_paths: "a"\nall_model_checkpoint_paths: "we\\"ird\\\\ n\\303\\244me"\n' +
    "all_model_checkpoint_timestamps: 1712345678.0\nall_model_checkpoint_timestamps: 1712345678.25\nlast_preserved_timestamp: 1712345600.5\n");
  const back = parseCheckpointState(text);
  assert.equal(back.modelCheckpointPath, 'we"ird\\ näme');
  assert.deepEqual(back.allModelCheckpointTimestamps, [1712345678, 1712345678.25]);
});

test("write and read: no counter, no state file; restore of a written checkpoint leaves save_counter unmatched", async () => {
  const dir = tmp();
  const v = new tf.Variable([1, 2]);
  const ckpt = new tf.train.Checkpoint({ v });
  await ckpt.write(join(dir, "plain"));
  assert.deepEqual(readdirSync(dir).sort(), ["plain.data-00000-of-00001", "plain.index"]);
  assert.ok(!(await tf.train.listVariables(join(dir, "plain"))).some(([k]) => k.startsWith("save_counter")));
  const other = new tf.train.Checkpoint({ v: new tf.Variable([0, 0]) });
  (await other.read(join(dir, "plain"))).assertConsumed();
  const third = new tf.train.Checkpoint({ v: new tf.Variable([0, 0]) });
  const status = await third.restore(join(dir, "plain"));
  assert.throws(() => status.assertExistingObjectsMatched(), (e: Error) =>
    e instanceof tf.errors.AssertionError && e.message.startsWith("Found 1 Python objects that were not bound to checkpointed values") &&
    e.message.includes("<tf.Variable 'save_counter:0' shape=() dtype=int64, numpy=0>"));
});

// ---------------------------------------------------------------------------------------
// CheckpointManager

test("CheckpointManager keeps maxToKeep checkpoints, deletes older files, and resumes from its state file", async () => {
  const dir = join(tmp(), "run");
  const v = new tf.Variable(0);
  const ckpt = new tf.train.Checkpoint({ v });
  const manager = new tf.train.CheckpointManager(ckpt, dir, { maxToKeep: 2 });
  assert.equal(manager.latestCheckpoint, null);
  assert.deepEqual(manager.checkpoints, []);
  for (let i = 1; i <= 4; i++) {
    v.assign(i * 10);
    assert.equal(await manager.save(), join(dir, `ckpt-${i}`));
  }
  assert.equal(manager.latestCheckpoint, join(dir, "ckpt-4"));
  assert.deepEqual(manager.checkpoints, [join(dir, "ckpt-3"), join(dir, "ckpt-4")]);
  assert.deepEqual(readdirSync(dir).sort(), [
    "checkpoint", "ckpt-3.data-00000-of-00001", "ckpt-3.index", "ckpt-4.data-00000-of-00001", "ckpt-4.index",
  ]);
  const text = readFileSync(join(dir, "checkpoint"), "utf8");
  assert.match(text, new RegExp(
    '^model_checkpoint_path: "ckpt-4"\nall_model_checkpoint_paths: "ckpt-3"\nall_model_checkpoint_paths: "ckpt-4"\n' +
    "all_model_checkpoint_timestamps: \\d+\\.\\d+\nall_model_checkpoint_timestamps: \\d+\\.\\d+\nlast_preserved_timestamp: \\d+\\.\\d+\n$"));
  assert.equal(await tf.train.latestCheckpoint(dir), join(dir, "ckpt-4"));

  // A later process: a new manager takes over the directory's checkpoints.
  const w = new tf.Variable(0);
  const ckpt2 = new tf.train.Checkpoint({ v: w });
  const manager2 = new tf.train.CheckpointManager(ckpt2, dir, { maxToKeep: 2 });
  assert.equal(manager2.latestCheckpoint, join(dir, "ckpt-4"));
  assert.deepEqual(manager2.checkpoints, [join(dir, "ckpt-3"), join(dir, "ckpt-4")]);
  assert.equal(await manager2.restoreOrInitialize(), join(dir, "ckpt-4"));
  assert.equal(w.numpy().item(), 40);
  assert.equal(await manager2.save(), join(dir, "ckpt-5"));
  assert.ok(!existsSync(join(dir, "ckpt-3.index")));
  assert.deepEqual(manager2.checkpoints, [join(dir, "ckpt-4"), join(dir, "ckpt-5")]);

  // An explicit number; save_counter still counts.
  assert.equal(await manager2.save(100), join(dir, "ckpt-100"));
  assert.equal(ckpt2.saveCounter.numpy().item(), 6n);
});

test("CheckpointManager options: maxToKeep null keeps all, checkpointName, checkpointInterval, initFn, validation", async () => {
  const dir = tmp();
  const ckpt = new tf.train.Checkpoint({ v: new tf.Variable(1) });
  const all = new tf.train.CheckpointManager(ckpt, dir, { maxToKeep: null, checkpointName: "model" });
  for (let i = 0; i < 7; i++) await all.save();
  assert.equal(all.checkpoints.length, 7);
  assert.equal(all.latestCheckpoint, join(dir, "model-7"));
  assert.equal(readdirSync(dir).filter((f) => f.endsWith(".index")).length, 7);

  assert.throws(() => new tf.train.CheckpointManager(ckpt, dir, { maxToKeep: 0 }),
    (e: Error) => e instanceof tf.errors.ValueError && e.message === "Expected a positive integer or `None` for `max_to_keep`, got 0.");
  assert.throws(() => new tf.train.CheckpointManager(ckpt, dir, { checkpointInterval: 2 }), tf.errors.ValueError);

  const step = new tf.Variable(0, { dtype: "int64" });
  const dir2 = tmp();
  const byStep = new tf.train.CheckpointManager(new tf.train.Checkpoint({ step }), dir2, { stepCounter: step, checkpointInterval: 3 });
  const saved: (string | null)[] = [];
  for (let i = 0; i < 7; i++) {
    saved.push(await byStep.save());
    step.assignAdd(1n);
  }
  assert.deepEqual(saved.map((p) => (p === null ? null : p.slice(dir2.length + 1))), ["ckpt-1", null, null, "ckpt-2", null, null, "ckpt-3"]);

  let called = 0;
  const empty = new tf.train.CheckpointManager(ckpt, tmp(), { initFn: () => { called++; } });
  assert.equal(await empty.restoreOrInitialize(), null);
  assert.equal(called, 1);

  // Concurrent saves are serialized.
  const dir3 = tmp();
  const conc = new tf.train.CheckpointManager(new tf.train.Checkpoint({ v: new tf.Variable(1) }), dir3, { maxToKeep: 2 });
  const paths = await Promise.all([conc.save(), conc.save(), conc.save()]);
  assert.deepEqual(paths, [1, 2, 3].map((i) => join(dir3, `ckpt-${i}`)));
  assert.deepEqual(readdirSync(dir3).filter((f) => f.endsWith(".index")).sort(), ["ckpt-2.index", "ckpt-3.index"]);
});

// ---------------------------------------------------------------------------------------
// statuses

test("load statuses: assertConsumed, assertExistingObjectsMatched, assertNontrivialMatch, expectPartial", async () => {
  const dir = tmp();
  const path = await new tf.train.Checkpoint({ a: new tf.Variable(1), extra: { w: new tf.Variable([2, 3]) } }).save(join(dir, "ckpt"));

  // The checkpoint has more than the objects: existing objects match, consumed fails.
  const a = new tf.Variable(0);
  const partial = await new tf.train.Checkpoint({ a }).restore(path);
  assert.equal(a.numpy().item(), 1);
  partial.assertExistingObjectsMatched().assertNontrivialMatch();
  assert.equal(partial.expectPartial(), partial);
  assert.throws(() => partial.assertConsumed(), (e: Error) =>
    e instanceof tf.errors.AssertionError && e.name === "AssertionError" &&
    e.message === 'Unresolved object in checkpoint (root).extra.w: attributes {\n  name: "VARIABLE_VALUE"\n  full_name: "Variable"\n' +
    '  checkpoint_key: "extra/w/.ATTRIBUTES/VARIABLE_VALUE"\n}\nhas_checkpoint_values {\n  value: true\n}\n');

  // The objects have more than the checkpoint.
  const b = new tf.Variable(5);
  const more = await new tf.train.Checkpoint({ a: new tf.Variable(0), b }).restore(path);
  assert.throws(() => more.assertExistingObjectsMatched(), (e: Error) =>
    e instanceof tf.errors.AssertionError &&
    e.message === "Found 1 Python objects that were not bound to checkpointed values, likely due to changes in the Python program. " +
    `Showing 1 of 1 unmatched objects: [${b.repr()}]`);
  assert.throws(() => more.assertConsumed(), tf.errors.AssertionError);

  // A value in the checkpoint where the objects have a non-variable.
  const unused = await new tf.train.Checkpoint({ a: {}, extra: { w: new tf.Variable([0, 0]) } }).restore(path);
  unused.assertExistingObjectsMatched();
  assert.throws(() => unused.assertConsumed(), (e: Error) => e instanceof tf.errors.AssertionError &&
    e.message === "Unused attributes in these objects (the attributes exist in the checkpoint but were not restored):\n(root).a (<Object object>): ['VARIABLE_VALUE']");

  // Nothing matched but the root.
  const nothing = await new tf.train.Checkpoint({ zzz: new tf.Variable(0) }).read(path);
  assert.throws(() => nothing.assertNontrivialMatch(), (e: Error) => e instanceof tf.errors.AssertionError &&
    e.message.startsWith("Nothing except the root object matched a checkpointed value."));

  // restore(null): the manager had no checkpoint.
  const none = await new tf.train.Checkpoint({ a: new tf.Variable(0) }).restore(null);
  for (const f of [() => none.assertConsumed(), () => none.assertExistingObjectsMatched(), () => none.assertNontrivialMatch()]) {
    assert.throws(f, (e: Error) => e instanceof tf.errors.AssertionError && e.message === "No checkpoint specified (save_path=None); nothing is being restored.");
  }

  await assert.rejects(new tf.train.Checkpoint({ a: new tf.Variable(0) }).restore(join(dir, "ckpt-9")), (e: Error) =>
    e instanceof tf.errors.NotFoundError && e.message.startsWith(`Error when restoring from checkpoint or SavedModel at ${join(dir, "ckpt-9")}: `) &&
    e.message.endsWith("You may be missing the checkpoint suffix (e.g. the '-1' in 'path/to/ckpt-1')."));
  assert.throws(() => new tf.train.Checkpoint({ n: 3 }), (e: Error) => e instanceof tf.errors.ValueError &&
    e.message.startsWith("`Checkpoint` was expecting n to be a trackable object"));
});

// ---------------------------------------------------------------------------------------
// mismatches change nothing

test("a dtype or shape mismatch raises TensorFlow's error and changes no variable", async () => {
  const dir = tmp();
  const path = await new tf.train.Checkpoint({
    a: new tf.Variable([1, 2, 3]), b: new tf.Variable([[1, 2], [3, 4]]), c: new tf.Variable(5, { dtype: "int32" }), d: new tf.Variable(1.5),
  }).save(join(dir, "ckpt"));

  const a = new tf.Variable([9, 9, 9]);
  const b = new tf.Variable([9, 9, 9, 9], { name: "bee" }); // shape (4,) vs (2, 2)
  const c = new tf.Variable(0, { dtype: "int32" });
  const d = new tf.Variable(0);
  await assert.rejects(new tf.train.Checkpoint({ a, b, c, d }).restore(path), (e: Error) =>
    e instanceof tf.errors.ValueError &&
    e.message === "Received incompatible tensor with shape (2, 2) when attempting to restore variable with shape (4,) and name bee:0.");
  assert.deepEqual(values(a), [9, 9, 9]);
  assert.deepEqual(values(b), [9, 9, 9, 9]);

  const c2 = new tf.Variable(0); // float32 vs int32
  const d2 = new tf.Variable(0, { dtype: "float64" }); // float64 vs float32
  const a2 = new tf.Variable([9, 9, 9]);
  await assert.rejects(new tf.train.Checkpoint({ a: a2, b: new tf.Variable([[0, 0], [0, 0]]), c: c2, d: d2 }).restore(path), (e: Error) =>
    e instanceof tf.errors.InvalidArgumentError &&
    e.message === "tensor_name = c/.ATTRIBUTES/VARIABLE_VALUE; expected dtype float does not equal original dtype int32\n" +
    "tensor_name = d/.ATTRIBUTES/VARIABLE_VALUE; expected dtype double does not equal original dtype float [Op:RestoreV2]");
  assert.deepEqual(values(a2), [9, 9, 9]);
  assert.equal(c2.numpy().item(), 0);

  // A variable of unknown shape takes the stored shape.
  const open = new tf.Variable([0], { shape: [null] });
  (await new tf.train.Checkpoint({ a: open }).read(path)).expectPartial();
  assert.deepEqual(values(open), [1, 2, 3]);
});

// ---------------------------------------------------------------------------------------
// optimizers

test("optimizer state round-trips: slots are created on restore and training resumes identically", async () => {
  const dir = tmp();
  const make = (): { w: tf.Variable; b: tf.Variable; opt: tf.optimizers.Adam } => ({
    w: new tf.Variable([[0.5, -0.25], [0.125, 1]]), b: new tf.Variable([0.1, -0.1]), opt: new tf.optimizers.Adam({ learningRate: 0.05 }),
  });
  const x = tf.constant([[1, 2], [3, -1], [0.5, 0.5]]);
  const y = tf.constant([[1, 0], [0, 1], [1, 1]]);
  const step = (m: ReturnType<typeof make>): void => {
    m.opt.minimize(() => tf.reduceMean(tf.square(tf.subtract(tf.add(tf.matmul(x, m.w), m.b), y))), [m.w, m.b]);
  };
  const m1 = make();
  for (let i = 0; i < 3; i++) step(m1);
  const ckpt1 = new tf.train.Checkpoint({ model: { w: m1.w, b: m1.b }, optimizer: m1.opt });
  const path = await ckpt1.save(join(dir, "ckpt"));

  const m2 = make();
  assert.equal(m2.opt.getSlot(m2.w, "momentum"), undefined);
  const status = await new tf.train.Checkpoint({ model: { w: m2.w, b: m2.b }, optimizer: m2.opt }).restore(path);
  status.assertConsumed();
  assert.equal(m2.opt.iterations.numpy().item(), 3n);
  for (const s of ["momentum", "velocity"]) {
    assert.deepEqual(values(m2.opt.getSlot(m2.w, s)!), values(m1.opt.getSlot(m1.w, s)!), s);
    assert.deepEqual(values(m2.opt.getSlot(m2.b, s)!), values(m1.opt.getSlot(m1.b, s)!), s);
  }
  for (let i = 0; i < 2; i++) { step(m1); step(m2); }
  assert.deepEqual(values(m2.w), values(m1.w));
  assert.deepEqual(values(m2.b), values(m1.b));

  // A failed restore creates no slots either.
  const m3 = make();
  const bad = new tf.Variable([0, 0, 0]);
  await assert.rejects(new tf.train.Checkpoint({ model: { w: m3.w, b: bad }, optimizer: m3.opt }).restore(path), tf.errors.ValueError);
  assert.equal(m3.opt.getSlot(m3.w, "momentum"), undefined);
  assert.equal(m3.opt.iterations.numpy().item(), 0n);
});

// ---------------------------------------------------------------------------------------
// TensorFlow's checkpoints

test("the Keras fixture restores into a matching structure (Keras 2 slot names m/v -> Adam's momentum/velocity)", { skip: SKIP }, async () => {
  const reader = await tf.train.loadCheckpoint(fixture("keras_single_input_saved_model"));
  const layer = (i: number, o: number): { kernel: tf.Variable; bias: tf.Variable } =>
    ({ kernel: new tf.Variable(tf.zeros([i, o])), bias: new tf.Variable(tf.zeros([o])) });
  const layers = [layer(5, 5), layer(5, 5), layer(5, 1)];
  const opt = new tf.optimizers.Adam();
  const objects: Record<string, unknown> = { optimizer: opt };
  layers.forEach((l, i) => { objects[`layer_with_weights-${i}`] = l; });
  const status = await new tf.train.Checkpoint(objects).read(fixture("keras_single_input_saved_model"));
  status.assertExistingObjectsMatched();
  // Keras's beta_1, beta_2, decay and metrics have no counterpart here.
  assert.throws(() => status.assertConsumed(), (e: Error) => e instanceof tf.errors.AssertionError && /Unresolved object in checkpoint \(root\)\.optimizer\.beta_1/.test(e.message));
  layers.forEach((l, i) => {
    for (const n of ["kernel", "bias"] as const) {
      const key = `layer_with_weights-${i}/${n}/.ATTRIBUTES/VARIABLE_VALUE`;
      assert.deepEqual(values(l[n]), values(reader.getTensor(key)), key);
      for (const [legacy, slot] of [["m", "momentum"], ["v", "velocity"]] as const) {
        const skey = `layer_with_weights-${i}/${n}/.OPTIMIZER_SLOT/optimizer/${legacy}/.ATTRIBUTES/VARIABLE_VALUE`;
        assert.deepEqual(values(opt.getSlot(l[n], slot)!), values(reader.getTensor(skey)), skey);
      }
    }
  });
  assert.equal(opt.iterations.numpy().item(), reader.getTensor("optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE").numpy().item());
  assert.equal(opt.learningRate, reader.getTensor("optimizer/learning_rate/.ATTRIBUTES/VARIABLE_VALUE").numpy().item());

  // restore() takes the SavedModel directory itself.
  const w = new tf.Variable([0]);
  const b = new tf.Variable([0]);
  const st = await new tf.train.Checkpoint({ w, b }).restore(join(FIXTURES, "regression_savedmodel"));
  st.expectPartial();
  assert.equal(b.numpy().item(), 0);
  assert.ok(Math.abs(Number(w.numpy().item()) - 0.204298) < 1e-6);
});

test("a TF1 checkpoint without an object graph restores by variable name", { skip: SKIP }, async () => {
  const w = new tf.Variable([0], { name: "w" });
  const b = new tf.Variable([5], { name: "b" });
  const status = await new tf.train.Checkpoint({ model: { w, b } }).restore(fixture("regression-model"));
  status.assertConsumed();
  assert.ok(Math.abs(Number(w.numpy().item()) + 0.857862) < 1e-6);
  assert.equal(b.numpy().item(), 0);
  const extra = new tf.Variable(1, { name: "not_there" });
  const partial = await new tf.train.Checkpoint({ w: new tf.Variable([0], { name: "w" }), extra }).restore(fixture("regression-model"));
  assert.throws(() => partial.assertConsumed(), (e: Error) => e instanceof tf.errors.AssertionError &&
    e.message.startsWith("Some objects had attributes which were not restored: \n    <tf.Variable 'not_there:0'"));
});

test("a checkpoint state file written by TensorFlow (absolute and relative paths) resolves", async () => {
  const dir = tmp();
  const v = new tf.Variable(3);
  await new tf.train.Checkpoint({ v }).write(join(dir, "model.ckpt-7"));
  writeFileSync(join(dir, "checkpoint"), `model_checkpoint_path: "${join(dir, "model.ckpt-7")}"\nall_model_checkpoint_paths: "model.ckpt-7"\n`);
  assert.equal(await tf.train.latestCheckpoint(dir), join(dir, "model.ckpt-7"));
  const state = await tf.train.getCheckpointState(dir);
  assert.deepEqual(state?.allModelCheckpointPaths, [join(dir, "model.ckpt-7")]);
  writeFileSync(join(dir, "checkpoint"), 'model_checkpoint_path: "gone-1"\n');
  assert.equal(await tf.train.latestCheckpoint(dir), null);
});

test("objects with trackableAttributes save their tensors under .ATTRIBUTES/<NAME> and get them back", async () => {
  class Position implements tf.train.TrackableWithAttributes {
    index = 3;
    [tf.train.trackableAttributes](): Record<string, tf.train.SaveableAttribute> {
      return {
        ITERATOR_STATE: {
          save: () => tf.constant(JSON.stringify({ index: this.index })),
          restore: (t: tf.Tensor) => {
            const bytes = t.hostData();
            assert.ok(Array.isArray(bytes));
            this.index = (JSON.parse(new TextDecoder().decode(bytes[0] as Uint8Array)) as { index: number }).index;
          },
        },
      };
    }
  }
  const dir = tmp();
  const saved = new Position();
  const path = await new tf.train.Checkpoint({ iterator: saved, v: new tf.Variable(1) }).write(join(dir, "c"));
  assert.deepEqual((await tf.train.listVariables(path)).map(([k]) => k),
    ["_CHECKPOINTABLE_OBJECT_GRAPH", "iterator/.ATTRIBUTES/ITERATOR_STATE", "v/.ATTRIBUTES/VARIABLE_VALUE"]);
  const graph = await graphOf(path);
  assert.deepEqual(graph.nodes[1]!.attributes, [{ name: "ITERATOR_STATE", fullName: "", checkpointKey: "iterator/.ATTRIBUTES/ITERATOR_STATE" }]);
  const restored = new Position();
  restored.index = 0;
  const v = new tf.Variable(5);
  (await new tf.train.Checkpoint({ iterator: restored, v }).read(path)).assertConsumed();
  assert.equal(restored.index, 3);
  assert.equal(v.numpy().item(), 1);
  // A plain object with no such attribute leaves it unused: assertConsumed names it.
  const status = await new tf.train.Checkpoint({ iterator: {}, v: new tf.Variable(0) }).read(path);
  assert.throws(() => status.assertConsumed(), (e: unknown) => e instanceof tf.errors.AssertionError && /ITERATOR_STATE/.test(e.message));
});
