// MatrixSolveLs's robust path (fast=False): the minimum-norm least-squares solution through a
// complete orthogonal decomposition, as Eigen's CompleteOrthogonalDecomposition computes it:
// column-pivoted Householder QR, A·P = Q·[R11 R12; 0 0] with rank r (|R_ii| above
// eps·min(m, n)·max pivot), then the minimum-norm y of [R11 R12]·y = (QᵀB)[:r] through a QR
// of [R11 R12]ᵀ, and x = P·y.
import { householderQ, householderQr, triangularSolve } from "./linalg_numeric.js";

/** X (n×k) minimizing ‖A·X − B‖ with the least ‖X‖, A m×n and B m×k row-major. */
export function completeOrthogonalSolve(A: Float64Array, m: number, n: number, B: Float64Array, k: number, eps = 2.220446049250313e-16): Float64Array {
  const a = A.slice();
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const steps = Math.min(m, n);
  const qtb = B.slice();
  const diag = new Float64Array(steps);
  let maxPivot = 0;
  for (let j = 0; j < steps; j++) {
    // Pivot: the remaining column of largest norm (the first such).
    let best = -1, bestNorm = -1;
    for (let c = j; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += a[i * n + c]! * a[i * n + c]!;
      if (s > bestNorm) { bestNorm = s; best = c; }
    }
    if (best !== j) {
      for (let i = 0; i < m; i++) { const t = a[i * n + j]!; a[i * n + j] = a[i * n + best]!; a[i * n + best] = t; }
      const t = perm[j]!; perm[j] = perm[best]!; perm[best] = t;
    }
    maxPivot = Math.max(maxPivot, Math.sqrt(bestNorm));
    // Householder reflector of column j, rows j..m-1, applied to the rest of A and to B.
    const c0 = a[j * n + j]!;
    let tail = 0;
    for (let i = j + 1; i < m; i++) tail += a[i * n + j]! * a[i * n + j]!;
    if (tail === 0) { diag[j] = c0; continue; }
    let beta = Math.sqrt(c0 * c0 + tail);
    if (c0 >= 0) beta = -beta;
    const v = new Float64Array(m - j);
    v[0] = 1;
    for (let i = j + 1; i < m; i++) v[i - j] = a[i * n + j]! / (c0 - beta);
    const tau = (beta - c0) / beta;
    const reflect = (buf: Float64Array, width: number, col: number) => {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i - j]! * buf[i * width + col]!;
      s *= tau;
      for (let i = j; i < m; i++) buf[i * width + col] = buf[i * width + col]! - s * v[i - j]!;
    };
    for (let c = j + 1; c < n; c++) reflect(a, n, c);
    for (let c = 0; c < k; c++) reflect(qtb, k, c);
    a[j * n + j] = beta;
    for (let i = j + 1; i < m; i++) a[i * n + j] = 0;
    diag[j] = beta;
  }
  let rank = 0;
  const threshold = maxPivot * eps * steps;
  for (let j = 0; j < steps; j++) if (Math.abs(diag[j]!) > threshold) rank++;
  const x = new Float64Array(n * k);
  if (rank === 0) return x;
  // Cᵀ (n×rank) with C = [R11 R12]; Cᵀ = Z·T gives C = Tᵀ·Zᵀ and y = Z·T⁻ᵀ·c.
  const ct = new Float64Array(n * rank);
  for (let i = 0; i < rank; i++) for (let j = i; j < n; j++) ct[j * rank + i] = a[i * n + j]!;
  const f = householderQr(ct, n, rank);
  const t = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) for (let j = i; j < rank; j++) t[i * rank + j] = f.qr[i * rank + j]!;
  const w = triangularSolve(t, rank, qtb.subarray(0, rank * k).slice(), k, false, true);
  const z = householderQ(f, n, rank, rank);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let p = 0; p < rank; p++) s += z[i * rank + p]! * w[p * k + c]!;
      x[perm[i]! * k + c] = s;
    }
  }
  return x;
}
