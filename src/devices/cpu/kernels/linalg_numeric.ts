// Dense real matrix algorithms on row-major Float64Arrays, as TensorFlow's CPU kernels use
// them from Eigen: partially pivoted LU, Cholesky (LLT of the lower triangle), triangular
// substitution and Householder QR with Eigen's (and LAPACK's) sign convention.
import { typescriptSweeps, type JacobiSweeps } from "./linalg_svd.js";

/** A row-major n×n LU factorization with row pivoting: P·A = L·U, L unit lower triangular. */
export interface LuFactors {
  /** L (strictly below the diagonal) and U (on and above it), n×n. */
  readonly lu: Float64Array;
  /** Row i of P·A is row perm[i] of A. */
  readonly perm: Int32Array;
  /** The determinant of P: ±1. */
  readonly permSign: number;
}

/** Partial pivoting LU of the n×n matrix `a` (not modified); the pivot is the first largest |value|. */
export function luFactor(a: Float64Array, n: number): LuFactors {
  const lu = a.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let permSign = 1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) { best = v; p = i; }
    }
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!; lu[k * n + j] = lu[p * n + j]!; lu[p * n + j] = t;
      }
      const t = perm[k]!; perm[k] = perm[p]!; perm[p] = t;
      permSign = -permSign;
    }
    const pivot = lu[k * n + k]!;
    // A zero pivot leaves its column as is (Eigen skips the division), the caller decides.
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = lu[i * n + k]! / pivot;
      lu[i * n + k] = f;
      for (let j = k + 1; j < n; j++) lu[i * n + j] = lu[i * n + j]! - f * lu[k * n + j]!;
    }
  }
  return { lu, perm, permSign };
}

/** The smallest |U[i,i]|: zero means an exact zero pivot (not invertible). */
export function minAbsPivot(f: LuFactors, n: number): number {
  let m = Infinity;
  for (let i = 0; i < n; i++) m = Math.min(m, Math.abs(f.lu[i * n + i]!));
  return m;
}

/** X (n×k) with A·X = B from A's LU factors; B is n×k row-major. */
export function luSolve(f: LuFactors, n: number, b: Float64Array, k: number): Float64Array {
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x[i * k + j] = b[f.perm[i]! * k + j]!;
  const lu = f.lu;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < i; p++) {
      const l = lu[i * n + p]!;
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - l * x[p * k + j]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) {
      const u = lu[i * n + p]!;
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - u * x[p * k + j]!;
    }
    const d = lu[i * n + i]!;
    for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! / d;
  }
  return x;
}

/** The n×n transpose of `a`. */
export function transposed(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j]!;
  return t;
}

/**
 * The lower Cholesky factor of the n×n matrix whose lower triangle is `a`, or null when a
 * pivot is not positive (Eigen's LLT test: NaN pivots pass and propagate).
 */
export function choleskyLower(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let p = 0; p < j; p++) d -= l[j * n + p]! * l[j * n + p]!;
    if (d <= 0) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let p = 0; p < j; p++) s -= l[i * n + p]! * l[j * n + p]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/**
 * X (n×k) with op(T)·X = B for the triangle of the n×n `t` that `lower` names (the other
 * one is not read); op is the transpose when `transpose`.
 */
export function triangularSolve(t: Float64Array, n: number, b: Float64Array, k: number, lower: boolean, transpose: boolean): Float64Array {
  const x = b.slice();
  // op(T) is lower triangular when exactly one of lower / transpose holds.
  const forward = lower !== transpose;
  const at = transpose ? (i: number, j: number) => t[j * n + i]! : (i: number, j: number) => t[i * n + j]!;
  if (forward) {
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < i; p++) {
        const v = at(i, p);
        for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - v * x[p * k + j]!;
      }
      const d = at(i, i);
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! / d;
    }
  } else {
    for (let i = n - 1; i >= 0; i--) {
      for (let p = i + 1; p < n; p++) {
        const v = at(i, p);
        for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! - v * x[p * k + j]!;
      }
      const d = at(i, i);
      for (let j = 0; j < k; j++) x[i * k + j] = x[i * k + j]! / d;
    }
  }
  return x;
}

/** Householder QR factors: R in the upper triangle of `qr`, the reflectors' tails below, taus. */
export interface HouseholderQr {
  readonly qr: Float64Array;
  readonly tau: Float64Array;
}

const TINY = 2.2250738585072014e-308; // smallest normal float64: Eigen's "tail is zero" tolerance

/**
 * Householder QR of the m×n `a` (not modified), Eigen's householder_qr_inplace: each
 * reflector maps the column's head to beta = -sign(head)·norm (head ≥ 0 gives a negative
 * beta), as LAPACK's dlarfg does, so R's diagonal signs agree with numpy's.
 */
export function householderQr(a: Float64Array, m: number, n: number): HouseholderQr {
  const qr = a.slice();
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c0 = qr[j * n + j]!;
    let tail = 0;
    for (let i = j + 1; i < m; i++) tail += qr[i * n + j]! * qr[i * n + j]!;
    let beta: number, t: number;
    if (tail <= TINY) {
      t = 0; beta = c0;
      for (let i = j + 1; i < m; i++) qr[i * n + j] = 0;
    } else {
      beta = Math.sqrt(c0 * c0 + tail);
      if (c0 >= 0) beta = -beta;
      const scale = c0 - beta;
      for (let i = j + 1; i < m; i++) qr[i * n + j] = qr[i * n + j]! / scale;
      t = (beta - c0) / beta;
    }
    tau[j] = t;
    qr[j * n + j] = beta;
    if (t === 0) continue;
    // Apply H = I - t·v·vᵀ (v = [1, tail]) to the remaining columns.
    for (let c = j + 1; c < n; c++) {
      let s = qr[j * n + c]!;
      for (let i = j + 1; i < m; i++) s += qr[i * n + j]! * qr[i * n + c]!;
      s *= t;
      qr[j * n + c] = qr[j * n + c]! - s;
      for (let i = j + 1; i < m; i++) qr[i * n + c] = qr[i * n + c]! - s * qr[i * n + j]!;
    }
  }
  return { qr, tau };
}

/** The first `qCols` columns of Q = H0·H1·…·H(k-1), m×qCols row-major. */
export function householderQ(f: HouseholderQr, m: number, n: number, qCols: number): Float64Array {
  const q = new Float64Array(m * qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) q[i * qCols + i] = 1;
  const k = Math.min(m, n);
  for (let j = k - 1; j >= 0; j--) {
    const t = f.tau[j]!;
    if (t === 0) continue;
    for (let c = 0; c < qCols; c++) {
      let s = q[j * qCols + c]!;
      for (let i = j + 1; i < m; i++) s += f.qr[i * n + j]! * q[i * qCols + c]!;
      s *= t;
      q[j * qCols + c] = q[j * qCols + c]! - s;
      for (let i = j + 1; i < m; i++) q[i * qCols + c] = q[i * qCols + c]! - s * f.qr[i * n + j]!;
    }
  }
  return q;
}

/**
 * The solvers the LU, Cholesky, triangular and QR kernels run on: the TypeScript functions above,
 * or the native addon's, which take the same steps in the same order (the same bits).
 */
export interface DenseSolvers {
  luFactor(a: Float64Array, n: number): LuFactors;
  luSolve(f: LuFactors, n: number, b: Float64Array, k: number): Float64Array;
  choleskyLower(a: Float64Array, n: number): Float64Array | null;
  triangularSolve(t: Float64Array, n: number, b: Float64Array, k: number, lower: boolean, transpose: boolean): Float64Array;
  householderQr(a: Float64Array, m: number, n: number): HouseholderQr;
  householderQ(f: HouseholderQr, m: number, n: number, qCols: number): Float64Array;
  /** The SVD's rotation sweeps (linalg_svd.ts). */
  jacobiSweeps: JacobiSweeps;
}

export const typescriptSolvers: DenseSolvers = {
  luFactor, luSolve, choleskyLower, triangularSolve, householderQr, householderQ, jacobiSweeps: typescriptSweeps,
};

/** C = op(A)·B for row-major A (r×c, or c×r transposed) and B. */
export function matmulInto(a: Float64Array, ar: number, ac: number, transposeA: boolean, b: Float64Array, bc: number): Float64Array {
  const m = transposeA ? ac : ar, k = transposeA ? ar : ac;
  const out = new Float64Array(m * bc);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const v = transposeA ? a[p * ac + i]! : a[i * ac + p]!;
      for (let j = 0; j < bc; j++) out[i * bc + j] = out[i * bc + j]! + v * b[p * bc + j]!;
    }
  }
  return out;
}
