// Convolution and pooling in WGSL (float32), one thread per output element over the op's
// planned geometry (ops/nn_conv.ts: three spatial axes, either layout, grouped filters):
//  * Conv2D: each output sums its window's taps × input channels of its group;
//  * Conv2DBackpropInput: each input element gathers the outputs whose windows cover it (no
//    atomics: a thread owns its element);
//  * Conv2DBackpropFilter: each filter element sums input × dy over the batch and positions;
//  * MaxPool / AvgPool: each output scans its window (the first maximum, as the CPU's);
//  * MaxPoolGrad / AvgPoolGrad: each input element gathers from the windows covering it, the
//    max gradient only from windows whose first maximum it is.
// Direct loops, not an implicit GEMM: correct everywhere and simple; the CPU's native kernels
// are the fast path this project measures. Unlike TensorFlow's CPU kernels (and like its GPU
// ones) these accept NCHW.
import { sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import {
  AvgPool, AvgPoolGrad, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, MaxPool, MaxPoolGrad,
  type ConvGeometry, type PoolGeometry,
} from "../../../ops/nn_conv.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { entry, groupsFor, uniformBlock, Words } from "../wgsl.js";

// --- shared WGSL -----------------------------------------------------------------------------

// Uniform words of a convolution: total, channelsLast, batch, inC, outC, filterInC, perGroup,
// in (3), out (3), filter (3), strides (3), dilations (3), padBefore (3).
const CONV_WORDS = 25;
// Of a pooling: total, channelsLast, batch, channels, in (3), out (3), window (3), strides (3), padBefore (3).
const POOL_WORDS = 19;

/** WGSL: flat index of (n, c, d, h, w) in a tensor of C channels and spatial sizes (D, H, W). */
const INDEX_FN = `
fn flat(last: bool, n: i32, c: i32, d: i32, h: i32, w: i32, C: i32, D: i32, H: i32, W: i32) -> u32 {
  if (last) { return u32((((n * D + d) * H + h) * W + w) * C + c); }
  return u32((((n * C + c) * D + d) * H + h) * W + w);
}
fn coords(last: bool, i: i32, C: i32, D: i32, H: i32, W: i32) -> array<i32, 5> {
  var r: array<i32, 5>;
  var t = i;
  if (last) {
    r[1] = t % C; t = t / C; r[4] = t % W; t = t / W; r[3] = t % H; t = t / H; r[2] = t % D; r[0] = t / D;
  } else {
    r[4] = t % W; t = t / W; r[3] = t % H; t = t / H; r[2] = t % D; t = t / D; r[1] = t % C; r[0] = t / C;
  }
  return r;
}
`;

const CONV_PRELUDE = `
  let total = uw(0u); if (i >= total) { return; }
  let last = uw(1u) != 0u; let inC = ui(3u); let outC = ui(4u); let cg = ui(5u); let perGroup = ui(6u);
  let ID = ui(7u); let IH = ui(8u); let IW = ui(9u); let OD = ui(10u); let OH = ui(11u); let OW = ui(12u);
  let KD = ui(13u); let KH = ui(14u); let KW = ui(15u); let sd = ui(16u); let sh = ui(17u); let sw = ui(18u);
  let dd = ui(19u); let dh = ui(20u); let dw = ui(21u); let pd = ui(22u); let ph = ui(23u); let pw = ui(24u);`;

function shader(body: string, words: number, buffers: number): string {
  const decl = Array.from({ length: buffers }, (_, b) =>
    `@group(0) @binding(${b}) var<storage, ${b === buffers - 1 ? "read_write" : "read"}> B${b}: array<f32>;`).join("\n");
  return `${decl}
${uniformBlock(buffers, words)}${INDEX_FN}
${entry()}
${body}
}
`;
}

// y[n, o, p] = Σ_taps Σ_ci x[n, g·cg + ci, p·s − pad + tap·dil] · w[tap, ci, o]   (B0 = x, B1 = w)
const CONV_FORWARD = shader(`${CONV_PRELUDE}
  let y = coords(last, i32(i), outC, OD, OH, OW);
  let n = y[0]; let o = y[1];
  let c0 = (o / perGroup) * cg;
  var s = 0.0;
  for (var kd = 0; kd < KD; kd++) {
    let id = y[2] * sd - pd + kd * dd; if (id < 0 || id >= ID) { continue; }
    for (var kh = 0; kh < KH; kh++) {
      let ih = y[3] * sh - ph + kh * dh; if (ih < 0 || ih >= IH) { continue; }
      for (var kw = 0; kw < KW; kw++) {
        let iw = y[4] * sw - pw + kw * dw; if (iw < 0 || iw >= IW) { continue; }
        let wb = ((kd * KH + kh) * KW + kw) * cg * outC + o;
        for (var ci = 0; ci < cg; ci++) {
          s += B0[flat(last, n, c0 + ci, id, ih, iw, inC, ID, IH, IW)] * B1[u32(wb + ci * outC)];
        }
      }
    }
  }
  B2[i] = s;`, CONV_WORDS, 3);

// dx[n, c, q] = Σ_taps Σ_(o in c's group) dy[n, o, (q + pad − tap·dil) / s] · w[tap, c − g·cg, o]   (B0 = w, B1 = dy)
const CONV_INPUT = shader(`${CONV_PRELUDE}
  let x = coords(last, i32(i), inC, ID, IH, IW);
  let n = x[0]; let c = x[1];
  let g = c / cg; let ci = c - g * cg;
  var s = 0.0;
  for (var kd = 0; kd < KD; kd++) {
    let td = x[2] + pd - kd * dd; if (td < 0 || td % sd != 0) { continue; }
    let od = td / sd; if (od >= OD) { continue; }
    for (var kh = 0; kh < KH; kh++) {
      let th = x[3] + ph - kh * dh; if (th < 0 || th % sh != 0) { continue; }
      let oh = th / sh; if (oh >= OH) { continue; }
      for (var kw = 0; kw < KW; kw++) {
        let tw = x[4] + pw - kw * dw; if (tw < 0 || tw % sw != 0) { continue; }
        let ow = tw / sw; if (ow >= OW) { continue; }
        let wb = (((kd * KH + kh) * KW + kw) * cg + ci) * outC;
        for (var o = g * perGroup; o < (g + 1) * perGroup; o++) {
          s += B1[flat(last, n, o, od, oh, ow, outC, OD, OH, OW)] * B0[u32(wb + o)];
        }
      }
    }
  }
  B2[i] = s;`, CONV_WORDS, 3);

// dw[tap, ci, o] = Σ_n Σ_p x[n, g·cg + ci, p·s − pad + tap·dil] · dy[n, o, p]   (B0 = x, B1 = dy)
const CONV_FILTER = shader(`${CONV_PRELUDE}
  let batch = ui(2u);
  var t = i32(i);
  let o = t % outC; t = t / outC; let ci = t % cg; t = t / cg;
  let kw = t % KW; t = t / KW; let kh = t % KH; let kd = t / KH;
  let c = (o / perGroup) * cg + ci;
  var s = 0.0;
  for (var n = 0; n < batch; n++) {
    for (var od = 0; od < OD; od++) {
      let id = od * sd - pd + kd * dd; if (id < 0 || id >= ID) { continue; }
      for (var oh = 0; oh < OH; oh++) {
        let ih = oh * sh - ph + kh * dh; if (ih < 0 || ih >= IH) { continue; }
        for (var ow = 0; ow < OW; ow++) {
          let iw = ow * sw - pw + kw * dw; if (iw < 0 || iw >= IW) { continue; }
          s += B0[flat(last, n, c, id, ih, iw, inC, ID, IH, IW)] * B1[flat(last, n, o, od, oh, ow, outC, OD, OH, OW)];
        }
      }
    }
  }
  B2[i] = s;`, CONV_WORDS, 3);

const POOL_PRELUDE = `
  let total = uw(0u); if (i >= total) { return; }
  let last = uw(1u) != 0u; let C = ui(3u);
  let ID = ui(4u); let IH = ui(5u); let IW = ui(6u); let OD = ui(7u); let OH = ui(8u); let OW = ui(9u);
  let KD = ui(10u); let KH = ui(11u); let KW = ui(12u); let sd = ui(13u); let sh = ui(14u); let sw = ui(15u);
  let pd = ui(16u); let ph = ui(17u); let pw = ui(18u);`;

/** WGSL: the flat input index of the first maximum of output (n, c, od, oh, ow)'s window (x in B0). */
const ARGMAX_FN = `
fn argmaxOf(last: bool, n: i32, c: i32, od: i32, oh: i32, ow: i32, C: i32, ID: i32, IH: i32, IW: i32,
            KD: i32, KH: i32, KW: i32, sd: i32, sh: i32, sw: i32, pd: i32, ph: i32, pw: i32) -> i32 {
  var best = -1;
  for (var kd = 0; kd < KD; kd++) {
    let id = od * sd - pd + kd; if (id < 0 || id >= ID) { continue; }
    for (var kh = 0; kh < KH; kh++) {
      let ih = oh * sh - ph + kh; if (ih < 0 || ih >= IH) { continue; }
      for (var kw = 0; kw < KW; kw++) {
        let iw = ow * sw - pw + kw; if (iw < 0 || iw >= IW) { continue; }
        let j = i32(flat(last, n, c, id, ih, iw, C, ID, IH, IW));
        if (best < 0 || B0[u32(j)] > B0[u32(best)]) { best = j; }
      }
    }
  }
  return best;
}
fn windowCount(od: i32, oh: i32, ow: i32, ID: i32, IH: i32, IW: i32, KD: i32, KH: i32, KW: i32, sd: i32, sh: i32, sw: i32, pd: i32, ph: i32, pw: i32) -> f32 {
  let d0 = max(od * sd - pd, 0); let d1 = min(od * sd - pd + KD, ID);
  let h0 = max(oh * sh - ph, 0); let h1 = min(oh * sh - ph + KH, IH);
  let w0 = max(ow * sw - pw, 0); let w1 = min(ow * sw - pw + KW, IW);
  return f32((d1 - d0) * (h1 - h0) * (w1 - w0));
}
`;

function poolShader(body: string, buffers: number): string {
  return shader(body, POOL_WORDS, buffers).replace(INDEX_FN, INDEX_FN + ARGMAX_FN);
}

const MAX_POOL = poolShader(`${POOL_PRELUDE}
  let y = coords(last, i32(i), C, OD, OH, OW);
  let a = argmaxOf(last, y[0], y[1], y[2], y[3], y[4], C, ID, IH, IW, KD, KH, KW, sd, sh, sw, pd, ph, pw);
  B1[i] = select(0.0, B0[u32(max(a, 0))], a >= 0);`, 2);

const AVG_POOL = poolShader(`${POOL_PRELUDE}
  let y = coords(last, i32(i), C, OD, OH, OW);
  var s = 0.0;
  for (var kd = 0; kd < KD; kd++) {
    let id = y[2] * sd - pd + kd; if (id < 0 || id >= ID) { continue; }
    for (var kh = 0; kh < KH; kh++) {
      let ih = y[3] * sh - ph + kh; if (ih < 0 || ih >= IH) { continue; }
      for (var kw = 0; kw < KW; kw++) {
        let iw = y[4] * sw - pw + kw; if (iw < 0 || iw >= IW) { continue; }
        s += B0[flat(last, y[0], y[1], id, ih, iw, C, ID, IH, IW)];
      }
    }
  }
  B1[i] = s / windowCount(y[2], y[3], y[4], ID, IH, IW, KD, KH, KW, sd, sh, sw, pd, ph, pw);`, 2);

/** The windows covering input (id, ih, iw): loops binding od, oh, ow (in `inner`). */
const COVERING = (inner: string) => `
  let x = coords(last, i32(i), C, ID, IH, IW);
  let n = x[0]; let c = x[1];
  var s = 0.0;
  for (var kd = 0; kd < KD; kd++) {
    let td = x[2] + pd - kd; if (td < 0 || td % sd != 0) { continue; }
    let od = td / sd; if (od >= OD) { continue; }
    for (var kh = 0; kh < KH; kh++) {
      let th = x[3] + ph - kh; if (th < 0 || th % sh != 0) { continue; }
      let oh = th / sh; if (oh >= OH) { continue; }
      for (var kw = 0; kw < KW; kw++) {
        let tw = x[4] + pw - kw; if (tw < 0 || tw % sw != 0) { continue; }
        let ow = tw / sw; if (ow >= OW) { continue; }
        let yo = flat(last, n, c, od, oh, ow, C, OD, OH, OW);
${inner}
      }
    }
  }`;

// B0 = x, B1 = dy (MaxPoolGrad's orig_output is not read), B2 = dx.
const MAX_POOL_GRAD = poolShader(`${POOL_PRELUDE}${COVERING(`        if (argmaxOf(last, n, c, od, oh, ow, C, ID, IH, IW, KD, KH, KW, sd, sh, sw, pd, ph, pw) == i32(i)) { s += B1[yo]; }`)}
  B2[i] = s;`, 3);

// B0 = dy, B1 = dx.
const AVG_POOL_GRAD = poolShader(`${POOL_PRELUDE}${COVERING(`        s += B0[yo] / windowCount(od, oh, ow, ID, IH, IW, KD, KH, KW, sd, sh, sw, pd, ph, pw);`)}
  B1[i] = s;`, 2);

// --- dispatch --------------------------------------------------------------------------------

function convWords(g: ConvGeometry, total: number): Uint32Array {
  return new Words().u32(total, g.channelsLast ? 1 : 0, g.batch, g.inC, g.outC, g.filterInC, g.outC / g.groups)
    .u32(...g.inSpatial, ...g.outSpatial, ...g.filterSpatial, ...g.strides, ...g.dilations, ...g.padBefore).build();
}

function poolWords(g: PoolGeometry, total: number): Uint32Array {
  return new Words().u32(total, g.channelsLast ? 1 : 0, g.batch, g.channels)
    .u32(...g.inSpatial, ...g.outSpatial, ...g.window, ...g.strides, ...g.padBefore).build();
}

function run(ctx: GpuKernelContext, code: string, inputs: readonly GpuBuffer[], out: TensorSpec, words: (total: number) => Uint32Array): GpuBuffer {
  const y = ctx.alloc(out);
  const total = sizeOf(out.dims);
  if (total === 0) return y;
  ctx.dispatch({ code, buffers: [...inputs, y], uniform: words(total), groups: groupsFor(total, ctx.maxWorkgroupsPerDimension) });
  return y;
}

const buffers = (ts: readonly GpuTensor[]): GpuBuffer[] => ts.map((t) => t.buffer);

/** Register the WGSL kernels of convolution and pooling. */
export function registerNnConvKernels(): void {
  const f32 = ["float32"] as const;
  const conv = (code: string) => (ctx: GpuKernelContext, inputs: readonly GpuTensor[], _a: object, outputs: readonly TensorSpec[], g: ConvGeometry) =>
    [run(ctx, code, buffers(inputs), outputs[0]!, (n) => convWords(g, n))];
  registerGpuKernel(Conv2D, f32, conv(CONV_FORWARD));
  registerGpuKernel(Conv2DBackpropInput, f32, conv(CONV_INPUT));
  registerGpuKernel(Conv2DBackpropFilter, f32, conv(CONV_FILTER));
  const pool = (code: string, pick: (ts: readonly GpuTensor[]) => GpuTensor[]) =>
    (ctx: GpuKernelContext, inputs: readonly GpuTensor[], _a: object, outputs: readonly TensorSpec[], g: PoolGeometry) =>
      [run(ctx, code, buffers(pick(inputs)), outputs[0]!, (n) => poolWords(g, n))];
  registerGpuKernel(MaxPool, f32, pool(MAX_POOL, (ts) => [ts[0]!]));
  registerGpuKernel(MaxPoolGrad, f32, pool(MAX_POOL_GRAD, (ts) => [ts[0]!, ts[2]!]));
  registerGpuKernel(AvgPool, f32, pool(AVG_POOL, (ts) => [ts[0]!]));
  registerGpuKernel(AvgPoolGrad, f32, pool(AVG_POOL_GRAD, (ts) => [ts[0]!]));
}
