// CPU kernels of ops/nn.ts: the activations as TensorFlow's relu_op_functor.h computes them,
// Softmax/LogSoftmax and the cross-entropies by rows (max-shifted, as softmax_op_functor.h,
// xent_op.h and sparse_xent_op.h), BiasAdd and BiasAddGrad over [outer, channels, inner].
// Floats compute on JS numbers (half types decoded and rounded once per result).
import { allocStorage, type Storage } from "../../../core/storage.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { sparseXentLabelOutOfRange } from "../../../errors/nn_messages.js";
import {
  BiasAdd, BiasAddGrad, Elu, EluGrad, LeakyRelu, LeakyReluGrad, LogSoftmax, Relu6, Relu6Grad, Selu, SeluGrad,
  Softmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, type LeakyReluAttrs, type RowsPlan,
} from "../../../ops/nn.js";
import { NUMBERS, REAL_FLOATS, REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import { registerCpuKernel, type CpuKernel, type CpuTensor } from "../kernel.js";
import { binaryKernel } from "./binary.js";
import { domainOf, numberOutput, readNumbers, type BigArray, type NumberArray } from "./elements.js";
import { unaryKernel } from "./unary.js";

/** SELU's constants (Klambauer et al.), as relu_op_functor.h has them. */
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_SCALE_ALPHA = 1.7580993408473768599402175208123;

/**
 * Softmax (or LogSoftmax) of `rows` rows of `depth` values of `a` into `o`: exp(x - max) / sum,
 * or (x - max) - log(sum). The exponentials go through `o` (float32 rounding for float32, as
 * TensorFlow's float kernel keeps them).
 */
export function softmaxRows(a: NumberArray, o: NumberArray, rows: number, depth: number, log: boolean): void {
  for (let r = 0; r < rows; r++) {
    const base = r * depth, end = base + depth;
    let m = -Infinity;
    for (let j = base; j < end; j++) { const v = a[j]!; if (v > m || v !== v) m = v; }
    let s = 0;
    if (log) {
      for (let j = base; j < end; j++) s += Math.exp(a[j]! - m);
      const ls = Math.log(s);
      for (let j = base; j < end; j++) o[j] = a[j]! - m - ls;
    } else {
      for (let j = base; j < end; j++) { const e = Math.exp(a[j]! - m); o[j] = e; s += e; }
      const inv = 1 / s;
      for (let j = base; j < end; j++) o[j] = o[j]! * inv;
    }
  }
}

function softmaxKernel(log: boolean): CpuKernel<object, RowsPlan> {
  return (inputs, _attrs, outputs, plan) => {
    const x = inputs[0]!;
    const n = plan.rows * plan.depth;
    const { values, finish } = numberOutput(outputs[0]!.dtype, n);
    softmaxRows(readNumbers(x.dtype, x.buffer), values, plan.rows, plan.depth, log);
    return [finish()];
  };
}

/** Rows' max, and log of the sum of exp(x - max), of a strided matrix. */
function rowStats(f: NumberArray, base: number, step: number, depth: number): [number, number] {
  let m = -Infinity;
  for (let j = 0, k = base; j < depth; j++, k += step) { const v = f[k]!; if (v > m || v !== v) m = v; }
  let s = 0;
  for (let j = 0, k = base; j < depth; j++, k += step) s += Math.exp(f[k]! - m);
  return [m, s];
}

/** tensor.SummarizeValue(n) of integer labels: the values separated by spaces. */
function summarize(labels: Int32Array | BigArray): string {
  return Array.from(labels as ArrayLike<number | bigint>, String).join(" ");
}

/**
 * TensorFlow's CPU check of sparse labels: the smallest label if it is negative, else the
 * largest if it is not below `depth`, raises InvalidArgumentError with every label listed.
 */
export function checkSparseLabels(lx: CpuTensor, rows: number, depth: number): void {
  if (rows === 0) return;
  const labels = lx.buffer as Int32Array | BigArray;
  let lo = Number(labels[0]!), hi = lo;
  for (let i = 1; i < rows; i++) { const v = Number(labels[i]!); if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo < 0 || hi >= depth) {
    const bad = lo < 0 ? lo : hi;
    throw new InvalidArgumentError(sparseXentLabelOutOfRange(lx.dtype.isBigInt ? BigInt(bad) : bad, depth, summarize(labels)));
  }
}

/** Register the CPU reference kernels of ops/nn.ts. */
export function registerNnKernels(): void {
  // Relu6: max/min propagating NaN.
  registerCpuKernel(Relu6, REAL_NUMBER_TYPES, unaryKernel({
    number: (x) => (x !== x ? x : x < 0 ? 0 : x > 6 ? 6 : x),
    bigint: (x) => (x < 0n ? 0n : x > 6n ? 6n : x),
  }));
  registerCpuKernel(Relu6Grad, REAL_NUMBER_TYPES, binaryKernel({
    number: (g, f) => g * (f > 0 && f < 6 ? 1 : 0),
    bigint: (g, f) => (f > 0n && f < 6n ? g : 0n),
  }));
  registerCpuKernel(Elu, REAL_FLOATS, unaryKernel({ number: (x) => (x < 0 ? Math.expm1(x) : x) }));
  registerCpuKernel(EluGrad, REAL_FLOATS, binaryKernel({ number: (g, y) => (y < 0 ? (y + 1) * g : g) }));
  registerCpuKernel(Selu, REAL_FLOATS, unaryKernel({ number: (x) => (x < 0 ? SELU_SCALE_ALPHA * Math.expm1(x) : SELU_SCALE * x) }));
  registerCpuKernel(SeluGrad, REAL_FLOATS, binaryKernel({ number: (g, y) => (y < 0 ? g * (y + SELU_SCALE_ALPHA) : g * SELU_SCALE) }));
  registerCpuKernel<LeakyReluAttrs>(LeakyRelu, REAL_FLOATS, (inputs, { alpha }, outputs) => {
    const a = Math.fround(alpha);
    return unaryKernel({ number: (x) => (x > 0 ? x : x * a) })(inputs, {}, outputs, undefined);
  });
  registerCpuKernel<LeakyReluAttrs>(LeakyReluGrad, REAL_FLOATS, (inputs, { alpha }, outputs) => {
    const a = Math.fround(alpha);
    return binaryKernel({ number: (g, f) => (f > 0 ? g : g * a) })(inputs, {}, outputs, undefined);
  });

  registerCpuKernel(Softmax, REAL_FLOATS, softmaxKernel(false));
  registerCpuKernel(LogSoftmax, REAL_FLOATS, softmaxKernel(true));

  registerCpuKernel(SoftmaxCrossEntropyWithLogits, REAL_FLOATS, (inputs, _attrs, outputs, plan) => {
    const [fx, lx] = inputs as [CpuTensor, CpuTensor];
    const f = readNumbers(fx.dtype, fx.buffer), l = readNumbers(lx.dtype, lx.buffer);
    const { rows, depth, logitsStrides: [fr, fc], labelsStrides: [lr, lc] } = plan;
    const loss = numberOutput(outputs[0]!.dtype, rows), back = numberOutput(outputs[1]!.dtype, rows * depth);
    const lv = loss.values, bv = back.values;
    for (let r = 0; r < rows; r++) {
      const [m, s] = rowStats(f, r * fr, fc, depth);
      const logS = Math.log(s);
      let sum = 0;
      for (let j = 0, k = r * fr, q = r * lr, o = r * depth; j < depth; j++, k += fc, q += lc, o++) {
        const shifted = f[k]! - m, label = l[q]!;
        sum += label * (logS - shifted);
        bv[o] = Math.exp(shifted) / s - label;
      }
      lv[r] = sum;
    }
    return [loss.finish(), back.finish()];
  });

  registerCpuKernel(SparseSoftmaxCrossEntropyWithLogits, REAL_FLOATS, (inputs, _attrs, outputs, { rows, depth }) => {
    const [fx, lx] = inputs as [CpuTensor, CpuTensor];
    const f = readNumbers(fx.dtype, fx.buffer);
    const labels = lx.buffer as Int32Array | BigArray;
    checkSparseLabels(lx, rows, depth);
    const loss = numberOutput(outputs[0]!.dtype, rows), back = numberOutput(outputs[1]!.dtype, rows * depth);
    const lv = loss.values, bv = back.values;
    for (let r = 0; r < rows; r++) {
      const base = r * depth, label = Number(labels[r]!);
      const [m, s] = rowStats(f, base, 1, depth);
      const inv = 1 / s;
      for (let j = 0; j < depth; j++) bv[base + j] = Math.exp(f[base + j]! - m) * inv - (j === label ? 1 : 0);
      lv[r] = Math.log(s) - (f[base + label]! - m);
    }
    return [loss.finish(), back.finish()];
  });

  registerCpuKernel(BiasAdd, NUMBERS, (inputs, _attrs, outputs, { outer, channels, inner }) => {
    const [x, b] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!, n = outer * channels * inner;
    const domain = domainOf(x.dtype);
    if (domain === "number") {
      const a = readNumbers(x.dtype, x.buffer), bias = readNumbers(b.dtype, b.buffer);
      const { values, finish } = numberOutput(out.dtype, n);
      let i = 0;
      for (let o = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          const v = bias[c]!;
          for (let k = 0; k < inner; k++, i++) values[i] = a[i]! + v;
        }
      }
      return [finish()];
    }
    // int64/uint64 (stores wrap) and complex (interleaved pairs: two components per element).
    const width = domain === "complex" ? 2 : 1;
    const a = x.buffer as unknown as (number | bigint)[], bias = b.buffer as unknown as (number | bigint)[];
    const result = allocStorage(out.dtype, n) as unknown as (number | bigint)[];
    let i = 0;
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        for (let k = 0; k < inner; k++, i++) {
          for (let w = 0; w < width; w++) {
            result[i * width + w] = (a[i * width + w] as number) + (bias[c * width + w] as number);
          }
        }
      }
    }
    return [result as unknown as Storage];
  });

  registerCpuKernel(BiasAddGrad, NUMBERS, (inputs, _attrs, outputs, { outer, channels, inner }) => {
    const g = inputs[0]!;
    const domain = domainOf(g.dtype);
    if (domain === "number") {
      const a = readNumbers(g.dtype, g.buffer);
      const sums = new Float64Array(channels);
      let i = 0;
      for (let o = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          let s = 0;
          for (let k = 0; k < inner; k++, i++) s += a[i]!;
          sums[c] = sums[c]! + s;
        }
      }
      const { values, finish } = numberOutput(outputs[0]!.dtype, channels);
      for (let c = 0; c < channels; c++) values[c] = sums[c]!;
      return [finish()];
    }
    const width = domain === "complex" ? 2 : 1;
    const zero = domain === "bigint" ? 0n : 0;
    const a = g.buffer as unknown as (number | bigint)[];
    const result = allocStorage(outputs[0]!.dtype, channels) as unknown as (number | bigint)[];
    const acc: (number | bigint)[] = new Array(channels * width).fill(zero);
    let i = 0;
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        for (let k = 0; k < inner; k++, i++) {
          for (let w = 0; w < width; w++) acc[c * width + w] = (acc[c * width + w] as number) + (a[i * width + w] as number);
        }
      }
    }
    for (let j = 0; j < channels * width; j++) result[j] = acc[j]!;
    return [result as unknown as Storage];
  });
}

