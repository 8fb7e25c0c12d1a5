// CPU reference kernels of Cumsum, Cumprod and CumulativeLogsumexp: one pass along the axis per (outer, inner)
// line. Each step is stored in the output's own type before the next one reads it, so that
// float32 accumulates in float32 and integers wrap at every step, as TensorFlow's scans do.
import { allocStorage, type Storage } from "../../../core/storage.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { NUMBERS } from "../../../ops/op_def.js";
import { Cumprod, Cumsum, CumulativeLogsumexp, scanAxis, type ScanAttrs } from "../../../ops/scan.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";

type Step<T> = (acc: T, v: T) => T;

/** Visit every line along `axis`: `line(base, stride, length)` with element k at base + k * stride. */
function forEachLine(dims: readonly number[], axis: number, line: (base: number, stride: number, length: number) => void): void {
  const outer = sizeOf(dims.slice(0, axis)), len = dims[axis]!, inner = sizeOf(dims.slice(axis + 1));
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) line(o * len * inner + i, inner, len);
}

/**
 * Scan one line of `src` into `dst`, starting from `identity`; `scratch` (one element of the
 * output's type) rounds or wraps the running value the way the output stores it.
 */
function scanLine<T>(
  src: ArrayLike<T>, dst: { [i: number]: T }, scratch: { [i: number]: T }, base: number, stride: number, length: number,
  attrs: ScanAttrs, identity: T, step: Step<T>,
): void {
  let acc = identity;
  for (let j = 0; j < length; j++) {
    const at = base + (attrs.reverse ? length - 1 - j : j) * stride;
    const v = src[at]!;
    if (attrs.exclusive) dst[at] = acc;
    scratch[0] = step(acc, v);
    acc = scratch[0]!;
    if (!attrs.exclusive) dst[at] = acc;
  }
}

interface ScanImpl {
  number: { identity: number; step: Step<number> };
  stepByDtype?: Partial<Record<string, Step<number>>>;
  /** Absent for the float-only scans (CumulativeLogsumexp), whose op admits no other dtypes. */
  bigint?: { identity: bigint; step: Step<bigint> };
  complex?: { identity: [number, number]; step: (acc: [number, number], re: number, im: number) => [number, number] };
}

function scanKernel(impl: ScanImpl) {
  return (inputs: readonly CpuTensor[], attrs: ScanAttrs, outputs: readonly TensorSpec[]): Storage[] => {
    const x = inputs[0]!;
    const out = outputs[0]!;
    const axis = scanAxis(attrs.axis, x.dims.length);
    const n = sizeOf(x.dims);
    const domain = domainOf(x.dtype);
    if (domain === "bigint" && impl.bigint) {
      const { identity, step: bigStep } = impl.bigint;
      const result = allocStorage(out.dtype, n) as BigArray;
      const wrap = x.dtype.name === "uint64" ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
      const step: Step<bigint> = (a, v) => wrap(bigStep(a, v));
      const scratch = allocStorage(out.dtype, 1) as BigArray;
      forEachLine(x.dims, axis, (b, s, l) => scanLine(x.buffer as BigArray, result, scratch, b, s, l, attrs, identity, step));
      return [result];
    }
    if (domain === "complex" && impl.complex) {
      const complex = impl.complex;
      const a = x.buffer as Float32Array | Float64Array;
      const result = allocStorage(out.dtype, n) as Float32Array | Float64Array;
      const scratch = allocStorage(out.dtype, 1) as Float32Array | Float64Array;
      forEachLine(x.dims, axis, (base, stride, length) => {
        let acc: [number, number] = [...complex.identity];
        for (let j = 0; j < length; j++) {
          const k = attrs.reverse ? length - 1 - j : j;
          const at = 2 * (base + k * stride);
          const next = complex.step(acc, a[at]!, a[at + 1]!);
          const shown = attrs.exclusive ? acc : next;
          result[at] = shown[0];
          result[at + 1] = shown[1];
          scratch[0] = next[0];
          scratch[1] = next[1];
          acc = [scratch[0]!, scratch[1]!];
        }
      });
      return [result];
    }
    const a = readNumbers(x.dtype, x.buffer);
    const { values, finish } = numberOutput(out.dtype, n);
    const step = impl.stepByDtype?.[x.dtype.name] ?? impl.number.step;
    const scratch = numberOutput(out.dtype, 1).values;
    forEachLine(x.dims, axis, (b, s, l) => scanLine(a, values, scratch, b, s, l, attrs, impl.number.identity, step));
    return [finish()];
  };
}

/** Register the CPU reference kernels of the scans. */
export function registerScanKernels(): void {
  registerCpuKernel(Cumsum, NUMBERS, scanKernel({
    number: { identity: 0, step: (a, v) => a + v },
    bigint: { identity: 0n, step: (a, v) => a + v },
    complex: { identity: [0, 0], step: ([ar, ai], re, im) => [ar + re, ai + im] },
  }));
  registerCpuKernel(Cumprod, NUMBERS, scanKernel({
    number: { identity: 1, step: (a, v) => a * v },
    // 32-bit products can pass 2^53 before they wrap: multiply modulo 2^32 instead.
    stepByDtype: { int32: (a, v) => Math.imul(a, v), uint32: (a, v) => Math.imul(a, v) >>> 0 },
    bigint: { identity: 1n, step: (a, v) => a * v },
    complex: { identity: [1, 0], step: ([ar, ai], re, im) => [ar * re - ai * im, ar * im + ai * re] },
  }));
  // TensorFlow's LogSumExp reducer: max + log1p(exp(min - max)), starting from -inf; a maximum
  // of -inf (below the dtype's lowest) stays -inf instead of becoming NaN.
  registerCpuKernel(CumulativeLogsumexp, ["float16", "float32", "float64"], scanKernel({
    number: {
      identity: -Infinity,
      step: (a, v) => {
        const lo = Math.min(a, v), hi = Math.max(a, v);
        return hi === -Infinity ? hi : hi + Math.log1p(Math.exp(lo - hi));
      },
    },
  }));
}
