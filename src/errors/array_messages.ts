// Messages of the shape, layout and scatter ops and functions (array_ops, scatter_nd),
// TensorFlow's wording.
import { shapeDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** convert_to_tensor of a TensorShape with unknown dimensions (`shape`: its str). */
export function partialShapeToTensor(shape: string): string {
  return `Cannot convert a partially known TensorShape ${shape} to a Tensor.`;
}

/** A shape argument that is not a vector. */
export function shapeNotVector(what: string, dims: Dims): string {
  return `${what} must be a vector, got shape ${shapeDebugString(dims)}`;
}

/** broadcast_static_shape of shapes that do not broadcast (`a`, `b`: TensorShape strs). */
export function staticShapesIncompatible(a: string, b: string): string {
  return `Incompatible shapes for broadcasting. Two shapes are compatible if for each dimension pair they are either equal or one of them is 1. Received: ${a} and ${b}.`;
}

/** BroadcastTo to a shape of lower rank than the input. */
export function broadcastToRankTooLow(input: Dims, target: Dims): string {
  return `Rank of input (${input.length}) must be no greater than rank of output shape (${target.length}).`;
}

/** BroadcastTo whose target does not fit the input. */
export function broadcastToIncompatible(input: Dims, target: Dims): string {
  return `Incompatible shapes: ${shapeDebugString(input)} vs. ${shapeDebugString(target)}`;
}

/** BroadcastArgs of shapes that do not broadcast. */
export function broadcastArgsIncompatible(a: Dims, b: Dims): string {
  return `Incompatible shapes: ${shapeDebugString(a)} vs. ${shapeDebugString(b)}`;
}

/** ReverseV2's axis outside the input's rank. */
export function reverseAxisOutOfRange(i: number, axis: number, rank: number): string {
  return `'axis'[${i}] = ${axis} is out of valid range [0, ${rank - 1}`;
}

/** ReverseV2 with an axis given twice. */
export function reverseAxisDuplicated(axis: number): string {
  return `axis ${axis} specified more than once.`;
}

/** OneHot's axis below -1 or beyond the output's rank. */
export function oneHotAxisOutOfRange(axis: number, rank: number): string {
  return `Expected axis to be -1 or between [0, ${rank}).  But received: ${axis}`;
}

/** OneHot with a negative depth. */
export function oneHotNegativeDepth(depth: number): string {
  return `depth must be non-negative, got: ${depth}`;
}

/** tf.one_hot's on/off values of different dtypes (or of another dtype than asked). */
export function oneHotDtypeMismatch(what: string, got: string, want: string): string {
  return `dtype ${got} of ${what} does not match dtype parameter ${want}`;
}

/** LinSpace with num below one. */
export function linspaceNumNotPositive(num: number): string {
  return `Requires num > 0: ${num}`;
}

/** Roll's shift and axis of different lengths. */
export function rollShiftAxisMismatch(): string {
  return "shift and axis must have the same size";
}

/** Roll on a scalar. */
export function rollInputScalar(): string {
  return "input must be 1-D or higher";
}

/** Roll's axis outside the input's rank. */
export function rollAxisOutOfRange(axis: number): string {
  return `axis ${axis} is out of range`;
}

/** Split into a count that does not divide the dimension. */
export function splitNotDivisible(num: number, dim: number, axis: number): string {
  return `Number of ways to split should evenly divide the split dimension, but got split_dim ${axis} (size = ${dim}) and num_split ${num}`;
}

/** Split's axis outside the input's rank. */
export function splitAxisOutOfRange(rank: number, axis: number): string {
  return `-input rank(-${rank}) <= split_dim < input rank (${rank}), but got ${axis}`;
}

/** SplitV sizes that do not add up to the dimension. */
export function splitSizesMismatch(dim: number, sizes: Dims): string {
  return `Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: ${sizes.reduce((a, b) => a + b, 0)}`;
}

/** SplitV with more than one -1 size. */
export function splitTwoUnknownSizes(): string {
  return "There can only be one -1 in the input.";
}

/** tf.split's num_or_size_splits of neither an integer nor a vector. */
export function splitSizesRank(rank: number): string {
  return `Rank-${rank} \`num_or_size_splits\` must be an integer or 1-D Tensor.`;
}

/** Split or Unpack into zero pieces. */
export function splitNumBelowOne(num: number): string {
  return `Value for attr 'num_split' of ${num} must be at least minimum 1`;
}

/** tf.unstack without a known count. */
export function unstackUnknownNum(): string {
  return "Cannot infer argument `num` from shape <unknown>";
}

/** Unpack with `num` other than the dimension's size. */
export function unpackNumMismatch(axis: number, num: number, dims: Dims): string {
  return `Input shape axis ${axis} must equal ${num}, got shape ${shapeDebugString(dims)}`;
}

/** tf.boolean_mask with a scalar mask. */
export function booleanMaskScalar(): string {
  return "mask cannot be scalar.";
}

/** tf.boolean_mask with a mask of unknown rank. */
export function booleanMaskShapeMismatch(tensor: string, mask: string): string {
  return shapesIncompatible(tensor, mask);
}

/** TensorShape.assert_is_compatible_with of two shapes (`(2, 3)`) that do not merge. */
export function shapesIncompatible(a: string, b: string): string {
  return `Shapes ${a} and ${b} are incompatible`;
}

/** tf.norm with an unsupported vector ord (`ord`: Python's str of it). */
export function normBadOrd(ord: string): string {
  return `'ord' must be a supported vector norm, got ${ord}`;
}

/** tf.norm with an unsupported matrix ord. */
export function normBadMatrixOrd(ord: string): string {
  return `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${ord}`;
}

/** tf.norm with axes that are neither one nor two integers (`axis`: Python's str of it). */
export function normBadAxis(axis: string): string {
  return `'axis' must be None, an integer, or a tuple of 2 unique integers, got ${axis}`;
}

/** clip_by_global_norm / global_norm of something that is not a sequence (`type`: `<class '…'>`). */
export function globalNormNeedsList(type: string): string {
  return `\`t_list\` should be a sequence of tensors. Received ${type}.`;
}

// --- scatter_nd (ScatterNdOp / TensorScatterOp::Compute; the checks they share with the variable
// scatters, PrepareAndValidateInputs, are in index_messages.ts) ----------------------------------

/** ScatterNd or TensorScatter* with scalar indices. */
export function scatterIndicesRank(dims: Dims): string {
  return `Indices shape must have rank at least one. Found:${shapeDebugString(dims)}`;
}

/** ScatterNd or TensorScatter* with scalar updates. */
export function scatterUpdatesRank(dims: Dims): string {
  return `Updates shape must have rank at least one. Found:${shapeDebugString(dims)}`;
}

/** Indices or updates with elements for an output without (ValidEmptyOutputShape). */
export function scatterEmptyOutput(): string {
  return "Indices and updates specified for empty output shape";
}

/** ScatterNd's shape argument of rank other than one (checked after the shapes). */
export function scatterShapeNotVector(): string {
  return "Shape must be a vector";
}

/** ScatterNd's shape with a negative dimension (TensorShapeUtils::MakeShape). */
export function shapeDimensionNegative(dim: number): string {
  return `Dimension ${dim} must be >= 0`;
}

/** TensorScatter*'s outer dimensions of indices and updates that differ. */
export function tensorScatterOuterMismatch(indices: Dims, updates: Dims): string {
  return `Outer dimensions of indices and update must match. Indices shape: ${shapeDebugString(indices)}, updates shape:${shapeDebugString(updates)}`;
}

/** TensorScatter*'s inner ranks of output and updates that differ. */
export function tensorScatterInnerRank(shape: Dims, updates: Dims): string {
  return `Inner dimensions of output shape must match inner dimensions of updates shape. Output: ${shapeDebugString(shape)} updates: ${shapeDebugString(updates)}`;
}

/** TensorScatter*'s inner dimensions of output and updates that differ. */
export function tensorScatterInnerMismatch(shape: Dims, ix: number, updates: Dims, outer: number): string {
  return `The inner ${shape.length - ix} dimensions of output.shape=${shapeDebugString(shape)} must match the inner ${updates.length - outer} dimensions of updates.shape=${shapeDebugString(updates)}`;
}

/** convert_to_tensor of a TensorShape to a dtype other than int32/int64 (`dtype`: its repr). */
export function shapeToTensorDtype(shape: string, dtype: string): string {
  return `Cannot convert TensorShape ${shape} to dtype ${dtype}. Allowed dtypes are tf.int32 and tf.int64.`;
}

/** convert_to_tensor of a TensorShape with a dimension beyond int32 to int32. */
export function shapeToTensorTooLarge(shape: string): string {
  return `Cannot convert TensorShape ${shape} to dtype int32; a dimension is too large. Consider using tf.int64.`;
}

/** BroadcastTo whose broadcast shape is not the target (the input is larger along an axis). */
export function broadcastToUnable(input: Dims, target: Dims): string {
  return `Unable to broadcast tensor of shape ${shapeDebugString(input)} to tensor of shape ${shapeDebugString(target)}`;
}

/** Roll's shift or axis of rank above one. */
export function rollArgNotVector(what: string, dims: Dims): string {
  return `${what} must be a scalar or a 1-D vector. Found: ${shapeDebugString(dims)}`;
}

/** SplitV's size_splits of another count than the outputs. */
export function splitSizesCount(rank: number, n: number): string {
  return `size of the split_tensor must be 1-D and have the same elements as outputs got ${rank} -D and ${n} elements`;
}

/** tf.unstack's axis outside the value's rank (Python's check). */
export function unstackAxisOutOfRange(axis: number, rank: number): string {
  return `Argument \`axis\` = ${axis} not in range [${-rank}, ${rank})`;
}

/** tf.split with a rank-0 tensor as the sizes. */
export function splitSizesScalar(value: string): string {
  return `Rank-0 tensors are not supported as the num_or_size_splits argument to split. Argument provided: ${value}`;
}

/** BroadcastArgs of shapes that do not broadcast, with the op tag (raised before any op runs). */
export function broadcastArgsIncompatibleOp(a: Dims, b: Dims): string {
  return `Incompatible shapes: ${shapeDebugString(a)} vs. ${shapeDebugString(b)} [Op:BroadcastArgs]`;
}

/** meshgrid's indexing other than "xy" and "ij". */
export function meshgridBadIndexing(indexing: string): string {
  return `Argument \`indexing\` parameter must be either 'xy' or 'ij', got '${indexing}'`;
}

/** sequence_mask's maxlen that is not a scalar (`shape`: TensorShape str). */
export function sequenceMaskMaxlenNotScalar(value: string, shape: string): string {
  return `Argument \`maxlen\` must be scalar for sequence_mask, received \`maxlen\` = ${value} with shape '${shape}' instead`;
}

/** tf.split whose count cannot be inferred. */
export function splitUnknownNum(value: string): string {
  return `Cannot infer argument \`num\` from shape ${value}`;
}

/** tf.one_hot's on and off values of different dtypes. */
export function oneHotOnOffMismatch(on: string, off: string): string {
  return `dtype ${on} of on_value does not match dtype ${off} of off_value`;
}

/** InvertPermutation of a tensor that is not a vector. */
export function invertPermutationNotVector(): string {
  return "invert_permutation expects a 1D vector.";
}

/** InvertPermutation's element outside [0, n). */
export function invertPermutationOutOfRange(d: number | bigint, n: number): string {
  return `${d} is not between 0 and ${n}`;
}

/** InvertPermutation's element that appears twice. */
export function invertPermutationDuplicate(d: number | bigint): string {
  return `${d} is duplicated in the input.`;
}

// ---------------------------------------------------------------------------------------
// SpaceToBatchND / BatchToSpaceND (spacetobatch_op.cc, batchtospace_op.cc)

/** block_shape not 1-D. */
export function blockShapeRank(dims: readonly number[]): string {
  return `block_shape rank should be 1 instead of ${dims.length}`;
}

/** The input lacks the batch and M spatial dimensions. */
export function spaceBatchInputRank(blockDims: number, rank: number): string {
  return `input rank should be >= ${1 + blockDims} instead of ${rank}`;
}

/** paddings (or crops) not of shape [M, 2]. */
export function spaceBatchPairsShape(what: "paddings" | "crops", blockDims: number, dims: readonly number[]): string {
  return `${what} should have shape [${blockDims}, 2] instead of [${dims.join(",")}]`;
}

export function blockShapeNotPositive(value: number, index: number): string {
  return `All values in block_shape must be positive, got value, ${value} at index ${index}.`;
}

export function paddingsNegative(): string {
  return "Paddings must be non-negative";
}

export function cropsNegative(): string {
  return "Crops must be non-negative";
}

export function paddedNotDivisible(dim: number, padded: number, block: number): string {
  return `padded_shape[${dim}]=${padded} is not divisible by block_shape[${dim}]=${block}`;
}

export function batchNotDivisible(batch: number, product: number): string {
  return `Input batch dimension (${batch}) is not divisible by product of block sizes (${product})`;
}

export function croppedSizeNegative(start: number, end: number, size: number): string {
  return `Cropped size must be non-negative: start: ${start} end: ${end} size ${size}`;
}
