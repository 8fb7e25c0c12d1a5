// tf.nn's losses (nn_ops.py / nn_impl.py): the softmax cross-entropies over the fused ops
// (moved to the last axis and flattened to matrices, as TensorFlow's Python layer does; half
// types computed in float32 and cast back), the logistic losses composed as TensorFlow writes
// them (stable for large |logits|), l2_loss, and the distribution helpers compute_average_loss
// and scale_regularization_loss (one replica here: tsflow has no distribution strategy yet).
import { float32, int32 } from "../core/dtypes.js";
import { sameDims } from "../core/tensor_shape.js";
import { InvalidArgumentError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  globalBatchSizeNotInteger, globalBatchSizeNotPositive, globalBatchSizeNotScalar, logisticShapeMismatch,
  perExampleLossRank, sparseXentRankMismatch, sparseXentScalarLogits, sparseXentShapeMismatch,
} from "../errors/nn_messages.js";
import { expandDims, reshape, squeeze, transpose, zerosLike } from "../api/ops/array.js";
import { greaterEqual, where } from "../api/ops/compare.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { abs, add, cast, divide, exp, log1p, multiply, negative, relu, subtract } from "../api/ops/math.js";
import { softmaxCrossEntropyOp, sparseSoftmaxCrossEntropyOp } from "../api/ops/nn.js";
import { reduceSum } from "../api/ops/reduce.js";
import { L2Loss } from "../ops/reduce_extra.js";
import { execute1 } from "../runtime/execute.js";
import type { Tensor } from "../runtime/tensor.js";

const isHalf = (t: Tensor) => t.dtype.name === "float16" || t.dtype.name === "bfloat16";

export interface SoftmaxCrossEntropyArgs {
  labels: TensorLike;
  logits: TensorLike;
  /** The class dimension (default -1). */
  axis?: number;
}
/**
 * tf.nn.softmax_cross_entropy_with_logits (v2): -sum(labels * log_softmax(logits)) over `axis`;
 * gradients reach both logits and labels. Labels are cast to the logits' dtype.
 */
export function softmaxCrossEntropyWithLogits({ labels, logits, axis = -1 }: SoftmaxCrossEntropyArgs): Tensor {
  const lg = convertToTensor(logits);
  const precise = isHalf(lg) ? cast(lg, float32) : lg;
  let lb = cast(convertToTensor(labels), precise.dtype);
  let x = precise;
  const rank = x.rank;
  if (axis !== -1) {
    // Move the class axis to the end: perm = [0..axis-1, axis+1..rank-1, axis].
    const a = axis < 0 ? axis + rank : axis;
    const perm = [...Array.from({ length: rank }, (_, i) => i).filter((i) => i !== a), a];
    x = transpose(x, perm);
    lb = transpose(lb, perm);
  }
  const outer = x.dims.slice(0, -1);
  const flat = (t: Tensor) => reshape(t, [-1, t.dims[t.rank - 1] ?? 1]);
  const [cost] = softmaxCrossEntropyOp(flat(x), flat(lb));
  const shaped = reshape(cost, outer);
  return isHalf(lg) ? cast(shaped, lg.dtype) : shaped;
}

export interface SparseSoftmaxCrossEntropyArgs {
  /** Class indices (int32 or int64), of the logits' shape without its last dimension. */
  labels: TensorLike;
  logits: TensorLike;
}
/** tf.nn.sparse_softmax_cross_entropy_with_logits (v2): -log_softmax(logits)[label] per example. */
export function sparseSoftmaxCrossEntropyWithLogits({ labels, logits }: SparseSoftmaxCrossEntropyArgs): Tensor {
  const lb = convertToTensor(labels, typeof labels === "number" || Array.isArray(labels) ? int32 : undefined);
  const lg = convertToTensor(logits);
  const precise = lg.dtype.name === "float16" ? cast(lg, float32) : lg;
  if (lg.rank === 0) throw new ValueError(sparseXentScalarLogits(String(lg)));
  if (lb.rank !== lg.rank - 1) {
    throw new ValueError(sparseXentRankMismatch(String(lb.shape), lb.rank, String(lg.shape), lg.rank));
  }
  if (!sameDims(lb.dims, lg.dims.slice(0, -1))) throw new ValueError(sparseXentShapeMismatch(String(lb.shape), String(lg.shape)));
  let cost: Tensor;
  if (lg.rank === 2) [cost] = sparseSoftmaxCrossEntropyOp(precise, lb);
  else {
    [cost] = sparseSoftmaxCrossEntropyOp(reshape(precise, [-1, lg.dims[lg.rank - 1]!]), reshape(lb, [-1]));
    cost = reshape(cost, lb.dims);
  }
  return lg.dtype.name === "float16" ? cast(cost, lg.dtype) : cost;
}

export interface LogisticArgs {
  labels: TensorLike;
  logits: TensorLike;
}
function logisticInputs(labels: TensorLike, logits: TensorLike): [Tensor, Tensor] {
  const lg = convertToTensor(logits);
  const lb = convertToTensor(labels);
  if (!sameDims(lb.dims, lg.dims)) throw new ValueError(logisticShapeMismatch(String(lg.shape), String(lb.shape)));
  return [lb, lg];
}
/**
 * tf.nn.sigmoid_cross_entropy_with_logits: max(x, 0) - x * z + log1p(exp(-|x|)), with the
 * max and |x| written as selects so that the gradient at 0 is defined (as TensorFlow does).
 */
export function sigmoidCrossEntropyWithLogits({ labels, logits }: LogisticArgs): Tensor {
  const [z, x] = logisticInputs(labels, logits);
  const zeros = zerosLike(x);
  const cond = greaterEqual(x, zeros);
  const reluLogits = where(cond, x, zeros);
  const negAbsLogits = where(cond, negative(x), x);
  return add(subtract(reluLogits, multiply(x, z)), log1p(exp(negAbsLogits)));
}

export interface WeightedLogisticArgs extends LogisticArgs {
  /** The weight of positive examples (a number or a tensor broadcasting against the labels). */
  posWeight: TensorLike;
}
/**
 * tf.nn.weighted_cross_entropy_with_logits: (1 - z) x + (1 + (q - 1) z) (log1p(exp(-|x|)) + max(-x, 0)).
 */
export function weightedCrossEntropyWithLogits({ labels, logits, posWeight }: WeightedLogisticArgs): Tensor {
  const [z, x] = logisticInputs(labels, logits);
  // A JS number stays a Python float: (q - 1) is computed before it meets the labels' dtype.
  const qm1 = typeof posWeight === "number" ? posWeight - 1 : subtract(posWeight, 1);
  const logWeight = add(1, multiply(qm1, z));
  return add(multiply(subtract(1, z), x), multiply(logWeight, add(log1p(exp(negative(abs(x)))), relu(negative(x)))));
}

/** sum(t²) / 2 (L2Loss). */
export function l2Loss(t: TensorLike): Tensor { return execute1(L2Loss, [convertToTensor(t)], {}); }

export interface ComputeAverageLossOptions {
  /** Per-example weights (a scalar, or a tensor of the loss's shape, or with one dimension more or less). */
  sampleWeight?: TensorLike | null;
  /** The batch size over every replica (default: the loss's first dimension times the replicas, 1 here). */
  globalBatchSize?: TensorLike | null;
}
/** tf.nn.compute_average_loss: sum(per-example loss · sample weight) / global batch size. */
export function computeAverageLoss(perExampleLoss: TensorLike, options: ComputeAverageLossOptions = {}): Tensor {
  let loss = convertToTensor(perExampleLoss);
  const dtype = loss.dtype;
  if (loss.rank < 1) throw new ValueError(perExampleLossRank());
  if (options.sampleWeight !== undefined && options.sampleWeight !== null) {
    let w = cast(convertToTensor(options.sampleWeight), dtype);
    // squeeze_or_expand_dimensions: weights one rank above lose their last dimension, one below gain one.
    if (w.rank > 0 && w.rank - loss.rank === 1 && w.dims[w.rank - 1] === 1) w = squeeze(w, -1);
    else if (w.rank > 0 && w.rank - loss.rank === -1) w = expandDims(w, -1);
    loss = multiply(loss, w);
  }
  let batch: Tensor;
  if (options.globalBatchSize === undefined || options.globalBatchSize === null) {
    batch = convertToTensor(loss.dims[0]!, int32);
  } else {
    batch = convertToTensor(options.globalBatchSize, typeof options.globalBatchSize === "number" ? int32 : undefined);
    // check_ops' assertions: the classes TensorFlow raises (ValueError, TypeError, InvalidArgumentError).
    if (batch.rank !== 0) throw new ValueError(globalBatchSizeNotScalar(String(batch.shape)));
    if (!batch.dtype.isInteger) throw new TFTypeError(globalBatchSizeNotInteger(String(batch.dtype)));
    if (Number(batch.numpy().item()) <= 0) throw new InvalidArgumentError(globalBatchSizeNotPositive());
  }
  return divide(reduceSum(loss), cast(batch, dtype));
}

/** tf.nn.scale_regularization_loss: sum(loss) / the number of replicas (1 here). */
export function scaleRegularizationLoss(regularizationLoss: TensorLike): Tensor {
  return divide(reduceSum(regularizationLoss), 1);
}
