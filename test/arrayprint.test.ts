// NumPy array printing: hand-written cases, bfloat16 unit cases, and differential tests that
// send thousands of seeded random arrays (and float values) to one python3 + numpy process and
// compare every string it prints with ours.
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import assert from "node:assert/strict";
import type { DTypeName } from "tsflow/internal/core/dtypes";
import { toBFloat16Bits, toHalfBits } from "tsflow/internal/core/f16";
import { arrayRepr, arrayStr, pyItemRepr, type PrintableArray } from "tsflow/internal/format/arrayprint";
import {
  formatCxxFloat, formatFloatPositional, formatFloatScientific, formatNumpyFloatScalar, formatPythonFloat,
  type FloatKind,
} from "tsflow/internal/format/float_format";

// ---------------------------------------------------------------------------------------
// Helpers

const utf8 = new TextEncoder();

function f32(shape: number[], values: number[]): PrintableArray {
  return { dtype: "float32", shape, data: Float32Array.from(values) };
}

function bf16(shape: number[], values: number[]): PrintableArray {
  return { dtype: "bfloat16", shape, data: Uint16Array.from(values.map(toBFloat16Bits)) };
}

/** Seeded PRNG (mulberry32): the same arrays on every run. */
class Rng {
  private state: number;
  constructor(seed: number) { this.state = seed >>> 0; }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]!; }
  uint32(): number { return Math.floor(this.next() * 4294967296); }
  bigBits64(): bigint { return (BigInt(this.uint32()) << 32n) | BigInt(this.uint32()); }
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

function describe(a: PrintableArray): string {
  const data = Array.isArray(a.data) ? a.data.map((b) => toHex(b)) : Array.from(a.data as Iterable<number | bigint>, String);
  const shown = data.length > 40 ? [...data.slice(0, 20), "…", ...data.slice(-20)] : data;
  return `dtype=${a.dtype} shape=(${a.shape.join(", ")}) data=[${shown.join(", ")}]`;
}

// ---------------------------------------------------------------------------------------
// The python3 + numpy oracle

const PYTHON_ORACLE = String.raw`
import sys, json
import numpy as np
import numpy._core.arrayprint as arrayprint

NUMPY_DTYPES = {
    "float16": "<f2", "float32": "<f4", "float64": "<f8",
    "int8": "i1", "int16": "<i2", "int32": "<i4", "int64": "<i8",
    "uint8": "u1", "uint16": "<u2", "uint32": "<u4", "uint64": "<u8",
    "bool": "?", "complex64": "<c8", "complex128": "<c16",
}

class GenericScalar:
    """Stands in for an ml_dtypes bfloat16 scalar: NumPy prints such elements with repr()."""
    def __init__(self, text):
        self.text = text
    def __repr__(self):
        return self.text

def object_array(items, shape):
    flat = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        flat[i] = item
    return flat.reshape(shape)

def build(case):
    shape = tuple(case["shape"])
    dtype = case["dtype"]
    if dtype == "string":
        return object_array([bytes.fromhex(h) for h in case["data"]], shape)
    if dtype == "bfloat16":
        bits = np.frombuffer(bytes.fromhex(case["data"]), dtype="<u2").astype("<u4") << 16
        values = bits.view("<f4")
        return object_array([GenericScalar("%g" % float(v)) for v in values], shape)
    return np.frombuffer(bytes.fromhex(case["data"]), dtype=NUMPY_DTYPES[dtype]).reshape(shape)

def generic_repr(a):
    """repr() of the stand-in array, with the dtype ml_dtypes would show (it sizes the wrap)."""
    numpy_short_repr = arrayprint.dtype_short_repr
    arrayprint.dtype_short_repr = lambda dtype: "bfloat16"
    try:
        return repr(a)
    finally:
        arrayprint.dtype_short_repr = numpy_short_repr

def print_arrays(cases):
    out = []
    for case in cases:
        a = build(case)
        result = {"str": str(a), "repr": generic_repr(a) if case["dtype"] == "bfloat16" else repr(a)}
        if a.size == 1 and case["dtype"] != "bfloat16":
            result["item"] = repr(a.item())
        out.append(result)
    return out

def format_values(batch):
    values = np.frombuffer(bytes.fromhex(batch["data"]), dtype=NUMPY_DTYPES[batch["kind"]])
    out = []
    for x, p in zip(values, batch["precisions"]):
        out.append([
            str(x),
            repr(float(x)),
            np.format_float_positional(x, precision=8, unique=True, fractional=True, trim="."),
            np.format_float_scientific(x, precision=8, unique=True, trim="."),
            np.format_float_scientific(x, precision=p, min_digits=p, unique=True, trim="k"),
            np.format_float_positional(x, precision=p + 2, unique=True, fractional=True, trim="k"),
            np.format_float_positional(x, precision=p + 2, min_digits=p, unique=True, fractional=True, trim="k"),
        ])
    return out

request = json.load(sys.stdin)
json.dump({
    "arrays": print_arrays(request["arrays"]),
    "values": [format_values(b) for b in request["values"]],
}, sys.stdout)
`;

interface OracleArray { str: string; repr: string; item?: string }
interface ValueBatch { kind: "float16" | "float32" | "float64"; values: number[]; precisions: number[] }
interface OracleReply { arrays: OracleArray[]; values: string[][][] }

function wireCase(a: PrintableArray): { dtype: DTypeName; shape: readonly number[]; data: string | string[] } {
  if (Array.isArray(a.data)) return { dtype: a.dtype, shape: a.shape, data: a.data.map((b) => toHex(b)) };
  const typed = a.data;
  return { dtype: a.dtype, shape: a.shape, data: toHex(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength)) };
}

function wireBatch(b: ValueBatch): { kind: string; data: string; precisions: number[] } {
  const bytes = b.kind === "float16" ? new Uint8Array(Uint16Array.from(b.values.map(toHalfBits)).buffer)
    : b.kind === "float32" ? new Uint8Array(Float32Array.from(b.values).buffer)
    : new Uint8Array(Float64Array.from(b.values).buffer);
  return { kind: b.kind, data: toHex(bytes), precisions: b.precisions };
}

function pythonWithNumpy(): boolean {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  return probe.status === 0;
}

function askNumpy(arrays: PrintableArray[], batches: ValueBatch[]): OracleReply {
  const input = JSON.stringify({ arrays: arrays.map(wireCase), values: batches.map(wireBatch) });
  const run = spawnSync("python3", ["-c", PYTHON_ORACLE], { input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleReply;
}

// ---------------------------------------------------------------------------------------
// Random arrays

const DIFFERENTIAL_DTYPES: readonly DTypeName[] = [
  "float16", "float32", "float64", "int8", "int16", "int32", "int64",
  "uint8", "uint16", "uint32", "uint64", "bool", "complex64", "complex128", "string", "bfloat16",
];

function randomShape(rng: Rng): number[] {
  switch (rng.pick(["scalar", "small", "small", "small", "zero", "large", "wide", "wide"] as const)) {
    case "scalar":
      return [];
    case "small": {
      const rank = rng.int(1, 5);
      return Array.from({ length: rank }, () => rng.int(1, rank >= 4 ? 3 : 5));
    }
    case "zero": {
      const rank = rng.int(1, 4);
      const shape = Array.from({ length: rank }, () => rng.int(0, 3));
      shape[rng.int(0, rank - 1)] = 0;
      return shape;
    }
    case "large": {
      const rank = rng.int(1, 5);
      if (rank === 1) return [rng.int(1001, 3000)];
      for (;;) {
        const shape = Array.from({ length: rank }, () => rng.int(1, rank === 2 ? 80 : rank === 3 ? 20 : 9));
        const size = shape.reduce((p, d) => p * d, 1);
        if (size > 1000 && size <= 8000) return shape;
      }
    }
    case "wide": {
      const rank = rng.int(1, 3);
      const row = rng.int(8, 60);
      return rank === 1 ? [row] : rank === 2 ? [rng.int(1, 4), row] : [2, rng.int(1, 3), row];
    }
  }
}

type FloatStyle = "magnitude" | "integers" | "decimals" | "ties" | "bits" | "boundary" | "nonfinite" | "zeros" | "powers";
const FLOAT_STYLES: readonly FloatStyle[] = [
  "magnitude", "magnitude", "magnitude", "integers", "integers", "decimals", "ties", "bits", "boundary",
  "nonfinite", "zeros", "powers",
];

/** A value generator for one array: every array mixes values of one character. */
function floatSource(rng: Rng, kind: FloatKind): () => number {
  const style = rng.pick(FLOAT_STYLES);
  const negative = rng.pick([0, 0.3, 0.5, 1]);
  const specials = rng.pick([0, 0, 0.05, 0.2]);
  const lo = rng.int(-10, 12);
  const hi = Math.min(12, lo + rng.int(0, 8));
  const base = (): number => {
    switch (style) {
      case "magnitude": return 10 ** (lo + rng.next() * (hi - lo));
      case "integers": return rng.int(0, rng.pick([1, 10, 100, 1000, 100000, 1e8]));
      case "decimals": return rng.int(0, 100000) / 10 ** rng.int(0, 6);
      case "ties": return rng.int(0, 5000) / 2 ** rng.int(9, 14);
      case "powers": return 2 ** rng.int(-30, 40);
      case "boundary": return rng.pick([1e-4, Math.fround(1e-4), 9.999e-5, 1e8, 99999999.5, 1e6, 999999.9, 1e3, 999.5,
        1000.0001, 1e16, 0.1, 1, 1.5, 0.001953125, 65504, 123456789]) * rng.pick([1, 1, 1000, 1e-3]);
      case "bits":
        if (kind === "float64") {
          const view = new DataView(new ArrayBuffer(8));
          view.setBigUint64(0, rng.bigBits64());
          return view.getFloat64(0);
        }
        if (kind === "float32") return new Float32Array(new Uint32Array([rng.uint32()]).buffer)[0]!;
        return rng.next() * 65504;
      case "nonfinite": return rng.pick([NaN, Infinity, -Infinity]);
      case "zeros": return rng.pick([0, -0]);
    }
  };
  return () => {
    if (specials > 0 && rng.chance(specials)) return rng.pick([NaN, Infinity, -Infinity, -0, 0]);
    const v = base();
    return rng.chance(negative) ? -v : v;
  };
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-2147483648n, 2147483647n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], uint8: [0n, 255n], uint16: [0n, 65535n],
  uint32: [0n, 4294967295n], uint64: [0n, 2n ** 64n - 1n],
};

function integerSource(rng: Rng, dtype: DTypeName): () => bigint {
  const [min, max] = INT_RANGES[dtype]!;
  const style = rng.pick(["full", "small", "mixed", "extremes"] as const);
  const span = max - min + 1n;
  return () => {
    switch (style) {
      case "full": return min + (rng.bigBits64() % span);
      case "small": return BigInt(rng.int(0, 100));
      case "mixed": return min < 0n ? BigInt(rng.int(-1000, 1000)) % (max + 1n) : BigInt(rng.int(0, 1000)) % (max + 1n);
      case "extremes": return rng.pick([min, max, 0n, min < 0n ? -1n : 1n]);
    }
  };
}

const BYTE_PALETTE = [..."abcXYZ019 ~"].map((c) => c.charCodeAt(0)).concat([0x27, 0x22, 0x5c, 0x0a, 0x09, 0x0d, 0x00, 0x7f, 0x80, 0xff, 0x1b]);

function randomBytes(rng: Rng): Uint8Array {
  // Mostly short; now and then longer than a line, which NumPy never wraps inside.
  const length = rng.chance(0.05) ? rng.int(20, 45) : rng.int(0, 10);
  const quoteHeavy = rng.chance(0.3);
  return Uint8Array.from({ length }, () =>
    quoteHeavy && rng.chance(0.5) ? rng.pick([0x27, 0x22]) : rng.chance(0.2) ? rng.int(0, 255) : rng.pick(BYTE_PALETTE));
}

function randomArray(rng: Rng, dtype: DTypeName): PrintableArray {
  const shape = randomShape(rng);
  const size = shape.reduce((p, d) => p * d, 1);
  switch (dtype) {
    case "float16": case "bfloat16": case "float32": case "float64": {
      const next = floatSource(rng, dtype === "bfloat16" ? "float32" : dtype);
      const values = Array.from({ length: size }, next);
      const data = dtype === "float16" ? Uint16Array.from(values.map(toHalfBits))
        : dtype === "bfloat16" ? Uint16Array.from(values.map(toBFloat16Bits))
        : dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values);
      return { dtype, shape, data };
    }
    case "complex64": case "complex128": {
      const kind = dtype === "complex64" ? "float32" : "float64";
      const real = floatSource(rng, kind);
      const imag = rng.chance(0.3) ? real : floatSource(rng, kind);
      const values = Array.from({ length: 2 * size }, (_, i) => (i % 2 === 0 ? real() : imag()));
      return { dtype, shape, data: dtype === "complex64" ? Float32Array.from(values) : Float64Array.from(values) };
    }
    case "bool": {
      const p = rng.pick([0, 0.5, 1, 0.1]);
      return { dtype, shape, data: Uint8Array.from({ length: size }, () => (rng.chance(p) ? 1 : 0)) };
    }
    case "string":
      return { dtype, shape, data: Array.from({ length: size }, () => randomBytes(rng)) };
    default: {
      const next = integerSource(rng, dtype);
      const values = Array.from({ length: size }, next);
      switch (dtype) {
        case "int8": return { dtype, shape, data: Int8Array.from(values, Number) };
        case "int16": return { dtype, shape, data: Int16Array.from(values, Number) };
        case "int32": return { dtype, shape, data: Int32Array.from(values, Number) };
        case "int64": return { dtype, shape, data: BigInt64Array.from(values) };
        case "uint8": return { dtype, shape, data: Uint8Array.from(values, Number) };
        case "uint16": return { dtype, shape, data: Uint16Array.from(values, Number) };
        case "uint32": return { dtype, shape, data: Uint32Array.from(values, Number) };
        default: return { dtype, shape, data: BigUint64Array.from(values) };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// Float value batches (digit generation in every mode printing uses)

function valueBatches(rng: Rng): ValueBatch[] {
  const precisions = (n: number): number[] => Array.from({ length: n }, () => rng.int(0, 8));
  // Every finite float16.
  const halves: number[] = [];
  const halfView = new Uint16Array(1);
  for (let bits = 0; bits < 0x10000; bits++) {
    halfView[0] = bits;
    if ((bits & 0x7c00) === 0x7c00) continue;
    const exp = (bits >> 10) & 0x1f;
    const mant = bits & 0x3ff;
    const magnitude = exp === 0 ? mant * 2 ** -24 : (1 + mant / 1024) * 2 ** (exp - 15);
    halves.push(bits & 0x8000 ? -magnitude : magnitude);
  }
  const singles: number[] = [];
  const doubles: number[] = [];
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8000; i++) {
    singles.push(new Float32Array(new Uint32Array([rng.uint32()]).buffer)[0]!);
    singles.push(Math.fround(10 ** (rng.next() * 24 - 12)));
    view.setBigUint64(0, rng.bigBits64());
    doubles.push(view.getFloat64(0));
    doubles.push(10 ** (rng.next() * 30 - 15));
    doubles.push(rng.int(1, 2 ** 20) / 2 ** rng.int(0, 40)); // dyadic values: exact ties at cutoffs
  }
  for (let e = -149; e <= 127; e++) singles.push(2 ** e, 2 ** e * 1.5);
  for (let e = -1074; e <= 1023; e++) doubles.push(2 ** e);
  for (let k = -30; k <= 30; k++) doubles.push(Number(`1e${k}`), Number(`9.999999999999999e${k}`));
  const finite = (v: number): boolean => Number.isFinite(v);
  const f = singles.map(Math.fround).filter(finite);
  const d = doubles.filter(finite);
  return [
    { kind: "float16", values: halves, precisions: precisions(halves.length) },
    { kind: "float32", values: f, precisions: precisions(f.length) },
    { kind: "float64", values: d, precisions: precisions(d.length) },
  ];
}

function ourValueFormats(x: number, kind: "float16" | "float32" | "float64", p: number): string[] {
  return [
    formatNumpyFloatScalar(x, kind),
    formatPythonFloat(x),
    formatFloatPositional(x, kind, { precision: 8, unique: true, trim: "." }),
    formatFloatScientific(x, kind, { precision: 8, unique: true, trim: "." }),
    formatFloatScientific(x, kind, { precision: p, minDigits: p, unique: true, trim: "k" }),
    formatFloatPositional(x, kind, { precision: p + 2, unique: true, trim: "k" }),
    formatFloatPositional(x, kind, { precision: p + 2, minDigits: p, unique: true, trim: "k" }),
  ];
}

// ---------------------------------------------------------------------------------------
// Tests

test("hand-written cases from the guide", () => {
  assert.equal(arrayStr(f32([2, 2], [1, 2, 3, 4])), "[[1. 2.]\n [3. 4.]]");
  assert.equal(arrayRepr(f32([2, 2], [1, 2, 3, 4])), "array([[1., 2.],\n       [3., 4.]], dtype=float32)");
  assert.equal(arrayStr(f32([2], [5, 6])), "[5. 6.]");
  assert.equal(arrayStr({ dtype: "bool", shape: [2, 2], data: new Uint8Array(4) }), "[[False False]\n [False False]]");
  assert.equal(arrayStr(f32([2, 3], [1, 4, 9, 4, 10, 18])), "[[ 1.  4.  9.]\n [ 4. 10. 18.]]");
  assert.equal(arrayStr({ dtype: "int64", shape: [2], data: BigInt64Array.from([1n, 1n]) }), "[1 1]");
  assert.equal(arrayRepr({ dtype: "int64", shape: [2], data: BigInt64Array.from([1n, 1n]) }), "array([1, 1])");
});

test("scalars, empty arrays and Python item reprs", () => {
  assert.equal(arrayStr(f32([], [0.1])), "0.1");
  assert.equal(arrayStr(f32([], [1e20])), "1e+20");
  assert.equal(arrayStr({ dtype: "float64", shape: [], data: Float64Array.from([1]) }), "1.0");
  assert.equal(arrayRepr(f32([], [1.5])), "array(1.5, dtype=float32)");
  assert.equal(pyItemRepr(f32([], [0.1])), "0.10000000149011612");
  assert.equal(pyItemRepr(f32([1], [1e20])), "1.0000000200408773e+20");
  assert.equal(pyItemRepr({ dtype: "complex64", shape: [], data: Float32Array.from([5, 4]) }), "(5+4j)");
  assert.equal(pyItemRepr({ dtype: "complex128", shape: [], data: Float64Array.from([0, 1]) }), "1j");
  assert.equal(pyItemRepr({ dtype: "complex128", shape: [], data: Float64Array.from([-0, -1]) }), "(-0-1j)");
  assert.equal(pyItemRepr({ dtype: "string", shape: [], data: [utf8.encode("x")] }), "b'x'");
  assert.equal(arrayRepr({ dtype: "uint8", shape: [0, 3], data: new Uint8Array(0) }), "array([], shape=(0, 3), dtype=uint8)");
  assert.equal(arrayRepr(f32([0], [])), "array([], dtype=float32)");
  assert.equal(arrayStr(f32([2, 0], [])), "[]");
  assert.throws(() => pyItemRepr(f32([2], [1, 2])), { name: "ValueError" });
});

test("bfloat16 prints each element as C++ ostream does (%g), unpadded", () => {
  assert.equal(arrayStr(bf16([2], [1.5, 2])), "[1.5 2]");
  assert.equal(arrayRepr(bf16([2], [1.5, 2])), "array([1.5, 2], dtype=bfloat16)");
  assert.equal(arrayStr(bf16([], [3.140625])), "3.14062"); // exact tie at 6 digits: to even
  assert.equal(pyItemRepr(bf16([], [3.140625])), "3.14062");
  assert.equal(arrayRepr(bf16([], [1.5])), "array(1.5, dtype=bfloat16)");
  assert.equal(formatCxxFloat(9999220736), "9.99922e+09"); // 1e10 rounded to bfloat16
  assert.equal(arrayStr(bf16([], [1e10])), "9.99922e+09");
  assert.equal(arrayStr(bf16([5], [1e5, 1e6, 1e7, 1e-5, 1e-4])), "[99840 999424 1.0027e+07 1.00136e-05 0.000100136]");
  assert.equal(arrayStr({ dtype: "bfloat16", shape: [5], data: Uint16Array.from([0x7fc0, 0xffc0, 0x7f80, 0xff80, 0x8000]) }),
    "[nan nan inf -inf -0]");
  assert.equal(arrayStr(bf16([2, 2], [1, -2, 0.5, 0.25])), "[[1 -2]\n [0.5 0.25]]");
  const long = bf16([2000], new Array<number>(2000).fill(1.5));
  assert.equal(arrayStr(long), "[1.5 1.5 1.5 ... 1.5 1.5 1.5]");
  assert.equal(arrayRepr(long), "array([1.5, 1.5, 1.5, ..., 1.5, 1.5, 1.5], shape=(2000,), dtype=bfloat16)");
  assert.equal(arrayRepr(bf16([0], [])), "array([], dtype=bfloat16)");
});


test("differential against python3 + numpy", async (t) => {
  if (!pythonWithNumpy()) {
    t.skip("python3 with numpy not found");
    return;
  }
  const rng = new Rng(20240611);
  const perDtype = 50;
  const arrays: PrintableArray[] = [];
  for (const dtype of DIFFERENTIAL_DTYPES) for (let i = 0; i < perDtype; i++) arrays.push(randomArray(rng, dtype));
  // Extra floats and complex: they carry most of the formatting rules.
  for (let i = 0; i < 150; i++) arrays.push(randomArray(rng, rng.pick(["float16", "float32", "float64", "complex64", "complex128"])));
  const batches = valueBatches(rng);
  const reply = askNumpy(arrays, batches);
  assert.equal(reply.arrays.length, arrays.length);

  for (const dtype of DIFFERENTIAL_DTYPES) {
    await t.test(`random ${dtype} arrays: str, repr, item`, () => {
      let compared = 0;
      arrays.forEach((a, i) => {
        if (a.dtype !== dtype) return;
        const expected = reply.arrays[i]!;
        const what = describe(a);
        assert.equal(arrayStr(a), expected.str, `str of ${what}`);
        assert.equal(arrayRepr(a), expected.repr, `repr of ${what}`);
        if (expected.item !== undefined) assert.equal(pyItemRepr(a), expected.item, `repr(item()) of ${what}`);
        compared++;
      });
      assert.ok(compared >= perDtype);
    });
  }

  for (const [b, batch] of batches.entries()) {
    await t.test(`${batch.kind} digits: scalar str, repr(float), positional and scientific modes (${batch.values.length} values)`, () => {
      const expected = reply.values[b]!;
      batch.values.forEach((x, i) => {
        const ours = ourValueFormats(x, batch.kind, batch.precisions[i]!);
        const theirs = expected[i]!;
        for (let k = 0; k < ours.length; k++) {
          assert.equal(ours[k], theirs[k], `format #${k} of ${batch.kind} ${x} (precision ${batch.precisions[i]})`);
        }
      });
    });
  }
});
