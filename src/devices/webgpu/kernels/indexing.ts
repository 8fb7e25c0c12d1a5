// WebGPU kernels of the indexing ops. GatherNd reads its indices back and checks them on the
// host (with the CPU kernel's message), then gathers by flat slice offsets; ScatterNd (into
// zeros) and TensorScatter* (into a copy of the tensor) check and plan their indices the same
// way and apply updates as the variable scatters do (resource.ts: one thread per destination
// element walks its updates in index order, so no float atomics are needed and repeated indices
// give the CPU's result; UnsortedSegmentSum, the gradient of gather, is a ScatterNd of whole rows
// that drops negative ids); the sliced assignment into a variable walks its region in processing
// order, reading the value through broadcast strides, so a value of any broadcastable shape
// needs no copy.
import { uint32, type DTypeName } from "../../../core/dtypes.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { segmentIdOutOfRange } from "../../../errors/device_messages.js";
import { GatherNd, ResourceStridedSliceAssign, ScatterNd, TENSOR_SCATTER_OPS, type TensorScatterMode } from "../../../ops/indexing.js";
import { UnsortedSegmentSum } from "../../../ops/math.js";
import { gatherNdOffsets, stridesOf } from "../../nd_indices.js";
import { gpuElementBytes } from "../device.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { entry, groupsFor, uniformBlock, Words } from "../wgsl.js";
import { indexValues, ndOffsets, scatterInto, zeroFill } from "./resource.js";

const F32_I32: readonly DTypeName[] = ["float32", "int32"];
const F32_I32_BOOL: readonly DTypeName[] = ["float32", "int32", "bool"];
/** The dtypes of the TensorScatter* kernels here: a subset of the CPU's (SCATTER_KERNEL_TYPES). */
const TENSOR_SCATTER_GPU_TYPES: Readonly<Record<TensorScatterMode, readonly DTypeName[]>> = {
  update: F32_I32_BOOL, add: F32_I32, sub: F32_I32, min: F32_I32, max: F32_I32,
};

function dispatch(ctx: GpuKernelContext, code: string, buffers: readonly GpuBuffer[], words: Words, threads: number): void {
  if (threads === 0) return;
  ctx.dispatch({ code, buffers, uniform: words.build(), groups: groupsFor(threads, ctx.maxWorkgroupsPerDimension) });
}

// Element i of the output is element (i mod inner) of the slice starting at offsets[i / inner].
const GATHER_SLICES = `@group(0) @binding(0) var<storage, read> p: array<u32>;
@group(0) @binding(1) var<storage, read> offsets: array<u32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;
${uniformBlock(3, 2)}
${entry()}
  if (i >= uw(0u)) { return; }
  let inner = uw(1u);
  let r = i / inner;
  y[i] = p[offsets[r] + (i - r * inner)];
}
`;

const assignCode = new Map<string, string>();
/**
 * Words: [n, rank, final rank, base offset, processing sizes (rank), destination strides
 * (rank, i32: steps may be negative), final sizes (final rank), value strides (final rank)].
 */
function stridedAssignShader(rank: number, finalRank: number): string {
  const key = `${rank}|${finalRank}`;
  let code = assignCode.get(key);
  if (code === undefined) {
    code = `@group(0) @binding(0) var<storage, read_write> v: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
${uniformBlock(2, 4 + 2 * rank + 2 * finalRank)}
${entry()}
  if (i >= uw(0u)) { return; }
  let rank = uw(1u);
  let frank = uw(2u);
  var rem = i;
  var dst = ui(3u);
  for (var a = rank; a > 0u; a = a - 1u) {
    let d = a - 1u;
    let extent = uw(4u + d);
    dst = dst + i32(rem % extent) * ui(4u + rank + d);
    rem = rem / extent;
  }
  rem = i;
  var src = 0u;
  let f0 = 4u + 2u * rank;
  for (var a = frank; a > 0u; a = a - 1u) {
    let d = a - 1u;
    let extent = uw(f0 + d);
    src = src + (rem % extent) * uw(f0 + frank + d);
    rem = rem / extent;
  }
  v[u32(dst)] = x[src];
}
`;
    assignCode.set(key, code);
  }
  return code;
}

/** Register the WGSL kernels of the indexing ops. */
export function registerIndexingKernels(): void {
  registerGpuKernel(GatherNd, F32_I32_BOOL, (ctx, inputs, _attrs, outputs) => {
    const [params, indices] = inputs as [GpuTensor, GpuTensor];
    const out = outputs[0]!;
    const y = ctx.alloc(out);
    const total = sizeOf(out.dims);
    if (total === 0) return [y];
    const k = indices.dims[indices.dims.length - 1]!;
    const values = ctx.read(indices) as Int32Array | BigInt64Array;
    const offsets = gatherNdOffsets(params.dims, indices.dims, values, "GatherNd");
    const plan = ctx.upload(uint32, Uint32Array.from(offsets));
    dispatch(ctx, GATHER_SLICES, [params.buffer, plan, y], new Words().u32(total, sizeOf(params.dims.slice(k))), total);
    ctx.release(plan);
    return [y];
  });

  registerGpuKernel(ScatterNd, F32_I32, (ctx, inputs, _attrs, outputs) => {
    const [indices, updates] = inputs as [GpuTensor, GpuTensor];
    const out = outputs[0]!;
    const plan = sizeOf(out.dims) > 0 ? ndOffsets(ctx, out.dims, indices, "shape") : undefined;
    const y = ctx.alloc(out);
    zeroFill(ctx, y, out);
    if (plan !== undefined) scatterInto(ctx, y, out.dtype, updates, "add", plan.offsets, plan.inner);
    return [y];
  });

  registerGpuKernel(UnsortedSegmentSum, F32_I32, (ctx, inputs, { numSegments }, outputs) => {
    const [data, ids] = inputs as [GpuTensor, GpuTensor];
    const out = outputs[0]!;
    const inner = sizeOf(data.dims.slice(ids.dims.length));
    const offsets = indexValues(ctx, ids).map((j, i) => {
      if (j >= numSegments) throw new InvalidArgumentError(segmentIdOutOfRange(ids.dims, i, j, numSegments));
      return j < 0 ? -1 : j * inner;
    });
    const y = ctx.alloc(out);
    zeroFill(ctx, y, out);
    if (sizeOf(out.dims) > 0) scatterInto(ctx, y, out.dtype, data, "add", offsets, inner);
    return [y];
  });

  for (const mode of Object.keys(TENSOR_SCATTER_OPS) as TensorScatterMode[]) {
    registerGpuKernel(TENSOR_SCATTER_OPS[mode], TENSOR_SCATTER_GPU_TYPES[mode], (ctx, inputs, _attrs, outputs) => {
      const [t, indices, updates] = inputs as [GpuTensor, GpuTensor, GpuTensor];
      const n = sizeOf(t.dims);
      const plan = n > 0 ? ndOffsets(ctx, t.dims, indices, "shape") : undefined;
      const y = ctx.alloc(outputs[0]!);
      if (plan === undefined) return [y];
      ctx.copy(t.buffer, y, n * gpuElementBytes(t.dtype)!);
      scatterInto(ctx, y, t.dtype, updates, mode, plan.offsets, plan.inner);
      return [y];
    });
  }

  registerGpuKernel(ResourceStridedSliceAssign, F32_I32_BOOL, (ctx, inputs, _attrs, _outputs, plan) => {
    const [v, x] = inputs as [GpuTensor, GpuTensor];
    const { processing, final, begin, strides, valueStrides } = plan;
    const n = sizeOf(processing);
    if (n === 0) return [];
    const s = stridesOf(v.dims);
    const base = begin.reduce((acc, b, a) => acc + b * s[a]!, 0);
    const words = new Words().u32(n, processing.length, final.length).i32(base).u32(...processing)
      .i32(...strides.map((st, a) => st * s[a]!)).u32(...final, ...valueStrides);
    dispatch(ctx, stridedAssignShader(processing.length, final.length), [v.buffer, x.buffer], words, n);
    ctx.written(v.buffer);
    return [];
  });
}
