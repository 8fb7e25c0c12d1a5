// The one loader of the native addon (build/Release/tsflow_native.node, built from native/ by
// `npm install`), for every device that uses it: the CPU's kernels (native/cpu/) and the
// memory helpers (native/memory/: the output pool, weak-handle tracking for GPU memory).
// TSFLOW_NATIVE=0 turns it off. Without a build (the install already warned that it failed)
// everything runs without it silently; a build that exists but cannot load (e.g. built for
// another Node version) prints one warning.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { nativeAddonUnavailable } from "../../errors/device_messages.js";

/** Typed arrays the addon reads and writes. */
export type NativeArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The addon's dtype codes (native/typed_arrays.h). */
export const NATIVE_DTYPE_CODES = { float32: 0, float64: 1, int32: 2, bool: 3 } as const;
export type NativeDtype = keyof typeof NATIVE_DTYPE_CODES;

/** Matrix products (native/cpu/gemm.cc). */
export interface NativeGemm {
  /**
   * `out` (batches × m × n, row-major) = op(a) · op(b) for each batch t, with a's matrix
   * `aIndex[t]` (t when null) of m × k elements (stored k × m when `transA`) and b's matrix
   * `bIndex[t]` of k × n (stored n × k when `transB`). a, b and out are all Float32Array or
   * all Float64Array; float32 accumulates in float32, as BLAS does.
   */
  gemm(
    a: Float32Array | Float64Array, b: Float32Array | Float64Array, out: Float32Array | Float64Array,
    m: number, n: number, k: number, transA: boolean, transB: boolean,
    batches: number, aIndex: Int32Array | null, bIndex: Int32Array | null,
  ): void;
  /** The micro-kernel in use for float32 (or float64 when `f64`), e.g. `avx512 8x32`. */
  gemmKernel(f64: boolean): string;
}

/** Elementwise ops, casts and reductions (native/cpu/elementwise.cc, reduce.cc; op codes in elementwise_kernels.h). */
export interface NativeElementwise {
  /** out = a op b; `layout` is null for equal shapes, else [rank, out dims, a dims, b dims] (padded with 1s). */
  ewBinary(op: number, dtype: number, a: NativeArray, b: NativeArray, out: NativeArray, layout: Float64Array | null): void;
  ewUnary(op: number, dtype: number, x: NativeArray, out: NativeArray): void;
  ewCast(from: number, to: number, x: NativeArray, out: NativeArray): void;
  /** `layout`: [rank, dims..., 1 for each reduced axis and 0 for each kept one]. */
  ewReduce(op: number, dtype: number, x: NativeArray, out: NativeArray, layout: Float64Array): void;
  /** op 0 = ArgMax, 1 = ArgMin, along the middle axis of [outer, len, inner]. */
  ewArg(op: number, dtype: number, x: NativeArray, out: Int32Array | BigInt64Array, outer: number, len: number, inner: number): void;
}

/** Recycled output buffers (native/memory/output_pool.cc). */
export interface NativeOutputPool {
  /** A typed array of `n` elements of dtype `code` with uninitialised contents, from the pool. */
  poolAlloc(code: number, n: number): NativeArray;
}

/** Knowing within a garbage collection which objects it freed (native/memory/weak_handles.cc). */
export interface NativeWeakHandles {
  /** Watch `handle`; `token` is reported by weakCollected() once it is freed. */
  weakTrack(handle: object, token: number): void;
  /** Tokens of the watched objects freed since the last call. */
  weakCollected(): Uint32Array;
  /** A full, synchronous garbage collection. */
  weakCollectGarbage(): void;
}

/** Cumulative sums and products (native/cpu/scan.cc). */
export interface NativeScan {
  /** op 0 = Cumsum, 1 = Cumprod, along the middle axis of [outer, len, inner]; x and out of the same type. */
  scan(op: number, dtype: number, x: NativeArray, out: NativeArray, outer: number, len: number, inner: number, exclusive: boolean, reverse: boolean): void;
}

/** TopKV2 (native/cpu/topk.cc). */
export interface NativeTopK {
  /**
   * The k largest of each row of [rows, columns] into values [rows, k] (x's type) and indices
   * (Int32Array), ties by lower index; false (nothing written) when x holds a NaN.
   */
  topK(dtype: number, x: NativeArray, values: NativeArray, indices: Int32Array, rows: number, columns: number, k: number): boolean;
}

/** The Philox fills of the random ops (native/cpu/philox.cc). */
export interface NativePhilox {
  /**
   * Fill `out` (Float32Array or Float64Array, `dtype` 0 or 1) with distribution 0 (uniform),
   * 1 (normal) or 2 (truncated normal) from the generator `state` [counter0..3, key0..1].
   */
  philoxFill(distribution: number, dtype: number, state: Uint32Array, out: Float32Array | Float64Array): void;
}

/** The tf.nn row kernels on float32 (native/cpu/softmax.cc); labels are checked by the caller. */
export interface NativeSoftmax {
  /** Softmax (or LogSoftmax with `log`) of each row of [rows, depth] into out. */
  softmax(x: Float32Array, out: Float32Array, rows: number, depth: number, log: boolean): boolean;
  /** SoftmaxCrossEntropyWithLogits of [rows, depth] logits and labels of the same shape. */
  softmaxXent(x: Float32Array, labels: Float32Array, loss: Float32Array, backprop: Float32Array, rows: number, depth: number): boolean;
  /** SparseSoftmaxCrossEntropyWithLogits with int32 labels in [0, depth). */
  sparseSoftmaxXent(x: Float32Array, labels: Int32Array, loss: Float32Array, backprop: Float32Array, rows: number, depth: number): boolean;
}

/**
 * The dense float64 solvers of native/cpu/linalg_solvers.cc, one row-major matrix per call,
 * step for step the TypeScript functions of the same names (kernels/linalg_numeric.ts).
 */
export interface NativeLinalgSolvers {
  /** P·A = L·U of the n×n `a` into `lu` (and `perm`); returns det(P). */
  luFactor(a: Float64Array, lu: Float64Array, perm: Int32Array, n: number): number;
  /** X (n×k, into `x`) with A·X = B from A's LU factors. */
  luSolve(lu: Float64Array, perm: Int32Array, n: number, b: Float64Array, k: number, x: Float64Array): void;
  /** The lower Cholesky factor into `l`; false when a pivot is not positive. */
  cholesky(a: Float64Array, n: number, l: Float64Array): boolean;
  /** op(T)·X = B in place (`x` holds B). */
  triangularSolve(t: Float64Array, n: number, x: Float64Array, k: number, lower: boolean, transpose: boolean): void;
  /** Householder QR of the m×n `a` into `qr` (R and the reflectors) and `tau` (min(m, n)). */
  householderQr(a: Float64Array, qr: Float64Array, tau: Float64Array, m: number, n: number): void;
  /** The first qCols columns of Q into `q` (m×qCols). */
  householderQ(qr: Float64Array, tau: Float64Array, m: number, n: number, qCols: number, q: Float64Array): void;
  /**
   * The SVD's Jacobi sweeps in place: n columns of length m (column j at j·m) of (re, im) and
   * n columns of length n of the accumulator (vr, vi), at most maxSweeps sweeps.
   */
  jacobiSweeps(re: Float64Array, im: Float64Array, vr: Float64Array, vi: Float64Array, m: number, n: number, maxSweeps: number): void;
}

/** 2-D convolution on the packed GEMM (native/cpu/conv.cc): NHWC input, HWIO filter, one group. */
export interface NativeConv {
  /**
   * mode 0: out = conv(a = input, b = filter); 1: out = input gradient from (a = filter, b = dy);
   * 2: out = filter gradient from (a = input, b = dy). All Float32Array or all Float64Array;
   * `geometry`: [N, IH, IW, C, OH, OW, O, KH, KW, strideH, strideW, dilationH, dilationW, padTop, padLeft].
   */
  conv2d(mode: 0 | 1 | 2, a: Float32Array | Float64Array, b: Float32Array | Float64Array, out: Float32Array | Float64Array, geometry: Int32Array): void;
}

export interface NativeAddon extends NativeGemm, NativeElementwise, NativeOutputPool, NativeWeakHandles, NativeScan, NativeTopK, NativeLinalgSolvers, NativePhilox, NativeSoftmax, NativeConv {
  /** The instruction set the CPU kernels use: `avx512`, `avx2` or `portable`. */
  readonly isa: string;
  /** Threads used by parallel kernels. */
  readonly numThreads: number;
}

let addon: NativeAddon | null | undefined;

/** The addon, or null when disabled or unavailable. */
export function nativeAddon(): NativeAddon | null {
  if (addon !== undefined) return addon;
  if (process.env.TSFLOW_NATIVE === "0") return (addon = null);
  const path = new URL("../../../build/Release/tsflow_native.node", import.meta.url);
  if (!existsSync(path)) return (addon = null);
  try {
    const require = createRequire(import.meta.url);
    addon = require(path.pathname) as NativeAddon;
  } catch (e) {
    process.emitWarning(nativeAddonUnavailable((e as Error).message.split("\n")[0]!), { code: "TSFLOW_NO_NATIVE" });
    addon = null;
  }
  return addon;
}
