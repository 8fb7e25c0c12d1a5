// The tf.nn namespace: TensorFlow's `tf.nn.*` names (re-exports only). TensorFlow's nn_ops.py
// and nn_impl.py functions live beside this file, one module per family (activations, losses,
// normalization, embedding, convolution, pooling, dropout); the ops they run are declared in ops/.
export {
  relu, relu6, leakyRelu, elu, selu, gelu, silu, swish, crelu, sigmoid, tanh, softplus, softsign, logSigmoid,
  softmax, logSoftmax,
} from "./activations.js";
export type { LeakyReluOptions, GeluOptions, SiluOptions, CreluOptions } from "./activations.js";
export {
  softmaxCrossEntropyWithLogits, sparseSoftmaxCrossEntropyWithLogits, sigmoidCrossEntropyWithLogits,
  weightedCrossEntropyWithLogits, l2Loss, computeAverageLoss, scaleRegularizationLoss,
} from "./losses.js";
export type {
  SoftmaxCrossEntropyArgs, SparseSoftmaxCrossEntropyArgs, LogisticArgs, WeightedLogisticArgs, ComputeAverageLossOptions,
} from "./losses.js";
export { moments, normalizeMoments, batchNormalization, fusedBatchNorm, biasAdd, l2Normalize } from "./normalization.js";
export type { MomentsOptions, BiasAddOptions, FusedBatchNormOptions } from "./normalization.js";
export { embeddingLookup } from "./embedding.js";
export type { EmbeddingLookupOptions } from "./embedding.js";
export { oneHot } from "../api/ops/shape_ops.js";
export { topK, inTopK } from "../api/ops/sort.js";
export { dropout } from "./dropout.js";
export type { DropoutOptions, StatelessDropoutOptions } from "./dropout.js";
import { statelessDropout } from "./dropout.js";
/** tf.nn.experimental: TensorFlow's experimental nn names (snake_case as TensorFlow spells them, and camelCase). */
export const experimental = Object.freeze({ stateless_dropout: statelessDropout, statelessDropout });
export { atrousConv2d, conv1d, conv1dTranspose, conv2d, conv2dTranspose, conv3d, conv3dTranspose, convolution, depthwiseConv2d, separableConv2d } from "./conv.js";
export { avgPool, avgPool1d, avgPool2d, avgPool3d, maxPool, maxPool1d, maxPool2d, maxPool3d, maxPoolWithArgmax, pool } from "./pooling.js";
export type { MaxPoolWithArgmaxOptions } from "./pooling.js";
