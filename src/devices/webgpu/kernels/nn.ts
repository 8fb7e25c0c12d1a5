// WGSL kernels of ops/nn.ts: everything a float32 training step through tf.nn runs. The
// activations and their *Grad ops are elementwise (map_shader.ts); Softmax, LogSoftmax and the
// two cross-entropies give one thread per row (max, sum of exp(x - max), then the row's
// outputs); BiasAdd broadcasts the bias over the value; BiasAddGrad is the reduction kernel's
// sum over every axis but the channel axis. Sparse labels outside [0, classes) give NaN loss
// and backprop rows, as TensorFlow's GPU kernel does (its CPU kernel raises instead).
import type { DTypeName } from "../../../core/dtypes.js";
import {
  BiasAdd, BiasAddGrad, Elu, EluGrad, LeakyRelu, LeakyReluGrad, LogSoftmax, Relu6, Relu6Grad, Selu, SeluGrad,
  Softmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, type LeakyReluAttrs,
} from "../../../ops/nn.js";
import { registerGpuKernel } from "../kernel.js";
import { entry, FLOAT_CLASSES, groupsFor, uniformBlock, Words } from "../wgsl.js";
import { binary, runMap, unary } from "./map_shader.js";
import { runReduce, type Reducer } from "./reduce.js";

const F32: readonly DTypeName[] = ["float32", "float16"];
const F32_I32: readonly DTypeName[] = ["float32", "float16", "int32"];
const SCALE = "1.0507009873554805", SCALE_ALPHA = "1.7580993408473769";

// e^x - 1 for x < 0: its series near 0, where exp(x) - 1 would cancel.
const EXPM1 = `fn expm1_(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (0.16666666667 + x * (0.041666666667 + x * (0.0083333333333 + x * (0.0013888888889 + x * (1.9841269841e-4 + x * 2.4801587302e-5)))))));
  }
  return exp(x) - 1.0;
}`;

/** A float's WGSL literal (alpha attributes are baked into the shader). */
function f32Literal(v: number): string {
  const s = String(Math.fround(v));
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** The max and sum of exp(x - max) of row `r` (read as x[base + j * step]); NaN anywhere gives NaN. */
const ROW_STATS = `${FLOAT_CLASSES}struct Stats { m: f32, s: f32 }
fn row_stats(base: u32, step: u32, depth: u32) -> Stats {
  var bits = 0xff800000u; // -inf (through a var: WGSL rejects an infinite constant expression)
  var m = bitcast<f32>(bits);
  var nan = false;
  for (var j = 0u; j < depth; j++) {
    let v = rd(base + j * step);
    if (isnan_(v)) { nan = true; }
    m = max(m, v);
  }
  if (nan) { return Stats(nan_(), nan_()); }
  var s = 0.0;
  for (var j = 0u; j < depth; j++) { s += exp(rd(base + j * step) - m); }
  return Stats(m, s);
}
`;

function softmaxShader(log: boolean, dtype: "float32" | "float16"): string {
  const t = dtype === "float16" ? "f16" : "f32";
  const ld = (i: string) => (t === "f16" ? `f32(x[${i}])` : `x[${i}]`);
  const st = (v: string) => (t === "f16" ? `f16(${v})` : v);
  return `${t === "f16" ? "enable f16;\n" : ""}@group(0) @binding(0) var<storage, read> x: array<${t}>;
@group(0) @binding(1) var<storage, read_write> y: array<${t}>;
${uniformBlock(2, 2)}fn rd(i: u32) -> f32 { return ${ld("i")}; }
${ROW_STATS}${entry()}
  if (i >= uw(0u)) { return; }
  let depth = uw(1u);
  let base = i * depth;
  let st = row_stats(base, 1u, depth);
  ${log ? "let ls = log(st.s);" : "let inv = 1.0 / st.s;"}
  for (var j = 0u; j < depth; j++) {
    ${log ? `y[base + j] = ${st("rd(base + j) - st.m - ls")};` : `y[base + j] = ${st("exp(rd(base + j) - st.m) * inv")};`}
  }
}
`;
}

// Dense: features and labels through their broadcast strides (uniform: rows, depth, fr, fc, lr, lc).
const XENT = `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<f32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
@group(0) @binding(3) var<storage, read_write> back: array<f32>;
${uniformBlock(4, 6)}fn rd(i: u32) -> f32 { return x[i]; }
${ROW_STATS}${entry()}
  if (i >= uw(0u)) { return; }
  let depth = uw(1u);
  let fb = i * uw(2u);
  let fc = uw(3u);
  let lb = i * uw(4u);
  let lc = uw(5u);
  let st = row_stats(fb, fc, depth);
  let ls = log(st.s);
  var sum = 0.0;
  for (var j = 0u; j < depth; j++) {
    let shifted = x[fb + j * fc] - st.m;
    let label = labels[lb + j * lc];
    sum += label * (ls - shifted);
    back[i * depth + j] = exp(shifted) / st.s - label;
  }
  loss[i] = sum;
}
`;

const SPARSE_XENT = `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> labels: array<i32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
@group(0) @binding(3) var<storage, read_write> back: array<f32>;
${uniformBlock(4, 2)}fn rd(i: u32) -> f32 { return x[i]; }
${ROW_STATS}${entry()}
  if (i >= uw(0u)) { return; }
  let depth = uw(1u);
  let base = i * depth;
  let label = labels[i];
  if (label < 0 || u32(label) >= depth) {
    loss[i] = nan_();
    for (var j = 0u; j < depth; j++) { back[base + j] = nan_(); }
    return;
  }
  let st = row_stats(base, 1u, depth);
  let inv = 1.0 / st.s;
  for (var j = 0u; j < depth; j++) {
    back[base + j] = exp(x[base + j] - st.m) * inv - select(0.0, 1.0, j == u32(label));
  }
  loss[i] = log(st.s) - (x[base + u32(label)] - st.m);
}
`;

/** sum (BiasAddGrad's per-channel sums), compensated as the Sum kernel's float sums. */
const SUM: Reducer = {
  key: "bias-grad-sum-f32", acc: "f32", accWords: 1, kahan: true, helpers: "",
  identity: "f32(0)", lift: (v) => v, combine: "return a + b;", finish: (a) => a,
};

/** Register the WGSL kernels of ops/nn.ts. */
export function registerNnKernels(): void {
  // NaN stays NaN (clamp's NaN result is up to the GPU): tested on the bits.
  unary(Relu6, F32, (x) => `select(clamp(${x}, 0.0, 6.0), ${x}, isnan_(${x}))`, FLOAT_CLASSES);
  unary(Relu6, ["int32"], (x) => `clamp(${x}, 0, 6)`);
  binary(Relu6Grad, F32, (g, f) => `select(0.0, ${g}, ${f} > 0.0 && ${f} < 6.0)`);
  binary(Relu6Grad, ["int32"], (g, f) => `select(0, ${g}, ${f} > 0 && ${f} < 6)`);
  unary(Elu, F32, (x) => `select(${x}, expm1_(${x}), ${x} < 0.0)`, EXPM1);
  binary(EluGrad, F32, (g, y) => `select(${g}, (${y} + 1.0) * ${g}, ${y} < 0.0)`);
  unary(Selu, F32, (x) => `select(${SCALE} * ${x}, ${SCALE_ALPHA} * expm1_(${x}), ${x} < 0.0)`, EXPM1);
  binary(SeluGrad, F32, (g, y) => `select(${g} * ${SCALE}, ${g} * (${y} + ${SCALE_ALPHA}), ${y} < 0.0)`);
  registerGpuKernel<LeakyReluAttrs>(LeakyRelu, F32, (ctx, inputs, { alpha }, outputs) => {
    const a = f32Literal(alpha);
    return [runMap(ctx, `LeakyRelu:${a}`, ([x]) => `select(${x} * ${a}, ${x}, ${x} > 0.0)`, inputs[0]!.dtype, inputs, outputs[0]!)];
  });
  registerGpuKernel<LeakyReluAttrs>(LeakyReluGrad, F32, (ctx, inputs, { alpha }, outputs) => {
    const a = f32Literal(alpha);
    return [runMap(ctx, `LeakyReluGrad:${a}`, ([g, f]) => `select(${g} * ${a}, ${g}, ${f} > 0.0)`, inputs[0]!.dtype, inputs, outputs[0]!)];
  });

  for (const [op, log] of [[Softmax, false], [LogSoftmax, true]] as const) {
    for (const dtype of ["float32", "float16"] as const) {
      const code = softmaxShader(log, dtype);
      registerGpuKernel(op, [dtype], (ctx, inputs, _attrs, outputs, { rows, depth }) => {
        const y = ctx.alloc(outputs[0]!);
        if (rows * depth === 0) return [y];
        ctx.dispatch({ code, buffers: [inputs[0]!.buffer, y], uniform: new Words().u32(rows, depth).build(), groups: groupsFor(rows, ctx.maxWorkgroupsPerDimension) });
        return [y];
      });
    }
  }

  registerGpuKernel(SoftmaxCrossEntropyWithLogits, ["float32"], (ctx, inputs, _attrs, outputs, plan) => {
    const loss = ctx.alloc(outputs[0]!), back = ctx.alloc(outputs[1]!);
    if (plan.rows * plan.depth === 0) return [loss, back];
    const uniform = new Words().u32(plan.rows, plan.depth, ...plan.logitsStrides, ...plan.labelsStrides).build();
    ctx.dispatch({ code: XENT, buffers: [inputs[0]!.buffer, inputs[1]!.buffer, loss, back], uniform, groups: groupsFor(plan.rows, ctx.maxWorkgroupsPerDimension) });
    return [loss, back];
  });

  // int32 labels only (the GPU stores no int64).
  registerGpuKernel(SparseSoftmaxCrossEntropyWithLogits, ["float32"], (ctx, inputs, _attrs, outputs, { rows, depth }) => {
    const loss = ctx.alloc(outputs[0]!), back = ctx.alloc(outputs[1]!);
    if (rows === 0) return [loss, back];
    const uniform = new Words().u32(rows, depth).build();
    ctx.dispatch({ code: SPARSE_XENT, buffers: [inputs[0]!.buffer, inputs[1]!.buffer, loss, back], uniform, groups: groupsFor(rows, ctx.maxWorkgroupsPerDimension) });
    return [loss, back];
  }, { tlabels: ["int32"] });

  registerGpuKernel(BiasAdd, F32_I32, (ctx, inputs, attrs, outputs, { channels }) => {
    const [x, b] = inputs as [typeof inputs[0], typeof inputs[0]];
    // The bias as [channels, 1, …, 1] (NCHW) or [channels] (NHWC): broadcast against the value.
    const bias = attrs.dataFormat === "NCHW" ? { ...b!, dims: [channels, ...x!.dims.slice(2).map(() => 1)] } : b!;
    return [runMap(ctx, "BiasAdd", ([v, c]) => `(${v} + ${c})`, x!.dtype, [x!, bias], outputs[0]!)];
  });

  registerGpuKernel(BiasAddGrad, ["float32"], (ctx, inputs, attrs, outputs) => {
    const g = inputs[0]!;
    const c = attrs.dataFormat === "NCHW" ? 1 : g.dims.length - 1;
    return [runReduce(ctx, SUM, g, g.dims.map((_, i) => i).filter((i) => i !== c), outputs[0]!)];
  });
}
