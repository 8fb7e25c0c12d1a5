// Messages raised by tf.data (src/data/) and tf.TensorSpec, in TensorFlow's words
// (tensorflow/python/data/ops/*.py and tensorflow/core/kernels/data/*.cc).

/** TypeSpec.most_specific_compatible_type of two specs with nothing in common. */
export function noCompatibleTypeSpec(a: string, b: string): string {
  return `No TypeSpec is compatible with both ${a} and ${b}`;
}

/** batch of elements whose component shapes differ (BatchDatasetOp). */
export function cannotBatchDifferentShapes(component: number, first: string, index: number, other: string): string {
  return `Cannot batch tensors with different shapes in component ${component}. First element had shape ${first} and element ${index} had shape ${other}.`;
}

/** from_tensor_slices of an empty structure. */
export function emptySliceElement(): string {
  return "Invalid `element`. `element` should not be empty.";
}

/** from_tensor_slices of components with different first dimensions (Dimension.assert_is_compatible_with). */
export function incompatibleDimensions(a: number, b: number): string {
  return `Dimensions ${a} and ${b} are not compatible`;
}

/** from_tensor_slices of a scalar (TensorSpec._to_batched_tensor_list). */
export function unbatchScalar(): string {
  return "Unbatching a tensor is only supported for rank >= 1";
}

/** Dataset.range with step 0 (RangeDatasetOp). */
export function rangeStepZero(): string {
  return "step must be a non-zero integer.";
}

/** padded_batch of an element larger than the padded shape. */
export function padToSmallerSize(): string {
  return "Attempted to pad to a smaller size than the input element.";
}

/** padded_batch without padded_shapes over a component of unknown rank. */
export function paddedBatchUnknownRank(): string {
  return "You must provide `padded_shapes` argument because a component has unknown rank.";
}

/** unbatch of an element whose components have different first dimensions (UnbatchDatasetOp). */
export function unbatchDifferentSizes(): string {
  return "All components must have the same size in the 0th dimension";
}

/** A generator's element that converts but has the wrong type (from_generator's check). */
export function generatorElementMismatch(got: string, expected: string): string {
  return `TypeError: \`generator\` yielded an element of ${got} where an element of ${expected} was expected.`;
}

/** A generator's element that does not convert to the signature. */
export function generatorStructureMismatch(expected: string, value: string): string {
  return `TypeError: \`generator\` yielded an element that did not match the expected structure. The expected structure was ${expected}, but the yielded element was ${value}.`;
}

/** Saving the position of an iterator over from_generator (its state lives in JS code). */
export function generatorNotCheckpointable(): string {
  return "Failed to save the iterator's state: a dataset made by from_generator reads a JavaScript generator, whose position cannot be saved.";
}

/** get_next past the last element. */
export function endOfSequence(): string {
  return "End of sequence";
}

/** Optional.get_value of an empty optional (OptionalGetValueOp). */
export function optionalHasNoValue(): string {
  return "The optional does not have a value.";
}

/** `for (… of ds)` over a dataset whose elements arrive asynchronously. */
export function syncIterationOfAsyncDataset(): string {
  return "This dataset produces its elements asynchronously (an async generator feeds it): iterate it with `for await`, or use iterAsync().";
}

/** filter's predicate returned something other than a scalar bool. */
export function filterPredicateNotBool(got: string): string {
  return `\`predicate\` return type must be convertible to a scalar boolean tensor. Was ${got}.`;
}

/** concatenate of datasets whose elements have no common type. */
export function incompatibleDatasetElements(a: string, b: string): string {
  return `Incompatible dataset elements:\n  ${a} vs.   ${b}`;
}

/** shuffle with a buffer size below 1 (ShuffleDatasetOp). */
export function shuffleBufferNotPositive(): string {
  return "buffer_size must be greater than zero.";
}

/** batch with a batch size below 1 (BatchDatasetOp). */
export function batchSizeNotPositive(): string {
  return "Batch size must be greater than zero.";
}

/** Dataset.zip given something other than datasets. */
export function zipArgumentNotDataset(got: string): string {
  return `Invalid input to \`zip\`. Inputs are expected to be (nested) structures of \`tf.data.Dataset\` objects. Got ${got}.`;
}

/** shard with an index outside [0, numShards) (ShardDatasetOp). */
export function shardIndexOutOfRange(index: number, numShards: number): string {
  return `Index must be between 0 and ${numShards - 1} (currently index = ${index}).`;
}

/** TextLineDataset / cache file that cannot be read. */
export function dataFileNotFound(path: string): string {
  return `${path}; No such file or directory`;
}

/** cache(filename) over an iterator that was restored mid-write. */
export function cacheNotCheckpointable(): string {
  return "Failed to save the iterator's state: an iterator writing or reading a file cache cannot be saved yet.";
}

/** A checkpoint's ITERATOR_STATE that is not this pipeline's. */
export function iteratorStateMismatch(detail: string): string {
  return `Failed to restore the iterator: the saved state does not fit this input pipeline (${detail}).`;
}

/** An unknown compression type for TextLineDataset. */
export function unknownCompressionType(type: string): string {
  return `Unsupported compression_type: ${type}.`;
}

/** window with a size, shift or stride below 1. */
export function windowArgumentNotPositive(name: string): string {
  return `\`${name}\` must be greater than zero.`;
}
