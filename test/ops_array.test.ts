// Array ops, reductions and matmul, tested differentially against python3 + numpy: random
// shapes, axes, indices and values (fixed seed) for every dtype each op's CPU kernel accepts
// (bfloat16 separately, numpy has none), in one python process; the oracle script computes
// TensorFlow's semantics where numpy's differ. Then TensorFlow's error classes and messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { decodeArray, encodeArray, numpyAvailable, runPython, type RawArray } from "./helpers/numpy_oracle.js";

// --- deterministic randomness -------------------------------------------------------------------

let seed = 0x5eed1234;
/** mulberry32: uniform in [0, 1). */
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** An integer in [lo, hi]. */
function randInt(lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randInt(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
/** A random shape: rank in [minRank, maxRank], dims mostly 1–5 and sometimes 0. */
function randShape(minRank: number, maxRank: number, allowZero = true, maxDim = 5): number[] {
  const rank = randInt(minRank, maxRank);
  return Array.from({ length: rank }, () => (allowZero && rand() < 0.08 ? 0 : randInt(1, maxDim)));
}
const size = (shape: readonly number[]) => shape.reduce((p, q) => p * q, 1);

// --- dtypes and random values -------------------------------------------------------------------

const FLOATS = ["float16", "float32", "float64"];
const SINTS = ["int8", "int16", "int32", "int64"];
const UINTS = ["uint8", "uint16", "uint32", "uint64"];
const COMPLEX = ["complex64", "complex128"];
const REAL = [...FLOATS, ...SINTS, ...UINTS];
const NUMERIC = [...REAL, ...COMPLEX];
/** Every dtype except bfloat16 (tested by hand below). */
const ALL = [...NUMERIC, "bool", "string"];

/** IEEE half bits of a value exactly representable as a normal half (or zero). */
function halfBits(v: number): number {
  if (v === 0) return Object.is(v, -0) ? 0x8000 : 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return sign | ((e + 15) << 10) | Math.round((a / 2 ** e - 1) * 1024);
}
function halfValue(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 31, m = h & 1023;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m !== 0 ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}
/** bfloat16 bits of a value exactly representable in bfloat16. */
function bf16Bits(v: number): number {
  return new Uint32Array(new Float32Array([v]).buffer)[0]! >>> 16;
}

type Kind = "small" | "full" | "nearOne";
const LIMITS: Record<string, [number, number]> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
  uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295],
};
const encoder = new TextEncoder();
const WORDS = ["", "a", "bc", "tf", "ça", "日本", "x y", "zz\u0000z"];

function randBig(signed: boolean, kind: Kind): bigint {
  if (kind !== "full") return BigInt(signed ? randInt(-9, 9) : randInt(0, 9));
  const hi = BigInt(randInt(0, 0xffffffff)), lo = BigInt(randInt(0, 0xffffffff));
  const u = (hi << 32n) | lo;
  return signed ? BigInt.asIntN(64, u) : u;
}
function randFloat(kind: Kind): number {
  if (kind === "nearOne") return randInt(4, 12) / 8;
  return randInt(-32, 32) / 8; // exact in every float dtype, half included
}

/** A random array of `dtype` and `shape`, as raw storage. */
function randomRaw(dtype: string, shape: number[], kind: Kind = "small"): RawArray {
  const n = size(shape);
  let data: ArrayBufferView | Uint8Array[];
  switch (dtype) {
    case "float16": data = Uint16Array.from({ length: n }, () => halfBits(randFloat(kind))); break;
    case "float32": data = Float32Array.from({ length: n }, () => randFloat(kind)); break;
    case "float64": data = Float64Array.from({ length: n }, () => randFloat(kind) + (kind === "small" ? randInt(0, 999) / 1e6 : 0)); break;
    case "complex64": data = Float32Array.from({ length: 2 * n }, () => randFloat(kind === "nearOne" ? "small" : kind) / (kind === "nearOne" ? 4 : 1)); break;
    case "complex128": data = Float64Array.from({ length: 2 * n }, () => randFloat(kind === "nearOne" ? "small" : kind) / (kind === "nearOne" ? 4 : 1)); break;
    case "int64": data = BigInt64Array.from({ length: n }, () => randBig(true, kind)); break;
    case "uint64": data = BigUint64Array.from({ length: n }, () => randBig(false, kind)); break;
    case "bool": data = Uint8Array.from({ length: n }, () => (rand() < 0.5 ? 1 : 0)); break;
    case "string": data = Array.from({ length: n }, () => encoder.encode(pick(WORDS))); break;
    default: {
      const [lo, hi] = LIMITS[dtype]!;
      const signed = lo < 0;
      const gen = () => (kind === "full" ? randInt(lo, hi) : signed ? randInt(-9, 9) : randInt(0, 9));
      const values = Array.from({ length: n }, gen);
      const ctors: Record<string, (v: number[]) => ArrayBufferView> = {
        int8: (v) => Int8Array.from(v), int16: (v) => Int16Array.from(v), int32: (v) => Int32Array.from(v),
        uint8: (v) => Uint8Array.from(v), uint16: (v) => Uint16Array.from(v), uint32: (v) => Uint32Array.from(v),
      };
      data = ctors[dtype]!(values);
    }
  }
  return { dtype, shape, data };
}

function tensorOf(raw: RawArray): tf.Tensor {
  return tf.convertToTensor(new tf.NDArray(raw.dtype as tf.DTypeName, raw.shape, raw.data as tf.Storage));
}
function rawOf(t: tf.Tensor): RawArray {
  return { dtype: t.dtype.name, shape: t.shape.asList() as number[], data: t.dataSync() as ArrayBufferView | Uint8Array[] };
}

// --- cases ------------------------------------------------------------------------------------------

interface OracleCall { op: string; inputs: RawArray[]; params: Record<string, unknown> }
interface Case {
  group: string;
  what: string;
  call: OracleCall;
  actual: RawArray | Error;
  /** Relative tolerance against the oracle's scale (0: exact). */
  rtol: number;
}
const cases: Case[] = [];

/** Tolerance of arithmetic results (float32 within 1e-5 relative to a float64 reference). */
function arithmeticTol(dtype: string): number {
  if (dtype === "float16") return 2e-3;
  if (dtype === "float32" || dtype === "complex64") return 1e-5;
  if (dtype === "float64" || dtype === "complex128") return 1e-12;
  return 0;
}

function addCase(group: string, what: string, call: OracleCall, run: () => tf.Tensor, rtol = 0): void {
  let actual: RawArray | Error;
  try {
    actual = rawOf(run());
  } catch (e) {
    actual = e instanceof Error ? e : new Error(String(e));
  }
  cases.push({ group, what, call, actual, rtol });
}

const REPEAT = 5;
const describeShape = (s: readonly number[]) => `[${s.join(",")}]`;

// reshape, stack, fill
for (const dt of ALL) {
  for (let r = 0; r < REPEAT; r++) {
    const shape = randShape(0, 4);
    const x = randomRaw(dt, shape);
    const n = size(shape);
    const divisors = n === 0 ? [0] : Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
    const d = pick(divisors);
    let target = n === 0 ? [0, randInt(1, 3)] : [d, n / d];
    if (rand() < 0.3) target = [n];
    if (rand() < 0.3 && n > 0) target = [...target, 1];
    const shown = [...target];
    if (n > 0 && rand() < 0.5) shown[randInt(0, shown.length - 1)] = -1;
    addCase(`reshape ${dt}`, `reshape ${describeShape(shape)} -> ${describeShape(shown)}`,
      { op: "reshape", inputs: [x], params: { shape: shown } }, () => tf.reshape(tensorOf(x), shown));

    const k = randInt(1, 3);
    const parts = Array.from({ length: k }, () => randomRaw(dt, shape));
    const axis = randInt(-(shape.length + 1), shape.length);
    addCase(`stack ${dt}`, `stack ${k}x${describeShape(shape)} axis ${axis}`,
      { op: "stack", inputs: parts, params: { axis } }, () => tf.stack(parts.map(tensorOf), axis));

    const value = randomRaw(dt, []);
    const dims = randShape(0, 3);
    addCase(`fill ${dt}`, `fill ${describeShape(dims)}`,
      { op: "fill", inputs: [value], params: { dims } }, () => tf.fill(dims, tensorOf(value)));
  }
}

// matmul (TensorFlow's CPU kernels: float types, int16/32/64, complex)
const MATMUL_DTYPES = ["float16", "float32", "float64", "int16", "int32", "int64", "complex64", "complex128"];
for (const dt of MATMUL_DTYPES) {
  for (let r = 0; r < 2 * REPEAT; r++) {
    const m = randInt(0, 4) || 1, k = rand() < 0.1 ? 0 : randInt(1, 6), n = randInt(1, 5);
    const batched = rand() < 0.5;
    let batchA: number[] = [], batchB: number[] = [];
    if (batched) {
      const full = randShape(1, 2, false, 3);
      batchA = full.map((d) => (rand() < 0.3 ? 1 : d));
      batchB = full.map((d) => (rand() < 0.3 ? 1 : d));
      if (rand() < 0.3) batchA = batchA.slice(1);
      if (rand() < 0.3) batchB = [];
    }
    const side = () => pick(["none", "transpose", "adjoint"] as const);
    const sa = side(), sb = side();
    const ta = sa !== "none", tb = sb !== "none";
    const shapeA = [...batchA, ...(ta ? [k, m] : [m, k])];
    const shapeB = [...batchB, ...(tb ? [n, k] : [k, n])];
    const a = randomRaw(dt, shapeA, "full"), b = randomRaw(dt, shapeB, "full");
    const opts: tf.MatMulOptions = {
      transposeA: sa === "transpose", adjointA: sa === "adjoint", transposeB: sb === "transpose", adjointB: sb === "adjoint",
    };
    addCase(`matmul ${dt}`, `matmul ${describeShape(shapeA)} x ${describeShape(shapeB)} ${JSON.stringify(opts)}`,
      { op: "matmul", inputs: [a, b], params: { ...opts } }, () => tf.matmul(tensorOf(a), tensorOf(b), opts), arithmeticTol(dt));
  }
}

// argmax, argmin
for (const dt of [...REAL, "bool"]) {
  for (let r = 0; r < REPEAT; r++) {
    const shape = randShape(1, 4);
    const axis = randInt(-shape.length, shape.length - 1);
    const a = axis < 0 ? axis + shape.length : axis;
    if (shape[a] === 0) shape[a] = 3;
    const x = randomRaw(dt, shape);
    const outputType = rand() < 0.7 ? "int64" : "int32";
    for (const which of ["argmax", "argmin"] as const) {
      addCase(`${which} ${dt}`, `${which} ${describeShape(shape)} axis ${axis} -> ${outputType}`,
        { op: which, inputs: [x], params: { axis, outputType } },
        () => (which === "argmax" ? tf.argmax : tf.argmin)(tensorOf(x), axis, outputType));
    }
  }
}

/** A random reduction axis argument for a rank: all (undefined), one axis, or a list. */
function randAxis(rank: number): number | number[] | undefined {
  const u = rand();
  if (u < 0.25 || rank === 0) return rank === 0 && u < 0.5 ? [] : undefined;
  if (u < 0.6) return randInt(-rank, rank - 1);
  return shuffle(Array.from({ length: rank }, (_, i) => (rand() < 0.5 ? i - rank : i))).slice(0, randInt(0, rank));
}

// reductions
const REDUCTIONS = [
  ["reduceSum", NUMERIC, "full"], ["reduceMean", NUMERIC, "full"], ["reduceProd", NUMERIC, "nearOne"],
  ["reduceMax", REAL, "full"], ["reduceMin", REAL, "full"], ["reduceAny", ["bool"], "small"], ["reduceAll", ["bool"], "small"],
] as const;
for (const [name, dtypes, kind] of REDUCTIONS) {
  for (const dt of dtypes) {
    for (let r = 0; r < REPEAT + 1; r++) {
      const shape = randShape(0, 4);
      const floaty = FLOATS.includes(dt) || COMPLEX.includes(dt);
      const x = randomRaw(dt, shape, floaty && name !== "reduceProd" ? "small" : kind);
      const axis = randAxis(shape.length);
      const keepdims = rand() < 0.4;
      const fn = tf[name];
      const rtol = name === "reduceSum" || name === "reduceMean" || name === "reduceProd" ? arithmeticTol(dt) : 0;
      addCase(`${name} ${dt}`, `${name} ${describeShape(shape)} axis ${JSON.stringify(axis)} keepdims ${keepdims}`,
        { op: name, inputs: [x], params: { axis: axis ?? null, keepdims } }, () => fn(tensorOf(x), axis, keepdims), rtol);
    }
  }
}
// Empty reductions give the reducer's identity; NaN propagates through Max/Min.
for (const dt of REAL) {
  for (const name of ["reduceMax", "reduceMin", "reduceSum", "reduceProd", "reduceMean"] as const) {
    const x = randomRaw(dt, [0, 3]);
    addCase(`${name} ${dt}`, `${name} of an empty axis`, { op: name, inputs: [x], params: { axis: [0], keepdims: false } },
      () => tf[name](tensorOf(x), 0));
  }
}
for (const dt of FLOATS) {
  const x = randomRaw(dt, [2, 3]);
  const view = x.data as Float32Array | Float64Array | Uint16Array;
  view[1] = dt === "float16" ? 0x7e00 : NaN;
  for (const name of ["reduceMax", "reduceMin"] as const) {
    addCase(`${name} ${dt}`, `${name} with a NaN`, { op: name, inputs: [x], params: { axis: [1], keepdims: false } },
      () => tf[name](tensorOf(x), 1));
  }
}

// transpose, expandDims, squeeze, concat, slice
for (const dt of ALL) {
  for (let r = 0; r < REPEAT; r++) {
    const shape = randShape(0, 4);
    const rank = shape.length;
    const x = randomRaw(dt, shape);
    const perm = rand() < 0.25 ? undefined : shuffle(Array.from({ length: rank }, (_, i) => i)).map((p) => (rand() < 0.3 ? p - rank : p));
    const conjugate = COMPLEX.includes(dt) && rand() < 0.5;
    addCase(`transpose ${dt}`, `transpose ${describeShape(shape)} perm ${JSON.stringify(perm)} conjugate ${conjugate}`,
      { op: "transpose", inputs: [x], params: { perm: perm ?? null, conjugate } }, () => tf.transpose(tensorOf(x), perm, { conjugate }));

    const axis = randInt(-rank - 1, rank);
    addCase(`expandDims ${dt}`, `expandDims ${describeShape(shape)} axis ${axis}`,
      { op: "expandDims", inputs: [x], params: { axis } }, () => tf.expandDims(tensorOf(x), axis));

    const sshape = shape.map((d) => (rand() < 0.4 ? 1 : d));
    const sx = randomRaw(dt, sshape);
    const ones = sshape.flatMap((d, i) => (d === 1 ? [i] : []));
    const saxis = rand() < 0.3 ? undefined : ones.filter(() => rand() < 0.6).map((i) => (rand() < 0.5 ? i - rank : i));
    addCase(`squeeze ${dt}`, `squeeze ${describeShape(sshape)} axis ${JSON.stringify(saxis)}`,
      { op: "squeeze", inputs: [sx], params: { axis: saxis ?? null } }, () => tf.squeeze(tensorOf(sx), saxis));

    const k = randInt(2, 3);
    const caxis = rank === 0 ? 0 : randInt(-rank, rank - 1);
    const ca = caxis < 0 ? caxis + rank : caxis;
    const parts = Array.from({ length: k }, () => randomRaw(dt, rank === 0 ? [] : shape.map((d, i) => (i === ca ? randInt(0, 3) : d))));
    addCase(`concat ${dt}`, `concat ${parts.map((p) => describeShape(p.shape)).join(" ")} axis ${caxis}`,
      { op: "concat", inputs: parts, params: { axis: caxis } }, () => tf.concat(parts.map(tensorOf), caxis));

    const begin = shape.map((d) => randInt(0, d));
    const sz = shape.map((d, i) => (rand() < 0.25 ? -1 : randInt(0, d - begin[i]!)));
    addCase(`slice ${dt}`, `slice ${describeShape(shape)} begin ${describeShape(begin)} size ${describeShape(sz)}`,
      { op: "slice", inputs: [x], params: { begin, size: sz } }, () => tf.slice(tensorOf(x), begin, sz));
  }
}

/** A random, valid strided-slice spec for `shape` (at most one ellipsis; shrinks in range). */
function randomStridedSpec(shape: readonly number[]) {
  const rank = shape.length;
  type Entry = { kind: "range" | "shrink" | "new" | "ellipsis"; begin: number; end: number; stride: number; bm: boolean; em: boolean };
  const consuming = randInt(0, rank);
  const entries: Entry[] = [];
  for (let i = 0; i < consuming; i++) entries.push({ kind: rand() < 0.25 ? "shrink" : "range", begin: 0, end: 0, stride: 1, bm: false, em: false });
  const newAxes = rand() < 0.4 ? randInt(1, 2) : 0;
  for (let i = 0; i < newAxes; i++) entries.splice(randInt(0, entries.length), 0, { kind: "new", begin: 0, end: 0, stride: 1, bm: false, em: false });
  const ellipsisAt = rand() < 0.35 ? randInt(0, entries.length) : -1;
  if (ellipsisAt >= 0) entries.splice(ellipsisAt, 0, { kind: "ellipsis", begin: 0, end: 0, stride: 1, bm: false, em: false });
  // Which input dimension each consuming entry indexes.
  const beforeEllipsis = ellipsisAt < 0 ? entries.length : ellipsisAt;
  const consumingAfter = entries.slice(beforeEllipsis + 1).filter((e) => e.kind === "range" || e.kind === "shrink").length;
  let dim = 0, afterSeen = 0;
  entries.forEach((e, i) => {
    if (e.kind === "new" || e.kind === "ellipsis") return;
    const axis = ellipsisAt >= 0 && i > ellipsisAt ? rank - consumingAfter + afterSeen++ : dim++;
    const d = shape[axis]!;
    if (e.kind === "shrink" && d === 0) e.kind = "range";
    if (e.kind === "shrink") {
      e.begin = randInt(-d, d - 1);
      e.end = randInt(-3, 3);
      e.bm = rand() < 0.2; // ignored when shrinking
    } else {
      e.begin = randInt(-d - 2, d + 2);
      e.end = randInt(-d - 2, d + 2);
      e.stride = pick([1, 1, 2, 3, -1, -2]);
      e.bm = rand() < 0.3;
      e.em = rand() < 0.3;
    }
  });
  const mask = (f: (e: Entry) => boolean) => entries.reduce((m, e, i) => (f(e) ? m | (1 << i) : m), 0);
  return {
    begin: entries.map((e) => e.begin), end: entries.map((e) => e.end), strides: entries.map((e) => e.stride),
    masks: {
      beginMask: mask((e) => e.bm), endMask: mask((e) => e.em), ellipsisMask: mask((e) => e.kind === "ellipsis"),
      newAxisMask: mask((e) => e.kind === "new"), shrinkAxisMask: mask((e) => e.kind === "shrink"),
    },
  };
}

// stridedSlice, gather, tile, pad
for (const dt of ALL) {
  for (let r = 0; r < 2 * REPEAT; r++) {
    const shape = randShape(0, 4);
    const x = randomRaw(dt, shape);
    const spec = randomStridedSpec(shape);
    const noStrides = spec.strides.every((s) => s === 1) && rand() < 0.5;
    addCase(`stridedSlice ${dt}`, `stridedSlice ${describeShape(shape)} ${JSON.stringify(spec)}`,
      { op: "stridedSlice", inputs: [x], params: spec },
      () => tf.stridedSlice(tensorOf(x), spec.begin, spec.end, noStrides ? undefined : spec.strides, spec.masks));
  }
  for (let r = 0; r < REPEAT; r++) {
    const pshape = randShape(1, 4);
    const irank = randInt(0, 2);
    const batchDims = randInt(0, Math.min(irank, pshape.length - 1));
    const axis = randInt(batchDims, pshape.length - 1);
    const ishape = [...pshape.slice(0, batchDims), ...randShape(irank - batchDims, irank - batchDims)];
    const limit = pshape[axis]!;
    if (limit === 0 && size(ishape) > 0) pshape[axis] = 2;
    const params = randomRaw(dt, pshape);
    const indices: RawArray = { dtype: rand() < 0.5 ? "int32" : "int64", shape: ishape, data: new Int32Array(0) };
    const idx = Array.from({ length: size(ishape) }, () => randInt(0, pshape[axis]! - 1));
    indices.data = indices.dtype === "int32" ? Int32Array.from(idx) : BigInt64Array.from(idx, BigInt);
    const negAxis = rand() < 0.3, negBatch = batchDims > 0 && batchDims < ishape.length && rand() < 0.3;
    const options = { axis: negAxis ? axis - pshape.length : axis, batchDims: negBatch ? batchDims - ishape.length : batchDims };
    addCase(`gather ${dt}`, `gather ${describeShape(pshape)} indices ${describeShape(ishape)} ${JSON.stringify(options)}`,
      { op: "gather", inputs: [params, indices], params: { axis, batchDims } }, () => tf.gather(tensorOf(params), tensorOf(indices), options));
  }
  if (dt !== "uint16") {
    for (let r = 0; r < REPEAT; r++) {
      const shape = randShape(0, 3);
      const x = randomRaw(dt, shape);
      const multiples = shape.map(() => randInt(0, 3));
      addCase(`tile ${dt}`, `tile ${describeShape(shape)} multiples ${describeShape(multiples)}`,
        { op: "tile", inputs: [x], params: { multiples } }, () => tf.tile(tensorOf(x), multiples));
    }
  }
  for (let r = 0; r < REPEAT; r++) {
    const shape = randShape(0, 4);
    const x = randomRaw(dt, shape);
    const paddings = shape.map(() => [randInt(0, 2), randInt(0, 2)]);
    const padArg = shape.length === 0 ? tf.zeros([0, 2], "int32") : paddings;
    const withValue = rand() < 0.5;
    const value = randomRaw(dt, []);
    addCase(`pad ${dt}`, `pad ${describeShape(shape)} ${JSON.stringify(paddings)}${withValue ? " with a constant" : ""}`,
      { op: "pad", inputs: withValue ? [x, value] : [x], params: { paddings, mode: "CONSTANT" } },
      () => tf.pad(tensorOf(x), padArg, withValue ? { constantValues: tensorOf(value) } : {}));
    const mshape = randShape(1, 4, false);
    const mx = randomRaw(dt, mshape);
    const mode = pick(["REFLECT", "SYMMETRIC", "reflect", "symmetric"]);
    const reflect = mode.toUpperCase() === "REFLECT";
    const mpads = mshape.map((d) => [randInt(0, reflect ? d - 1 : d), randInt(0, reflect ? d - 1 : d)]);
    addCase(`pad ${dt}`, `pad ${describeShape(mshape)} ${JSON.stringify(mpads)} mode ${mode}`,
      { op: "pad", inputs: [mx], params: { paddings: mpads, mode: mode.toUpperCase() } }, () => tf.pad(tensorOf(mx), mpads, { mode }));
  }
}

// factories: zeros, ones, zerosLike, onesLike, range, eye
for (const dt of ALL) {
  const shape = randShape(0, 3);
  addCase(`zeros ${dt}`, `zeros ${describeShape(shape)}`, { op: "zeros", inputs: [], params: { shape, dtype: dt } }, () => tf.zeros(shape, dt));
  const x = randomRaw(dt, randShape(0, 3));
  addCase(`zerosLike ${dt}`, `zerosLike ${describeShape(x.shape)}`, { op: "zeros", inputs: [], params: { shape: x.shape, dtype: dt } },
    () => tf.zerosLike(tensorOf(x)));
  const other = pick(ALL);
  addCase(`zerosLike ${dt}`, `zerosLike ${describeShape(x.shape)} as ${other}`, { op: "zeros", inputs: [], params: { shape: x.shape, dtype: other } },
    () => tf.zerosLike(tensorOf(x), other));
  if (dt !== "string") {
    addCase(`ones ${dt}`, `ones ${describeShape(shape)}`, { op: "ones", inputs: [], params: { shape, dtype: dt } }, () => tf.ones(shape, dt));
    addCase(`onesLike ${dt}`, `onesLike ${describeShape(x.shape)}`, { op: "ones", inputs: [], params: { shape: x.shape, dtype: dt } },
      () => tf.onesLike(tensorOf(x)));
  }
  if (dt !== "string") {
    for (let r = 0; r < 3; r++) {
      const n = randInt(0, 4), m = rand() < 0.5 ? undefined : randInt(0, 4);
      const batchShape = rand() < 0.5 ? [] : randShape(1, 2, true, 3);
      addCase(`eye ${dt}`, `eye ${n}x${m ?? n} batch ${describeShape(batchShape)}`,
        { op: "eye", inputs: [], params: { n, m: m ?? n, batchShape, dtype: dt } }, () => tf.eye(n, m, { batchShape, dtype: dt }));
    }
  }
}
for (const dt of ["float32", "float64", "int32", "int64"]) {
  for (let r = 0; r < 2 * REPEAT; r++) {
    const isFloat = dt.startsWith("float");
    const round = dt === "float32" ? Math.fround : (v: number) => v;
    const start = isFloat ? round(randInt(-40, 40) / 7) : randInt(-20, 20);
    const delta = (rand() < 0.5 ? -1 : 1) * (isFloat ? round(randInt(1, 30) / 9) : randInt(1, 5));
    const limit = isFloat ? round(start + delta * randInt(0, 12) * rand() * 1.3) : start + delta * randInt(0, 12) + (rand() < 0.5 ? Math.sign(delta) : 0);
    addCase(`range ${dt}`, `range(${start}, ${limit}, ${delta}, ${dt})`, { op: "range", inputs: [], params: { start, limit, delta, dtype: dt } },
      () => tf.range(start, limit, delta, dt));
  }
}
// JS numbers are float32 when no dtype is given; the implicit start and delta do not widen it.
addCase("range inference", "range(5)", { op: "range", inputs: [], params: { start: 0, limit: 5, delta: 1, dtype: "float32" } }, () => tf.range(5));
addCase("range inference", "range(int32 tensor 4)", { op: "range", inputs: [], params: { start: 0, limit: 4, delta: 1, dtype: "int32" } },
  () => tf.range(tf.constant(4, "int32")));
addCase("range inference", "range(int64 2, 7)", { op: "range", inputs: [], params: { start: 2, limit: 7, delta: 1, dtype: "int64" } },
  () => tf.range(tf.constant(2n), tf.constant(7n)));
addCase("range inference", "range(1, 2.5, 0.5)", { op: "range", inputs: [], params: { start: 1, limit: 2.5, delta: 0.5, dtype: "float32" } },
  () => tf.range(1, 2.5, 0.5));

// --- the oracle -------------------------------------------------------------------------------------

const ORACLE = String.raw`
import math

def axes_of(p, nd):
    a = p.get('axis')
    if a is None:
        return tuple(range(nd))
    if isinstance(a, int):
        a = [a]
    return tuple(sorted(set(i % nd if nd else i for i in a)))

def kept(r, x, ax, keep):
    return r

def count_of(x, ax):
    n = 1
    for i in ax:
        n *= x.shape[i]
    return n

def trunc_div(s, n, dt):
    flat = [int(v) for v in np.asarray(s).reshape(-1)]
    q = [(v // n if v >= 0 else -((-v) // n)) for v in flat]
    out = np.array([v % (1 << (8 * np.dtype(dt).itemsize)) for v in q], dtype=object)
    # back to two's complement in dt
    bits = 8 * np.dtype(dt).itemsize
    vals = [(v - (1 << bits)) if (np.dtype(dt).kind == 'i' and v >= (1 << (bits - 1))) else v for v in out]
    return np.array(vals, dtype=dt).reshape(np.asarray(s).shape)

def reduction(op, x, p):
    ax = axes_of(p, x.ndim)
    kd = p['keepdims']
    dt = x.dtype
    n = count_of(x, ax)
    if op == 'reduceAny':
        return {'expected': enc(np.any(x, axis=ax, keepdims=kd))}
    if op == 'reduceAll':
        return {'expected': enc(np.all(x, axis=ax, keepdims=kd))}
    if op in ('reduceMax', 'reduceMin'):
        if dt.kind == 'f':
            init = -np.inf if op == 'reduceMax' else np.inf
        else:
            init = np.iinfo(dt).min if op == 'reduceMax' else np.iinfo(dt).max
        f = np.max if op == 'reduceMax' else np.min
        return {'expected': enc(f(x, axis=ax, keepdims=kd, initial=init).astype(dt))}
    if dt.kind in 'iu':
        if op == 'reduceSum':
            return {'expected': enc(np.sum(x, axis=ax, keepdims=kd, dtype=dt))}
        if op == 'reduceProd':
            return {'expected': enc(np.prod(x, axis=ax, keepdims=kd, dtype=dt))}
        # Mean: 64-bit sum (wrapping for 64-bit inputs), truncating division, 0 when empty.
        acc = np.int64 if dt.kind == 'i' else np.uint64
        s = np.sum(x.astype(acc), axis=ax, keepdims=kd, dtype=acc)
        if n == 0:
            return {'expected': enc(np.zeros(np.shape(s), dtype=dt))}
        return {'expected': enc(trunc_div(s, n, dt))}
    wide = np.complex128 if dt.kind == 'c' else np.float64
    xw = x.astype(wide)
    if op == 'reduceSum':
        r, sc = np.sum(xw, axis=ax, keepdims=kd), np.sum(np.abs(xw), axis=ax, keepdims=kd)
    elif op == 'reduceProd':
        r, sc = np.prod(xw, axis=ax, keepdims=kd), np.prod(np.abs(xw), axis=ax, keepdims=kd)
    else:
        if n == 0:
            fill = 0 if dt.kind == 'c' else np.nan
            shape = np.shape(np.sum(xw, axis=ax, keepdims=kd))
            return {'expected': enc(np.full(shape, fill, dtype=dt))}
        r, sc = np.mean(xw, axis=ax, keepdims=kd), np.mean(np.abs(xw), axis=ax, keepdims=kd)
    return {'expected': enc(np.asarray(r).astype(dt)), 'scale': enc(np.asarray(sc, dtype=np.float64))}

def matmul(a, b, p):
    def prep(m, t, adj):
        if t or adj:
            m = np.swapaxes(m, -1, -2)
        if adj:
            m = np.conj(m)
        return m
    dt = a.dtype
    A = prep(a, p['transposeA'], p['adjointA'])
    B = prep(b, p['transposeB'], p['adjointB'])
    if dt.kind in 'iu':
        r = np.matmul(A.astype(np.int64).astype(np.uint64), B.astype(np.int64).astype(np.uint64))
        return {'expected': enc(r.astype(dt))}
    wide = np.complex128 if dt.kind == 'c' else np.float64
    A, B = A.astype(wide), B.astype(wide)
    return {'expected': enc(np.matmul(A, B).astype(dt)), 'scale': enc(np.matmul(np.abs(A), np.abs(B)))}

def gather(params, indices, axis, bd):
    if bd == 0:
        return np.take(params, indices.astype(np.int64), axis=axis)
    out = [gather(params[i], indices[i], axis - 1, bd - 1) for i in range(params.shape[0])]
    if out:
        return np.stack(out)
    shape = params.shape[:axis] + indices.shape[bd:] + params.shape[axis + 1:]
    return np.empty(shape, dtype=params.dtype)

def strided_index(p):
    idx = []
    m = p['masks']
    for i, (b, e, s) in enumerate(zip(p['begin'], p['end'], p['strides'])):
        bit = 1 << i
        if m['ellipsisMask'] & bit:
            idx.append(Ellipsis)
        elif m['newAxisMask'] & bit:
            idx.append(None)
        elif m['shrinkAxisMask'] & bit:
            idx.append(b)
        else:
            idx.append(slice(None if m['beginMask'] & bit else b, None if m['endMask'] & bit else e, s))
    return tuple(idx)

def zero_of(dt):
    return b'' if dt == 'string' else 0

def np_dtype(name):
    return object if name == 'string' else np.dtype(name)

def tf_range(p):
    dt = np.dtype(p['dtype'])
    if dt.kind == 'i':
        s, l, d = int(p['start']), int(p['limit']), int(p['delta'])
        n = (abs(l - s) + abs(d) - 1) // abs(d)
        return np.array([s + i * d for i in range(n)], dtype=dt)
    T = dt.type
    s, l, d = T(p['start']), T(p['limit']), T(p['delta'])
    n = int(np.ceil(np.abs(T(T(l - s) / d))))
    out, v = [], s
    for _ in range(n):
        out.append(v)
        v = T(v + d)
    return np.array(out, dtype=dt)

def like(r, x):
    # Indexing can return a bare element; keep the input's dtype (object for strings).
    return np.asarray(r, dtype=x.dtype)

def run(op, xs, p):
    if op == 'reshape':
        return {'expected': enc(xs[0].reshape(p['shape']))}
    if op == 'stack':
        return {'expected': enc(np.stack(xs, axis=p['axis']))}
    if op == 'fill':
        v = xs[0]
        return {'expected': enc(np.full(p['dims'], v[()], dtype=v.dtype))}
    if op == 'matmul':
        return matmul(xs[0], xs[1], p)
    if op in ('argmax', 'argmin'):
        f = np.argmax if op == 'argmax' else np.argmin
        return {'expected': enc(f(xs[0], axis=p['axis']).astype(p['outputType']))}
    if op.startswith('reduce'):
        return reduction(op, xs[0], p)
    if op == 'transpose':
        x = xs[0]
        r = np.transpose(x, p['perm']) if p['perm'] is not None else np.transpose(x)
        if p['conjugate']:
            r = np.conj(r)
        return {'expected': enc(r)}
    if op == 'expandDims':
        return {'expected': enc(np.expand_dims(xs[0], p['axis']))}
    if op == 'squeeze':
        a = p['axis']
        # An empty axis list squeezes every size-1 dimension, as no list does.
        return {'expected': enc(np.squeeze(xs[0]) if not a else np.squeeze(xs[0], axis=tuple(a)))}
    if op == 'concat':
        if xs[0].ndim == 0:
            return {'expected': enc(np.stack(xs))}
        return {'expected': enc(np.concatenate(xs, axis=p['axis']))}
    if op == 'slice':
        idx = tuple(slice(b, None if s == -1 else b + s) for b, s in zip(p['begin'], p['size']))
        return {'expected': enc(like(xs[0][idx], xs[0]))}
    if op == 'stridedSlice':
        return {'expected': enc(like(xs[0][strided_index(p)], xs[0]))}
    if op == 'gather':
        return {'expected': enc(like(gather(xs[0], xs[1], p['axis'], p['batchDims']), xs[0]))}
    if op == 'tile':
        return {'expected': enc(np.tile(xs[0], p['multiples']))}
    if op == 'pad':
        x = xs[0]
        if x.ndim == 0:
            return {'expected': enc(x)}
        mode = p['mode']
        if mode == 'CONSTANT':
            cv = xs[1][()] if len(xs) > 1 else (b'' if x.dtype == object else np.zeros((), dtype=x.dtype)[()])
            return {'expected': enc(np.pad(x, p['paddings'], mode='constant', constant_values=cv))}
        return {'expected': enc(np.pad(x, p['paddings'], mode=mode.lower()))}
    if op in ('zeros', 'ones'):
        dt = p['dtype']
        if dt == 'string':
            return {'expected': enc(np.full(p['shape'], b'', dtype=object))}
        f = np.zeros if op == 'zeros' else np.ones
        return {'expected': enc(f(p['shape'], dtype=np.dtype(dt)))}
    if op == 'eye':
        e = np.eye(p['n'], p['m'], dtype=np.dtype(p['dtype']))
        return {'expected': enc(np.broadcast_to(e, tuple(p['batchShape']) + e.shape).copy())}
    if op == 'range':
        return {'expected': enc(tf_range(p))}
    raise ValueError('unknown op ' + op)

out = []
for c in INPUT:
    try:
        out.append(run(c['op'], [dec(e) for e in c['inputs']], c['params']))
    except Exception as ex:
        out.append({'error': type(ex).__name__ + ': ' + str(ex)})
print(json.dumps(out))
`;

interface Encoded { dtype: string; shape: number[]; hex?: string; strings?: string[] }
interface OracleResult { expected?: Encoded; scale?: Encoded; error?: string }

const haveNumpy = numpyAvailable();
if (!haveNumpy) console.log("# skipping the numpy differential tests: python3 with numpy is not available");
else console.log(`${cases.length} random cases checked against numpy in one python3 process`);
const results: OracleResult[] = haveNumpy
  ? (runPython(ORACLE, cases.map((c) => ({ op: c.call.op, inputs: c.call.inputs.map(encodeArray), params: c.call.params }))) as OracleResult[])
  : [];

/** Comparable lanes of an array: numbers (half decoded, complex as re/im pairs), bigints or hex strings. */
function lanesOf(a: RawArray): (number | bigint | string)[] {
  if (Array.isArray(a.data)) return a.data.map((b) => Buffer.from(b).toString("hex"));
  if (a.dtype === "float16") return Array.from(a.data as Uint16Array, halfValue);
  return Array.from(a.data as unknown as ArrayLike<number | bigint>);
}

function check(c: Case, r: OracleResult): void {
  if (c.actual instanceof Error) assert.fail(`${c.what}: tsflow raised ${c.actual.name}: ${c.actual.message}`);
  if (r.error !== undefined || r.expected === undefined) assert.fail(`${c.what}: the oracle failed: ${r.error}`);
  const exp = decodeArray(r.expected);
  const act = c.actual;
  assert.equal(act.dtype, exp.dtype, `${c.what}: dtype`);
  assert.deepEqual(act.shape, exp.shape, `${c.what}: shape`);
  const a = lanesOf(act), e = lanesOf(exp);
  assert.equal(a.length, e.length, `${c.what}: element count`);
  const scale = r.scale === undefined ? null : (decodeArray(r.scale).data as Float64Array);
  const perElement = act.dtype.startsWith("complex") ? 2 : 1;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = e[i]!;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      const s = scale === null ? 0 : scale[Math.floor(i / perElement)]!;
      if (c.rtol > 0 && Math.abs(x - y) <= c.rtol * s + 1e-300) continue;
    }
    assert.fail(`${c.what}: element ${i}: got ${String(x)}, expected ${String(y)}${scale ? ` (scale ${scale[Math.floor(i / perElement)]})` : ""}`);
  }
}

const groups = new Map<string, number[]>();
cases.forEach((c, i) => {
  const list = groups.get(c.group) ?? [];
  list.push(i);
  groups.set(c.group, list);
});
for (const [group, indices] of groups) {
  test(`numpy oracle: ${group}`, { skip: haveNumpy ? false : "python3 with numpy is not available" }, () => {
    for (const i of indices) check(cases[i]!, results[i]!);
  });
}

// --- bfloat16 (numpy has no bfloat16): hand-computed values ---------------------------------------------

function bf16(values: number[], shape: number[]): tf.Tensor {
  return tensorOf({ dtype: "bfloat16", shape, data: Uint16Array.from(values, bf16Bits) });
}
function valuesOf(t: tf.Tensor): unknown {
  return [t.dtype.name, t.shape.asList(), t.numpy().tolist()];
}

test("bfloat16: data movement", () => {
  const x = bf16([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.deepEqual(valuesOf(tf.transpose(x)), ["bfloat16", [3, 2], [[1, 4], [2, 5], [3, 6]]]);
  assert.deepEqual(valuesOf(tf.reshape(x, [3, 2])), ["bfloat16", [3, 2], [[1, 2], [3, 4], [5, 6]]]);
  assert.deepEqual(valuesOf(tf.expandDims(x, 0)), ["bfloat16", [1, 2, 3], [[[1, 2, 3], [4, 5, 6]]]]);
  assert.deepEqual(valuesOf(tf.squeeze(tf.reshape(x, [1, 6]))), ["bfloat16", [6], [1, 2, 3, 4, 5, 6]]);
  assert.deepEqual(valuesOf(tf.concat([x, x], 0)), ["bfloat16", [4, 3], [[1, 2, 3], [4, 5, 6], [1, 2, 3], [4, 5, 6]]]);
  assert.deepEqual(valuesOf(tf.stack([x, x], 2)), ["bfloat16", [2, 3, 2], [[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5], [6, 6]]]]);
  assert.deepEqual(valuesOf(tf.slice(x, [0, 1], [2, -1])), ["bfloat16", [2, 2], [[2, 3], [5, 6]]]);
  assert.deepEqual(valuesOf(tf.stridedSlice(x, [1, -1], [0, 0], [1, -2], { beginMask: 1, endMask: 1 })), ["bfloat16", [2, 1], [[3], [6]]]);
  assert.deepEqual(valuesOf(tf.gather(x, [2, 0], { axis: 1 })), ["bfloat16", [2, 2], [[3, 1], [6, 4]]]);
  assert.deepEqual(valuesOf(tf.tile(bf16([1.5, -2], [2]), [2])), ["bfloat16", [4], [1.5, -2, 1.5, -2]]);
  assert.deepEqual(valuesOf(tf.pad(bf16([1, 2], [2]), [[1, 2]])), ["bfloat16", [5], [0, 1, 2, 0, 0]]);
  assert.deepEqual(valuesOf(tf.pad(bf16([1, 2], [2]), [[1, 1]], { constantValues: bf16([0.5], []) })), ["bfloat16", [4], [0.5, 1, 2, 0.5]]);
  assert.deepEqual(valuesOf(tf.pad(bf16([1, 2, 3], [3]), [[2, 1]], { mode: "REFLECT" })), ["bfloat16", [6], [3, 2, 1, 2, 3, 2]]);
  assert.deepEqual(valuesOf(tf.fill([2], bf16([0.25], []))), ["bfloat16", [2], [0.25, 0.25]]);
  assert.deepEqual(valuesOf(tf.zerosLike(x)), ["bfloat16", [2, 3], [[0, 0, 0], [0, 0, 0]]]);
  assert.deepEqual(valuesOf(tf.ones([2], "bfloat16")), ["bfloat16", [2], [1, 1]]);
  assert.deepEqual(valuesOf(tf.zeros([1], "bfloat16")), ["bfloat16", [1], [0]]);
  assert.deepEqual(valuesOf(tf.eye(2, undefined, { dtype: "bfloat16" })), ["bfloat16", [2, 2], [[1, 0], [0, 1]]]);
});

test("bfloat16: arithmetic", () => {
  const x = bf16([1, 2, 3, 4, 5, 6], [2, 3]);
  assert.deepEqual(valuesOf(tf.reduceSum(x, 1)), ["bfloat16", [2], [6, 15]]);
  assert.deepEqual(valuesOf(tf.reduceMean(x, 0)), ["bfloat16", [3], [2.5, 3.5, 4.5]]);
  assert.deepEqual(valuesOf(tf.reduceProd(x)), ["bfloat16", [], 720]);
  assert.deepEqual(valuesOf(tf.reduceMax(x, 0, true)), ["bfloat16", [1, 3], [[4, 5, 6]]]);
  assert.deepEqual(valuesOf(tf.reduceMin(x)), ["bfloat16", [], 1]);
  assert.deepEqual(valuesOf(tf.reduceMax(bf16([], [0]))), ["bfloat16", [], -Infinity]);
  assert.deepEqual(valuesOf(tf.argmax(x, 1)), ["int64", [2], [2n, 2n]]);
  assert.deepEqual(valuesOf(tf.argmin(x, 0, "int32")), ["int32", [3], [0, 0, 0]]);
  // 1*1 + 2*3 + 3*5 = 22, 1*2 + 2*4 + 3*6 = 28, …
  const y = bf16([1, 2, 3, 4, 5, 6], [3, 2]);
  assert.deepEqual(valuesOf(tf.matmul(x, y)), ["bfloat16", [2, 2], [[22, 28], [49, 64]]]);
  assert.deepEqual(valuesOf(tf.matmul(x, x, { transposeB: true })), ["bfloat16", [2, 2], [[14, 32], [32, 77]]]);
  // bfloat16 keeps 8 significant bits: 257 rounds to 256.
  assert.deepEqual(valuesOf(tf.reduceSum(bf16([256, 1], [2]))), ["bfloat16", [], 256]);
  assert.deepEqual(valuesOf(tf.range(0, 3, 1, "float32")), ["float32", [3], [0, 1, 2]]);
});

// --- errors: TensorFlow's classes and messages ------------------------------------------------------

function throwsTf(fn: () => unknown, cls: string, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error, "an Error");
    assert.equal(e.name, cls);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

const m23 = tf.constant([[1, 2, 3], [4, 5, 6]]);

test("errors: reshape, stack, fill", () => {
  throwsTf(() => tf.reshape([1, 2, 3], [4]), "InvalidArgumentError",
    "Input to reshape is a tensor with 3 values, but the requested shape has 4 [Op:Reshape]");
  throwsTf(() => tf.reshape([1, 2, 3], [-1, 2]), "InvalidArgumentError",
    "Input to reshape is a tensor with 3 values, but the requested shape requires a multiple of 2 [Op:Reshape]");
  throwsTf(() => tf.stack([[1, 2], [1, 2, 3]].map((v) => tf.constant(v))), "InvalidArgumentError",
    "Shapes of all inputs must match: values[0].shape = [2] != values[1].shape = [3] [Op:Pack]");
});

test("errors: matmul", () => {
  throwsTf(() => tf.matmul(m23, m23), "InvalidArgumentError", "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3] [Op:MatMul]");
  throwsTf(() => tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3, 3, 4])), "InvalidArgumentError",
    "In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,3,4] [Op:BatchMatMulV2]");
  throwsTf(() => tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([2, 2, 3])), "InvalidArgumentError",
    "Matrix size-incompatible: In[0]: [2,2,3], In[1]: [2,2,3] [Op:BatchMatMulV2]");
  throwsTf(() => tf.matmul(tf.zeros([3]), tf.zeros([3, 2])), "InvalidArgumentError",
    "In[0] and In[1] has different ndims: [3] vs. [3,2] [Op:MatMul]");
  throwsTf(() => tf.matmul(tf.zeros([3]), tf.zeros([3])), "InvalidArgumentError", "In[0] and In[1] ndims must be == 2: 1 [Op:MatMul]");
  throwsTf(() => tf.matmul(tf.zeros([2, 3, 3]), tf.zeros([3])), "InvalidArgumentError", "In[1] ndims must be >= 2: 1 [Op:BatchMatMulV2]");
  throwsTf(() => tf.matmul(m23, m23, { transposeA: true, adjointA: true }), "ValueError",
    "Only one of `transpose_a` and `adjoint_a` can be True. Received `transpose_a`=True, `adjoint_a`=True.");
  throwsTf(() => tf.matmul(m23, m23, { transposeB: true, adjointB: true }), "ValueError",
    "Only one of `transpose_b` and `adjoint_b` can be True. Received `transpose_b`=True, `adjoint_b`=True.");
  throwsTf(() => tf.matmul(m23, tf.constant([[1], [2], [3]], "int32")), "InvalidArgumentError",
    "cannot compute MatMul as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:MatMul]");
  // No CPU kernel for 8-bit or unsigned matmul.
  throwsTf(() => tf.matmul(tf.zeros([2, 2], "int8"), tf.zeros([2, 2], "int8")), "NotFoundError", /^Could not find device for node: \{\{node MatMul\}\}/);
  throwsTf(() => tf.matmul(tf.zeros([2, 2], "bool"), tf.zeros([2, 2], "bool")), "InvalidArgumentError",
    /^Value for attr 'T' of bool is not in the list of allowed values: .* \[Op:MatMul\]$/);
  // adjoint conjugates; transpose does not.
  const c = tf.constant([[{ re: 1, im: 2 }]], "complex64");
  assert.deepEqual(tf.matmul(c, c, { adjointA: true }).numpy().tolist(), [[{ re: 5, im: 0 }]]);
  assert.deepEqual(tf.matmul(c, c, { transposeA: true }).numpy().tolist(), [[{ re: -3, im: 4 }]]);
});

test("errors: transpose, expandDims, squeeze", () => {
  throwsTf(() => tf.transpose(m23, [1, 0, 2]), "InvalidArgumentError",
    "transpose expects a vector of size 2. But input(1) is a vector of size 3 [Op:Transpose]");
  throwsTf(() => tf.transpose(m23, [0, 2]), "InvalidArgumentError", "2 is out of range [0 .. 2) [Op:Transpose]");
  throwsTf(() => tf.transpose(m23, [0, -2]), "InvalidArgumentError", "1 is missing from {0,0}. [Op:Transpose]");
  throwsTf(() => tf.transpose(m23, [0, -3]), "InvalidArgumentError", "-1 is out of range [0 .. 2) [Op:Transpose]");
  throwsTf(() => tf.expandDims(tf.zeros([3]), 3), "InvalidArgumentError", "Tried to expand dim index 3 for tensor with 1 dimensions. [Op:ExpandDims]");
  throwsTf(() => tf.expandDims(tf.zeros([3]), -3), "InvalidArgumentError", "Tried to expand dim index -3 for tensor with 1 dimensions. [Op:ExpandDims]");
  throwsTf(() => tf.squeeze(tf.zeros([1, 3]), 1), "InvalidArgumentError",
    "Can not squeeze dim[1], expected a dimension of 1, got 3 [Op:Squeeze]");
  throwsTf(() => tf.squeeze(tf.zeros([1, 3]), [-1]), "InvalidArgumentError",
    "Can not squeeze dim[1], expected a dimension of 1, got 3 [Op:Squeeze]");
  throwsTf(() => tf.squeeze(tf.zeros([1, 3]), 2), "InvalidArgumentError",
    "Tried to squeeze dim index 2 for tensor with 2 dimensions. [Op:Squeeze]");
});

test("errors: concat, slice, stridedSlice", () => {
  throwsTf(() => tf.concat([m23, tf.zeros([2, 4])], 0), "InvalidArgumentError",
    "ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [2,3] vs. shape[1] = [2,4] [Op:ConcatV2]");
  throwsTf(() => tf.concat([m23, tf.zeros([6])], 0), "InvalidArgumentError",
    "ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3] vs. shape[1] = [6] [Op:ConcatV2]");
  throwsTf(() => tf.concat([m23, m23], 2), "InvalidArgumentError",
    "ConcatOp : Expected concatenating dimensions in the range [-2, 2), but got 2 [Op:ConcatV2]");
  throwsTf(() => tf.concat([m23, tf.zeros([2, 3], "int32")], 0), "InvalidArgumentError",
    "cannot compute ConcatV2 as input #1(zero-based) was expected to be a float tensor but is a int32 tensor [Op:ConcatV2]");
  throwsTf(() => tf.concat([], 0), "ValueError", "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.");
  // One value comes back as it is, whatever the axis (TensorFlow's Identity shortcut).
  assert.deepEqual(tf.concat([m23], 7).shape.asList(), [2, 3]);
  // Scalars concatenate into a vector along axis 0.
  assert.deepEqual(tf.concat([tf.constant(1), tf.constant(2)], 0).numpy().tolist(), [1, 2]);

  throwsTf(() => tf.slice(m23, [0, 1], [1, 3]), "InvalidArgumentError", "Expected size[1] in [0, 2], but got 3 [Op:Slice]");
  throwsTf(() => tf.slice(m23, [3, 0], [1, 1]), "InvalidArgumentError", "Expected begin[0] in [0, 2], but got 3 [Op:Slice]");
  throwsTf(() => tf.slice(m23, [0], [1]), "InvalidArgumentError",
    "Expected begin and size arguments to be 1-D tensors of size 2, but got shapes [1] and [1] instead. [Op:Slice]");
  throwsTf(() => tf.slice(tf.zeros([0, 2]), [1, 0], [0, 1]), "InvalidArgumentError",
    "Expected begin[0] == 0 (got 1) and size[0] == 0 (got 0) when input.dim_size(0) == 0 [Op:Slice]");

  throwsTf(() => tf.stridedSlice(m23, [5], [6], [1], { shrinkAxisMask: 1 }), "InvalidArgumentError",
    "slice index 5 of dimension 0 out of bounds. [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [-3], [0], [1], { shrinkAxisMask: 1 }), "InvalidArgumentError",
    "slice index -1 of dimension 0 out of bounds. [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [0], [1], [0]), "InvalidArgumentError", "strides[0] must be non-zero [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [0, 0], [1, 1], [1, 1], { ellipsisMask: 3 }), "InvalidArgumentError",
    "Multiple ellipses in slice spec not allowed [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [0, 0, 0], [1, 1, 1], [1, 1, 1]), "InvalidArgumentError",
    "Index out of range using input dim 2; input has only 2 dims [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [0], [1], [-1], { shrinkAxisMask: 1 }), "InvalidArgumentError",
    "only stride 1 allowed on non-range indexing. [Op:StridedSlice]");
  throwsTf(() => tf.stridedSlice(m23, [0, 0], [1], [1, 1]), "InvalidArgumentError",
    "Expected begin, end, and strides to be 1D equal size tensors, but got shapes [2], [1], and [2] instead. [Op:StridedSlice]");
});

test("errors: gather", () => {
  const p = tf.constant([1, 2, 3, 4]);
  throwsTf(() => tf.gather(p, [0, 7]), "InvalidArgumentError", "indices[1] = 7 is not in [0, 4) [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [[0, 1], [-1, 0]], { axis: 1 }), "InvalidArgumentError", "indices[1,0] = -1 is not in [0, 3) [Op:GatherV2]");
  throwsTf(() => tf.gather(p, tf.constant(9n)), "InvalidArgumentError", "indices = 9 is not in [0, 4) [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [[0], [5]], { batchDims: 1 }), "InvalidArgumentError", "indices[1,0] = 5 is not in [0, 3) [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [0], { axis: 2 }), "InvalidArgumentError", "Shape must be at least rank 3 but is rank 2 [Op:GatherV2]");
  throwsTf(() => tf.gather(tf.constant(1), [0]), "InvalidArgumentError", "params must be at least 1 dimensional [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [[0], [1], [1]], { batchDims: 1 }), "InvalidArgumentError",
    "params.shape[0]: 2 should be equal to indices.shape[0]: 3 [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [[0]], { axis: 1, batchDims: 3 }), "InvalidArgumentError",
    "Expected batch_dims in the range [-2, 2], but got 3 [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, [[0, 1], [0, 1]], { axis: 1, batchDims: 2 }), "InvalidArgumentError",
    "batch_dims (2) must be less than rank(params) (2). [Op:GatherV2]");
  throwsTf(() => tf.gather(m23, tf.constant([0.5])), "InvalidArgumentError",
    "Value for attr 'Tindices' of float is not in the list of allowed values: int16, int32, int64 [Op:GatherV2]");
  // Nothing to copy: TensorFlow does not look at the indices.
  assert.deepEqual(tf.gather(tf.zeros([4, 0]), [9]).shape.asList(), [1, 0]);
});

test("errors: tile, pad", () => {
  throwsTf(() => tf.tile(m23, [2]), "InvalidArgumentError", "Expected multiples argument to be a vector of length 2 but got length 1 [Op:Tile]");
  throwsTf(() => tf.tile(m23, [-1, 1]), "InvalidArgumentError", "Expected multiples[0] >= 0, but got -1 [Op:Tile]");
  throwsTf(() => tf.tile(tf.zeros([2], "uint16"), [2]), "UnimplementedError",
    "TileOp : The input data type is not supported, DataType : uint16, Dimension : 1 [Op:Tile]");
  assert.deepEqual(tf.tile(tf.constant(new Uint16Array([7, 8])), [1]).numpy().tolist(), [7, 8]);

  throwsTf(() => tf.pad(m23, [[-1, 0], [0, 0]]), "InvalidArgumentError", "Paddings must be non-negative: -1 0 [Op:Pad]");
  throwsTf(() => tf.pad(m23, [[1, 2]]), "InvalidArgumentError", "The first dimension of paddings must be the rank of inputs[1,2] [2,3] [Op:Pad]");
  throwsTf(() => tf.pad(m23, [1, 2]), "InvalidArgumentError", "paddings must be a matrix with 2 columns: [2] [Op:Pad]");
  throwsTf(() => tf.pad(m23, [[0, 0], [0, 0]], { constantValues: tf.constant([1, 2]) }), "InvalidArgumentError",
    "constant_values must be a scalar. Found: [2] [Op:PadV2]");
  throwsTf(() => tf.pad(m23, [[0, 0], [3, 0]], { mode: "REFLECT" }), "InvalidArgumentError",
    "paddings must be less than the dimension size: 3, 0 not less than 3 [Op:MirrorPad]");
  throwsTf(() => tf.pad(m23, [[0, 0], [4, 0]], { mode: "SYMMETRIC" }), "InvalidArgumentError",
    "paddings must be no greater than the dimension size: 4, 0 greater than 3 [Op:MirrorPad]");
  throwsTf(() => tf.pad(m23, [[0, 0], [0, 0]], { mode: "weird" }), "ValueError",
    'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". Received `mode` = WEIRD');
  throwsTf(() => tf.pad(tf.zeros([1, 1, 1, 1, 1, 1]), Array.from({ length: 6 }, () => [0, 0]), { mode: "REFLECT" }), "UnimplementedError",
    "inputs rank not in [0,5]: 6 [Op:MirrorPad]");
});

test("errors: range, eye", () => {
  throwsTf(() => tf.range(3, 1, 1, "int32"), "InvalidArgumentError", "Requires start <= limit when delta > 0: 3/1 [Op:Range]");
  throwsTf(() => tf.range(3, 1), "InvalidArgumentError", "Requires start <= limit when delta > 0: 3/1 [Op:Range]");
  throwsTf(() => tf.range(1, 3, -1), "InvalidArgumentError", "Requires start >= limit when delta < 0: 1/3 [Op:Range]");
  throwsTf(() => tf.range(1, 3, 0), "InvalidArgumentError", "Requires delta != 0: 0 [Op:Range]");
  throwsTf(() => tf.range(3.5, 1.25, 0.1), "InvalidArgumentError", "Requires start <= limit when delta > 0: 3.5/1.25 [Op:Range]");
  throwsTf(() => tf.range(0.1, 0, 1, "float64"), "InvalidArgumentError", "Requires start <= limit when delta > 0: 0.1/0 [Op:Range]");
  throwsTf(() => tf.range(0, 5, 1, "float16"), "NotFoundError", /^Could not find device for node: \{\{node Range\}\}/);
  throwsTf(() => tf.eye(2.5), "TypeError",
    "Arguments `num_rows` and `num_columns` must be positive integer values. Received: num_rows=2.5, num_columns=2.5");
});

test("errors: reductions and arg-reductions", () => {
  throwsTf(() => tf.reduceSum(m23, 2), "InvalidArgumentError", "Invalid reduction dimension (2 for input with 2 dimension(s) [Op:Sum]");
  throwsTf(() => tf.reduceMean(m23, [-3]), "InvalidArgumentError", "Invalid reduction dimension (-3 for input with 2 dimension(s) [Op:Mean]");
  throwsTf(() => tf.reduceMax(m23, 5), "InvalidArgumentError", "Invalid reduction dimension (5 for input with 2 dimension(s) [Op:Max]");
  throwsTf(() => tf.reduceAny(m23), "InvalidArgumentError",
    "cannot compute Any as input #0(zero-based) was expected to be a bool tensor but is a float tensor [Op:Any]");
  throwsTf(() => tf.reduceAll(tf.zeros([2], "int32")), "InvalidArgumentError",
    "cannot compute All as input #0(zero-based) was expected to be a bool tensor but is a int32 tensor [Op:All]");
  throwsTf(() => tf.reduceMax(tf.zeros([2], "complex64")), "NotFoundError", /^Could not find device for node: \{\{node Max\}\}/);
  throwsTf(() => tf.reduceSum(tf.zeros([2], "bool")), "InvalidArgumentError", /^Value for attr 'T' of bool is not in the list of allowed values: .* \[Op:Sum\]$/);
  throwsTf(() => tf.argmax(m23, 2), "InvalidArgumentError", "Expected dimension in the range [-2, 2), but got 2 [Op:ArgMax]");
  throwsTf(() => tf.argmin(tf.constant(1), 0), "InvalidArgumentError", "Expected dimension in the range [0, 0), but got 0 [Op:ArgMin]");
  throwsTf(() => tf.argmax(tf.zeros([0, 2]), 0), "InvalidArgumentError", "Reduction axis 0 is empty in shape [0,2] [Op:ArgMax]");
  throwsTf(() => tf.argmax(tf.zeros([2, 0]), -1), "InvalidArgumentError", "Reduction axis -1 is empty in shape [2,0] [Op:ArgMax]");
  // Integer means truncate toward zero.
  assert.deepEqual(tf.reduceMean(tf.constant([-7, 2], "int32")).numpy().tolist(), -2);
  assert.deepEqual(tf.reduceMean(tf.constant([7n, 2n])).numpy().tolist(), 4n);
  assert.deepEqual(tf.reduceMean(tf.constant([200, 100], "uint8")).numpy().tolist(), 150);
});
