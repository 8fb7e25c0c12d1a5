// NumPy's array printing (numpy/_core/arrayprint.py), reproduced to the character for the
// default print options: precision 8, threshold 1000, edgeitems 3, linewidth 75,
// floatmode 'maxprec', suppress off, sign '-', legacy off.
//
// `arrayStr` is `str(arr)`, `arrayRepr` is `repr(arr)` and `pyItemRepr` is `repr(arr.item())`.
// TensorFlow's "string" dtype prints as a NumPy object array of Python `bytes`, and bfloat16
// as ml_dtypes' scalar type, which NumPy formats with its generic `repr(element)` fallback.

import type { DTypeName } from "../core/dtypes.js";
import { fromBFloat16Bits, fromHalfBits, roundHalf } from "../core/f16.js";
import type { NumericStorage, Storage, StringStorage } from "../core/storage.js";
import { ValueError } from "../errors/errors.js";
import { itemOfArrayNotSizeOne, numericArrayHoldsStrings, stringArrayNotByteStrings } from "../errors/format_messages.js";
import {
  formatCxxFloat, formatFloatPositional, formatFloatScientific, formatNumpyFloatScalar, formatPythonFloat,
  type FloatFormatOptions,
} from "./float_format.js";

/** What the printer needs of an array: dtype, shape and flat C-order storage. */
export interface PrintableArray {
  readonly dtype: DTypeName;
  readonly shape: readonly number[];
  readonly data: Storage;
}

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PRECISION = 8;
const SUMMARY = "...";

type NumpyFloatKind = "float16" | "float32" | "float64";
type ComplexDType = "complex64" | "complex128";

// ---------------------------------------------------------------------------------------
// Element access

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function numericData(a: PrintableArray): NumericStorage {
  if (Array.isArray(a.data)) throw new ValueError(numericArrayHoldsStrings(a.dtype));
  return a.data;
}

function byteStrings(a: PrintableArray): StringStorage {
  if (!Array.isArray(a.data)) throw new ValueError(stringArrayNotByteStrings());
  return a.data;
}

/** Reader of element i as a number, for float dtypes (16-bit floats are stored as bits). */
function floatReader(a: PrintableArray): (i: number) => number {
  const data = numericData(a);
  if (a.dtype === "float16") return (i) => fromHalfBits(Number(data[i]));
  if (a.dtype === "bfloat16") return (i) => fromBFloat16Bits(Number(data[i]));
  return (i) => Number(data[i]);
}

function complexParts(a: PrintableArray, i: number): [number, number] {
  const data = numericData(a);
  return [Number(data[2 * i]), Number(data[2 * i + 1])];
}

/** Integer element as a number or bigint (int64/uint64). */
function integerAt(a: PrintableArray, i: number): number | bigint {
  return numericData(a)[i]!;
}

function roundToKind(x: number, kind: NumpyFloatKind): number {
  return kind === "float16" ? roundHalf(x) : kind === "float32" ? Math.fround(x) : x;
}

/** Python's `repr(bytes)`: `b'ab'`, `b"it's"`, `b'\x00\n'`. */
export function bytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? 0x22 : 0x27;
  const parts: string[] = ["b", String.fromCharCode(quote)];
  for (const b of bytes) {
    if (b === quote || b === 0x5c) parts.push("\\" + String.fromCharCode(b));
    else if (b === 0x09) parts.push("\\t");
    else if (b === 0x0a) parts.push("\\n");
    else if (b === 0x0d) parts.push("\\r");
    else if (b < 0x20 || b >= 0x7f) parts.push("\\x" + b.toString(16).padStart(2, "0"));
    else parts.push(String.fromCharCode(b));
  }
  parts.push(String.fromCharCode(quote));
  return parts.join("");
}

// ---------------------------------------------------------------------------------------
// Element formatters (NumPy's FloatingFormat, ComplexFloatingFormat, IntegerFormat, BoolFormat)

/**
 * NumPy's FloatingFormat in 'maxprec' mode: one layout (positional or scientific, pad widths)
 * chosen from all the values shown, then applied to each. Returns the texts in input order.
 */
function formatFloatColumn(values: readonly number[], kind: NumpyFloatKind, plusSign: boolean): string[] {
  let maxAbs = 0;
  let minAbs = Infinity;
  let finiteCount = 0;
  let negativeInf = plusSign;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      if (v === -Infinity) negativeInf = true;
      continue;
    }
    finiteCount++;
    if (v === 0) continue;
    const abs = Math.abs(v);
    if (abs > maxAbs) maxAbs = abs;
    if (abs < minAbs) minAbs = abs;
  }
  // NumPy compares in the array's dtype (NEP 50): 1e-4 and the ratio are rounded to it, and
  // the large-value cutoff is 10**min(8, decimal precision of the dtype).
  const largeCutoff = kind === "float16" ? 1e3 : kind === "float32" ? 1e6 : 1e8;
  const scientific = maxAbs > 0 && (maxAbs >= largeCutoff || minAbs < roundToKind(1e-4, kind) ||
    roundToKind(maxAbs / minAbs, kind) > 1000);

  // First pass: each value alone, at most PRECISION digits, to measure the columns.
  const measure: FloatFormatOptions = {
    precision: PRECISION, minDigits: -1, unique: true, trim: ".", sign: plusSign, padLeft: -1, padRight: -1, expDigits: -1,
  };
  const firstPass: string[] = new Array<string>(values.length);
  let padLeft = 0;
  let padRight = 0;
  let fractionWidth = 0;
  let expWidth = 0;
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const text = scientific ? formatFloatScientific(v, kind, measure) : formatFloatPositional(v, kind, measure);
    const point = text.indexOf(".");
    padLeft = Math.max(padLeft, point);
    if (scientific) {
      const e = text.indexOf("e");
      fractionWidth = Math.max(fractionWidth, e - point - 1);
      expWidth = Math.max(expWidth, text.length - e - 2);
    } else {
      padRight = Math.max(padRight, text.length - point - 1);
    }
    firstPass[i] = text;
  });
  if (scientific) padRight = expWidth + 2 + fractionWidth;
  if (finiteCount !== values.length) {
    // Make room for nan/inf (and a sign on -inf) in the same column width.
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negativeInf ? 1 : 0) - offset);
  }

  // Second pass. Scientific: every value gets the widest fraction, digits beyond its own
  // shortest included. Positional: NumPy reformats with padding only; its digits cannot differ
  // from the first pass (every value is below 1e8, so no integer digit is left to extend).
  const scientificLayout: FloatFormatOptions = {
    precision: fractionWidth, minDigits: fractionWidth, unique: true, trim: "k", sign: plusSign,
    padLeft, padRight: -1, expDigits: expWidth,
  };
  const width = padLeft + padRight + 1;
  return values.map((v, i) => {
    if (!Number.isFinite(v)) {
      const text = Number.isNaN(v) ? (plusSign ? "+nan" : "nan") : (v < 0 ? "-" : plusSign ? "+" : "") + "inf";
      return text.padStart(width);
    }
    if (scientific) return formatFloatScientific(v, kind, scientificLayout);
    const text = firstPass[i]!;
    const point = text.indexOf(".");
    return " ".repeat(padLeft - point) + text + " ".repeat(padRight - (text.length - point - 1));
  });
}

function complexKind(dtype: ComplexDType): NumpyFloatKind {
  return dtype === "complex64" ? "float32" : "float64";
}

/** Texts of the given elements (flat indices), formatted together as NumPy does. */
function formatElements(a: PrintableArray, shown: readonly number[], zeroDim: boolean): string[] {
  switch (a.dtype) {
    case "float16":
    case "float32":
    case "float64": {
      const read = floatReader(a);
      return formatFloatColumn(shown.map(read), a.dtype, false);
    }
    case "bfloat16": {
      // Not a NumPy float: NumPy falls back to repr() of each element, unpadded.
      const read = floatReader(a);
      return shown.map((i) => formatCxxFloat(read(i)));
    }
    case "complex64":
    case "complex128": {
      const kind = complexKind(a.dtype);
      const data = numericData(a);
      const real = formatFloatColumn(shown.map((i) => Number(data[2 * i])), kind, false);
      const imag = formatFloatColumn(shown.map((i) => Number(data[2 * i + 1])), kind, true);
      return real.map((re, k) => {
        // The 'j' goes before the imaginary part's right padding.
        const im = imag[k]!;
        const end = im.trimEnd().length;
        return re + im.slice(0, end) + "j" + im.slice(end);
      });
    }
    case "bool": {
      const data = numericData(a);
      // " True" lines up with "False", except in 0-d arrays.
      const trueText = zeroDim ? "True" : " True";
      return shown.map((i) => (data[i] ? trueText : "False"));
    }
    case "string": {
      const strings = byteStrings(a);
      return shown.map((i) => bytesRepr(strings[i]!));
    }
    default: {
      // Integers: right-aligned to the widest shown value.
      const data = numericData(a);
      const texts = shown.map((i) => String(data[i]));
      let width = 0;
      for (const t of texts) width = Math.max(width, t.length);
      return texts.map((t) => t.padStart(width));
    }
  }
}

// ---------------------------------------------------------------------------------------
// Layout (NumPy's _formatArray)

function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = stride;
    stride *= shape[k]!;
  }
  return strides;
}

/** Indices shown along an axis: all of them, or the first and last `EDGE_ITEMS` when summarising. */
function shownAlongAxis(length: number, summarise: boolean): number[] {
  const out: number[] = [];
  if (summarise && length > 2 * EDGE_ITEMS) {
    for (let i = 0; i < EDGE_ITEMS; i++) out.push(i);
    for (let i = length - EDGE_ITEMS; i < length; i++) out.push(i);
  } else {
    for (let i = 0; i < length; i++) out.push(i);
  }
  return out;
}

/** Flat indices of the printed elements in C order (NumPy's _leading_trailing). */
function shownFlatIndices(shape: readonly number[], perAxis: readonly (readonly number[])[]): number[] {
  const strides = cStrides(shape);
  const out: number[] = [];
  const walk = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(offset);
      return;
    }
    for (const i of perAxis[axis]!) walk(axis + 1, offset + i * strides[axis]!);
  };
  walk(0, 0);
  return out;
}

/** NumPy's array2string for a non-empty array: nested brackets, wrapping and summarisation. */
function array2string(a: PrintableArray, lineWidth: number, separator: string, prefix: string): string {
  const ndim = a.shape.length;
  const summarise = sizeOf(a.shape) > THRESHOLD;
  const perAxis = a.shape.map((length) => shownAlongAxis(length, summarise));
  const texts = formatElements(a, shownFlatIndices(a.shape, perAxis), ndim === 0);
  // Walk the shown elements only: `texts` is that sub-array in C order.
  const shownShape = perAxis.map((indices) => indices.length);
  const shownStrides = cStrides(shownShape);
  const separatorEnd = separator.trimEnd();

  const recurse = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    if (axis === ndim) return texts[offset]!;
    // Nested rows are indented one more column and must leave room for the closing bracket.
    const nextIndent = hangingIndent + " ";
    const nextWidth = width - 1;
    const length = shownShape[axis]!;
    const stride = shownStrides[axis]!;
    const showSummary = length < a.shape[axis]!;
    const leadingCount = showSummary ? EDGE_ITEMS : 0;
    const trailingCount = showSummary ? EDGE_ITEMS : length;
    const item = (i: number): string => recurse(axis + 1, offset + i * stride, nextIndent, nextWidth);

    let s = "";
    if (axis === ndim - 1) {
      // Innermost axis: words separated by `separator`, wrapped before exceeding the width.
      const elementWidth = width - Math.max(separatorEnd.length, 1);
      let line = hangingIndent;
      const extend = (word: string): void => {
        if (line.length + word.length > elementWidth && line.length > hangingIndent.length) {
          s += line.trimEnd() + "\n";
          line = hangingIndent;
        }
        line += word;
      };
      for (let i = 0; i < leadingCount; i++) {
        extend(item(i));
        line += separator;
      }
      if (showSummary) {
        extend(SUMMARY);
        line += separator;
      }
      for (let i = trailingCount; i > 1; i--) {
        extend(item(length - i));
        line += separator;
      }
      extend(item(length - 1));
      s += line;
    } else {
      // Outer axes: one nested block per line, blank lines between blocks of rank ≥ 3.
      const lineSeparator = separatorEnd + "\n".repeat(ndim - axis - 1);
      for (let i = 0; i < leadingCount; i++) s += hangingIndent + item(i) + lineSeparator;
      if (showSummary) s += hangingIndent + SUMMARY + lineSeparator;
      for (let i = trailingCount; i > 1; i--) s += hangingIndent + item(length - i) + lineSeparator;
      s += hangingIndent + item(length - 1);
    }
    return "[" + s.slice(hangingIndent.length) + "]";
  };
  return recurse(0, 0, " " + " ".repeat(prefix.length), lineWidth);
}

// ---------------------------------------------------------------------------------------
// Scalars

function complexScalarText(
  re: number, im: number, part: (x: number, options: { sign?: boolean; dropPoint?: boolean }) => string,
): string {
  // A +0 real part is left out entirely: 1j, -1j, nanj.
  if (re === 0 && !Object.is(re, -0)) return part(im, { dropPoint: true }) + "j";
  const reText = Number.isFinite(re) ? part(re, { dropPoint: true }) : Number.isNaN(re) ? "nan" : re > 0 ? "inf" : "-inf";
  const imText = Number.isFinite(im) ? part(im, { dropPoint: true, sign: true })
    : Number.isNaN(im) ? "+nan" : im > 0 ? "+inf" : "-inf";
  return `(${reText}${imText}j)`;
}

/** `str()` of the NumPy scalar at flat index i. */
function scalarStr(a: PrintableArray, i: number): string {
  switch (a.dtype) {
    case "float16":
    case "float32":
    case "float64":
      return formatNumpyFloatScalar(floatReader(a)(i), a.dtype);
    case "bfloat16":
      return formatCxxFloat(floatReader(a)(i));
    case "complex64":
    case "complex128": {
      const kind = complexKind(a.dtype);
      const [re, im] = complexParts(a, i);
      return complexScalarText(re, im, (x, options) => formatNumpyFloatScalar(x, kind, options));
    }
    case "bool":
      return numericData(a)[i] ? "True" : "False";
    case "string":
      return bytesRepr(byteStrings(a)[i]!);
    default:
      return String(integerAt(a, i));
  }
}

// ---------------------------------------------------------------------------------------
// Public API

function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** NumPy's dtype name in `dtype=...` (TensorFlow strings are object arrays of bytes). */
function numpyDtypeName(dtype: DTypeName): string {
  return dtype === "string" ? "object" : dtype;
}

/** Dtypes whose repr needs no `dtype=` (NumPy's defaults for Python int/float/complex/bool). */
const IMPLIED_DTYPES: ReadonlySet<DTypeName> = new Set<DTypeName>(["float64", "int64", "complex128", "bool"]);

/** NumPy's `str(arr)`; a 0-d array prints as its scalar (`0.1`, `True`, `(5+4j)`, `b'x'`). */
export function arrayStr(a: PrintableArray): string {
  if (a.shape.length === 0) return scalarStr(a, 0);
  if (sizeOf(a.shape) === 0) return "[]";
  return array2string(a, LINE_WIDTH, " ", "");
}

/** NumPy's `repr(arr)`: `array([1., 2.], dtype=float32)`, with `shape=` when it cannot be seen. */
export function arrayRepr(a: PrintableArray): string {
  const prefix = "array(";
  const size = sizeOf(a.shape);
  // The closing ")" must fit on the last line too, so rows wrap one column earlier.
  const body = size === 0 ? "[]" : array2string(a, LINE_WIDTH - 1, ", ", prefix);
  const extras: string[] = [];
  if ((size === 0 && !(a.shape.length === 1 && a.shape[0] === 0)) || size > THRESHOLD) {
    extras.push(`shape=${shapeRepr(a.shape)}`);
  }
  if (!IMPLIED_DTYPES.has(a.dtype) || size === 0) extras.push(`dtype=${numpyDtypeName(a.dtype)}`);
  if (extras.length === 0) return prefix + body + ")";
  const head = prefix + body + ",";
  const extraText = extras.join(", ") + ")";
  const lastLineLength = head.length - (head.lastIndexOf("\n") + 1);
  const spacer = lastLineLength + extraText.length + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length) : " ";
  return head + spacer + extraText;
}

/**
 * Python's `repr(arr.item())` for a one-element array: float32 0.1 -> `0.10000000149011612`,
 * `True`, `5`, `(5+4j)`, `b'x'`. bfloat16 has no Python counterpart and prints as its scalar.
 */
export function pyItemRepr(a: PrintableArray): string {
  if (sizeOf(a.shape) !== 1) throw new ValueError(itemOfArrayNotSizeOne());
  switch (a.dtype) {
    case "float16":
    case "float32":
    case "float64":
      return formatPythonFloat(floatReader(a)(0));
    case "complex64":
    case "complex128": {
      const [re, im] = complexParts(a, 0);
      return complexScalarText(re, im, formatPythonFloat);
    }
    default:
      return scalarStr(a, 0);
  }
}

/**
 * NumPy 2's repr of the scalar of a rank-0 array: `np.float32(6.0)`, `np.int32(6)`, `np.True_`,
 * `np.complex64(1+2j)`. Strings are TensorFlow's Python bytes (`b'abc'`); bfloat16 is
 * ml_dtypes' scalar, whose repr is its str.
 */
export function numpyScalarRepr(a: PrintableArray): string {
  if (sizeOf(a.shape) !== 1) throw new ValueError(itemOfArrayNotSizeOne());
  const text = scalarStr(a, 0);
  switch (a.dtype) {
    case "string": case "bfloat16": return text;
    case "bool": return text === "True" ? "np.True_" : "np.False_";
    case "complex64": case "complex128":
      return `np.${a.dtype}(${text.startsWith("(") ? text.slice(1, -1) : text})`;
    default: return `np.${a.dtype}(${text})`;
  }
}
