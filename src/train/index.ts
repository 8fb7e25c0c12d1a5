// tf.train
export { loadCheckpoint, listVariables, CheckpointReader } from "./checkpoint_reader.js";
export { Checkpoint } from "./checkpoint.js";
export type { CheckpointObjects, LoadStatus } from "./checkpoint.js";
export { CheckpointManager } from "./checkpoint_manager.js";
export type { CheckpointManagerOptions, CheckpointManagerSaveOptions } from "./checkpoint_manager.js";
export { latestCheckpoint, getCheckpointState } from "./checkpoint_state.js";
export type { CheckpointState } from "./checkpoint_state.js";
export { trackableChildren, trackableAttributes } from "./trackable.js";
export type { Trackable, TrackableWithAttributes, SaveableAttribute, SlotOptimizer } from "./trackable.js";
