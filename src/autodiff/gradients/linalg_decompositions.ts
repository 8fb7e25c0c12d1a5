// Gradients of the decompositions and solvers, as TensorFlow's linalg_grad.py defines them.
import { NotImplementedError, ValueError } from "../../errors/errors.js";
import { lstsqGradientNotFast, qrGradientComplex, qrGradientFullMatrices, svdGradientFullMatrices } from "../../errors/linalg_messages.js";
import type {
  AdjointAttrs, linalgDecompositionOps, SolveLsAttrs, SvdAttrs, TriangularSolveAttrs,
} from "../../ops/linalg_decompositions.js";
import { TensorShape } from "../../core/tensor_shape.js";
import type { Tensor } from "../../runtime/tensor.js";
import { concat, expandDims, eye, reshape, slice, transpose, zerosLike } from "../../api/ops/array.js";
import { matmul } from "../../api/ops/linalg.js";
import { cholesky, choleskySolve, inv, solve, svd, triangularSolve } from "../../api/ops/linalg_decompositions.js";
import { bandPart, diag, diagPart, setDiag } from "../../api/ops/linalg_matrix.js";
import { add, cast, multiply, negative, square, subtract } from "../../api/ops/math.js";
import { reciprocal } from "../../api/ops/elementwise_math.js";
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

/** TensorFlow's _SafeReciprocal: x / (x² + 1e-20), finite where x is 0. */
function safeReciprocal(x: Tensor): Tensor {
  return multiply(x, reciprocal(add(multiply(x, x), 1e-20)));
}

/** Columns [from, to) of each matrix. */
function columnRange(t: Tensor, from: number, to: number): Tensor {
  const lead = t.dims.slice(0, -1).map(() => 0), keep = t.dims.slice(0, -1).map(() => -1);
  return slice(t, [...lead, from], [...keep, to - from]);
}

/** Svd's gradient as TensorFlow's _SvdGrad (Giles; Townsend for thin u, v; complex phases). */
const svdGradient: GradientFn<SvdAttrs> = ({ inputs: [a], outputs, attrs }, [ds, du, dv]) => {
  const dtype = a!.dtype;
  const gradSMat = diag(cast(ds!, dtype));
  if (!attrs.computeUv) {
    const [, u, v] = svd(a!, { computeUv: true });
    return [matmul(u, matmul(gradSMat, v, { adjointB: true }))];
  }
  let [s, u, v] = outputs as [Tensor, Tensor, Tensor];
  let [gu, gv] = [du!, dv!];
  let m = a!.dims[a!.dims.length - 2]!, n = a!.dims[a!.dims.length - 1]!;
  s = cast(s, dtype);
  const useAdjoint = m > n;
  if (useAdjoint) { [m, n] = [n, m]; [u, v] = [v, u]; [gu, gv] = [gv, gu]; }
  if (attrs.fullMatrices && Math.abs(m - n) > 1) {
    throw new NotImplementedError(svdGradientFullMatrices(m, n, String(a), new TensorShape(a!.dims).toString()));
  }
  const sMat = diag(s);
  const s2 = square(s);
  const f = setDiag(safeReciprocal(subtract(expandDims(s2, -2), expandDims(s2, -1))), zerosLike(s));
  const sInvMat = diag(safeReciprocal(s));
  const v1 = columnRange(v, 0, m), gv1 = columnRange(gv, 0, m);
  const uGu = matmul(u, gu, { adjointA: true });
  const vGv = matmul(v1, gv1, { adjointA: true });
  const fU = multiply(f, uGu), fV = multiply(f, vGv);
  const term1Inner = add(add(gradSMat, matmul(add(fU, adjoint(fU)), sMat)), matmul(sMat, add(fV, adjoint(fV))));
  let grad = matmul(u, matmul(term1Inner, v1, { adjointB: true }));
  if (m !== n) {
    const gv1t = adjoint(gv1);
    let term2Inner = subtract(gv1t, matmul(matmul(gv1t, v1), v1, { adjointB: true }));
    if (attrs.fullMatrices) {
      const v2 = columnRange(v, m, n), gv2 = columnRange(gv, m, n);
      term2Inner = subtract(term2Inner, matmul(matmul(v1, gv2, { adjointA: true }), v2, { adjointB: true }));
    }
    grad = add(grad, matmul(matmul(u, sInvMat), term2Inner));
  }
  if (dtype.isComplex) {
    const l = multiply(eye(m, null, { batchShape: s.dims.slice(0, -1), dtype }), vGv);
    const term3Inner = matmul(sInvMat, subtract(adjoint(l), l));
    grad = add(grad, multiply(0.5, matmul(u, matmul(term3Inner, v1, { adjointB: true }))));
  }
  return [useAdjoint ? adjoint(grad) : grad];
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
  Svd: svdGradient,
};
