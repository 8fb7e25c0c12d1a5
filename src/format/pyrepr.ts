// Python's repr of the JS values a user passes in, for error messages that quote them as
// TensorFlow quotes Python values (`Cannot convert 1.5 to EagerTensor of dtype int32`).

/** Python's `repr(float)`: shortest round-trip digits, scientific outside [1e-4, 1e16). */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e16) {
    const s = shortestPositional(x);
    return s.includes(".") ? s : s + ".0";
  }
  // JS writes 1e+21 / 1.5e-7; Python writes 1e+21 / 1.5e-07 (two-digit exponents at least).
  const [mant, exp] = x.toExponential().split("e") as [string, string];
  const sign = exp.startsWith("-") ? "-" : "+";
  const digits = exp.replace(/^[+-]/, "").padStart(2, "0");
  return `${mant}e${sign}${digits}`;
}

function shortestPositional(x: number): string {
  const s = String(x);
  if (!s.includes("e")) return s;
  // Numbers like 1e-7 never reach here (scientific range); large ones below 1e16 print
  // positionally in JS already, so this only normalises defensive cases.
  return x.toFixed(20).replace(/\.?0+$/, "");
}

/** A JS number as a Python user would have written it: integral values without `.0`. */
export function pyNumberRepr(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : pyFloatRepr(x);
}

/** Python's repr of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Python's repr of a complex number. */
export function pyComplexRepr(re: number, im: number): string {
  const part = (v: number) => {
    const r = pyFloatRepr(v);
    return r.endsWith(".0") ? r.slice(0, -2) : r;
  };
  const imText = part(im) + "j";
  if (re === 0 && !Object.is(re, -0)) return imText;
  const sign = im < 0 || Object.is(im, -0) ? "" : "+"; // the minus comes with the digits
  return `(${part(re)}${sign}${imText})`;
}

/** Python-style repr of a nested JS input value. */
export function pyValueRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "number") return pyNumberRepr(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return String(v);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyValueRepr).join(", ")}]`;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return `array([${Array.from(v as unknown as ArrayLike<unknown>, pyValueRepr).join(", ")}])`;
  }
  if (v !== null && typeof v === "object" && "re" in v && "im" in v) {
    const c = v as { re: number; im: number };
    return pyComplexRepr(c.re, c.im);
  }
  return String(v);
}
