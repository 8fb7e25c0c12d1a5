// Gradients of the ops of ops/nn.ts, as TensorFlow's nn_grad.py defines them: the activations
// through their *Grad ops (and those ops' own gradients, for second derivatives), Softmax and
// LogSoftmax from their outputs, the cross-entropies from the backprop their op returns (plus
// the softmax term when that backprop itself receives a gradient), BiasAdd's bias through
// BiasAddGrad and BiasAddGrad's through a tile.
import type { nnOps } from "../../ops/nn.js";
import { add, exp, multiply, negative, subtract } from "../../api/ops/math.js";
import { less, where } from "../../api/ops/compare.js";
import { expandDims, reshape, tile, zerosLike } from "../../api/ops/array.js";
import { reduceSum } from "../../api/ops/reduce.js";
import {
  biasAddGrad, eluGrad, leakyReluGrad, logSoftmaxOp, relu6Grad, seluGrad, softmaxOp,
} from "../../api/ops/nn.js";
import type { Tensor } from "../../runtime/tensor.js";
import type { GradientTable } from "../gradient_registry.js";
import { isGradientZeros, unbroadcast } from "./gradient_helpers.js";

/** (g - sum(g * softmax, -1)) * softmax: the softmax's vector-Jacobian product. */
function softmaxVjp(g: Tensor, softmax: Tensor): Tensor {
  return multiply(subtract(g, reduceSum(multiply(g, softmax), -1, true)), softmax);
}

/** A cross-entropy's logits gradient: dloss[:, None] * backprop, plus the softmax term for a gradient of backprop. */
function xentLogitsGradient(logits: Tensor, backprop: Tensor, dLoss: Tensor, dBackprop: Tensor): Tensor {
  let grad = multiply(expandDims(dLoss, -1), backprop);
  if (!isGradientZeros(dBackprop)) grad = add(grad, softmaxVjp(dBackprop, softmaxOp(logits)));
  return grad;
}

export const nnGradients: GradientTable<typeof nnOps> = {
  Relu6: ({ outputs: [y] }, [dy]) => [relu6Grad(dy!, y!)],
  // Relu6Grad(g, x) is linear in g: the incoming gradient masked the same way.
  Relu6Grad: ({ inputs: [, x] }, [dd]) => [relu6Grad(dd!, x!), zerosLike(x!)],
  Elu: ({ outputs: [y] }, [dy]) => [eluGrad(dy!, y!)],
  // EluGrad(g, y) = g * (y + 1) where y < 0: y's partial is g there.
  EluGrad: ({ inputs: [g, y] }, [dd]) => [eluGrad(dd!, y!), where(less(y!, 0), multiply(dd!, g!), zerosLike(y!))],
  Selu: ({ outputs: [y] }, [dy]) => [seluGrad(dy!, y!)],
  SeluGrad: ({ inputs: [g, y] }, [dd]) => [seluGrad(dd!, y!), where(less(y!, 0), multiply(dd!, g!), zerosLike(y!))],
  LeakyRelu: ({ inputs: [x], attrs: { alpha } }, [dy]) => [leakyReluGrad(dy!, x!, alpha)],
  LeakyReluGrad: ({ inputs: [, x], attrs: { alpha } }, [dd]) => [leakyReluGrad(dd!, x!, alpha), zerosLike(x!)],
  Softmax: ({ outputs: [y] }, [dy]) => [softmaxVjp(dy!, y!)],
  LogSoftmax: ({ outputs: [y] }, [dy]) => [subtract(dy!, multiply(reduceSum(dy!, -1, true), exp(y!)))],
  SoftmaxCrossEntropyWithLogits: ({ inputs: [logits, labels], outputs: [, backprop] }, [dLoss, dBackprop]) => {
    const gLogits = xentLogitsGradient(logits!, backprop!, dLoss!, dBackprop!);
    let gLabels = multiply(expandDims(dLoss!, -1), negative(logSoftmaxOp(logits!)));
    // backprop = softmax - labels: a gradient of backprop reaches the labels negated (TensorFlow
    // drops this term, so its second derivatives through the labels are zero).
    if (!isGradientZeros(dBackprop!)) gLabels = subtract(gLabels, dBackprop!);
    // Inputs broadcast to one matrix: each gets its gradient summed back to its shape.
    return [unbroadcast(gLogits, logits!.dims), unbroadcast(gLabels, labels!.dims)];
  },
  SparseSoftmaxCrossEntropyWithLogits: ({ inputs: [logits], outputs: [, backprop] }, [dLoss, dBackprop]) => [
    xentLogitsGradient(logits!, backprop!, dLoss!, dBackprop!), null,
  ],
  BiasAdd: ({ attrs: { dataFormat } }, [dy]) => [dy!, biasAddGrad(dy!, dataFormat)],
  // The bias gradient's gradient: dd broadcast back over the value's shape.
  BiasAddGrad: ({ inputs: [g], attrs: { dataFormat } }, [dd]) => {
    const dims = g!.dims;
    const c = dataFormat === "NCHW" ? 1 : dims.length - 1;
    const expanded = dims.map((d, i) => (i === c ? d : 1));
    const multiples = dims.map((d, i) => (i === c ? 1 : d));
    return [tile(reshape(dd!, expanded), multiples)];
  },
};
