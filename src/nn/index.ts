// The tf.nn namespace: TensorFlow's `tf.nn.*` names (re-exports only). TensorFlow's nn_ops.py
// and nn_impl.py functions live beside this file, one module per family (activations, losses,
// normalization, convolution, pooling, dropout); the ops they run are declared in ops/.
export { relu, sigmoid, tanh } from "../api/ops/math.js";
export { softplus, softsign, logSigmoid } from "../api/ops/elementwise_math.js";
export { l2Normalize } from "../api/ops/reduce_extra.js";
export { oneHot } from "../api/ops/shape_ops.js";
export { topK, inTopK } from "../api/ops/sort.js";
export { conv1d, conv1dTranspose, conv2d, conv2dTranspose, conv3d, conv3dTranspose, convolution, depthwiseConv2d, separableConv2d } from "./conv.js";
export { avgPool, avgPool1d, avgPool2d, avgPool3d, maxPool, maxPool1d, maxPool2d, maxPool3d, pool } from "./pooling.js";
