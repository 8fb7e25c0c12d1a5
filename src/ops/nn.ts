// The ops of tf.nn without convolutions (issue #15): activations and their gradient ops
// (relu_op.cc), Softmax and LogSoftmax (softmax_op.cc), the two softmax cross-entropies
// (xent_op.cc, sparse_xent_op.cc) and BiasAdd / BiasAddGrad (bias_op.cc). Dtype lists are
// TensorFlow's op registrations (nn_ops.cc), in their order; shape errors are its kernels'.
import { broadcastShape } from "../core/broadcast.js";
import type { DType, DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import {
  biasInputRankTooLow, biasNotVector, biasSizeMismatch, invalidDataFormat, logitsRankTooLow, sparseXentBatchMismatch,
  sparseXentLabelsNotVector, sparseXentLogitsNotMatrix, sparseXentNoClasses, xentNotBroadcastable, xentNotMatrix,
} from "../errors/nn_messages.js";
import { inputsNotSameShape } from "../errors/op_messages.js";
import { defineOp, definePlannedOp, NUMBERS, REAL_NUMBER_TYPES } from "./op_def.js";
import { unaryOpDef } from "./math.js";
import { checkSameDtype } from "./shape_rules.js";

/** `{half, bfloat16, float, double}`, the floating types of nn_ops.cc. */
const NN_FLOATS: readonly DTypeName[] = ["float16", "bfloat16", "float32", "float64"];

/** A `*Grad(gradients, x)` op: both inputs of one dtype and one shape, the output like them. */
function activationGradOpDef<Attrs extends object = object>(name: string, allowed: readonly DTypeName[]) {
  return defineOp<Attrs>({
    name, allowed,
    inferOutputs: (inputs) => {
      checkSameDtype(name, inputs);
      const [g, f] = inputs as [TensorSpec, TensorSpec];
      if (g.dims.length !== f.dims.length || g.dims.some((d, i) => d !== f.dims[i])) {
        throw new InvalidArgumentError(inputsNotSameShape(name, g.dims, 1, f.dims));
      }
      return [{ dtype: g.dtype, dims: g.dims }];
    },
  });
}

/** min(max(x, 0), 6). */
export const Relu6 = unaryOpDef("Relu6", REAL_NUMBER_TYPES);
/** Relu6Grad(gradients, features): gradients where 0 < features < 6. */
export const Relu6Grad = activationGradOpDef("Relu6Grad", REAL_NUMBER_TYPES);
/** x where x > 0, else exp(x) - 1. */
export const Elu = unaryOpDef("Elu", NN_FLOATS);
/** EluGrad(gradients, outputs): gradients where outputs >= 0, else gradients * (outputs + 1). */
export const EluGrad = activationGradOpDef("EluGrad", NN_FLOATS);
/** scale * x where x > 0, else scale * alpha * (exp(x) - 1). */
export const Selu = unaryOpDef("Selu", NN_FLOATS);
/** SeluGrad(gradients, outputs). */
export const SeluGrad = activationGradOpDef("SeluGrad", NN_FLOATS);

export interface LeakyReluAttrs { readonly alpha: number }
/** x where x > 0, else alpha * x. */
export const LeakyRelu = defineOp<LeakyReluAttrs>({
  name: "LeakyRelu",
  allowed: NN_FLOATS,
  inferOutputs: ([x]) => [{ dtype: x!.dtype, dims: x!.dims }],
});
/** LeakyReluGrad(gradients, features): gradients where features > 0, else alpha * gradients. */
export const LeakyReluGrad = activationGradOpDef<LeakyReluAttrs>("LeakyReluGrad", NN_FLOATS);

/** Softmax / LogSoftmax over the last axis; the plan is the rows' count and length. */
export interface RowsPlan { readonly rows: number; readonly depth: number }
function softmaxOpDef(name: string) {
  return definePlannedOp<object, RowsPlan>({
    name, allowed: NN_FLOATS,
    plan: ([x]) => {
      if (x!.dims.length < 1) throw new InvalidArgumentError(logitsRankTooLow(x!.dims));
      const depth = x!.dims[x!.dims.length - 1]!;
      const size = x!.dims.reduce((p, q) => p * q, 1);
      return { outputs: [{ dtype: x!.dtype, dims: x!.dims }], plan: { rows: depth === 0 ? 0 : size / depth, depth } };
    },
  });
}
export const Softmax = softmaxOpDef("Softmax");
export const LogSoftmax = softmaxOpDef("LogSoftmax");

/**
 * SoftmaxCrossEntropyWithLogits(features, labels) -> (loss [batch], backprop [batch, classes]).
 * The inputs broadcast to one matrix (the plan: its shape and each input's strides).
 */
export interface XentPlan {
  readonly rows: number;
  readonly depth: number;
  /** Element strides (row, column) of features and labels in the broadcast matrix (0 on broadcast dims). */
  readonly logitsStrides: readonly [number, number];
  readonly labelsStrides: readonly [number, number];
}
function matrixStrides(dims: readonly number[], out: readonly [number, number]): [number, number] {
  // Rank below 2 broadcasts as leading ones.
  const d = dims.length === 2 ? dims : dims.length === 1 ? [1, dims[0]!] : [1, 1];
  return [d[0] === 1 && out[0] !== 1 ? 0 : d[1]!, d[1] === 1 && out[1] !== 1 ? 0 : 1];
}
export const SoftmaxCrossEntropyWithLogits = definePlannedOp<object, XentPlan>({
  name: "SoftmaxCrossEntropyWithLogits",
  allowed: NN_FLOATS,
  plan: (inputs) => {
    checkSameDtype("SoftmaxCrossEntropyWithLogits", inputs);
    const [f, l] = inputs as [TensorSpec, TensorSpec];
    let dims = f.dims;
    if (f.dims.length !== l.dims.length || f.dims.some((d, i) => d !== l.dims[i])) {
      const b = broadcastShape(f.dims, l.dims);
      if (b === null) throw new InvalidArgumentError(xentNotBroadcastable(f.dims, l.dims));
      dims = b;
    }
    if (dims.length !== 2) throw new InvalidArgumentError(xentNotMatrix());
    const shape: [number, number] = [dims[0]!, dims[1]!];
    return {
      outputs: [{ dtype: f.dtype, dims: [shape[0]] }, { dtype: f.dtype, dims: shape }],
      plan: { rows: shape[0], depth: shape[1], logitsStrides: matrixStrides(f.dims, shape), labelsStrides: matrixStrides(l.dims, shape) },
    };
  },
});

/** TensorFlow's Tlabels attribute: the labels' dtype (devices register kernels for some only). */
export interface SparseXentAttrs { readonly tlabels: DType }
/** SparseSoftmaxCrossEntropyWithLogits(features [batch, classes], labels [batch] int32/int64). */
export const SparseSoftmaxCrossEntropyWithLogits = definePlannedOp<SparseXentAttrs, RowsPlan>({
  name: "SparseSoftmaxCrossEntropyWithLogits",
  allowed: NN_FLOATS,
  plan: ([f, l]) => {
    if (l!.dtype.name !== "int32" && l!.dtype.name !== "int64") {
      throw new InvalidArgumentError(notInAllowedValues("Tlabels", l!.dtype, ["int32", "int64"]));
    }
    if (f!.dims.length !== 2) throw new InvalidArgumentError(sparseXentLogitsNotMatrix(f!.dims));
    if (l!.dims.length !== 1) throw new InvalidArgumentError(sparseXentLabelsNotVector(l!.dims));
    if (f!.dims[0] !== l!.dims[0]) throw new InvalidArgumentError(sparseXentBatchMismatch(f!.dims, l!.dims));
    if (f!.dims[1]! <= 0) throw new InvalidArgumentError(sparseXentNoClasses(f!.dims));
    return {
      outputs: [{ dtype: f!.dtype, dims: [f!.dims[0]!] }, { dtype: f!.dtype, dims: f!.dims }],
      plan: { rows: f!.dims[0]!, depth: f!.dims[1]! },
    };
  },
});

export type DataFormat = "NHWC" | "NCHW";
export interface BiasAttrs { readonly dataFormat: DataFormat }
/**
 * How a bias meets its value: the value as [outer, channels, inner] (NHWC: inner = 1; NCHW:
 * channels at axis 1).
 */
export interface BiasPlan { readonly outer: number; readonly channels: number; readonly inner: number }
function biasPlan(dims: readonly number[], dataFormat: DataFormat): BiasPlan {
  if (dataFormat !== "NHWC" && dataFormat !== "NCHW") throw new InvalidArgumentError(invalidDataFormat());
  if (dims.length < 2) throw new InvalidArgumentError(biasInputRankTooLow(dims));
  const c = dataFormat === "NCHW" ? 1 : dims.length - 1;
  const prod = (xs: readonly number[]) => xs.reduce((p, q) => p * q, 1);
  return { outer: prod(dims.slice(0, c)), channels: dims[c]!, inner: prod(dims.slice(c + 1)) };
}
/** BiasAdd(value, bias): bias added along the channel axis (the last for NHWC, axis 1 for NCHW). */
export const BiasAdd = definePlannedOp<BiasAttrs, BiasPlan>({
  name: "BiasAdd",
  allowed: NUMBERS,
  plan: (inputs, { dataFormat }) => {
    checkSameDtype("BiasAdd", inputs);
    const [x, b] = inputs as [TensorSpec, TensorSpec];
    const plan = biasPlan(x.dims, dataFormat);
    if (b.dims.length !== 1) throw new InvalidArgumentError(biasNotVector(b.dims));
    if (b.dims[0] !== plan.channels) throw new InvalidArgumentError(biasSizeMismatch(b.dims, x.dims));
    return { outputs: [{ dtype: x.dtype, dims: x.dims }], plan };
  },
});
/** BiasAddGrad(out_backprop): the sums over every axis but the channel axis. */
export const BiasAddGrad = definePlannedOp<BiasAttrs, BiasPlan>({
  name: "BiasAddGrad",
  allowed: NUMBERS,
  plan: ([g], { dataFormat }) => {
    const plan = biasPlan(g!.dims, dataFormat);
    return { outputs: [{ dtype: g!.dtype, dims: [plan.channels] }], plan };
  },
});

/** Every op of this family, by name (the gradient table is typed over it). */
export const nnOps = {
  Relu6, Relu6Grad, Elu, EluGrad, Selu, SeluGrad, LeakyRelu, LeakyReluGrad, Softmax, LogSoftmax,
  SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, BiasAdd, BiasAddGrad,
};
