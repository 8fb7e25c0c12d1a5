// Cast between any two non-string dtypes with C++ static_cast semantics as compiled for
// x86-64 (what TensorFlow's and NumPy's CPU casts do): floats truncate toward zero, NaN and
// out-of-range values give the "integer indefinite" value, integers wrap, complex -> real
// keeps the real part, anything -> bool tests for nonzero.
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import type { CpuTensor } from "../kernel.js";
import { numberOutput, readNumbers, type BigArray } from "./elements.js";

const TWO63 = 2 ** 63;
const INT64_MIN = -(2n ** 63n);

/** x86 cvttsd2si (64-bit): truncation, or INT64_MIN for NaN and out-of-range values. */
function floatToInt64(x: number): bigint {
  if (!(x > -TWO63 - 1025 && x < TWO63)) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

/** A float converted to a narrower-than-64-bit integer dtype, as compiled C does it. */
function floatToSmallInt(x: number, target: DType): number {
  if (target.name === "uint32") {
    // Goes through a 64-bit conversion, then keeps the low 32 bits.
    return Number(BigInt.asUintN(32, floatToInt64(x)));
  }
  // Through a 32-bit conversion (INT32_MIN when out of range), then wraps on store.
  if (!(x > -2147483649 && x < 2147483648)) return -2147483648;
  return Math.trunc(x);
}

function floatToUint64(x: number): bigint {
  if (x < TWO63) return BigInt.asUintN(64, floatToInt64(x));
  return BigInt.asUintN(64, floatToInt64(x - TWO63) ^ INT64_MIN);
}

/** Cast `x` (host storage of `from`) to `to`. */
export function castStorage(from: DType, data: Storage, to: DType, n: number): Storage {
  // Source values as numbers (reals), bigints (64-bit ints) or complex pairs (real part used).
  if (from.isComplex) {
    const c = data as Float32Array | Float64Array;
    if (to.isComplex) {
      const out = allocStorage(to, n) as Float32Array | Float64Array;
      out.set(c);
      return out;
    }
    const re = new Float64Array(n);
    if (to.isBool) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = c[2 * i] !== 0 || c[2 * i + 1] !== 0 ? 1 : 0;
      return out;
    }
    for (let i = 0; i < n; i++) re[i] = c[2 * i]!;
    return castStorage(from.realDtype, from.realDtype.name === "float32" ? Float32Array.from(re) : re, to, n);
  }
  if (from.isBigInt) {
    const b = data as BigArray;
    if (to.isBigInt) {
      const out = allocStorage(to, n) as BigArray;
      for (let i = 0; i < n; i++) out[i] = b[i]!; // typed arrays wrap modulo 2^64
      return out;
    }
    if (to.isBool) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = b[i] !== 0n ? 1 : 0;
      return out;
    }
    if (to.isInteger) {
      const out = allocStorage(to, n) as Int32Array;
      const bits = to.size * 8;
      for (let i = 0; i < n; i++) out[i] = Number(BigInt.asIntN(bits, b[i]!));
      return out;
    }
    return castNumbers(Float64Array.from(b, Number), to, n, false);
  }
  return castNumbers(readNumbers(from, data), to, n, from.isFloating);
}

function castNumbers(a: ArrayLike<number>, to: DType, n: number, fromFloat: boolean): Storage {
  if (to.isComplex) {
    const out = allocStorage(to, n) as Float32Array | Float64Array;
    for (let i = 0; i < n; i++) out[2 * i] = a[i]!;
    return out;
  }
  if (to.isBigInt) {
    const out = allocStorage(to, n) as BigArray;
    if (!fromFloat) for (let i = 0; i < n; i++) out[i] = BigInt(a[i]!);
    else if (to.name === "int64") for (let i = 0; i < n; i++) out[i] = floatToInt64(a[i]!);
    else for (let i = 0; i < n; i++) out[i] = floatToUint64(a[i]!);
    return out;
  }
  if (to.isInteger && fromFloat) {
    const out = allocStorage(to, n) as Int32Array;
    for (let i = 0; i < n; i++) out[i] = floatToSmallInt(a[i]!, to);
    return out;
  }
  // Integer -> integer wraps on store; anything -> float rounds; anything -> bool tests != 0.
  const { values, finish } = numberOutput(to, n);
  for (let i = 0; i < n; i++) values[i] = a[i]!;
  return finish();
}

export function castKernel(inputs: readonly CpuTensor[], attrs: { dtype: DType }): Storage[] {
  const x = inputs[0]!;
  const n = x.dims.reduce((p, q) => p * q, 1);
  return [castStorage(x.dtype, x.buffer, attrs.dtype, n)];
}
