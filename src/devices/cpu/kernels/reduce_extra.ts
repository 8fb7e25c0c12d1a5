// CPU reference kernels of EuclideanNorm, AddN and L2Loss.
import { allocStorage, type Storage } from "../../../core/storage.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { NUMBERS } from "../../../ops/op_def.js";
import { AddN, EuclideanNorm, L2Loss } from "../../../ops/reduce_extra.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { domainOf, numberOutput, readNumbers, type BigArray } from "./elements.js";
import { reductionKernel } from "./reduce.js";

// Integer norms are the square root truncated to the dtype (Eigen's sqrt on integers).
const intSqrt = (s: number) => Math.trunc(Math.sqrt(s));

/** Register the CPU reference kernels of EuclideanNorm, AddN and L2Loss. */
export function registerReduceExtraKernels(): void {
  registerCpuKernel(EuclideanNorm, NUMBERS, reductionKernel({
    number: { init: 0, step: (s, v) => s + v * v, finish: (s) => Math.sqrt(s) },
    stepByDtype: { int32: (s, v) => (s + Math.imul(v, v)) | 0 },
    finishByDtype: Object.fromEntries(["int8", "int16", "int32", "uint8", "uint16", "uint32"].map((d) => [d, intSqrt])),
    bigint: { init: 0n, step: (s, v, wrap) => wrap(s + v * v), finish: (s) => BigInt(Math.trunc(Math.sqrt(Number(s)))) },
    complex: {
      init: [0, 0],
      step: (acc, at, re, im) => { acc[at]! += re * re + im * im; },
      finish: (acc, at) => { acc[at] = Math.sqrt(acc[at]!); acc[at + 1] = 0; },
    },
  }));

  // sum(t²) · 0.5 over every element, accumulated in float64 and rounded once to the dtype.
  const sumOfSquares = reductionKernel({ number: { init: 0, step: (s, v) => s + v * v, finish: (s) => s * 0.5 } });
  registerCpuKernel(L2Loss, ["float16", "bfloat16", "float32", "float64"], (inputs: readonly CpuTensor[], _attrs: object, outputs: readonly TensorSpec[]) =>
    sumOfSquares(inputs, { axes: inputs[0]!.dims.map((_, i) => i), keepdims: false }, outputs));

  // The sum is stored in the output's type after every input (float32 adds in float32).
  registerCpuKernel(AddN, NUMBERS, (inputs: readonly CpuTensor[], _attrs: object, outputs: readonly TensorSpec[]): Storage[] => {
    const out = outputs[0]!;
    const first = inputs[0]!;
    const domain = domainOf(first.dtype);
    if (domain === "bigint") {
      const n = (first.buffer as BigArray).length;
      const res = allocStorage(out.dtype, n) as BigArray;
      const wrap = out.dtype.name === "uint64" ? (v: bigint) => BigInt.asUintN(64, v) : (v: bigint) => BigInt.asIntN(64, v);
      for (const t of inputs) {
        const a = t.buffer as BigArray;
        for (let i = 0; i < n; i++) res[i] = wrap(res[i]! + a[i]!);
      }
      return [res];
    }
    const values = domain === "complex"
      ? allocStorage(out.dtype, (first.buffer as Float32Array).length / 2) as Float32Array | Float64Array
      : null;
    if (values !== null) {
      for (const t of inputs) {
        const a = t.buffer as Float32Array | Float64Array;
        for (let i = 0; i < a.length; i++) values[i]! += a[i]!;
      }
      return [values];
    }
    const n = readNumbers(first.dtype, first.buffer).length;
    const { values: acc, finish } = numberOutput(out.dtype, n);
    for (const t of inputs) {
      const a = readNumbers(t.dtype, t.buffer);
      for (let i = 0; i < n; i++) acc[i]! += a[i]!;
    }
    return [finish()];
  });
}
