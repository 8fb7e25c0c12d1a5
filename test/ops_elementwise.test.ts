// Elementwise ops against python3 + numpy: every op, every dtype TensorFlow's CPU kernels
// accept (bfloat16 against float32 arithmetic rounded to bfloat16, as TensorFlow computes it),
// random fixed-seed inputs with broadcasting shapes, one python process for the whole batch.
// Where TensorFlow's semantics differ from numpy's, the python side computes TensorFlow's.
// Plus TensorFlow's exact errors (class and message, ` [Op:Name]` included).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { fromBFloat16Bits, fromHalfBits, toBFloat16Bits, toHalfBits } from "tsflow/internal/core/f16";
import { decodeArray, encodeArray, numpyAvailable, runPython, type RawArray } from "./helpers/numpy_oracle.js";

type DT = tf.DTypeName;
type Data = RawArray["data"];

// --- fixed-seed random inputs ------------------------------------------------------------

const rng = mulberry32(20240917);

const LIMITS: Partial<Record<DT, [bigint, bigint]>> = {
  int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-2147483648n, 2147483647n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], uint8: [0n, 255n], uint16: [0n, 65535n],
  uint32: [0n, 4294967295n], uint64: [0n, 2n ** 64n - 1n],
};
const FLOATS: readonly DT[] = ["float16", "float32", "float64"];
const SIGNED: readonly DT[] = ["int8", "int16", "int32", "int64"];
const UNSIGNED: readonly DT[] = ["uint8", "uint16", "uint32", "uint64"];
const INTS: readonly DT[] = [...SIGNED, ...UNSIGNED];
const COMPLEX: readonly DT[] = ["complex64", "complex128"];
const REALS: readonly DT[] = [...FLOATS, ...INTS];
const NUMBERS: readonly DT[] = [...REALS, ...COMPLEX];
const ALL: readonly DT[] = [...NUMBERS, "bool", "string"];
const STRINGS = ["", "a", "b", "ab", "héllo", "a\u0000b", "zz"];

/** How to draw an input's values. */
interface Dom {
  /** Real float range. */
  f?: [number, number];
  /** Range of each complex component. */
  c?: [number, number];
  /** Integer range (clamped to the dtype); the dtype's whole range when absent. */
  i?: [bigint, bigint];
  /** Mix in ±0, ±inf, NaN (floats) or min, max, -1, 0, 1 (integers). */
  specials?: boolean;
  /** Draw from a small set, so that equal elements occur. */
  grid?: boolean;
  /** Integers: no zeros (divisors). */
  nonzero?: boolean;
}

function randBig(lo: bigint, hi: bigint): bigint {
  let r = 0n;
  for (let k = 0; k < 3; k++) r = (r << 32n) | BigInt(Math.floor(rng() * 4294967296));
  return lo + (r % (hi - lo + 1n));
}

function drawFloat(dom: Dom): number {
  if (dom.specials === true && rng() < 0.2) return [0, -0, Infinity, -Infinity, NaN][Math.floor(rng() * 5)]!;
  if (dom.grid === true) return [-1, -0.5, 0, 0.5, 1, 2, NaN][Math.floor(rng() * 7)]!;
  const [lo, hi] = dom.f ?? [-100, 100];
  return lo + rng() * (hi - lo);
}

function drawInt(dt: DT, dom: Dom): bigint {
  const [min, max] = LIMITS[dt]!;
  let v: bigint;
  if (dom.grid === true) {
    const set = [min, max, -2n, -1n, 0n, 1n, 2n].filter((x) => x >= min && x <= max);
    v = set[Math.floor(rng() * set.length)]!;
  } else if (dom.specials === true && rng() < 0.12) {
    const set = [min, max, -1n, 0n, 1n].filter((x) => x >= min && x <= max);
    v = set[Math.floor(rng() * set.length)]!;
  } else {
    const lo = dom.i !== undefined && dom.i[0] > min ? dom.i[0] : min;
    const hi = dom.i !== undefined && dom.i[1] < max ? dom.i[1] : max;
    v = randBig(lo, hi);
  }
  return v === 0n && dom.nonzero === true ? 1n : v;
}

/** Storage of `n` random elements of `dt` (see src/core/storage.ts for the layouts). */
function draw(dt: DT, n: number, dom: Dom): Data {
  switch (dt) {
    case "float16": return Uint16Array.from({ length: n }, () => toHalfBits(drawFloat(dom)));
    case "bfloat16": return Uint16Array.from({ length: n }, () => toBFloat16Bits(drawFloat(dom)));
    case "float32": return Float32Array.from({ length: n }, () => drawFloat(dom));
    case "float64": return Float64Array.from({ length: n }, () => drawFloat(dom));
    case "bool": return Uint8Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0));
    case "string": return Array.from({ length: n }, () => new TextEncoder().encode(STRINGS[Math.floor(rng() * STRINGS.length)]!));
    case "complex64": case "complex128": {
      const out = dt === "complex64" ? new Float32Array(2 * n) : new Float64Array(2 * n);
      const [lo, hi] = dom.c ?? [-10, 10];
      for (let k = 0; k < 2 * n; k++) {
        out[k] = dom.grid === true ? [-1, 0, 1][Math.floor(rng() * 3)]! : lo + rng() * (hi - lo);
      }
      return out;
    }
    case "int64": return BigInt64Array.from({ length: n }, () => drawInt(dt, dom));
    case "uint64": return BigUint64Array.from({ length: n }, () => drawInt(dt, dom));
    default: {
      const ctor = { int8: Int8Array, int16: Int16Array, int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array }[dt as "int8"];
      return ctor.from({ length: n }, () => Number(drawInt(dt, dom)));
    }
  }
}

function sizeOf(shape: readonly number[]): number { return shape.reduce((a, b) => a * b, 1); }

interface Input { dtype: DT; shape: number[]; data: Data }
function input(dtype: DT, shape: number[], dom: Dom): Input {
  return { dtype, shape, data: draw(dtype, sizeOf(shape), dom) };
}
function toTensor(x: Input): tf.Tensor {
  const copy = Array.isArray(x.data) ? x.data.slice() : (x.data as Uint8Array).slice();
  return tf.constant(new tf.NDArray(x.dtype, x.shape, copy));
}
/** For the oracle: bfloat16 travels as its uint16 bit patterns. */
function toRaw(x: Input): RawArray {
  return { dtype: x.dtype === "bfloat16" ? "uint16" : x.dtype, shape: x.shape, data: x.data };
}

// --- the ops under test -----------------------------------------------------------------

type Run = (args: tf.Tensor[], to: DT | undefined) => tf.Tensor;
const RUN: Record<string, Run> = {
  add: ([x, y]) => tf.add(x!, y!), subtract: ([x, y]) => tf.subtract(x!, y!),
  multiply: ([x, y]) => tf.multiply(x!, y!), divide: ([x, y]) => tf.divide(x!, y!),
  floorDiv: ([x, y]) => tf.floorDiv(x!, y!), mod: ([x, y]) => tf.mod(x!, y!), pow: ([x, y]) => tf.pow(x!, y!),
  maximum: ([x, y]) => tf.maximum(x!, y!), minimum: ([x, y]) => tf.minimum(x!, y!),
  complex: ([x, y]) => tf.complex(x!, y!),
  equal: ([x, y]) => tf.equal(x!, y!), notEqual: ([x, y]) => tf.notEqual(x!, y!),
  less: ([x, y]) => tf.less(x!, y!), lessEqual: ([x, y]) => tf.lessEqual(x!, y!),
  greater: ([x, y]) => tf.greater(x!, y!), greaterEqual: ([x, y]) => tf.greaterEqual(x!, y!),
  logicalAnd: ([x, y]) => tf.logicalAnd(x!, y!), logicalOr: ([x, y]) => tf.logicalOr(x!, y!),
  negative: ([x]) => tf.negative(x!), abs: ([x]) => tf.abs(x!), sign: ([x]) => tf.sign(x!),
  square: ([x]) => tf.square(x!), sqrt: ([x]) => tf.sqrt(x!), rsqrt: ([x]) => tf.rsqrt(x!),
  exp: ([x]) => tf.exp(x!), log: ([x]) => tf.log(x!), log1p: ([x]) => tf.log1p(x!),
  sin: ([x]) => tf.sin(x!), cos: ([x]) => tf.cos(x!), tanh: ([x]) => tf.tanh(x!),
  sigmoid: ([x]) => tf.sigmoid(x!), relu: ([x]) => tf.relu(x!),
  real: ([x]) => tf.real(x!), imag: ([x]) => tf.imag(x!), logicalNot: ([x]) => tf.logicalNot(x!),
  cast: ([x], to) => tf.cast(x!, to!),
  where: ([c, x, y]) => tf.where(c!, x!, y!), argwhere: ([c]) => tf.where(c!),
};

// Ops whose real floating results are correctly rounded (exact, like numpy's); the others
// (transcendental functions, complex arithmetic) are compared within a few ulp.
const EXACT = new Set([
  "add", "subtract", "multiply", "divide", "floorDiv", "mod", "maximum", "minimum", "complex", "negative",
  "abs", "sign", "square", "relu", "real", "imag", "cast", "where",
]);
const RTOL: Partial<Record<string, number>> = {
  float16: 1e-3, bfloat16: 8e-3, float32: 1e-6, float64: 1e-12, complex64: 1e-6, complex128: 1e-12,
};
// Twice the smallest subnormal, for results that underflow.
const ATOL: Partial<Record<string, number>> = {
  float16: 2 ** -23, bfloat16: 2 ** -132, float32: 2 ** -148, float64: 2 ** -1073, complex64: 2 ** -148, complex128: 2 ** -1073,
};

interface Case {
  group: string;
  label: string;
  op: string;
  inputs: Input[];
  to?: DT;
  /** Output compared as bfloat16 bits. */
  bf16Out: boolean;
  rtolKey?: string;
  exact: boolean;
}
const cases: Case[] = [];

const BINARY_SHAPES: [number[], number[]][] = [
  [[4, 6], [4, 6]], [[4, 6], []], [[], [4, 6]], [[4, 6], [6]], [[4, 1], [1, 6]], [[0, 6], [6]], [[2, 1, 3], [4, 1]],
];
const UNARY_SHAPES: number[][] = [[6, 7], [], [0, 3], [11]];

function addCase(op: string, group: string, inputs: Input[], extra: { to?: DT } = {}): void {
  const outDtype = extra.to ?? inputs[inputs.length === 3 ? 1 : 0]!.dtype;
  const bf16Out = outDtype === "bfloat16" && !["less", "lessEqual", "greater", "greaterEqual", "equal", "notEqual", "argwhere"].includes(op);
  const complexIn = inputs.some((x) => x.dtype === "complex64" || x.dtype === "complex128");
  cases.push({
    group, op, inputs, to: extra.to, bf16Out,
    label: `${op}(${inputs.map((x) => `${x.dtype}[${x.shape.join(",")}]`).join(", ")})${extra.to ? ` -> ${extra.to}` : ""}`,
    exact: EXACT.has(op) && !(complexIn && ["multiply", "divide", "abs", "sign", "square"].includes(op)),
  });
}

function binaryOp(op: string, dtypes: readonly DT[], domX: (d: DT) => Dom, domY: (d: DT) => Dom = domX): void {
  for (const d of dtypes) {
    for (const [sx, sy] of BINARY_SHAPES) addCase(op, `${op} ${d}`, [input(d, sx, domX(d)), input(d, sy, domY(d))]);
  }
}
function unaryOp(op: string, dtypes: readonly DT[], dom: (d: DT) => Dom): void {
  for (const d of dtypes) for (const s of UNARY_SHAPES) addCase(op, `${op} ${d}`, [input(d, s, dom(d))]);
}

const WIDE: Dom = { f: [-100, 100], c: [-10, 10], specials: true };
const GRID: Dom = { grid: true, specials: true };
const BF = ["bfloat16"] as const;

binaryOp("add", [...NUMBERS, "string", ...BF], () => WIDE);
binaryOp("subtract", [...NUMBERS, ...BF], () => WIDE);
binaryOp("multiply", [...NUMBERS, ...BF], () => WIDE);
binaryOp("divide", [...NUMBERS, ...BF], () => WIDE);
binaryOp("floorDiv", [...REALS, ...BF], () => ({ f: [-50, 50], specials: true }), () => ({ f: [-50, 50], specials: true, nonzero: true }));
binaryOp("mod", [...REALS, ...BF], () => ({ f: [-50, 50], specials: true }), () => ({ f: [-50, 50], specials: true, nonzero: true }));
binaryOp("pow", ["float16", "float32", "float64", ...SIGNED, ...COMPLEX, ...BF],
  (d) => (d === "int8" || d === "int16" ? { i: [-12n, 12n] } : { f: [-4, 4], c: [-3, 3], specials: true }),
  (d) => (INTS.includes(d) ? { i: [0n, 40n] } : { f: [-3, 3], c: [-2, 2], specials: true }));
binaryOp("maximum", [...REALS, ...BF], () => WIDE);
binaryOp("minimum", [...REALS, ...BF], () => WIDE);
binaryOp("complex", ["float32", "float64"], () => WIDE);
for (const op of ["equal", "notEqual"]) binaryOp(op, [...ALL, ...BF], () => GRID);
for (const op of ["less", "lessEqual", "greater", "greaterEqual"]) binaryOp(op, [...REALS, ...BF], () => GRID);
binaryOp("logicalAnd", ["bool"], () => ({}));
binaryOp("logicalOr", ["bool"], () => ({}));

unaryOp("negative", [...FLOATS, ...SIGNED, ...COMPLEX, ...BF], () => WIDE);
unaryOp("abs", [...FLOATS, ...SIGNED, ...COMPLEX, ...BF], () => WIDE);
unaryOp("sign", [...FLOATS, ...SIGNED, ...COMPLEX, ...BF], () => WIDE);
unaryOp("square", [...NUMBERS, ...BF], () => WIDE);
const TRANSCENDENTAL: [string, Dom][] = [
  ["sqrt", { f: [-10, 100], specials: true }], ["rsqrt", { f: [-10, 100], specials: true }],
  ["exp", { f: [-30, 30], c: [-5, 5], specials: true }], ["log", { f: [-10, 100], specials: true }],
  ["log1p", { f: [-1.5, 100], c: [-3, 3], specials: true }], ["sin", { f: [-10, 10], c: [-3, 3], specials: true }],
  ["cos", { f: [-10, 10], c: [-3, 3], specials: true }], ["tanh", { f: [-10, 10], c: [-3, 3], specials: true }],
  ["sigmoid", { f: [-40, 40], c: [-5, 5], specials: true }],
];
for (const [op, dom] of TRANSCENDENTAL) unaryOp(op, [...FLOATS, ...COMPLEX, ...BF], () => dom);
unaryOp("relu", [...REALS, ...BF], () => WIDE);
unaryOp("real", [...NUMBERS, ...BF], () => WIDE);
unaryOp("imag", [...NUMBERS, "bool", "string", ...BF], () => WIDE);
unaryOp("logicalNot", ["bool"], () => ({}));

// Casts between every pair of non-string dtypes, on values the target can hold (C's
// float-to-integer conversion is undefined out of range, in TensorFlow as in numpy).
const CASTABLE: readonly DT[] = [...NUMBERS, "bool", "bfloat16"];
for (const from of CASTABLE) {
  for (const to of CASTABLE) {
    if (from === to) continue;
    let dom: Dom = { f: [-1000, 1000], c: [-1000, 1000], specials: true };
    const lim = LIMITS[to];
    if ((FLOATS.includes(from) || COMPLEX.includes(from) || from === "bfloat16") && lim !== undefined) {
      const span = Math.min(Number(lim[1]) * 0.99, 60000);
      dom = { f: [lim[0] === 0n ? 0 : -span, span], c: [lim[0] === 0n ? 0 : -span, span] };
    }
    addCase("cast", `cast ${from}`, [input(from, [5, 7], dom)], { to });
  }
}

const WHERE_SHAPES: [number[], number[], number[]][] = [
  [[3, 4], [3, 4], []], [[4], [3, 1], [3, 4]], [[], [2, 3], [3]], [[0, 3], [3], []], [[3, 1], [1, 4], [3, 4]],
];
for (const d of [...ALL, ...BF]) {
  for (const [sc, sx, sy] of WHERE_SHAPES) {
    addCase("where", `where ${d}`, [input("bool", sc, {}), input(d, sx, WIDE), input(d, sy, WIDE)]);
  }
}
for (const d of [...NUMBERS, "bool", ...BF] as DT[]) {
  for (const s of [[3, 4], [5], [], [0, 3], [2, 3, 4]]) addCase("argwhere", `where(condition) ${d}`, [input(d, s, GRID)]);
}

// --- the oracle ---------------------------------------------------------------------------

const ORACLE = String.raw`
import warnings
warnings.simplefilter('ignore')
np.seterr(all='ignore')

def f64(x): return x.astype(np.complex128 if x.dtype.kind == 'c' else np.float64)
def via64(fn, x): return fn(f64(x)).astype(x.dtype)
def to_bf16(f):
    f = np.asarray(f, dtype=np.float32)
    u = f.view(np.uint32).astype(np.uint64)
    r = ((u + 0x7fff + ((u >> 16) & 1)) >> 16) & 0xffff
    return np.where(np.isnan(f), (u >> 16) | 0x40, r).astype(np.uint16)
def from_bf16(b): return (b.astype(np.uint32) << 16).view(np.float32)

TRUEDIV = {'uint8': np.float32, 'int8': np.float32, 'uint16': np.float32, 'int16': np.float32,
           'uint32': np.float64, 'uint64': np.float64, 'int32': np.float64, 'int64': np.float64}

def divide(x, y):
    t = TRUEDIV.get(x.dtype.name)
    return np.divide(x.astype(t), y.astype(t)) if t else np.divide(x, y)

def floordiv(x, y, bf16):
    if x.dtype.kind in 'iu':
        r = np.floor_divide(x, y)
        if x.dtype.kind == 'i':
            r = np.where((x == np.iinfo(x.dtype).min) & (y == -1), np.iinfo(x.dtype).min, r)
        return r.astype(x.dtype)
    q = np.divide(x, y)              # TensorFlow: floor(x / y), the quotient in the element type
    if bf16: q = from_bf16(to_bf16(q))
    return np.floor(q)

def floormod(x, y):
    if x.dtype.kind in 'iu':
        return np.remainder(x, y).astype(x.dtype)
    m = np.fmod(x, y)                # TensorFlow: fmod, plus y when the signs differ
    return np.where((m != 0) & ((y < 0) != (m < 0)), m + y, m).astype(x.dtype)

def power(x, y):
    if x.dtype.kind in 'iu': return np.power(x, y)
    if x.dtype.kind == 'c':          # exp(y log x), with 0 ** y = 0 (Re y > 0) and x ** 0 = 1
        a, b = x.astype(np.complex128), y.astype(np.complex128)
        r = np.exp(b * np.log(np.where(a == 0, 1, a)))
        r = np.where(a == 0, np.where((b.imag == 0) & (b.real > 0), 0j, complex(np.nan, np.nan)), r)
        return np.where(b == 0, 1 + 0j, r).astype(x.dtype)
    return np.power(f64(x), f64(y)).astype(x.dtype)

def sign(x):
    if x.dtype.kind == 'c':
        z = x.astype(np.complex128); a = np.abs(z)
        return np.where(a == 0, 0j, z / np.where(a == 0, 1, a)).astype(x.dtype)
    return np.sign(x)

def sigmoid(x):
    def f(z):
        if z.dtype.kind == 'c':
            e = np.exp(z)
            return np.where(np.isposinf(e.real) & (e.imag == 0), 1 + 0j, e / (1 + e))
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return via64(f, x)

def make_complex(x, y):
    out = np.empty(np.broadcast(x, y).shape, np.complex64 if x.dtype == np.float32 else np.complex128)
    out.real = x; out.imag = y
    return out

OPS = {
    'add': lambda x, y: x + y, 'subtract': lambda x, y: x - y, 'multiply': lambda x, y: x * y,
    'divide': divide, 'mod': floormod, 'pow': power, 'maximum': np.maximum, 'minimum': np.minimum,
    'complex': make_complex, 'equal': lambda x, y: np.asarray(x == y, dtype=bool),
    'notEqual': lambda x, y: np.asarray(x != y, dtype=bool),
    'less': np.less, 'lessEqual': np.less_equal, 'greater': np.greater, 'greaterEqual': np.greater_equal,
    'logicalAnd': np.logical_and, 'logicalOr': np.logical_or, 'logicalNot': np.logical_not,
    'negative': np.negative, 'abs': np.abs, 'sign': sign, 'square': np.square,
    'sqrt': lambda x: via64(np.sqrt, x), 'rsqrt': lambda x: via64(lambda z: 1 / np.sqrt(z), x),
    'exp': lambda x: via64(np.exp, x), 'log': lambda x: via64(np.log, x), 'log1p': lambda x: via64(np.log1p, x),
    'sin': lambda x: via64(np.sin, x), 'cos': lambda x: via64(np.cos, x), 'tanh': lambda x: via64(np.tanh, x),
    'sigmoid': sigmoid, 'relu': lambda x: np.maximum(x, np.zeros((), x.dtype)),
    'real': np.real, 'imag': lambda x: np.imag(x) if x.dtype.kind == 'c' else np.zeros_like(x),
    'where': np.where, 'argwhere': lambda c: np.argwhere(c).astype(np.int64),
}

out = []
for case in INPUT:
    args = [dec(a) for a in case['inputs']]
    bf16 = case['bf16']
    if bf16:
        args = [from_bf16(a) if i in bf16 else a for i, a in enumerate(args)]
    op = case['op']
    try:
        if op == 'cast':
            to = case['to']
            # TensorFlow converts to bfloat16 through float32
            r = to_bf16(np.real(args[0]).astype(np.float32)) if to == 'bfloat16' else args[0].astype(to)
        else:
            r = floordiv(*args, bool(bf16)) if op == 'floorDiv' else OPS[op](*args)
            r = np.asarray(r)
            if bf16 and case['bf16Out']: r = to_bf16(r)
        out.append(enc(r))
    except Exception as e:
        out.append({'error': repr(e)})
print(json.dumps(out))
`;
import { mulberry32 } from "./helpers/random.js";

// --- comparison -----------------------------------------------------------------------------

function decodeFloats(dtype: string, data: Data, bf16: boolean): number[] {
  const a = data as unknown as ArrayLike<number>;
  if (bf16) return Array.from(a, fromBFloat16Bits);
  if (dtype === "float16") return Array.from(a, fromHalfBits);
  return Array.from(a);
}

function close(a: number, b: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + atol;
}

function show(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? JSON.stringify(new TextDecoder().decode(v)) : String(v);
}

/** null when `actual` matches `expected`, else a description of the first mismatch. */
function mismatch(c: Case, actual: tf.Tensor, expected: RawArray): string | null {
  const wantDtype = c.bf16Out ? "bfloat16" : expected.dtype;
  if (actual.dtype.name !== wantDtype) return `dtype ${actual.dtype.name}, expected ${wantDtype}`;
  if (actual.dims.join(",") !== expected.shape.join(",")) return `shape [${actual.dims}], expected [${expected.shape}]`;
  const got = actual.dataSync() as Data;
  const d = actual.dtype.name;
  const rtolKey = d;
  const rtol = c.exact ? 0 : RTOL[rtolKey] ?? 0;
  const atol = c.exact ? 0 : ATOL[rtolKey] ?? 0;
  if (d === "float16" || d === "float32" || d === "float64" || d === "bfloat16") {
    const a = decodeFloats(d, got, d === "bfloat16"), b = decodeFloats(d, expected.data, c.bf16Out);
    for (let i = 0; i < a.length; i++) {
      if (!close(a[i]!, b[i]!, rtol, atol)) return `element ${i}: ${a[i]} != expected ${b[i]}`;
    }
    return null;
  }
  if (d === "complex64" || d === "complex128") {
    const a = got as Float64Array, b = expected.data as Float64Array;
    for (let i = 0; i < a.length; i += 2) {
      const [ar, ai, br, bi] = [a[i]!, a[i + 1]!, b[i]!, b[i + 1]!];
      const nanA = Number.isNaN(ar) || Number.isNaN(ai), nanB = Number.isNaN(br) || Number.isNaN(bi);
      let ok: boolean;
      if (nanA || nanB) ok = nanA && nanB;
      else if (![ar, ai, br, bi].every(Number.isFinite)) ok = ar === br && ai === bi;
      else ok = Math.hypot(ar - br, ai - bi) <= rtol * Math.max(Math.hypot(ar, ai), Math.hypot(br, bi)) + atol;
      if (!ok) return `element ${i / 2}: ${ar}${ai >= 0 ? "+" : ""}${ai}j != expected ${br}${bi >= 0 ? "+" : ""}${bi}j`;
    }
    return null;
  }
  const a = got as ArrayLike<unknown>, b = expected.data as ArrayLike<unknown>;
  if (a.length !== b.length) return `${a.length} elements, expected ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    const same = x instanceof Uint8Array && y instanceof Uint8Array
      ? x.length === y.length && x.every((v, k) => v === y[k])
      : x === y;
    if (!same) return `element ${i}: ${show(x)} != expected ${show(y)}`;
  }
  return null;
}

// --- run everything, then one test per op and dtype ------------------------------------------

const actuals = cases.map((c) => {
  try {
    return RUN[c.op]!(c.inputs.map(toTensor), c.to);
  } catch (e) {
    return e as Error;
  }
});

const haveNumpy = numpyAvailable();
if (!haveNumpy) console.log("skipping the differential tests: python3 with numpy is not available");
else console.log(`${cases.length} differential cases in ${new Set(cases.map((c) => c.group)).size} groups`);
const expected: ({ error: string } | ReturnType<typeof decodeArray>)[] | null = haveNumpy
  ? (runPython(ORACLE, cases.map((c) => ({
    op: c.op, to: c.to, bf16Out: c.bf16Out,
    bf16: c.inputs.flatMap((x, i) => (x.dtype === "bfloat16" ? [i] : [])),
    inputs: c.inputs.map((x) => encodeArray(toRaw(x))),
  }))) as ({ error: string } | Parameters<typeof decodeArray>[0])[]).map((e) => ("error" in e ? e : decodeArray(e)))
  : null;

const groups = new Map<string, number[]>();
cases.forEach((c, i) => groups.set(c.group, [...(groups.get(c.group) ?? []), i]));
for (const [group, indices] of groups) {
  test(`numpy oracle: ${group}`, { skip: haveNumpy ? false : "python3 with numpy is not available" }, () => {
    const failures: string[] = [];
    for (const i of indices) {
      const c = cases[i]!, got = actuals[i]!, want = expected![i]!;
      if ("error" in want) { failures.push(`${c.label}: oracle failed: ${want.error}`); continue; }
      if (got instanceof Error) { failures.push(`${c.label}: threw ${got.name}: ${got.message}`); continue; }
      const m = mismatch(c, got, want);
      if (m !== null) failures.push(`${c.label}: ${m}`);
    }
    assert.deepEqual(failures, []);
  });
}

// --- semantics that need no oracle ---------------------------------------------------------

function values(t: tf.Tensor): unknown[] {
  return Array.from(t.dataSync() as ArrayLike<unknown>);
}

test("JS scalars adopt the tensor's dtype", () => {
  assert.equal(tf.pow(tf.constant([2, 3], "int32"), 2).dtype, tf.int32);
  assert.deepEqual(values(tf.pow(tf.constant([2, 3], "int32"), 2)), [4, 9]);
  assert.equal(tf.maximum(tf.constant([1], "float16"), 1.5).dtype, tf.float16);
  assert.equal(tf.mod(7n, tf.constant([3n, -3n], "int64")).dtype, tf.int64);
  assert.deepEqual(values(tf.mod(7n, tf.constant([3n, -3n], "int64"))), [1n, -2n]);
  assert.deepEqual(values(tf.less(tf.constant([1, 2, 3], "uint8"), 2)), [1, 0, 0]);
  assert.equal(tf.where(tf.constant([true, false]), tf.constant([1, 2], "int16"), 0).dtype, tf.int16);
});

test("integer results wrap around like TensorFlow's C++", () => {
  assert.deepEqual(values(tf.pow(tf.constant([3], "int32"), 21)), [Number(BigInt.asIntN(32, 3n ** 21n))]);
  assert.deepEqual(values(tf.pow(tf.constant([3n], "int64"), 41n)), [BigInt.asIntN(64, 3n ** 41n)]);
  assert.deepEqual(values(tf.square(tf.constant([65536], "int32"))), [0]);
  assert.deepEqual(values(tf.square(tf.constant([70000], "uint32"))), [Number(BigInt.asUintN(32, 70000n ** 2n))]);
  assert.deepEqual(values(tf.abs(tf.constant([-128], "int8"))), [-128]);
  assert.deepEqual(values(tf.floorDiv(tf.constant([-2147483648], "int32"), -1)), [-2147483648]);
  assert.deepEqual(values(tf.mod(tf.constant([-2147483648], "int32"), -1)), [0]);
  assert.deepEqual(values(tf.floorDiv(tf.constant([-(2n ** 63n)], "int64"), -1n)), [-(2n ** 63n)]);
});

test("floor division and modulo follow Python's signs", () => {
  const x = tf.constant([7, -7, 7, -7], "int32"), y = tf.constant([2, 2, -2, -2], "int32");
  assert.deepEqual(values(tf.floorDiv(x, y)), [3, -4, -4, 3]);
  assert.deepEqual(values(tf.mod(x, y)), [1, 1, -1, -1]);
  assert.deepEqual(values(tf.mod(tf.constant([7.5, -7.5, 7.5], "float64"), tf.constant([2, 2, -2], "float64"))), [1.5, 0.5, -0.5]);
  // floor(x / y) of the rounded quotient, not numpy's divmod-based floor division.
  assert.deepEqual(values(tf.floorDiv(tf.constant([1], "float64"), 0.1)), [10]);
  assert.deepEqual(values(tf.floorDiv(tf.constant([1, -1, 0], "float64"), 0)), [Infinity, -Infinity, NaN]);
});

test("NaN, signs and numerically stable functions", () => {
  assert.ok(Number.isNaN(values(tf.sign(tf.constant([NaN], "float32")))[0] as number));
  assert.deepEqual(values(tf.sign(tf.constant([-3, 0, 5], "int64"))), [-1n, 0n, 1n]);
  const m = values(tf.maximum(tf.constant([NaN, 1], "float32"), tf.constant([1, NaN], "float32")));
  assert.ok(m.every((v) => Number.isNaN(v as number)));
  assert.deepEqual(values(tf.sigmoid(tf.constant([-1000, 0, 1000], "float64"))), [0, 0.5, 1]);
  assert.equal(values(tf.sigmoid(tf.constant([-700], "float64")))[0], Math.exp(-700) / (1 + Math.exp(-700)));
  assert.deepEqual(values(tf.relu(tf.constant([-3, 0, 4], "int8"))), [0, 0, 4]);
  assert.deepEqual(values(tf.pow(tf.constant([1, -1], "float64"), tf.constant([NaN, Infinity], "float64"))), [1, 1]);
  const s = tf.sign(tf.constant([{ re: 3, im: 4 }, { re: 0, im: 0 }]));
  assert.equal(s.dtype, tf.complex128);
  assert.deepEqual(values(s), [0.6, 0.8, 0, 0]);
});

test("abs, real, imag and complex dtypes", () => {
  const z = tf.constant([{ re: 3, im: -4 }], "complex64");
  assert.equal(tf.abs(z).dtype, tf.float32);
  assert.deepEqual(values(tf.abs(z)), [5]);
  assert.equal(tf.real(z).dtype, tf.float32);
  assert.deepEqual(values(tf.imag(z)), [-4]);
  const r = tf.constant([1.5, -2], "float64");
  assert.equal(tf.real(r), r);
  assert.deepEqual(values(tf.imag(r)), [0, 0]);
  assert.equal(tf.imag(r).dtype, tf.float64);
  const c = tf.complex(tf.constant([1, 2], "float64"), tf.constant([3], "float64"));
  assert.equal(c.dtype, tf.complex128);
  assert.deepEqual(values(c), [1, 3, 2, 3]);
  assert.equal(tf.complex(tf.constant([1], "float32"), tf.constant([2], "float32")).dtype, tf.complex64);
});

test("where: selection with broadcasting and coordinates of true elements", () => {
  const w = tf.where(tf.constant([[true], [false]]), tf.constant(["a", "b"]), "z");
  assert.deepEqual(w.dims, [2, 2]);
  assert.deepEqual(values(w).map((b) => new TextDecoder().decode(b as Uint8Array)), ["a", "b", "z", "z"]);
  const idx = tf.where(tf.constant([[true, false], [false, true]]));
  assert.equal(idx.dtype, tf.int64);
  assert.deepEqual(idx.dims, [2, 2]);
  assert.deepEqual(values(idx), [0n, 0n, 1n, 1n]);
  const nz = tf.where(tf.constant([0, 1.5, NaN, -0], "float32"));
  assert.deepEqual(values(nz), [1n, 2n]);
  assert.deepEqual(tf.where(tf.constant(true)).dims, [1, 0]);
  assert.deepEqual(tf.where(tf.constant(false)).dims, [0, 0]);
});

// --- TensorFlow's errors ----------------------------------------------------------------------

function throwsExactly(fn: () => unknown, cls: new (...args: never[]) => Error, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${(e as Error).name}: ${(e as Error).message}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

const E = tf.errors;
const UNARY_COMPLEX_LIST = "bfloat16, half, float, double, complex64, complex128";
const REAL_NUMBER_LIST = "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64";

test("errors: dtypes outside an op's list", () => {
  for (const [name, fn] of [["Sqrt", tf.sqrt], ["Rsqrt", tf.rsqrt], ["Exp", tf.exp], ["Log", tf.log], ["Log1p", tf.log1p],
    ["Sin", tf.sin], ["Cos", tf.cos], ["Tanh", tf.tanh], ["Sigmoid", tf.sigmoid]] as const) {
    throwsExactly(() => fn(tf.constant([1], "int32")), E.InvalidArgumentError,
      `Value for attr 'T' of int32 is not in the list of allowed values: ${UNARY_COMPLEX_LIST} [Op:${name}]`);
  }
  throwsExactly(() => tf.less(tf.constant(["a"]), "b"), E.InvalidArgumentError,
    `Value for attr 'T' of string is not in the list of allowed values: ${REAL_NUMBER_LIST} [Op:Less]`);
  throwsExactly(() => tf.greaterEqual(tf.constant([true]), false), E.InvalidArgumentError,
    `Value for attr 'T' of bool is not in the list of allowed values: ${REAL_NUMBER_LIST} [Op:GreaterEqual]`);
  throwsExactly(() => tf.relu(tf.constant([{ re: 1, im: 1 }])), E.InvalidArgumentError,
    `Value for attr 'T' of complex128 is not in the list of allowed values: ${REAL_NUMBER_LIST} [Op:Relu]`);
  throwsExactly(() => tf.abs(tf.constant([1], "uint8")), E.InvalidArgumentError,
    "Value for attr 'T' of uint8 is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64 [Op:Abs]");
  throwsExactly(() => tf.maximum(tf.constant([true]), true), E.InvalidArgumentError,
    "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, float, double, int8, uint8, int16, uint16, int32, uint32, int64, uint64 [Op:Maximum]");
  throwsExactly(() => tf.mod(tf.constant([{ re: 1, im: 1 }]), { re: 1, im: 0 }), E.InvalidArgumentError,
    "Value for attr 'T' of complex128 is not in the list of allowed values: int8, int16, int32, int64, uint8, uint16, uint32, uint64, bfloat16, half, float, double [Op:FloorMod]");
  throwsExactly(() => tf.pow(tf.constant([1], "uint8"), 1), E.InvalidArgumentError,
    "Value for attr 'T' of uint8 is not in the list of allowed values: bfloat16, float, half, double, int8, int16, int32, int64, complex64, complex128 [Op:Pow]");
  throwsExactly(() => tf.sign(tf.constant([1], "uint32")), E.InvalidArgumentError,
    "Value for attr 'T' of uint32 is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128 [Op:Sign]");
  throwsExactly(() => tf.square(tf.constant([true])), E.InvalidArgumentError,
    "Value for attr 'T' of bool is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64, uint8, uint16, uint32, uint64, complex64, complex128 [Op:Square]");
  throwsExactly(() => tf.floorDiv(tf.constant(["a"]), "b"), E.InvalidArgumentError,
    "Value for attr 'T' of string is not in the list of allowed values: bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128 [Op:FloorDiv]");
  throwsExactly(() => tf.where(tf.constant(["a"])), E.InvalidArgumentError,
    "Value for attr 'T' of string is not in the list of allowed values: float, double, int32, uint8, int16, int8, complex64, int64, bfloat16, uint16, complex128, half, uint32, uint64, bool [Op:Where]");
  // FloorDiv accepts complex types, but TensorFlow registers no CPU kernel for them.
  assert.throws(() => tf.floorDiv(tf.constant([{ re: 1, im: 1 }]), { re: 1, im: 0 }), E.NotFoundError);
});

test("errors: integer division by zero and negative integer powers", () => {
  for (const dt of INTS) {
    throwsExactly(() => tf.floorDiv(tf.constant([1, 2], dt), tf.constant([1, 0], dt)), E.InvalidArgumentError,
      "Integer division by zero [Op:FloorDiv]");
    throwsExactly(() => tf.mod(tf.constant([1, 2], dt), tf.constant([0], dt)), E.InvalidArgumentError,
      "Integer division by zero [Op:FloorMod]");
  }
  for (const dt of SIGNED) {
    throwsExactly(() => tf.pow(tf.constant([2, 2], dt), tf.constant([1, -1], dt)), E.InvalidArgumentError,
      "Integers to negative integer powers are not allowed [Op:Pow]");
  }
});

test("errors: mixed dtypes and shapes", () => {
  throwsExactly(() => tf.maximum(tf.constant([1], "float32"), tf.constant([1], "int32")), E.InvalidArgumentError,
    "cannot compute Maximum as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:Maximum]");
  throwsExactly(() => tf.floorDiv(tf.constant([1], "float64"), tf.constant([1], "float16")), E.InvalidArgumentError,
    "cannot compute FloorDiv as input #1(zero-based) was expected to be a double tensor but is a half tensor [Op:FloorDiv]");
  throwsExactly(() => tf.less(tf.constant([1], "int64"), tf.constant([1], "int32")), E.InvalidArgumentError,
    "cannot compute Less as input #1(zero-based) was expected to be a int64 tensor but is a int32 tensor [Op:Less]");
  throwsExactly(() => tf.logicalAnd(tf.constant([1], "int32"), true), E.InvalidArgumentError,
    "cannot compute LogicalAnd as input #0(zero-based) was expected to be a bool tensor but is a int32 tensor [Op:LogicalAnd]");
  throwsExactly(() => tf.logicalOr(true, tf.constant([1], "float32")), E.InvalidArgumentError,
    "cannot compute LogicalOr as input #1(zero-based) was expected to be a bool tensor but is a float tensor [Op:LogicalOr]");
  throwsExactly(() => tf.logicalNot(tf.constant([1], "uint8")), E.InvalidArgumentError,
    "cannot compute LogicalNot as input #0(zero-based) was expected to be a bool tensor but is a uint8 tensor [Op:LogicalNot]");
  throwsExactly(() => tf.logicalAnd([1, 0], [true, false]), E.TypeError, "Cannot convert [1, 0] to EagerTensor of dtype bool");
  throwsExactly(() => tf.where(tf.constant([1], "float32"), 1, 2), E.InvalidArgumentError,
    "cannot compute SelectV2 as input #0(zero-based) was expected to be a bool tensor but is a float tensor [Op:SelectV2]");
  throwsExactly(() => tf.where(tf.constant([true]), tf.constant([1], "int32"), tf.constant([1], "int64")), E.InvalidArgumentError,
    "cannot compute SelectV2 as input #2(zero-based) was expected to be a int32 tensor but is a int64 tensor [Op:SelectV2]");
  throwsExactly(() => tf.where(tf.constant([true, false]), tf.constant([1, 2, 3]), tf.constant([[1], [2]])), E.InvalidArgumentError,
    "condition [2], then [3], and else [2,1] must be broadcastable [Op:SelectV2]");
  throwsExactly(() => (tf.where as (c: tf.TensorLike, x?: tf.TensorLike) => tf.Tensor)(tf.constant([true]), 1), E.ValueError,
    "x and y must both be non-None or both be None.");
  throwsExactly(() => tf.complex(tf.constant([1], "int32"), tf.constant([1], "int32")), E.TypeError,
    "The `real` and `imag` components have incorrect types: int32 int32. They must be consistent, and one of [tf.float32, tf.float64]");
  throwsExactly(() => tf.complex(tf.constant([1], "float32"), tf.constant([1], "float64")), E.TypeError,
    "The `real` and `imag` components have incorrect types: float32 float64. They must be consistent, and one of [tf.float32, tf.float64]");
  throwsExactly(() => tf.real(tf.constant(["a"])), E.TypeError, "input must be a numeric tensor, but got tensor with dtype <dtype: 'string'>");
  throwsExactly(() => tf.real(tf.constant([true])), E.TypeError, "input must be a numeric tensor, but got tensor with dtype <dtype: 'bool'>");
  throwsExactly(() => tf.maximum(tf.constant([1], "int32"), 2.5), E.TypeError, "Cannot convert 2.5 to EagerTensor of dtype int32");
});

test("errors: shapes that do not broadcast", () => {
  throwsExactly(() => tf.pow(tf.constant([1, 2], "float32"), tf.constant([1, 2, 3], "float32")), E.InvalidArgumentError,
    "Incompatible shapes: [2] vs. [3] [Op:Pow]");
  throwsExactly(() => tf.less(tf.constant([[1, 2]], "int32"), tf.constant([[1], [2], [3]], "int32").reshape([1, 3])), E.InvalidArgumentError,
    "Incompatible shapes: [1,2] vs. [1,3] [Op:Less]");
  throwsExactly(() => tf.complex(tf.constant([1, 2], "float32"), tf.constant([1, 2, 3], "float32")), E.InvalidArgumentError,
    "Incompatible shapes: [2] vs. [3] [Op:Complex]");
});
