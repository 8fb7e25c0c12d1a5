// The native elementwise, reduction, arg-reduction and cast kernels against the TypeScript
// reference kernels: every op and dtype they cover, fixed-seed random inputs with edge values,
// odd sizes (1, 7, 63, 1025 and 100003, above the parallel grain), broadcast patterns.
//
// Agreement required:
//   - integers, comparisons, casts, + - * / neg abs square sqrt rsqrt max min relu sign, ReluGrad,
//     Max/Min reductions, ArgMax/ArgMin: identical (same bits; NaN payloads aside);
//   - exp, log, log1p, sin, cos, tanh, sigmoid: within 2 ulp of the output type (float32 is
//     computed in double and rounded once, as the reference does; float64 uses libmvec or libm
//     where the reference uses V8's fdlibm);
//   - float sums and means: |native - reference| <= 1 ulp of the result + n * 2^-52 * sum |x|
//     (both accumulate in double, in different orders; n * 2^-52 * sum |x| bounds the two
//     recursive summations' errors together; when sum |x| overflows, both must be non-finite);
//     products: 1 ulp of the result + n * 2^-52 relative.
// Plus: identical bits on repeated calls, and for reductions on every ISA and thread count
// (child processes with TSFLOW_ISA=avx2 / portable and TSFLOW_NUM_THREADS=1 rerun this file).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "tsflow";
import { nativeAddon } from "tsflow/internal/devices/native/addon";
import { nativeThresholds } from "tsflow/internal/devices/cpu/kernels/native/elementwise";
import { nativeCpuKernel, referenceCpuKernel, type CpuTensor } from "tsflow/internal/devices/cpu/kernel";
import type { OpDef } from "tsflow/internal/ops/op_def";
import * as M from "tsflow/internal/ops/math";
import * as C from "tsflow/internal/ops/compare";
import * as R from "tsflow/internal/ops/reduce";
import type { DType } from "tsflow/internal/core/dtypes";
import { mulberry32 } from "./helpers/random.js";

const addon = nativeAddon();
const skip = addon === null ? "native addon not loaded (TSFLOW_NATIVE=0 or no build)" : false;
if (addon === null) console.log(`# skipping native elementwise tests: ${skip}`);
const isChild = process.env.TSFLOW_EW_CHILD === "1";

type Arr = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;
type DT = "float32" | "float64" | "int32";
const DTYPES: Record<DT | "bool", DType> = { float32: tf.float32, float64: tf.float64, int32: tf.int32, bool: tf.bool };
const DEFAULT_THRESHOLDS = { ...nativeThresholds };

/** Send every call to the addon while `fn` runs. */
function forced<T>(fn: () => T): T {
  for (const k of Object.keys(nativeThresholds) as (keyof typeof nativeThresholds)[]) nativeThresholds[k] = 0;
  try {
    return fn();
  } finally {
    Object.assign(nativeThresholds, DEFAULT_THRESHOLDS);
  }
}

// --- inputs ---------------------------------------------------------------------------------

const rng = mulberry32(0x5eed);

const FLOAT_EDGES = [0, -0, 1, -1, 0.5, -2.5, Infinity, -Infinity, NaN, 1e-40, -1e-42, 1.2e-38, 3.4e38, -3.4e38,
  88.7, -103.9, 1e10, -1e22, 1e30, 65504, 2147483647.5, -2147483648.5, 2147483648, -2147483649, 1e-8];
const DOUBLE_EDGES = [...FLOAT_EDGES, 5e-324, -2.2e-308, 1e300, -1e300, 709.7, -745.1, 1.7e308];
const INT_EDGES = [0, 1, -1, 2147483647, -2147483648, 2147483646, -2147483647, 65536, -65536, 46341];

type Kind = "mixed" | "small" | "positive" | "sum";
/** Random values of `dtype` (every 5th an edge value unless kind is "sum"). */
function randomArray(dtype: DT, n: number, kind: Kind = "mixed"): Arr {
  const out = dtype === "float32" ? new Float32Array(n) : dtype === "float64" ? new Float64Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (dtype === "int32") {
      const u = rng();
      out[i] = kind === "small" ? Math.floor(u * 7) - 3
        : i % 5 === 4 ? INT_EDGES[Math.floor(u * INT_EDGES.length)]!
          : u < 0.5 ? Math.floor((rng() - 0.5) * 200) : Math.floor((rng() - 0.5) * 4294967296);
      continue;
    }
    const edges = dtype === "float32" ? FLOAT_EDGES : DOUBLE_EDGES;
    const u = rng();
    let v: number;
    if (kind === "sum") v = (rng() - 0.3) * 10;
    else if (kind === "small") v = 0.5 + rng();  // products stay finite
    else if (i % 5 === 4) v = edges[Math.floor(u * edges.length)]!;
    else if (u < 0.35) v = (rng() - 0.5) * 20;
    else if (u < 0.7) v = (rng() < 0.5 ? -1 : 1) * Math.pow(10, rng() * 14 - 7);
    else v = (rng() - 0.5) * 2000;
    if (kind === "positive") v = Math.abs(v);
    out[i] = v;
  }
  return out;
}

function tensor(dtype: DT | "bool", dims: number[], buffer: Arr): CpuTensor {
  return { dtype: DTYPES[dtype], dims, buffer } as CpuTensor;
}
const sizeOf = (dims: readonly number[]) => dims.reduce((p, q) => p * q, 1);

// --- comparisons ------------------------------------------------------------------------------

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
/** Distance in ulps between two floats of `dtype` (0 for two NaNs, Infinity for one). */
function ulps(dtype: DT, a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (dtype === "float32") {
    const key = (x: number) => { f32[0] = x; const bits = u32[0]!; return bits >= 0x80000000 ? -(bits - 0x80000000) : bits; };
    return Math.abs(key(a) - key(b));
  }
  const key = (x: number) => { f64[0] = x; const bits = u64[0]!; return bits >= 1n << 63n ? -(bits - (1n << 63n)) : bits; };
  const d = key(a) - key(b);
  return Number(d < 0n ? -d : d);
}

function describe(i: number, got: unknown, want: unknown, inputs: readonly CpuTensor[], at?: (i: number) => unknown[]): string {
  const ins = at ? at(i) : inputs.map((t) => (t.buffer as Arr)[i]);
  return `at ${i}: native ${String(got)}, reference ${String(want)} (inputs ${ins.map(String).join(", ")})`;
}

/** Same values: same bits, except that any NaN equals any NaN. */
function assertIdentical(got: Arr, want: Arr, what: string, inputs: readonly CpuTensor[] = [], at?: (i: number) => unknown[]): void {
  assert.equal(got.constructor, want.constructor, `${what}: storage type`);
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!, w = want[i]!;
    if (Object.is(g, w) || (typeof g === "number" && Number.isNaN(g) && Number.isNaN(w as number))) continue;
    assert.fail(`${what}: ${describe(i, g, w, inputs, at)}`);
  }
}

function assertUlps(dtype: DT, got: Arr, want: Arr, maxUlps: number, what: string, inputs: readonly CpuTensor[]): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as number, w = want[i] as number;
    if (Object.is(g, w)) continue;
    const d = ulps(dtype, g, w);
    // A zero's sign must match too (sin(-0) = -0, tanh(-0) = -0).
    if (d > maxUlps || (g === 0 && w === 0)) assert.fail(`${what}: ${d} ulps ${describe(i, g, w, inputs)}`);
  }
}

function run(kernel: "native" | "reference", op: OpDef, dtype: DT | "bool", inputs: CpuTensor[], attrs: object, outputs: { dtype: DType; dims: number[] }[]): Arr {
  const k = kernel === "native" ? nativeCpuKernel(op, DTYPES[dtype]) : referenceCpuKernel(op, DTYPES[dtype]);
  assert.ok(k, `${kernel} kernel of ${op.name} for ${dtype}`);
  const r = forced(() => k(inputs, attrs as never, outputs, undefined));
  assert.ok(r !== null, `${op.name} ${dtype}: the native kernel declined a forced call`);
  return r[0] as Arr;
}

/** Native vs reference, plus the same bits on a second native call. */
function both(op: OpDef, dtype: DT | "bool", inputs: CpuTensor[], attrs: object, outputs: { dtype: DType; dims: number[] }[]): [Arr, Arr] {
  const got = run("native", op, dtype, inputs, attrs, outputs);
  const again = run("native", op, dtype, inputs, attrs, outputs);
  assert.deepEqual(new Uint8Array(again.buffer, again.byteOffset, again.byteLength), new Uint8Array(got.buffer, got.byteOffset, got.byteLength), `${op.name} ${dtype}: not deterministic`);
  return [got, run("reference", op, dtype, inputs, attrs, outputs)];
}

// --- binary ops -----------------------------------------------------------------------------

const SIZES = [1, 7, 63, 1025, 100003];
const ALL: DT[] = ["float32", "float64", "int32"];
const BINARY: [OpDef, DT[], boolean][] = [
  [M.AddV2, ALL, false], [M.Add, ALL, false], [M.Sub, ALL, false], [M.Mul, ALL, false], [M.RealDiv, ["float32", "float64"], false],
  [M.Maximum, ALL, false], [M.Minimum, ALL, false],
  [C.Equal, ALL, true], [C.NotEqual, ALL, true], [C.Less, ALL, true], [C.LessEqual, ALL, true], [C.Greater, ALL, true],
  [C.GreaterEqual, ALL, true], [M.ReluGrad, ALL, false],
];
// [x dims, y dims]: equal shapes, scalars, row, column, middle axis, both broadcast.
const BROADCASTS: [number[], number[]][] = [
  [[100003], []], [[], [1025]], [[7], [1]], [[33, 65], [65]], [[65], [33, 65]], [[129, 31], [129, 1]], [[1, 31], [129, 1]],
  [[9, 17, 13], [9, 1, 13]], [[5, 1, 7], [6, 1]], [[3, 4, 5, 6], [4, 1, 6]], [[2, 1, 3, 1, 5], [1, 4, 1, 2, 5]],
  [[401, 250], [401, 1]], [[2, 3], [0, 2, 3]],
];

function broadcastDims(a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length), out: number[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[i - (r - a.length)] ?? 1, y = b[i - (r - b.length)] ?? 1;
    out.push(x === 1 ? y : x);
  }
  return out;
}

test("binary ops match the reference kernels (all sizes and broadcasts, edge values)", { skip }, () => {
  for (const [op, dtypes, compare] of BINARY) {
    for (const dtype of dtypes) {
      // ReluGrad takes two inputs of one shape (no broadcasting).
      const shapes: [number[], number[]][] = [...SIZES.map((n): [number[], number[]] => [[n], [n]]), ...(op === M.ReluGrad ? [] : BROADCASTS)];
      for (const [xd, yd] of shapes) {
        const x = tensor(dtype, xd, randomArray(dtype, sizeOf(xd)));
        const y = tensor(dtype, yd, randomArray(dtype, sizeOf(yd)));
        // Equal values at some positions, so that ties and == are exercised.
        if (sizeOf(xd) === sizeOf(yd)) for (let i = 0; i < sizeOf(xd); i += 3) (y.buffer as Arr)[i] = (x.buffer as Arr)[i]!;
        const dims = broadcastDims(xd, yd);
        const outputs = [{ dtype: compare ? tf.bool : DTYPES[dtype], dims }];
        const [got, want] = both(op, dtype, [x, y], {}, outputs);
        assertIdentical(got, want, `${op.name} ${dtype} ${JSON.stringify(xd)} ${JSON.stringify(yd)}`);
      }
    }
  }
});

// Signed zeros and NaNs in every position of Maximum/Minimum/comparisons.
test("binary ops: signed zeros, NaN and infinities in every combination", { skip }, () => {
  for (const dtype of ["float32", "float64"] as const) {
    const vals = [0, -0, NaN, Infinity, -Infinity, 1, -1, 1e-40];
    const n = vals.length;
    const a = new (dtype === "float32" ? Float32Array : Float64Array)(n * n * 3);
    const b = new (dtype === "float32" ? Float32Array : Float64Array)(n * n * 3);
    for (let r = 0; r < 3; r++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { a[r * n * n + i * n + j] = vals[i]!; b[r * n * n + i * n + j] = vals[j]!; }
    for (const [op, , compare] of BINARY) {
      const outputs = [{ dtype: compare ? tf.bool : DTYPES[dtype], dims: [a.length] }];
      const ins = [tensor(dtype, [a.length], a), tensor(dtype, [b.length], b)];
      const [got, want] = both(op, dtype, ins, {}, outputs);
      assertIdentical(got, want, `${op.name} ${dtype} specials`, ins);
    }
  }
});

// --- unary ops -----------------------------------------------------------------------------

const EXACT_UNARY: [OpDef, DT[]][] = [
  [M.Neg, ALL], [M.Abs, ALL], [M.Square, ALL], [M.Relu, ALL], [M.Sign, ALL],
  [M.Sqrt, ["float32", "float64"]], [M.Rsqrt, ["float32", "float64"]],
];
const TRANSCENDENTAL: OpDef[] = [M.Exp, M.Log, M.Log1p, M.Sin, M.Cos, M.Tanh, M.Sigmoid];

test("exact unary ops match the reference kernels", { skip }, () => {
  for (const [op, dtypes] of EXACT_UNARY) {
    for (const dtype of dtypes) {
      for (const n of [...SIZES, 0]) {
        const x = tensor(dtype, [n], randomArray(dtype, n));
        const [got, want] = both(op, dtype, [x], {}, [{ dtype: DTYPES[dtype], dims: [n] }]);
        assertIdentical(got, want, `${op.name} ${dtype} n=${n}`, [x]);
      }
    }
  }
});

/** Inputs for transcendentals: the mixed distribution plus dense ranges where each op is delicate. */
function mathInputs(dtype: "float32" | "float64", n: number): Arr {
  const x = randomArray(dtype, n);
  const ranges: [number, number][] = [[-1, 1], [-1e-3, 1e-3], [-30, 30], [-800, 800], [0, 10], [-1, 0], [-1e6, 1e6]];
  for (let i = 1; i < n; i += 3) {
    const [lo, hi] = ranges[i % ranges.length]!;
    x[i] = lo + (hi - lo) * rng();
  }
  return x;
}

test("transcendentals are within 2 ulp of the reference kernels (random, edge and denormal values)", { skip }, () => {
  for (const op of TRANSCENDENTAL) {
    for (const dtype of ["float32", "float64"] as const) {
      for (const n of SIZES) {
        const x = tensor(dtype, [n], mathInputs(dtype, n));
        const [got, want] = both(op, dtype, [x], {}, [{ dtype: DTYPES[dtype], dims: [n] }]);
        assertUlps(dtype, got, want, 2, `${op.name} ${dtype} n=${n}`, [x]);
      }
      const edges = dtype === "float32" ? Float32Array.from(FLOAT_EDGES) : Float64Array.from(DOUBLE_EDGES);
      const x = tensor(dtype, [edges.length], edges);
      const [got, want] = both(op, dtype, [x], {}, [{ dtype: DTYPES[dtype], dims: [edges.length] }]);
      assertUlps(dtype, got, want, 2, `${op.name} ${dtype} edges`, [x]);
    }
  }
});

// --- cast -------------------------------------------------------------------------------------

test("cast between float32, float64, int32 and bool matches the reference (x86 conversions)", { skip }, () => {
  const types = ["float32", "float64", "int32", "bool"] as const;
  for (const from of types) {
    for (const to of types) {
      for (const n of [...SIZES, 0]) {
        const data = from === "bool"
          ? Uint8Array.from({ length: n }, () => (rng() < 0.5 ? 1 : 0))
          : randomArray(from, n);
        if (from !== "bool" && from !== "int32") {
          const edges = from === "float32" ? FLOAT_EDGES : DOUBLE_EDGES;
          for (let i = 0; i < Math.min(n, edges.length); i++) data[i] = edges[i]!;
        }
        const x = tensor(from, [n], data);
        const [got, want] = both(M.Cast, from as DT, [x], { dtype: DTYPES[to] }, [{ dtype: DTYPES[to], dims: [n] }]);
        assertIdentical(got, want, `Cast ${from} -> ${to} n=${n}`, [x]);
      }
    }
  }
});

// --- reductions -----------------------------------------------------------------------------

// [dims, axes]: all axes, inner, outer, middle, several, size-1 and empty dims.
const REDUCTIONS: [number[], number[]][] = [
  [[1], [0]], [[7], [0]], [[63], [0]], [[1025], [0]], [[100003], [0]], [[0], [0]], [[3, 0], [1]], [[0, 3], [1]],
  [[33, 65], [1]], [[33, 65], [0]], [[33, 65], [0, 1]], [[7, 100003], [1]], [[100003, 3], [0]], [[3, 100003], [0]],
  [[3, 40000], [1]], [[600, 2], [0]], [[2, 200000], [0]], [[9, 17, 13], [1]], [[9, 17, 13], [0, 2]], [[9, 17, 13], [0, 1]],
  [[9, 17, 13], [1, 2]], [[4, 1, 5, 1], [1, 3]], [[4, 1, 5, 1], [0, 1]], [[5, 6, 7, 8], [0, 2]], [[5, 6, 7, 8], [1, 3]],
  [[2, 3, 4, 5, 6], [0, 2, 4]], [[70, 3, 900], [0, 2]], [[5], []], [[2, 3], []],
];
const RED_OPS: [OpDef<R.ReduceAttrs>, "sum" | "prod" | "exact"][] = [
  [R.Sum, "sum"], [R.Mean, "sum"], [R.Prod, "prod"], [R.Max, "exact"], [R.Min, "exact"],
];

function reduceTolerance(kind: "sum" | "prod", dtype: DT, x: Arr, dims: number[], axes: number[], want: Arr): (o: number, g: number, w: number) => boolean {
  // Per output: n * 2^-52 * sum |x| (sum) or n * 2^-52 * |result| (product), plus 1 ulp of the result.
  const rank = dims.length;
  const strides: number[] = new Array(rank).fill(0);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) if (!axes.includes(i)) { strides[i] = acc; acc *= dims[i]!; }
  const absSum = new Float64Array(want.length);
  const idx = new Array(rank).fill(0);
  let o = 0;
  for (let i = 0; i < x.length; i++) {
    absSum[o]! += Math.abs(x[i] as number);
    for (let d = rank - 1; d >= 0; d--) {
      o += strides[d]!;
      if (++idx[d]! < dims[d]!) break;
      o -= strides[d]! * dims[d]!;
      idx[d] = 0;
    }
  }
  const count = want.length === 0 ? 0 : x.length / want.length;
  return (out, g, w) => {
    if (Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w))) return true;
    if (ulps(dtype, g, w) <= 1) return true;
    // When sum |x| overflows, partial sums may overflow in one order and not another.
    if (!Number.isFinite(absSum[out]!)) return !Number.isFinite(g) && !Number.isFinite(w);
    const bound = kind === "sum" ? count * 2 ** -52 * absSum[out]! : count * 2 ** -52 * Math.abs(w);
    return Math.abs(g - w) <= bound;
  };
}

test("reductions match the reference kernels (exact for ints and max/min, bounded for float sums)", { skip }, () => {
  for (const [op, kind] of RED_OPS) {
    for (const dtype of ALL) {
      for (const [dims, axes] of REDUCTIONS) {
        for (const flavour of kind === "exact" ? ["mixed"] as Kind[] : ["sum", "mixed"] as Kind[]) {
          const n = sizeOf(dims);
          const data = randomArray(dtype, n, kind === "prod" ? (dtype === "int32" ? "mixed" : "small") : flavour);
          // Zeros of both signs where max/min can land on them.
          if (kind === "exact" && dtype !== "int32" && n > 0 && n < 2000) for (let i = 0; i < n; i++) if (i % 2) data[i] = rng() < 0.5 ? 0 : -0;
          const x = tensor(dtype, dims, data);
          const outDims = dims.filter((_, i) => !axes.includes(i));
          const [got, want] = both(op, dtype, [x], { axes, keepdims: false }, [{ dtype: DTYPES[dtype], dims: outDims }]);
          const what = `${op.name} ${dtype} ${JSON.stringify(dims)} axes ${JSON.stringify(axes)} (${flavour})`;
          if (kind === "exact" || dtype === "int32") {
            assertIdentical(got, want, what);
          } else {
            const ok = reduceTolerance(kind, dtype, data, dims, axes, want);
            for (let o = 0; o < want.length; o++) {
              if (!ok(o, got[o] as number, want[o] as number)) assert.fail(`${what}: output ${o}: native ${got[o]}, reference ${want[o]}`);
            }
          }
        }
      }
    }
  }
});

test("reductions: NaN propagates, infinities, signed zeros of Max/Min, int32 wrap-around and truncating Mean", { skip }, () => {
  const cases: [DT, number[]][] = [
    ["float32", [1, NaN, 3, -Infinity, 2, 5, 0, -0]],
    ["float32", [-0, 0, -0, -1, -2, -0, 0, -5, 0, -0, -0, -0, -0, -0, -0, -0, -0, -0, -0, 0, -0, -0]],
    ["float64", [Infinity, -Infinity, 1, 2]],
    ["float64", [0, -0, -0, 0, -0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0, -3]],
    ["int32", [2147483647, 2147483647, 2147483647, -7, 5, -2147483648, -2147483648, 3]],
    ["int32", [-7, -7, -7, -7, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2]],
  ];
  for (const [dtype, values] of cases) {
    const data = dtype === "float32" ? Float32Array.from(values) : dtype === "float64" ? Float64Array.from(values) : Int32Array.from(values);
    for (const [op] of RED_OPS) {
      for (const [dims, axes] of [[[values.length], [0]], [[1, values.length], [1]], [[values.length, 1], [0]]] as [number[], number[]][]) {
        const x = tensor(dtype, dims, data);
        const outDims = dims.filter((_, i) => !axes.includes(i));
        const [got, want] = both(op, dtype, [x], { axes, keepdims: true }, [{ dtype: DTYPES[dtype], dims: outDims }]);
        assertIdentical(got, want, `${op.name} ${dtype} ${JSON.stringify(values)}`);
      }
    }
  }
});

// --- arg-reductions -------------------------------------------------------------------------

test("ArgMax/ArgMin match the reference kernels (ties first, NaN, int32 and int64 outputs)", { skip }, () => {
  const shapes: [number[], number][] = [
    [[1], 0], [[7], 0], [[63], 0], [[1025], 0], [[100003], 0], [[3, 100003], 1], [[100003, 3], 0], [[33, 65], 0],
    [[33, 65], 1], [[9, 17, 13], 1], [[9, 17, 13], 0], [[9, 17, 13], -1], [[300, 300], 0], [[2, 70000], 1],
  ];
  for (const op of [R.ArgMax, R.ArgMin]) {
    for (const dtype of ALL) {
      for (const [dims, axis] of shapes) {
        for (const flavour of ["mixed", "small"] as Kind[]) {
          const n = sizeOf(dims);
          const data = randomArray(dtype, n, flavour);
          if (flavour === "small" && dtype !== "int32") for (let i = 0; i < n; i++) data[i] = Math.round(data[i] as number);  // ties
          if (dtype !== "int32" && n > 10) { data[0] = NaN; data[n - 1] = NaN; data[n >> 1] = NaN; }
          const x = tensor(dtype, dims, data);
          const a = axis < 0 ? axis + dims.length : axis;
          const outDims = dims.filter((_, i) => i !== a);
          for (const outputType of [tf.int64, tf.int32]) {
            const [got, want] = both(op, dtype, [x], { axis, outputType }, [{ dtype: outputType, dims: outDims }]);
            assertIdentical(got, want, `${op.name} ${dtype} ${JSON.stringify(dims)} axis ${axis} -> ${outputType.name} (${flavour})`);
          }
        }
      }
    }
  }
});

// --- thresholds and the public API ------------------------------------------------------------

test("small inputs stay with the TypeScript kernels; large ones go native through tf.*", { skip }, () => {
  const small = [tensor("float32", [2, 2], new Float32Array(4)), tensor("float32", [2, 2], new Float32Array(4))];
  assert.equal(nativeCpuKernel(M.AddV2, tf.float32)!(small, {}, [{ dtype: tf.float32, dims: [2, 2] }], undefined), null);
  assert.equal(nativeCpuKernel(R.Sum, tf.float32)!([small[0]!], { axes: [0, 1], keepdims: false }, [{ dtype: tf.float32, dims: [] }], undefined), null);
  const n = 100003;
  const a = randomArray("float32", n, "sum") as Float32Array, b = randomArray("float32", n, "sum") as Float32Array;
  const sum = tf.add(tf.constant(a), tf.constant(b)).dataSync() as Float32Array;
  for (let i = 0; i < n; i++) if (sum[i] !== Math.fround(a[i]! + b[i]!)) assert.fail(`tf.add at ${i}`);
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, a[i]!);
  assert.equal(tf.reduceMax(tf.constant(a)).dataSync()[0], max);
  const e = tf.exp(tf.constant(a)).dataSync() as Float32Array;
  for (let i = 0; i < n; i += 97) assert.ok(ulps("float32", e[i]!, Math.fround(Math.exp(a[i]!))) <= 1);
});

test("large outputs come from the recycled buffer pool and are fully written every time", { skip }, () => {
  const n = 600001;  // 2.4 MB of float32: above the pool threshold (cpu/memory.ts)
  const a = randomArray("float32", n, "sum"), b = randomArray("float32", 1001, "sum");
  const x = tensor("float32", [n], a), row = tensor("float32", [1001], b);
  const wantAdd = run("reference", M.AddV2, "float32", [x, x], {}, [{ dtype: tf.float32, dims: [n] }]);
  const wantNeg = run("reference", M.Neg, "float32", [x], {}, [{ dtype: tf.float32, dims: [n] }]);
  const x2 = tensor("float32", [599, 1001], a.subarray(0, 599 * 1001));
  const wantRow = run("reference", M.Mul, "float32", [x2, row], {}, [{ dtype: tf.float32, dims: [599, 1001] }]);
  const wantCast = run("reference", M.Cast, "float32", [x], { dtype: tf.float64 }, [{ dtype: tf.float64, dims: [n] }]);
  // Enough allocations that garbage collection hands blocks back to the pool and they are reused.
  // (No NaN in these inputs, so comparing bytes is comparing values.)
  const bytes = (v: Arr) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const same = (got: Arr, want: Arr, what: string) => {
    assert.equal(got.constructor, want.constructor, what);
    assert.ok(bytes(got).equals(bytes(want)), what);
  };
  for (let i = 0; i < 30; i++) {
    same(run("native", M.AddV2, "float32", [x, x], {}, [{ dtype: tf.float32, dims: [n] }]), wantAdd, `pooled add #${i}`);
    same(run("native", M.Neg, "float32", [x], {}, [{ dtype: tf.float32, dims: [n] }]), wantNeg, `pooled neg #${i}`);
    same(run("native", M.Mul, "float32", [x2, row], {}, [{ dtype: tf.float32, dims: [599, 1001] }]), wantRow, `pooled row broadcast #${i}`);
    same(run("native", M.Cast, "float32", [x], { dtype: tf.float64 }, [{ dtype: tf.float64, dims: [n] }]), wantCast, `pooled cast #${i}`);
  }
  for (const [code, ctor] of [[0, Float32Array], [1, Float64Array], [2, Int32Array], [3, Uint8Array]] as const) {
    const t = addon!.poolAlloc(code, 3 << 20);
    assert.equal(t.constructor, ctor);
    assert.equal(t.length, 3 << 20);
  }
});

// --- every ISA path and thread count ---------------------------------------------------------

/** FNV-1a over the bytes of reductions that must not depend on the ISA or thread count. */
function reductionDigest(): string {
  const r = mulberry32(99);
  let h = 0x811c9dc5;
  for (const dtype of ALL) {
    for (const [dims, axes] of [[[200003], [0]], [[3, 100003], [1]], [[100003, 3], [0]], [[70, 3, 900], [0, 2]], [[400, 500], [0]]] as [number[], number[]][]) {
      const n = sizeOf(dims);
      const data = dtype === "float32" ? new Float32Array(n) : dtype === "float64" ? new Float64Array(n) : new Int32Array(n);
      for (let i = 0; i < n; i++) data[i] = dtype === "int32" ? Math.floor((r() - 0.5) * 1e6) : (r() - 0.4) * 3;
      for (const [op] of RED_OPS) {
        const out = run("native", op, dtype, [tensor(dtype, dims, data)], { axes, keepdims: false }, [{ dtype: DTYPES[dtype], dims: dims.filter((_, i) => !axes.includes(i)) }]);
        const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
        for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
      }
    }
  }
  return h.toString(16);
}

if (isChild && addon !== null) console.log(`EWDIGEST ${addon.isa} ${reductionDigest()}`);

function runChild(file: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, ...env, TSFLOW_EW_CHILD: "1" } });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("every ISA path and thread count passes these tests; reductions give the same bits on all", { skip: skip || isChild }, async () => {
  const file = fileURLToPath(import.meta.url);
  const mine = reductionDigest();
  const runs: [string, Record<string, string>][] = [
    ["avx2", { TSFLOW_ISA: "avx2" }], ["portable", { TSFLOW_ISA: "portable" }], ["one thread", { TSFLOW_NUM_THREADS: "1" }],
  ];
  const results = await Promise.all(runs.map(([, env]) => runChild(file, env)));
  runs.forEach(([name, env], i) => {
    const r = results[i]!;
    assert.equal(r.status, 0, `${name}: child tests failed:\n${r.stdout.split("\n").filter((l) => /not ok|error|expected|actual/.test(l)).slice(0, 30).join("\n")}\n${r.stderr}`);
    const m = /EWDIGEST (\S+) (\S+)/.exec(r.stdout);
    assert.ok(m, `${name}: no digest`);
    if (env.TSFLOW_ISA === "portable") assert.equal(m[1], "portable");
    if (env.TSFLOW_ISA === "avx2") assert.ok(m[1] === "avx2" || m[1] === "portable", m[1]);
    assert.equal(m[2], mine, `${name} (${m[1]}): reductions differ from ${addon!.isa}'s`);
  });
});
