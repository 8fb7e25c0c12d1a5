// CPU reference kernels of convolution and pooling: direct loops over the op's planned
// geometry (ops/nn_conv.ts), one set for every rank (a 2-D op has depth 1) and for grouped and
// depthwise filters alike. Sums run in JS numbers (float64) and round once into the output
// dtype; int32 convolution wraps as TensorFlow's int32 kernel does. TensorFlow's CPU kernels
// accept channels-first layouts only where TensorFlow's do (nowhere for these ops): the
// loops themselves take either layout, which the GPU tests use as their reference.
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { InvalidArgumentError, UnimplementedError } from "../../../errors/errors.js";
import {
  conv2dBackpropCpuNhwcOnly, conv2dCpuNhwcOnly, conv3dCpuDilations, conv3dCpuNdhwcOnly, depthwiseCpuNhwcOnly, poolCpuNhwcOnly, invalidArgmaxIndex,
} from "../../../errors/nn_conv_messages.js";
import {
  AvgPool, AvgPool3D, AvgPool3DGrad, AvgPoolGrad, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Conv3D,
  Conv3DBackpropFilterV2, Conv3DBackpropInputV2, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput, MaxPool, MaxPool3D, MaxPool3DGrad, MaxPool3DGradGrad, MaxPoolGrad, MaxPoolGradGrad,
  MaxPoolGradGradWithArgmax, MaxPoolGradWithArgmax, MaxPoolWithArgmax,
  type ConvGeometry, type PoolGeometry,
} from "../../../ops/nn_conv.js";
import { REAL_FLOATS, REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";
import { domainOf, numberOutput, readNumbers, type NumberArray } from "./elements.js";

/** Element strides [n, c, d, h, w] of a 5-D view of a tensor in either layout. */
export function layoutStrides(c: number, spatial: readonly number[], channelsLast: boolean): [number, number, number, number, number] {
  const [d, h, w] = spatial as [number, number, number];
  if (channelsLast) return [d * h * w * c, 1, h * w * c, w * c, c];
  return [c * d * h * w, d * h * w, h * w, w, 1];
}

type Acc = Float64Array | NumberArray;

/** output = conv(x, w): out[n, o, p] = Σ_f Σ_ci x[n, g·cg + ci, p·s − pad + f·dil] · w[f, ci, o]. */
export function convForward(g: ConvGeometry, X: ArrayLike<number>, W: ArrayLike<number>, out: Acc, wrapInt32 = false): void {
  const [ID, IH, IW] = g.inSpatial as [number, number, number];
  const [OD, OH, OW] = g.outSpatial as [number, number, number];
  const [KD, KH, KW] = g.filterSpatial as [number, number, number];
  const [sd, sh, sw] = g.strides as [number, number, number];
  const [dd, dh, dw] = g.dilations as [number, number, number];
  const [pd, ph, pw] = g.padBefore as [number, number, number];
  const [xN, xC, xD, xH, xW] = layoutStrides(g.inC, g.inSpatial, g.channelsLast);
  const [yN, yC, yD, yH, yW] = layoutStrides(g.outC, g.outSpatial, g.channelsLast);
  const cg = g.filterInC, OC = g.outC, perGroup = OC / g.groups;
  for (let n = 0; n < g.batch; n++) for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let o = 0; o < OC; o++) {
      const c0 = Math.floor(o / perGroup) * cg;
      let s = 0;
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd - pd + kd * dd;
        if (id < 0 || id >= ID) continue;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= IH) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pw + kw * dw;
            if (iw < 0 || iw >= IW) continue;
            const xb = n * xN + id * xD + ih * xH + iw * xW + c0 * xC;
            const wb = ((kd * KH + kh) * KW + kw) * cg * OC + o;
            if (wrapInt32) for (let ci = 0; ci < cg; ci++) s = (s + Math.imul(X[xb + ci * xC]!, W[wb + ci * OC]!)) | 0;
            else for (let ci = 0; ci < cg; ci++) s += X[xb + ci * xC]! * W[wb + ci * OC]!;
          }
        }
      }
      out[n * yN + od * yD + oh * yH + ow * yW + o * yC] = s;
    }
  }
}

/**
 * Every tap a backprop visits: for each nonzero dy entry (dy value `v`) and each in-bounds tap
 * of its window, the offsets of the tap's input patch (`xb`, channel step xC) and filter column
 * (`wb`, channel step outC), in convForward's order.
 */
function forEachBackpropTap(g: ConvGeometry, DY: ArrayLike<number>, visit: (xb: number, wb: number, v: number) => void): void {
  const [ID, IH, IW] = g.inSpatial as [number, number, number];
  const [OD, OH, OW] = g.outSpatial as [number, number, number];
  const [KD, KH, KW] = g.filterSpatial as [number, number, number];
  const [sd, sh, sw] = g.strides as [number, number, number];
  const [dd, dh, dw] = g.dilations as [number, number, number];
  const [pd, ph, pw] = g.padBefore as [number, number, number];
  const [xN, xC, xD, xH, xW] = layoutStrides(g.inC, g.inSpatial, g.channelsLast);
  const [yN, yC, yD, yH, yW] = layoutStrides(g.outC, g.outSpatial, g.channelsLast);
  const cg = g.filterInC, OC = g.outC, perGroup = OC / g.groups;
  for (let n = 0; n < g.batch; n++) for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let o = 0; o < OC; o++) {
      const v = DY[n * yN + od * yD + oh * yH + ow * yW + o * yC]!;
      if (v === 0) continue;
      const c0 = Math.floor(o / perGroup) * cg;
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd - pd + kd * dd;
        if (id < 0 || id >= ID) continue;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < 0 || ih >= IH) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pw + kw * dw;
            if (iw < 0 || iw >= IW) continue;
            visit(n * xN + id * xD + ih * xH + iw * xW + c0 * xC, ((kd * KH + kh) * KW + kw) * cg * OC + o, v);
          }
        }
      }
    }
  }
}

/** dx += the transpose of convForward applied to dy (the input gradient), into a zeroed dx. */
export function convBackpropInput(g: ConvGeometry, W: ArrayLike<number>, DY: ArrayLike<number>, dx: Float64Array): void {
  const xC = layoutStrides(g.inC, g.inSpatial, g.channelsLast)[1], cg = g.filterInC, OC = g.outC;
  forEachBackpropTap(g, DY, (xb, wb, v) => {
    for (let ci = 0; ci < cg; ci++) dx[xb + ci * xC]! += v * W[wb + ci * OC]!;
  });
}

/** dw += Σ over positions of x-patch ⊗ dy (the filter gradient), into a zeroed dw. */
export function convBackpropFilter(g: ConvGeometry, X: ArrayLike<number>, DY: ArrayLike<number>, dwOut: Float64Array): void {
  const xC = layoutStrides(g.inC, g.inSpatial, g.channelsLast)[1], cg = g.filterInC, OC = g.outC;
  forEachBackpropTap(g, DY, (xb, wb, v) => {
    for (let ci = 0; ci < cg; ci++) dwOut[wb + ci * OC]! += v * X[xb + ci * xC]!;
  });
}

/** Float64 accumulator rounded into storage of `dtype`. */
function finishFrom(dtype: DType, acc: Float64Array): Storage {
  const { values, finish } = numberOutput(dtype, acc.length);
  values.set(acc);
  return finish();
}

// --- pooling ---------------------------------------------------------------------------------

/**
 * Visit every output position of a pooling with the flat indices of its window's in-bounds
 * inputs, in row-major window order (the order TensorFlow's argmax scan meets them).
 */
export function forEachWindow(g: PoolGeometry, visit: (outIndex: number, inputs: readonly number[]) => void): void {
  const [ID, IH, IW] = g.inSpatial as [number, number, number];
  const [OD, OH, OW] = g.outSpatial as [number, number, number];
  const [KD, KH, KW] = g.window as [number, number, number];
  const [sd, sh, sw] = g.strides as [number, number, number];
  const [pd, ph, pw] = g.padBefore as [number, number, number];
  const [xN, xC, xD, xH, xW] = layoutStrides(g.channels, g.inSpatial, g.channelsLast);
  const [yN, yC, yD, yH, yW] = layoutStrides(g.channels, g.outSpatial, g.channelsLast);
  const idx: number[] = [];
  for (let n = 0; n < g.batch; n++) for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
    for (let c = 0; c < g.channels; c++) {
      idx.length = 0;
      for (let kd = 0; kd < KD; kd++) {
        const id = od * sd - pd + kd;
        if (id < 0 || id >= ID) continue;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - ph + kh;
          if (ih < 0 || ih >= IH) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pw + kw;
            if (iw < 0 || iw >= IW) continue;
            idx.push(n * xN + c * xC + id * xD + ih * xH + iw * xW);
          }
        }
      }
      visit(n * yN + c * yC + od * yD + oh * yH + ow * yW, idx);
    }
  }
}

/** The flat input index of each output's maximum: the first in window order (TensorFlow's tie rule). */
export function maxPoolArgmax(g: PoolGeometry, X: ArrayLike<number | bigint>, outSize: number): Int32Array {
  const arg = new Int32Array(outSize).fill(-1);
  forEachWindow(g, (o, inputs) => {
    let best = -1;
    for (const i of inputs) if (best < 0 || X[i]! > X[best]!) best = i;
    arg[o] = best;
  });
  return arg;
}

function maxPoolKernel(x: CpuTensor, out: TensorSpec, g: PoolGeometry): Storage {
  const n = out.dims.reduce((a, b) => a * b, 1);
  if (domainOf(x.dtype) === "bigint") {
    const X = x.buffer as BigInt64Array, res = allocStorage(out.dtype, n) as BigInt64Array;
    const arg = maxPoolArgmax(g, X, n);
    for (let i = 0; i < n; i++) res[i] = arg[i]! >= 0 ? X[arg[i]!]! : 0n;
    return res;
  }
  const X = readNumbers(x.dtype, x.buffer);
  const { values, finish } = numberOutput(out.dtype, n);
  const arg = maxPoolArgmax(g, X, n);
  for (let i = 0; i < n; i++) values[i] = arg[i]! >= 0 ? X[arg[i]!]! : 0;
  return finish();
}

/** MaxPoolGrad: each output's gradient goes to its window's first maximum (summed where windows overlap). */
function maxPoolGradKernel(x: CpuTensor, dy: CpuTensor, g: PoolGeometry): Storage {
  const nIn = x.dims.reduce((a, b) => a * b, 1), nOut = dy.dims.reduce((a, b) => a * b, 1);
  const gradBig = domainOf(x.dtype) === "bigint";
  const arg = maxPoolArgmax(g, gradBig ? (x.buffer as BigInt64Array) : readNumbers(x.dtype, x.buffer), nOut);
  if (gradBig) {
    const D = dy.buffer as BigInt64Array, res = allocStorage(x.dtype, nIn) as BigInt64Array;
    for (let o = 0; o < nOut; o++) if (arg[o]! >= 0) res[arg[o]!] = res[arg[o]!]! + D[o]!;
    return res;
  }
  const D = readNumbers(dy.dtype, dy.buffer);
  const acc = new Float64Array(nIn);
  for (let o = 0; o < nOut; o++) if (arg[o]! >= 0) acc[arg[o]!]! += D[o]!;
  return finishFrom(x.dtype, acc);
}

/** MaxPoolGradGrad: each output takes the gradient-of-gradient at its window's first maximum. */
function maxPoolGradGradKernel(x: CpuTensor, ddx: CpuTensor, out: TensorSpec, g: PoolGeometry): Storage {
  const nOut = out.dims.reduce((a, b) => a * b, 1);
  if (domainOf(x.dtype) === "bigint") {
    const arg = maxPoolArgmax(g, x.buffer as BigInt64Array, nOut);
    const D = ddx.buffer as BigInt64Array, res = allocStorage(out.dtype, nOut) as BigInt64Array;
    for (let o = 0; o < nOut; o++) res[o] = arg[o]! >= 0 ? D[arg[o]!]! : 0n;
    return res;
  }
  const arg = maxPoolArgmax(g, readNumbers(x.dtype, x.buffer), nOut);
  const D = readNumbers(ddx.dtype, ddx.buffer);
  const { values, finish } = numberOutput(out.dtype, nOut);
  for (let o = 0; o < nOut; o++) values[o] = arg[o]! >= 0 ? D[arg[o]!]! : 0;
  return finish();
}

/** AvgPool: the mean of each window's in-bounds inputs (SAME padding is not counted). */
function avgPoolKernel(x: CpuTensor, out: TensorSpec, g: PoolGeometry): Storage {
  const X = readNumbers(x.dtype, x.buffer);
  const n = out.dims.reduce((a, b) => a * b, 1);
  const { values, finish } = numberOutput(out.dtype, n);
  forEachWindow(g, (o, inputs) => {
    let s = 0;
    for (const i of inputs) s += X[i]!;
    values[o] = s / inputs.length;
  });
  return finish();
}

/** AvgPoolGrad: each output's gradient spread evenly over its window's in-bounds inputs. */
function avgPoolGradKernel(dy: CpuTensor, out: TensorSpec, g: PoolGeometry): Storage {
  const D = readNumbers(dy.dtype, dy.buffer);
  const acc = new Float64Array(out.dims.reduce((a, b) => a * b, 1));
  forEachWindow(g, (o, inputs) => {
    const v = D[o]! / inputs.length;
    for (const i of inputs) acc[i]! += v;
  });
  return finishFrom(out.dtype, acc);
}

/**
 * MaxPoolWithArgmax: the first maximum of each window (TensorFlow's CPU order) and its flat
 * index, within the image unless the batch is included.
 */
function maxPoolWithArgmaxKernel(x: CpuTensor, outputs: readonly TensorSpec[], g: PoolGeometry, includeBatch: boolean): Storage[] {
  const n = outputs[0]!.dims.reduce((a, b) => a * b, 1);
  const perImageOut = n / Math.max(1, g.batch);
  const perImageIn = x.dims.reduce((a, b) => a * b, 1) / Math.max(1, g.batch);
  const big = domainOf(x.dtype) === "bigint";
  const X = big ? (x.buffer as BigInt64Array) : readNumbers(x.dtype, x.buffer);
  const arg = maxPoolArgmax(g, X, n);
  const index = (o: number): number => arg[o]! - (includeBatch ? 0 : Math.floor(o / perImageOut) * perImageIn);
  let argmax: Storage;
  if (outputs[1]!.dtype.name === "int64") {
    const a = new BigInt64Array(n);
    for (let o = 0; o < n; o++) a[o] = BigInt(index(o));
    argmax = a;
  } else {
    const a = new Int32Array(n);
    for (let o = 0; o < n; o++) a[o] = index(o);
    argmax = a;
  }
  if (big) {
    const res = allocStorage(outputs[0]!.dtype, n) as BigInt64Array, B = X as BigInt64Array;
    for (let o = 0; o < n; o++) res[o] = B[arg[o]!]!;
    return [res, argmax];
  }
  const N = X as ArrayLike<number>;
  const { values, finish } = numberOutput(outputs[0]!.dtype, n);
  for (let o = 0; o < n; o++) values[o] = N[arg[o]!]!;
  return [finish(), argmax];
}

/** The argmax values as absolute flat input indices, checked against their image (or the batch). */
function absoluteArgmax(argmax: CpuTensor, g: PoolGeometry, nIn: number, includeBatch: boolean): Int32Array {
  const n = argmax.dims.reduce((a, b) => a * b, 1);
  const perImageOut = n / Math.max(1, g.batch), perImageIn = nIn / Math.max(1, g.batch);
  const A = argmax.buffer as Int32Array | BigInt64Array;
  const out = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    const b = Math.floor(o / perImageOut);
    const start = includeBatch ? 0 : b * perImageIn, end = includeBatch ? nIn : (b + 1) * perImageIn;
    const i = Number(A[o]!) + (includeBatch ? 0 : b * perImageIn);
    if (!(i >= start && i < end)) throw new InvalidArgumentError(invalidArgmaxIndex(i, start, end));
    out[o] = i;
  }
  return out;
}

/** MaxPoolGradWithArgmax: each output's gradient summed into the input at its argmax. */
function maxPoolGradWithArgmaxKernel(x: CpuTensor, grad: CpuTensor, argmax: CpuTensor, g: PoolGeometry, includeBatch: boolean): Storage {
  const nIn = x.dims.reduce((a, b) => a * b, 1);
  const arg = absoluteArgmax(argmax, g, nIn, includeBatch);
  if (domainOf(x.dtype) === "bigint") {
    const D = grad.buffer as BigInt64Array, res = allocStorage(x.dtype, nIn) as BigInt64Array;
    arg.forEach((i, o) => { res[i] = res[i]! + D[o]!; });
    return res;
  }
  const D = readNumbers(grad.dtype, grad.buffer);
  const acc = new Float64Array(nIn);
  arg.forEach((i, o) => { acc[i]! += D[o]!; });
  return finishFrom(x.dtype, acc);
}

/** MaxPoolGradGradWithArgmax: each pooled output reads the input-shaped gradient at its argmax. */
function maxPoolGradGradWithArgmaxKernel(x: CpuTensor, grad: CpuTensor, argmax: CpuTensor, out: TensorSpec, g: PoolGeometry, includeBatch: boolean): Storage {
  const nIn = x.dims.reduce((a, b) => a * b, 1);
  const arg = absoluteArgmax(argmax, g, nIn, includeBatch);
  if (domainOf(x.dtype) === "bigint") {
    const D = grad.buffer as BigInt64Array, res = allocStorage(out.dtype, arg.length) as BigInt64Array;
    arg.forEach((i, o) => { res[o] = D[i]!; });
    return res;
  }
  const D = readNumbers(grad.dtype, grad.buffer);
  const { values, finish } = numberOutput(out.dtype, arg.length);
  arg.forEach((i, o) => { values[o] = D[i]!; });
  return finish();
}

// --- registration ----------------------------------------------------------------------------

type Check = (g: ConvGeometry) => void;

const nhwcOnly = (make: () => string, unimplemented: boolean): Check => (g) => {
  if (!g.channelsLast) throw unimplemented ? new UnimplementedError(make()) : new InvalidArgumentError(make());
};

/** The CPU restrictions TensorFlow's CPU kernels place on each op. */
const CHECKS = {
  conv2d: nhwcOnly(() => conv2dCpuNhwcOnly("NCHW"), true),
  conv2dInput: nhwcOnly(() => conv2dBackpropCpuNhwcOnly("Conv2DCustomBackpropInputOp"), false),
  conv2dFilter: nhwcOnly(() => conv2dBackpropCpuNhwcOnly("Conv2DCustomBackpropFilterOp"), false),
  conv3d: (g: ConvGeometry) => {
    if (!g.channelsLast) throw new InvalidArgumentError(conv3dCpuNdhwcOnly());
    if (g.dilations.some((d) => d !== 1)) throw new InvalidArgumentError(conv3dCpuDilations());
  },
  depthwise: nhwcOnly(depthwiseCpuNhwcOnly, false),
};

function convForwardKernel(check: Check) {
  return (inputs: readonly CpuTensor[], _attrs: object, outputs: readonly TensorSpec[], g: ConvGeometry): Storage[] => {
    check(g);
    const [x, w] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const n = out.dims.reduce((a, b) => a * b, 1);
    const { values, finish } = numberOutput(out.dtype, n);
    convForward(g, readNumbers(x.dtype, x.buffer), readNumbers(w.dtype, w.buffer), values, x.dtype.name === "int32");
    return [finish()];
  };
}

function convInputKernel(check: Check) {
  return (inputs: readonly CpuTensor[], _attrs: object, outputs: readonly TensorSpec[], g: ConvGeometry): Storage[] => {
    check(g);
    const [w, dy] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const acc = new Float64Array(out.dims.reduce((a, b) => a * b, 1));
    convBackpropInput(g, readNumbers(w.dtype, w.buffer), readNumbers(dy.dtype, dy.buffer), acc);
    return [finishFrom(out.dtype, acc)];
  };
}

function convFilterKernel(check: Check) {
  return (inputs: readonly CpuTensor[], _attrs: object, outputs: readonly TensorSpec[], g: ConvGeometry): Storage[] => {
    check(g);
    const [x, dy] = inputs as [CpuTensor, CpuTensor];
    const out = outputs[0]!;
    const acc = new Float64Array(out.dims.reduce((a, b) => a * b, 1));
    convBackpropFilter(g, readNumbers(x.dtype, x.buffer), readNumbers(dy.dtype, dy.buffer), acc);
    return [finishFrom(out.dtype, acc)];
  };
}

function poolCheck(op: "MaxPoolingOp" | "AvgPoolingOp", g: PoolGeometry, rank: number): void {
  // TensorFlow's 3-D pooling runs NCDHW on the CPU by transposing; tsflow's loops read either layout.
  if (rank === 4 && !g.channelsLast) throw new UnimplementedError(poolCpuNhwcOnly(op));
}

const MAXPOOL_CPU_TYPES = ["float16", "bfloat16", "float32", "float64", "int32", "int64", "uint8", "int16", "int8", "uint16"] as const;

/** Register the CPU reference kernels of convolution and pooling. */
export function registerNnConvKernels(): void {
  registerCpuKernel(Conv2D, [...REAL_FLOATS, "int32"], convForwardKernel(CHECKS.conv2d));
  registerCpuKernel(Conv2DBackpropInput, REAL_FLOATS, convInputKernel(CHECKS.conv2dInput));
  registerCpuKernel(Conv2DBackpropFilter, REAL_FLOATS, convFilterKernel(CHECKS.conv2dFilter));
  registerCpuKernel(Conv3D, REAL_FLOATS, convForwardKernel(CHECKS.conv3d));
  registerCpuKernel(Conv3DBackpropInputV2, REAL_FLOATS, convInputKernel(CHECKS.conv3d));
  registerCpuKernel(Conv3DBackpropFilterV2, REAL_FLOATS, convFilterKernel(CHECKS.conv3d));
  registerCpuKernel(DepthwiseConv2dNative, REAL_FLOATS, convForwardKernel(CHECKS.depthwise));
  registerCpuKernel(DepthwiseConv2dNativeBackpropInput, REAL_FLOATS, convInputKernel(CHECKS.depthwise));
  registerCpuKernel(DepthwiseConv2dNativeBackpropFilter, REAL_FLOATS, convFilterKernel(CHECKS.depthwise));
  for (const [op, rank] of [[MaxPool, 4], [MaxPool3D, 5]] as const) {
    registerCpuKernel(op, rank === 4 ? MAXPOOL_CPU_TYPES : ["float16", "bfloat16", "float32"], (inputs, _a, outputs, g) => {
      poolCheck("MaxPoolingOp", g, rank);
      return [maxPoolKernel(inputs[0]!, outputs[0]!, g)];
    });
  }
  for (const [op, rank] of [[MaxPoolGrad, 4], [MaxPool3DGrad, 5]] as const) {
    registerCpuKernel(op, rank === 4 ? REAL_NUMBER_TYPES : ["float16", "bfloat16", "float32"], (inputs, _a, _o, g) => {
      poolCheck("MaxPoolingOp", g, rank);
      return [maxPoolGradKernel(inputs[0]!, inputs[2]!, g)];
    });
  }
  for (const [op, rank] of [[MaxPoolGradGrad, 4], [MaxPool3DGradGrad, 5]] as const) {
    registerCpuKernel(op, rank === 4 ? REAL_NUMBER_TYPES : ["float16", "bfloat16", "float32"], (inputs, _a, outputs, g) => {
      poolCheck("MaxPoolingOp", g, rank);
      return [maxPoolGradGradKernel(inputs[0]!, inputs[2]!, outputs[0]!, g)];
    });
  }
  registerCpuKernel(MaxPoolWithArgmax, REAL_NUMBER_TYPES, (inputs, attrs, outputs, g) =>
    maxPoolWithArgmaxKernel(inputs[0]!, outputs, g, attrs.includeBatchInIndex));
  registerCpuKernel(MaxPoolGradWithArgmax, REAL_NUMBER_TYPES, (inputs, attrs, _o, g) =>
    [maxPoolGradWithArgmaxKernel(inputs[0]!, inputs[1]!, inputs[2]!, g, attrs.includeBatchInIndex)]);
  registerCpuKernel(MaxPoolGradGradWithArgmax, REAL_NUMBER_TYPES, (inputs, attrs, outputs, g) =>
    [maxPoolGradGradWithArgmaxKernel(inputs[0]!, inputs[1]!, inputs[2]!, outputs[0]!, g, attrs.includeBatchInIndex)]);
  for (const [op, rank] of [[AvgPool, 4], [AvgPool3D, 5]] as const) {
    registerCpuKernel(op, REAL_FLOATS, (inputs, _a, outputs, g) => {
      poolCheck("AvgPoolingOp", g, rank);
      return [avgPoolKernel(inputs[0]!, outputs[0]!, g)];
    });
  }
  for (const [op, rank] of [[AvgPoolGrad, 4], [AvgPool3DGrad, 5]] as const) {
    registerCpuKernel(op, REAL_FLOATS, (inputs, _a, outputs, g) => {
      poolCheck("AvgPoolingOp", g, rank);
      return [avgPoolGradKernel(inputs[0]!, outputs[0]!, g)];
    });
  }
}
