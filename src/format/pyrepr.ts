// Python's repr of the JS values a user passes in, for error messages that quote them as
// TensorFlow quotes Python values (`Cannot convert 1.5 to EagerTensor of dtype int32`).
import { pyItemRepr } from "./arrayprint.js";
import { formatPythonFloat } from "./float_format.js";

/** A JS number as a Python user would have written it: integral values without `.0`. */
export function pyNumberRepr(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : formatPythonFloat(x);
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
    return pyItemRepr({ dtype: "complex128", shape: [], data: Float64Array.of(c.re, c.im) });
  }
  return String(v);
}
