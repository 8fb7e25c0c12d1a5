// CPU kernels of the elementwise math ops.
import type { DTypeName } from "../../../core/dtypes.js";
import { roundBFloat16, roundHalf } from "../../../core/f16.js";
import { allocStorage } from "../../../core/storage.js";
import { InvalidArgumentError } from "../../../errors/errors.js";
import { registerCpuKernel } from "../kernel.js";
import {
  Abs, Add, AddV2, Cast, Complex, ComplexAbs, Cos, DivNoNan, Exp, FloorDiv, FloorMod, Imag, Log, Log1p,
  Maximum, Minimum, Mul, Neg, Pow, Real, RealDiv, Relu, ReluGrad, Rsqrt, Sigmoid, Sign, Sin,
  Sqrt, Square, Sub, Tanh,
} from "../../../ops/math.js";
import { ALL_TYPES, COMPLEX, FLOATS_AND_COMPLEX, NUMBERS, REAL_FLOATS, REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import { binaryKernel } from "./binary.js";
import { broadcastIndex } from "./broadcast.js";
import { unaryKernel } from "./unary.js";
import { castKernel } from "./cast.js";
import { integerDivisionByZero, negativeIntegerPower } from "../../../errors/device_messages.js";

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a); out.set(b, a.length);
  return out;
}

/** Complex division by Smith's algorithm (what NumPy uses), robust to overflow. */
export function complexDivide(ar: number, ai: number, br: number, bi: number, out: Float64Array): void {
  if (Math.abs(br) >= Math.abs(bi)) {
    if (br === 0 && bi === 0) { out[0] = ar / Math.abs(br); out[1] = ai / Math.abs(br); return; }
    const r = bi / br, d = br + bi * r;
    out[0] = (ar + ai * r) / d; out[1] = (ai - ar * r) / d;
  } else {
    const r = br / bi, d = bi + br * r;
    out[0] = (ar * r + ai) / d; out[1] = (ai * r - ar) / d;
  }
}

const addKernel = binaryKernel({
  number: (a, b) => a + b,
  bigint: (a, b) => a + b,
  complex: (ar, ai, br, bi, o) => { o[0] = ar + br; o[1] = ai + bi; },
  string: concatBytes,
});
// --- Division, powers, extrema ---------------------------------------------------------

function divisionByZero(): InvalidArgumentError { return new InvalidArgumentError(integerDivisionByZero()); }
function negativePower(): InvalidArgumentError {
  return new InvalidArgumentError(negativeIntegerPower());
}

/** Python's floor division on integers held in numbers (exact below 2^53). */
function intFloorDiv(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  const q = Math.trunc(a / b);
  // INT_MIN / -1 gives 2^31, which wraps back to INT_MIN when stored, as TensorFlow's kernel does.
  return q * b !== a && (a < 0) !== (b < 0) ? q - 1 : q;
}
function bigFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divisionByZero();
  const q = a / b;
  return q * b !== a && (a < 0n) !== (b < 0n) ? q - 1n : q;
}
/** The remainder with the divisor's sign (TensorFlow's floor_fmod / floor_mod). */
function floorMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && (b < 0) !== (m < 0) ? m + b : m;
}
function intFloorMod(a: number, b: number): number {
  if (b === 0) throw divisionByZero();
  return floorMod(a, b);
}
function bigFloorMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw divisionByZero();
  const m = a % b;
  return m !== 0n && (b < 0n) !== (m < 0n) ? m + b : m;
}

// Float FloorDiv is floor(x / y) with the quotient rounded to the element type first.
const INT_DTYPES: readonly DTypeName[] = ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"];
const intFloorDivs = Object.fromEntries(INT_DTYPES.map((d) => [d, intFloorDiv]));
const intFloorMods = Object.fromEntries(INT_DTYPES.map((d) => [d, intFloorMod]));

/** C's pow (where it differs from Math.pow: pow(1, y) = 1 and pow(-1, ±inf) = 1). */
export function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return Math.pow(x, y);
}
/** Integer power by squaring, wrapping modulo 2^32 (the store wraps narrower types further). */
function intPow(a: number, b: number): number {
  if (b < 0) throw negativePower();
  let r = 1, base = a | 0, e = b;
  while (e > 0) {
    if (e % 2 === 1) r = Math.imul(r, base);
    e = Math.floor(e / 2);
    base = Math.imul(base, base);
  }
  return r;
}
function bigPow(a: bigint, b: bigint): bigint {
  if (b < 0n) throw negativePower();
  let r = 1n, base = a, e = b;
  while (e > 0n) {
    if (e & 1n) r = BigInt.asIntN(64, r * base);
    e >>= 1n;
    base = BigInt.asIntN(64, base * base);
  }
  return r;
}

function cexp(re: number, im: number, o: Float64Array): void {
  const e = Math.exp(re);
  if (im === 0) { o[0] = e; o[1] = im; return; }
  o[0] = e * Math.cos(im); o[1] = e * Math.sin(im);
}

/** Complex x ** y = exp(y log x) (C's cpow), with 0 ** y = 0 for real y > 0 and x ** 0 = 1. */
function cpow(ar: number, ai: number, br: number, bi: number, o: Float64Array): void {
  if (br === 0 && bi === 0) { o[0] = 1; o[1] = 0; return; }
  if (ar === 0 && ai === 0) {
    const zero = bi === 0 && br > 0;
    o[0] = zero ? 0 : NaN; o[1] = zero ? 0 : NaN;
    return;
  }
  const lr = Math.log(Math.hypot(ar, ai)), li = Math.atan2(ai, ar);
  cexp(br * lr - bi * li, br * li + bi * lr, o);
}

// Eigen's scalar_max_op/scalar_min_op with PropagateNaN.
const MAX_MIN: readonly DTypeName[] = [...REAL_FLOATS, ...INT_DTYPES];
// --- Unary math ------------------------------------------------------------------------

function csqrt(re: number, im: number, o: Float64Array): void {
  if (re === 0 && im === 0) { o[0] = 0; o[1] = im; return; }
  const t = Math.sqrt((Math.abs(re) + Math.hypot(re, im)) / 2);
  if (re >= 0) { o[0] = t; o[1] = im / (2 * t); }
  else { o[0] = Math.abs(im) / (2 * t); o[1] = im < 0 || Object.is(im, -0) ? -t : t; }
}
function clog(re: number, im: number, o: Float64Array): void {
  o[0] = Math.log(Math.hypot(re, im)); o[1] = Math.atan2(im, re);
}
function clog1p(re: number, im: number, o: Float64Array): void {
  // log|1 + z| = log1p(2 re + re^2 + im^2) / 2, accurate for small z.
  const h = Math.hypot(re + 1, im);
  o[0] = h < 0.5 || h > 2 ? Math.log(h) : Math.log1p(re * (2 + re) + im * im) / 2;
  o[1] = Math.atan2(im, 1 + re);
}
function ctanh(re: number, im: number, o: Float64Array): void {
  if (Math.abs(re) > 22) {
    // tanh(z) = ±1 to double precision; the imaginary part underflows smoothly.
    o[0] = re > 0 ? 1 : -1;
    o[1] = 4 * Math.sin(im) * Math.cos(im) * Math.exp(-2 * Math.abs(re));
    return;
  }
  // Kahan's formula.
  const t = Math.tan(im), beta = 1 + t * t, s = Math.sinh(re), rho = Math.sqrt(1 + s * s);
  const den = 1 + beta * s * s;
  o[0] = (beta * rho * s) / den; o[1] = t / den;
}
/** 1 / (1 + exp(-x)) without overflow. */
function sigmoidReal(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
function csigmoid(re: number, im: number, o: Float64Array): void {
  // Eigen's scalar_logistic_op: e / (1 + e) with e = exp(z), and 1 where e is infinite.
  cexp(re, im, o);
  const er = o[0]!, ei = o[1]!;
  if (er === Infinity && ei === 0) { o[0] = 1; o[1] = 0; return; }
  complexDivide(er, ei, 1 + er, ei, o);
}

const UNARY_COMPLEX: readonly DTypeName[] = [...REAL_FLOATS, ...COMPLEX];

/** Register the CPU reference kernels of the elementwise math ops. */
export function registerMathKernels(): void {
  registerCpuKernel(AddV2, NUMBERS, addKernel);
  registerCpuKernel(Add, [...NUMBERS, "string"], addKernel);

  registerCpuKernel(Sub, NUMBERS, binaryKernel({
    number: (a, b) => a - b,
    bigint: (a, b) => a - b,
    complex: (ar, ai, br, bi, o) => { o[0] = ar - br; o[1] = ai - bi; },
  }));

  registerCpuKernel(Mul, NUMBERS, binaryKernel({
    number: (a, b) => a * b,
    // Products of 32-bit integers can exceed 2^53: multiply modulo 2^32 instead.
    byDtype: { int32: Math.imul, uint32: Math.imul },
    bigint: (a, b) => a * b,
    complex: (ar, ai, br, bi, o) => { o[0] = ar * br - ai * bi; o[1] = ar * bi + ai * br; },
  }));

  registerCpuKernel(RealDiv, FLOATS_AND_COMPLEX, binaryKernel({
    number: (a, b) => a / b,
    complex: complexDivide,
  }));

  registerCpuKernel(Neg, [...REAL_FLOATS, "int8", "int16", "int32", "int64", "complex64", "complex128"], unaryKernel({
    number: (a) => -a,
    bigint: (a) => -a,
    complex: (re, im, o) => { o[0] = -re; o[1] = -im; },
  }));

  registerCpuKernel(Cast, ALL_TYPES.filter((d) => d !== "string"), castKernel);

  registerCpuKernel(FloorDiv, [...REAL_FLOATS, ...INT_DTYPES], binaryKernel({
    number: (a, b) => Math.floor(a / b),
    byDtype: {
      ...intFloorDivs,
      float32: (a, b) => Math.floor(Math.fround(a / b)),
      float16: (a, b) => Math.floor(roundHalf(a / b)),
      bfloat16: (a, b) => Math.floor(roundBFloat16(a / b)),
    },
    bigint: bigFloorDiv,
  }));

  registerCpuKernel(FloorMod, [...REAL_FLOATS, ...INT_DTYPES], binaryKernel({
    number: floorMod,
    byDtype: intFloorMods,
    bigint: bigFloorMod,
  }));

  registerCpuKernel(Pow, ["bfloat16", "float32", "float16", "float64", "int8", "int16", "int32", "int64", "complex64", "complex128"], binaryKernel({
    number: cPow,
    byDtype: { int8: intPow, int16: intPow, int32: intPow },
    bigint: bigPow,
    complex: cpow,
  }));

  registerCpuKernel(Maximum, MAX_MIN, binaryKernel({
    number: (a, b) => (a !== a ? a : b !== b ? b : a < b ? b : a),
    bigint: (a, b) => (a < b ? b : a),
  }));
  registerCpuKernel(Minimum, MAX_MIN, binaryKernel({
    number: (a, b) => (a !== a ? a : b !== b ? b : b < a ? b : a),
    bigint: (a, b) => (b < a ? b : a),
  }));

  registerCpuKernel(DivNoNan, FLOATS_AND_COMPLEX, binaryKernel({
    number: (a, b) => (b === 0 ? 0 : a / b),
    complex: (ar, ai, br, bi, o) => {
      // Zero where the divisor is zero, or where the numerator x * conj(y) is.
      if ((br === 0 && bi === 0) || (ar * br + ai * bi === 0 && ai * br - ar * bi === 0)) { o[0] = 0; o[1] = 0; return; }
      complexDivide(ar, ai, br, bi, o);
    },
  }));

  registerCpuKernel(Complex, ["float32", "float64"], (inputs, _attrs, outputs) => {
    const [x, y] = inputs as [typeof inputs[0], typeof inputs[0]];
    const out = outputs[0]!;
    const n = out.dims.reduce((p, q) => p * q, 1);
    const ix = broadcastIndex(x.dims, out.dims), iy = broadcastIndex(y.dims, out.dims);
    const a = x.buffer as Float32Array | Float64Array, b = y.buffer as Float32Array | Float64Array;
    const r = allocStorage(out.dtype, n) as Float32Array | Float64Array;
    for (let i = 0; i < n; i++) {
      r[2 * i] = a[ix ? ix[i]! : i]!;
      r[2 * i + 1] = b[iy ? iy[i]! : i]!;
    }
    return [r];
  });

  registerCpuKernel(Abs, ["bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64"], unaryKernel({
    number: Math.abs,
    bigint: (a) => (a < 0n ? -a : a),
  }));
  registerCpuKernel(ComplexAbs, COMPLEX, unaryKernel({ complexToReal: Math.hypot }));

  registerCpuKernel(Sign, ["bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64", ...COMPLEX], unaryKernel({
    // NaN and ±0 map to themselves.
    number: (a) => (a > 0 ? 1 : a < 0 ? -1 : a),
    bigint: (a) => (a > 0n ? 1n : a < 0n ? -1n : 0n),
    complex: (re, im, o) => {
      const h = Math.hypot(re, im);
      if (h === 0) { o[0] = 0; o[1] = 0; return; }
      const inv = 1 / h;
      o[0] = re * inv; o[1] = im * inv;
    },
  }));

  registerCpuKernel(Square, [...NUMBERS], unaryKernel({
    number: (a) => a * a,
    byDtype: { int32: (a) => Math.imul(a, a), uint32: (a) => Math.imul(a, a) },
    bigint: (a) => a * a,
    complex: (re, im, o) => { o[0] = re * re - im * im; o[1] = re * im + im * re; },
  }));

  registerCpuKernel(Sqrt, UNARY_COMPLEX, unaryKernel({ number: Math.sqrt, complex: csqrt }));
  registerCpuKernel(Rsqrt, UNARY_COMPLEX, unaryKernel({
    number: (a) => 1 / Math.sqrt(a),
    complex: (re, im, o) => { csqrt(re, im, o); complexDivide(1, 0, o[0]!, o[1]!, o); },
  }));
  registerCpuKernel(Exp, UNARY_COMPLEX, unaryKernel({ number: Math.exp, complex: cexp }));
  registerCpuKernel(Log, UNARY_COMPLEX, unaryKernel({ number: Math.log, complex: clog }));
  registerCpuKernel(Log1p, UNARY_COMPLEX, unaryKernel({ number: Math.log1p, complex: clog1p }));
  registerCpuKernel(Sin, UNARY_COMPLEX, unaryKernel({
    number: Math.sin,
    complex: (re, im, o) => { o[0] = Math.sin(re) * Math.cosh(im); o[1] = Math.cos(re) * Math.sinh(im); },
  }));
  registerCpuKernel(Cos, UNARY_COMPLEX, unaryKernel({
    number: Math.cos,
    complex: (re, im, o) => { o[0] = Math.cos(re) * Math.cosh(im); o[1] = -Math.sin(re) * Math.sinh(im); },
  }));
  registerCpuKernel(Tanh, UNARY_COMPLEX, unaryKernel({ number: Math.tanh, complex: ctanh }));
  registerCpuKernel(Sigmoid, UNARY_COMPLEX, unaryKernel({ number: sigmoidReal, complex: csigmoid }));

  registerCpuKernel(Relu, REAL_NUMBER_TYPES, unaryKernel({
    number: (a) => (a > 0 || a !== a ? a : 0),
    bigint: (a) => (a > 0n ? a : 0n),
  }));

  // gradients * (features > 0), as TensorFlow's kernel: a NaN gradient stays NaN where features <= 0.
  registerCpuKernel(ReluGrad, REAL_NUMBER_TYPES, binaryKernel({
    number: (g, f) => g * (f > 0 ? 1 : 0),
    bigint: (g, f) => (f > 0n ? g : 0n),
  }));

  registerCpuKernel(Real, COMPLEX, unaryKernel({ complexToReal: (re) => re }));
  registerCpuKernel(Imag, COMPLEX, unaryKernel({ complexToReal: (_re, im) => im }));
}
