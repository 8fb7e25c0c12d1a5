// Matrix decompositions and solvers: inverse, determinants, LU solve, Cholesky, triangular
// solve, QR, least squares and the singular value decomposition. Shape rules and messages are
// those of TensorFlow's LinearAlgebraOp (linalg_ops_common.cc), which checks the inputs in eager
// mode: batch dimensions must match exactly (no broadcasting) except for MatrixTriangularSolve.
import { broadcastShape } from "../core/broadcast.js";
import { float64 } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import {
  l2RegularizerNotScalar, linalgOuterDimsDiffer, linalgRankBelowTwo, linalgRanksDiffer, matrixNotSquare,
  solverLhsNotSquare, solverRhsIncompatible, triangularSolveMismatch, triangularSolveNotSquare,
} from "../errors/linalg_messages.js";
import { batchMatmulRankBelowTwo, matmulBatchDimsIncompatible } from "../errors/op_messages.js";
import type { DTypeName } from "../core/dtypes.js";
import { defineOp } from "./op_def.js";
import { checkSameDtype, requireDtype } from "./shape_rules.js";

// TensorFlow's registrations (linalg_ops.cc), in their order.
const DFH_COMPLEX: readonly DTypeName[] = ["float64", "float32", "float16", "complex64", "complex128"];
const HFD_COMPLEX: readonly DTypeName[] = ["float16", "float32", "float64", "complex64", "complex128"];
const TRIANGULAR_TYPES: readonly DTypeName[] = ["bfloat16", "float64", "float32", "float16", "complex64", "complex128"];

/** The rank check of LinearAlgebraOp's first input. */
function requireMatrices(x: TensorSpec): void {
  if (x.dims.length < 2) throw new InvalidArgumentError(linalgRankBelowTwo(x.dims.length));
}

function rows(x: TensorSpec): number { return x.dims[x.dims.length - 2]!; }
function cols(x: TensorSpec): number { return x.dims[x.dims.length - 1]!; }

/** LinearAlgebraOp's checks of a second matrix input against the first: same rank, same batch. */
function requireSameBatch(a: TensorSpec, b: TensorSpec): void {
  if (a.dims.length !== b.dims.length) throw new InvalidArgumentError(linalgRanksDiffer());
  for (let i = 0; i < a.dims.length - 2; i++) {
    if (a.dims[i] !== b.dims[i]) throw new InvalidArgumentError(linalgOuterDimsDiffer());
  }
}

/** A batch of square matrices in, its shape (or the batch shape) out. */
function squareSpec(x: TensorSpec): void {
  requireMatrices(x);
  if (rows(x) !== cols(x)) throw new InvalidArgumentError(matrixNotSquare());
}

export interface AdjointAttrs { adjoint: boolean }

/** MatrixInverse: the inverse of each matrix (of its adjoint with `adjoint`). */
export const MatrixInverse = defineOp<AdjointAttrs>({
  name: "MatrixInverse",
  allowed: DFH_COMPLEX,
  inferOutputs: ([x]) => { squareSpec(x!); return [{ dtype: x!.dtype, dims: x!.dims }]; },
});

/** MatrixDeterminant: one determinant per matrix. */
export const MatrixDeterminant = defineOp({
  name: "MatrixDeterminant",
  allowed: HFD_COMPLEX,
  inferOutputs: ([x]) => { squareSpec(x!); return [{ dtype: x!.dtype, dims: x!.dims.slice(0, -2) }]; },
});

/** LogMatrixDeterminant: the sign and the log of the absolute value of each determinant. */
export const LogMatrixDeterminant = defineOp({
  name: "LogMatrixDeterminant",
  allowed: HFD_COMPLEX,
  inferOutputs: ([x]) => {
    squareSpec(x!);
    const dims = x!.dims.slice(0, -2);
    return [{ dtype: x!.dtype, dims }, { dtype: x!.dtype, dims }];
  },
});

/** Cholesky: the lower-triangular factor of each (Hermitian positive definite) matrix. */
export const Cholesky = defineOp({
  name: "Cholesky",
  allowed: DFH_COMPLEX,
  inferOutputs: ([x]) => { squareSpec(x!); return [{ dtype: x!.dtype, dims: x!.dims }]; },
});

/** MatrixSolve: X with matrix · X = rhs (adjoint(matrix) · X = rhs with `adjoint`). */
export const MatrixSolve = defineOp<AdjointAttrs>({
  name: "MatrixSolve",
  allowed: DFH_COMPLEX,
  inferOutputs: (inputs) => {
    checkSameDtype("MatrixSolve", inputs);
    const [a, b] = inputs as [TensorSpec, TensorSpec];
    requireMatrices(a);
    requireSameBatch(a, b);
    if (rows(a) !== cols(a)) throw new InvalidArgumentError(solverLhsNotSquare());
    if (rows(a) !== rows(b)) throw new InvalidArgumentError(solverRhsIncompatible());
    return [{ dtype: a.dtype, dims: [...a.dims.slice(0, -1), cols(b)] }];
  },
});

export interface TriangularSolveAttrs { lower: boolean; adjoint: boolean }

/** MatrixTriangularSolve: forward or back substitution; batch dimensions broadcast. */
export const MatrixTriangularSolve = defineOp<TriangularSolveAttrs>({
  name: "MatrixTriangularSolve",
  allowed: TRIANGULAR_TYPES,
  inferOutputs: (inputs, { lower, adjoint }) => {
    checkSameDtype("MatrixTriangularSolve", inputs);
    const [a, b] = inputs as [TensorSpec, TensorSpec];
    if (a.dims.length < 2) throw new InvalidArgumentError(batchMatmulRankBelowTwo(0, a.dims.length));
    if (b.dims.length < 2) throw new InvalidArgumentError(batchMatmulRankBelowTwo(1, b.dims.length));
    if (rows(a) !== cols(a)) throw new InvalidArgumentError(triangularSolveNotSquare(cols(a), rows(a)));
    const batch = broadcastShape(a.dims.slice(0, -2), b.dims.slice(0, -2));
    if (batch === null) throw new InvalidArgumentError(matmulBatchDimsIncompatible(a.dims, b.dims));
    if (cols(a) !== rows(b)) {
      throw new InvalidArgumentError(triangularSolveMismatch(cols(a), rows(b), a.dims, b.dims, lower, adjoint));
    }
    return [{ dtype: a.dtype, dims: [...batch, rows(a), cols(b)] }];
  },
});

export interface QrAttrs { fullMatrices: boolean }

/** Qr: Householder QR of each matrix, [q, r]; reduced (m×k, k×n) unless `fullMatrices`. */
export const Qr = defineOp<QrAttrs>({
  name: "Qr",
  allowed: DFH_COMPLEX,
  inferOutputs: ([x], { fullMatrices }) => {
    requireMatrices(x!);
    const m = rows(x!), n = cols(x!), k = Math.min(m, n);
    const batch = x!.dims.slice(0, -2);
    const qCols = fullMatrices ? m : k, rRows = fullMatrices ? m : k;
    return [{ dtype: x!.dtype, dims: [...batch, m, qCols] }, { dtype: x!.dtype, dims: [...batch, rRows, n] }];
  },
});

export interface SolveLsAttrs { fast: boolean }

/** MatrixSolveLs: least-squares solutions; input 2 is the float64 scalar l2_regularizer. */
export const MatrixSolveLs = defineOp<SolveLsAttrs>({
  name: "MatrixSolveLs",
  allowed: DFH_COMPLEX,
  inferOutputs: (inputs) => {
    checkSameDtype("MatrixSolveLs", inputs, 0, 2);
    requireDtype("MatrixSolveLs", inputs, float64, 2, 1);
    const [a, b, l2] = inputs as [TensorSpec, TensorSpec, TensorSpec];
    requireMatrices(a);
    requireSameBatch(a, b);
    if (rows(a) !== rows(b)) throw new InvalidArgumentError(solverRhsIncompatible());
    if (l2.dims.length !== 0) throw new InvalidArgumentError(l2RegularizerNotScalar(l2.dims));
    return [{ dtype: a.dtype, dims: [...a.dims.slice(0, -2), cols(a), cols(b)] }];
  },
});

export interface SvdAttrs { computeUv: boolean; fullMatrices: boolean }

/**
 * Svd: the singular values of each matrix (descending; of the input's dtype, real-valued), with
 * `computeUv` the left and right singular vectors u (m×p, or m×m with `fullMatrices`) and v
 * (n×p or n×n), p = min(m, n); without it u and v are empty ([…, 0]), as TensorFlow's.
 */
export const Svd = defineOp<SvdAttrs>({
  name: "Svd",
  allowed: DFH_COMPLEX,
  inferOutputs: ([x], { computeUv, fullMatrices }) => {
    requireMatrices(x!);
    const m = rows(x!), n = cols(x!), p = Math.min(m, n);
    const batch = x!.dims.slice(0, -2);
    const s = { dtype: x!.dtype, dims: [...batch, p] };
    if (!computeUv) return [s, { dtype: x!.dtype, dims: [...batch, 0] }, { dtype: x!.dtype, dims: [...batch, 0] }];
    return [s, { dtype: x!.dtype, dims: [...batch, m, fullMatrices ? m : p] }, { dtype: x!.dtype, dims: [...batch, n, fullMatrices ? n : p] }];
  },
});

/** Every op of this family, by name (the gradient table is typed over it). */
export const linalgDecompositionOps = {
  MatrixInverse, MatrixDeterminant, LogMatrixDeterminant, Cholesky, MatrixSolve, MatrixTriangularSolve, Qr,
  MatrixSolveLs, Svd,
};
