// Elementwise math functions (math_ops): tf.add, tf.divide, tf.cast, …
import { asDType, float32, float64, type DType, type DTypeLike, type DTypeName } from "../../core/dtypes.js";
import { TypeError as TFTypeError } from "../../errors/errors.js";
import {
  complexPartsIncorrectTypes, realOfNonNumeric, truedivDtypeMismatch, truedivDtypeNotSupported,
} from "../../errors/op_messages.js";
import {
  Abs, Add, AddV2, Cast, Complex, ComplexAbs, Cos, DivNoNan, Exp, FloorDiv, FloorMod, Imag, Log, Log1p,
  Maximum, Minimum, Mul, Neg, Pow, Real, RealDiv, Relu, ReluGrad, Rsqrt, Sigmoid, Sign, Sin, Sqrt, Square, Sub, Tanh,
  UnsortedSegmentSum,
} from "../../ops/math.js";
import { ZerosLike } from "../../ops/array.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { binary, indexTensor, matchingTensors, unary } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

/** x + y with broadcasting (AddV2; strings concatenate with Add, as in TensorFlow). */
export function add(x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = matchingTensors([x, y]);
  return execute1(a!.dtype.isString ? Add : AddV2, [a!, b!], {});
}
/** x - y with broadcasting. */
export function subtract(x: TensorLike, y: TensorLike): Tensor { return binary(Sub, x, y); }
/** x * y with broadcasting. */
export function multiply(x: TensorLike, y: TensorLike): Tensor { return binary(Mul, x, y); }
/** -x. */
export function negative(x: TensorLike): Tensor { return unary(Neg, x); }

// Python 3 true division: small integers divide in float32, large ones in float64.
const TRUEDIV: Partial<Record<DTypeName, DType | null>> = {
  uint8: float32, int8: float32, uint16: float32, int16: float32,
  uint32: float64, uint64: float64, int32: float64, int64: float64,
  bfloat16: null, float16: null, float32: null, float64: null, complex64: null, complex128: null,
};

/** The operands of Python 3 true division (x / y, tf.math.divide_no_nan): integers cast to floating point. */
export function trueDivOperands(x: TensorLike, y: TensorLike): [Tensor, Tensor] {
  const a = convertToTensor(x);
  const b = y instanceof Tensor ? y : convertToTensor(y, a.dtype);
  if (a.dtype !== b.dtype) throw new TFTypeError(truedivDtypeMismatch(a.dtype, b.dtype));
  const target = TRUEDIV[a.dtype.name];
  if (target === undefined) throw new TFTypeError(truedivDtypeNotSupported(a.dtype, Object.keys(TRUEDIV) as DTypeName[]));
  return target === null ? [a, b] : [cast(a, target), cast(b, target)];
}

/** x / y (Python 3 true division: integers are cast to floating point first). */
export function divide(x: TensorLike, y: TensorLike): Tensor {
  return execute1(RealDiv, trueDivOperands(x, y), {});
}

/** tf.cast: the value converted to `dtype` (the same tensor when it already has it). */
export function cast(x: TensorLike, dtype: DTypeLike): Tensor {
  const target = asDType(dtype);
  const t = convertToTensor(x);
  return t.dtype === target ? t : execute1(Cast, [t], { dtype: target });
}

/** x // y, rounding toward negative infinity (FloorDiv); integer division by zero raises. */
export function floorDiv(x: TensorLike, y: TensorLike): Tensor { return binary(FloorDiv, x, y); }
/** x % y with Python's sign rule: the result has the divisor's sign (FloorMod). */
export function mod(x: TensorLike, y: TensorLike): Tensor { return binary(FloorMod, x, y); }
/** x ** y (Pow); integers to negative integer powers raise. */
export function pow(x: TensorLike, y: TensorLike): Tensor { return binary(Pow, x, y); }
/** Elementwise maximum (NaN propagates). */
export function maximum(x: TensorLike, y: TensorLike): Tensor { return binary(Maximum, x, y); }
/** Elementwise minimum (NaN propagates). */
export function minimum(x: TensorLike, y: TensorLike): Tensor { return binary(Minimum, x, y); }

/** |x|; for complex input the modulus, of the matching real dtype (ComplexAbs). */
export function abs(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  return execute1(t.dtype.isComplex ? ComplexAbs : Abs, [t], {});
}

/** -1, 0 or 1 by the sign of x (NaN stays NaN); x / |x| for complex x (0 at 0), as tf.math.sign. */
export function sign(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  if (!t.dtype.isComplex) return execute1(Sign, [t], {});
  // TensorFlow computes div_no_nan(x, cast(complex_abs(x), x.dtype)) for complex inputs.
  return execute1(DivNoNan, [t, cast(execute1(ComplexAbs, [t], {}), t.dtype)], {});
}

/** x * x. */
export function square(x: TensorLike): Tensor { return unary(Square, x); }
/** Square root. */
export function sqrt(x: TensorLike): Tensor { return unary(Sqrt, x); }
/** 1 / sqrt(x). */
export function rsqrt(x: TensorLike): Tensor { return unary(Rsqrt, x); }
/** e ** x. */
export function exp(x: TensorLike): Tensor { return unary(Exp, x); }
/** Natural logarithm. */
export function log(x: TensorLike): Tensor { return unary(Log, x); }
/** log(1 + x), accurate for small x. */
export function log1p(x: TensorLike): Tensor { return unary(Log1p, x); }
/** Sine. */
export function sin(x: TensorLike): Tensor { return unary(Sin, x); }
/** Cosine. */
export function cos(x: TensorLike): Tensor { return unary(Cos, x); }
/** Hyperbolic tangent. */
export function tanh(x: TensorLike): Tensor { return unary(Tanh, x); }
/** 1 / (1 + exp(-x)), computed without overflow. */
export function sigmoid(x: TensorLike): Tensor { return unary(Sigmoid, x); }
/** max(x, 0). */
export function relu(x: TensorLike): Tensor { return unary(Relu, x); }
/** tf.raw_ops.ReluGrad: `gradients` where `features` > 0 (Relu's gradient; same shapes). */
export function reluGrad(gradients: TensorLike, features: TensorLike): Tensor { return binary(ReluGrad, gradients, features); }

/** real + imag·i: float32 parts give complex64, float64 parts complex128 (broadcasting). */
export function complex(real: TensorLike, imag: TensorLike): Tensor {
  const re = convertToTensor(real);
  const im = convertToTensor(imag);
  if (re.dtype !== im.dtype || (re.dtype !== float32 && re.dtype !== float64)) {
    throw new TFTypeError(complexPartsIncorrectTypes(re.dtype, im.dtype));
  }
  return execute1(Complex, [re, im], {});
}

/** The real part: Real for complex input; a real tensor is returned unchanged. */
export function real(input: TensorLike): Tensor {
  const t = convertToTensor(input);
  if (t.dtype.isComplex) return execute1(Real, [t], {});
  if (t.dtype.isBool || t.dtype.isString) throw new TFTypeError(realOfNonNumeric(t.dtype));
  return t;
}

/** The imaginary part: Imag for complex input; zeros like a real tensor (tf.zeros_like). */
export function imag(input: TensorLike): Tensor {
  const t = convertToTensor(input);
  return execute1(t.dtype.isComplex ? Imag : ZerosLike, [t], {});
}

/** tf.math.unsorted_segment_sum: out[j] = sum of data[i] over i with segmentIds[i] == j (ids < 0 are dropped). */
export function unsortedSegmentSum(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  const n = numSegments instanceof Tensor ? Number(numSegments.numpy().item()) : numSegments;
  return execute1(UnsortedSegmentSum, [convertToTensor(data), indexTensor(segmentIds)], { numSegments: n });
}
