// CPU reference kernels of matrix multiplication.
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { BatchMatMulV2, MatMul, type MatMulAttrs } from "../../../ops/linalg.js";
import { COMPLEX, REAL_FLOATS } from "../../../ops/op_def.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { broadcastIndex } from "./broadcast.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";

function matmulKernel(inputs: readonly CpuTensor[], attrs: MatMulAttrs, outputs: readonly TensorSpec[]): Storage[] {
  const [a, b] = inputs as [CpuTensor, CpuTensor];
  const out = outputs[0]!;
  const ra = a.dims.length, rb = b.dims.length, ro = out.dims.length;
  const ta = attrs.transposeA || attrs.adjointA, tb = attrs.transposeB || attrs.adjointB;
  const m = out.dims[ro - 2]!, n = out.dims[ro - 1]!;
  const k = a.dims[ra - (ta ? 2 : 1)]!;
  // Element strides of A[i, p] and B[p, j] within one matrix, honouring transposes.
  const aRows = a.dims[ra - 2]!, aCols = a.dims[ra - 1]!, bCols = b.dims[rb - 1]!;
  const aI = ta ? 1 : aCols, aP = ta ? aCols : 1;
  const bP = tb ? 1 : bCols, bJ = tb ? bCols : 1;
  const batchDims = out.dims.slice(0, -2);
  const batches = sizeOf(batchDims);
  const aBatch = broadcastIndex(a.dims.slice(0, -2), batchDims);
  const bBatch = broadcastIndex(b.dims.slice(0, -2), batchDims);
  const aSize = aRows * aCols, bSize = b.dims[rb - 2]! * bCols;
  const total = batches * m * n;
  const domain = domainOf(a.dtype);

  if (domain === "number") {
    const A = readNumbers(a.dtype, a.buffer), B = readNumbers(b.dtype, b.buffer);
    const { values, finish } = numberOutput(out.dtype, total);
    const wrap32 = a.dtype.name === "int32" || a.dtype.name === "uint32";
    for (let t = 0; t < batches; t++) {
      const ao = (aBatch ? aBatch[t]! : t) * aSize, bo = (bBatch ? bBatch[t]! : t) * bSize;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          if (wrap32) for (let p = 0; p < k; p++) s = (s + Math.imul(A[ao + i * aI + p * aP]!, B[bo + p * bP + j * bJ]!)) | 0;
          else for (let p = 0; p < k; p++) s += A[ao + i * aI + p * aP]! * B[bo + p * bP + j * bJ]!;
          values[(t * m + i) * n + j] = s;
        }
      }
    }
    return [finish()];
  }
  if (domain === "bigint") {
    const A = a.buffer as BigArray, B = b.buffer as BigArray;
    const result = allocStorage(out.dtype, total) as BigArray;
    for (let t = 0; t < batches; t++) {
      const ao = (aBatch ? aBatch[t]! : t) * aSize, bo = (bBatch ? bBatch[t]! : t) * bSize;
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = 0n;
        for (let p = 0; p < k; p++) s += A[ao + i * aI + p * aP]! * B[bo + p * bP + j * bJ]!;
        result[(t * m + i) * n + j] = s;
      }
    }
    return [result];
  }
  // complex: interleaved pairs, conjugating adjoint operands
  const A = a.buffer as Float64Array, B = b.buffer as Float64Array;
  const ca = attrs.adjointA ? -1 : 1, cb = attrs.adjointB ? -1 : 1;
  const result = allocStorage(out.dtype, total) as Float64Array;
  for (let t = 0; t < batches; t++) {
    const ao = (aBatch ? aBatch[t]! : t) * aSize, bo = (bBatch ? bBatch[t]! : t) * bSize;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let re = 0, im = 0;
      for (let p = 0; p < k; p++) {
        const x = 2 * (ao + i * aI + p * aP), y = 2 * (bo + p * bP + j * bJ);
        const xr = A[x]!, xi = ca * A[x + 1]!, yr = B[y]!, yi = cb * B[y + 1]!;
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      const o = 2 * ((t * m + i) * n + j);
      result[o] = re; result[o + 1] = im;
    }
  }
  return [result];
}

// TensorFlow's CPU MatMul/BatchMatMulV2 kernels: float types, int16/32/64 and complex (no
// 8-bit or unsigned kernels: those dtypes raise NotFoundError).
const TYPES = [...REAL_FLOATS, "int16", "int32", "int64", ...COMPLEX] as const;

/** Register the CPU reference kernels of the matrix products. */
export function registerLinalgKernels(): void {
  registerCpuKernel(MatMul, TYPES, matmulKernel);
  registerCpuKernel(BatchMatMulV2, TYPES, matmulKernel);
}
