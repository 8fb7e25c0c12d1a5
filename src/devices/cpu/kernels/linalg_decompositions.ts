// CPU reference kernels of the decompositions and solvers (float32 and float64; TensorFlow's
// Eigen kernels compute in the dtype, these in float64 and round once on the way out).
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import {
  inverseNotInvertible, l2RegularizerNegative, lstsqRankDeficient, solveNotInvertible,
} from "../../../errors/linalg_messages.js";
import {
  Cholesky, LogMatrixDeterminant, MatrixDeterminant, MatrixInverse, MatrixSolve, MatrixSolveLs,
  MatrixTriangularSolve, Qr, Svd, type SvdAttrs,
} from "../../../ops/linalg_decompositions.js";
import type { DTypeName } from "../../../core/dtypes.js";
import type { OpDef } from "../../../ops/op_def.js";
import { registerCpuKernel, type CpuKernel, type CpuTensor } from "../kernel.js";
import { broadcastIndex } from "./broadcast.js";
import {
  choleskyLower, matmulInto, minAbsPivot, transposed, triangularSolve,
  typescriptSolvers, type DenseSolvers, type LuFactors,
} from "./linalg_numeric.js";
import { completeOrthogonalSolve } from "./linalg_least_squares.js";
import { jacobiSvd, type ComplexMatrix } from "./linalg_svd.js";

type Floats = Float32Array | Float64Array;
const REAL = ["float32", "float64"] as const;
const FLOAT32_EPS = 1.1920928955078125e-7, FLOAT64_EPS = 2.220446049250313e-16;

/** Matrix `index` (r×c) of a batch, as float64. */
function matrixAt(t: CpuTensor, index: number, r: number, c: number): Float64Array {
  const src = t.buffer as Floats;
  return Float64Array.from(src.subarray(index * r * c, (index + 1) * r * c));
}

function lastTwo(dims: readonly number[]): [number, number] {
  return [dims[dims.length - 2]!, dims[dims.length - 1]!];
}

/** The batch count of a tensor of matrices. */
function batchOf(dims: readonly number[]): number { return sizeOf(dims.slice(0, -2)); }

/** `out` with one result per matrix written by `each(index, write)`. */
function perMatrix(spec: TensorSpec, size: number, batches: number, each: (b: number) => ArrayLike<number>): Storage {
  const out = allocStorage(spec.dtype, batches * size) as Floats;
  for (let b = 0; b < batches; b++) out.set(each(b), b * size);
  return out;
}

/** sign and log|det| as TensorFlow's SLogDet: non-finite logs give sign 0 and ±inf. */
function slogdet(f: LuFactors | null, n: number): [number, number] {
  if (f === null) return [1, 0];
  let sign = f.permSign, logAbs = 0;
  for (let i = 0; i < n; i++) {
    const d = f.lu[i * n + i]!;
    logAbs += Math.log(Math.abs(d));
    sign *= d / Math.abs(d);
  }
  if (!Number.isFinite(logAbs)) return [0, logAbs > 0 ? Infinity : -Infinity];
  return [sign, logAbs];
}

function squareFactors(s: DenseSolvers, t: CpuTensor, b: number, n: number, adjoint: boolean): LuFactors {
  const a = matrixAt(t, b, n, n);
  return s.luFactor(adjoint ? transposed(a, n, n) : a, n);
}

/** How a layer registers a kernel of one op (the reference layer, or the native one over it). */
export type RegisterKernel = <A extends object>(op: OpDef<A>, dtypes: readonly DTypeName[], kernel: CpuKernel<A>) => void;

/** Register the kernels built on the LU, Cholesky and triangular solvers `s` through `register`. */
export function registerSolverKernels(s: DenseSolvers, register: RegisterKernel): void {
  register(MatrixInverse, REAL, ([x], { adjoint }, [out]) => {
    const [n] = lastTwo(x!.dims);
    return [perMatrix(out!, n * n, batchOf(x!.dims), (b) => {
      if (n === 0) return [];
      const f = squareFactors(s, x!, b, n, adjoint);
      if (!(minAbsPivot(f, n) > 0)) throw new InvalidArgumentError(inverseNotInvertible());
      const eye = new Float64Array(n * n);
      for (let i = 0; i < n; i++) eye[i * n + i] = 1;
      return s.luSolve(f, n, eye, n);
    })];
  });

  register(MatrixDeterminant, REAL, ([x], _attrs, [out]) => {
    const [n] = lastTwo(x!.dims);
    return [perMatrix(out!, 1, batchOf(x!.dims), (b) => {
      const [sign, logAbs] = slogdet(n === 0 ? null : squareFactors(s, x!, b, n, false), n);
      return [sign * Math.exp(logAbs)];
    })];
  });

  register(LogMatrixDeterminant, REAL, ([x], _attrs, [signSpec, logSpec]) => {
    const [n] = lastTwo(x!.dims);
    const batches = batchOf(x!.dims);
    const signs = allocStorage(signSpec!.dtype, batches) as Floats;
    const logs = allocStorage(logSpec!.dtype, batches) as Floats;
    for (let b = 0; b < batches; b++) {
      [signs[b], logs[b]] = slogdet(n === 0 ? null : squareFactors(s, x!, b, n, false), n);
    }
    return [signs, logs];
  });

  register(MatrixSolve, REAL, ([a, rhs], { adjoint }, [out]) => {
    const [n] = lastTwo(a!.dims);
    const k = rhs!.dims[rhs!.dims.length - 1]!;
    return [perMatrix(out!, n * k, batchOf(a!.dims), (b) => {
      if (n === 0 || k === 0) return [];
      const f = squareFactors(s, a!, b, n, adjoint);
      if (!(minAbsPivot(f, n) > 0)) throw new InvalidArgumentError(solveNotInvertible());
      return s.luSolve(f, n, matrixAt(rhs!, b, n, k), k);
    })];
  });

  register(Cholesky, REAL, ([x], _attrs, [out]) => {
    const [n] = lastTwo(x!.dims);
    return [perMatrix(out!, n * n, batchOf(x!.dims), (b) => {
      const l = s.choleskyLower(matrixAt(x!, b, n, n), n);
      if (l !== null) return l;
      // TensorFlow fills the lower triangle with NaN when the factorization fails.
      const failed = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) failed[i * n + j] = NaN;
      return failed;
    })];
  });

  register(MatrixTriangularSolve, REAL, ([a, rhs], { lower, adjoint }, [out]) => {
    const [n] = lastTwo(a!.dims);
    const k = rhs!.dims[rhs!.dims.length - 1]!;
    const outBatch = out!.dims.slice(0, -2);
    const aIndex = broadcastIndex(a!.dims.slice(0, -2), outBatch);
    const bIndex = broadcastIndex(rhs!.dims.slice(0, -2), outBatch);
    return [perMatrix(out!, n * k, sizeOf(outBatch), (b) => {
      if (n === 0 || k === 0) return [];
      const t = matrixAt(a!, aIndex ? aIndex[b]! : b, n, n);
      return s.triangularSolve(t, n, matrixAt(rhs!, bIndex ? bIndex[b]! : b, n, k), k, lower, adjoint);
    })];
  });

  register(Qr, REAL, ([x], _attrs, [qSpec, rSpec]) => {
    const [m, n] = lastTwo(x!.dims);
    const batches = batchOf(x!.dims);
    const qCols = qSpec!.dims[qSpec!.dims.length - 1]!, rRows = rSpec!.dims[rSpec!.dims.length - 2]!;
    const qs = allocStorage(qSpec!.dtype, batches * m * qCols) as Floats;
    const rs = allocStorage(rSpec!.dtype, batches * rRows * n) as Floats;
    for (let b = 0; b < batches; b++) {
      const f = s.householderQr(matrixAt(x!, b, m, n), m, n);
      qs.set(s.householderQ(f, m, n, qCols), b * m * qCols);
      const r = new Float64Array(rRows * n);
      for (let i = 0; i < rRows; i++) for (let j = i; j < n; j++) r[i * n + j] = i < m ? f.qr[i * n + j]! : 0;
      rs.set(r, b * rRows * n);
    }
    return [qs, rs];
  });

  registerSvdKernel(s, register);
}

/** Register the CPU reference kernels of the decompositions and solvers. */
export function registerLinalgDecompositionKernels(): void {
  registerSolverKernels(typescriptSolvers, registerCpuKernel);

  registerCpuKernel(MatrixSolveLs, REAL, ([a, rhs, l2], { fast }, [out]) => {
    const [m, n] = lastTwo(a!.dims);
    const k = rhs!.dims[rhs!.dims.length - 1]!;
    const lambda = (l2!.buffer as Float64Array)[0]!;
    return [perMatrix(out!, n * k, batchOf(a!.dims), (b) => {
      if (!(lambda >= 0)) throw new InvalidArgumentError(l2RegularizerNegative());
      if (m === 0 || n === 0 || k === 0) return new Float64Array(n * k);
      const A = matrixAt(a!, b, m, n), B = matrixAt(rhs!, b, m, k);
      if (!fast) return completeOrthogonalSolve(A, m, n, B, k, out!.dtype.name === "float32" ? FLOAT32_EPS : FLOAT64_EPS);
      return normalEquationsSolve(A, m, n, B, k, lambda);
    })];
  });
}

/** Svd of real and complex matrices (one-sided Jacobi in float64, see linalg_svd.ts). */
function registerSvdKernel(s: DenseSolvers, register: RegisterKernel): void {
  register<SvdAttrs>(Svd, ["float32", "float64", "complex64", "complex128"], ([x], { computeUv, fullMatrices }, [sSpec, uSpec, vSpec]) => {
    const [m, n] = lastTwo(x!.dims);
    const batches = batchOf(x!.dims), p = Math.min(m, n);
    const complex = x!.dtype.isComplex, parts = complex ? 2 : 1;
    const src = x!.buffer as Floats;
    const width = (spec: TensorSpec) => spec.dims[spec.dims.length - 1]!;
    const ss = allocStorage(sSpec!.dtype, batches * p) as Floats;
    const us = allocStorage(uSpec!.dtype, computeUv ? batches * m * width(uSpec!) : 0) as Floats;
    const vs = allocStorage(vSpec!.dtype, computeUv ? batches * n * width(vSpec!) : 0) as Floats;
    const put = (dst: Floats, at: number, c: ComplexMatrix) => {
      for (let i = 0; i < c.re.length; i++) {
        if (complex) { dst[2 * (at + i)] = c.re[i]!; dst[2 * (at + i) + 1] = c.im[i]!; } else dst[at + i] = c.re[i]!;
      }
    };
    for (let b = 0; b < batches; b++) {
      const a: ComplexMatrix = { re: new Float64Array(m * n), im: new Float64Array(m * n), rows: m, cols: n };
      for (let i = 0; i < m * n; i++) {
        a.re[i] = src[(b * m * n + i) * parts]!;
        if (complex) a.im[i] = src[(b * m * n + i) * 2 + 1]!;
      }
      const r = jacobiSvd(a, computeUv, fullMatrices, s.jacobiSweeps);
      for (let i = 0; i < p; i++) ss[(b * p + i) * parts] = r.s[i]!;
      if (r.u !== null) put(us, b * m * width(uSpec!), r.u);
      if (r.v !== null) put(vs, b * n * width(vSpec!), r.v);
    }
    return [ss, us, vs];
  });
}

/** MatrixSolveLs's fast path: Cholesky of the (regularized) Gramian of the first or second kind. */
function normalEquationsSolve(A: Float64Array, m: number, n: number, B: Float64Array, k: number, lambda: number): Float64Array {
  const over = m >= n;
  // Gramian AᵀA (n×n) when overdetermined, AAᵀ (m×m) otherwise.
  const g = over ? matmulInto(A, m, n, true, A, n) : matmulInto(A, m, n, false, transposed(A, m, n), m);
  const size = over ? n : m;
  if (lambda > 0) for (let i = 0; i < size; i++) g[i * size + i] = g[i * size + i]! + lambda;
  const l = choleskyLower(g, size);
  if (l === null) throw new InvalidArgumentError(lstsqRankDeficient(over));
  const cholSolve = (rhs: Float64Array, cols: number): Float64Array =>
    triangularSolve(l, size, triangularSolve(l, size, rhs, cols, true, false), cols, true, true);
  if (over) return cholSolve(matmulInto(A, m, n, true, B, k), k);
  return matmulInto(A, m, n, true, cholSolve(B, k), k);
}
