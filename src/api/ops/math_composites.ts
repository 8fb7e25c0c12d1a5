// Math functions TensorFlow's Python layer composes from other ops (math_ops.py, check_ops.py):
// tf.math.logical_xor, conj, angle, scalar_mul, zero_fraction, is_non_decreasing and
// is_strictly_increasing. Each lowers to the ops TensorFlow uses, so gradients and devices follow.
import { float32, int64 } from "../../core/dtypes.js";
import { TensorShape } from "../../core/tensor_shape.js";
import { TypeError as TFTypeError, ValueError } from "../../errors/errors.js";
import { conjNotNumeric, monotonicNotNumeric, scalarMulNotScalar } from "../../errors/math_messages.js";
import type { Tensor } from "../../runtime/tensor.js";
import { reshape, slice, transpose, zerosLike, onesLike } from "./array.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { less, lessEqual, logicalAnd, logicalNot, logicalOr, notEqual, where } from "./compare.js";
import { atan2 } from "./elementwise_math.js";
import { cast, divide, imag, multiply, real, subtract } from "./math.js";
import { reduceAll, reduceSum } from "./reduce.js";

/** tf.math.logical_xor: (x or y) and not (x and y), as TensorFlow composes it. */
export function logicalXor(x: TensorLike, y: TensorLike): Tensor {
  return logicalAnd(logicalOr(x, y), logicalNot(logicalAnd(x, y)));
}

/** tf.math.conj: the complex conjugate; real and integer tensors come back as they are. */
export function conj(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  if (t.dtype.isComplex) return transpose(t, t.dims.map((_, i) => i), { conjugate: true });
  if (t.dtype.isFloating || t.dtype.isInteger) return t;
  throw new TFTypeError(conjNotNumeric(t.dtype));
}

/** tf.math.angle: the argument of complex numbers; of real ones π where negative, else 0. */
export function angle(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  if (t.dtype.isComplex) return atan2(imag(t), real(t));
  return where(less(t, 0), multiply(onesLike(t), Math.PI), zerosLike(t));
}

/** tf.math.scalar_mul(scalar, x): `scalar` (converted to x's dtype) times x; the scalar must be 0-D. */
export function scalarMul(scalar: TensorLike, x: TensorLike): Tensor {
  const t = convertToTensor(x);
  const s = convertToTensor(scalar, t.dtype);
  if (s.rank !== 0) throw new ValueError(scalarMulNotScalar(String(new TensorShape(s.dims))));
  return multiply(s, t);
}

/** tf.math.zero_fraction: the fraction of zeros in `value`, float32 (NaN when empty). */
export function zeroFraction(value: TensorLike): Tensor {
  const t = convertToTensor(value);
  const nonzero = reduceSum(cast(notEqual(t, zerosLike(t)), int64));
  const size = convertToTensor(BigInt(t.size), int64);
  return divide(cast(subtract(size, nonzero), float32), cast(size, float32));
}

/** x flattened, and x[1:] - x[:-1] (empty below two elements), as check_ops does. */
function monotonicDiff(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  const flat = reshape(t, [-1]);
  if (!(t.dtype.isFloating || t.dtype.isInteger || t.dtype.isComplex)) {
    throw new TFTypeError(monotonicNotNumeric(String(flat)));
  }
  const n = flat.size;
  if (n < 2) return convertToTensor([], t.dtype);
  return subtract(slice(flat, [1], [n - 1]), slice(flat, [0], [n - 1]));
}

/** tf.math.is_non_decreasing: whether x[i] <= x[i+1] for every adjacent pair in row-major order. */
export function isNonDecreasing(x: TensorLike): Tensor {
  const diff = monotonicDiff(x);
  return reduceAll(lessEqual(convertToTensor(0, diff.dtype), diff));
}

/** tf.math.is_strictly_increasing: whether x[i] < x[i+1] for every adjacent pair in row-major order. */
export function isStrictlyIncreasing(x: TensorLike): Tensor {
  const diff = monotonicDiff(x);
  return reduceAll(less(convertToTensor(0, diff.dtype), diff));
}
