// CPU kernels of the elementwise math ops of ops/elementwise_math.ts. The dtypes registered
// are TensorFlow's CPU kernel registrations (cwise_op_*.cc); the rest of an op's allowed
// dtypes raise NotFoundError, as in TensorFlow.
import type { DTypeName } from "../../../core/dtypes.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { integerDivisionByZero } from "../../../errors/device_messages.js";
import {
  Acos, Acosh, Asin, Asinh, Atan, Atan2, Atanh, Ceil, Cosh, Digamma, Erf, Erfc, Expm1, Floor, IsFinite, IsInf,
  IsNan, Lgamma, MulNoNan, Polygamma, Reciprocal, Rint, Round, Sinh, Softplus, Softsign, SquaredDifference, Tan,
  TruncateDiv, TruncateMod, Xdivy, Xlog1py, Xlogy, Zeta,
} from "../../../ops/elementwise_math.js";
import { COMPLEX, REAL_FLOATS } from "../../../ops/op_def.js";
import { registerCpuKernel } from "../kernel.js";
import { binaryKernel } from "./binary.js";
import { complexDivide } from "./math.js";
import { digamma, erf, erfc, lgamma, polygamma, zeta } from "./special_functions.js";
import { unaryKernel } from "./unary.js";

const FLOATS_COMPLEX: readonly DTypeName[] = [...REAL_FLOATS, ...COMPLEX];
const INTS: readonly DTypeName[] = ["uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64"];

/** Round half to even (Eigen's scalar_round_half_to_even, C's rint). */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x); // half toward +inf
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// --- complex helpers: (re, im) pairs written into `o` -----------------------------------------

type C = [number, number];
function cmul(a: C, b: C): C { return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]]; }
function cdiv(a: C, b: C): C {
  const o = new Float64Array(2);
  complexDivide(a[0], a[1], b[0], b[1], o);
  return [o[0]!, o[1]!];
}
function clog(a: C): C { return [Math.log(Math.hypot(a[0], a[1])), Math.atan2(a[1], a[0])]; }
function csqrt(a: C): C {
  const [re, im] = a;
  if (re === 0 && im === 0) return [0, im];
  const t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
  return re >= 0 ? [t, im / (2 * t)] : [Math.abs(im) / (2 * t), im < 0 || Object.is(im, -0) ? -t : t];
}
function cadd(a: C, b: C): C { return [a[0] + b[0], a[1] + b[1]]; }
function csub(a: C, b: C): C { return [a[0] - b[0], a[1] - b[1]]; }
/** Lift a function of complex values to the unary kernel's (re, im, out) form. */
function complexUnary(f: (z: C) => C): (re: number, im: number, o: Float64Array) => void {
  return (re, im, o) => { const r = f([re, im]); o[0] = r[0]; o[1] = r[1]; };
}
function complexBinary(f: (a: C, b: C) => C): (ar: number, ai: number, br: number, bi: number, o: Float64Array) => void {
  return (ar, ai, br, bi, o) => { const r = f([ar, ai], [br, bi]); o[0] = r[0]; o[1] = r[1]; };
}
const ONE: C = [1, 0];
const csinh = (z: C): C => [Math.sinh(z[0]) * Math.cos(z[1]), Math.cosh(z[0]) * Math.sin(z[1])];
const ccosh = (z: C): C => [Math.cosh(z[0]) * Math.cos(z[1]), Math.sinh(z[0]) * Math.sin(z[1])];
function ctan(z: C): C {
  const [a, b] = z;
  if (Math.abs(b) > 20) return [4 * Math.sin(a) * Math.cos(a) * Math.exp(-2 * Math.abs(b)), Math.sign(b)];
  const d = Math.cos(2 * a) + Math.cosh(2 * b);
  return [Math.sin(2 * a) / d, Math.sinh(2 * b) / d];
}
// asin z = -i log(iz + sqrt(1 - z²)); the others by their logarithmic forms.
function casin(z: C): C {
  const w = clog(cadd([-z[1], z[0]], csqrt(csub(ONE, cmul(z, z)))));
  return [w[1], -w[0]];
}
const cacos = (z: C): C => { const s = casin(z); return [Math.PI / 2 - s[0], -s[1]]; };
const casinh = (z: C): C => clog(cadd(z, csqrt(cadd(cmul(z, z), ONE))));
const cacosh = (z: C): C => clog(cadd(z, cmul(csqrt(cadd(z, ONE)), csqrt(csub(z, ONE)))));
const catanh = (z: C): C => { const l = csub(clog(cadd(ONE, z)), clog(csub(ONE, z))); return [l[0] / 2, l[1] / 2]; };
function cexpm1(z: C): C {
  // Re: expm1(a) cos b - 2 sin²(b/2), accurate near 0.
  const [a, b] = z, s = Math.sin(b / 2);
  return [Math.expm1(a) * Math.cos(b) - 2 * s * s, Math.exp(a) * Math.sin(b)];
}
const isZero = (z: C): boolean => z[0] === 0 && z[1] === 0;

// --- softplus --------------------------------------------------------------------------------

// TensorFlow's threshold log(epsilon) + 2 of the dtype: x itself above -threshold, exp(x)
// below threshold, log1p(exp(x)) between.
const EPSILON: Partial<Record<DTypeName, number>> = { float16: 2 ** -10, bfloat16: 2 ** -7, float32: 2 ** -23, float64: 2 ** -52 };
function softplusFor(dtype: DTypeName): (x: number) => number {
  const threshold = Math.log(EPSILON[dtype]!) + 2;
  return (x) => (x > -threshold ? x : x < threshold ? Math.exp(x) : Math.log1p(Math.exp(x)));
}

// --- integer division ------------------------------------------------------------------------

function divisionByZero(): InvalidArgumentError { return new InvalidArgumentError(integerDivisionByZero()); }
function truncDiv(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  return Math.trunc(a / b);
}
function bigTruncDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divisionByZero();
  return a / b;
}
function truncMod(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  return a % b;
}
function bigTruncMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divisionByZero();
  return a % b;
}

/** Register the CPU reference kernels of ops/elementwise_math.ts. */
export function registerElementwiseMathKernels(): void {
  registerCpuKernel(Floor, REAL_FLOATS, unaryKernel({ number: Math.floor }));
  registerCpuKernel(Ceil, REAL_FLOATS, unaryKernel({ number: Math.ceil }));
  registerCpuKernel(Rint, REAL_FLOATS, unaryKernel({ number: roundHalfToEven }));
  // Integers round to themselves (tf.math.round returns them before reaching the op).
  registerCpuKernel(Round, [...REAL_FLOATS, "int32", "int64"], unaryKernel({ number: roundHalfToEven, bigint: (a) => a }));
  registerCpuKernel(Reciprocal, FLOATS_COMPLEX, unaryKernel({
    number: (a) => 1 / a,
    complex: (re, im, o) => complexDivide(1, 0, re, im, o),
  }));
  registerCpuKernel(Tan, FLOATS_COMPLEX, unaryKernel({ number: Math.tan, complex: complexUnary(ctan) }));
  registerCpuKernel(Asin, FLOATS_COMPLEX, unaryKernel({ number: Math.asin, complex: complexUnary(casin) }));
  registerCpuKernel(Acos, FLOATS_COMPLEX, unaryKernel({ number: Math.acos, complex: complexUnary(cacos) }));
  registerCpuKernel(Atan, REAL_FLOATS, unaryKernel({ number: Math.atan }));
  registerCpuKernel(Sinh, FLOATS_COMPLEX, unaryKernel({ number: Math.sinh, complex: complexUnary(csinh) }));
  registerCpuKernel(Cosh, FLOATS_COMPLEX, unaryKernel({ number: Math.cosh, complex: complexUnary(ccosh) }));
  registerCpuKernel(Asinh, FLOATS_COMPLEX, unaryKernel({ number: Math.asinh, complex: complexUnary(casinh) }));
  registerCpuKernel(Acosh, FLOATS_COMPLEX, unaryKernel({ number: Math.acosh, complex: complexUnary(cacosh) }));
  registerCpuKernel(Atanh, FLOATS_COMPLEX, unaryKernel({ number: Math.atanh, complex: complexUnary(catanh) }));
  registerCpuKernel(Expm1, FLOATS_COMPLEX, unaryKernel({ number: Math.expm1, complex: complexUnary(cexpm1) }));
  registerCpuKernel(Erf, REAL_FLOATS, unaryKernel({ number: erf }));
  registerCpuKernel(Erfc, REAL_FLOATS, unaryKernel({ number: erfc }));
  registerCpuKernel(Lgamma, REAL_FLOATS, unaryKernel({ number: lgamma }));
  registerCpuKernel(Digamma, REAL_FLOATS, unaryKernel({ number: digamma }));
  registerCpuKernel(Softplus, REAL_FLOATS, unaryKernel({
    number: softplusFor("float64"),
    byDtype: { float32: softplusFor("float32"), float16: softplusFor("float16"), bfloat16: softplusFor("bfloat16") },
  }));
  registerCpuKernel(Softsign, REAL_FLOATS, unaryKernel({ number: (x) => x / (1 + Math.abs(x)) }));
  registerCpuKernel(IsNan, REAL_FLOATS, unaryKernel({ number: (x) => (x !== x ? 1 : 0) }));
  registerCpuKernel(IsInf, REAL_FLOATS, unaryKernel({ number: (x) => (x === Infinity || x === -Infinity ? 1 : 0) }));
  registerCpuKernel(IsFinite, REAL_FLOATS, unaryKernel({ number: (x) => (Number.isFinite(x) ? 1 : 0) }));

  registerCpuKernel(Atan2, REAL_FLOATS, binaryKernel({ number: Math.atan2 }));
  registerCpuKernel(SquaredDifference, [...REAL_FLOATS, "int32", "int64", ...COMPLEX], binaryKernel({
    number: (a, b) => (a - b) * (a - b),
    byDtype: { int32: (a, b) => { const d = (a - b) | 0; return Math.imul(d, d); } },
    bigint: (a, b) => (a - b) * (a - b),
    // (x - y) conj(x - y): the squared modulus.
    complex: (ar, ai, br, bi, o) => { const re = ar - br, im = ai - bi; o[0] = re * re + im * im; o[1] = 0; },
  }));
  registerCpuKernel(TruncateDiv, INTS, binaryKernel({
    number: truncDiv,
    // INT_MIN / -1 wraps back to INT_MIN when stored, as in C.
    bigint: bigTruncDiv,
  }));
  registerCpuKernel(TruncateMod, ["int32", "int64", ...REAL_FLOATS], binaryKernel({
    number: (a, b) => a % b, // C's fmod
    byDtype: { int32: truncMod },
    bigint: bigTruncMod,
  }));
  registerCpuKernel(Xlogy, FLOATS_COMPLEX, binaryKernel({
    number: (x, y) => (x === 0 ? 0 : x * Math.log(y)),
    complex: complexBinary((x, y) => (isZero(x) ? [0, 0] : cmul(x, clog(y)))),
  }));
  registerCpuKernel(Xlog1py, FLOATS_COMPLEX, binaryKernel({
    number: (x, y) => (x === 0 ? 0 : x * Math.log1p(y)),
    complex: complexBinary((x, y) => (isZero(x) ? [0, 0] : cmul(x, clog(cadd(ONE, y))))),
  }));
  registerCpuKernel(Xdivy, FLOATS_COMPLEX, binaryKernel({
    number: (x, y) => (x === 0 ? 0 : x / y),
    complex: complexBinary((x, y) => (isZero(x) ? [0, 0] : cdiv(x, y))),
  }));
  registerCpuKernel(MulNoNan, FLOATS_COMPLEX, binaryKernel({
    number: (x, y) => (y === 0 ? 0 : x * y),
    complex: complexBinary((x, y) => (isZero(y) ? [0, 0] : cmul(x, y))),
  }));
  registerCpuKernel(Zeta, ["float32", "float64"], binaryKernel({ number: zeta }));
  registerCpuKernel(Polygamma, ["float32", "float64"], binaryKernel({ number: polygamma }));
}
