// The singular value decomposition by one-sided (Hestenes) Jacobi rotations, in float64, for
// real and complex matrices: columns of a tall matrix are rotated pairwise until they are
// orthogonal; their norms are then the singular values, the normalised columns the left
// singular vectors, and the accumulated rotations the right ones. Accurate to a few ulps of the
// largest singular value; a wide matrix is decomposed through its adjoint.

/** A complex matrix, row-major, parts apart (im is all zeros for real input). */
export interface ComplexMatrix { re: Float64Array; im: Float64Array; rows: number; cols: number }

export interface SvdResult {
  /** min(m, n) singular values, descending. */
  s: Float64Array;
  /** m×(m or p) left singular vectors, row-major (null unless asked for). */
  u: ComplexMatrix | null;
  /** n×(n or p) right singular vectors, row-major (null unless asked for). */
  v: ComplexMatrix | null;
}

const EPS = 2.220446049250313e-16;
const MAX_SWEEPS = 80;

/** Column-major copy of the adjoint (conjugate transpose) or of the matrix itself. */
function columns(a: ComplexMatrix, adjoint: boolean): { re: Float64Array[]; im: Float64Array[]; m: number; n: number } {
  const m = adjoint ? a.cols : a.rows, n = adjoint ? a.rows : a.cols;
  const re: Float64Array[] = [], im: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const cr = new Float64Array(m), ci = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const at = adjoint ? j * a.cols + i : i * a.cols + j;
      cr[i] = a.re[at]!;
      ci[i] = adjoint ? -a.im[at]! : a.im[at]!;
    }
    re.push(cr); im.push(ci);
  }
  return { re, im, m, n };
}

/**
 * Rotate columns p and q of (re, im) and of the accumulator (vr, vi) so that the first two
 * become orthogonal; false when they already are (to working precision).
 */
function rotate(re: Float64Array[], im: Float64Array[], vr: Float64Array[], vi: Float64Array[], p: number, q: number): boolean {
  const pr = re[p]!, pi = im[p]!, qr = re[q]!, qi = im[q]!;
  let alpha = 0, beta = 0, gr = 0, gi = 0;
  for (let i = 0; i < pr.length; i++) {
    alpha += pr[i]! * pr[i]! + pi[i]! * pi[i]!;
    beta += qr[i]! * qr[i]! + qi[i]! * qi[i]!;
    // g = conj(a_p) · a_q
    gr += pr[i]! * qr[i]! + pi[i]! * qi[i]!;
    gi += pr[i]! * qi[i]! - pi[i]! * qr[i]!;
  }
  const g = Math.hypot(gr, gi);
  if (g === 0 || !(g > EPS * Math.sqrt(alpha * beta))) return false;
  const zeta = (beta - alpha) / (2 * g);
  const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
  const c = 1 / Math.sqrt(1 + t * t), s = c * t;
  // a_q is first turned by conj(g/|g|), which makes conj(a_p)·a_q real; then a real rotation.
  const er = gr / g, ei = -gi / g;
  const apply = (xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => {
    for (let i = 0; i < xr.length; i++) {
      const ar = xr[i]!, ai = xi[i]!;
      const br = er * yr[i]! - ei * yi[i]!, bi = er * yi[i]! + ei * yr[i]!;
      xr[i] = c * ar - s * br; xi[i] = c * ai - s * bi;
      yr[i] = s * ar + c * br; yi[i] = s * ai + c * bi;
    }
  };
  apply(pr, pi, qr, qi);
  apply(vr[p]!, vi[p]!, vr[q]!, vi[q]!);
  return true;
}

/**
 * `have` orthonormal columns (length m) extended to `total` by Gram–Schmidt against the unit
 * vectors (twice, for orthogonality to working precision).
 */
function completeBasis(re: Float64Array[], im: Float64Array[], m: number, total: number): void {
  for (let k = 0; re.length < total && k < m; k++) {
    const xr = new Float64Array(m), xi = new Float64Array(m);
    xr[k] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < re.length; j++) {
        const cr = re[j]!, ci = im[j]!;
        let dr = 0, di = 0; // conj(c) · x
        for (let i = 0; i < m; i++) { dr += cr[i]! * xr[i]! + ci[i]! * xi[i]!; di += cr[i]! * xi[i]! - ci[i]! * xr[i]!; }
        for (let i = 0; i < m; i++) {
          xr[i] = xr[i]! - (dr * cr[i]! - di * ci[i]!);
          xi[i] = xi[i]! - (dr * ci[i]! + di * cr[i]!);
        }
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += xr[i]! * xr[i]! + xi[i]! * xi[i]!;
    norm = Math.sqrt(norm);
    if (norm < 0.5) continue;
    for (let i = 0; i < m; i++) { xr[i] = xr[i]! / norm; xi[i] = xi[i]! / norm; }
    re.push(xr); im.push(xi);
  }
}

/** Row-major matrix of the given columns. */
function fromColumns(re: Float64Array[], im: Float64Array[], rows: number): ComplexMatrix {
  const cols = re.length;
  const out = { re: new Float64Array(rows * cols), im: new Float64Array(rows * cols), rows, cols };
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) { out.re[i * cols + j] = re[j]![i]!; out.im[i * cols + j] = im[j]![i]!; }
  }
  return out;
}

/**
 * Sweeps of rotations over every column pair of (re, im) (n columns of length m), accumulated
 * in (vr, vi), until a sweep rotates nothing or `maxSweeps` have run.
 */
export type JacobiSweeps = (re: Float64Array[], im: Float64Array[], vr: Float64Array[], vi: Float64Array[], m: number, n: number, maxSweeps: number) => void;

export const typescriptSweeps: JacobiSweeps = (re, im, vr, vi, _m, n, maxSweeps) => {
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) if (rotate(re, im, vr, vi, p, q)) rotated = true;
    if (!rotated) break;
  }
};

/** The SVD of `a`; vectors only with `computeUv` (thin unless `fullMatrices`). */
export function jacobiSvd(a: ComplexMatrix, computeUv: boolean, fullMatrices: boolean, sweeps: JacobiSweeps = typescriptSweeps): SvdResult {
  if (a.re.some((x) => !Number.isFinite(x)) || a.im.some((x) => !Number.isFinite(x))) return nanSvd(a, computeUv, fullMatrices);
  const wide = a.rows < a.cols;
  const { re, im, m, n } = columns(a, wide); // m >= n
  const vr: Float64Array[] = [], vi: Float64Array[] = [];
  for (let j = 0; j < n; j++) { const e = new Float64Array(n); e[j] = 1; vr.push(e); vi.push(new Float64Array(n)); }
  sweeps(re, im, vr, vi, m, n, MAX_SWEEPS);
  const norms = re.map((cr, j) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += cr[i]! * cr[i]! + im[j]![i]! * im[j]![i]!;
    return Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y]! - norms[x]! || x - y);
  const s = Float64Array.from(order, (j) => norms[j]!);
  if (!computeUv) return { s, u: null, v: null };
  // Left vectors of the tall problem: normalised columns; those of zero singular values complete
  // the basis.
  const ur: Float64Array[] = [], ui: Float64Array[] = [];
  const tiny = (s[0] ?? 0) * EPS * m;
  for (const j of order) {
    if (!(norms[j]! > tiny) || norms[j] === 0) break;
    ur.push(re[j]!.map((x) => x / norms[j]!)); ui.push(im[j]!.map((x) => x / norms[j]!));
  }
  completeBasis(ur, ui, m, fullMatrices ? m : n);
  const rightR = order.map((j) => vr[j]!), rightI = order.map((j) => vi[j]!);
  const tallU = fromColumns(ur, ui, m), tallV = fromColumns(rightR, rightI, n);
  // A wide matrix was decomposed as Aᴴ = U Σ Vᴴ, so A = V Σ Uᴴ.
  return wide ? { s, u: tallV, v: tallU } : { s, u: tallU, v: tallV };
}

/** The result for a matrix with an infinity or NaN: NaN throughout (Eigen's scaling by the largest
 * magnitude turns infinities into NaN as well). */
function nanSvd(a: ComplexMatrix, computeUv: boolean, fullMatrices: boolean): SvdResult {
  const m = a.rows, n = a.cols, p = Math.min(m, n);
  const nan = (rows: number, cols: number): ComplexMatrix =>
    ({ re: new Float64Array(rows * cols).fill(NaN), im: new Float64Array(rows * cols).fill(NaN), rows, cols });
  const s = new Float64Array(p).fill(NaN);
  if (!computeUv) return { s, u: null, v: null };
  return { s, u: nan(m, fullMatrices ? m : p), v: nan(n, fullMatrices ? n : p) };
}
