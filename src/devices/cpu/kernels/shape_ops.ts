// CPU kernels of the layout ops in ops/shape_ops.ts: each output element copies one input
// element, found through per-axis index tables (array.ts's separableIndex / takeElements).
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { BroadcastTo, InvertPermutation, OneHot, ReverseV2, Roll, Split, SplitV, Unpack, type SplitPlan } from "../../../ops/shape_ops.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { invertPermutationDuplicate, invertPermutationOutOfRange } from "../../../errors/array_messages.js";
import { ALL_TYPES } from "../../../ops/op_def.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { copyElements, lanes, separableIndex, takeElements } from "./array.js";
import { broadcastIndex, stridesOf } from "./broadcast.js";

/** A table for one axis: coordinate c of `count` reads source coordinate from(c), scaled by `stride`. */
function table(count: number, stride: number, from: (c: number) => number): Float64Array {
  const t = new Float64Array(Math.max(count, 1));
  for (let c = 0; c < count; c++) t[c] = from(c) * stride;
  return t;
}

/** The pieces of a split: for each, the block of the input along the plan's axis. */
function splitKernel(inputs: readonly CpuTensor[], outputs: readonly TensorSpec[], { axis, sizes }: SplitPlan): Storage[] {
  const x = inputs[0]!;
  const l = lanes(x);
  const outer = sizeOf(x.dims.slice(0, axis));
  const inner = sizeOf(x.dims.slice(axis + 1)) * l;
  const row = x.dims[axis]! * inner;
  let at = 0;
  return sizes.map((s, k) => {
    const out = allocStorage(outputs[k]!.dtype, sizeOf(outputs[k]!.dims));
    const block = s * inner;
    for (let o = 0; o < outer; o++) copyElements(x.buffer, o * row + at, out, o * block, block);
    at += block;
    return out;
  });
}

/** Register the CPU reference kernels of the layout ops. */
export function registerShapeOpKernels(): void {
  registerCpuKernel(BroadcastTo, ALL_TYPES, (inputs, _attrs, outputs) => {
    const x = inputs[0]!, out = outputs[0]!;
    const map = broadcastIndex(x.dims, out.dims);
    return [map === null ? x.buffer : takeElements(out.dtype, x.buffer, map)];
  });

  registerCpuKernel(ReverseV2, ALL_TYPES, (inputs, _attrs, outputs, { reversed }) => {
    const x = inputs[0]!, out = outputs[0]!;
    if (!reversed.some((r) => r)) return [x.buffer];
    const s = stridesOf(x.dims);
    const tables = x.dims.map((d, a) => table(d, s[a]!, reversed[a] ? (c) => d - 1 - c : (c) => c));
    return [takeElements(out.dtype, x.buffer, separableIndex(x.dims, tables))];
  });

  registerCpuKernel(Roll, ALL_TYPES, (inputs, _attrs, outputs, { shifts }) => {
    const x = inputs[0]!, out = outputs[0]!;
    const s = stridesOf(x.dims);
    // Output coordinate c holds input coordinate c - shift (mod d).
    const tables = x.dims.map((d, a) => table(d, s[a]!, (c) => (c - shifts[a]! + d) % d));
    return [takeElements(out.dtype, x.buffer, separableIndex(x.dims, tables))];
  });

  registerCpuKernel(InvertPermutation, ["int32", "int64"], (inputs, _attrs, outputs) => {
    const x = inputs[0]!.buffer as Int32Array | BigInt64Array;
    const n = x.length;
    const inverse = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const d = Number(x[i]!);
      if (!(d >= 0 && d < n)) throw new InvalidArgumentError(invertPermutationOutOfRange(x[i]!, n));
      if (inverse[d] !== -1) throw new InvalidArgumentError(invertPermutationDuplicate(x[i]!));
      inverse[d] = i;
    }
    const y = allocStorage(outputs[0]!.dtype, n) as Int32Array | BigInt64Array;
    inverse.forEach((v, i) => { if (y instanceof BigInt64Array) y[i] = BigInt(v); else y[i] = v; });
    return [y];
  });

  registerCpuKernel(OneHot, ALL_TYPES, (inputs, { depth, axis }, outputs) => {
    const [indices, on, off] = inputs as [CpuTensor, CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const a = axis === -1 ? indices.dims.length : axis;
    const prefix = sizeOf(indices.dims.slice(0, a)), suffix = sizeOf(indices.dims.slice(a));
    const idx = indices.buffer as ArrayLike<number | bigint>;
    // Each output element takes the on value (slot 0) or the off value (slot 1).
    const map = new Float64Array(sizeOf(out.dims));
    let k = 0;
    for (let p = 0; p < prefix; p++) {
      for (let d = 0; d < depth; d++) {
        for (let q = 0; q < suffix; q++) map[k++] = Number(idx[p * suffix + q]!) === d ? 0 : 1;
      }
    }
    const both = allocStorage(out.dtype, 2);
    copyElements(on.buffer, 0, both, 0, lanes(out));
    copyElements(off.buffer, 0, both, lanes(out), lanes(out));
    return [takeElements(out.dtype, both, map)];
  });

  registerCpuKernel(Split, ALL_TYPES, (inputs, _attrs, outputs, plan) => splitKernel(inputs, outputs, plan));
  registerCpuKernel(SplitV, ALL_TYPES, (inputs, _attrs, outputs, plan) => splitKernel(inputs, outputs, plan));
  registerCpuKernel(Unpack, ALL_TYPES, (inputs, _attrs, outputs, plan) => splitKernel(inputs, outputs, plan));
}
