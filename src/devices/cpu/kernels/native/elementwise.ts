// What the native elementwise kernels share (native/math.ts, compare.ts, reduce.ts): dtype
// codes, the size thresholds below which a kernel declines (returns null) because crossing
// into C++ costs more than it saves, so small eager ops keep the reference kernels' speed,
// and the binary-op kernel (arithmetic and comparisons broadcast alike). Outputs are allocated
// here (large ones from the addon's pool, cpu/memory.ts), as typed arrays the garbage
// collector owns; the addon fills them.
import type { DTypeName } from "../../../../core/dtypes.js";
import { sameDims, sizeOf } from "../../../../core/tensor_shape.js";
import { NATIVE_DTYPE_CODES, type NativeArray, type NativeElementwise } from "../../../native/addon.js";
import type { NativeCpuKernel } from "../../kernel.js";
import { allocateOutput } from "../../memory.js";

// Dtype codes.
export const F32 = NATIVE_DTYPE_CODES.float32, F64 = NATIVE_DTYPE_CODES.float64, I32 = NATIVE_DTYPE_CODES.int32, BOOL = NATIVE_DTYPE_CODES.bool;
export const CODES: Partial<Record<DTypeName, number>> = NATIVE_DTYPE_CODES;
export const NAMES = ["float32", "float64", "int32", "bool"] as const;

export const allocate = (code: number, n: number): NativeArray => allocateOutput(NAMES[code]!, n);

/**
 * Element counts from which the native kernels take a call. Below them the N-API call (~130-190
 * ns plus the output allocation) costs more than the TypeScript loop. Crossovers measured per
 * kernel on float32 (2-vCPU Zen 4, Node 20, best of 7): same-shape add ~128-256 elements,
 * broadcasting add ~16-32 (the reference builds index maps), neg ~256, exp ~16, cast ~64, sum
 * ~32, argmax ~128. Mutable for tests and benchmarks (0 sends every call to the addon).
 */
export const nativeThresholds = {
  /** Binary ops on equal shapes. */
  binary: 256,
  /** Binary ops that broadcast (the reference builds index maps, so native wins earlier). */
  broadcast: 32,
  /** Cheap unary ops: neg, abs, square, relu, sign, sqrt, rsqrt. */
  unary: 256,
  /** exp, log, log1p, sin, cos, tanh, sigmoid. */
  transcendental: 16,
  /** Cast. */
  cast: 64,
  /** Reductions (element count of the input). */
  reduce: 32,
  /** Cumsum, Cumprod (element count). */
  scan: 64,
  /** TopKV2 (element count of the input). */
  topK: 128,
  /** ArgMax / ArgMin (element count of the input). */
  arg: 128,
};

/** The addon's limit on the rank of broadcasts and reductions (kMaxRank). */
export const MAX_RANK = 32;

// Reused layout buffer (the addon reads it during the call only).
let layoutBuffer = new Float64Array(1 + 3 * 8);
export function layoutFor(size: number): Float64Array {
  if (layoutBuffer.length < size) layoutBuffer = new Float64Array(size);
  return layoutBuffer;
}

/** The kernel of binary op code `op` on dtype `code` (bool outputs for comparisons). */
export function binaryKernel(addon: NativeElementwise, op: number, code: number, compare: boolean): NativeCpuKernel {
  return (inputs, _attrs, outputs) => {
    const dims = outputs[0]!.dims;
    const n = sizeOf(dims);
    if (n < nativeThresholds.broadcast) return null;
    const x = inputs[0]!, y = inputs[1]!;
    let layout: Float64Array | null = null;
    if (!sameDims(x.dims, dims) || !sameDims(y.dims, dims)) {
      const rank = dims.length;
      if (rank > MAX_RANK) return null;
      layout = layoutFor(1 + 3 * rank);
      layout[0] = rank;
      const xd = x.dims, yd = y.dims;
      for (let i = 0; i < rank; i++) {
        layout[1 + i] = dims[i]!;
        const ix = i - (rank - xd.length), iy = i - (rank - yd.length);
        layout[1 + rank + i] = ix >= 0 ? xd[ix]! : 1;
        layout[1 + 2 * rank + i] = iy >= 0 ? yd[iy]! : 1;
      }
    } else if (n < nativeThresholds.binary) {
      return null;
    }
    const out = allocate(compare ? BOOL : code, n);
    addon.ewBinary(op, code, x.buffer as NativeArray, y.buffer as NativeArray, out, layout);
    return [out];
  };
}

/** The kernel of unary op code `op` on dtype `code`. */
export function unaryKernel(addon: NativeElementwise, op: number, code: number, transcendental: boolean): NativeCpuKernel {
  return (inputs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NativeArray).length;
    if (n < (transcendental ? nativeThresholds.transcendental : nativeThresholds.unary)) return null;
    const out = allocate(code, n);
    addon.ewUnary(op, code, x.buffer as NativeArray, out);
    return [out];
  };
}
