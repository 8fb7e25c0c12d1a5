// Messages raised (and warnings printed) by src/train/: checkpoint state files, the checkpoint
// reader and manager, tf.train.Checkpoint's restores and load statuses, and the optimizers and
// learning-rate schedules. The texts are TensorFlow's and Keras's; values that Python would
// quote come preformatted (Python reprs, TensorShape strings, variables' reprs).
import { tfTypeName, type DType } from "../core/dtypes.js";
import { shapeDebugString } from "../core/tensor_shape.js";

// ---------------------------------------------------------------------------------------
// Shared pieces

/** `[a, b]`: a Python list of reprs. */
function listRepr(items: readonly string[]): string {
  return `[${items.join(", ")}]`;
}

/** `['a', 'b']`: a Python list of simple strs. */
function pyStrList(items: readonly string[]): string {
  return listRepr(items.map((s) => `'${s}'`));
}

/** The dtypes an optimizer updates, as Keras lists them. */
const FLOATS = "[tf.float16, tf.bfloat16, tf.float32, tf.float64]";

/** How TensorFlow marks errors raised by the RestoreV2 op. */
const RESTORE_OP = "[Op:RestoreV2]";

// ---------------------------------------------------------------------------------------
// The `checkpoint` state file (checkpoint_management.py)

/** A state-file value of the wrong kind (text_format's parse error). */
export function stateValueExpected(file: string, kind: "string" | "number", value: string): string {
  return `${file}: expected a ${kind}, got ${value}`;
}

/** State-file text that is no `field: value` pair (`rest`: the text from there on). */
export function stateUnparsable(file: string, rest: string): string {
  return `${file}: cannot parse the checkpoint state near ${JSON.stringify(rest.slice(0, 40))}`;
}

/** A state-file field CheckpointState does not have. */
export function stateUnknownField(file: string, field: string): string {
  return `${file}: message type "tensorflow.CheckpointState" has no field named "${field}".`;
}

/** A state without model_checkpoint_path. */
export function invalidCheckpointState(dir: string): string {
  return `Invalid checkpoint state loaded from ${dir}`;
}

/** The warning for a state file that does not parse, which TensorFlow then ignores. */
export function checkpointStateIgnored(reason: string, file: string): string {
  return `WARNING: ${reason}\nWARNING: ${file}: Checkpoint ignored`;
}

/** Timestamps given for another number of checkpoints than the paths. */
export function timestampsMismatch(paths: readonly string[], timestamps: readonly number[]): string {
  return `Checkpoint timestamps, if provided, must match checkpoint paths (got paths ${pyStrList(paths)} and timestamps [${timestamps.join(", ")}])`;
}

/** A save path that is the state file itself. */
export function savePathConflicts(path: string): string {
  return `Save path '${path}' conflicts with path used for checkpoint state.  Please use a different save path.`;
}

/** The error logged when the state names a checkpoint whose files are gone. */
export function checkpointFilesMissing(prefix: string): string {
  return `ERROR: Couldn't match files for checkpoint ${prefix}`;
}

// ---------------------------------------------------------------------------------------
// Reading checkpoints

/** A directory whose state file names no checkpoint. */
export function noCheckpointInDirectory(dir: string): string {
  return `Couldn't find 'checkpoint' file or checkpoints in given directory ${dir}`;
}

/** A key the checkpoint does not hold (restores add restoreOpMessage's suffix). */
export function keyNotFoundInCheckpoint(key: string): string {
  return `Key ${key} not found in checkpoint`;
}

/** A big-endian checkpoint, which tsflow does not byte-swap. */
export function bigEndianCheckpoint(indexFile: string): string {
  return `${indexFile}: big-endian checkpoints are not supported`;
}

// ---------------------------------------------------------------------------------------
// CheckpointManager

/** A checkpoint number that is no integer. */
export function checkpointNumberNotInteger(value: unknown): string {
  return `Expected an integer checkpoint number, got ${String(value)}`;
}

/** The warning for a checkpoint file deleted by someone else first. */
export function deleteHitNotFound(path: string): string {
  return `WARNING: Hit NotFoundError when deleting '${path}', possibly because another process/thread is also deleting/moving the same file`;
}

/** max_to_keep that is neither a positive integer nor None. */
export function maxToKeepInvalid(value: unknown): string {
  return `Expected a positive integer or \`None\` for \`max_to_keep\`, got ${String(value)}.`;
}

/** checkpoint_interval without step_counter. */
export function stepCounterRequired(): string {
  return "`step_counter` should be passed if `checkpoint_interval` is not None.";
}

/** The warning for a clock behind the last preserved checkpoint's timestamp. */
export function clockBehindLastPreserved(seconds: number): string {
  return `WARNING: time.time() returned a value ${seconds.toFixed(6)} seconds behind the last preserved checkpoint timestamp.`;
}

// ---------------------------------------------------------------------------------------
// tf.train.Checkpoint: saving and restoring

/** `message` as raised by the RestoreV2 op. */
export function restoreOpMessage(message: string): string {
  return `${message} ${RESTORE_OP}`;
}

/** Whether `message` came from the RestoreV2 op (restoreOpMessage), not from finding the checkpoint. */
export function isRestoreOpMessage(message: string): boolean {
  return message.endsWith(RESTORE_OP);
}

/** RestoreV2's error for checkpoint tensors of other dtypes than their variables: a line each. */
export function restoreDtypeMismatch(mismatches: ReadonlyArray<{ key: string; expected: DType; stored: DType }>): string {
  return mismatches.map(({ key, expected, stored }) =>
    `tensor_name = ${key}; expected dtype ${tfTypeName(expected)} does not equal original dtype ${tfTypeName(stored)}`).join("\n");
}

/** How a slot variable is named in restore errors. */
export function slotVariableLabel(variableName: string, slotName: string): string {
  return `${variableName} (slot ${slotName})`;
}

/** A stored shape the variable's shape does not accept (shapes: TensorShape strings). */
export function incompatibleRestoreShape(stored: string, shape: string, name: string): string {
  return `Received incompatible tensor with shape ${stored} when attempting to restore variable with shape ${shape} and name ${name}.`;
}

/** A restore that did not find the checkpoint (`reason`: the NotFoundError's message). */
export function restoreNotFound(savePath: string, reason: string): string {
  return `Error when restoring from checkpoint or SavedModel at ${savePath}: ${reason}\nPlease double-check that the path is correct. ` +
    "You may be missing the checkpoint suffix (e.g. the '-1' in 'path/to/ckpt-1').";
}

/** The object graph tensor of the checkpoint at `savePath` (`key`: its checkpoint key). */
export function objectGraphLabel(savePath: string, key: string): string {
  return `${savePath}: ${key}`;
}

/** An object graph tensor that is not a string scalar. */
export function objectGraphNotStringScalar(savePath: string, key: string): string {
  return `${objectGraphLabel(savePath, key)} is not a string scalar`;
}

/** Node `id` of an object graph (`what`: objectGraphLabel). */
export function objectGraphNodeLabel(what: string, id: number): string {
  return `${what} node ${id}`;
}

/** A node no path from the root names. */
export function unnamedNode(id: number): string {
  return `node ${id}`;
}

/** ObjectGraphProtoPrettyPrinter's name of a slot variable. */
export function slotNodeName(optimizer: string, slotName: string, variable: string): string {
  return `${optimizer}'s state '${slotName}' for ${variable}`;
}

/** A slot variable that is also an object's dependency (`slot`: its repr). */
export function slotVariableReused(slot: string): string {
  return `A slot variable was re-used as a dependency of a Trackable object: ${slot}. This is not currently allowed. File a feature request if this limitation bothers you.`;
}

/** A Checkpoint constructor argument that is not trackable. */
export function notTrackable(key: string, value: unknown): string {
  return `\`Checkpoint\` was expecting ${key} to be a trackable object (an object derived from \`Trackable\`), got ${String(value)}. ` +
    "If you believe this object should be trackable (i.e. it is part of the TensorFlow Python API and manages state), please open an issue.";
}

// ---------------------------------------------------------------------------------------
// Load statuses' assertions

/** A checkpointed object with values that no live object took (`node`: its text format). */
export function unresolvedObject(name: string, node: string): string {
  return `Unresolved object in checkpoint ${name}: ${node}`;
}

/** Checkpoint attributes of matched objects that were not restored. */
export function unusedAttributes(objects: ReadonlyArray<{ name: string; description: string; attributes: readonly string[] }>): string {
  const lines = objects.map((o) => `${o.name} (${o.description}): ${pyStrList(o.attributes)}`);
  return `Unused attributes in these objects (the attributes exist in the checkpoint but were not restored):\n${lines.join("\n")}`;
}

/** Live variables no checkpoint value was bound to (`shown`: the reprs of the first few). */
export function unboundPythonObjects(count: number, shown: readonly string[]): string {
  return `Found ${count} Python objects that were not bound to checkpointed values, likely due to changes in the ` +
    `Python program. Showing ${shown.length} of ${count} unmatched objects: ${listRepr(shown)}`;
}

/** Nothing but the root matched, though the program has variables (their reprs). */
export function onlyRootMatched(unmatched: readonly string[]): string {
  return "Nothing except the root object matched a checkpointed value. Typically this means that the checkpoint does " +
    `not match the Python program. The following objects have no matching checkpointed value: ${listRepr(unmatched)}`;
}

/** Nothing matched, and the root has no dependencies (`root`: its description). */
export function nothingToLoad(root: string): string {
  return `Nothing to load. No dependencies have been added to ${root} yet.`;
}

/** A name-based restore that left variables unrestored (their reprs; `attribute`: the value's attribute name). */
export function attributesNotRestored(variables: readonly string[], attribute: string): string {
  return `Some objects had attributes which were not restored: ${variables.map((v) => `\n    ${v}: ${pyStrList([attribute])}`).join("")}`;
}

/** An assertion on the status of `restore(null)`. */
export function noCheckpointSpecified(): string {
  return "No checkpoint specified (save_path=None); nothing is being restored.";
}

/** run_restore_ops on the status of `restore(null)`. */
export function noRestoreOps(): string {
  return "No checkpoint specified, so no restore ops are available (save_path=None to Saver.restore).";
}

// ---------------------------------------------------------------------------------------
// Optimizers and schedules (Keras)

/** An optional float argument that is not a number (`repr`: the value's Python repr). */
export function argumentMustBeFloat(name: string, repr: string): string {
  return `Argument \`${name}\` must be a float. Received: ${name}=${repr}`;
}

/** A learning rate that is neither a float, a schedule nor a callable. */
export function learningRateInvalid(repr: string): string {
  return "Argument `learning_rate` should be float, or an instance of LearningRateSchedule, or a callable " +
    "(that takes in the current iteration value and returns the corresponding learning rate value). " +
    `Received instead: learning_rate=${repr}`;
}

/** More than one of the clipping options (their Python reprs). */
export function onlyOneClipOption(clipnorm: string, clipvalue: string, globalClipnorm: string): string {
  return "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. " +
    `Received: clipnorm=${clipnorm}, clipvalue=${clipvalue}, global_clipnorm=${globalClipnorm}`;
}

/** Setting a number as the learning rate of an optimizer created with a schedule or a callable. */
export function learningRateNotSettable(createdWith: "LearningRateSchedule" | "callable"): string {
  return `This optimizer was created with a \`${createdWith}\`` +
    " object as its `learning_rate` constructor argument, hence its learning rate is not settable. If you need the" +
    " learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.";
}

/** Something other than a tf.Variable given as a variable to optimize. */
export function expectedVariable(value: unknown): string {
  return `Expected a tf.Variable, got ${String(value)}`;
}

/** Gradient and variable lists of different lengths. */
export function gradientCountMismatch(gradients: number, variables: number): string {
  return `Expected as many gradients as variables; received ${gradients} gradients and ${variables} variables.`;
}

/** A step where every gradient is None. */
export function noGradients(): string {
  return "No gradients provided for any variable.";
}

/** The warning for variables without gradients (`names`: the Python repr of their names). */
export function gradientsDoNotExist(names: string): string {
  return `Gradients do not exist for variables ${names} when minimizing the loss. ` +
    "If using `model.compile()`, did you forget to provide a `loss` argument?";
}

/** A subclass asking for a slot the optimizer does not create. */
export function noSuchSlot(variable: string, slot: string): string {
  return `Variable ${variable} has no slot named '${slot}'`;
}

/** A variable of a dtype optimizers do not update. */
export function variableNotFloat(dtype: DType, name: string): string {
  return `Invalid type tf.${dtype.name} for ${name}, expected: ${FLOATS}.`;
}

/** A gradient (dense or the values of a sparse one) that is not floating point. */
export function gradientNotFloat(variable: string, dtype: DType): string {
  return `Gradient for variable ${variable} has dtype ${dtype.name}; expected one of ${FLOATS}.`;
}

/** A gradient of another shape than its variable. */
export function gradientShapeMismatch(variable: string, shape: readonly number[], gradientShape: readonly number[]): string {
  return `Cannot update variable ${variable} with shape ${shapeDebugString(shape)} using a gradient with shape ${shapeDebugString(gradientShape)}, shapes must be equal.`;
}

/** SGD's momentum outside [0, 1]. */
export function momentumOutOfRange(): string {
  return "`momentum` must be a float between [0, 1].";
}

/** ExponentialDecay's decay_steps not above 0 (`repr`: its Python repr). */
export function decayStepsNotPositive(repr: string): string {
  return `Argument \`decay_steps\` must be > 0. Received: decay_steps=${repr}`;
}

/** PiecewiseConstantDecay's values not one longer than its boundaries (lists as Python reprs). */
export function boundariesValuesLength(boundaries: string, boundaryCount: number, values: string, valueCount: number): string {
  return "The length of boundaries should be 1 less than the length of values. " +
    `Received: boundaries=${boundaries} of length ${boundaryCount}, and values=${values} of length ${valueCount}.`;
}
