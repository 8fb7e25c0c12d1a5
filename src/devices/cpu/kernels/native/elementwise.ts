// Native elementwise, reduction, arg-reduction and cast kernels (registered over the
// TypeScript reference kernels) for float32, float64 and int32 (bool for comparisons and
// casts). Each kernel declines (returns null) below a size where crossing into C++ costs more
// than it saves, so small eager ops keep the reference kernels' speed. Outputs are allocated
// here (large ones from the addon's buffer pool, see native/elementwise_alloc.cc), as typed
// arrays the garbage collector owns; the addon fills them.
import type { DTypeName } from "../../../../core/dtypes.js";
import type { Storage } from "../../../../core/storage.js";
import { sameDims, sizeOf } from "../../../../core/tensor_shape.js";
import {
  Abs, Add, AddV2, Cast, Cos, Exp, Log, Log1p, Maximum, Minimum, Mul, Neg, RealDiv, Relu, Rsqrt, Sigmoid, Sign,
  Sin, Sqrt, Square, Sub, Tanh,
} from "../../../../ops/math.js";
import { Equal, Greater, GreaterEqual, Less, LessEqual, NotEqual } from "../../../../ops/compare.js";
import { ArgMax, ArgMin, Max, Mean, Min, Prod, Sum, type ArgAttrs, type ReduceAttrs } from "../../../../ops/reduce.js";
import type { OpDef } from "../../../../ops/op_def.js";
import { registerNativeCpuKernel, type NativeCpuKernel } from "../../kernel.js";
import { nativeAddon } from "../../../native/addon.js";
import { allocateOutput } from "../../memory.js";

type NumArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The addon's elementwise functions (codes: see the enums in native/elementwise_kernels.h). */
export interface NativeElementwise {
  /** out = a op b; `layout` is null for equal shapes, else [rank, out dims, a dims, b dims] (padded with 1s). */
  ewBinary(op: number, dtype: number, a: NumArray, b: NumArray, out: NumArray, layout: Float64Array | null): void;
  ewUnary(op: number, dtype: number, x: NumArray, out: NumArray): void;
  ewCast(from: number, to: number, x: NumArray, out: NumArray): void;
  /** `layout`: [rank, dims..., 1 for each reduced axis and 0 for each kept one]. */
  ewReduce(op: number, dtype: number, x: NumArray, out: NumArray, layout: Float64Array): void;
  /** A typed array of `n` elements with uninitialised contents, from the pool (see output_pool.ts). */
  ewAlloc(dtype: number, n: number): NumArray;
  /** op 0 = ArgMax, 1 = ArgMin, along the middle axis of [outer, len, inner]. */
  ewArg(op: number, dtype: number, x: NumArray, out: Int32Array | BigInt64Array, outer: number, len: number, inner: number): void;
}

// Dtype codes.
const F32 = 0, F64 = 1, I32 = 2, BOOL = 3;
const CODES: Partial<Record<DTypeName, number>> = { float32: F32, float64: F64, int32: I32, bool: BOOL };
const NAMES = ["float32", "float64", "int32", "bool"] as const;

const allocate = (code: number, n: number): NumArray => allocateOutput(NAMES[code]!, n);

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
  /** ArgMax / ArgMin (element count of the input). */
  arg: 128,
};

/** The addon's limit on the rank of broadcasts and reductions (kMaxRank). */
const MAX_RANK = 32;

// Reused layout buffer (the addon reads it during the call only).
let layoutBuffer = new Float64Array(1 + 3 * 8);
function layoutFor(size: number): Float64Array {
  if (layoutBuffer.length < size) layoutBuffer = new Float64Array(size);
  return layoutBuffer;
}

function register(addon: NativeElementwise): void {
  // --- Binary ops --------------------------------------------------------------------------
  const binaryKernel = (op: number, code: number, compare: boolean): NativeCpuKernel => (inputs, _attrs, outputs) => {
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
    addon.ewBinary(op, code, x.buffer as NumArray, y.buffer as NumArray, out, layout);
    return [out];
  };
  const binaries: [OpDef, number, readonly number[], boolean][] = [
    [AddV2, 0, [F32, F64, I32], false], [Add, 0, [F32, F64, I32], false], [Sub, 1, [F32, F64, I32], false],
    [Mul, 2, [F32, F64, I32], false], [RealDiv, 3, [F32, F64], false],
    [Maximum, 4, [F32, F64, I32], false], [Minimum, 5, [F32, F64, I32], false],
    [Equal, 6, [F32, F64, I32], true], [NotEqual, 7, [F32, F64, I32], true], [Less, 8, [F32, F64, I32], true],
    [LessEqual, 9, [F32, F64, I32], true], [Greater, 10, [F32, F64, I32], true], [GreaterEqual, 11, [F32, F64, I32], true],
  ];
  for (const [def, op, codes, compare] of binaries) {
    for (const code of codes) registerNativeCpuKernel(def, [NAMES[code]!], binaryKernel(op, code, compare));
  }

  // --- Unary ops ---------------------------------------------------------------------------
  const unaryKernel = (op: number, code: number, transcendental: boolean): NativeCpuKernel => (inputs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NumArray).length;
    if (n < (transcendental ? nativeThresholds.transcendental : nativeThresholds.unary)) return null;
    const out = allocate(code, n);
    addon.ewUnary(op, code, x.buffer as NumArray, out);
    return [out];
  };
  const unaries: [OpDef, number, readonly number[], boolean][] = [
    [Neg, 0, [F32, F64, I32], false], [Abs, 1, [F32, F64, I32], false], [Square, 2, [F32, F64, I32], false],
    [Sqrt, 3, [F32, F64], false], [Rsqrt, 4, [F32, F64], false],
    [Exp, 5, [F32, F64], true], [Log, 6, [F32, F64], true], [Log1p, 7, [F32, F64], true], [Sin, 8, [F32, F64], true],
    [Cos, 9, [F32, F64], true], [Tanh, 10, [F32, F64], true], [Sigmoid, 11, [F32, F64], true],
    [Relu, 12, [F32, F64, I32], false], [Sign, 13, [F32, F64, I32], false],
  ];
  for (const [def, op, codes, transcendental] of unaries) {
    for (const code of codes) registerNativeCpuKernel(def, [NAMES[code]!], unaryKernel(op, code, transcendental));
  }

  // --- Cast (float32, float64, int32, bool among themselves) --------------------------------
  for (const from of [F32, F64, I32, BOOL]) {
    registerNativeCpuKernel(Cast, [NAMES[from]!], (inputs, attrs) => {
      const x = inputs[0]!;
      const n = (x.buffer as NumArray).length;
      if (n < nativeThresholds.cast) return null;
      const to = CODES[attrs.dtype.name];
      if (to === undefined) return null;
      const out = allocate(to, n);
      addon.ewCast(from, to, x.buffer as NumArray, out);
      return [out];
    });
  }

  // --- Reductions --------------------------------------------------------------------------
  const reduceKernel = (op: number, code: number): NativeCpuKernel<ReduceAttrs> => (inputs, attrs, outputs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NumArray).length;
    if (n < nativeThresholds.reduce) return null;
    const dims = x.dims, rank = dims.length, axes = attrs.axes;
    if (rank > MAX_RANK) return null;
    const layout = layoutFor(1 + 2 * rank);
    layout[0] = rank;
    for (let i = 0; i < rank; i++) { layout[1 + i] = dims[i]!; layout[1 + rank + i] = 0; }
    for (let k = 0; k < axes.length; k++) layout[1 + rank + axes[k]!] = 1;
    const out = allocate(code, sizeOf(outputs[0]!.dims));
    addon.ewReduce(op, code, x.buffer as NumArray, out, layout);
    return [out];
  };
  const reductions: [OpDef<ReduceAttrs>, number][] = [[Sum, 0], [Mean, 1], [Prod, 2], [Max, 3], [Min, 4]];
  for (const [def, op] of reductions) {
    for (const code of [F32, F64, I32]) registerNativeCpuKernel(def, [NAMES[code]!], reduceKernel(op, code));
  }

  // --- ArgMax / ArgMin ---------------------------------------------------------------------
  const argKernel = (op: number, code: number): NativeCpuKernel<ArgAttrs> => (inputs, attrs) => {
    const x = inputs[0]!;
    const n = (x.buffer as NumArray).length;
    if (n < nativeThresholds.arg) return null;
    const wide = attrs.outputType.name === "int64";
    if (!wide && attrs.outputType.name !== "int32") return null;
    const dims = x.dims, rank = dims.length;
    const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
    let outer = 1, inner = 1;
    for (let i = 0; i < axis; i++) outer *= dims[i]!;
    for (let i = axis + 1; i < rank; i++) inner *= dims[i]!;
    const out = wide ? new BigInt64Array(outer * inner) : new Int32Array(outer * inner);
    addon.ewArg(op, code, x.buffer as NumArray, out, outer, dims[axis]!, inner);
    return [out as Storage];
  };
  for (const code of [F32, F64, I32]) {
    registerNativeCpuKernel(ArgMax, [NAMES[code]!], argKernel(0, code));
    registerNativeCpuKernel(ArgMin, [NAMES[code]!], argKernel(1, code));
  }
}

const addon = nativeAddon();
if (addon !== null) register(addon);
