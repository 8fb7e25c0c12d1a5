// tf.nn's activations (nn_ops.py / nn_impl.py): the ones that are ops (Relu6, Elu, Selu,
// LeakyRelu, Softmax, LogSoftmax) convert their argument and run it; gelu, silu/swish and crelu
// are composed of existing ops as TensorFlow's Python layer composes them. Softmax and
// log_softmax on another axis than the last swap it with the last one around the op, as
// TensorFlow's _wrap_2d_function does.
import { float32 } from "../core/dtypes.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import { geluNotFloating, softmaxDimOutOfRange } from "../errors/nn_messages.js";
import { concat, transpose } from "../api/ops/array.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { erf } from "../api/ops/elementwise_math.js";
import { add, cast, divide, multiply, negative, pow, relu, sigmoid, tanh } from "../api/ops/math.js";
import { eluOp, leakyReluOp, logSoftmaxOp, relu6Op, seluOp, softmaxOp } from "../api/ops/nn.js";
import type { Tensor } from "../runtime/tensor.js";

export { relu, sigmoid, tanh } from "../api/ops/math.js";
export { softplus, softsign, logSigmoid } from "../api/ops/elementwise_math.js";

/** min(max(x, 0), 6) (Relu6). */
export function relu6(features: TensorLike): Tensor { return relu6Op(features); }

export interface LeakyReluOptions { alpha?: number }
/** x where x > 0, else alpha * x (LeakyRelu); integer tensors are cast to float32 first, as TensorFlow does. */
export function leakyRelu(features: TensorLike, options: LeakyReluOptions = {}): Tensor {
  let x = convertToTensor(features);
  if (x.dtype.isInteger) x = cast(x, float32);
  return leakyReluOp(x, options.alpha ?? 0.2);
}

/** x where x > 0, else exp(x) - 1 (Elu). */
export function elu(features: TensorLike): Tensor { return eluOp(features); }
/** scale * elu(x) with alpha = 1.6732632…, scale = 1.0507009… (Selu). */
export function selu(features: TensorLike): Tensor { return seluOp(features); }

export interface GeluOptions { approximate?: boolean }
/**
 * x · Φ(x): 0.5 x (1 + erf(x / √2)), or with `approximate` the tanh form
 * 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))), as tf.nn.gelu composes them.
 */
export function gelu(features: TensorLike, options: GeluOptions = {}): Tensor {
  const x = convertToTensor(features);
  if (!x.dtype.isFloating) throw new ValueError(geluNotFloating(String(x.dtype)));
  const half = multiply(0.5, x);
  if (options.approximate ?? false) {
    const inner = multiply(0.7978845608028654, add(x, multiply(convertToTensor(0.044715, x.dtype), pow(x, 3))));
    return multiply(half, add(1, tanh(inner)));
  }
  return multiply(half, add(1, erf(divide(x, convertToTensor(1.4142135623730951, x.dtype)))));
}

export interface SiluOptions { beta?: TensorLike }
/** x · sigmoid(beta · x) (tf.nn.silu, also tf.nn.swish); beta is cast to x's dtype and gets a gradient too. */
export function silu(features: TensorLike, options: SiluOptions = {}): Tensor {
  const x = convertToTensor(features);
  const beta = cast(convertToTensor(options.beta ?? 1.0), x.dtype);
  return multiply(x, sigmoid(multiply(beta, x)));
}
export { silu as swish };

export interface CreluOptions { axis?: number }
/** relu(concat([x, -x], axis)): the concatenated ReLU, doubling the depth of `axis` (default -1). */
export function crelu(features: TensorLike, options: CreluOptions = {}): Tensor {
  const x = convertToTensor(features);
  return relu(concat([x, negative(x)], options.axis ?? -1));
}

/** Run a last-axis op on `axis` of `x`, swapping it with the last axis around the op (_wrap_2d_function). */
function onAxis(op: (x: Tensor) => Tensor, logits: TensorLike, axis: number | null | undefined): Tensor {
  const x = convertToTensor(logits);
  const dim = axis ?? -1;
  const rank = x.rank;
  if (dim === -1 || dim === rank - 1) return op(x);
  if (!(dim >= -rank && dim < rank)) throw new InvalidArgumentError(softmaxDimOutOfRange(dim, rank));
  const a = dim < 0 ? dim + rank : dim;
  const perm = x.dims.map((_, i) => (i === a ? rank - 1 : i === rank - 1 ? a : i));
  return transpose(op(transpose(x, perm)), perm);
}

/** exp(x) / sum(exp(x)) along `axis` (default -1; Softmax). */
export function softmax(logits: TensorLike, axis: number | null = -1): Tensor { return onAxis(softmaxOp, logits, axis); }
/** x - log(sum(exp(x))) along `axis` (default -1; LogSoftmax). */
export function logSoftmax(logits: TensorLike, axis: number | null = -1): Tensor { return onAxis(logSoftmaxOp, logits, axis); }
