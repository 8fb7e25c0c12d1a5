// CPU kernels of the band and diagonal ops: dtype-generic slot copies (numbers, bigints,
// complex pairs), like the array kernels.
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { MatrixDiagV3 } from "../../../ops/array.js";
import {
  diagGeometry, diagLength, diagOffset, diagPartGeometry, MatrixBandPart, MatrixDiagPartV3, type DiagGeometry,
} from "../../../ops/linalg_matrix.js";
import { ALL_TYPES } from "../../../ops/op_def.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { copyElements, lanes } from "./array.js";

const TYPES = ALL_TYPES.filter((d) => d !== "string");

/** Fill `count` elements of `out` from `at` with the one element of `padding` (or leave zeros). */
function pad(out: Storage, at: number, count: number, padding: CpuTensor | undefined, l: number): void {
  if (padding === undefined) return;
  for (let i = 0; i < count; i++) copyElements(padding.buffer, 0, out, (at + i) * l, l);
}

/**
 * MatrixDiagV3's kernel for any k range and alignment: output[r, c] is diagonal element
 * (hi - (c - r), position) when c - r lies in the range, else the padding.
 */
function matrixDiagKernel(diagonal: CpuTensor, padding: CpuTensor | undefined, g: DiagGeometry, out: TensorSpec): Storage {
  const l = lanes(out);
  const { lower, upper, rows, cols, maxLen } = g;
  const batches = sizeOf(out.dims.slice(0, -2));
  const perBatch = (upper - lower + 1) * maxLen;
  const result = allocStorage(out.dtype, sizeOf(out.dims));
  pad(result, 0, batches * rows * cols, padding, l);
  for (let b = 0; b < batches; b++) {
    for (let d = lower; d <= upper; d++) {
      const len = diagLength(g, d), offset = diagOffset(g, d);
      const rowStart = Math.max(0, -d), colStart = Math.max(0, d);
      const src = b * perBatch + (upper - d) * maxLen + offset;
      for (let i = 0; i < len; i++) {
        copyElements(diagonal.buffer, (src + i) * l, result, ((b * rows + rowStart + i) * cols + colStart + i) * l, l);
      }
    }
  }
  return result;
}

/** Register the CPU reference kernels of the band and diagonal ops. */
export function registerLinalgMatrixKernels(): void {
  registerCpuKernel(MatrixDiagV3, TYPES, ([d, padding], attrs, [out]) => [
    matrixDiagKernel(d!, padding, diagGeometry(d!.dims, attrs).geometry, out!),
  ]);

  registerCpuKernel(MatrixDiagPartV3, TYPES, ([x, padding], attrs, [out]) => {
    const g = diagPartGeometry(x!, attrs);
    const l = lanes(out!);
    const { lower, upper, rows, cols, maxLen } = g;
    const batches = sizeOf(x!.dims.slice(0, -2));
    const perBatch = (upper - lower + 1) * maxLen;
    const result = allocStorage(out!.dtype, sizeOf(out!.dims));
    pad(result, 0, batches * perBatch, padding, l);
    for (let b = 0; b < batches; b++) {
      for (let d = lower; d <= upper; d++) {
        const len = diagLength(g, d), offset = diagOffset(g, d);
        const rowStart = Math.max(0, -d), colStart = Math.max(0, d);
        const dst = b * perBatch + (upper - d) * maxLen + offset;
        for (let i = 0; i < len; i++) {
          copyElements(x!.buffer, ((b * rows + rowStart + i) * cols + colStart + i) * l, result, (dst + i) * l, l);
        }
      }
    }
    return [result];
  });

  registerCpuKernel(MatrixBandPart, TYPES, ([x], { numLower, numUpper }, [out]) => {
    const l = lanes(out!);
    const r = x!.dims.length;
    const rows = x!.dims[r - 2]!, cols = x!.dims[r - 1]!;
    const batches = sizeOf(x!.dims.slice(0, -2));
    const result = allocStorage(out!.dtype, sizeOf(out!.dims));
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < rows; i++) {
        // Row i keeps columns i - numLower … i + numUpper (all of one side when negative).
        const from = numLower < 0 ? 0 : Math.max(0, i - numLower);
        const to = numUpper < 0 ? cols : Math.min(cols, i + numUpper + 1);
        if (to > from) copyElements(x!.buffer, ((b * rows + i) * cols + from) * l, result, ((b * rows + i) * cols + from) * l, (to - from) * l);
      }
    }
    return [result];
  });
}
