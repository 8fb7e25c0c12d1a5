// WebGPU kernels of the array ops. Data movement never looks at values: every 4-byte dtype
// (float32, int32, uint32, bool as u32) moves as array<u32>, so one shader serves them all.
// Transpose, slices, tile and the pads share one "strided gather" generator (output index ->
// per-axis coordinate -> input offset); concat and pack copy each input into a box of the
// output. Shaders depend only on (kind, rank); shapes, strides and offsets travel as uniforms.
import type { DTypeName } from "../../../core/dtypes.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import {
  ConcatV2, ConjugateTranspose, ExpandDims, Fill, GatherV2, MirrorPad, Pack, Pad, PadV2,
  Range, Reshape, Slice, Squeeze, StridedSlice, Tile, Transpose, ZerosLike, Identity, StopGradient,
  type MirrorPadAttrs, type PadAttrs, type RangeAttrs, type TransposeAttrs, type TransposePlan,
} from "../../../ops/array.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { registerGpuKernel, type GpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { entry, groupsFor, uniformBlock, Words } from "../wgsl.js";
import { stridesOf } from "../../nd_indices.js";
import { indexNotInRange } from "../../../errors/messages.js";

/** Dtypes stored as one 32-bit word per element. */
const WORD_TYPES: readonly DTypeName[] = ["float32", "int32", "uint32", "bool"];

const codeCache = new Map<string, string>();
function cached(key: string, make: () => string): string {
  let code = codeCache.get(key);
  if (code === undefined) codeCache.set(key, (code = make()));
  return code;
}

/** Queue `code` over `n` threads (nothing when n = 0). */
function run(ctx: GpuKernelContext, code: string, buffers: readonly GpuBuffer[], w: Words, n: number): void {
  if (n === 0) return;
  ctx.dispatch({ code, buffers, uniform: w.build(), groups: groupsFor(n, ctx.maxWorkgroupsPerDimension) });
}

// --- Strided gather ---------------------------------------------------------------------------

/**
 * How an output axis maps onto the input: `c` ranges over [0, D); the input coordinate is
 * linear: c (A and I unused; S may be negative, the begin is folded into the base offset),
 * tile: c mod I, pad: c - A (outside [0, I) takes the fill value), mirror: c - A reflected
 * into [0, I). The input offset adds coordinate x S.
 */
type Kind = "linear" | "tile" | "pad" | "mirror";
interface Axis { D: number; I: number; S: number; A: number }

/** An axis that copies its input unchanged (merges freely with its neighbours). */
const isPlain = (k: Kind, a: Axis) => k === "linear" || (a.D === a.I && a.A === 0);

/**
 * Drop axes of extent 1 and merge an axis with the next when the inner one is plain and the
 * outer one steps over it exactly: fewer axes means fewer divisions per element, and most
 * slices and pads end up rank 1 or 2 (a contiguous range becomes a buffer copy).
 */
function coalesce(kind: Kind, axes: readonly Axis[]): Axis[] {
  const out: Axis[] = [];
  for (const a of axes) {
    if (a.D === 1 && (kind === "linear" || (a.I === 1 && a.A === 0))) continue;
    const prev = out[out.length - 1];
    const innerExtent = kind === "linear" ? a.D : a.I;
    // Mirror reflects whole coordinates, so only two plain axes merge there.
    if (prev !== undefined && isPlain(kind, a) && (kind !== "mirror" || isPlain(kind, prev)) && prev.S === innerExtent * a.S) {
      out[out.length - 1] = { D: prev.D * a.D, I: prev.I * a.I, S: a.S, A: prev.A * a.I };
    } else out.push({ ...a });
  }
  return out;
}

/** Words: [n, base, mirror extra, 0, D (rank), I (rank), S (rank), A (rank)]. */
function gatherShader(kind: Kind, rank: number, hasFill: boolean): string {
  const D = (d: number) => `uw(${4 + d}u)`, I = (d: number) => `uw(${4 + rank + d}u)`;
  const S = (d: number) => `ui(${4 + 2 * rank + d}u)`, A = (d: number) => `ui(${4 + 3 * rank + d}u)`;
  const body: string[] = ["  var rem = i;", "  var off = ui(1u);"];
  if (kind === "pad") body.push("  var inside = true;");
  for (let d = rank - 1; d >= 0; d--) {
    body.push(d === 0 ? "  { let c = rem;" : `  { let c = rem % ${D(d)}; rem = rem / ${D(d)};`);
    switch (kind) {
      case "linear": body.push(`    off = off + i32(c) * ${S(d)};`); break;
      case "tile": body.push(`    off = off + i32(c % ${I(d)}) * ${S(d)};`); break;
      case "pad":
        body.push(`    let j = i32(c) - ${A(d)};`);
        body.push(`    inside = inside && j >= 0 && j < i32(${I(d)});`);
        body.push(`    off = off + j * ${S(d)};`);
        break;
      case "mirror":
        // REFLECT (extra 0) skips the edge element, SYMMETRIC (extra 1) repeats it.
        body.push(`    var j = i32(c) - ${A(d)};`);
        body.push(`    if (j < 0) { j = -j - ui(2u); } else if (j >= i32(${I(d)})) { j = 2 * i32(${I(d)}) - 2 + ui(2u) - j; }`);
        body.push(`    off = off + j * ${S(d)};`);
        break;
    }
    body.push("  }");
  }
  const nb = hasFill ? 2 : 1;
  const decls = [`@group(0) @binding(0) var<storage, read> x: array<u32>;`];
  if (hasFill) decls.push(`@group(0) @binding(1) var<storage, read> fill: array<u32>;`);
  decls.push(`@group(0) @binding(${nb}) var<storage, read_write> y: array<u32>;`);
  const write = kind === "pad"
    ? `  if (inside) { y[i] = x[u32(off)]; } else { y[i] = ${hasFill ? "fill[0]" : "0u"}; }`
    : "  y[i] = x[u32(off)];";
  return `${decls.join("\n")}
${uniformBlock(nb + 1, 4 + 4 * rank)}
${entry()}
  if (i >= uw(0u)) { return; }
${body.join("\n")}
${write}
}
`;
}

/**
 * out[i] = x[offset of i] over the axes of `outDims` (row-major), reading from `base` on.
 * `fill` is PadV2's constant (Pad pads with zeros); `extra` is MirrorPad's mode.
 */
function stridedGather(ctx: GpuKernelContext, kind: Kind, x: GpuTensor, axes: readonly Axis[], out: TensorSpec, base = 0, fill?: GpuTensor, extra = 0): GpuBuffer {
  const y = ctx.alloc(out);
  const n = sizeOf(out.dims);
  if (n === 0) return y;
  const c = coalesce(kind, axes);
  // A contiguous run of the input: a buffer copy.
  if (c.length === 0 || (c.length === 1 && c[0]!.S === 1 && isPlain(kind, c[0]!))) {
    ctx.copy(x.buffer, y, n * 4, base * 4, 0);
    return y;
  }
  const rank = c.length;
  const hasFill = fill !== undefined;
  const code = cached(`gather|${kind}|${rank}|${hasFill}`, () => gatherShader(kind, rank, hasFill));
  const w = new Words().u32(n).i32(base, extra, 0);
  w.u32(...c.map((a) => a.D)).u32(...c.map((a) => a.I)).i32(...c.map((a) => a.S)).i32(...c.map((a) => a.A));
  run(ctx, code, hasFill ? [x.buffer, fill.buffer, y] : [x.buffer, y], w, n);
  return y;
}

/** Axes that read `dims` (contiguous) in place: tile / pad / mirror start from these. */
function inputAxes(dims: readonly number[]): Axis[] {
  const s = stridesOf(dims);
  return dims.map((d, k) => ({ D: d, I: d, S: s[k]!, A: 0 }));
}

// --- Views ------------------------------------------------------------------------------------

// Tensors are immutable: shape changes share the input's buffer, as on the CPU.
const share: GpuKernel = (ctx, inputs) => [ctx.share(inputs[0]!.buffer)];
// --- Transpose, Slice, StridedSlice -----------------------------------------------------------

// Real dtypes only here, so ConjugateTranspose is Transpose.
const transpose: GpuKernel<TransposeAttrs, TransposePlan> = (ctx, inputs, _attrs, outputs, { perm: p }) => {
  const x = inputs[0]!, out = outputs[0]!;
  const s = stridesOf(x.dims);
  return [stridedGather(ctx, "linear", x, p.map((d, k) => ({ D: out.dims[k]!, I: 0, S: s[d]!, A: 0 })), out)];
};
function padAxes(dims: readonly number[], paddings: readonly number[]): Axis[] {
  return inputAxes(dims).map((a, k) => ({ ...a, D: paddings[2 * k]! + a.I + paddings[2 * k + 1]!, A: paddings[2 * k]! }));
}
// --- ConcatV2, Pack -------------------------------------------------------------------------

// Words: [n, block, row, column]: input element i goes to row i / block of the output, at
// column + i mod block (the output seen as rows of `row` elements).
const BOX = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
${uniformBlock(2, 4)}
${entry()}
  if (i >= uw(0u)) { return; }
  let o = i / uw(1u);
  y[o * uw(2u) + uw(3u) + (i - o * uw(1u))] = x[i];
}
`;

/** Write each input's `outer` rows of blocks[k] elements side by side into rows of the output. */
function joinRows(ctx: GpuKernelContext, inputs: readonly GpuTensor[], blocks: readonly number[], outer: number, out: TensorSpec): GpuBuffer {
  const y = ctx.alloc(out);
  const row = blocks.reduce((p, q) => p + q, 0);
  if (outer * row === 0) return y;
  let column = 0;
  inputs.forEach((t, k) => {
    const block = blocks[k]!, n = outer * block;
    if (n === 0) return;
    // One row, or a single contributor: the input is one contiguous run of the output.
    if (outer === 1 || block === row) ctx.copy(t.buffer, y, n * 4, 0, column * 4);
    else run(ctx, BOX, [t.buffer, y], new Words().u32(n, block, row, column), n);
    column += block;
  });
  return y;
}

// --- GatherV2 -------------------------------------------------------------------------------


// Words: [n, inner, perBatch, outer, limit]; output = [batch, outer, perBatch, inner].
// int64 indices are read as their low word (checked on the host to lie in [0, limit)).
function gatherV2Shader(indexWords: number): string {
  return `@group(0) @binding(0) var<storage, read> src: array<u32>;
@group(0) @binding(1) var<storage, read> indices: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;
${uniformBlock(3, 5)}
${entry()}
  if (i >= uw(0u)) { return; }
  let k = i % uw(1u);
  var t = i / uw(1u);
  let j = t % uw(2u);
  t = t / uw(2u);
  let o = t % uw(3u);
  let b = t / uw(3u);
  let index = indices[(b * uw(2u) + j) * ${indexWords}u];
  y[i] = src[((b * uw(3u) + o) * uw(4u) + index) * uw(1u) + k];
}
`;
}

// --- Fill, ZerosLike, Range ---------------------------------------------------------------

// Words: [n]. Fill copies the scalar's word (read on the GPU: no wait for its value).
const FILL = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
${uniformBlock(2, 1)}
${entry()}
  if (i >= uw(0u)) { return; }
  y[i] = x[0];
}
`;
const ZEROS = `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
${uniformBlock(1, 1)}
${entry()}
  if (i >= uw(0u)) { return; }
  y[i] = 0u;
}
`;

// Integer ranges: start + i * delta with wrapping arithmetic equals TensorFlow's running sum.
function rangeShader(t: "i32" | "u32"): string {
  return `@group(0) @binding(0) var<storage, read_write> y: array<${t}>;
${uniformBlock(1, 3)}
${entry()}
  if (i >= uw(0u)) { return; }
  y[i] = ${t}(uw(1u)) + ${t}(i) * ${t}(uw(2u));
}
`;
}

/** Register the WGSL kernels of the array ops. */
export function registerArrayKernels(): void {
  registerGpuKernel(Reshape, WORD_TYPES, share);
  registerGpuKernel(Identity, WORD_TYPES, share);
  registerGpuKernel(StopGradient, WORD_TYPES, share);
  registerGpuKernel(ExpandDims, WORD_TYPES, share);
  registerGpuKernel(Squeeze, WORD_TYPES, share);

  registerGpuKernel(Transpose, WORD_TYPES, transpose);
  registerGpuKernel(ConjugateTranspose, WORD_TYPES, transpose);

  registerGpuKernel(Slice, WORD_TYPES, (ctx, inputs, _attrs, outputs, { begin, sizes }) => {
    const x = inputs[0]!;
    const s = stridesOf(x.dims);
    const base = sizes.reduce((acc, _, k) => acc + begin[k]! * s[k]!, 0);
    return [stridedGather(ctx, "linear", x, sizes.map((d, k) => ({ D: d, I: 0, S: s[k]!, A: 0 })), outputs[0]!, base)];
  });

  registerGpuKernel(StridedSlice, WORD_TYPES, (ctx, inputs, _attrs, outputs, plan) => {
    const x = inputs[0]!, out = outputs[0]!;
    if (sizeOf(out.dims) === 0) return [ctx.alloc(out)];
    const s = stridesOf(x.dims);
    const base = plan.begin.reduce((acc, b, k) => acc + b * s[k]!, 0);
    // The final shape only drops shrunk axes and adds new ones: the processing order holds.
    const axes = plan.processing.map((d, k) => ({ D: d, I: 0, S: plan.strides[k]! * s[k]!, A: 0 }));
    return [stridedGather(ctx, "linear", x, axes, out, base)];
  });

  // --- Tile, Pad, PadV2, MirrorPad ----------------------------------------------------------

  registerGpuKernel(Tile, WORD_TYPES, (ctx, inputs, _attrs, outputs) => {
    const x = inputs[0]!, out = outputs[0]!;
    const axes = inputAxes(x.dims).map((a, k) => ({ ...a, D: out.dims[k]! }));
    return [stridedGather(ctx, "tile", x, axes, out)];
  });

  registerGpuKernel<PadAttrs>(Pad, WORD_TYPES, (ctx, inputs, { paddings }, outputs) =>
    [stridedGather(ctx, "pad", inputs[0]!, padAxes(inputs[0]!.dims, paddings.values), outputs[0]!)]);
  registerGpuKernel<PadAttrs>(PadV2, WORD_TYPES, (ctx, inputs, { paddings }, outputs) =>
    [stridedGather(ctx, "pad", inputs[0]!, padAxes(inputs[0]!.dims, paddings.values), outputs[0]!, 0, inputs[1]!)]);
  registerGpuKernel<MirrorPadAttrs>(MirrorPad, WORD_TYPES, (ctx, inputs, { paddings, mode }, outputs) =>
    [stridedGather(ctx, "mirror", inputs[0]!, padAxes(inputs[0]!.dims, paddings.values), outputs[0]!, 0, undefined, mode === "SYMMETRIC" ? 1 : 0)]);

  registerGpuKernel(ConcatV2, WORD_TYPES, (ctx, inputs, _attrs, outputs, { axis: a }) => {
    const out = outputs[0]!;
    const rank = inputs[0]!.dims.length;
    const outer = rank === 0 ? 1 : sizeOf(out.dims.slice(0, a));
    const blocks = inputs.map((t) => (rank === 0 ? 1 : sizeOf(t.dims.slice(a))));
    return [joinRows(ctx, inputs, blocks, outer, out)];
  });

  registerGpuKernel<{ axis: number }>(Pack, WORD_TYPES, (ctx, inputs, { axis }, outputs) => {
    const out = outputs[0]!;
    const a = axis < 0 ? axis + out.dims.length : axis;
    const inner = sizeOf(out.dims.slice(a + 1));
    return [joinRows(ctx, inputs, inputs.map(() => inner), sizeOf(out.dims.slice(0, a)), out)];
  });

  registerGpuKernel(GatherV2, WORD_TYPES, (ctx, inputs, _attrs, outputs, { axis, batchDims }) => {
    const [params, indices] = inputs as [GpuTensor, GpuTensor];
    const out = outputs[0]!;
    const y = ctx.alloc(out);
    const total = sizeOf(out.dims);
    if (total === 0) return [y];
    const batch = sizeOf(params.dims.slice(0, batchDims));
    const outer = sizeOf(params.dims.slice(batchDims, axis));
    const limit = params.dims[axis]!;
    const inner = sizeOf(params.dims.slice(axis + 1));
    const n = sizeOf(indices.dims);
    // As the CPU kernel: the first out-of-range index (flat order) raises. GPU gathers have no
    // way to report it, so the indices are checked here (free for host-made indices).
    const idx = ctx.read(indices) as Int32Array | BigInt64Array;
    for (let f = 0; f < n; f++) {
      const raw = idx[f]!;
      const j = Number(raw);
      if (!(j >= 0 && j < limit)) {
        throw new InvalidArgumentError(indexNotInRange(indices.dims, f, raw, limit));
      }
    }
    const words = indices.dtype.name === "int64" ? 2 : 1;
    const code = cached(`gatherV2|${words}`, () => gatherV2Shader(words));
    run(ctx, code, [params.buffer, indices.buffer, y], new Words().u32(total, inner, n / batch, outer, limit), total);
    return [y];
  });

  registerGpuKernel(Fill, WORD_TYPES, (ctx, inputs, _attrs, outputs) => {
    const y = ctx.alloc(outputs[0]!);
    const n = sizeOf(outputs[0]!.dims);
    run(ctx, FILL, [inputs[0]!.buffer, y], new Words().u32(n), n);
    return [y];
  });

  // All four types store zero (0.0, 0, 0u, false) as the word 0.
  registerGpuKernel(ZerosLike, WORD_TYPES, (ctx, _inputs, _attrs, outputs) => {
    const y = ctx.alloc(outputs[0]!);
    const n = sizeOf(outputs[0]!.dims);
    run(ctx, ZEROS, [y], new Words().u32(n), n);
    return [y];
  });

  registerGpuKernel<RangeAttrs>(Range, ["int32", "uint32"], (ctx, _inputs, attrs, outputs) => {
    const out = outputs[0]!;
    const y = ctx.alloc(out);
    const n = out.dims[0]!;
    const t = out.dtype.name === "int32" ? "i32" : "u32";
    run(ctx, cached(`range|${t}`, () => rangeShader(t)), [y], new Words().i32(n, Number(attrs.start), Number(attrs.delta)), n);
    return [y];
  });
  // float32 ranges round after every step (val += delta), a serial recurrence that no parallel
  // formula reproduces bit for bit: no kernel here, so the CPU computes them. Neither is there
  // one for Where (its output size depends on the values) or the diagonal ops (rare: eye).
}
