// CPU kernels of the resource (variable) ops: reads copy, updates write into the
// variable's buffer in place. Indices are validated before anything is written, so a
// failed update leaves the variable unchanged.
import type { DType } from "../../../core/dtypes.js";
import { fromBFloat16Bits, fromHalfBits, toBFloat16Bits, toHalfBits } from "../../../core/f16.js";
import { allocStorage, copyStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import {
  AssignAddVariableOp, AssignSubVariableOp, AssignVariableOp, ReadVariableOp, ResourceGather, ResourceGatherNd,
  ResourceScatterAdd, ResourceScatterDiv, ResourceScatterMax, ResourceScatterMin, ResourceScatterMul,
  ResourceScatterNdAdd, ResourceScatterNdSub, ResourceScatterNdUpdate, ResourceScatterSub, ResourceScatterUpdate,
  VarHandleOp, type ScatterMode,
} from "../../../ops/resource.js";
import { ALL_TYPES, NUMBERS, REAL_NUMBERS } from "../../../ops/op_def.js";
import { copyElements, lanes } from "./array.js";
import type { BigArray, NumberArray } from "./elements.js";
import { indexNotInRange } from "../../../errors/messages.js";
import { gatherNdOffsets, ndOffsetsOf } from "../../nd_indices.js";
import { integerDivisionByZero } from "../../../errors/device_messages.js";

/** dst[di] = combine(dst[di], src[si]) for one element (di, si: element indices). */
type Combiner = (dst: Storage, di: number, src: Storage, si: number) => void;

function numberFn(dtype: DType, mode: ScatterMode): (a: number, b: number) => number {
  switch (mode) {
    case "update": return (_a, b) => b;
    case "add": return (a, b) => a + b;
    case "sub": return (a, b) => a - b;
    case "mul": return dtype.name === "int32" || dtype.name === "uint32" ? Math.imul : (a, b) => a * b;
    case "div": return dtype.isInteger ? (a, b) => Math.trunc(a / b) : (a, b) => a / b;
    case "min": return (a, b) => (a < b || Number.isNaN(a) ? a : b);
    case "max": return (a, b) => (a > b || Number.isNaN(a) ? a : b);
  }
}

function bigFn(mode: ScatterMode): (a: bigint, b: bigint) => bigint {
  switch (mode) {
    case "update": return (_a, b) => b;
    case "add": return (a, b) => a + b;
    case "sub": return (a, b) => a - b;
    case "mul": return (a, b) => a * b;
    case "div": return (a, b) => a / b;
    case "min": return (a, b) => (a < b ? a : b);
    case "max": return (a, b) => (a > b ? a : b);
  }
}

export function combiner(dtype: DType, mode: ScatterMode): Combiner {
  // ScatterNd adds bools (logical or, as Eigen's bool sum) and strings (concatenation).
  if (dtype.isBool && mode === "add") {
    return (dst, di, src, si) => { (dst as Uint8Array)[di] = (dst as Uint8Array)[di]! | (src as Uint8Array)[si]!; };
  }
  if (dtype.isString && mode === "add") {
    return (dst, di, src, si) => {
      const a = (dst as Uint8Array[])[di]!, b = (src as Uint8Array[])[si]!;
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a);
      joined.set(b, a.length);
      (dst as Uint8Array[])[di] = joined;
    };
  }
  if (dtype.isString || (dtype.isBool && mode === "update")) {
    return (dst, di, src, si) => { (dst as Uint8Array[] | Uint8Array)[di] = (src as Uint8Array[] | Uint8Array)[si]!; };
  }
  if (dtype.isComplex) {
    return (dst, di, src, si) => {
      const d = dst as Float64Array, s = src as Float64Array;
      const ar = d[2 * di]!, ai = d[2 * di + 1]!, br = s[2 * si]!, bi = s[2 * si + 1]!;
      let re: number, im: number;
      switch (mode) {
        case "update": re = br; im = bi; break;
        case "add": re = ar + br; im = ai + bi; break;
        case "sub": re = ar - br; im = ai - bi; break;
        case "mul": re = ar * br - ai * bi; im = ar * bi + ai * br; break;
        default: { // div
          const den = br * br + bi * bi;
          re = (ar * br + ai * bi) / den; im = (ai * br - ar * bi) / den;
        }
      }
      d[2 * di] = re; d[2 * di + 1] = im;
    };
  }
  if (dtype.isBigInt) {
    const fn = bigFn(mode);
    return (dst, di, src, si) => { (dst as BigArray)[di] = fn((dst as BigArray)[di]!, (src as BigArray)[si]!); };
  }
  const fn = numberFn(dtype, mode);
  if (dtype.name === "float16" || dtype.name === "bfloat16") {
    const dec = dtype.name === "float16" ? fromHalfBits : fromBFloat16Bits;
    const enc = dtype.name === "float16" ? toHalfBits : toBFloat16Bits;
    return (dst, di, src, si) => {
      const d = dst as Uint16Array;
      d[di] = enc(fn(dec(d[di]!), dec((src as Uint16Array)[si]!)));
    };
  }
  return (dst, di, src, si) => { (dst as NumberArray)[di] = fn((dst as NumberArray)[di]!, (src as NumberArray)[si]!); };
}

/** Integer division by zero is an error in TensorFlow; check before writing anything. */
function checkDivisors(dtype: DType, mode: ScatterMode, updates: Storage): void {
  if (mode !== "div" || !dtype.isInteger) return;
  const u = updates as ArrayLike<number | bigint>;
  for (let i = 0; i < u.length; i++) {
    if (u[i] === 0 || u[i] === 0n) throw new InvalidArgumentError(integerDivisionByZero());
  }
}

function indexValues(t: CpuTensor): number[] {
  return Array.from(t.buffer as Int32Array | BigInt64Array, (x: number | bigint) => Number(x));
}

// The common dtypes as plain typed-array loops (the store rounds or wraps as the per-element
// combiner does); an optimizer step is mostly these updates.
const FAST_UPDATE = new Set(["float32", "float64", "int32", "int16", "int8", "uint8", "uint16", "uint32"]);

function updateKernel(mode: ScatterMode) {
  return (inputs: readonly CpuTensor[]): Storage[] => {
    const [v, x] = inputs as [CpuTensor, CpuTensor];
    if (FAST_UPDATE.has(v.dtype.name) && (mode === "add" || mode === "sub")) {
      const d = v.buffer as Float32Array, s = x.buffer as Float32Array;
      const n = d.length;
      if (mode === "add") for (let i = 0; i < n; i++) d[i] = d[i]! + s[i]!;
      else for (let i = 0; i < n; i++) d[i] = d[i]! - s[i]!;
      return [];
    }
    const combine = combiner(v.dtype, mode);
    const n = sizeOf(v.dims);
    for (let i = 0; i < n; i++) combine(v.buffer, i, x.buffer, i);
    return [];
  };
}
// --- row scatters: updates[i, ...] combine into params[indices[i], ...] --------------

function scatterKernel(inputs: readonly CpuTensor[], { mode }: { mode: ScatterMode }): Storage[] {
  const [v, indices, updates] = inputs as [CpuTensor, CpuTensor, CpuTensor];
  const rows = v.dims[0]!;
  const idx = indexValues(indices);
  idx.forEach((r, i) => {
    if (r < 0 || r >= rows) {
      throw new InvalidArgumentError(indexNotInRange(indices.dims, i, r, rows));
    }
  });
  checkDivisors(v.dtype, mode, updates.buffer);
  const inner = sizeOf(v.dims.slice(1));
  const scalar = updates.dims.length === 0;
  const combine = combiner(v.dtype, mode);
  idx.forEach((r, i) => {
    for (let j = 0; j < inner; j++) combine(v.buffer, r * inner + j, updates.buffer, scalar ? 0 : i * inner + j);
  });
  return [];
}

// --- N-d scatters and gathers ----------------------------------------------------------

/**
 * Combine update slice i into `out` (elements of `dims`, dtype `dtype`) at the slice index tuple i
 * addresses, in index order (a repeated destination sees each of its updates in turn); TensorFlow's
 * message for a tuple out of range, raised before anything is written.
 */
export function scatterNdInto(out: Storage, dtype: DType, dims: readonly number[], mode: ScatterMode, indices: CpuTensor, updates: CpuTensor): void {
  const { offsets, inner } = ndOffsetsOf(dims, indices.dims, indices.buffer as Int32Array | BigInt64Array, "shape");
  const combine = combiner(dtype, mode);
  offsets.forEach((off, i) => {
    for (let j = 0; j < inner; j++) combine(out, off + j, updates.buffer, i * inner + j);
  });
}

function scatterNdKernel(inputs: readonly CpuTensor[], { mode }: { mode: ScatterMode }): Storage[] {
  const [v, indices, updates] = inputs as [CpuTensor, CpuTensor, CpuTensor];
  scatterNdInto(v.buffer, v.dtype, v.dims, mode, indices, updates);
  return [];
}

/** Register the CPU reference kernels of the resource (variable) ops. */
export function registerResourceKernels(): void {
  // --- whole-variable ops ---------------------------------------------------------------

  registerCpuKernel(VarHandleOp, ALL_TYPES, (_inputs, _attrs, outputs) => [allocStorage(outputs[0]!.dtype, sizeOf(outputs[0]!.dims))]);

  registerCpuKernel(ReadVariableOp, ALL_TYPES, (inputs) => [copyStorage(inputs[0]!.buffer)]);

  registerCpuKernel(AssignVariableOp, ALL_TYPES, (inputs) => {
    const [v, x] = inputs as [CpuTensor, CpuTensor];
    copyElements(x.buffer, 0, v.buffer, 0, x.buffer.length);
    return [];
  });

  registerCpuKernel(AssignAddVariableOp, NUMBERS, updateKernel("add"));
  registerCpuKernel(AssignSubVariableOp, NUMBERS, updateKernel("sub"));

  for (const [op, types] of [
    [ResourceScatterUpdate, ALL_TYPES], [ResourceScatterAdd, NUMBERS], [ResourceScatterSub, NUMBERS],
    [ResourceScatterMul, NUMBERS], [ResourceScatterDiv, NUMBERS], [ResourceScatterMin, REAL_NUMBERS],
    [ResourceScatterMax, REAL_NUMBERS],
  ] as const) registerCpuKernel(op, types, scatterKernel);

  registerCpuKernel(ResourceScatterNdUpdate, ALL_TYPES, scatterNdKernel);
  registerCpuKernel(ResourceScatterNdAdd, NUMBERS, scatterNdKernel);
  registerCpuKernel(ResourceScatterNdSub, NUMBERS, scatterNdKernel);

  registerCpuKernel(ResourceGather, ALL_TYPES, (inputs, _attrs, outputs) => {
    const [v, indices] = inputs as [CpuTensor, CpuTensor];
    const rows = v.dims[0]!;
    const inner = sizeOf(v.dims.slice(1)) * lanes(v);
    const idx = indexValues(indices);
    const out = allocStorage(outputs[0]!.dtype, sizeOf(outputs[0]!.dims));
    idx.forEach((r, i) => {
      if (r < 0 || r >= rows) throw new InvalidArgumentError(indexNotInRange(indices.dims, i, r, rows));
      copyElements(v.buffer, r * inner, out, i * inner, inner);
    });
    return [out];
  });

  registerCpuKernel(ResourceGatherNd, ALL_TYPES, (inputs, _attrs, outputs) => {
    const [v, indices] = inputs as [CpuTensor, CpuTensor];
    // DoGatherNd's message, which names the kernel's node.
    const offsets = gatherNdOffsets(v.dims, indices.dims, indices.buffer as Int32Array | BigInt64Array, "ResourceGatherNd");
    const inner = sizeOf(v.dims.slice(indices.dims[indices.dims.length - 1]!));
    const l = lanes(v);
    const out = allocStorage(outputs[0]!.dtype, sizeOf(outputs[0]!.dims));
    offsets.forEach((off, i) => copyElements(v.buffer, off * l, out, i * inner * l, inner * l));
    return [out];
  });
}
