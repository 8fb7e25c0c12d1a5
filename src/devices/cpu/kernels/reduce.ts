// CPU reference kernels of reductions and arg-reductions.
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { All, Any, ArgMax, ArgMin, Max, Mean, Min, Prod, Sum, type ArgAttrs, type ReduceAttrs } from "../../../ops/reduce.js";
import { asDType, type DType } from "../../../core/dtypes.js";
import { NUMBERS, REAL_NUMBERS } from "../../../ops/op_def.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { UnsortedSegmentSum } from "../../../ops/math.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";
import { stridedOffsets } from "./broadcast.js";
import { segmentIdOutOfRange } from "../../../errors/device_messages.js";

/** For each input element, the flat index of the output element it reduces into. */
export function reductionIndex(dims: readonly number[], axes: readonly number[]): { map: Int32Array; outSize: number } {
  const rank = dims.length;
  // Stride of each input axis in the output (0 for reduced axes).
  const strides = new Array<number>(rank).fill(0);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    if (!axes.includes(i)) { strides[i] = acc; acc *= dims[i]!; }
  }
  return { map: stridedOffsets(dims, strides), outSize: acc };
}

/** Per-domain accumulation for a reduction. */
export interface ReduceImpl {
  /** Identity and step on numbers; `finish(acc, count)` turns the accumulator into the result. */
  number?: { init: number; step: (acc: number, v: number) => number; finish?: (acc: number, count: number) => number };
  /** Overrides of `number.step` per dtype (integer wrap-around). */
  stepByDtype?: Partial<Record<string, (acc: number, v: number) => number>>;
  /** Overrides of `number.init` / `number.finish` per dtype. */
  initByDtype?: Partial<Record<string, number>>;
  finishByDtype?: Partial<Record<string, (acc: number, count: number) => number>>;
  /** 64-bit integers; `wrap` is BigInt.asIntN(64, ·) or BigInt.asUintN(64, ·) for the dtype. */
  bigint?: {
    init: bigint | ((d: DType) => bigint);
    step: (acc: bigint, v: bigint, wrap: (x: bigint) => bigint) => bigint;
    finish?: (acc: bigint, count: bigint) => bigint;
  };
  complex?: { init: [number, number]; step: (acc: Float64Array, at: number, re: number, im: number) => void; finish?: (acc: Float64Array, at: number, count: number) => void };
}

export function reductionKernel(impl: ReduceImpl) {
  return (inputs: readonly CpuTensor[], attrs: ReduceAttrs, outputs: readonly TensorSpec[]): Storage[] => {
    const x = inputs[0]!;
    const out = outputs[0]!;
    const { map, outSize } = reductionIndex(x.dims, attrs.axes);
    const n = map.length;
    const count = outSize === 0 ? 0 : n / outSize;
    const domain = domainOf(x.dtype);
    const name = x.dtype.name;
    if (domain === "number") {
      const spec = impl.number!;
      const step = impl.stepByDtype?.[name] ?? spec.step;
      const init = impl.initByDtype?.[name] ?? spec.init;
      const fin = impl.finishByDtype?.[name] ?? spec.finish;
      const a = readNumbers(x.dtype, x.buffer);
      const acc = new Float64Array(outSize).fill(init);
      for (let i = 0; i < n; i++) acc[map[i]!] = step(acc[map[i]!]!, a[i]!);
      const { values, finish } = numberOutput(out.dtype, outSize);
      for (let o = 0; o < outSize; o++) values[o] = fin ? fin(acc[o]!, count) : acc[o]!;
      return [finish()];
    }
    if (domain === "bigint") {
      const spec = impl.bigint!;
      const wrap = name === "uint64" ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
      const a = x.buffer as BigArray;
      const acc = new Array<bigint>(outSize).fill(typeof spec.init === "function" ? spec.init(x.dtype) : spec.init);
      for (let i = 0; i < n; i++) acc[map[i]!] = spec.step(acc[map[i]!]!, a[i]!, wrap);
      const result = allocStorage(out.dtype, outSize) as BigArray;
      for (let o = 0; o < outSize; o++) result[o] = spec.finish ? spec.finish(acc[o]!, BigInt(count)) : acc[o]!;
      return [result];
    }
    const spec = impl.complex!;
    const a = x.buffer as Float64Array;
    const acc = new Float64Array(2 * outSize);
    for (let o = 0; o < outSize; o++) { acc[2 * o] = spec.init[0]; acc[2 * o + 1] = spec.init[1]; }
    for (let i = 0; i < n; i++) spec.step(acc, 2 * map[i]!, a[2 * i]!, a[2 * i + 1]!);
    if (spec.finish) for (let o = 0; o < outSize; o++) spec.finish(acc, 2 * o, count);
    const result = allocStorage(out.dtype, outSize) as Float64Array;
    result.set(acc);
    return [result];
  };
}

// Integer arithmetic wraps in the dtype's width, as C++ does.
const wrapInt8 = (v: number) => (v << 24) >> 24, wrapInt16 = (v: number) => (v << 16) >> 16;
const wrapUint8 = (v: number) => v & 0xff, wrapUint16 = (v: number) => v & 0xffff;

// Mean: small integers are summed in 64 bits, then divided with truncation (TensorFlow's
// CASTING_SPECIALIZATION); 64-bit integers sum (wrapping) in their own type. An empty input
// gives the reducer's identity: NaN for floating types, 0 otherwise.
const intMean = (s: number, count: number) => (count === 0 ? 0 : Math.trunc(s / count));
// Max/Min propagate NaN (Eigen's PropagateNaN reducers); the identity of an empty reduction is
// -inf/+inf for floating types and the lowest/highest value for integers.
function limitsByDtype(which: "min" | "max"): Partial<Record<string, number>> {
  const out: Partial<Record<string, number>> = {};
  for (const name of ["int8", "int16", "int32", "uint8", "uint16", "uint32"]) out[name] = asDType(name)[which] as number;
  return out;
}
const MINMAX_TYPES = REAL_NUMBERS;
function argKernel(better: (a: number, b: number) => boolean, betterBig: (a: bigint, b: bigint) => boolean) {
  return (inputs: readonly CpuTensor[], attrs: ArgAttrs, outputs: readonly TensorSpec[]): Storage[] => {
    const x = inputs[0]!;
    const out = outputs[0]!;
    const rank = x.dims.length;
    const axis = attrs.axis < 0 ? attrs.axis + rank : attrs.axis;
    const dims = x.dims;
    const outer = sizeOf(dims.slice(0, axis)), len = dims[axis]!, inner = sizeOf(dims.slice(axis + 1));
    const result = allocStorage(out.dtype, outer * inner);
    const write = (o: number, v: number) => {
      if (out.dtype.isBigInt) (result as BigArray)[o] = BigInt(v);
      else (result as Int32Array)[o] = v;
    };
    const big = domainOf(x.dtype) === "bigint";
    const a = big ? null : readNumbers(x.dtype, x.buffer);
    const b = big ? (x.buffer as BigArray) : null;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let best = 0;
        for (let k = 1; k < len; k++) {
          const p = (o * len + k) * inner + i, q = (o * len + best) * inner + i;
          if (big ? betterBig(b![p]!, b![q]!) : better(a![p]!, a![q]!)) best = k;
        }
        write(o * inner + i, best);
      }
    }
    return [result];
  };
}

const ARG_TYPES = [...REAL_NUMBERS, "bool" as const];
/** A float64 sum stored into an integer dtype of 32 bits or less: modulo its width, as C++'s wraparound. */
function wrapInteger(v: number, name: string): number {
  const bits = name.endsWith("8") ? 8 : name.endsWith("16") ? 16 : 32;
  const m = 2 ** bits;
  const u = ((v % m) + m) % m;
  return name.startsWith("u") || u < m / 2 ? u : u - m;
}

/** Register the CPU reference kernels of the reductions. */
export function registerReduceKernels(): void {
  registerCpuKernel(Sum, NUMBERS, reductionKernel({
    number: { init: 0, step: (s, v) => s + v },
    stepByDtype: {
      int32: (s, v) => (s + v) | 0, uint32: (s, v) => (s + v) >>> 0,
      int8: (s, v) => wrapInt8(s + v), int16: (s, v) => wrapInt16(s + v),
      uint8: (s, v) => wrapUint8(s + v), uint16: (s, v) => wrapUint16(s + v),
    },
    bigint: { init: 0n, step: (s, v, wrap) => wrap(s + v) },
    complex: { init: [0, 0], step: (acc, at, re, im) => { acc[at]! += re; acc[at + 1]! += im; } },
  }));

  registerCpuKernel(Mean, NUMBERS, reductionKernel({
    number: { init: 0, step: (s, v) => s + v, finish: (s, count) => (count === 0 ? NaN : s / count) },
    finishByDtype: Object.fromEntries(["int8", "int16", "int32", "uint8", "uint16", "uint32"].map((d) => [d, intMean])),
    bigint: { init: 0n, step: (s, v, wrap) => wrap(s + v), finish: (s, count) => (count === 0n ? 0n : s / count) },
    complex: {
      init: [0, 0],
      step: (acc, at, re, im) => { acc[at]! += re; acc[at + 1]! += im; },
      finish: (acc, at, count) => { if (count > 0) { acc[at]! /= count; acc[at + 1]! /= count; } },
    },
  }));

  registerCpuKernel(Prod, NUMBERS, reductionKernel({
    number: { init: 1, step: (p, v) => p * v },
    stepByDtype: {
      int32: (p, v) => Math.imul(p, v), uint32: (p, v) => Math.imul(p, v) >>> 0,
      int8: (p, v) => wrapInt8(p * v), int16: (p, v) => wrapInt16(p * v),
      uint8: (p, v) => wrapUint8(p * v), uint16: (p, v) => Math.imul(p, v) & 0xffff,
    },
    bigint: { init: 1n, step: (p, v, wrap) => wrap(p * v) },
    complex: {
      init: [1, 0],
      step: (acc, at, re, im) => {
        const ar = acc[at]!, ai = acc[at + 1]!;
        acc[at] = ar * re - ai * im;
        acc[at + 1] = ar * im + ai * re;
      },
    },
  }));

  registerCpuKernel(Max, MINMAX_TYPES, reductionKernel({
    number: { init: -Infinity, step: (m, v) => (m !== m || v !== v ? NaN : m > v ? m : v) },
    initByDtype: limitsByDtype("min"),
    bigint: { init: (d) => d.min as bigint, step: (m, v) => (v > m ? v : m) },
  }));
  registerCpuKernel(Min, MINMAX_TYPES, reductionKernel({
    number: { init: Infinity, step: (m, v) => (m !== m || v !== v ? NaN : m < v ? m : v) },
    initByDtype: limitsByDtype("max"),
    bigint: { init: (d) => d.max as bigint, step: (m, v) => (v < m ? v : m) },
  }));

  registerCpuKernel(Any, ["bool"], reductionKernel({ number: { init: 0, step: (a, v) => (a !== 0 || v !== 0 ? 1 : 0) } }));
  registerCpuKernel(All, ["bool"], reductionKernel({ number: { init: 1, step: (a, v) => (a !== 0 && v !== 0 ? 1 : 0) } }));

  registerCpuKernel(ArgMax, ARG_TYPES, argKernel((a, b) => a > b, (a, b) => a > b));
  registerCpuKernel(ArgMin, ARG_TYPES, argKernel((a, b) => a < b, (a, b) => a < b));

  // UnsortedSegmentSum: row i of data (the elements after the ids' dims) adds into row ids[i] of the
  // output; negative ids are skipped and ids past the end raise, as TensorFlow's CPU kernel does.
  // Sums accumulate in float64 (bigints for 64-bit integers) and are stored once, wrapping integers.
  registerCpuKernel(UnsortedSegmentSum, NUMBERS, (inputs, { numSegments }, outputs) => {
    const [data, ids] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const rows = sizeOf(ids.dims);
    const inner = sizeOf(data.dims.slice(ids.dims.length));
    const idx = ids.buffer as Int32Array | BigInt64Array;
    const target = (i: number): number => {
      const j = Number(idx[i]!);
      if (j >= numSegments) {
        throw new InvalidArgumentError(segmentIdOutOfRange(ids.dims, i, j, numSegments));
      }
      return j;
    };
    const n = numSegments * inner;
    const domain = domainOf(data.dtype);
    if (domain === "bigint") {
      const a = data.buffer as BigArray;
      const result = allocStorage(out.dtype, n) as BigArray;
      const wrap = data.dtype.name === "uint64" ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
      for (let i = 0; i < rows; i++) {
        const j = target(i);
        if (j < 0) continue;
        for (let k = 0; k < inner; k++) result[j * inner + k] = wrap(result[j * inner + k]! + a[i * inner + k]!);
      }
      return [result];
    }
    const l = domain === "complex" ? 2 : 1;
    const a = domain === "complex" ? (data.buffer as Float32Array | Float64Array) : readNumbers(data.dtype, data.buffer);
    const acc = new Float64Array(n * l);
    for (let i = 0; i < rows; i++) {
      const j = target(i);
      if (j < 0) continue;
      for (let k = 0; k < inner * l; k++) acc[j * inner * l + k]! += a[i * inner * l + k]!;
    }
    if (domain === "complex") {
      const result = allocStorage(out.dtype, n) as Float32Array | Float64Array;
      result.set(acc);
      return [result];
    }
    const { values, finish } = numberOutput(out.dtype, n);
    if (values instanceof Float32Array || values instanceof Float64Array) values.set(acc);
    else for (let o = 0; o < n; o++) values[o] = wrapInteger(acc[o]!, out.dtype.name);
    return [finish()];
  });
}
