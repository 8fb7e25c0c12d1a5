// Where native kernels' outputs come from. A fresh zero-filled typed array of a megabyte or
// more is fresh memory whose page faults and zeroing cost as much as a whole elementwise op,
// and 10-40 % of a mid-sized matrix product. So: from POOL_MIN_BYTES, the addon's pool of
// recycled, already-mapped buffers (returned when the garbage collector frees the array);
// from UNINITIALIZED_MIN_BYTES, `Buffer.allocUnsafeSlow` (malloc without the zero fill);
// below, ordinary typed arrays. Native kernels write every output element, so none needs zeroing.
import { nativeAddon, NATIVE_DTYPE_CODES, type NativeDtype } from "../native/addon.js";

const BYTES: Record<NativeDtype, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };
const CTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array };

/** Outputs of at least this many bytes come from the addon's pool. */
export const POOL_MIN_BYTES = 1 << 20;
const UNINITIALIZED_MIN_BYTES = 1 << 16;

/** A typed array of `n` elements of `dtype` for a native kernel to fill completely. */
export function allocateOutput<D extends NativeDtype>(dtype: D, n: number): InstanceType<(typeof CTORS)[D]> {
  const bytes = n * BYTES[dtype];
  const addon = nativeAddon();
  if (addon !== null && bytes >= POOL_MIN_BYTES) {
    return addon.poolAlloc(NATIVE_DTYPE_CODES[dtype], n) as InstanceType<(typeof CTORS)[D]>;
  }
  const Ctor = CTORS[dtype] as unknown as new (b: ArrayBufferLike | number, o?: number, l?: number) => InstanceType<(typeof CTORS)[D]>;
  if (bytes < UNINITIALIZED_MIN_BYTES) return new Ctor(n);
  return new Ctor(Buffer.allocUnsafeSlow(bytes).buffer, 0, n); // its own ArrayBuffer of exactly `bytes`
}
