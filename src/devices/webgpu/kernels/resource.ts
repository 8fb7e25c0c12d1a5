// WebGPU kernels of the resource (variable) ops. A variable's buffer is marked mutable (no
// host copy is kept) and updated in place; reads are copies (snapshots). Indices are read back
// and validated on the host, with the CPU kernels' messages, before anything is queued, so a
// failed update leaves the variable unchanged; the host then turns them into flat element
// offsets that the shaders use (int32 and int64 indices alike). Scatters apply updates that
// hit the same destination one after another in index order (one thread per destination
// element walks its updates), which gives the CPU's result for duplicate indices.
import { ALL_DTYPES, uint32, type DType, type DTypeName } from "../../../core/dtypes.js";
import type { Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import {
  AssignAddVariableOp, AssignSubVariableOp, AssignVariableOp, ReadVariableOp, ResourceGather, ResourceGatherNd,
  ResourceScatterAdd, ResourceScatterDiv, ResourceScatterMax, ResourceScatterMin, ResourceScatterMul,
  ResourceScatterNdAdd, ResourceScatterNdSub, ResourceScatterNdUpdate, ResourceScatterSub, ResourceScatterUpdate,
  VarHandleOp, type ScatterAttrs, type ScatterMode,
} from "../../../ops/resource.js";
import type { OpDef } from "../../../ops/op_def.js";
import { gatherNdOffsets, ndOffsetsOf } from "../../nd_indices.js";
import { gpuElementBytes } from "../device.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { entry, groupsFor, storageType, uniformBlock, Words } from "../wgsl.js";
import { indexNotInRange } from "../../../errors/messages.js";
import { integerDivisionByZero } from "../../../errors/device_messages.js";

const F32_I32: readonly DTypeName[] = ["float32", "int32"];
const F32_I32_BOOL: readonly DTypeName[] = ["float32", "int32", "bool"];
/** Every dtype the GPU can hold: the pure copies (read, assign) work on any of them. */
const HELD: readonly DTypeName[] = ALL_DTYPES.filter((d) => gpuElementBytes(d) !== undefined).map((d) => d.name);

/** Bytes a value of `t`'s dtype and shape takes on the GPU. */
function bytesOf(t: { dtype: DType; dims: readonly number[] }): number {
  return sizeOf(t.dims) * gpuElementBytes(t.dtype)!;
}

function dispatch(ctx: GpuKernelContext, code: string, buffers: readonly GpuBuffer[], words: Words, threads: number): void {
  if (threads === 0) return;
  ctx.dispatch({ code, buffers, uniform: words.build(), groups: groupsFor(threads, ctx.maxWorkgroupsPerDimension) });
}

// --- whole-variable ops ---------------------------------------------------------------

// A variable starts as zeros of its dtype and shape (as on the CPU); pooled buffers hold
// whatever they held before.
const ZERO_FILL = `@group(0) @binding(0) var<storage, read_write> y: array<u32>;
${uniformBlock(1, 1)}
${entry()}
  if (i >= uw(0u)) { return; }
  y[i] = 0u;
}
`;

/** Zeros (every GPU dtype's zero is the word 0) into `y`, which holds a value of `spec`'s dtype and shape. */
export function zeroFill(ctx: GpuKernelContext, y: GpuBuffer, spec: { dtype: DType; dims: readonly number[] }): void {
  const words = Math.ceil(bytesOf(spec) / 4);
  dispatch(ctx, ZERO_FILL, [y], new Words().u32(words), words);
}

/** The WGSL expression combining the current value `a` with the update `b`. */
function combineExpr(mode: ScatterMode, a: string, b: string, float: boolean): string {
  switch (mode) {
    case "update": return b;
    case "add": return `(${a} + ${b})`;
    case "sub": return `(${a} - ${b})`;
    case "mul": return `(${a} * ${b})`;
    // Integer divisors were checked to be nonzero on the host; i32 division truncates.
    case "div": return `(${a} / ${b})`;
    // As the CPU: keep a when it is smaller (larger) or NaN, else take b (NaN included).
    case "min": return float ? `select(${b}, ${a}, isnan_(${a}) || (!isnan_(${b}) && ${a} < ${b}))` : `select(${b}, ${a}, ${a} < ${b})`;
    case "max": return float ? `select(${b}, ${a}, isnan_(${a}) || (!isnan_(${b}) && ${a} > ${b}))` : `select(${b}, ${a}, ${a} > ${b})`;
  }
}

// NaN from the bits: shader compilers may fold `x != x` to false (lavapipe does).
const ISNAN = "fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }\n";

/** WGSL element type a mode works in: plain copies move raw words (bool, NaN payloads). */
function elementType(dtype: DType, mode: ScatterMode): string {
  return mode === "update" ? "u32" : storageType(dtype);
}

const updateCode = new Map<string, string>();
function inPlaceUpdateShader(dtype: DType, mode: ScatterMode): string {
  const key = `${dtype.name}|${mode}`;
  let code = updateCode.get(key);
  if (code === undefined) {
    const t = elementType(dtype, mode);
    code = `@group(0) @binding(0) var<storage, read_write> v: array<${t}>;
@group(0) @binding(1) var<storage, read> x: array<${t}>;
${uniformBlock(2, 1)}
${entry()}
  if (i >= uw(0u)) { return; }
  v[i] = ${combineExpr(mode, "v[i]", "x[i]", dtype.isFloating)};
}
`;
    updateCode.set(key, code);
  }
  return code;
}

function updateKernel(mode: ScatterMode) {
  return (ctx: GpuKernelContext, inputs: readonly GpuTensor[]): GpuBuffer[] => {
    const [v, x] = inputs as [GpuTensor, GpuTensor];
    const n = sizeOf(v.dims);
    dispatch(ctx, inPlaceUpdateShader(v.dtype, mode), [v.buffer, x.buffer], new Words().u32(n), n);
    ctx.written(v.buffer);
    return [];
  };
}
// --- indices ----------------------------------------------------------------------------

/** An index tensor's values, read back to the host. */
export function indexValues(ctx: GpuKernelContext, indices: GpuTensor): number[] {
  return Array.from(ctx.read(indices) as Int32Array | BigInt64Array, (x: number | bigint) => Number(x));
}

/** Element offsets of the rows `indices` names (first axis of `params`), or the CPU's error. */
function rowOffsets(ctx: GpuKernelContext, params: readonly number[], indices: GpuTensor): { offsets: number[]; inner: number } {
  const rows = params[0]!;
  const inner = sizeOf(params.slice(1));
  const offsets = indexValues(ctx, indices).map((r, i) => {
    if (r < 0 || r >= rows) throw new InvalidArgumentError(indexNotInRange(indices.dims, i, r, rows));
    return r * inner;
  });
  return { offsets, inner };
}

/** Element offsets of the slices the index tuples (last axis of `indices`) address, or the CPU's error. */
export function ndOffsets(ctx: GpuKernelContext, params: readonly number[], indices: GpuTensor, what: "shape" | "param shape"): { offsets: number[]; inner: number } {
  const k = indices.dims[indices.dims.length - 1]!;
  const count = sizeOf(indices.dims.slice(0, -1));
  return ndOffsetsOf(params, indices.dims, count * k === 0 ? [] : indexValues(ctx, indices), what);
}

// --- gathers ------------------------------------------------------------------------------

// Every GPU dtype of these kernels takes one 32-bit word per element: gathers move raw words.
const GATHER = `@group(0) @binding(0) var<storage, read> v: array<u32>;
@group(0) @binding(1) var<storage, read> offsets: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;
${uniformBlock(3, 2)}
${entry()}
  if (i >= uw(0u)) { return; }
  let inner = uw(1u);
  let r = i / inner;
  y[i] = v[offsets[r] + (i - r * inner)];
}
`;

function gather(ctx: GpuKernelContext, v: GpuTensor, out: GpuTensor["dtype"], dims: readonly number[], offsets: readonly number[], inner: number): GpuBuffer[] {
  const y = ctx.alloc({ dtype: out, dims });
  const total = offsets.length * inner;
  if (total === 0) return [y];
  const plan = ctx.upload(uint32, Uint32Array.from(offsets));
  dispatch(ctx, GATHER, [v.buffer, plan, y], new Words().u32(total, inner), total);
  ctx.release(plan);
  return [y];
}

// --- scatters -----------------------------------------------------------------------------

// The plan (u32 words): destination offset of each of `segments` distinct destinations, then
// segments + 1 starts into the order list, then the order list: the update rows of each
// destination in index order. Thread (s, j) applies them in turn to element j of destination s.
const scatterCode = new Map<string, string>();
function scatterShader(dtype: DType, mode: ScatterMode): string {
  const key = `${dtype.name}|${mode}`;
  let code = scatterCode.get(key);
  if (code === undefined) {
    const t = elementType(dtype, mode);
    const body = mode === "update"
      // Only the last update of a destination shows.
      ? `  if (end > start) { v[dst] = u[src(plan[order + end - 1u], j)]; }`
      : `  var acc = v[dst];
  for (var q = start; q < end; q = q + 1u) {
    let b = u[src(plan[order + q], j)];
    acc = ${combineExpr(mode, "acc", "b", dtype.isFloating)};
  }
  v[dst] = acc;`;
    code = `${dtype.isFloating ? ISNAN : ""}@group(0) @binding(0) var<storage, read_write> v: array<${t}>;
@group(0) @binding(1) var<storage, read> u: array<${t}>;
@group(0) @binding(2) var<storage, read> plan: array<u32>;
${uniformBlock(3, 4)}
// Words: [segments * inner, inner, segments, updates are one scalar (1) or rows (0)].
fn src(row: u32, j: u32) -> u32 { return select(row * uw(1u) + j, 0u, uw(3u) == 1u); }
${entry()}
  if (i >= uw(0u)) { return; }
  let inner = uw(1u);
  let segments = uw(2u);
  let s = i / inner;
  let j = i - s * inner;
  let dst = plan[s] + j;
  let start = plan[segments + s];
  let end = plan[segments + s + 1u];
  let order = 2u * segments + 1u;
${body}
}
`;
    scatterCode.set(key, code);
  }
  return code;
}

/**
 * Apply updates row i (or the scalar) at `offsets[i]` of `dst` (elements of `dtype`) in index
 * order, skipping rows whose offset is negative; nothing is written on error. ScatterNd,
 * TensorScatter* and UnsortedSegmentSum (indexing.ts) scatter so too.
 */
export function scatterInto(ctx: GpuKernelContext, dst: GpuBuffer, dtype: DType, updates: GpuTensor, mode: ScatterMode, offsets: readonly number[], inner: number): void {
  // Group the rows by destination, keeping index order within each group.
  const order = Array.from({ length: offsets.length }, (_, i) => i).filter((i) => offsets[i]! >= 0);
  const count = order.length;
  if (count === 0 || inner === 0) return;
  const distinct = new Set(order.map((i) => offsets[i]!)).size;
  if (distinct < count) order.sort((a, b) => offsets[a]! - offsets[b]! || a - b);
  const plan = new Uint32Array(2 * distinct + 1 + count);
  let s = -1;
  order.forEach((row, q) => {
    if (s < 0 || offsets[row] !== plan[s]) {
      s++;
      plan[s] = offsets[row]!;
      plan[distinct + s] = q;
    }
    plan[2 * distinct + 1 + q] = row;
  });
  plan[2 * distinct] = count;
  const planBuffer = ctx.upload(uint32, plan);
  const scalar = updates.dims.length === 0 ? 1 : 0;
  dispatch(ctx, scatterShader(dtype, mode), [dst, updates.buffer, planBuffer], new Words().u32(distinct * inner, inner, distinct, scalar), distinct * inner);
  ctx.release(planBuffer);
}

/** A variable's scatter: in place into its buffer. */
function scatter(ctx: GpuKernelContext, v: GpuTensor, updates: GpuTensor, mode: ScatterMode, offsets: readonly number[], inner: number): void {
  scatterInto(ctx, v.buffer, v.dtype, updates, mode, offsets, inner);
  ctx.written(v.buffer);
}

/** Integer division by zero is an error in TensorFlow (checked before anything is written). */
function checkDivisors(ctx: GpuKernelContext, dtype: DType, mode: ScatterMode, updates: GpuTensor): void {
  if (mode !== "div" || !dtype.isInteger) return;
  const u = ctx.read(updates) as Storage as ArrayLike<number>;
  for (let i = 0; i < u.length; i++) if (u[i] === 0) throw new InvalidArgumentError(integerDivisionByZero());
}

function rowScatterKernel(ctx: GpuKernelContext, inputs: readonly GpuTensor[], { mode }: ScatterAttrs): GpuBuffer[] {
  const [v, indices, updates] = inputs as [GpuTensor, GpuTensor, GpuTensor];
  const { offsets, inner } = rowOffsets(ctx, v.dims, indices);
  checkDivisors(ctx, v.dtype, mode, updates);
  scatter(ctx, v, updates, mode, offsets, inner);
  return [];
}

function ndScatterKernel(ctx: GpuKernelContext, inputs: readonly GpuTensor[], { mode }: ScatterAttrs): GpuBuffer[] {
  const [v, indices, updates] = inputs as [GpuTensor, GpuTensor, GpuTensor];
  const { offsets, inner } = ndOffsets(ctx, v.dims, indices, "shape");
  scatter(ctx, v, updates, mode, offsets, inner);
  return [];
}

/** Register the WGSL kernels of the resource (variable) ops. */
export function registerResourceKernels(): void {
  // Only for dtypes with update kernels: placement puts a new variable on the GPU when it has
  // this kernel, and a variable whose every update fell back would be worse off there.
  registerGpuKernel(VarHandleOp, F32_I32_BOOL, (ctx, _inputs, _attrs, outputs) => {
    const y = ctx.alloc(outputs[0]!);
    y.mutable = true;
    zeroFill(ctx, y, outputs[0]!);
    ctx.written(y);
    return [y];
  });

  registerGpuKernel(ReadVariableOp, HELD, (ctx, inputs, _attrs, outputs) => {
    const v = inputs[0]!;
    const y = ctx.alloc(outputs[0]!);
    ctx.copy(v.buffer, y, bytesOf(v));
    return [y];
  });

  registerGpuKernel(AssignVariableOp, HELD, (ctx, inputs) => {
    const [v, x] = inputs as [GpuTensor, GpuTensor];
    ctx.copy(x.buffer, v.buffer, bytesOf(x));
    ctx.written(v.buffer);
    return [];
  });

  registerGpuKernel(AssignAddVariableOp, F32_I32, updateKernel("add"));
  registerGpuKernel(AssignSubVariableOp, F32_I32, updateKernel("sub"));

  registerGpuKernel(ResourceGather, F32_I32_BOOL, (ctx, inputs, _attrs, outputs) => {
    const [v, indices] = inputs as [GpuTensor, GpuTensor];
    const { offsets, inner } = rowOffsets(ctx, v.dims, indices);
    return gather(ctx, v, outputs[0]!.dtype, outputs[0]!.dims, offsets, inner);
  });

  registerGpuKernel(ResourceGatherNd, F32_I32_BOOL, (ctx, inputs, _attrs, outputs) => {
    const [v, indices] = inputs as [GpuTensor, GpuTensor];
    // DoGatherNd's message, which names the kernel's node.
    const k = indices.dims[indices.dims.length - 1]!;
    const values = sizeOf(indices.dims) === 0 ? [] : indexValues(ctx, indices);
    const offsets = gatherNdOffsets(v.dims, indices.dims, values, "ResourceGatherNd");
    const inner = sizeOf(v.dims.slice(k));
    return gather(ctx, v, outputs[0]!.dtype, outputs[0]!.dims, offsets, inner);
  });

  for (const [op, dtypes] of [
    [ResourceScatterUpdate, F32_I32_BOOL], [ResourceScatterAdd, F32_I32], [ResourceScatterSub, F32_I32],
    [ResourceScatterMul, F32_I32], [ResourceScatterDiv, F32_I32], [ResourceScatterMin, F32_I32],
    [ResourceScatterMax, F32_I32],
  ] as [OpDef<ScatterAttrs>, readonly DTypeName[]][]) registerGpuKernel(op, dtypes, rowScatterKernel);

  for (const [op, dtypes] of [
    [ResourceScatterNdUpdate, F32_I32_BOOL], [ResourceScatterNdAdd, F32_I32], [ResourceScatterNdSub, F32_I32],
  ] as [OpDef<ScatterAttrs>, readonly DTypeName[]][]) registerGpuKernel(op, dtypes, ndScatterKernel);
}
