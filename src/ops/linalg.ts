// Matrix multiplication.
import { broadcastShape } from "../core/broadcast.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import {
  batchMatmulRankBelowTwo, matmulBatchDimsIncompatible, matmulNotMatrices, matmulRanksDiffer, matmulSizeIncompatible,
  transposeAndAdjoint,
} from "../errors/op_messages.js";
import { convertToTensor, toTensorSymbol, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { execute1 } from "../runtime/execute.js";
import { defineOp, COMPLEX, INTS, REAL_FLOATS } from "./op_def.js";
import { setGradient } from "../autodiff/gradient_registry.js";
import { unbroadcast } from "../autodiff/gradient_helpers.js";
import { conj } from "./math.js";
import { checkSameDtype } from "./op_helpers.js";

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Conjugate-transpose a (complex); same as transposeA for real dtypes. */
  adjointA?: boolean;
  adjointB?: boolean;
}
export interface MatMulAttrs { transposeA: boolean; transposeB: boolean; adjointA: boolean; adjointB: boolean }

const MATMUL_TYPES = [...REAL_FLOATS, ...INTS, ...COMPLEX];

function matmulSpec(name: string, batched: boolean) {
  return defineOp<MatMulAttrs>({
    name,
    allowed: MATMUL_TYPES,
    inferOutputs: (inputs, attrs) => {
      checkSameDtype(name, inputs);
      const [a, b] = inputs as [TensorSpec, TensorSpec];
      const ra = a.dims.length, rb = b.dims.length;
      if (!batched) {
        // MatMul runs on TensorFlow's BatchMatMul kernel in its legacy (non-batched) mode.
        if (ra !== rb) throw new InvalidArgumentError(matmulRanksDiffer(a.dims, b.dims));
        if (ra !== 2) throw new InvalidArgumentError(matmulNotMatrices(ra));
      } else {
        if (ra < 2) throw new InvalidArgumentError(batchMatmulRankBelowTwo(0, ra));
        if (rb < 2) throw new InvalidArgumentError(batchMatmulRankBelowTwo(1, rb));
      }
      const batch = broadcastShape(a.dims.slice(0, -2), b.dims.slice(0, -2));
      if (batch === null) {
        throw new InvalidArgumentError(matmulBatchDimsIncompatible(a.dims, b.dims));
      }
      const ta = attrs.transposeA || attrs.adjointA, tb = attrs.transposeB || attrs.adjointB;
      const m = a.dims[ra - (ta ? 1 : 2)]!, ka = a.dims[ra - (ta ? 2 : 1)]!;
      const kb = b.dims[rb - (tb ? 1 : 2)]!, n = b.dims[rb - (tb ? 2 : 1)]!;
      if (ka !== kb) throw new InvalidArgumentError(matmulSizeIncompatible(a.dims, b.dims));
      return [{ dtype: a.dtype, dims: [...batch, m, n] }];
    },
  });
}

export const MatMul = matmulSpec("MatMul", false);
export const BatchMatMulV2 = matmulSpec("BatchMatMulV2", true);

/**
 * tf.matmul: the matrix product of the last two axes. Inputs of rank > 2 go to BatchMatMulV2
 * (batch axes broadcast), others to MatMul. `transposeX` and `adjointX` (conjugate transpose)
 * exclude each other, as in TensorFlow.
 */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions = {}): Tensor {
  const transposeA = options.transposeA ?? false, transposeB = options.transposeB ?? false;
  const adjointA = options.adjointA ?? false, adjointB = options.adjointB ?? false;
  if (transposeA && adjointA) {
    throw new ValueError(transposeAndAdjoint("a"));
  }
  if (transposeB && adjointB) {
    throw new ValueError(transposeAndAdjoint("b"));
  }
  // Python converts `a` on its own and `b` with a's dtype as a hint.
  const x = convertToTensor(a);
  let y: Tensor;
  if (b instanceof Tensor || (typeof b === "object" && b !== null && toTensorSymbol in b)) y = convertToTensor(b);
  else {
    try { y = convertToTensor(b, x.dtype); } catch { y = convertToTensor(b); }
  }
  const op = x.rank > 2 || y.rank > 2 ? BatchMatMulV2 : MatMul;
  return execute1(op, [x, y], { transposeA, transposeB, adjointA, adjointB });
}

// --- Gradients ----------------------------------------------------------------------------------
// With C = op_a(A) · op_b(B), op ∈ {N, T, H (adjoint)}: dC·op_b(B)^H is the gradient of op_a(A) and
// op_a(A)^H·dC that of op_b(B); each is mapped back through op_a / op_b. Written as matmuls with
// transpose/adjoint flags ("C": conjugate only, needed for complex inputs with a plain transpose),
// this is TensorFlow's MatMul and BatchMatMulV2 table; broadcast batch axes are summed back.
type Mode = "N" | "T" | "H" | "C";

function mm(p: Tensor, pm: Mode, q: Tensor, qm: Mode): Tensor {
  const a = pm === "C" ? conj(p) : p, b = qm === "C" ? conj(q) : q;
  return matmul(a, b, { transposeA: pm === "T", adjointA: pm === "H", transposeB: qm === "T", adjointB: qm === "H" });
}

function matmulGradient({ inputs: [a, b], attrs }: { inputs: readonly Tensor[]; attrs: MatMulAttrs }, [dy]: readonly Tensor[]): Tensor[] {
  const ma: Mode = attrs.adjointA ? "H" : attrs.transposeA ? "T" : "N";
  const mb: Mode = attrs.adjointB ? "H" : attrs.transposeB ? "T" : "N";
  const g = dy!;
  // The adjoint (transpose of the conjugate) of op(X), and the conjugate of op(X), as a mode of X.
  const adjointOf = { N: "H", T: "C", H: "N", C: "T" } as const;
  const conjOf = { N: "C", T: "H", H: "T", C: "N" } as const;
  const da = ma === "N" ? mm(g, "N", b!, adjointOf[mb]) : ma === "T" ? mm(b!, conjOf[mb], g, "T") : mm(b!, mb, g, "H");
  const db = mb === "N" ? mm(a!, adjointOf[ma], g, "N") : mb === "T" ? mm(g, "T", a!, conjOf[ma]) : mm(g, "H", a!, ma);
  return [unbroadcast(da, a!.dims), unbroadcast(db, b!.dims)];
}
setGradient(MatMul, matmulGradient);
setGradient(BatchMatMulV2, matmulGradient);
