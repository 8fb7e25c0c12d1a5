// WGSL kernels of the elementwise math ops of issue #14 (ops/elementwise_math.ts), so that
// they run on GPU:0 as TensorFlow places them. Built-ins whose WGSL error bounds are absolute
// (log, sin, cos) or that go through exp near 0 (sinh, expm1, asinh, atanh) are replaced where
// the result is small by forms accurate relative to it; lgamma, digamma, zeta and polygamma
// stay on the CPU (no float32 approximation here matches it to float32 tolerance).
import type { DTypeName } from "../../../core/dtypes.js";
import {
  Acos, Acosh, Asin, Asinh, Atan, Atan2, Atanh, Ceil, Cosh, Erf, Erfc, Expm1, Floor, IsFinite, IsInf, IsNan,
  MulNoNan, Reciprocal, Rint, Round, Sinh, Softplus, Softsign, SquaredDifference, Tan, TruncateDiv, TruncateMod,
  Xdivy, Xlog1py, Xlogy,
} from "../../../ops/elementwise_math.js";
import { FLOAT_CLASSES } from "../wgsl.js";
import { binary, unary } from "./map_shader.js";
import { LOG1P, SINCOS } from "./math.js";

// float16 computes in f32 and rounds once per result (shader-f16 adapters only).
const F32: readonly DTypeName[] = ["float32", "float16"];
const F32_I32: readonly DTypeName[] = ["float32", "float16", "int32"];

/** log(x) accurate near 1 (the GPU's log has an absolute error bound there). */
const LOG = `${LOG1P}fn log_(x: f32) -> f32 { return select(log(x), log1p_(x - 1.0), abs(x - 1.0) < 0.1); }`;

// e^x - 1: its Taylor series while |x| < 0.5, where exp(x) - 1 would cancel.
const EXPM1 = `fn expm1_(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (0.16666666667 + x * (0.041666666667 + x * (0.0083333333333 + x * (0.0013888888889 + x * (1.9841269841e-4 + x * 2.4801587302e-5)))))));
  }
  return exp(x) - 1.0;
}`;

// erf by its Maclaurin series on |x| < 1 (relative error < 1e-7); erfc by the Chebyshev fit of
// Numerical Recipes (fractional error < 1.2e-7) for |x| >= 1; each from the other elsewhere.
const ERF = `${FLOAT_CLASSES}fn erf_series_(x: f32) -> f32 {
  let z = x * x;
  return 1.1283791671 * x * (1.0 + z * (-0.33333333333 + z * (0.1 + z * (-0.023809523810 + z * (0.0046296296296 + z * (-7.5757575758e-4 + z * (1.0683760684e-4 + z * (-1.3227513228e-5 + z * (1.4589169000e-6 + z * -1.4503852223e-7)))))))));
}
fn erfc_tail_(a: f32) -> f32 {
  let t = 1.0 / (1.0 + 0.5 * a);
  return t * exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
}
fn erf_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  if (abs(x) < 1.0) { return erf_series_(x); }
  let r = 1.0 - erfc_tail_(min(abs(x), 10.0));
  return select(r, -r, x < 0.0);
}
fn erfc_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  if (abs(x) < 1.0) { return 1.0 - erf_series_(x); }
  if (x < 0.0) { return 2.0 - erfc_tail_(min(-x, 10.0)); }
  if (x > 10.5) { return 0.0; }
  return erfc_tail_(x);
}`;

// The GPUs' inverse trigonometric built-ins are off by a few ulps (2e-6 relative on lavapipe):
// Cephes' range reductions and minimax polynomials (float32 precision) instead.
const ATAN = `${FLOAT_CLASSES}fn atan_(x: f32) -> f32 {
  if (isnan_(x)) { return x; }
  let a = abs(x);
  var base = 0.0;
  var t = a;
  if (a > 2.414213562373095) { base = 1.5707963267948966; t = -1.0 / a; }
  else if (a > 0.4142135623730950) { base = 0.7853981633974483; t = (a - 1.0) / (a + 1.0); }
  let z = t * t;
  let r = base + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * t + t);
  return select(r, -r, x < 0.0 || (x == 0.0 && bitcast<u32>(x) != 0u));
}
fn negative_(x: f32) -> bool { return (bitcast<u32>(x) & 0x80000000u) != 0u; }
fn atan2_(y: f32, x: f32) -> f32 {
  if (isnan_(x) || isnan_(y)) { return nan_(); }
  var r: f32;
  if (y == 0.0) { r = select(0.0, 3.141592653589793, negative_(x)); }
  else if (isinf_(x) && isinf_(y)) { r = select(0.7853981633974483, 2.356194490192345, x < 0.0); }
  else {
    r = atan_(abs(y) / abs(x));
    if (negative_(x)) { r = 3.141592653589793 - r; }
  }
  return select(r, -r, negative_(y));
}`;
const ASIN = `${FLOAT_CLASSES}fn asin_poly_(x: f32) -> f32 {
  let z = x * x;
  return ((((4.2163199048e-2 * z + 2.4181311049e-2) * z + 4.5470025998e-2) * z + 7.4953002686e-2) * z + 1.6666752422e-1) * z * x + x;
}
fn asin_(x: f32) -> f32 {
  let a = abs(x);
  if (isnan_(x) || a > 1.0) { return nan_(); }
  if (a <= 0.5) { return asin_poly_(x); }
  let r = 1.5707963267948966 - 2.0 * asin_poly_(sqrt(0.5 * (1.0 - a)));
  return select(r, -r, x < 0.0);
}
fn acos_(x: f32) -> f32 {
  if (isnan_(x) || abs(x) > 1.0) { return nan_(); }
  if (x < -0.5) { return 3.141592653589793 - 2.0 * asin_poly_(sqrt(0.5 * (1.0 + x))); }
  if (x > 0.5) { return 2.0 * asin_poly_(sqrt(0.5 * (1.0 - x))); }
  return 1.5707963267948966 - asin_poly_(x);
}`;

const SINH = `${EXPM1}fn sinh_(x: f32) -> f32 {
  let a = abs(x);
  if (a < 0.5) { let z = x * x; return x * (1.0 + z * (0.16666666667 + z * (0.0083333333333 + z * (1.9841269841e-4 + z * 2.7557319224e-6)))); }
  // Half of e^a - e^-a, with e^(a - ln 2) so that it overflows only where sinh does.
  let h = select(0.5 * (exp(a) - exp(-a)), exp(a - 0.69314718056), a > 20.0);
  return select(h, -h, x < 0.0);
}`;
const COSH = `fn cosh_(x: f32) -> f32 {
  let a = abs(x);
  if (a > 20.0) { return exp(a - 0.69314718056); }
  return 0.5 * (exp(a) + exp(-a));
}`;
// asinh a = log1p(a + a² / (1 + sqrt(1 + a²))), log(2a) for large a (a² would overflow).
const ASINH = `${LOG1P}fn asinh_(x: f32) -> f32 {
  let a = abs(x);
  var r: f32;
  if (a > 1e8) { r = log(a) + 0.69314718056; } else { r = log1p_(a + a * a / (1.0 + sqrt(1.0 + a * a))); }
  return select(r, -r, x < 0.0 || (x == 0.0 && bitcast<u32>(x) != 0u));
}`;
const ACOSH = `${LOG1P}fn acosh_(x: f32) -> f32 {
  if (x < 1.0) { return nan_(); }
  if (x > 1e8) { return log(x) + 0.69314718056; }
  let t = x - 1.0;
  return log1p_(t + sqrt(2.0 * t + t * t));
}`;
// atanh x = log1p(2x / (1 - x)) / 2, odd.
const ATANH = `${LOG1P}fn atanh_(x: f32) -> f32 {
  let a = abs(x);
  if (a > 1.0) { return nan_(); }
  if (x == 0.0) { return x; }
  let r = 0.5 * log1p_(2.0 * a / (1.0 - a));
  return select(r, -r, x < 0.0);
}`;
// TensorFlow's softplus with float32's threshold log(2^-23) + 2.
const SOFTPLUS = `${LOG1P}fn softplus_(x: f32) -> f32 {
  let threshold = -13.942385152878742;
  if (x > -threshold) { return x; }
  if (x < threshold) { return exp(x); }
  return log1p_(exp(x));
}`;

/** Register the WGSL kernels of ops/elementwise_math.ts. */
export function registerElementwiseMathKernels(): void {
  // --- Rounding (exact) ---------------------------------------------------------------------
  unary(Floor, F32, (x) => `floor(${x})`);
  unary(Ceil, F32, (x) => `ceil(${x})`);
  // WGSL's round() rounds half to even, as Eigen's rint.
  unary(Round, F32, (x) => `round(${x})`);
  unary(Round, ["int32"], (x) => x);
  unary(Rint, F32, (x) => `round(${x})`);
  unary(Reciprocal, F32, (x) => `(1.0 / ${x})`);

  // --- Trigonometric and hyperbolic ----------------------------------------------------------
  unary(Tan, F32, (x) => `(sincos_(${x}, false) / sincos_(${x}, true))`, SINCOS);
  unary(Asin, F32, (x) => `asin_(${x})`, ASIN);
  unary(Acos, F32, (x) => `acos_(${x})`, ASIN);
  unary(Atan, F32, (x) => `atan_(${x})`, ATAN);
  binary(Atan2, F32, (y, x) => `atan2_(${y}, ${x})`, ATAN);
  unary(Sinh, F32, (x) => `sinh_(${x})`, SINH);
  unary(Cosh, F32, (x) => `cosh_(${x})`, COSH);
  unary(Asinh, F32, (x) => `asinh_(${x})`, ASINH);
  unary(Acosh, F32, (x) => `acosh_(${x})`, ACOSH);
  unary(Atanh, F32, (x) => `atanh_(${x})`, ATANH);
  unary(Expm1, F32, (x) => `expm1_(${x})`, EXPM1);

  // --- Special functions and activations -----------------------------------------------------
  unary(Erf, F32, (x) => `erf_(${x})`, ERF);
  unary(Erfc, F32, (x) => `erfc_(${x})`, ERF);
  unary(Softplus, F32, (x) => `softplus_(${x})`, SOFTPLUS);
  unary(Softsign, F32, (x) => `(${x} / (1.0 + abs(${x})))`);

  // --- Classification: bit tests, since WGSL may fold x != x away ------------------------------
  unary(IsNan, F32, (x) => `isnan_(${x})`, FLOAT_CLASSES);
  unary(IsInf, F32, (x) => `isinf_(${x})`, FLOAT_CLASSES);
  unary(IsFinite, F32, (x) => `((bitcast<u32>(${x}) & 0x7f800000u) != 0x7f800000u)`);

  // --- Binary ----------------------------------------------------------------------------------
  binary(SquaredDifference, F32_I32, (a, b) => `((${a} - ${b}) * (${a} - ${b}))`);
  binary(TruncateDiv, F32, (a, b) => `trunc(${a} / ${b})`);
  // Integer division by zero is undefined on GPUs (TensorFlow's GPU kernels do not check it).
  binary(TruncateDiv, ["int32"], (a, b) => `select(${a} / ${b}, 0, ${b} == 0)`);
  // C's fmod: the remainder with the dividend's sign, as a - b·trunc(a/b) (exact while the
  // quotient is moderate; for huge quotients it rounds, unlike fmod).
  binary(TruncateMod, F32, (a, b) => `fmod_(${a}, ${b})`, `${FLOAT_CLASSES}fn fmod_(a: f32, b: f32) -> f32 {
  if (isinf_(a) || isnan_(a) || isnan_(b) || b == 0.0) { return nan_(); }
  if (isinf_(b)) { return a; }
  let r = a - b * trunc(a / b);
  // A zero remainder has the dividend's sign (a bit copy: -0.0 literals may fold to 0).
  if (r == 0.0) { return bitcast<f32>(bitcast<u32>(a) & 0x80000000u); }
  return r;
}`);
  binary(TruncateMod, ["int32"], (a, b) => `select(${a} % ${b}, 0, ${b} == 0)`);
  binary(MulNoNan, F32, (a, b) => `select(${a} * ${b}, 0.0, ${b} == 0.0)`);
  binary(Xlogy, F32, (a, b) => `select(${a} * log_(${b}), 0.0, ${a} == 0.0)`, LOG);
  binary(Xlog1py, F32, (a, b) => `select(${a} * log1p_(${b}), 0.0, ${a} == 0.0)`, LOG1P);
  binary(Xdivy, F32, (a, b) => `select(${a} / ${b}, 0.0, ${a} == 0.0)`);
}
