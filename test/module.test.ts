// tf.Module: names and name scopes, variables/trainableVariables/submodules found by walking
// properties in TensorFlow's order, flatten with paths, checkpoints with TensorFlow's keys and
// object graph, and deferred restoration (variables created after restore take saved values).
// The examples are those of tensorflow/python/module/module.py's docstrings and the
// intro_to_modules guide.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { decodeObjectGraph } from "tsflow/internal/train/object_graph";

const FIXTURE = fileURLToPath(new URL("../../../shared/fixtures/tf/regression_savedmodel/variables/variables", import.meta.url));
const HAVE_FIXTURE = existsSync(`${FIXTURE}.index`);
const SKIP_FIXTURE = HAVE_FIXTURE ? false : `../shared/fixtures is not beside this clone (${FIXTURE})`;
if (!HAVE_FIXTURE) console.log(`# module: skipping the TensorFlow fixture test: ${String(SKIP_FIXTURE)}`);

const tmp = (): string => mkdtempSync(join(tmpdir(), "tsflow-module-"));
const names = (vs: readonly tf.Variable[]): string[] => vs.map((v) => v.name);

class Dense extends tf.Module {
  w: tf.Variable;
  b: tf.Variable;
  constructor(inputDim: number, outputSize: number, name?: string) {
    super({ name });
    this.w = new tf.Variable(tf.random.normal([inputDim, outputSize]), { name: "w" });
    this.b = new tf.Variable(tf.zeros([outputSize]), { name: "b" });
  }
  call(x: tf.Tensor): tf.Tensor {
    return tf.nn.relu(tf.add(tf.matmul(x, this.w), this.b));
  }
}

class MLP extends tf.Module {
  layers: Dense[] = [];
  constructor(inputSize: number, sizes: number[], name?: string) {
    super({ name });
    this.withNameScope(() => {
      for (const size of sizes) {
        this.layers.push(new Dense(inputSize, size));
        inputSize = size;
      }
    });
  }
  @tf.Module.withNameScope
  call(x: tf.Tensor): tf.Tensor {
    for (const layer of this.layers) x = layer.call(x);
    return x;
  }
}

test("names: the class name in snake case, or a valid identifier given; name scopes nest", () => {
  class MySequentialModule extends tf.Module {}
  assert.equal(new MySequentialModule().name, "my_sequential_module");
  assert.equal(new tf.Module().name, "module");
  class HTTPServer2Layer extends tf.Module {}
  assert.equal(new HTTPServer2Layer().name, "http_server2_layer");
  assert.equal(new tf.Module({ name: "foo" }).name, "foo");
  assert.equal(new tf.Module("bar").nameScope.name, "bar/");
  assert.throws(() => new tf.Module({ name: "my module" }), (e: unknown) => e instanceof tf.errors.ValueError &&
    e.message === "'my module' is not a valid module name. Module names must be valid Python identifiers (e.g. a valid class name).");
  assert.throws(() => new tf.Module("1abc"), tf.errors.ValueError);
  const inner = tf.nameScope("outer", () => new tf.Module("inner"));
  assert.equal(inner.name, "inner");
  assert.equal(inner.nameScope.name, "outer/inner/");
  assert.equal(String(new Dense(1, 1)), "<Dense object named 'dense'>");
});

test("Dense: variables sorted by property name; call computes relu(x @ w + b)", () => {
  const d = new Dense(3, 2);
  assert.deepEqual(names(d.variables), ["b:0", "w:0"]);
  assert.deepEqual(names(d.trainableVariables), ["b:0", "w:0"]);
  assert.deepEqual(d.nonTrainableVariables, []);
  assert.deepEqual(d.call(tf.ones([1, 3])).shape.asList(), [1, 2]);
});

test("MLP: variables created in the module's name scope; submodules breadth first", () => {
  const module = new MLP(5, [5, 5]);
  assert.deepEqual(names(module.variables), ["mlp/b:0", "mlp/w:0", "mlp/b:0", "mlp/w:0"]);
  assert.equal(module.layers[0]!.nameScope.name, "mlp/dense/");
  assert.deepEqual(module.submodules, [module.layers[0], module.layers[1]]);
  const y = module.call(tf.ones([2, 5]));
  assert.deepEqual(y.shape.asList(), [2, 5]);
});

test("submodules: a.b = b, b.c = c (module.py's docstring)", () => {
  const a = new tf.Module(), b = new tf.Module(), c = new tf.Module();
  (a as unknown as { b: tf.Module }).b = b;
  (b as unknown as { c: tf.Module }).c = c;
  assert.deepEqual(a.submodules, [b, c]);
  assert.deepEqual(b.submodules, [c]);
  assert.deepEqual(c.submodules, []);
  // A cycle is walked once.
  (c as unknown as { a: tf.Module }).a = a;
  assert.deepEqual(a.submodules, [b, c]);
});

test("@tf.Module.withNameScope: a variable created in a decorated method is named under the module", () => {
  class MyModule extends tf.Module {
    w?: tf.Variable;
    @tf.Module.withNameScope
    call(x: tf.Tensor): tf.Tensor {
      this.w ??= new tf.Variable(tf.random.normal([x.shape.asList()[1]!, 3]));
      return tf.matmul(x, this.w);
    }
  }
  const mod = new MyModule();
  assert.deepEqual(mod.call(tf.ones([1, 2])).shape.asList(), [1, 3]);
  assert.equal(mod.w!.name, "my_module/Variable:0");
  // The scope also holds across await.
  const m = new tf.Module("asyncy");
  return m.nameScope.run(async () => {
    await new Promise((r) => setTimeout(r, 1));
    assert.equal(new tf.Variable(1).name, "asyncy/Variable:0");
  });
});

test("flatten: leaves of properties in sorted order, arrays by index, objects by sorted key; withPath gives paths", () => {
  class Foo extends tf.Module {
    x = [tf.constant("a"), tf.constant("b")];
    y = { j: tf.constant("d"), i: tf.constant("c") };
    z = tf.constant("e");
  }
  const foo = new Foo();
  const tensors = foo.flatten({ predicate: (t) => t instanceof tf.Tensor, withPath: true });
  assert.deepEqual(tensors.map(([p]) => p), [["x", 0], ["x", 1], ["y", "i"], ["y", "j"], ["z"]]);
  assert.deepEqual(tensors.map(([, t]) => new TextDecoder().decode((t as tf.Tensor).numpy().item() as Uint8Array)), ["a", "b", "c", "d", "e"]);
  // A shared variable is listed once; with paths, once per path.
  const shared = new tf.Variable(1);
  class Two extends tf.Module { p = shared; q = [shared]; }
  assert.deepEqual(new Two().variables, [shared]);
  assert.deepEqual(new Two().flatten({ predicate: (v) => v === shared, withPath: true }).map(([p]) => p), [["p"], ["q", 0]]);
  // Not recursive: only this module's own leaves.
  const mlp = new MLP(2, [2]);
  assert.deepEqual(mlp.flatten({ recursive: false, predicate: (v) => v instanceof tf.Variable }), []);
  const trainableOff = new tf.Variable(0, { trainable: false });
  class Mixed extends tf.Module { a = new tf.Variable(1); b = trainableOff; }
  assert.deepEqual(names(new Mixed().trainableVariables), ["Variable:0"]);
  assert.deepEqual(new Mixed().nonTrainableVariables, [trainableOff]);
});

test("checkpoints: TensorFlow's keys and object graph for a module of modules and arrays", async () => {
  const model = new MLP(3, [4, 2]);
  const path = await new tf.train.Checkpoint({ model }).write(join(tmp(), "ckpt"));
  assert.deepEqual((await tf.train.listVariables(path)).map(([k, s]) => [k, s]), [
    ["_CHECKPOINTABLE_OBJECT_GRAPH", []],
    ["model/layers/0/b/.ATTRIBUTES/VARIABLE_VALUE", [4]],
    ["model/layers/0/w/.ATTRIBUTES/VARIABLE_VALUE", [3, 4]],
    ["model/layers/1/b/.ATTRIBUTES/VARIABLE_VALUE", [2]],
    ["model/layers/1/w/.ATTRIBUTES/VARIABLE_VALUE", [4, 2]],
  ]);
  const r = await tf.train.loadCheckpoint(path);
  const data = r.getTensor("_CHECKPOINTABLE_OBJECT_GRAPH").hostData() as Uint8Array[];
  const graph = decodeObjectGraph(data[0]!);
  // Children in assignment order (AutoTrackable), breadth first: root, model, layers, the two Denses, their w and b.
  assert.deepEqual(graph.nodes.map((n) => n.children.map((c) => `${c.localName}->${c.nodeId}`)), [
    ["model->1"], ["layers->2"], ["0->3", "1->4"], ["w->5", "b->6"], ["w->7", "b->8"], [], [], [], [],
  ]);
  assert.deepEqual(graph.nodes[5]!.attributes, [{ name: "VARIABLE_VALUE", fullName: "mlp/w", checkpointKey: "model/layers/0/w/.ATTRIBUTES/VARIABLE_VALUE" }]);
  const copy = new MLP(3, [4, 2]);
  (await new tf.train.Checkpoint({ model: copy }).read(path)).assertConsumed();
  assert.deepEqual(copy.layers[1]!.w.numpy().tolist(), model.layers[1]!.w.numpy().tolist());
});

test("the intro_to_modules guide: a model whose layers create variables on first call restores before it is built", async () => {
  class FlexibleDenseModule extends tf.Module {
    isBuilt = false;
    w?: tf.Variable;
    b?: tf.Variable;
    constructor(readonly outFeatures: number, name?: string) { super({ name }); }
    call(x: tf.Tensor): tf.Tensor {
      if (!this.isBuilt) {
        this.w = new tf.Variable(tf.random.normal([x.shape.asList().at(-1)!, this.outFeatures]), { name: "w" });
        this.b = new tf.Variable(tf.zeros([this.outFeatures]), { name: "b" });
        this.isBuilt = true;
      }
      return tf.nn.relu(tf.add(tf.matmul(x, this.w!), this.b!));
    }
  }
  class MySequentialModule extends tf.Module {
    dense_1 = new FlexibleDenseModule(3);
    dense_2 = new FlexibleDenseModule(2);
    call(x: tf.Tensor): tf.Tensor { return this.dense_2.call(this.dense_1.call(x)); }
  }
  const myModel = new MySequentialModule({ name: "the_model" });
  const x = tf.constant([[2.0, 2.0, 2.0]]);
  const result = myModel.call(x);
  const chkpPath = join(tmp(), "my_checkpoint");
  await new tf.train.Checkpoint({ model: myModel }).write(chkpPath);
  assert.deepEqual(await tf.train.listVariables(chkpPath), [
    ["_CHECKPOINTABLE_OBJECT_GRAPH", []],
    ["model/dense_1/b/.ATTRIBUTES/VARIABLE_VALUE", [3]],
    ["model/dense_1/w/.ATTRIBUTES/VARIABLE_VALUE", [3, 3]],
    ["model/dense_2/b/.ATTRIBUTES/VARIABLE_VALUE", [2]],
    ["model/dense_2/w/.ATTRIBUTES/VARIABLE_VALUE", [3, 2]],
  ]);
  assert.deepEqual(names(myModel.variables), ["b:0", "w:0", "b:0", "w:0"]);
  const newModel = new MySequentialModule();
  await new tf.train.Checkpoint({ model: newModel }).restore(chkpPath);
  // Should be the same result as above.
  assert.deepEqual(newModel.call(x).numpy().tolist(), result.numpy().tolist());
});

test("deferred restoration: variables and modules created after restore take their saved values", async () => {
  const trained = new MLP(3, [4, 2]);
  const path = await new tf.train.Checkpoint({ model: trained }).write(join(tmp(), "ckpt"));
  const model = new MLP(3, []);
  const status = await new tf.train.Checkpoint({ model }).read(path);
  assert.throws(() => status.assertConsumed(), (e: unknown) => e instanceof tf.errors.AssertionError &&
    e.message.startsWith("Unresolved object in checkpoint (root).model.layers.0.w: attributes {"));
  status.assertExistingObjectsMatched(); // nothing exists yet that went unmatched
  model.layers.push(new Dense(3, 4));
  model.layers.push(new Dense(4, 2));
  status.assertConsumed();
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(model.layers[i]!.w.numpy().tolist(), trained.layers[i]!.w.numpy().tolist());
    assert.deepEqual(model.layers[i]!.b.numpy().tolist(), trained.layers[i]!.b.numpy().tolist());
  }
  // A lazily built module: its variable is restored when it is first assigned.
  class Lazy extends tf.Module {
    w?: tf.Variable;
    build(): void { this.w = new tf.Variable(tf.zeros([2])); }
  }
  const saved = new Lazy();
  saved.build();
  saved.w!.assign([3, 4]);
  const p2 = await new tf.train.Checkpoint({ lazy: saved }).write(join(tmp(), "lazy"));
  const lazy = new Lazy();
  await new tf.train.Checkpoint({ lazy }).read(p2);
  lazy.build();
  assert.deepEqual(lazy.w!.numpy().tolist(), [3, 4]);
  // A variable of the wrong shape is refused with TensorFlow's error, keeps its value, and the restore still waits.
  const again = new Lazy();
  await new tf.train.Checkpoint({ lazy: again }).read(p2);
  assert.throws(() => { again.w = new tf.Variable(tf.zeros([3])); }, tf.errors.ValueError);
  again.build();
  assert.deepEqual(again.w!.numpy().tolist(), [3, 4]);
});

test("a tf.Module checkpoint written by TensorFlow restores into a tsflow module", { skip: SKIP_FIXTURE }, async () => {
  class Regression extends tf.Module {
    w = new tf.Variable(tf.zeros([1]), { name: "w" });
    b = new tf.Variable(tf.ones([1]), { name: "b" });
  }
  const m = new Regression();
  // The fixture's root is the module itself (a SavedModel's variables): Checkpoint({ root }) matches it.
  const status = await new tf.train.Checkpoint({ root: m }).read(FIXTURE);
  status.assertExistingObjectsMatched();
  assert.throws(() => status.assertConsumed(), tf.errors.AssertionError); // its optimizer is not in our module
  assert.deepEqual(m.w.numpy().tolist(), [0.20429754257202148]);
  assert.deepEqual(m.b.numpy().tolist(), [0]);
  // The reverse: a module saved as the root has TensorFlow's keys and restores the same way.
  const path = await new tf.train.Checkpoint({ root: m }).write(join(tmp(), "root"));
  assert.deepEqual((await tf.train.listVariables(path)).map(([k]) => k),
    ["_CHECKPOINTABLE_OBJECT_GRAPH", "b/.ATTRIBUTES/VARIABLE_VALUE", "w/.ATTRIBUTES/VARIABLE_VALUE"]);
  const again = new Regression();
  (await new tf.train.Checkpoint({ root: again }).read(path)).assertConsumed();
  assert.deepEqual(again.w.numpy().tolist(), [0.20429754257202148]);
  // Through the SavedModel directory itself.
  const fromDir = new Regression();
  (await new tf.train.Checkpoint({ root: fromDir }).restore(join(FIXTURE, "..", ".."))).expectPartial();
  assert.deepEqual(fromDir.w.numpy().tolist(), [0.20429754257202148]);
});
