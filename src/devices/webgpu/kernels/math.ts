// WGSL kernels of the elementwise math ops and Cast (see map_shader.ts). Casts to types the
// GPU does not compute in (float64, int64, …) have no kernel here: the CPU runs them.
import type { DType, DTypeName } from "../../../core/dtypes.js";
import {
  Abs, Add, AddV2, Cast, Cos, DivNoNan, Exp, FloorDiv, FloorMod, Log, Log1p, Maximum, Minimum, Mul, Neg, Pow,
  RealDiv, Relu, ReluGrad, Rsqrt, Sigmoid, Sign, Sin, Sqrt, Square, Sub, Tanh,
} from "../../../ops/math.js";
import { registerGpuKernel } from "../kernel.js";
import { FLOAT_CLASSES, valueType } from "../wgsl.js";
import { binary, runMap, unary } from "./map_shader.js";

// float16 computes in f32 and rounds once per result; it needs the adapter's shader-f16
// (WebGpuDevice.hasKernel checks it).
const F32: readonly DTypeName[] = ["float32", "float16"];
const F32_I32: readonly DTypeName[] = ["float32", "float16", "int32"];

// GPUs' log has an absolute error bound near 1 (WGSL: 2^-21 on [0.5, 2]), too coarse for
// results near 0: there log1p(t) = 2 atanh(t / (2 + t)) by its series, and log(x) = log1p(x - 1)
// (x - 1 is exact for x near 1).
export const LOG1P = `${FLOAT_CLASSES}fn log1p_(t: f32) -> f32 {
  if (abs(t) < 0.1) {
    let s = t / (2.0 + t);
    let z = s * s;
    return 2.0 * s * (1.0 + z * (0.33333333333 + z * (0.2 + z * (0.14285714286 + z * 0.11111111111))));
  }
  return log(1.0 + t);
}`;
// GPUs' sin and cos have an absolute error bound (WGSL: 2^-11 on [-π, π]; NVIDIA's are off by
// ~1e-7 near their zeros), too coarse relative to small results: reduce by π/2 in three parts
// (Cody-Waite) and evaluate minimax polynomials on [-π/4, π/4]; huge arguments use the built-ins.
export const SINCOS = `fn sincos_(x: f32, cosine: bool) -> f32 {
  if (abs(x) > 65536.0) { return select(sin(x), cos(x), cosine); }
  if (x == 0.0 && !cosine) { return x; } // keeps -0
  let j = round(x * 0.63661977236);
  let r = ((x - j * 1.5703125) - j * 4.837512969970703125e-4) - j * 7.54978995489188216e-8;
  let z = r * r;
  let s = r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
  let c = 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
  let q = (i32(j) + select(0, 1, cosine)) & 3;
  if (q == 0) { return s; }
  if (q == 1) { return c; }
  if (q == 2) { return -s; }
  return -c;
}`;
// --- Cast ---------------------------------------------------------------------------------
// Float to int truncates toward zero and saturates (TensorFlow's GPU cast); NaN becomes 0.
function castExpr(from: DType, to: DType, x: string): string {
  if (to.isBool) return from.isBool ? x : `(${x} != ${valueType(from)}(0))`;
  const t = valueType(to);
  if (from.isBool) return `select(${t}(0), ${t}(1), ${x})`;
  if ((from.name === "float32" || from.name === "float16") && to.name === "int32") return `select(i32(${x}), 0, isnan_(${x}))`;
  return `${t}(${x})`;
}
const CASTABLE: readonly DTypeName[] = ["float32", "float16", "int32", "uint32", "bool"];

/** Register the WGSL kernels of the elementwise math ops. */
export function registerMathKernels(): void {
  // --- Unary math ---------------------------------------------------------------------------
  unary(Abs, F32_I32, (x) => `abs(${x})`);
  unary(Neg, F32_I32, (x) => `-${x}`);
  unary(Sign, F32_I32, (x) => `sign(${x})`);
  unary(Square, F32_I32, (x) => `(${x} * ${x})`);
  unary(Relu, F32_I32, (x, t) => `max(${x}, ${t}(0))`);
  unary(Exp, F32, (x) => `exp(${x})`);
  unary(Log, F32, (x) => `select(log(${x}), log1p_(${x} - 1.0), abs(${x} - 1.0) < 0.1)`, LOG1P);
  unary(Log1p, F32, (x) => `log1p_(${x})`, LOG1P);
  unary(Sqrt, F32, (x) => `sqrt(${x})`);
  unary(Rsqrt, F32, (x) => `inverseSqrt(${x})`);
  unary(Sin, F32, (x) => `sincos_(${x}, false)`, SINCOS);
  unary(Cos, F32, (x) => `sincos_(${x}, true)`, SINCOS);
  // GPUs' tanh loses relative accuracy near 0 (it goes through exp): an odd series there, and
  // 1 - 2 / (e^2x + 1) elsewhere, saturating to ±1 beyond |x| = 10 before exp() overflows.
  unary(Tanh, F32, (x) => `tanh_(${x})`, `fn tanh_(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.55) {
    let z = x * x;
    return x * (1.0 + z * (-0.33333333333 + z * (0.13333333333 + z * (-0.053968253968 + z * (0.021869488536 + z * (-0.0088632355299 + z * 0.0035921280366))))));
  }
  let t = 1.0 - 2.0 / (exp(2.0 * min(a, 10.0)) + 1.0);
  return select(t, -t, x < 0.0);
}`);
  unary(Sigmoid, F32, (x) => `(1.0 / (1.0 + exp(-${x})))`);

  // --- Binary math --------------------------------------------------------------------------
  for (const op of [Add, AddV2]) binary(op, F32_I32, (a, b) => `(${a} + ${b})`);
  binary(ReluGrad, ["float32"], (g, f) => `(${g} * select(0.0, 1.0, ${f} > 0.0))`);
  binary(ReluGrad, ["int32"], (g, f) => `select(0, ${g}, ${f} > 0)`);
  binary(Sub, F32_I32, (a, b) => `(${a} - ${b})`);
  binary(Mul, F32_I32, (a, b) => `(${a} * ${b})`);
  binary(RealDiv, F32, (a, b) => `(${a} / ${b})`);
  binary(DivNoNan, F32, (a, b) => `select(${a} / ${b}, 0.0, ${b} == 0.0)`);
  // Eigen's max/min with NaN propagation, as the CPU kernels.
  binary(Maximum, F32, (a, b) => `max_(${a}, ${b})`, `${FLOAT_CLASSES}fn max_(a: f32, b: f32) -> f32 { if (isnan_(a)) { return a; } if (isnan_(b)) { return b; } return select(a, b, a < b); }`);
  binary(Minimum, F32, (a, b) => `min_(${a}, ${b})`, `${FLOAT_CLASSES}fn min_(a: f32, b: f32) -> f32 { if (isnan_(a)) { return a; } if (isnan_(b)) { return b; } return select(a, b, b < a); }`);
  binary(Maximum, ["int32"], (a, b) => `max(${a}, ${b})`);
  binary(Minimum, ["int32"], (a, b) => `min(${a}, ${b})`);
  binary(FloorDiv, ["float32"], (a, b) => `floor(${a} / ${b})`);
  // Integer division by zero is undefined on GPUs (TensorFlow's GPU kernels do not check it).
  binary(FloorDiv, ["int32"], (a, b) => `floordiv_(${a}, ${b})`, `fn floordiv_(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let q = a / b;
  return select(q, q - 1, (q * b != a) && ((a < 0) != (b < 0)));
}`);
  binary(FloorMod, ["float32"], (a, b) => `floormod_(${a}, ${b})`, `fn floormod_(a: f32, b: f32) -> f32 {
  let m = a - b * trunc(a / b);
  return select(m, m + b, m != 0.0 && ((b < 0.0) != (m < 0.0)));
}`);
  binary(FloorMod, ["int32"], (a, b) => `floormod_(${a}, ${b})`, `fn floormod_(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let m = a % b;
  return select(m, m + b, m != 0 && ((b < 0) != (m < 0)));
}`);
  // C's pow: WGSL's pow is only defined for x > 0.
  binary(Pow, F32, (a, b) => `pow_(${a}, ${b})`, `${FLOAT_CLASSES}fn pow_(x: f32, y: f32) -> f32 {
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (isnan_(x) || isnan_(y)) { return nan_(); }
  let ax = abs(x);
  if (ax == 1.0 && isinf_(y)) { return 1.0; }
  var r: f32;
  if (ax == 0.0) { r = select(1.0 / ax, 0.0, y > 0.0); }
  else { r = exp2(y * log2(ax)); }
  if (x < 0.0) {
    if (trunc(y) != y) { return nan_(); }
    let odd = abs(y) < 16777216.0 && (i32(abs(y)) & 1) == 1;
    if (odd) { r = -r; }
  } else if (x == 0.0 && bitcast<u32>(x) != 0u && y < 0.0 && trunc(y) == y && (i32(abs(y)) & 1) == 1) {
    r = -r;
  }
  return r;
}`);
  binary(Pow, ["int32"], (a, b) => `ipow_(${a}, ${b})`, `fn ipow_(a: i32, b: i32) -> i32 {
  if (b < 0) { return 0; }
  var r = 1; var base = a; var e = u32(b);
  loop { if (e == 0u) { break; } if ((e & 1u) == 1u) { r = r * base; } base = base * base; e = e >> 1u; }
  return r;
}`);

  // Between the types the GPU computes in only (float16 where the adapter has shader-f16).
  registerGpuKernel<{ dtype: DType }>(Cast, CASTABLE, (ctx, inputs, attrs, outputs) => {
    const x = inputs[0]!;
    if (x.dtype === attrs.dtype) {
      const y = ctx.alloc(outputs[0]!);
      ctx.copy(x.buffer, y, x.buffer.bytes);
      return [y];
    }
    return [runMap(ctx, `Cast>${attrs.dtype.name}`, (v) => castExpr(x.dtype, attrs.dtype, v[0]!), x.dtype, inputs, outputs[0]!, FLOAT_CLASSES)];
  }, { dtype: CASTABLE });
}
