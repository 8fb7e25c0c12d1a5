// The tf.nn namespace: TensorFlow's `tf.nn.*` names (re-exports only). TensorFlow's nn_ops.py
// and nn_impl.py functions live beside this file, one module per family (activations, losses,
// normalization, convolution, pooling, dropout); the ops they run are declared in ops/.
export { relu, sigmoid, tanh } from "../api/ops/math.js";
export { softplus, softsign, logSigmoid } from "../api/ops/elementwise_math.js";
export { l2Normalize } from "../api/ops/reduce_extra.js";
export { oneHot } from "../api/ops/shape_ops.js";
export { topK, inTopK } from "../api/ops/sort.js";
export { dropout } from "./dropout.js";
export type { DropoutOptions, StatelessDropoutOptions } from "./dropout.js";
import { statelessDropout } from "./dropout.js";
/** tf.nn.experimental: TensorFlow's experimental nn names (snake_case as TensorFlow spells them, and camelCase). */
export const experimental = Object.freeze({ stateless_dropout: statelessDropout, statelessDropout });
