// Gradients of the band and diagonal ops (TensorFlow's array_grad.py): a band part keeps the
// same band of dy; a diagonal part puts dy back on its diagonals (the padding gets none).
import type { linalgMatrixOps } from "../../ops/linalg_matrix.js";
import { MatrixDiagV3 } from "../../ops/array.js";
import { MatrixBandPart } from "../../ops/linalg_matrix.js";
import { execute1 } from "../../runtime/execute.js";
import type { GradientTable } from "../gradient_registry.js";

export const linalgMatrixGradients: GradientTable<typeof linalgMatrixOps> = {
  MatrixDiagPartV3: ({ inputs: [x], attrs }, [dy]) => {
    const r = x!.dims.length;
    return [execute1(MatrixDiagV3, [dy!], {
      numRows: x!.dims[r - 2]!, numCols: x!.dims[r - 1]!, k: attrs.k, align: attrs.align,
    }), null];
  },
  MatrixBandPart: ({ attrs }, [dy]) => [execute1(MatrixBandPart, [dy!], attrs)],
};
