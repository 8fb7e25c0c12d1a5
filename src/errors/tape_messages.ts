// Messages raised and warnings printed by gradient tapes and custom gradients (TensorFlow's
// backprop.py and custom_gradient.py). `tf.int32`-style dtype names come preformatted.

/** Python's tf_logging prefix of a warning record. */
function warning(text: string): string {
  return `WARNING:tensorflow:${text}`;
}

/** tape.watch() of a value that carries no gradient (logged for the first 5 only). */
export function watchedDtypeNotFloating(dtype: string): string {
  return warning(`The dtype of the watched tensor must be floating (e.g. tf.float32), got ${dtype}`);
}

/** gradient() on a persistent tape while it still records (logged once). */
export function gradientInsidePersistentContext(): string {
  return warning("Calling GradientTape.gradient on a persistent tape inside its context is significantly less "
    + "efficient than calling it outside the context (it causes the gradient ops to be recorded on the tape, "
    + "leading to increased CPU and memory usage). Only call GradientTape.gradient inside the context if you "
    + "actually want to trace the gradient in order to compute higher order derivatives.");
}

/** gradient() with a null target. */
export function targetIsNone(): string {
  return "Argument `target` should be a list or nested structure of Tensors, Variables or CompositeTensors to be "
    + "differentiated, but received None.";
}

/** reset() of a tape that is not recording. */
export function tapeNotRecording(): string {
  return "Tape is not recording.";
}

/** A custom gradient's fn read variables but its gradFn takes no options argument (`variables`). */
export function customGradientNeedsVariables(variableReprs: readonly string[]): string {
  return "@tf.custom_gradient grad_fn must accept keyword argument 'variables', since function uses variables: "
    + `[${variableReprs.join(", ")}]`;
}

/** A custom gradient's gradFn gave another number of input gradients than fn has inputs. */
export function customGradientInputCount(expected: number, got: number): string {
  return `custom_gradient function expected to return ${expected} gradients, but returned ${got} instead.`;
}

/** A custom gradient's gradFn gave another number of variable gradients than variables read. */
export function customGradientVariableCount(): string {
  return "Must return gradient for each variable from @custom_gradient grad_fn.";
}

/** A custom gradient's fn (or a gradFn with variables) returned no `[first, second]` pair. */
export function customGradientNotPair(what: string): string {
  return `tf.customGradient: ${what} must return a pair [${what === "fn" ? "outputs, gradFn" : "inputGradients, variableGradients"}]`;
}

/** tf.convertToTensor(indexedSlices, dtype) with another dtype than the slices' values. */
export function indexedSlicesConversionDtype(want: string, have: string): string {
  return `Incompatible tensor conversion requested to dtype ${want} for IndexedSlices with dtype ${have}`;
}

/** tf.convertToTensor(indexedSlices) of slices built without a dense shape. */
export function indexedSlicesWithoutDenseShape(repr: string): string {
  return `Tensor conversion requested for IndexedSlices without dense_shape: ${repr}`;
}
