// Messages of the random ops (tf.random), as TensorFlow's kernels and Python layer write them.
import { shapeDebugString } from "../core/tensor_shape.js";
import type { DType } from "../core/dtypes.js";

type Dims = readonly number[];

/** RandomUniformInt's bounds that are not scalars. */
export function boundNotScalar(name: "minval" | "maxval", dims: Dims): string {
  return `${name} must be 0-D, got shape ${shapeDebugString(dims)}`;
}

/** RandomUniformInt's empty range. */
export function minvalNotBelowMaxval(lo: bigint | number, hi: bigint | number): string {
  return `Need minval < maxval, got ${lo} >= ${hi}`;
}

/** A stateless op's seed that is not a pair. */
export function seedNotPair(dims: Dims): string {
  return `seed must have shape [2], not ${shapeDebugString(dims)}`;
}

/** A stateless V2 op's key that is not one word. */
export function keyShapeInvalid(dims: Dims): string {
  return `key must have shape [1], not ${shapeDebugString(dims)}. (Note that batched keys are not supported yet.)`;
}

/** A stateless V2 op's counter shorter than its algorithm needs. */
export function counterShapeInvalid(minimum: number, dims: Dims): string {
  return `counter must be a vector with length at least ${minimum}; got shape: ${shapeDebugString(dims)}. (Note that batched counters are not supported yet.)`;
}

/** An algorithm id the kernels do not implement (ThreeFry has only XLA kernels in TensorFlow). */
export function unsupportedAlgorithm(alg: number | string): string {
  return `Unsupported algorithm id: ${alg}`;
}

/** Multinomial's logits that are not a matrix. */
export function logitsNotMatrix(dims: Dims): string {
  return `logits should be a matrix, got shape ${shapeDebugString(dims)}`;
}

/** Multinomial's negative sample count. */
export function numSamplesNegative(n: number): string {
  return `num_samples should be non-negative, got ${n}`;
}

/** Multinomial's logits without classes. */
export function numClassesNotPositive(n: number): string {
  return `num_classes should be positive, got ${n}`;
}

/** tf.random.uniform of an integer dtype without maxval. */
export function integerUniformNeedsMaxval(dtype: DType): string {
  return `Must specify maxval for integer dtype ${dtype.repr()}`;
}

/** A dtype tf.random.uniform / stateless_uniform / categorical does not take. */
export function dtypeNotAccepted(dtype: DType, accepted: readonly DType[]): string {
  return `Argument \`dtype\` got invalid value ${dtype}. Accepted dtypes are (${accepted.map((d) => d.repr()).join(", ")}).`;
}

/** stateless_uniform of an integer dtype with one bound only. */
export function statelessBoundsNotPaired(dtype: DType, minval: string, maxval: string): string {
  return `For integer \`dtype\` argument ${dtype}, argument \`minval\` and \`maxval\` must be both None or not None. Got \`minval\`=${minval} and \`maxval\`=${maxval}.`;
}

/** Generator.uniform of an integer dtype with one bound only. */
export function generatorBoundsNotPaired(dtype: DType, minval: string, maxval: string): string {
  return `For integer dtype ${dtype}, minval and maxval must be both \`None\` or both non-\`None\`; got minval=${minval} and maxval=${maxval}`;
}

/** stateless_uniform with bounds for an unsigned dtype. */
export function statelessBoundedUnsigned(dtype: DType): string {
  return `Argument \`dtype\` got invalid value ${dtype} when argument \`minval\` is not None. Please don't use unsigned integers in this case.`;
}

/** An algorithm given as a number or name tf.random does not know. */
export function algorithmNotSupported(alg: number | string): string {
  return typeof alg === "number"
    ? `Argument \`alg\` got unsupported value ${alg}. Supported values are 1 for the Philox algorithm, 2 for the ThreeFry algorithm, and 3 for auto-selection.`
    : `Argument \`alg\` got unsupported value ${alg}. Supported values are \`"philox"\`, \`"threefry"\` and \`"auto_select"\`.`;
}

/** A Generator state of the wrong shape (assert_is_compatible_with). */
export function stateShapeIncompatible(dims: Dims, size: number): string {
  return `Shapes (${dims.join(", ")}${dims.length === 1 ? "," : ""}) and (${size},) are incompatible`;
}

/** tf.nn.dropout's rate outside [0, 1). */
export function dropoutRateOutOfRange(rate: number): string {
  return `\`rate\` must be a scalar tensor or a float in the range [0, 1). Received: rate=${pyFloat(rate)}`;
}

/** tf.nn.dropout of an integer tensor. */
export function dropoutDtypeNotFloating(dtype: DType): string {
  return `\`x.dtype\` must be a floating point tensor as \`x\` will be scaled. Received: x_dtype=${dtype}`;
}

/** tf.nn.dropout's rate tensor of rank above zero. */
export function dropoutRateNotScalar(dims: Dims): string {
  return `Shape ${shapeDebugString(dims).replace("[", "(").replace("]", dims.length === 1 ? ",)" : ")")} must have rank 0`;
}

function pyFloat(x: number): string {
  return Number.isInteger(x) ? `${x}` : String(x);
}

/** Binomial's counts and probs that do not broadcast. */
export function binomialBatchMismatch(counts: Dims, probs: Dims): string {
  return `counts and probs must have compatible batch dimensions: ${shapeDebugString(counts)} vs. ${shapeDebugString(probs)}`;
}

/** Binomial's shape that does not end with the broadcast shape of counts and probs. */
export function binomialShapeNotEndingWithBatch(): string {
  return "Shape passed in must end with broadcasted shape.";
}

/** An algorithm that is neither a number nor a name. */
export function algorithmNotConvertible(alg: string, type: string): string {
  return `Can't convert argument \`alg\` (of value ${alg} and type ${type}) to int.`;
}

/** new tf.random.Generator({}) without a state and an algorithm (TensorFlow asserts both are given). */
export function generatorNeedsState(): string {
  return "A Generator needs `state` and `alg` together, or `copyFrom`";
}

/** RandomIndexShuffle's index of rank above one (TensorFlow's own spelling). */
export function indexShuffleIndexRank(): string {
  return "Index bust be a scalar or vector.";
}

/** RandomIndexShuffle's seed of the wrong shape. */
export function indexShuffleSeedShape(numOutputs: number, dims: Dims): string {
  return `Seed must be a vector of size [3] or a matrix of size [${numOutputs}, 3] but got ${shapeDebugString(dims)}.`;
}

/** RandomIndexShuffle's max_index of the wrong shape. */
export function indexShuffleMaxShape(dims: Dims): string {
  return `Maxval must be a scalar or a vector of the same size as index but got ${shapeDebugString(dims)}`;
}
