// The elementwise math functions of issue #14 (tf.math.floor, tf.math.erf, tf.math.xlogy, …):
// each converts its arguments as TensorFlow's Python wrapper does and runs its op.
import { TypeError as TFTypeError } from "../../errors/errors.js";
import { multiplyNoNanDtypeMismatch } from "../../errors/math_messages.js";
import {
  Acos, Acosh, Asin, Asinh, Atan, Atan2, Atanh, Ceil, Cosh, Digamma, Erf, Erfc, Expm1, Floor, IsFinite, IsInf,
  IsNan, Lgamma, MulNoNan, Polygamma, Reciprocal, Rint, Round, Sinh, Softplus, Softsign, SquaredDifference, Tan,
  TruncateDiv, TruncateMod, Xdivy, Xlog1py, Xlogy, Zeta,
} from "../../ops/elementwise_math.js";
import { DivNoNan, RealDiv } from "../../ops/math.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { binary, convertPreferring, unary } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { negative, trueDivOperands } from "./math.js";

/** tf.truediv: x / y as Python 3 divides (tf.divide). */
export { divide as truediv } from "./math.js";

/** Largest integer not greater than x (Floor). */
export function floor(x: TensorLike): Tensor { return unary(Floor, x); }
/** Smallest integer not less than x (Ceil). */
export function ceil(x: TensorLike): Tensor { return unary(Ceil, x); }
/** Round half to even (Round); integer tensors are returned as they are, as tf.math.round does. */
export function round(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  return t.dtype.isInteger ? t : execute1(Round, [t], {});
}
/** Round half to even (Rint). */
export function rint(x: TensorLike): Tensor { return unary(Rint, x); }
/** 1 / x (Reciprocal). */
export function reciprocal(x: TensorLike): Tensor { return unary(Reciprocal, x); }
/** 1 / x, 0 where x is 0 (DivNoNan(1, x)). */
export function reciprocalNoNan(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  return execute1(DivNoNan, [convertToTensor(1, t.dtype), t], {});
}
export function tan(x: TensorLike): Tensor { return unary(Tan, x); }
export function asin(x: TensorLike): Tensor { return unary(Asin, x); }
export function acos(x: TensorLike): Tensor { return unary(Acos, x); }
export function atan(x: TensorLike): Tensor { return unary(Atan, x); }
/** atan(y / x) in the right quadrant (Atan2, broadcasting): note the argument order, y first. */
export function atan2(y: TensorLike, x: TensorLike): Tensor { return binary(Atan2, y, x); }
export function sinh(x: TensorLike): Tensor { return unary(Sinh, x); }
export function cosh(x: TensorLike): Tensor { return unary(Cosh, x); }
export function asinh(x: TensorLike): Tensor { return unary(Asinh, x); }
export function acosh(x: TensorLike): Tensor { return unary(Acosh, x); }
export function atanh(x: TensorLike): Tensor { return unary(Atanh, x); }
/** exp(x) - 1, accurate for small x. */
export function expm1(x: TensorLike): Tensor { return unary(Expm1, x); }
/** The Gauss error function. */
export function erf(x: TensorLike): Tensor { return unary(Erf, x); }
/** 1 - erf(x), accurate for large x. */
export function erfc(x: TensorLike): Tensor { return unary(Erfc, x); }
/** log |Γ(x)|. */
export function lgamma(x: TensorLike): Tensor { return unary(Lgamma, x); }
/** ψ(x), the derivative of lgamma. */
export function digamma(x: TensorLike): Tensor { return unary(Digamma, x); }
/** The Hurwitz zeta function ζ(x, q). */
export function zeta(x: TensorLike, q: TensorLike): Tensor { return binary(Zeta, x, q); }
/** ψ⁽ᵃ⁾(x), the a-th derivative of digamma. */
export function polygamma(a: TensorLike, x: TensorLike): Tensor { return binary(Polygamma, a, x); }
/** log(exp(x) + 1), computed as TensorFlow's Softplus kernel (thresholds by the dtype's epsilon). */
export function softplus(x: TensorLike): Tensor { return unary(Softplus, x); }
/** x / (|x| + 1). */
export function softsign(x: TensorLike): Tensor { return unary(Softsign, x); }
/** log(sigmoid(x)) = -softplus(-x), as tf.math.log_sigmoid. */
export function logSigmoid(x: TensorLike): Tensor {
  return negative(execute1(Softplus, [negative(convertToTensor(x))], {}));
}
/** (x - y)², broadcasting (SquaredDifference; (x - y) conj(x - y) for complex). */
export function squaredDifference(x: TensorLike, y: TensorLike): Tensor { return binary(SquaredDifference, x, y); }
export function isNan(x: TensorLike): Tensor { return unary(IsNan, x); }
export function isInf(x: TensorLike): Tensor { return unary(IsInf, x); }
export function isFinite(x: TensorLike): Tensor { return unary(IsFinite, x); }
/** x / y rounded toward zero (C's integer division; TruncateDiv). */
export function truncateDiv(x: TensorLike, y: TensorLike): Tensor { return binary(TruncateDiv, x, y); }
/** The remainder of truncating division, with the dividend's sign (C's % and fmod; TruncateMod). */
export function truncateMod(x: TensorLike, y: TensorLike): Tensor { return binary(TruncateMod, x, y); }
/** x / y without the integer cast of true division (RealDiv). */
export function realdiv(x: TensorLike, y: TensorLike): Tensor { return binary(RealDiv, x, y); }
/** x / y, 0 where y is 0 (DivNoNan; integers are cast as true division casts them). */
export function divNoNan(x: TensorLike, y: TensorLike): Tensor { return execute1(DivNoNan, trueDivOperands(x, y), {}); }
/** x * y, 0 where y is 0 even when x is NaN or infinite (MulNoNan). */
export function multiplyNoNan(x: TensorLike, y: TensorLike): Tensor {
  const a = convertToTensor(x);
  const b = convertPreferring(y, a.dtype);
  if (a.dtype !== b.dtype) throw new TFTypeError(multiplyNoNanDtypeMismatch(a.dtype, b.dtype));
  return execute1(MulNoNan, [a, b], {});
}
/** x * log(y), 0 where x is 0. */
export function xlogy(x: TensorLike, y: TensorLike): Tensor { return binary(Xlogy, x, y); }
/** x * log1p(y), 0 where x is 0. */
export function xlog1py(x: TensorLike, y: TensorLike): Tensor { return binary(Xlog1py, x, y); }
/** x / y, 0 where x is 0. */
export function xdivy(x: TensorLike, y: TensorLike): Tensor { return binary(Xdivy, x, y); }

