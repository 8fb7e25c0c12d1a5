// Decimal text for binary floating-point values, digit for digit as NumPy writes it.
//
// NumPy prints floats with its Dragon4 implementation (numpy/_core/src/multiarray/dragon4.c):
// "unique" digits are the shortest that round-trip in the value's *own* format (float16,
// float32 or float64), optionally cut off after a number of digits and/or extended to a
// minimum number of digits. This module reproduces that algorithm:
//   - `dragon4` is a direct re-implementation of NumPy's digit loop, run on plain numbers
//     when every intermediate integer stays below 2^53 (all float16, most float32 values)
//     and on bigints otherwise;
//   - float64 values take a fast path through the engine's own shortest/rounded conversions
//     (`toString`, `toExponential`), with the cases where those could differ from Dragon4
//     (ties, carries, asymmetric rounding intervals) detected and sent to the exact loop.
// On top of the digits sit NumPy's positional/scientific layouts (trim modes, padding), the
// NumPy scalar `str`, Python's `repr(float)` and C++'s `ostream << float` (`%g`).

/** The binary float formats this module can print. */
export type FloatKind = "float16" | "bfloat16" | "float32" | "float64";

/**
 * NumPy's trim modes: `k` keeps trailing zeros, `.` trims zeros but keeps the point (`1.`),
 * `0` trims to one zero after the point (`1.0`), `-` trims zeros and the point (`1`).
 */
export type TrimMode = "k" | "." | "0" | "-";

/** Decimal digits `d0 d1 d2 ...` meaning `d0.d1d2... × 10^exponent` (digits `"0"` for zero). */
interface DecimalDigits {
  readonly digits: string;
  readonly exponent: number;
}

/** How many digits Dragon4 should produce (NumPy's DigitMode/CutoffMode/cutoff_max/cutoff_min). */
interface DigitRequest {
  /** Shortest round-trip digits (true) or the exact binary value's digits (false). */
  readonly unique: boolean;
  /** Cutoffs count digits after the decimal point (true) or significant digits (false). */
  readonly fractional: boolean;
  /** At most this many digits (-1: no limit). */
  readonly cutoffMax: number;
  /** At least this many digits, only meaningful when `unique` (-1: no minimum). */
  readonly cutoffMin: number;
}

// ---------------------------------------------------------------------------------------
// Binary decomposition

/** A positive finite value as `mantissa × 2^exponent`, with the rounding-interval facts Dragon4 needs. */
interface BinaryFloat {
  readonly mantissa: number;
  readonly exponent: number;
  /** Index of the highest set bit of the mantissa. */
  readonly mantissaBit: number;
  /** True when the gap to the next value below is half the gap above (mantissa is a power of two). */
  readonly unequalMargins: boolean;
}

const FORMAT_BITS: Record<FloatKind, { readonly fractionBits: number; readonly bias: number }> = {
  float16: { fractionBits: 10, bias: 15 },
  bfloat16: { fractionBits: 7, bias: 127 },
  float32: { fractionBits: 23, bias: 127 },
  float64: { fractionBits: 52, bias: 1023 },
};

const bitsView = new DataView(new ArrayBuffer(8));

function bitLength(n: number): number {
  return n >= 2 ** 32 ? 64 - Math.clz32(Math.floor(n / 2 ** 32)) : 32 - Math.clz32(n);
}

/** Split |x| (finite, non-zero, exactly representable in `kind`) into mantissa and exponent. */
function decompose(x: number, kind: FloatKind): BinaryFloat {
  bitsView.setFloat64(0, Math.abs(x));
  const hi = bitsView.getUint32(0);
  const biasedExponent = (hi >>> 20) & 0x7ff;
  const fraction = (hi & 0xfffff) * 2 ** 32 + bitsView.getUint32(4);
  if (kind === "float64") {
    if (biasedExponent === 0) {
      return { mantissa: fraction, exponent: -1074, mantissaBit: bitLength(fraction) - 1, unequalMargins: false };
    }
    return {
      mantissa: fraction + 2 ** 52,
      exponent: biasedExponent - 1075,
      mantissaBit: 52,
      unequalMargins: biasedExponent !== 1 && fraction === 0,
    };
  }
  // Narrower formats: every value is a normal float64, so floor(log2 |x|) is the exponent field.
  const { fractionBits, bias } = FORMAT_BITS[kind];
  const log2 = biasedExponent - 1023;
  const minExponent = 1 - bias;
  if (log2 >= minExponent) {
    const exponent = log2 - fractionBits;
    const mantissa = Math.abs(x) * 2 ** -exponent;
    return {
      mantissa,
      exponent,
      mantissaBit: fractionBits,
      unequalMargins: log2 !== minExponent && mantissa === 2 ** fractionBits,
    };
  }
  const exponent = minExponent - fractionBits;
  const mantissa = Math.abs(x) * 2 ** -exponent;
  return { mantissa, exponent, mantissaBit: bitLength(mantissa) - 1, unequalMargins: false };
}

// ---------------------------------------------------------------------------------------
// Dragon4

const LOG10_2 = 0.30102999566398119521373889472449;
/** NumPy's output buffer bounds the digit count; only matters for absurd requests. */
const MAX_DIGITS = 16384;
/** Largest scale for which the digit loop's integers (< 10 × scale) stay exact in a double. */
const MAX_EXACT_SCALE = 2 ** 49;

const bigPowersOfTen: bigint[] = [1n];
function bigPow10(k: number): bigint {
  while (bigPowersOfTen.length <= k) bigPowersOfTen.push(bigPowersOfTen[bigPowersOfTen.length - 1]! * 10n);
  return bigPowersOfTen[k]!;
}

/** The digit loop's outcome, before the final digit is rounded. */
interface DigitLoopResult {
  /** Digits emitted before the final one. */
  readonly leading: string;
  readonly finalDigit: number;
  /** Dragon4's flags: the value is within the low/high margin of the emitted digits. */
  readonly low: boolean;
  readonly high: boolean;
  /** Sign of (2 × remainder − scale): how the remainder compares with half a unit. */
  readonly halfCompare: number;
}

interface LoopBounds {
  readonly unique: boolean;
  readonly isEven: boolean;
  readonly unequalMargins: boolean;
  /** Exponent of the first digit plus one (Dragon4's digitExponent). */
  readonly digitExponent: number;
  readonly cutoffMaxExponent: number;
  readonly cutoffMinExponent: number;
}

/** Digit loop on doubles holding exact integers (caller guarantees scale ≤ 2^49). */
function digitLoopNumber(value: number, scale: number, marginLow: number, b: LoopBounds): DigitLoopResult {
  let leading = "";
  let digitExponent = b.digitExponent;
  let marginHigh = b.unequalMargins ? marginLow * 2 : marginLow;
  let digit = 0;
  let low = false;
  let high = false;
  for (;;) {
    digitExponent--;
    digit = Math.floor(value / scale);
    if (digit * scale > value) digit--;
    value -= digit * scale;
    if (b.unique) {
      const valueHigh = value + marginHigh;
      low = b.isEven ? value <= marginLow : value < marginLow;
      high = b.isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= b.cutoffMinExponent) || digitExponent === b.cutoffMaxExponent) break;
    } else if (value === 0 || digitExponent === b.cutoffMaxExponent) {
      break;
    }
    leading += String.fromCharCode(48 + digit);
    value *= 10;
    marginLow *= 10;
    marginHigh = b.unequalMargins ? marginLow * 2 : marginLow;
  }
  return { leading, finalDigit: digit, low, high, halfCompare: Math.sign(2 * value - scale) };
}

/** The same loop on bigints, for values whose scaled integers exceed 2^53. */
function digitLoopBig(value: bigint, scale: bigint, marginLow: bigint, b: LoopBounds): DigitLoopResult {
  let leading = "";
  let digitExponent = b.digitExponent;
  let marginHigh = b.unequalMargins ? marginLow * 2n : marginLow;
  let digit = 0;
  let low = false;
  let high = false;
  for (;;) {
    digitExponent--;
    const quotient = value / scale;
    digit = Number(quotient);
    value -= quotient * scale;
    if (b.unique) {
      const valueHigh = value + marginHigh;
      low = b.isEven ? value <= marginLow : value < marginLow;
      high = b.isEven ? valueHigh >= scale : valueHigh > scale;
      if (((low || high) && digitExponent <= b.cutoffMinExponent) || digitExponent === b.cutoffMaxExponent) break;
    } else if (value === 0n || digitExponent === b.cutoffMaxExponent) {
      break;
    }
    leading += String.fromCharCode(48 + digit);
    value *= 10n;
    marginLow *= 10n;
    marginHigh = b.unequalMargins ? marginLow * 2n : marginLow;
  }
  const twice = 2n * value;
  return { leading, finalDigit: digit, low, high, halfCompare: twice < scale ? -1 : twice > scale ? 1 : 0 };
}

/** Exponent at which the loop must stop (`cutoff_max`) and may stop (`cutoff_min`). */
function cutoffExponents(digitExponent: number, req: DigitRequest): { max: number; min: number } {
  let max = digitExponent - MAX_DIGITS;
  if (req.cutoffMax >= 0) max = Math.max(max, req.fractional ? -req.cutoffMax : digitExponent - req.cutoffMax);
  let min = digitExponent;
  if (req.cutoffMin >= 0) min = Math.min(min, req.fractional ? -req.cutoffMin : digitExponent - req.cutoffMin);
  return { max, min };
}

/** Round the final digit as Dragon4 does (margins first, else nearest with ties to even) and carry. */
function finishDigits(loop: DigitLoopResult, firstExponent: number): DecimalDigits {
  let roundDown = loop.low;
  if (loop.low === loop.high) {
    roundDown = loop.halfCompare < 0 || (loop.halfCompare === 0 && (loop.finalDigit & 1) === 0);
  }
  if (roundDown) return { digits: loop.leading + String.fromCharCode(48 + loop.finalDigit), exponent: firstExponent };
  if (loop.finalDigit < 9) {
    return { digits: loop.leading + String.fromCharCode(49 + loop.finalDigit), exponent: firstExponent };
  }
  // Rounding a 9 up: increment the last non-9 digit and drop the rest; all nines become "1".
  let i = loop.leading.length - 1;
  while (i >= 0 && loop.leading.charCodeAt(i) === 57) i--;
  if (i < 0) return { digits: "1", exponent: firstExponent + 1 };
  return { digits: loop.leading.slice(0, i) + String.fromCharCode(loop.leading.charCodeAt(i) + 1), exponent: firstExponent };
}

/** NumPy's Dragon4 on a decomposed value. */
function dragon4(f: BinaryFloat, req: DigitRequest): DecimalDigits {
  const e = f.exponent;
  // Estimate of floor(log10 v) + 1 that is exact or one too low (NumPy's formula, bit for bit).
  let digitExponent = Math.ceil((f.mantissaBit + e) * LOG10_2 - 0.69);
  if (req.cutoffMax >= 0 && req.fractional && digitExponent <= -req.cutoffMax) digitExponent = -req.cutoffMax + 1;
  // value/scale is the float, margins are half the gaps to its neighbours, all scaled by 2 (or 4).
  const marginShift = f.unequalMargins ? 2 : 1;
  const isEven = f.mantissa % 2 === 0;

  let numberValue = e > 0 ? f.mantissa * 2 ** (e + marginShift) : f.mantissa * 2 ** marginShift;
  let numberScale = e > 0 ? 2 ** marginShift : 2 ** (-e + marginShift);
  let numberMargin = e > 0 ? 2 ** e : 1;
  if (digitExponent > 0) numberScale *= 10 ** digitExponent;
  else if (digitExponent < 0) {
    numberValue *= 10 ** -digitExponent;
    numberMargin *= 10 ** -digitExponent;
  }
  if (numberScale <= MAX_EXACT_SCALE && numberValue < 2 ** 53 && -digitExponent <= 22) {
    if (numberValue >= numberScale) digitExponent++;
    else {
      numberValue *= 10;
      numberMargin *= 10;
    }
    const { max, min } = cutoffExponents(digitExponent, req);
    const bounds: LoopBounds = {
      unique: req.unique, isEven, unequalMargins: f.unequalMargins, digitExponent,
      cutoffMaxExponent: max, cutoffMinExponent: min,
    };
    return finishDigits(digitLoopNumber(numberValue, numberScale, numberMargin, bounds), digitExponent - 1);
  }

  const m = BigInt(f.mantissa);
  let value = e > 0 ? m << BigInt(e + marginShift) : m << BigInt(marginShift);
  let scale = e > 0 ? 1n << BigInt(marginShift) : 1n << BigInt(-e + marginShift);
  let marginLow = e > 0 ? 1n << BigInt(e) : 1n;
  if (digitExponent > 0) scale *= bigPow10(digitExponent);
  else if (digitExponent < 0) {
    const p = bigPow10(-digitExponent);
    value *= p;
    marginLow *= p;
  }
  if (value >= scale) digitExponent++;
  else {
    value *= 10n;
    marginLow *= 10n;
  }
  const { max, min } = cutoffExponents(digitExponent, req);
  const bounds: LoopBounds = {
    unique: req.unique, isEven, unequalMargins: f.unequalMargins, digitExponent,
    cutoffMaxExponent: max, cutoffMinExponent: min,
  };
  return finishDigits(digitLoopBig(value, scale, marginLow, bounds), digitExponent - 1);
}

// ---------------------------------------------------------------------------------------
// float64 fast path

/** Engine output `d.ddde±x` (from toExponential) -> digits without the point, and the exponent. */
function parseExponential(text: string): DecimalDigits {
  const e = text.indexOf("e");
  let exponent = 0;
  for (let i = e + 2; i < text.length; i++) exponent = exponent * 10 + text.charCodeAt(i) - 48;
  if (text.charCodeAt(e + 1) === 45) exponent = -exponent;
  const digits = e === 1 ? text.slice(0, 1) : text.slice(0, 1) + text.slice(2, e);
  return { digits, exponent };
}

/** The text without its trailing zeros (possibly empty). */
function withoutTrailingZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Digits without trailing zeros, keeping at least one digit. */
function stripTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  return end === digits.length ? digits : digits.slice(0, end);
}

/** Shortest digits of recently printed values: an array is formatted in two passes. */
const shortestCache = new Map<number, DecimalDigits>();
const SHORTEST_CACHE_LIMIT = 4096;

/** Shortest round-trip float64 digits (ECMAScript's Number::toString picks the same digits as Dragon4). */
function shortestFloat64(v: number): DecimalDigits {
  let shortest = shortestCache.get(v);
  if (shortest === undefined) {
    if (shortestCache.size >= SHORTEST_CACHE_LIMIT) shortestCache.clear();
    shortest = parseExponential(v.toExponential());
    shortestCache.set(v, shortest);
  }
  return shortest;
}

/** Whether the float64 nearest to 10^k lies below 10^k (cached exact comparison). */
const powerOfTenRoundsDown = new Map<number, boolean>();
function nearestDoubleBelowPowerOfTen(k: number): boolean {
  let below = powerOfTenRoundsDown.get(k);
  if (below === undefined) {
    const f = decompose(Number(`1e${k}`), "float64");
    // Compare mantissa × 2^e with 10^k exactly.
    const lhs = BigInt(f.mantissa) * (f.exponent >= 0 ? 1n << BigInt(f.exponent) : 1n) * (k < 0 ? bigPow10(-k) : 1n);
    const rhs = (k >= 0 ? bigPow10(k) : 1n) * (f.exponent < 0 ? 1n << BigInt(-f.exponent) : 1n);
    below = lhs < rhs;
    powerOfTenRoundsDown.set(k, below);
  }
  return below;
}

/** floor(log10 v) for a positive double whose shortest digits are `shortest`. */
function decimalExponentOf(v: number, shortest: DecimalDigits): number {
  if (shortest.digits !== "1") return shortest.exponent;
  // Shortest "1eK" can come from a value just below 10^K (rounded up): then floor(log10 v) = K-1.
  const power = Number(`1e${shortest.exponent}`);
  if (v > power) return shortest.exponent;
  if (v < power) return shortest.exponent - 1;
  return nearestDoubleBelowPowerOfTen(shortest.exponent) ? shortest.exponent - 1 : shortest.exponent;
}

const POWERS_OF_TWO = Array.from({ length: 1100 }, (_, k) => 2 ** k);

/** v is exactly halfway between two multiples of 10^q. */
function isTieAt(v: number, q: number): boolean {
  if (q < 0) {
    if (1 - q >= POWERS_OF_TWO.length) return false;
    const w = v * POWERS_OF_TWO[1 - q]!; // exact scaling; a tie needs w to be an odd integer
    return Number.isInteger(w) && w % 2 === 1;
  }
  if (q === 0) return v % 1 === 0.5;
  if (!Number.isInteger(v)) return false;
  const twice = 2n * BigInt(v);
  const p = bigPow10(q);
  return twice % p === 0n && (twice / p) % 2n === 1n;
}

/**
 * v (positive, leading digit at 10^leadExponent) rounded to the digit at 10^q, nearest with ties
 * to even, with Dragon4's digit count (a carry drops trailing zeros). Null when unsure.
 */
function roundFloat64At(v: number, leadExponent: number, q: number, keepTrailingZeros: boolean): DecimalDigits | null {
  const count = leadExponent - q + 1;
  if (count < 1 || count > 101) return null;
  const rounded = parseExponential(v.toExponential(count - 1));
  const digits = rounded.digits;
  const exponent = rounded.exponent;
  const lastDigit = digits.charCodeAt(digits.length - 1) - 48;
  if (isTieAt(v, q)) {
    // The engine rounds ties away from zero; NumPy keeps the even digit. An away-rounded
    // tie ending in 0 carried from a 9, so its trailing zeros go (as Dragon4's carry drops them).
    if (lastDigit % 2 === 1) return { digits: digits.slice(0, -1) + String.fromCharCode(47 + lastDigit), exponent };
    return { digits: lastDigit === 0 || !keepTrailingZeros ? stripTrailingZeros(digits) : digits, exponent };
  }
  if (!keepTrailingZeros) return { digits: stripTrailingZeros(digits), exponent };
  if (lastDigit !== 0) return { digits, exponent };
  // A final 0 is either a 0 kept or a 9 rounded up (a carry, which drops trailing zeros).
  const back = Number(`${digits}e${exponent - digits.length + 1}`);
  if (back === v) return null;
  return { digits: back > v ? stripTrailingZeros(digits) : digits, exponent };
}

/** Dragon4's unique-mode result for a float64 without running it, or null when unsure. */
function fastUniqueFloat64(v: number, req: DigitRequest): DecimalDigits | null {
  const shortest = shortestFloat64(v);
  const lead = decimalExponentOf(v, shortest);
  const carried = lead !== shortest.exponent;
  // Below the fractional cutoff NumPy starts the digits at the cutoff: leave it to Dragon4.
  if (req.cutoffMax >= 0 && req.fractional && lead < -req.cutoffMax) return null;
  const digitExponent = lead + 1;
  const cut = cutoffExponents(digitExponent, req);
  // Position of the last digit where the digit loop would naturally stop (shortest output).
  const naturalStop = carried ? lead : shortest.exponent - shortest.digits.length + 1;
  const stop = Math.max(Math.min(naturalStop, cut.min), cut.max);
  if (stop === naturalStop) return shortest;
  if (stop > naturalStop) {
    // Cut off before the value was pinned down: the loop's flags are off, so it rounds to nearest.
    return roundFloat64At(v, lead, stop, true);
  }
  // Extended past the shortest digits: to-nearest holds only with symmetric margins. The digit
  // count then never shows in any layout (trailing zeros are re-padded to the same minimum).
  if (decompose(v, "float64").unequalMargins) return null;
  return roundFloat64At(v, lead, stop, false);
}

/**
 * Dragon4's digits for |value| read as `kind` (value must be finite and representable in `kind`).
 * Zero gives digits "0", exponent 0.
 */
function dragon4Digits(value: number, kind: FloatKind, req: DigitRequest): DecimalDigits {
  const v = Math.abs(value);
  if (v === 0) return { digits: "0", exponent: 0 };
  if (kind === "float64" && req.unique) {
    const fast = fastUniqueFloat64(v, req);
    if (fast !== null) return fast;
  }
  return dragon4(decompose(v, kind), req);
}

// ---------------------------------------------------------------------------------------
// NumPy layouts

/**
 * Options of NumPy's `format_float_positional` (with `fractional=True`, the only mode printing
 * uses) and `format_float_scientific`; each ignores the field that belongs to the other.
 */
export interface FloatFormatOptions {
  /** Maximum digits after the point (-1: unlimited; required when `unique` is false). */
  readonly precision?: number;
  /** Minimum digits after the point, `unique` mode only (-1: none). */
  readonly minDigits?: number;
  readonly unique?: boolean;
  readonly trim?: TrimMode;
  /** Print `+` for non-negative values. */
  readonly sign?: boolean;
  /** Pad with spaces until this many characters precede the point (-1: none). */
  readonly padLeft?: number;
  /** Positional only: pad with spaces until this many characters follow the point (-1: none). */
  readonly padRight?: number;
  /** Scientific only: minimum exponent digits (-1: two). */
  readonly expDigits?: number;
}

function signOf(value: number, plus: boolean): string {
  return value < 0 || Object.is(value, -0) ? "-" : plus ? "+" : "";
}

function infNan(value: number, plus: boolean): string {
  if (Number.isNaN(value)) return "nan";
  return (value < 0 ? "-" : plus ? "+" : "") + "inf";
}

/** NumPy's `format_float_positional(value, ...)` for a value of the given float kind. */
export function formatFloatPositional(value: number, kind: FloatKind, opts: FloatFormatOptions = {}): string {
  const precision = opts.precision ?? -1;
  const minDigits = opts.minDigits ?? -1;
  const unique = opts.unique ?? true;
  const trim = opts.trim ?? "k";
  const sign = signOf(value, opts.sign ?? false);
  if (!Number.isFinite(value)) return infNan(value, opts.sign ?? false);
  const { digits, exponent } = dragon4Digits(value, kind, {
    unique, fractional: true, cutoffMax: precision, cutoffMin: unique ? minDigits : -1,
  });

  let whole: string;
  let fraction: string;
  if (exponent >= 0) {
    whole = digits.length <= exponent + 1 ? digits + "0".repeat(exponent + 1 - digits.length) : digits.slice(0, exponent + 1);
    fraction = digits.slice(exponent + 1);
  } else {
    whole = "0";
    fraction = "0".repeat(-exponent - 1) + digits;
  }
  let point = fraction.length > 0 || trim !== "-";
  const wanted = Math.max(unique ? minDigits : precision, 0);
  if (trim === "0" && fraction.length === 0) fraction = "0";
  else if (trim === "k" && wanted > fraction.length) fraction += "0".repeat(wanted - fraction.length);
  if (trim !== "k" && fraction.length > 0) {
    fraction = withoutTrailingZeros(fraction);
    if (fraction.length === 0) {
      if (trim === "0") fraction = "0";
      else if (trim === "-") point = false;
    }
  }
  let text = sign + whole + (point ? "." : "") + fraction;
  const padRight = opts.padRight ?? -1;
  if (padRight >= fraction.length) {
    // A trimmed point is replaced by a space so columns still line up.
    text += (trim === "-" && fraction.length === 0 ? " " : "") + " ".repeat(padRight - fraction.length);
  }
  const padLeft = opts.padLeft ?? -1;
  const leftWidth = whole.length + sign.length;
  if (padLeft > leftWidth) text = " ".repeat(padLeft - leftWidth) + text;
  return text;
}

/** NumPy's `format_float_scientific(value, ...)` for a value of the given float kind. */
export function formatFloatScientific(value: number, kind: FloatKind, opts: FloatFormatOptions = {}): string {
  const precision = opts.precision ?? -1;
  const minDigits = opts.minDigits ?? -1;
  const unique = opts.unique ?? true;
  const trim = opts.trim ?? "k";
  const sign = signOf(value, opts.sign ?? false);
  if (!Number.isFinite(value)) return infNan(value, opts.sign ?? false);
  const padLeft = opts.padLeft ?? -1;
  const leftChars = 1 + sign.length;
  const pad = padLeft > leftChars ? " ".repeat(padLeft - leftChars) : "";
  const { digits, exponent } = dragon4Digits(value, kind, {
    unique, fractional: false,
    cutoffMax: precision < 0 ? -1 : precision + 1,
    cutoffMin: unique && minDigits >= 0 ? minDigits + 1 : -1,
  });

  let fraction = digits.slice(1);
  const wanted = Math.max(unique ? minDigits : precision, 0);
  if (trim === "0" && fraction.length === 0) fraction = "0";
  else if (trim === "k" && wanted > fraction.length) fraction += "0".repeat(wanted - fraction.length);
  const hadPoint = fraction.length > 0 || trim !== "-";
  if (trim !== "k" && fraction.length > 0) {
    // NumPy's scientific trim never removes the point once written (only '0' re-adds a zero).
    fraction = withoutTrailingZeros(fraction);
    if (fraction.length === 0 && trim === "0") fraction = "0";
  }
  const expDigits = Math.min(opts.expDigits === undefined || opts.expDigits < 0 ? 2 : opts.expDigits, 5);
  const expText = String(Math.abs(exponent)).padStart(expDigits, "0");
  return `${pad}${sign}${digits[0]}${hadPoint ? "." : ""}${fraction}e${exponent < 0 ? "-" : "+"}${expText}`;
}

/** Largest magnitude NumPy's scalar `str` prints positionally, per kind. */
const SCALAR_POSITIONAL_LIMIT: Record<Exclude<FloatKind, "bfloat16">, number> = {
  float16: 1e3,
  float32: 1e6,
  float64: 1e16,
};

/**
 * `str(np.float16/32/64(value))`: shortest round-trip digits in the value's own format,
 * positional (`0.1`, `1.0`) when 1e-4 ≤ |value| < 1e3/1e6/1e16, else scientific (`1e+20`).
 * With `trim: "-"` (complex parts) whole numbers lose the point: `5`.
 */
export function formatNumpyFloatScalar(
  value: number, kind: Exclude<FloatKind, "bfloat16">, options: { readonly sign?: boolean; readonly dropPoint?: boolean } = {},
): string {
  const magnitude = Math.abs(value);
  const positional = Number.isNaN(value) || value === 0 ||
    (magnitude < SCALAR_POSITIONAL_LIMIT[kind] && magnitude >= 1e-4);
  if (positional) {
    return formatFloatPositional(value, kind, { trim: options.dropPoint ? "-" : "0", sign: options.sign ?? false });
  }
  return formatFloatScientific(value, kind, { trim: "-", sign: options.sign ?? false });
}

/** Python's `repr(float)`: `0.1`, `1.0`, `1e+16`, `1e-05`, `nan`, `-inf`. */
export function formatPythonFloat(value: number, options: { readonly sign?: boolean; readonly dropPoint?: boolean } = {}): string {
  if (Number.isNaN(value)) return options.sign ? "+nan" : "nan";
  // Python switches to exponent notation at the same bounds as NumPy's float64 scalar.
  return formatNumpyFloatScalar(value, "float64", options);
}

/**
 * C++ `std::ostream << float(value)`: printf `%g` with 6 significant digits, rounded to nearest
 * (ties to even) on the exact binary value, trailing zeros dropped; NaN prints without a sign.
 * This is how ml_dtypes writes bfloat16 scalars.
 */
export function formatCxxFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value < 0 ? "-inf" : "inf";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (value === 0) return sign + "0";
  const significant = 6;
  const { digits, exponent } = dragon4(decompose(value, "float64"), {
    unique: false, fractional: false, cutoffMax: significant, cutoffMin: -1,
  });
  const trimmed = stripTrailingZeros(digits);
  if (exponent < -4 || exponent >= significant) {
    const fraction = trimmed.slice(1);
    const expText = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${trimmed[0]}${fraction ? "." + fraction : ""}e${exponent < 0 ? "-" : "+"}${expText}`;
  }
  if (exponent >= 0) {
    const whole = trimmed.length <= exponent + 1 ? trimmed + "0".repeat(exponent + 1 - trimmed.length) : trimmed.slice(0, exponent + 1);
    const fraction = trimmed.slice(exponent + 1);
    return sign + whole + (fraction ? "." + fraction : "");
  }
  return `${sign}0.${"0".repeat(-exponent - 1)}${trimmed}`;
}
