// CPU reference kernels of the segment reductions. Rows of data (the elements after the ids'
// dims) fold into output rows by id, in the output's own type at every step (float32 adds in
// float32, integers wrap), as TensorFlow's Eigen reducers do. Sorted ops give 0 (1 for prod)
// to ids no row has; unsorted Max/Min give the dtype's lowest/highest value (TensorFlow's
// Lowest()/Highest(), not infinities).
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { segmentIdOutOfRange } from "../../../errors/device_messages.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { segmentIdOutOfSortedRange, segmentIdsNegative, segmentIdsNotIncreasing } from "../../../errors/reduce_messages.js";
import { NUMBERS, REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import {
  SegmentMax, SegmentMean, SegmentMin, SegmentProd, SegmentSum, UnsortedSegmentMax, UnsortedSegmentMin,
  UnsortedSegmentProd, type SortedSegmentAttrs,
} from "../../../ops/segment.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";

type Reduction = "sum" | "mean" | "prod" | "max" | "min";

/**
 * The output row of each data row, for sorted ids, with TensorFlow's checks in its order: at
 * the end of each run of equal ids, first that the next id is larger, then that the id is in
 * [0, numRows) (numRows: the last id + 1).
 */
function sortedTargets(ids: CpuTensor, numRows: number): Int32Array {
  if (numRows < 0) throw new InvalidArgumentError(segmentIdsNegative());
  const idx = ids.buffer as Int32Array | BigInt64Array;
  const n = idx.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = Number(idx[i]!);
    out[i] = id;
    if (i + 1 < n) {
      const next = Number(idx[i + 1]!);
      if (next === id) continue;
      if (!(id < next)) throw new InvalidArgumentError(segmentIdsNotIncreasing());
    }
    if (id < 0 || id >= numRows) throw new InvalidArgumentError(segmentIdOutOfSortedRange(id, numRows));
  }
  return out;
}

/** The output row of each data row for unsorted ids: negative ids dropped, ids past the end raise. */
function unsortedTargets(ids: CpuTensor, numSegments: number): Int32Array {
  const idx = ids.buffer as Int32Array | BigInt64Array;
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const id = Number(idx[i]!);
    if (id >= numSegments) throw new InvalidArgumentError(segmentIdOutOfRange(ids.dims, i, id, numSegments));
    out[i] = id < 0 ? -1 : id;
  }
  return out;
}

/** The value an output row holds before any data row reaches it, per dtype. */
function initialValue(r: Reduction, dtype: DType, unsorted: boolean): number | bigint {
  if (r === "prod") return dtype.isBigInt ? 1n : 1;
  if (unsorted && r === "max") return dtype.min;
  if (unsorted && r === "min") return dtype.max;
  return dtype.isBigInt ? 0n : 0;
}

const numberSteps: Record<Reduction, (a: number, v: number) => number> = {
  sum: (a, v) => a + v, mean: (a, v) => a + v, prod: (a, v) => a * v,
  max: (a, v) => (v > a ? v : a), min: (a, v) => (v < a ? v : a),
};
const bigSteps: Record<Reduction, (a: bigint, v: bigint) => bigint> = {
  sum: (a, v) => a + v, mean: (a, v) => a + v, prod: (a, v) => a * v,
  max: (a, v) => (v > a ? v : a), min: (a, v) => (v < a ? v : a),
};

/** Fold data rows into output rows (`targets[i]` the row of data row i, -1 to drop it). */
function segmentReduce(data: CpuTensor, targets: Int32Array, out: TensorSpec, r: Reduction, unsorted: boolean): Storage {
  const rowsOut = out.dims[0]!;
  const inner = sizeOf(out.dims.slice(1));
  const n = rowsOut * inner;
  const counts = new Float64Array(rowsOut);
  for (const t of targets) if (t >= 0) counts[t]!++;
  // Sorted ops start every row that some data row reaches from the reduction's identity; rows
  // no id names keep 0 (1 for prod).
  const empty = (row: number) => counts[row] === 0;
  const domain = domainOf(data.dtype);
  if (domain === "bigint") {
    const a = data.buffer as BigArray;
    const res = allocStorage(out.dtype, n) as BigArray;
    const wrap = data.dtype.name === "uint64" ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
    const first = new Uint8Array(rowsOut);
    res.fill(initialValue(r, data.dtype, unsorted) as bigint);
    const step = bigSteps[r];
    targets.forEach((t, i) => {
      if (t < 0) return;
      for (let k = 0; k < inner; k++) {
        const at = t * inner + k, v = a[i * inner + k]!;
        // A sorted segment starts from its first row.
        res[at] = wrap(unsorted || first[t] ? step(res[at]!, v) : v);
      }
      first[t] = 1;
    });
    if (r === "mean") for (let o = 0; o < rowsOut; o++) if (!empty(o)) for (let k = 0; k < inner; k++) res[o * inner + k] = res[o * inner + k]! / BigInt(counts[o]!);
    return res;
  }
  if (domain === "complex") {
    const a = data.buffer as Float32Array | Float64Array;
    const res = allocStorage(out.dtype, n) as Float32Array | Float64Array;
    if (r === "prod") for (let o = 0; o < n; o++) res[2 * o] = 1;
    targets.forEach((t, i) => {
      if (t < 0) return;
      for (let k = 0; k < inner; k++) {
        const at = 2 * (t * inner + k), from = 2 * (i * inner + k);
        const ar = res[at]!, ai = res[at + 1]!, re = a[from]!, im = a[from + 1]!;
        if (r === "prod") { res[at] = ar * re - ai * im; res[at + 1] = ar * im + ai * re; }
        else { res[at] = ar + re; res[at + 1] = ai + im; }
      }
    });
    if (r === "mean") {
      for (let o = 0; o < rowsOut; o++) {
        if (empty(o)) continue;
        for (let k = 0; k < 2 * inner; k++) res[2 * o * inner + k]! /= counts[o]!;
      }
    }
    return res;
  }
  const a = readNumbers(data.dtype, data.buffer);
  const { values, finish } = numberOutput(out.dtype, n);
  values.fill(initialValue(r, data.dtype, unsorted) as number);
  const first = new Uint8Array(rowsOut);
  const name = data.dtype.name;
  const step = r === "prod" && (name === "int32" || name === "uint32")
    ? (name === "int32" ? Math.imul : (p: number, v: number) => Math.imul(p, v) >>> 0)
    : numberSteps[r];
  const nan = data.dtype.isFloating;
  targets.forEach((t, i) => {
    if (t < 0) return;
    for (let k = 0; k < inner; k++) {
      const at = t * inner + k;
      const v = a[i * inner + k]!;
      if (!unsorted && !first[t]) { values[at] = v; continue; } // a sorted segment starts from its first row
      const acc = values[at]!;
      // Max/Min keep a NaN once they meet one (Eigen's NaN-propagating reducers).
      values[at] = nan && (r === "max" || r === "min") && (v !== v || acc !== acc) ? NaN : step(acc, v);
    }
    first[t] = 1;
  });
  if (r === "mean") {
    for (let o = 0; o < rowsOut; o++) {
      if (empty(o)) continue;
      for (let k = 0; k < inner; k++) {
        const at = o * inner + k;
        values[at] = data.dtype.isFloating ? values[at]! / counts[o]! : Math.trunc(values[at]! / counts[o]!);
      }
    }
  }
  return finish();
}

/** Register the CPU reference kernels of the segment reductions. */
export function registerSegmentKernels(): void {
  const sorted = (r: Reduction) => (inputs: readonly CpuTensor[], { numRows }: SortedSegmentAttrs, outputs: readonly TensorSpec[]): Storage[] => {
    const [data, ids] = inputs as [CpuTensor, CpuTensor];
    return [segmentReduce(data, sortedTargets(ids, numRows), outputs[0]!, r, false)];
  };
  registerCpuKernel(SegmentSum, NUMBERS, sorted("sum"));
  registerCpuKernel(SegmentMean, NUMBERS, sorted("mean"));
  registerCpuKernel(SegmentProd, NUMBERS, sorted("prod"));
  registerCpuKernel(SegmentMax, REAL_NUMBER_TYPES, sorted("max"));
  registerCpuKernel(SegmentMin, REAL_NUMBER_TYPES, sorted("min"));
  const unsorted = (r: Reduction) => (inputs: readonly CpuTensor[], { numSegments }: { numSegments: number }, outputs: readonly TensorSpec[]): Storage[] => {
    const [data, ids] = inputs as [CpuTensor, CpuTensor];
    return [segmentReduce(data, unsortedTargets(ids, numSegments), outputs[0]!, r, true)];
  };
  registerCpuKernel(UnsortedSegmentMax, REAL_NUMBER_TYPES, unsorted("max"));
  registerCpuKernel(UnsortedSegmentMin, REAL_NUMBER_TYPES, unsorted("min"));
  registerCpuKernel(UnsortedSegmentProd, NUMBERS, unsorted("prod"));
}
