// IEEE half and bfloat16 <-> float32 conversions. Node 20 has no Float16Array, so both
// 16-bit float dtypes are stored as their bit patterns in a Uint16Array.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 (or any number, rounded to float32 first) -> IEEE half bits, round to nearest even. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 | (mant >>> 13) : 0);
  // Re-bias: half exponent = exp - 127 + 15.
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00; // overflow -> inf
  if (e <= 0) {
    // Subnormal half (or zero): shift the implicit-1 mantissa into place, rounding to even.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    if (rem > half || (rem === half && (r & 1) === 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (r & 1) === 1)) r++; // may carry into inf: correct
  return sign | r;
}

/** IEEE half bits -> number. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** number -> bfloat16 bits (top half of the float32, round to nearest even). */
export function toBFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  if ((x & 0x7f800000) === 0x7f800000 && (x & 0x7fffff) !== 0) return (x >>> 16) | 0x40;
  const rounded = x + 0x7fff + ((x >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/** bfloat16 bits -> number. */
export function fromBFloat16Bits(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0]!;
}

/** Round a number to the nearest half-precision value (as a number). */
export function roundHalf(value: number): number {
  return fromHalfBits(toHalfBits(value));
}

/** Round a number to the nearest bfloat16 value (as a number). */
export function roundBFloat16(value: number): number {
  return fromBFloat16Bits(toBFloat16Bits(value));
}
