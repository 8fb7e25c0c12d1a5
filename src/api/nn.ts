// The tf.nn namespace: TensorFlow's `tf.nn.*` names (re-exports only; the functions live in
// api/ops/). Activations, softmax and losses come from api/ops/nn.ts, convolution and pooling
// from api/ops/nn_conv.ts, dropout from api/ops/nn_dropout.ts.
export { relu, sigmoid, tanh } from "./ops/math.js";
export { softplus, softsign, logSigmoid } from "./ops/elementwise_math.js";
export { l2Normalize } from "./ops/reduce_extra.js";
export { oneHot } from "./ops/shape_ops.js";
export { topK, inTopK } from "./ops/sort.js";
