// The ops of ops/nn.ts as functions (TensorFlow's gen_nn_ops): one op each, on the last axis
// or in the op's own layout. tf.nn's Python-level functions (src/nn/) and the gradients
// (autodiff/gradients/nn.ts) build on them.
import {
  BiasAdd, BiasAddGrad, Elu, EluGrad, LeakyRelu, LeakyReluGrad, LogSoftmax, Relu6, Relu6Grad, Selu, SeluGrad,
  Softmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, type DataFormat,
} from "../../ops/nn.js";
import { execute, execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { binary, indexTensor, unary } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

export function relu6Op(x: TensorLike): Tensor { return unary(Relu6, x); }
export function relu6Grad(gradients: TensorLike, features: TensorLike): Tensor { return binary(Relu6Grad, gradients, features); }
export function eluOp(x: TensorLike): Tensor { return unary(Elu, x); }
export function eluGrad(gradients: TensorLike, outputs: TensorLike): Tensor { return binary(EluGrad, gradients, outputs); }
export function seluOp(x: TensorLike): Tensor { return unary(Selu, x); }
export function seluGrad(gradients: TensorLike, outputs: TensorLike): Tensor { return binary(SeluGrad, gradients, outputs); }
export function leakyReluOp(x: TensorLike, alpha: number): Tensor { return execute1(LeakyRelu, [convertToTensor(x)], { alpha }); }
export function leakyReluGrad(gradients: Tensor, features: Tensor, alpha: number): Tensor {
  return execute1(LeakyReluGrad, [gradients, features], { alpha });
}
/** Softmax over the last axis. */
export function softmaxOp(logits: TensorLike): Tensor { return execute1(Softmax, [convertToTensor(logits)], {}); }
/** LogSoftmax over the last axis. */
export function logSoftmaxOp(logits: TensorLike): Tensor { return execute1(LogSoftmax, [convertToTensor(logits)], {}); }
/** `[loss, backprop]` of SoftmaxCrossEntropyWithLogits(features, labels) (matrices that broadcast). */
export function softmaxCrossEntropyOp(features: Tensor, labels: Tensor): [Tensor, Tensor] {
  const [loss, backprop] = execute(SoftmaxCrossEntropyWithLogits, [features, labels], {});
  return [loss!, backprop!];
}
/** `[loss, backprop]` of SparseSoftmaxCrossEntropyWithLogits(features [batch, classes], labels [batch]). */
export function sparseSoftmaxCrossEntropyOp(features: Tensor, labels: TensorLike): [Tensor, Tensor] {
  const l = indexTensor(labels);
  const [loss, backprop] = execute(SparseSoftmaxCrossEntropyWithLogits, [features, l], { tlabels: l.dtype });
  return [loss!, backprop!];
}
export function biasAddOp(value: Tensor, bias: Tensor, dataFormat: DataFormat): Tensor {
  return execute1(BiasAdd, [value, bias], { dataFormat });
}
export function biasAddGrad(outBackprop: Tensor, dataFormat: DataFormat): Tensor {
  return execute1(BiasAddGrad, [outBackprop], { dataFormat });
}
