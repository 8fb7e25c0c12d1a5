// TensorFlow's guide "Introduction to modules, layers, and models" (its tf.Module part),
// transcribed: a SimpleModule, Dense layers in a SequentialModule, modules that create their
// variables on first call, and a checkpoint written and restored before the restored model
// has built its variables. The seed makes the random initial weights the ones TensorFlow
// draws with tf.random.set_seed(1).
//
//   node dist-test/examples/intro_to_modules.js [checkpoint directory]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "tsflow";

tf.random.setSeed(1);

class SimpleModule extends tf.Module {
  aVariable = new tf.Variable(5.0, { name: "train_me" });
  nonTrainableVariable = new tf.Variable(5.0, { trainable: false, name: "do_not_train_me" });
  call(x: tf.Tensor): tf.Tensor {
    return this.aVariable.mul(x).add(this.nonTrainableVariable);
  }
}

const simpleModule = new SimpleModule({ name: "simple" });
console.log(simpleModule.call(tf.constant(5.0)).repr());
console.log("trainable variables:", simpleModule.trainableVariables);
console.log("all variables:", simpleModule.variables);

class Dense extends tf.Module {
  w: tf.Variable;
  b: tf.Variable;
  constructor(inFeatures: number, outFeatures: number, name?: string) {
    super({ name });
    this.w = new tf.Variable(tf.random.normal([inFeatures, outFeatures]), { name: "w" });
    this.b = new tf.Variable(tf.zeros([outFeatures]), { name: "b" });
  }
  call(x: tf.Tensor): tf.Tensor {
    return tf.nn.relu(tf.matmul(x, this.w).add(this.b));
  }
}

class SequentialModule extends tf.Module {
  dense_1 = new Dense(3, 3);
  dense_2 = new Dense(3, 2);
  call(x: tf.Tensor): tf.Tensor {
    return this.dense_2.call(this.dense_1.call(x));
  }
}

let myModel: SequentialModule | MySequentialModule = new SequentialModule({ name: "the_model" });
console.log("Model results:", myModel.call(tf.constant([[2.0, 2.0, 2.0]])));
console.log("Submodules:", myModel.submodules);
for (const v of myModel.variables) console.log(v, "\n");

// ---- Waiting to create variables ----

class FlexibleDenseModule extends tf.Module {
  isBuilt = false;
  w?: tf.Variable;
  b?: tf.Variable;
  constructor(readonly outFeatures: number, name?: string) {
    super({ name });
  }
  call(x: tf.Tensor): tf.Tensor {
    // Create variables on first call.
    if (!this.isBuilt) {
      this.w = new tf.Variable(tf.random.normal([x.shape.asList().at(-1)!, this.outFeatures]), { name: "w" });
      this.b = new tf.Variable(tf.zeros([this.outFeatures]), { name: "b" });
      this.isBuilt = true;
    }
    return tf.nn.relu(tf.matmul(x, this.w!).add(this.b!));
  }
}

class MySequentialModule extends tf.Module {
  dense_1 = new FlexibleDenseModule(3);
  dense_2 = new FlexibleDenseModule(2);
  call(x: tf.Tensor): tf.Tensor {
    return this.dense_2.call(this.dense_1.call(x));
  }
}

myModel = new MySequentialModule({ name: "the_model" });
console.log("Model results:", myModel.call(tf.constant([[2.0, 2.0, 2.0]])));

// ---- Saving weights ----

const chkpPath = join(process.argv[2] ?? mkdtempSync(join(tmpdir(), "intro-to-modules-")), "my_checkpoint");
const checkpoint = new tf.train.Checkpoint({ model: myModel });
await checkpoint.write(chkpPath);
console.log(await tf.train.listVariables(chkpPath));

// The new model has no variables yet: they take the saved values when its first call creates them.
const newModel = new MySequentialModule();
const newCheckpoint = new tf.train.Checkpoint({ model: newModel });
await newCheckpoint.restore(chkpPath);
// Should be the same result as above.
console.log(newModel.call(tf.constant([[2.0, 2.0, 2.0]])).repr());
