// Case 10: training steps per second of the CNN in lib/cnn.mjs (the model of
// examples/train_cnn.ts), each library in a process of its own (cases/train_cnn_child.mjs).
// tsflow runs on its CPU device (TSFLOW_GPU=0), as the other CPU cases.
import { fileURLToPath } from "node:url";
import { cnnRuns } from "../lib/cnn.mjs";
import { runTrainingChildren } from "./train.mjs";

const CHILD = fileURLToPath(new URL("./train_cnn_child.mjs", import.meta.url));

export async function runTrainCnnCase({ quick, log, peers }) {
  const config = cnnRuns(quick);
  return runTrainingChildren({ child: CHILD, name: "train_cnn", libs: config.libs, config, timeoutMs: quick ? 120_000 : 300_000, quick, log, peers });
}
