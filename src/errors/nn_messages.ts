// Messages of tf.nn (issue #15, the part without convolutions): TensorFlow's kernel texts
// (softmax_op.cc, xent_op.cc, sparse_xent_op.cc, bias_op.cc) and its Python layer's
// (nn_ops.py, nn_impl.py). One function per situation.
import { shapeDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** Softmax / LogSoftmax of a scalar. */
export function logitsRankTooLow(dims: Dims): string {
  return `logits must have >= 1 dimension, got ${shapeDebugString(dims)}`;
}

/** tf.nn.softmax / log_softmax with an axis outside [-rank, rank) (raised by the Python layer). */
export function softmaxDimOutOfRange(dim: number, rank: number): string {
  return `\`dim\` must be in the range [${-rank}, ${rank}) where ${rank} is the number of dimensions in the input. Received: dim=${dim}`;
}

/** SoftmaxCrossEntropyWithLogits on logits and labels that do not broadcast. */
export function xentNotBroadcastable(logits: Dims, labels: Dims): string {
  return `logits and labels must be broadcastable: logits_size=${shapeDebugString(logits)} labels_size=${shapeDebugString(labels)}`;
}

/** SoftmaxCrossEntropyWithLogits whose (broadcast) inputs are not matrices. */
export function xentNotMatrix(): string {
  return "logits and labels must be either 2-dimensional, or broadcasted to be 2-dimensional";
}

/** SparseSoftmaxCrossEntropyWithLogits: logits not a matrix. */
export function sparseXentLogitsNotMatrix(dims: Dims): string {
  return `logits must be 2-D, but got shape ${shapeDebugString(dims)}`;
}

/** SparseSoftmaxCrossEntropyWithLogits: labels not a vector. */
export function sparseXentLabelsNotVector(dims: Dims): string {
  return `labels must be 1-D, but got shape ${shapeDebugString(dims)}`;
}

/** SparseSoftmaxCrossEntropyWithLogits: different batch sizes. */
export function sparseXentBatchMismatch(logits: Dims, labels: Dims): string {
  return `logits and labels must have the same first dimension, got logits shape ${shapeDebugString(logits)} and labels shape ${shapeDebugString(labels)}`;
}

/** SparseSoftmaxCrossEntropyWithLogits with zero classes. */
export function sparseXentNoClasses(logits: Dims): string {
  return `Must have at least one class, but got logits shape ${shapeDebugString(logits)}`;
}

/**
 * SparseSoftmaxCrossEntropyWithLogits (CPU) with a label outside [0, classes): `values` as
 * Tensor::SummarizeValue writes them (space-separated, every element).
 */
export function sparseXentLabelOutOfRange(bad: number | bigint, classes: number, values: string): string {
  return `Received a label value of ${bad} which is outside the valid range of [0, ${classes}).  Label values: ${values}`;
}

/** tf.nn.sparse_softmax_cross_entropy_with_logits of scalar logits (`logits`: the tensor's str). */
export function sparseXentScalarLogits(logits: string): string {
  return `\`logits\` cannot be a scalar. Received logits=${logits}\``;
}

/** tf.nn.sparse_softmax_cross_entropy_with_logits: label rank not the logits' minus one (shapes as TensorShape strs). */
export function sparseXentRankMismatch(labels: string, labelsRank: number, logits: string, logitsRank: number): string {
  return `\`labels.shape.rank\` must equal \`logits.shape.rank - 1\`. Received: labels.shape=${labels} of rank ${labelsRank} and logits.shape=${logits} of rank ${logitsRank}`;
}

/** tf.nn.sparse_softmax_cross_entropy_with_logits: label shape not the logits' leading shape. */
export function sparseXentShapeMismatch(labels: string, logits: string): string {
  return `\`labels.shape\` must equal \`logits.shape\` except for the last dimension. Received: labels.shape=${labels} and logits.shape=${logits}`;
}

/** tf.nn.sigmoid_cross_entropy_with_logits / weighted_cross_entropy_with_logits on shapes that differ. */
export function logisticShapeMismatch(logits: string, labels: string): string {
  return `\`logits\` and \`labels\` must have the same shape, received (${logits} vs ${labels}).`;
}

/** BiasAdd / BiasAddGrad of an input below rank 2. */
export function biasInputRankTooLow(dims: Dims): string {
  return `Input tensor must be at least 2D: ${shapeDebugString(dims)}`;
}

/** BiasAdd with a bias that is not a vector. */
export function biasNotVector(dims: Dims): string {
  return `Biases must be 1D: ${shapeDebugString(dims)}`;
}

/** BiasAdd with as many biases as the channel dimension (the CPU kernel's wording says "last"). */
export function biasSizeMismatch(bias: Dims, input: Dims): string {
  return `Must provide as many biases as the last dimension of the input tensor: ${shapeDebugString(bias)} vs. ${shapeDebugString(input)}`;
}

/** tf.nn.bias_add with a data_format that is neither N...C nor NC.... */
export function biasBadDataFormat(): string {
  return "data_format must be of the form `N...C` or `NC...`";
}

/** The data_format attribute of BiasAdd / BiasAddGrad is not a known format. */
export function invalidDataFormat(): string {
  return "Invalid data format";
}

/** tf.nn.compute_average_loss of a scalar. */
export function perExampleLossRank(): string {
  return "Invalid value passed for `per_example_loss`. Expected a tensor with at least rank 1.";
}

/** tf.nn.compute_average_loss with a global_batch_size that is not a scalar (assert_scalar's ValueError; `shape` as TensorShape's str). */
export function globalBatchSizeNotScalar(shape: string): string {
  return `global_batch_size must be scalar.Expected scalar shape, saw shape: ${shape}.`;
}

/** tf.nn.compute_average_loss with a global_batch_size that is not an integer (assert_integer's TypeError; its first sentence). */
export function globalBatchSizeNotInteger(dtype: string): string {
  return `global_batch_size must be an integer.  Expected "x" to be integer type.  Found: tensor of dtype ${dtype}`;
}

/** tf.nn.compute_average_loss with a global_batch_size below 1 (assert_positive's InvalidArgumentError; its first line). */
export function globalBatchSizeNotPositive(): string {
  return "global_batch_size must be positive.";
}

/** tf.nn.embedding_lookup with an empty list of params. */
export function embeddingNoParams(): string {
  return "Length of params is currently 0. Need at least one param.";
}

/** tf.nn.embedding_lookup with an unknown partition strategy. */
export function embeddingBadPartitionStrategy(strategy: string): string {
  return `Unrecognized partition strategy: ${strategy}`;
}

/** tf.nn.gelu of a tensor that is not floating point. */
export function geluNotFloating(dtype: string): string {
  return `\`features.dtype\` must be a floating point tensor.Received:features.dtype=${dtype}`;
}

/** FusedBatchNormV3's running statistics of the wrong size (none given: 0), in inference or when mixing. */
export function fusedBatchNormStatisticsSize(training: boolean, which: "mean" | "variance", got: number, channels: number): string {
  const prefix = training ? "When exponential_avg_factor != 1" : "When is_training=false";
  return `${prefix}, ${which} must have the same number of elements as the channels of x, got ${got} and ${channels} [Op:FusedBatchNormV3]`;
}
