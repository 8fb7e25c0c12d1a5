// CPU reference kernels of the ordering ops: TopKV2 (stable: equal values by lower index
// first, as TensorFlow's), InTopKV2, Unique, LowerBound and UpperBound.
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { uniqueCountChanged } from "../../../errors/reduce_messages.js";
import { REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import { InTopKV2, LowerBound, TopKV2, Unique, UpperBound } from "../../../ops/sort.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { domainOf, readNumbers } from "./elements.js";

/** Elements that compare: numbers (half types decoded), bigints, or byte strings as latin1 strings. */
type Comparable = ArrayLike<number> | ArrayLike<bigint> | readonly string[];

/** A tensor's elements in a form `<` orders as TensorFlow does. */
function comparable(dtype: DType, s: Storage): Comparable {
  const domain = domainOf(dtype);
  if (domain === "string") return (s as Uint8Array[]).map((b) => Buffer.from(b).toString("latin1"));
  if (domain === "bigint") return s as BigInt64Array | BigUint64Array;
  return readNumbers(dtype, s);
}

/** Copy element `from` of `src` to element `to` of `dst` (same dtype, not complex). */
function copyElement(dst: Storage, to: number, src: Storage, from: number): void {
  (dst as unknown as unknown[])[to] = (src as unknown as unknown[])[from];
}

/**
 * Per element, the index of its value among the distinct values in order of first
 * occurrence, and the position of each distinct value's first occurrence. Equal as C++'s
 * `==`: 0 and -0 are one value, every NaN is its own.
 */
export function firstOccurrences(dtype: DType, s: Storage): { index: Int32Array; firsts: number[] } {
  const values = comparable(dtype, s) as ArrayLike<unknown>;
  const seen = new Map<unknown, number>();
  const index = new Int32Array(values.length);
  const firsts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let at = v !== v ? undefined : seen.get(v);
    if (at === undefined) {
      at = firsts.length;
      firsts.push(i);
      if (v === v) seen.set(v, at);
    }
    index[i] = at;
  }
  return { index, firsts };
}

function writeIndex(out: Storage, i: number, v: number): void {
  if (out instanceof BigInt64Array) out[i] = BigInt(v);
  else (out as Int32Array)[i] = v;
}

/** Register the CPU reference kernels of the ordering ops. */
export function registerSortKernels(): void {
  registerCpuKernel(TopKV2, REAL_NUMBER_TYPES, (inputs, { k }, outputs: readonly TensorSpec[]) => {
    const x = inputs[0]!;
    const columns = x.dims[x.dims.length - 1]!;
    const rows = columns === 0 ? sizeOf(x.dims.slice(0, -1)) : sizeOf(x.dims) / columns;
    const values = allocStorage(x.dtype, rows * k);
    const indices = new Int32Array(rows * k);
    const a = comparable(x.dtype, x.buffer) as ArrayLike<number>;
    const order = new Array<number>(columns);
    for (let r = 0; r < rows; r++) {
      const base = r * columns;
      for (let c = 0; c < columns; c++) order[c] = c;
      // Array.prototype.sort is stable: equal values keep the lower index first.
      order.sort((p, q) => {
        const u = a[base + p]!, v = a[base + q]!;
        return u > v ? -1 : u < v ? 1 : 0;
      });
      for (let j = 0; j < k; j++) {
        indices[r * k + j] = order[j]!;
        copyElement(values, r * k + j, x.buffer, base + order[j]!);
      }
    }
    void outputs;
    return [values, indices];
  });

  // A target is in the top k when fewer than k classes score higher (ties count for it);
  // out-of-range targets and rows with a non-finite score are false, as TensorFlow's kernel.
  registerCpuKernel(InTopKV2, ["float32"], (inputs, { k }) => {
    const [predictions, targets] = inputs as [CpuTensor, CpuTensor];
    const [batch, classes] = predictions.dims as [number, number];
    const p = predictions.buffer as Float32Array;
    const t = targets.buffer as Int32Array | BigInt64Array;
    const out = new Uint8Array(batch);
    for (let b = 0; b < batch; b++) {
      const target = Number(t[b]!);
      if (!(target >= 0 && target < classes)) continue;
      const score = p[b * classes + target]!;
      let finite = Number.isFinite(score), higher = 0;
      for (let c = 0; finite && c < classes; c++) {
        const v = p[b * classes + c]!;
        if (!Number.isFinite(v)) finite = false;
        else if (v > score) higher++;
      }
      out[b] = finite && higher < k ? 1 : 0;
    }
    return [out];
  });

  registerCpuKernel(Unique, [...REAL_NUMBER_TYPES, "string", "bool"], (inputs, { count }, outputs) => {
    const x = inputs[0]!;
    const { index, firsts } = firstOccurrences(x.dtype, x.buffer);
    if (firsts.length !== count) throw new InvalidArgumentError(uniqueCountChanged());
    const y = allocStorage(x.dtype, firsts.length);
    firsts.forEach((from, to) => copyElement(y, to, x.buffer, from));
    const idx = allocStorage(outputs[1]!.dtype, index.length);
    index.forEach((v, i) => writeIndex(idx, i, v));
    return [y, idx];
  });

  const bound = (upper: boolean) => (inputs: readonly CpuTensor[], _attrs: { outType: DType }, outputs: readonly TensorSpec[]): Storage[] => {
    const [sorted, values] = inputs as [CpuTensor, CpuTensor];
    const [rows, n] = sorted.dims as [number, number];
    const m = values.dims[1]!;
    const s = comparable(sorted.dtype, sorted.buffer) as ArrayLike<number>;
    const v = comparable(values.dtype, values.buffer) as ArrayLike<number>;
    const out = allocStorage(outputs[0]!.dtype, rows * m);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < m; j++) {
        const x = v[r * m + j]!;
        let lo = 0, hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          const e = s[r * n + mid]!;
          if (upper ? !(x < e) : e < x) lo = mid + 1;
          else hi = mid;
        }
        writeIndex(out, r * m + j, lo);
      }
    }
    return [out];
  };
  registerCpuKernel(LowerBound, [...REAL_NUMBER_TYPES, "string", "bool"], bound(false));
  registerCpuKernel(UpperBound, [...REAL_NUMBER_TYPES, "string", "bool"], bound(true));
}
