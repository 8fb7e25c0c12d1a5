// Gradients of the matrix products. With C = op_a(A) · op_b(B), op ∈ {N, T, H (adjoint)}:
// dC·op_b(B)^H is the gradient of op_a(A) and op_a(A)^H·dC that of op_b(B); each is mapped back
// through op_a / op_b. Written as matmuls with transpose/adjoint flags ("C": conjugate only,
// needed for complex inputs with a plain transpose), this is TensorFlow's MatMul and
// BatchMatMulV2 table; broadcast batch axes are summed back.
import type { linalgOps, MatMulAttrs } from "../../ops/linalg.js";
import type { Tensor } from "../../runtime/tensor.js";
import { matmul } from "../../api/ops/linalg.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { conj, unbroadcast } from "./gradient_helpers.js";

type Mode = "N" | "T" | "H" | "C";

function mm(p: Tensor, pm: Mode, q: Tensor, qm: Mode): Tensor {
  const a = pm === "C" ? conj(p) : p, b = qm === "C" ? conj(q) : q;
  return matmul(a, b, { transposeA: pm === "T", adjointA: pm === "H", transposeB: qm === "T", adjointB: qm === "H" });
}

const matmulGradient: GradientFn<MatMulAttrs> = ({ inputs: [a, b], attrs }, [dy]) => {
  const ma: Mode = attrs.adjointA ? "H" : attrs.transposeA ? "T" : "N";
  const mb: Mode = attrs.adjointB ? "H" : attrs.transposeB ? "T" : "N";
  const g = dy!;
  // The adjoint (transpose of the conjugate) of op(X), and the conjugate of op(X), as a mode of X.
  const adjointOf = { N: "H", T: "C", H: "N", C: "T" } as const;
  const conjOf = { N: "C", T: "H", H: "T", C: "N" } as const;
  const da = ma === "N" ? mm(g, "N", b!, adjointOf[mb]) : ma === "T" ? mm(b!, conjOf[mb], g, "T") : mm(b!, mb, g, "H");
  const db = mb === "N" ? mm(a!, adjointOf[ma], g, "N") : mb === "T" ? mm(g, "T", a!, conjOf[ma]) : mm(g, "H", a!, ma);
  return [unbroadcast(da, a!.dims), unbroadcast(db, b!.dims)];
};

export const linalgGradients: GradientTable<typeof linalgOps> = {
  MatMul: matmulGradient,
  BatchMatMulV2: matmulGradient,
};
