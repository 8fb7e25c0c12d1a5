// The messages of tf.linalg's decompositions, solvers and band/diagonal ops, as TensorFlow's
// kernels (linalg_ops_common.cc, matrix_*_op.cc) write them.
import { shapeDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** LinearAlgebraOp's first input of rank below 2. */
export function linalgRankBelowTwo(rank: number): string {
  return `Input tensor 0 must have rank >= 2, got ${rank}`;
}

/** LinearAlgebraOp's later inputs of another rank than the first. */
export function linalgRanksDiffer(): string {
  return "All input tensors must have the same rank.";
}

/** LinearAlgebraOp's later inputs of other batch dimensions than the first. */
export function linalgOuterDimsDiffer(): string {
  return "All input tensors must have the same outer dimensions.";
}

/** A one-matrix op (inverse, determinant, Cholesky) given a non-square matrix. */
export function matrixNotSquare(): string {
  return "Input matrix must be square.";
}

/** MatrixSolve's non-square left-hand side. */
export function solverLhsNotSquare(): string {
  return "First input (lhs) must be a square matrix.";
}

/** A solver's matrix and right-hand side with different numbers of rows. */
export function solverRhsIncompatible(): string {
  return "Input matrix and rhs are incompatible.";
}

/** MatrixInverse of a matrix with an exact zero pivot. */
export function inverseNotInvertible(): string {
  return "Input is not invertible.";
}

/** MatrixSolve with a matrix with an exact zero pivot. */
export function solveNotInvertible(): string {
  return "Input matrix is not invertible.";
}


/** MatrixTriangularSolve's non-square matrix. */
export function triangularSolveNotSquare(last: number, previous: number): string {
  return `In[0] matrices in the last dimensions must be square (${last} =/= ${previous})`;
}

/** MatrixTriangularSolve's matrix and right-hand side that do not fit (bools as C++ prints them). */
export function triangularSolveMismatch(d1: number, d2: number, a: Dims, b: Dims, lower: boolean, adjoint: boolean): string {
  return `In[0] mismatch In[1] shape: ${d1} vs. ${d2}: ${shapeDebugString(a)} ${shapeDebugString(b)} ${lower ? 1 : 0} ${adjoint ? 1 : 0}`;
}

/** MatrixSolveLs's l2_regularizer that is not a scalar. */
export function l2RegularizerNotScalar(dims: Dims): string {
  return `l2_regularizer must be scalar, got shape ${shapeDebugString(dims)}`;
}

/** MatrixSolveLs's negative l2_regularizer. */
export function l2RegularizerNegative(): string {
  return "l2_regularizer must be >= 0.";
}

/** MatrixSolveLs (fast) whose Gramian is not positive definite. */
export function lstsqRankDeficient(overdetermined: boolean): string {
  return overdetermined
    ? "Input matrix was rank deficient or ill-conditioned. Try setting fast=False or provide a larger l2_regularizer > 0."
    : "Input matrix was rank deficient or ill-conditioned. Try setting fast=False or provide an l2_regularizer > 0.";
}

/** MatrixSolveLs's gradient, which TensorFlow defines for the fast path only. */
export function lstsqGradientNotFast(): string {
  return "Gradient not defined for fast=False";
}

/** Qr's gradient for wide matrices with full_matrices (TensorFlow's NotImplementedError). */
export function qrGradientFullMatrices(): string {
  return "QrGrad not implemented when nrows > ncols and full_matrices is true.";
}

/** Qr's gradient of complex inputs. */
export function qrGradientComplex(dtype: string): string {
  return `QrGrad not implemented for dtype: <dtype: '${dtype}'>`;
}

/** MatrixBandPart's num_lower / num_upper that is not a scalar. */
export function bandArgumentNotScalar(what: "num_lower" | "num_upper", dims: Dims): string {
  return `${what} must be scalar, got shape ${shapeDebugString(dims)}`;
}

/** MatrixBandPart's num_lower beyond the rows. */
export function bandLowerTooLarge(rows: number, got: number): string {
  return `num_lower must be negative or less or equal to number of rows (${rows}) got: ${got}`;
}

/** MatrixBandPart's num_upper beyond the columns. */
export function bandUpperTooLarge(cols: number, got: number): string {
  return `num_upper must be negative or less or equal to number of columns (${cols}) got: ${got}`;
}

/** MatrixDiagPartV3's k with more than two values. */
export function diagIndexTooLong(count: number): string {
  return `diag_index must have only one or two elements, received ${count} elements.`;
}

/** MatrixDiagPartV3's k whose lower end exceeds its upper end. */
export function diagIndexOrder(lower: number, upper: number): string {
  return `lower_diag_index must not be larger than upper_diag_index: ${lower} > ${upper}`;
}

/** MatrixDiagPartV3's diagonal index outside the matrix. */
export function diagIndexOutOfBound(which: "lower" | "upper", k: number, rows: number, cols: number): string {
  return `${which}_diag_index is out of bound: ${k}. It must be between ${-rows} and ${cols}`;
}


/** MatrixDiagV3's diagonals that do not match the k range. */
export function diagCountMismatch(): string {
  return "The number of diagonals provided in the input does not match the lower_diag_index and upper_diag_index range.";
}

/** MatrixDiagV3's num_rows below what the diagonals need. */
export function diagRowsTooSmall(): string {
  return "The number of rows is too small.";
}

/** MatrixDiagV3's num_cols below what the diagonals need. */
export function diagColsTooSmall(): string {
  return "The number of columns is too small.";
}

/** MatrixDiagV3's num_rows and num_cols both larger than the diagonals need. */
export function diagSizeInconsistent(): string {
  return "The number of rows or columns is not consistent with the specified d_lower, d_upper, and diagonal.";
}

/** Svd's gradient with full_matrices for matrices more than one row or column from square. */
export function svdGradientFullMatrices(m: number, n: number, input: string, shape: string): string {
  return `svd gradient is not implemented for abs(m - n) > 1 when full_matrices is True. Received: m=${m} and n=${n} from op input=${input} with shape=${shape}.`;
}
