// Reductions (Sum, Mean, Prod, Max, Min, All, Any) and arg-reductions (ArgMax, ArgMin) in WGSL.
// The input is never transposed: its dims collapse into runs of kept and reduced axes, and a
// thread finds an element's offset from (output index, reduced index) with the strides in the
// uniform. A workgroup of 256 threads covers TX outputs with TY threads each (TX * TY = 256):
// each thread folds a strided share of its row, then the TY partials meet in a shared-memory
// tree. TY = 1 is a thread per output (small rows). Few long rows (a reduction over everything)
// split into slices across workgroups, and a second pass folds the slices' partials.
import { float32, type DType, type DTypeName } from "../../../core/dtypes.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { All, Any, ArgMax, ArgMin, Max, Mean, Min, Prod, Sum, type ArgAttrs, type ReduceAttrs } from "../../../ops/reduce.js";
import type { OpDef } from "../../../ops/op_def.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { storageType, uniformBlock, Words } from "../wgsl.js";

const THREADS = 256;
/** Tuning knobs (exported so that tests and benchmarks can steer the choice). */
export const REDUCE_TUNING = {
  /** Below this many workgroups a long reduction is split into slices (keeps every core busy). */
  targetGroups: { gpu: 4096, software: 64 },
  /** Elements each thread folds before the tree, when the row length allows (fewer barriers). */
  perThread: 64,
  /** Loads each thread keeps in flight. */
  unroll: 4,
  /** A thread folds at least about this many (vec4) loads of a slice before slicing pays. */
  minPerThread: 32,
  /** Software adapters pay dearly for barriers: from this many outputs, a thread per output. */
  softwareThreadPerOutput: 64,
};

/** How one reduction folds values: WGSL for its accumulator type, identity, step and result. */
export interface Reducer {
  readonly key: string;
  /** Accumulator type (may name a struct declared in `helpers`). */
  readonly acc: string;
  readonly helpers: string;
  readonly identity: string;
  /** The accumulator of one input value `v` at reduced index `r` (u32). */
  lift(v: string, r: string): string;
  /** WGSL body of `fn comb(a: Acc, b: Acc) -> Acc` (commutative and associative). */
  readonly combine: string;
  /** Stored output of accumulator `a` over `n` (u32) reduced elements. */
  finish(a: string, n: string): string;
  /** Compensated (Kahan) summation within a thread's share: float sums. */
  readonly kahan: boolean;
  /** Words per stored accumulator in the partials buffer. */
  readonly accWords: number;
  /** The output holds 64-bit integers (arg-reductions with int64 output). */
  readonly out64?: boolean;
}

// Bit patterns go through a var: WGSL rejects a constant expression that evaluates to inf/NaN.
const F32_BITS = "fn f32bits(b: u32) -> f32 { var v = b; return bitcast<f32>(v); }\n";
const NAN_F32 = "f32bits(0x7fc00000u)";
const IS_NAN = "fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }\n";

function sumReducer(t: string, mean: boolean): Reducer {
  const float = t === "f32";
  if (!float && mean) {
    // int32 Mean: TensorFlow sums in 64 bits and divides with truncation: a two-word sum.
    return {
      key: "mean-i32", acc: "vec2<u32>", accWords: 2, kahan: false,
      identity: "vec2<u32>(0u, 0u)",
      lift: (v) => `vec2<u32>(bitcast<u32>(${v}), select(0u, 0xffffffffu, ${v} < 0))`,
      combine: "let lo = a.x + b.x; return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));",
      helpers: MEAN64,
      finish: (a, n) => `mean64(${a}, ${n})`,
    };
  }
  return {
    key: `${mean ? "mean" : "sum"}-${t}`, acc: t, accWords: 1, kahan: float, helpers: "",
    identity: `${t}(0)`, lift: (v) => v, combine: "return a + b;",
    finish: (a, n) => (mean ? `select(${NAN_F32}, ${a} / f32(${n}), ${n} > 0u)` : a),
  };
}

// |sum| / n by shift-and-subtract long division; the quotient fits in 32 bits since a mean of
// int32 values is an int32.
const MEAN64 = `fn mean64(s: vec2<u32>, n: u32) -> i32 {
  if (n == 0u) { return 0; }
  let neg = (s.y >> 31u) == 1u;
  var lo = s.x; var hi = s.y;
  if (neg) { lo = ~lo + 1u; hi = ~hi + select(0u, 1u, lo == 0u); }
  var r = hi % n;
  var q = 0u;
  for (var b = 31i; b >= 0i; b--) {
    let top = r >> 31u;
    r = (r << 1u) | ((lo >> u32(b)) & 1u);
    q = q << 1u;
    if (top == 1u || r >= n) { r = r - n; q = q | 1u; }
  }
  let m = bitcast<i32>(q);
  return select(m, -m, neg);
}
`;

/** sum(x²) · 0.5 in float32 (L2Loss), compensated like Sum; `lift` squares (vec4s too). */
export function halfSquaresReducer(): Reducer {
  return {
    key: "half-squares-f32", acc: "f32", accWords: 1, kahan: true, helpers: "",
    identity: "f32(0)", lift: (v) => `(${v}) * (${v})`, combine: "return a + b;", finish: (a) => `(${a}) * 0.5`,
  };
}

function prodReducer(t: string): Reducer {
  return { key: `prod-${t}`, acc: t, accWords: 1, kahan: false, helpers: "", identity: `${t}(1)`, lift: (v) => v, combine: "return a * b;", finish: (a) => a };
}

// Max/Min propagate NaN (the CPU's PropagateNaN reducers); NaN is tested on the bits so that
// no compiler can assume it away. Empty: -inf/+inf, or the int32 limits.
function extremumReducer(t: string, max: boolean): Reducer {
  const float = t === "f32";
  const identity = float ? `f32bits(${max ? "0xff800000u" : "0x7f800000u"})` : `i32(${max ? "-2147483647 - 1" : "2147483647"})`;
  const pick = max ? "select(a, b, a < b)" : "select(a, b, b < a)";
  return {
    key: `${max ? "max" : "min"}-${t}`, acc: t, accWords: 1, kahan: false, identity,
    helpers: float ? IS_NAN : "", lift: (v) => v,
    combine: float ? `if (isnan_(a)) { return a; } if (isnan_(b)) { return b; } return ${pick};` : `return ${pick};`,
    finish: (a) => a,
  };
}

function boolReducer(all: boolean): Reducer {
  return {
    key: all ? "all" : "any", acc: "u32", accWords: 1, kahan: false, helpers: "",
    identity: all ? "1u" : "0u", lift: (v) => `select(0u, 1u, ${v} != 0u)`,
    combine: all ? "return a & b;" : "return a | b;", finish: (a) => a,
  };
}

// ArgMax/ArgMin: the CPU keeps the first index whose value beats every earlier one, so NaNs are
// skipped, ties go to the lower index, and a NaN at index 0 wins outright. As an order over
// (value, index) pairs that is: NaN at 0 first, then by value, then by lower index; other NaNs
// and the empty accumulator (index 0xffffffff) last.
function argReducer(t: string, max: boolean, out64: boolean): Reducer {
  const nan = t === "f32" ? "isnan_" : "nan_none";
  const better = max ? "b.v > a.v" : "b.v < a.v";
  return {
    key: `arg${max ? "max" : "min"}-${t}-${out64 ? 64 : 32}`, acc: "Arg", accWords: 2, kahan: false, out64,
    helpers: `struct Arg { v: ${t}, i: u32 }\n${IS_NAN}fn nan_none(x: ${t}) -> bool { return false; }\n`,
    identity: `Arg(${t}(0), 0xffffffffu)`,
    lift: (v, r) => `Arg(${v}, ${r})`,
    combine: `if (a.i == 0xffffffffu) { return b; } if (b.i == 0xffffffffu) { return a; }
  let na = ${nan}(a.v); let nb = ${nan}(b.v);
  if (na && a.i == 0u) { return a; } if (nb && b.i == 0u) { return b; }
  if (na) { return b; } if (nb) { return a; }
  if (${better} || (b.v == a.v && b.i < a.i)) { return b; }
  return a;`,
    finish: (a) => `${a}.i`,
  };
}

interface Run { d: number; s: number }

/**
 * `dims` split into runs of kept and of reduced axes (size-1 axes dropped, neighbours of one
 * kind merged): each run has an extent and the input stride of its innermost axis.
 */
function collapse(dims: readonly number[], axes: readonly number[]): { kept: Run[]; red: Run[]; innerReduced: boolean; innerKept: number } {
  const kept: Run[] = [], red: Run[] = [];
  let stride = sizeOf(dims);
  let last: "k" | "r" | "" = "";
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i]!;
    stride = d === 0 ? 0 : stride / d;
    if (d === 1) continue;
    const kind = axes.includes(i) ? "r" : "k";
    const list = kind === "r" ? red : kept;
    if (kind === last) { const run = list[list.length - 1]!; run.d *= d; run.s = stride; }
    else list.push({ d, s: stride });
    last = kind;
  }
  return { kept, red, innerReduced: last === "r", innerKept: last === "k" ? kept[kept.length - 1]!.d : 1 };
}

interface Plan {
  readonly reducer: Reducer;
  /** Input element type; "acc" when it reads a partials buffer. */
  readonly input: string;
  readonly output: "final" | "acc";
  readonly outType: string;
  readonly kr: number;
  readonly rr: number;
  readonly tx: number;
  readonly ty: number;
  /** Adjacent threads take adjacent reduced indices (the reduced run is innermost). */
  readonly rowLayout: boolean;
  /** Rows are contiguous and a multiple of 4 long: read as vec4 (indices count vec4s). */
  readonly vec: boolean;
}

const shaderCache = new Map<string, string>();

function shader(p: Plan): string {
  const key = `${p.reducer.key}|${p.input}|${p.output}|${p.outType}|${p.kr}|${p.rr}|${p.tx}|${p.ty}|${p.rowLayout}|${p.vec}|${REDUCE_TUNING.unroll}`;
  let code = shaderCache.get(key);
  if (code !== undefined) return code;
  const r = p.reducer;
  const inAcc = p.input === "acc";
  // Uniform words: O, loop extent, S (slices), chunk, count, kept (dims, strides), reduced
  // (dims, strides); in vec mode extents and strides count vec4s.
  const K = 5, RD = K + 2 * p.kr;
  const words = RD + 2 * p.rr;
  const lines: string[] = [];
  const kept: string[] = ["  var base = 0u;"];
  if (p.kr > 0) {
    kept.push("  var rem = o;");
    for (let d = p.kr - 1; d >= 0; d--) {
      if (d === 0) kept.push(`  base = base + rem * uw(${K + p.kr + d}u);`);
      else kept.push(`  base = base + (rem % uw(${K + d}u)) * uw(${K + p.kr + d}u); rem = rem / uw(${K + d}u);`);
    }
  }
  let roff = (_i: string) => "0u";
  if (p.rr === 1) roff = (i) => `(${i}) * uw(${RD + 1}u)`;
  else if (p.rr > 1) {
    lines.push("fn roff(r0: u32) -> u32 {\n  var rem = r0; var off = 0u;");
    for (let d = p.rr - 1; d >= 0; d--) {
      if (d === 0) lines.push(`  off = off + rem * uw(${RD + p.rr + d}u);`);
      else lines.push(`  off = off + (rem % uw(${RD + d}u)) * uw(${RD + p.rr + d}u); rem = rem / uw(${RD + d}u);`);
    }
    lines.push("  return off;\n}");
    roff = (i) => `roff(${i})`;
  }
  const value = (i: string) => `x[base + ${roff(i)}]`;
  // Fold value `v` at loop index `i` into the thread's accumulator. Float sums are compensated
  // (the compensation is dropped when the sum turns inf/NaN, which it must then stay).
  const finite = (t: string, vec: boolean) => (vec
    ? `(bitcast<vec4<u32>>(${t}) & vec4<u32>(0x7f800000u)) != vec4<u32>(0x7f800000u)`
    : `(bitcast<u32>(${t}) & 0x7f800000u) != 0x7f800000u`);
  const step = (v: string, i: string): string => {
    if (r.kahan) {
      const zero = p.vec ? "vec4<f32>(0.0)" : "0.0";
      return `{ let v = ${inAcc ? v : r.lift(v, i)} - comp; let t = ka + v; comp = select(${zero}, (t - ka) - v, ${finite("t", p.vec)}); ka = t; }`;
    }
    if (inAcc) return `acc = comb(acc, ${v});`;
    if (p.vec) return [0, 1, 2, 3].map((c) => `acc = comb(acc, ${r.lift(`${v}[${c}]`, `4u * (${i}) + ${c}u`)});`).join(" ");
    return `acc = comb(acc, ${r.lift(v, i)});`;
  };
  // `unroll` loads in flight per thread, then the tail one at a time.
  const U = REDUCE_TUNING.unroll;
  const loop = [`    var r = s * uw(3u) + ty;`, `    for (; r + ${(U - 1) * p.ty}u < end; r = r + ${U * p.ty}u) {`];
  for (let u = 0; u < U; u++) loop.push(`      let v${u} = ${value(`r + ${u * p.ty}u`)};`);
  for (let u = 0; u < U; u++) loop.push(`      ${step(`v${u}`, `r + ${u * p.ty}u`)}`);
  loop.push("    }", `    for (; r < end; r = r + ${p.ty}u) { let v0 = ${value("r")}; ${step("v0", "r")} }`);
  const scalarIn = p.input === "bool" ? "u32" : p.input;
  const inType = inAcc ? r.acc : p.vec ? `vec4<${scalarIn}>` : scalarIn;
  const tx = p.rowLayout ? `lid / ${p.ty}u` : `lid % ${p.tx}u`;
  const ty = p.rowLayout ? `lid % ${p.ty}u` : `lid / ${p.tx}u`;
  const partner = (k: number) => (p.rowLayout ? `lid + ${k}u` : `lid + ${k * p.tx}u`);
  const tree: string[] = [];
  if (p.ty > 1) {
    tree.push("  sh[lid] = acc;", "  workgroupBarrier();");
    for (let k = p.ty / 2; k >= 1; k /= 2) {
      tree.push(`  if (ty < ${k}u) { sh[lid] = comb(sh[lid], sh[${partner(k)}]); }`, "  workgroupBarrier();");
    }
    tree.push("  acc = sh[lid];");
  }
  let write: string;
  if (p.output === "acc") write = "y[o * uw(2u) + s] = acc;";
  else if (r.out64) write = `y[2u * o] = ${r.finish("acc", "uw(4u)")}; y[2u * o + 1u] = 0u;`;
  else write = `y[o] = ${p.outType}(${r.finish("acc", "uw(4u)")});`;
  const outArray = p.output === "acc" ? r.acc : p.outType;
  code = `${F32_BITS}${r.helpers}
@group(0) @binding(0) var<storage, read> x: array<${inType}>;
@group(0) @binding(1) var<storage, read_write> y: array<${outArray}>;
${uniformBlock(2, words)}
${p.ty > 1 ? `var<workgroup> sh: array<${r.acc}, ${THREADS}>;` : ""}
fn comb(a: ${r.acc}, b: ${r.acc}) -> ${r.acc} {
  ${r.combine}
}
${lines.join("\n")}
@compute @workgroup_size(${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tx = ${tx};
  let ty = ${ty};
  let o = (wid.x + wid.y * nwg.x) * ${p.tx}u + tx;
  let s = wid.z;
  var acc = ${r.identity};
  ${r.kahan ? (p.vec ? "var ka = vec4<f32>(0.0); var comp = vec4<f32>(0.0);" : "var ka = 0.0; var comp = 0.0;") : ""}
  if (o < uw(0u)) {
${kept.join("\n")}
    let end = min(uw(1u), (s + 1u) * uw(3u));
${loop.join("\n")}
  }
  ${r.kahan ? (p.vec ? "{ let k = ka - comp; acc = (k.x + k.y) + (k.z + k.w); }" : "acc = ka - comp;") : ""}
${tree.join("\n")}
  if (ty == 0u && o < uw(0u)) { ${write} }
}
`;
  shaderCache.set(key, code);
  return code;
}

function pow2ceil(n: number): number { return n <= 1 ? 1 : 2 ** Math.ceil(Math.log2(n)); }

/** Threads per output: about REDUCE_TUNING.perThread elements each, at most `cap`. */
function threadsPerOutput(r: number, cap: number): number { return Math.min(cap, pow2ceil(Math.ceil(r / REDUCE_TUNING.perThread))); }

function grid(groups: number, slices: number, maxPerDim: number): [number, number, number] {
  if (groups <= maxPerDim) return [groups, 1, slices];
  const y = Math.ceil(groups / maxPerDim);
  return [Math.ceil(groups / y), y, slices];
}

/** Reduce `x` over `axes` with `r`, into a new buffer for `out`. */
export function runReduce(ctx: GpuKernelContext, r: Reducer, x: GpuTensor, axes: readonly number[], out: TensorSpec): GpuBuffer {
  const y = ctx.alloc(out);
  const { kept, red, innerReduced, innerKept } = collapse(x.dims, axes);
  const O = kept.reduce((a, k) => a * k.d, 1);
  const R = red.reduce((a, k) => a * k.d, 1);
  if (O === 0 || sizeOf(out.dims) === 0) return y;
  const outType = r.out64 ? "u32" : storageType(out.dtype);
  const rowLayout = innerReduced;
  let ty = rowLayout ? threadsPerOutput(R, THREADS) : threadsPerOutput(R, THREADS / Math.min(pow2ceil(innerKept), 64));
  if (ctx.isSoftware && O >= REDUCE_TUNING.softwareThreadPerOutput) ty = 1;
  const tx = THREADS / ty;
  // Contiguous rows of a multiple of 4 elements are read as vec4s: every row then starts
  // 16-byte aligned (the kept strides are multiples of the row length).
  const vec = red.length === 1 && red[0]!.s === 1 && R % 4 === 0 && R > 0;
  const Rl = vec ? R / 4 : R; // loop extent
  const keptL = vec ? kept.map((k) => ({ d: k.d, s: k.s / 4 })) : kept;
  const redL = vec ? [{ d: Rl, s: 1 }] : red;
  const groups = Math.ceil(O / tx);
  const target = ctx.isSoftware ? REDUCE_TUNING.targetGroups.software : REDUCE_TUNING.targetGroups.gpu;
  let slices = 1;
  if (groups < target && Rl / ty > REDUCE_TUNING.minPerThread) {
    slices = Math.min(Math.ceil(target / groups), Math.ceil(Rl / (ty * REDUCE_TUNING.minPerThread)), 2048, ctx.maxWorkgroupsPerDimension);
  }
  const chunk = Math.max(1, Math.ceil(Rl / slices));
  slices = Math.max(1, Math.ceil(Rl / chunk));
  // Words: O, loop extent, slices, chunk, count (elements per output), then the runs.
  const words = (o: number, rl: number, s: number, ch: number, k: Run[], red: Run[]) =>
    new Words().u32(o, rl, s, ch, R, ...k.map((q) => q.d), ...k.map((q) => q.s), ...red.map((q) => q.d), ...red.map((q) => q.s)).build();
  const input = x.dtype.isBool ? "bool" : storageType(x.dtype);
  const plan = { reducer: r, input, outType, kr: kept.length, rr: red.length, tx, ty, rowLayout, vec };
  if (slices === 1) {
    const code = shader({ ...plan, output: "final" });
    ctx.dispatch({ code, buffers: [x.buffer, y], uniform: words(O, Rl, 1, Math.max(Rl, 1), keptL, redL), groups: grid(groups, 1, ctx.maxWorkgroupsPerDimension) });
    return y;
  }
  // Pass 1: partials [O, slices]; pass 2 folds each output's row of partials.
  const partial = ctx.alloc({ dtype: float32, dims: [O * slices * r.accWords] });
  const code1 = shader({ ...plan, output: "acc" });
  ctx.dispatch({ code: code1, buffers: [x.buffer, partial], uniform: words(O, Rl, slices, chunk, keptL, redL), groups: grid(groups, slices, ctx.maxWorkgroupsPerDimension) });
  const ty2 = threadsPerOutput(slices, THREADS), tx2 = THREADS / ty2;
  const kept2 = O > 1 ? [{ d: O, s: slices }] : [];
  const code2 = shader({ reducer: r, input: "acc", output: "final", outType, kr: kept2.length, rr: 1, tx: tx2, ty: ty2, rowLayout: true, vec: false });
  ctx.dispatch({ code: code2, buffers: [partial, y], uniform: words(O, slices, 1, slices, kept2, [{ d: slices, s: 1 }]), groups: grid(Math.ceil(O / tx2), 1, ctx.maxWorkgroupsPerDimension) });
  ctx.release(partial);
  return y;
}

function wgslType(d: DType): string { return d.isBool ? "u32" : storageType(d); }

function reduceKernel(op: OpDef<ReduceAttrs>, dtypes: readonly DTypeName[], make: (t: string) => Reducer): void {
  registerGpuKernel<ReduceAttrs>(op, dtypes, (ctx, inputs, attrs, outputs) => {
    const x = inputs[0]!;
    return [runReduce(ctx, make(wgslType(x.dtype)), x, attrs.axes, outputs[0]!)];
  });
}

const F32_I32: readonly DTypeName[] = ["float32", "int32"];

/** Register the WGSL kernels of the reductions. */
export function registerReduceKernels(): void {
  reduceKernel(Sum, F32_I32, (t) => sumReducer(t, false));
  reduceKernel(Mean, F32_I32, (t) => sumReducer(t, true));
  reduceKernel(Prod, F32_I32, prodReducer);
  reduceKernel(Max, F32_I32, (t) => extremumReducer(t, true));
  reduceKernel(Min, F32_I32, (t) => extremumReducer(t, false));
  reduceKernel(All, ["bool"], () => boolReducer(true));
  reduceKernel(Any, ["bool"], () => boolReducer(false));

  for (const [op, max] of [[ArgMax, true], [ArgMin, false]] as const) {
    // 16-bit outputs have no WGSL storage type: the CPU computes them.
    registerGpuKernel<ArgAttrs>(op, ["float32", "int32", "bool"], (ctx, inputs, attrs, outputs) => {
      const x = inputs[0]!;
      const axis = attrs.axis < 0 ? attrs.axis + x.dims.length : attrs.axis;
      return [runReduce(ctx, argReducer(wgslType(x.dtype), max, attrs.outputType.name === "int64"), x, [axis], outputs[0]!)];
    }, { outputType: ["int32", "int64"] });
  }
}
