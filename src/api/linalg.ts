// The tf.linalg namespace: TensorFlow's `tf.linalg.*` names (re-exports only; the functions
// live in api/ops/).
export { matmul } from "./ops/linalg.js";
export type { MatMulOptions } from "./ops/linalg.js";
