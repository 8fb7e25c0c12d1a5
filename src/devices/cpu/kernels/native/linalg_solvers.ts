// Native kernels of the LU, Cholesky, triangular-solve and QR ops (MatrixInverse,
// MatrixDeterminant, LogMatrixDeterminant, MatrixSolve, Cholesky, MatrixTriangularSolve, Qr):
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
