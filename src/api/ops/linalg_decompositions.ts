// tf.linalg's decompositions and solvers: inv, det, slogdet, solve, cholesky, choleskySolve,
// triangularSolve, qr, lstsq, svd.
import { float64 } from "../../core/dtypes.js";
import {
  Cholesky, LogMatrixDeterminant, MatrixDeterminant, MatrixInverse, MatrixSolve, MatrixSolveLs,
  MatrixTriangularSolve, Qr, Svd,
} from "../../ops/linalg_decompositions.js";
import { execute, execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { convertPreferring } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { real } from "./math.js";

export interface AdjointOptions {
  /** Use the adjoint (conjugate transpose) of the matrix. */
  adjoint?: boolean;
}

/** tf.linalg.inv: the inverse of each square matrix (of its adjoint with `adjoint`). */
export function inv(input: TensorLike, options: AdjointOptions = {}): Tensor {
  return execute1(MatrixInverse, [convertToTensor(input)], { adjoint: options.adjoint ?? false });
}

/** tf.linalg.det: the determinant of each square matrix. */
export function det(input: TensorLike): Tensor {
  return execute1(MatrixDeterminant, [convertToTensor(input)], {});
}

/** tf.linalg.slogdet: `[sign, logAbsDet]` of each determinant (sign 0 and -inf when singular). */
export function slogdet(input: TensorLike): [Tensor, Tensor] {
  const [sign, logAbsDet] = execute(LogMatrixDeterminant, [convertToTensor(input)], {});
  return [sign!, logAbsDet!];
}

/** Matrix and right-hand side converted as the generated op wrappers do (rhs takes the matrix's dtype). */
function solverInputs(matrix: TensorLike, rhs: TensorLike): [Tensor, Tensor] {
  const a = convertToTensor(matrix);
  return [a, convertPreferring(rhs, a.dtype)];
}

/** tf.linalg.solve: X with matrix · X = rhs (adjoint(matrix) · X = rhs with `adjoint`). */
export function solve(matrix: TensorLike, rhs: TensorLike, options: AdjointOptions = {}): Tensor {
  return execute1(MatrixSolve, solverInputs(matrix, rhs), { adjoint: options.adjoint ?? false });
}

/**
 * tf.linalg.cholesky: the lower-triangular L with input = L·Lᴴ (only the lower triangle is
 * read). When a matrix is not positive definite, TensorFlow's CPU kernel fills L's lower
 * triangle with NaN instead of raising; so does this one.
 */
export function cholesky(input: TensorLike): Tensor {
  return execute1(Cholesky, [convertToTensor(input)], {});
}

export interface TriangularSolveOptions {
  /** Whether the matrix is lower triangular (default true); the other triangle is not read. */
  lower?: boolean;
  /** Solve with the adjoint of the matrix (default false). */
  adjoint?: boolean;
}

/** tf.linalg.triangular_solve: substitution with a triangular matrix; batch dimensions broadcast. */
export function triangularSolve(matrix: TensorLike, rhs: TensorLike, options: TriangularSolveOptions = {}): Tensor {
  return execute1(MatrixTriangularSolve, solverInputs(matrix, rhs), {
    lower: options.lower ?? true, adjoint: options.adjoint ?? false,
  });
}

/** tf.linalg.cholesky_solve: X with A·X = rhs given chol = cholesky(A). */
export function choleskySolve(chol: TensorLike, rhs: TensorLike): Tensor {
  const [l, b] = solverInputs(chol, rhs);
  const y = triangularSolve(l, b, { lower: true, adjoint: false });
  return triangularSolve(l, y, { lower: true, adjoint: true });
}

export interface QrOptions {
  /** Full m×m Q and m×n R instead of the reduced m×k and k×n (k = min(m, n)); default false. */
  fullMatrices?: boolean;
}

/**
 * tf.linalg.qr: `[q, r]` by Householder reflections. Each reflector sends its column's head
 * to -sign(head)·norm, as Eigen's HouseholderQR (TensorFlow's kernel) and LAPACK's geqrf
 * (numpy.linalg.qr) both do, so the signs agree with numpy's.
 */
export function qr(input: TensorLike, options: QrOptions = {}): [Tensor, Tensor] {
  const [q, r] = execute(Qr, [convertToTensor(input)], { fullMatrices: options.fullMatrices ?? false });
  return [q!, r!];
}

export interface LstsqOptions {
  /** Tikhonov regularization (default 0); ignored when `fast` is false. */
  l2Regularizer?: number | TensorLike;
  /** Normal equations through Cholesky (default true); false: complete orthogonal decomposition. */
  fast?: boolean;
}

/** tf.linalg.lstsq: least-squares (or, underdetermined, minimum-norm) solutions of matrix · X = rhs. */
export function lstsq(matrix: TensorLike, rhs: TensorLike, options: LstsqOptions = {}): Tensor {
  const [a, b] = solverInputs(matrix, rhs);
  const l2 = convertToTensor(options.l2Regularizer ?? 0, float64);
  return execute1(MatrixSolveLs, [a, b, l2], { fast: options.fast ?? true });
}

export interface SvdOptions {
  /** u and v square (m×m, n×n) instead of m×p and n×p, p = min(m, n). */
  fullMatrices?: boolean;
  /** Compute the singular vectors too (the default); without them svd returns s alone. */
  computeUv?: boolean;
}

/**
 * tf.linalg.svd: the singular values `s` of each matrix (descending, real) and, unless
 * `computeUv` is false, `[s, u, v]` with `tensor = u · diag(s) · vᴴ` (Svd; one-sided Jacobi on
 * the CPU). The vectors' signs (phases) are one valid choice among many, as in TensorFlow.
 */
export function svd(tensor: TensorLike, options: SvdOptions & { computeUv: false }): Tensor;
export function svd(tensor: TensorLike, options?: SvdOptions): [Tensor, Tensor, Tensor];
export function svd(tensor: TensorLike, options: SvdOptions = {}): Tensor | [Tensor, Tensor, Tensor] {
  const computeUv = options.computeUv ?? true;
  const [s, u, v] = execute(Svd, [convertToTensor(tensor)], { computeUv, fullMatrices: options.fullMatrices ?? false });
  return computeUv ? [real(s!), u!, v!] : real(s!);
}
