// The tf.linalg namespace: TensorFlow's `tf.linalg.*` names (re-exports only; the functions
// live in api/ops/).
export { matmul, tensordot } from "./ops/linalg.js";
export type { MatMulOptions } from "./ops/linalg.js";
export { eye } from "./ops/array.js";
export { einsum } from "./ops/einsum.js";
export {
  inv, det, slogdet, solve, cholesky, choleskySolve, triangularSolve, qr, lstsq, svd,
} from "./ops/linalg_decompositions.js";
export { globalNorm } from "./ops/clip.js";
export { norm } from "./ops/norm.js";
export { matvec, diag, diagPart, setDiag, trace, bandPart } from "./ops/linalg_matrix.js";
