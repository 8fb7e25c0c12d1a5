// tf.train
export { loadCheckpoint, listVariables, CheckpointReader } from "./checkpoint_reader.js";
