// Gradients of the decompositions and solvers, as TensorFlow's linalg_grad.py defines them.
import { NotImplementedError, ValueError } from "../../errors/errors.js";
import { lstsqGradientNotFast, qrGradientComplex, qrGradientFullMatrices } from "../../errors/linalg_messages.js";
import type { AdjointAttrs, linalgDecompositionOps, SolveLsAttrs, TriangularSolveAttrs } from "../../ops/linalg_decompositions.js";
import type { Tensor } from "../../runtime/tensor.js";
import { concat, eye, reshape, slice, transpose } from "../../api/ops/array.js";
import { matmul } from "../../api/ops/linalg.js";
import { cholesky, choleskySolve, inv, solve, triangularSolve } from "../../api/ops/linalg_decompositions.js";
import { bandPart, diagPart, setDiag } from "../../api/ops/linalg_matrix.js";
import { add, cast, multiply, negative, subtract } from "../../api/ops/math.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { unbroadcast } from "./gradient_helpers.js";

/** The (conjugate) transpose of each matrix. */
function adjoint(x: Tensor): Tensor {
  const perm = x.dims.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
  return transpose(x, perm, { conjugate: true });
}

/** x with two trailing axes of size 1, to scale whole matrices. */
function perMatrix(x: Tensor): Tensor { return reshape(x, [...x.dims, 1, 1]); }

const solveGradient: GradientFn<AdjointAttrs> = ({ inputs: [a], outputs: [c], attrs: { adjoint: adj } }, [dy]) => {
  const gradB = solve(a!, dy!, { adjoint: !adj });
  const gradA = adj ? negative(matmul(c!, gradB, { adjointB: true })) : negative(matmul(gradB, c!, { adjointB: true }));
  return [gradA, gradB];
};

const triangularSolveGradient: GradientFn<TriangularSolveAttrs> = ({ inputs: [a, b], outputs: [c], attrs }, [dy]) => {
  const gradB = triangularSolve(a!, dy!, { lower: attrs.lower, adjoint: !attrs.adjoint });
  let gradA = attrs.adjoint ? negative(matmul(c!, gradB, { adjointB: true })) : negative(matmul(gradB, c!, { adjointB: true }));
  gradA = attrs.lower ? bandPart(gradA, -1, 0) : bandPart(gradA, 0, -1);
  return [unbroadcast(gradA, a!.dims), unbroadcast(gradB, b!.dims)];
};

/** Equivalent to x · (r⁻¹)ᴴ for upper-triangular r. */
function solveRightUpper(x: Tensor, r: Tensor): Tensor {
  return adjoint(triangularSolve(r, adjoint(x), { lower: false, adjoint: false }));
}

function qrGradSquareOrDeep(q: Tensor, r: Tensor, dq: Tensor, dr: Tensor): Tensor {
  const qdq = matmul(q, dq, { adjointA: true });
  const qdqSkew = subtract(qdq, adjoint(qdq));
  const rdr = matmul(r, dr, { adjointB: true });
  const rdrSkew = subtract(rdr, adjoint(rdr));
  const tril = bandPart(add(qdqSkew, rdrSkew), -1, 0);
  const gradA = matmul(q, add(dr, solveRightUpper(tril, r)));
  const gradB = solveRightUpper(subtract(dq, matmul(q, qdq)), r);
  return add(gradA, gradB);
}

const qrGradient: GradientFn = ({ inputs: [a], outputs: [q, r] }, [dq, dr]) => {
  if (q!.dtype.isComplex) throw new NotImplementedError(qrGradientComplex(q!.dtype.name));
  const rr = r!.dims.length;
  const rRows = r!.dims[rr - 2]!, nCols = r!.dims[rr - 1]!;
  const m = q!.dims[rr - 2]!, qCols = q!.dims[rr - 1]!;
  if (rRows > nCols && m === qCols) throw new NotImplementedError(qrGradientFullMatrices());
  if (m >= nCols) return [qrGradSquareOrDeep(q!, r!, dq!, dr!)];
  // Wide: a = [x, y], r = [u, v]; reduce to the square case.
  const lead = a!.dims.slice(0, -2).map(() => 0), keep = a!.dims.slice(0, -2).map(() => -1);
  const cut = (t: Tensor, from: number, to: number) => slice(t, [...lead, 0, from], [...keep, -1, to - from]);
  const y = cut(a!, m, nCols), u = cut(r!, 0, m);
  const dv = cut(dr!, m, nCols), du = cut(dr!, 0, m);
  const dyPart = matmul(q!, dv);
  const dx = qrGradSquareOrDeep(q!, u, add(dq!, matmul(y, dv, { adjointB: true })), du);
  return [concat([dx, dyPart], -1)];
};

const choleskyGradient: GradientFn = ({ outputs: [l] }, [dl]) => {
  const n = l!.dims[l!.dims.length - 1]!;
  const lInverse = triangularSolve(l!, eye(n, null, { batchShape: l!.dims.slice(0, -2), dtype: l!.dtype }));
  let middle = matmul(l!, dl!, { adjointA: true });
  middle = setDiag(middle, multiply(0.5, diagPart(middle)));
  middle = bandPart(middle, -1, 0);
  const gradA = matmul(matmul(lInverse, middle, { adjointA: true }), lInverse);
  return [multiply(add(gradA, adjoint(gradA)), 0.5)];
};

/** Cholesky of AᴴA + λI (first kind) or AAᴴ + λI, as linalg_ops._RegularizedGramianCholesky. */
function regularizedGramianCholesky(a: Tensor, l2: Tensor, firstKind: boolean): Tensor {
  const gramian = firstKind ? matmul(a, a, { adjointA: true }) : matmul(a, a, { adjointB: true });
  const size = gramian.dims[gramian.dims.length - 1]!;
  const regularized = add(gramian, multiply(l2, eye(size, null, { batchShape: gramian.dims.slice(0, -2), dtype: a.dtype })));
  return cholesky(regularized);
}

const solveLsGradient: GradientFn<SolveLsAttrs> = ({ inputs: [a, b, l2], outputs: [x], attrs }, [dy]) => {
  if (!attrs.fast) throw new ValueError(lstsqGradientNotFast());
  const m = a!.dims[a!.dims.length - 2]!, n = a!.dims[a!.dims.length - 1]!;
  const lambda = cast(l2!, a!.dtype);
  if (m >= n) {
    const chol = regularizedGramianCholesky(a!, lambda, true);
    const z = choleskySolve(chol, dy!);
    const xzt = matmul(x!, z, { adjointB: true });
    const zxSym = add(xzt, adjoint(xzt));
    const gradA = add(negative(matmul(a!, zxSym)), matmul(b!, z, { adjointB: true }));
    return [gradA, matmul(a!, z), null];
  }
  const chol = regularizedGramianCholesky(a!, lambda, false);
  const gradB = choleskySolve(chol, matmul(a!, dy!));
  const tmp = choleskySolve(chol, b!);
  const a1 = negative(matmul(gradB, matmul(tmp, a!, { adjointA: true })));
  const a2 = matmul(tmp, subtract(dy!, matmul(a!, gradB, { adjointA: true })), { adjointB: true });
  return [add(a1, a2), gradB, null];
};

export const linalgDecompositionGradients: GradientTable<typeof linalgDecompositionOps> = {
  MatrixInverse: ({ outputs: [ainv] }, [dy]) => [
    negative(matmul(ainv!, matmul(dy!, ainv!, { adjointB: true }), { adjointA: true })),
  ],
  MatrixDeterminant: ({ inputs: [a], outputs: [d] }, [dy]) => [
    multiply(perMatrix(multiply(dy!, d!)), inv(a!, { adjoint: true })),
  ],
  LogMatrixDeterminant: ({ inputs: [a] }, [, dLog]) => [multiply(perMatrix(dLog!), inv(a!, { adjoint: true }))],
  Cholesky: choleskyGradient,
  MatrixSolve: solveGradient,
  MatrixTriangularSolve: triangularSolveGradient,
  Qr: qrGradient,
  MatrixSolveLs: solveLsGradient,
};
