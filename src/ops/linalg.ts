// Matrix multiplication.
import { broadcastShape } from "../core/broadcast.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import {
  batchMatmulRankBelowTwo, matmulBatchDimsIncompatible, matmulNotMatrices, matmulRanksDiffer, matmulSizeIncompatible,
} from "../errors/op_messages.js";
import { defineOp, COMPLEX, INTS, REAL_FLOATS } from "./op_def.js";
import { checkSameDtype } from "./shape_rules.js";

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

/** Every op of this family, by name (the gradient table is typed over it). */
export const linalgOps = { MatMul, BatchMatMulV2 };
