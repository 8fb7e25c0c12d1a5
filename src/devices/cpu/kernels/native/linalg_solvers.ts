// Native kernels of the LU, Cholesky, triangular-solve, QR and SVD ops (MatrixInverse,
// MatrixDeterminant, LogMatrixDeterminant, MatrixSolve, Cholesky, MatrixTriangularSolve, Qr, Svd):
// the reference kernels' own code (../linalg_decompositions.ts) run over the addon's solvers,
// which take the same steps, so the same bits. Matrices whose last dimension is below
// NATIVE_SOLVER_MIN_N stay in TypeScript.
import type { NativeLinalgSolvers } from "../../../native/addon.js";
import { registerNativeCpuKernel } from "../../kernel.js";
import { registerSolverKernels } from "../linalg_decompositions.js";
import type { DenseSolvers, LuFactors } from "../linalg_numeric.js";

/** Below this matrix order the TypeScript solvers are as fast as the call into C++. */
export const NATIVE_SOLVER_MIN_N = 8;

function nativeSolvers(addon: NativeLinalgSolvers): DenseSolvers {
  return {
    luFactor(a, n): LuFactors {
      const lu = new Float64Array(n * n), perm = new Int32Array(n);
      const permSign = addon.luFactor(a, lu, perm, n);
      return { lu, perm, permSign };
    },
    luSolve(f, n, b, k) {
      const x = new Float64Array(n * k);
      addon.luSolve(f.lu as Float64Array, f.perm as Int32Array, n, b, k, x);
      return x;
    },
    choleskyLower(a, n) {
      const l = new Float64Array(n * n);
      return addon.cholesky(a, n, l) ? l : null;
    },
    triangularSolve(t, n, b, k, lower, transpose) {
      const x = b.slice();
      addon.triangularSolve(t, n, x, k, lower, transpose);
      return x;
    },
    householderQr(a, m, n) {
      const qr = new Float64Array(m * n), tau = new Float64Array(Math.min(m, n));
      addon.householderQr(a, qr, tau, m, n);
      return { qr, tau };
    },
    householderQ(f, m, n, qCols) {
      const q = new Float64Array(m * qCols);
      addon.householderQ(f.qr as Float64Array, f.tau as Float64Array, m, n, qCols, q);
      return q;
    },
    jacobiSweeps(re, im, vr, vi, m, n, maxSweeps) {
      // The columns travel packed (column j at j·length) and come back into the same arrays.
      const pack = (cols: Float64Array[], length: number) => {
        const out = new Float64Array(cols.length * length);
        cols.forEach((c, j) => out.set(c, j * length));
        return out;
      };
      const unpack = (packed: Float64Array, cols: Float64Array[], length: number) =>
        cols.forEach((c, j) => c.set(packed.subarray(j * length, (j + 1) * length)));
      const [pr, pi, pvr, pvi] = [pack(re, m), pack(im, m), pack(vr, n), pack(vi, n)];
      addon.jacobiSweeps(pr, pi, pvr, pvi, m, n, maxSweeps);
      unpack(pr, re, m); unpack(pi, im, m); unpack(pvr, vr, n); unpack(pvi, vi, n);
    },
  };
}

/** Register the solver kernels over the addon's solvers. */
export function registerNativeSolverKernels(addon: NativeLinalgSolvers): void {
  registerSolverKernels(nativeSolvers(addon), (op, dtypes, kernel) => {
    registerNativeCpuKernel(op, dtypes, (inputs, attrs, outputs, plan) => {
      const dims = inputs[0]!.dims;
      return dims[dims.length - 1]! < NATIVE_SOLVER_MIN_N ? null : kernel(inputs, attrs, outputs, plan);
    });
  });
}
