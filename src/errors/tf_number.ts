// Numbers as TensorFlow's C++ messages print them (StrCat of a float or double), for the
// messages that quote an attribute's value.
import { float64, type DType } from "../core/dtypes.js";

/** C's printf("%.{precision}g", x). */
function formatG(x: number, precision: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mant, expText] = x.toExponential(precision - 1).split("e") as [string, string];
  const exp = Number(expText);
  const strip = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= precision) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${strip(mant)}e${exp < 0 ? "-" : "+"}${e}`;
  }
  return strip(x.toFixed(Math.max(0, precision - 1 - exp)));
}

/** A value as TensorFlow's StrCat writes it: shortest of %.6g/%.9g (float), %.15g/%.17g (double). */
export function tfNumberString(v: number | bigint, dtype: DType): string {
  if (typeof v === "bigint" || dtype.isInteger) return String(v);
  if (dtype === float64) {
    const s = formatG(v, 15);
    return Number(s) === v || Number.isNaN(v) ? s : formatG(v, 17);
  }
  const s = formatG(v, 6);
  return Math.fround(Number(s)) === v || Number.isNaN(v) ? s : formatG(v, 9);
}
