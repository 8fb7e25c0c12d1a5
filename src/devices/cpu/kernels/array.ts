// CPU kernels of the array ops. Data movement is dtype-generic: kernels compute, for each
// output element, which input element it copies (an index map), and move storage slots
// (numbers, bigints, complex pairs or byte strings) without looking at the values.
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import {
  ConcatV2, ConjugateTranspose, ExpandDims, Fill, GatherV2, MatrixSetDiagV3, MirrorPad, Pack, Pad, PadV2,
  Range, Reshape, Slice, Squeeze, StridedSlice, Tile, Transpose, ZerosLike, Identity, StopGradient,
  type TransposeAttrs, type TransposePlan,
} from "../../../ops/array.js";
import { ALL_TYPES } from "../../../ops/op_def.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { stridesOf } from "./broadcast.js";
import { indexNotInRange } from "../../../errors/messages.js";

/** Numbers stored per element (complex dtypes store two). */
export function lanes(t: { dtype: { isComplex: boolean } }): number {
  return t.dtype.isComplex ? 2 : 1;
}

/** Copy `count` storage slots (numbers, or byte strings) from src[srcAt…] to dst[dstAt…]. */
export function copyElements(src: Storage, srcAt: number, dst: Storage, dstAt: number, count: number): void {
  if (Array.isArray(src)) {
    for (let i = 0; i < count; i++) (dst as Uint8Array[])[dstAt + i] = src[srcAt + i]!;
  } else {
    (dst as Uint8Array).set((src as Uint8Array).subarray(srcAt, srcAt + count), dstAt);
  }
}

/** Storage seen as indexable slots of any element type. */
type Slots = { [i: number]: unknown };

/** A source index below zero: the output element takes the fill value. */
const OUTSIDE = -(2 ** 45);

/**
 * For every flat index of `outDims`, the sum over axes of `tables[axis][coordinate]`: the flat
 * source element for index maps that are separable per axis (transpose, slices, tile, pads).
 * An OUTSIDE entry in any table makes the sum negative (no source element).
 */
export function separableIndex(outDims: readonly number[], tables: readonly ArrayLike<number>[]): Float64Array {
  const n = sizeOf(outDims);
  const rank = outDims.length;
  const map = new Float64Array(n);
  if (n === 0) return map;
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let a = 0; a < rank; a++) src += tables[a]![0]!;
  for (let k = 0; k < n; k++) {
    map[k] = src;
    for (let a = rank - 1; a >= 0; a--) {
      const t = tables[a]!;
      const c = idx[a]!;
      if (c + 1 < outDims[a]!) {
        src += t[c + 1]! - t[c]!;
        idx[a] = c + 1;
        break;
      }
      src += t[0]! - t[c]!;
      idx[a] = 0;
    }
  }
  return map;
}

/**
 * out[i] = src[map[i]] for every output element (map < 0: the one element of `fillValue`,
 * zero/empty when absent). Moves whole elements (both lanes of complex values).
 */
export function takeElements(dtype: DType, src: Storage, map: ArrayLike<number>, fillValue?: Storage): Storage {
  const n = map.length;
  const out = allocStorage(dtype, n);
  const fill = fillValue ?? allocStorage(dtype, 1);
  const s = src as unknown as Slots, o = out as unknown as Slots, f = fill as unknown as Slots;
  if (dtype.isComplex) {
    for (let i = 0; i < n; i++) {
      const j = map[i]!;
      if (j >= 0) { o[2 * i] = s[2 * j]; o[2 * i + 1] = s[2 * j + 1]; } else { o[2 * i] = f[0]; o[2 * i + 1] = f[1]; }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const j = map[i]!;
      o[i] = j >= 0 ? s[j] : f[0];
    }
  }
  return out;
}

/** A table of `count` entries start, start + step, … scaled by `stride`. */
function linearTable(count: number, start: number, step: number, stride: number): Float64Array {
  const t = new Float64Array(Math.max(count, 1));
  for (let c = 0; c < count; c++) t[c] = (start + c * step) * stride;
  return t;
}

// Tensors are immutable, so reshapes and other pure shape changes share their input's storage.
const shareStorage = (inputs: readonly CpuTensor[]): Storage[] => [inputs[0]!.buffer];
function transposeKernel(conjugate: boolean) {
  return (inputs: readonly CpuTensor[], _attrs: TransposeAttrs, outputs: readonly TensorSpec[], { perm: p }: TransposePlan): Storage[] => {
    const x = inputs[0]!, out = outputs[0]!;
    const inStrides = stridesOf(x.dims);
    const tables = p.map((d, a) => linearTable(out.dims[a]!, 0, 1, inStrides[d]!));
    const result = takeElements(out.dtype, x.buffer, separableIndex(out.dims, tables));
    if (conjugate && out.dtype.isComplex) {
      const c = result as Float32Array | Float64Array;
      for (let i = 1; i < c.length; i += 2) c[i] = -c[i]!;
    }
    return [result];
  };
}
/** Per-axis tables of a pad: coordinate c maps to source c - before, or OUTSIDE. */
function padKernel(inputs: readonly CpuTensor[], paddings: readonly number[], outputs: readonly TensorSpec[]): Storage[] {
  const x = inputs[0]!, out = outputs[0]!;
  const inStrides = stridesOf(x.dims);
  const tables = out.dims.map((s, a) => {
    const before = paddings[2 * a]!, d = x.dims[a]!;
    const t = new Float64Array(Math.max(s, 1));
    for (let c = 0; c < s; c++) t[c] = c - before >= 0 && c - before < d ? (c - before) * inStrides[a]! : OUTSIDE;
    return t;
  });
  return [takeElements(out.dtype, x.buffer, separableIndex(out.dims, tables), inputs[1]?.buffer)];
}
const DIAG_TYPES = ALL_TYPES.filter((d) => d !== "string");

/** Write `diag`'s batches onto the main diagonals of `result` (batch x rows x cols). */
function setDiagonal(dtype: DType, result: Storage, diag: Storage, batch: number, rows: number, cols: number): void {
  const m = Math.min(rows, cols), l = dtype.isComplex ? 2 : 1;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < m; i++) copyElements(diag, (b * m + i) * l, result, ((b * rows + i) * cols + i) * l, l);
  }
}

/** Register the CPU reference kernels of the array ops. */
export function registerArrayKernels(): void {
  registerCpuKernel(Reshape, ALL_TYPES, shareStorage);
  registerCpuKernel(ExpandDims, ALL_TYPES, shareStorage);
  registerCpuKernel(Squeeze, ALL_TYPES, shareStorage);

  registerCpuKernel(Pack, ALL_TYPES, (inputs, { axis }, outputs) => {
    const out = outputs[0]!;
    const rank = out.dims.length;
    const a = axis < 0 ? axis + rank : axis;
    const l = lanes(out);
    // Each input contributes `inner` contiguous numbers per outer index.
    const outer = sizeOf(out.dims.slice(0, a));
    const inner = sizeOf(out.dims.slice(a + 1)) * l;
    const result = allocStorage(out.dtype, sizeOf(out.dims));
    inputs.forEach((t, k) => {
      for (let o = 0; o < outer; o++) {
        copyElements(t.buffer, o * inner, result, (o * inputs.length + k) * inner, inner);
      }
    });
    return [result];
  });

  registerCpuKernel(Fill, ALL_TYPES, (inputs, _attrs, outputs) => {
    const out = outputs[0]!;
    return [takeElements(out.dtype, inputs[0]!.buffer, new Float64Array(sizeOf(out.dims)))];
  });

  // Tensors are immutable, so the identity shares its input's storage.
  for (const op of [Identity, StopGradient]) registerCpuKernel(op, ALL_TYPES, (inputs) => [inputs[0]!.buffer]);
  registerCpuKernel(ZerosLike, ALL_TYPES, (_inputs, _attrs, outputs) => [allocStorage(outputs[0]!.dtype, sizeOf(outputs[0]!.dims))]);

  registerCpuKernel(Transpose, ALL_TYPES, transposeKernel(false));
  registerCpuKernel(ConjugateTranspose, ALL_TYPES, transposeKernel(true));

  registerCpuKernel(ConcatV2, ALL_TYPES, (inputs, _attrs, outputs, { axis: a }) => {
    const out = outputs[0]!;
    const rank = inputs[0]!.dims.length;
    const l = lanes(out);
    const outer = rank === 0 ? 1 : sizeOf(out.dims.slice(0, a));
    // Per outer index, each input contributes its whole trailing block.
    const blocks = inputs.map((t) => (rank === 0 ? 1 : sizeOf(t.dims.slice(a))) * l);
    const row = blocks.reduce((p, q) => p + q, 0);
    const result = allocStorage(out.dtype, sizeOf(out.dims));
    for (let o = 0; o < outer; o++) {
      let at = o * row;
      inputs.forEach((t, k) => {
        copyElements(t.buffer, o * blocks[k]!, result, at, blocks[k]!);
        at += blocks[k]!;
      });
    }
    return [result];
  });

  registerCpuKernel(Slice, ALL_TYPES, (inputs, _attrs, outputs, { begin, sizes }) => {
    const x = inputs[0]!, out = outputs[0]!;
    const inStrides = stridesOf(x.dims);
    const tables = sizes.map((s, a) => linearTable(s, begin[a]!, 1, inStrides[a]!));
    return [takeElements(out.dtype, x.buffer, separableIndex(sizes, tables))];
  });

  registerCpuKernel(StridedSlice, ALL_TYPES, (inputs, _attrs, outputs, plan) => {
    const x = inputs[0]!, out = outputs[0]!;
    const inStrides = stridesOf(x.dims);
    const tables = plan.processing.map((s, a) => linearTable(s, plan.begin[a]!, plan.strides[a]!, inStrides[a]!));
    // The final shape only drops shrunk axes (size 1) and adds new ones: the same element order.
    return [takeElements(out.dtype, x.buffer, separableIndex(plan.processing, tables))];
  });

  registerCpuKernel(GatherV2, ALL_TYPES, (inputs, _attrs, outputs, { axis, batchDims }) => {
    const [params, indices] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const batch = sizeOf(params.dims.slice(0, batchDims));
    const outer = sizeOf(params.dims.slice(batchDims, axis));
    const limit = params.dims[axis]!;
    const innerElems = sizeOf(params.dims.slice(axis + 1));
    const n = sizeOf(indices.dims);
    const perBatch = batch === 0 ? 0 : n / batch;
    const idx = indices.buffer as Int32Array | BigInt64Array;
    const map = new Float64Array(sizeOf(out.dims));
    // TensorFlow checks (and reports the first bad) index only when there is something to copy.
    if (n > 0 && innerElems > 0) {
      let at = 0;
      for (let b = 0; b < batch; b++) {
        for (let o = 0; o < outer; o++) {
          for (let i = 0; i < perBatch; i++) {
            const flat = b * perBatch + i;
            const raw = idx[flat]!;
            const j = Number(raw);
            if (!(j >= 0 && j < limit)) {
              throw new InvalidArgumentError(indexNotInRange(indices.dims, flat, raw, limit));
            }
            const base = ((b * outer + o) * limit + j) * innerElems;
            for (let k = 0; k < innerElems; k++) map[at++] = base + k;
          }
        }
      }
    }
    return [takeElements(out.dtype, params.buffer, map)];
  });

  registerCpuKernel(Tile, ALL_TYPES, (inputs, _attrs, outputs) => {
    const x = inputs[0]!, out = outputs[0]!;
    if (out.dims.every((d, i) => d === x.dims[i])) return [x.buffer];
    const inStrides = stridesOf(x.dims);
    const tables = out.dims.map((s, a) => {
      const t = new Float64Array(Math.max(s, 1));
      for (let c = 0; c < s; c++) t[c] = (c % x.dims[a]!) * inStrides[a]!;
      return t;
    });
    return [takeElements(out.dtype, x.buffer, separableIndex(out.dims, tables))];
  });

  registerCpuKernel(Pad, ALL_TYPES, (inputs, { paddings }, outputs) => padKernel(inputs, paddings.values, outputs));
  registerCpuKernel(PadV2, ALL_TYPES, (inputs, { paddings }, outputs) => padKernel(inputs, paddings.values, outputs));

  registerCpuKernel(MirrorPad, ALL_TYPES, (inputs, { paddings, mode }, outputs) => {
    const x = inputs[0]!, out = outputs[0]!;
    const inStrides = stridesOf(x.dims);
    const tables = out.dims.map((s, a) => {
      const before = paddings.values[2 * a]!, d = x.dims[a]!;
      const t = new Float64Array(Math.max(s, 1));
      for (let c = 0; c < s; c++) {
        let j = c - before;
        if (j < 0) j = mode === "REFLECT" ? -j : -j - 1;
        else if (j >= d) j = mode === "REFLECT" ? 2 * (d - 1) - j : 2 * d - 1 - j;
        t[c] = j * inStrides[a]!;
      }
      return t;
    });
    return [takeElements(out.dtype, x.buffer, separableIndex(out.dims, tables))];
  });

  registerCpuKernel(Range, ["float32", "float64", "int32", "int64"], (_inputs, { start, delta, dtype }, outputs) => {
    const n = outputs[0]!.dims[0]!;
    const result = allocStorage(dtype, n);
    if (typeof start === "bigint") {
      const r = result as BigInt64Array;
      let v = start;
      for (let i = 0; i < n; i++) { r[i] = v; v = BigInt.asIntN(64, v + (delta as bigint)); }
    } else {
      // TensorFlow accumulates in the dtype: val += delta.
      const r = result as Float32Array | Float64Array | Int32Array;
      const d = delta as number;
      const round = dtype.name === "float32" ? Math.fround : dtype.name === "int32" ? (v: number) => v | 0 : (v: number) => v;
      let v = start;
      for (let i = 0; i < n; i++) { r[i] = v; v = round(v + d); }
    }
    return [result];
  });

  // MatrixDiagV3's kernel (any k range) is registered with the diagonal ops (linalg_matrix.ts).
  registerCpuKernel(MatrixSetDiagV3, DIAG_TYPES, (inputs) => {
    const [x, d] = inputs as [CpuTensor, CpuTensor];
    const r = x.dims.length;
    const result = (x.buffer as Uint8Array).slice();
    setDiagonal(x.dtype, result, d.buffer, sizeOf(x.dims.slice(0, -2)), x.dims[r - 2]!, x.dims[r - 1]!);
    return [result];
  });
}
