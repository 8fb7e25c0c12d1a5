// Native kernels of the tf.nn row ops (over the reference kernels in ../nn.ts): float32
// Softmax, LogSoftmax and both softmax cross-entropies (int32 labels; dense labels of the
// logits' own shape, no broadcasting), rows in parallel. Small inputs stay in TypeScript.
import { LogSoftmax, Softmax, SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits } from "../../../../ops/nn.js";
import type { NativeSoftmax } from "../../../native/addon.js";
import { registerNativeCpuKernel } from "../../kernel.js";
import { checkSparseLabels } from "../nn.js";
import { allocate, F32 } from "./elementwise.js";

/** Element counts from which these kernels take a call (mutable for tests). */
export const nnNativeThresholds = { rows: 1024 };

/** Register the addon's tf.nn kernels. */
export function registerNativeNnKernels(addon: NativeSoftmax): void {
  for (const [op, log] of [[Softmax, false], [LogSoftmax, true]] as const) {
    registerNativeCpuKernel(op, ["float32"], (inputs, _attrs, _outputs, { rows, depth }) => {
      if (rows * depth < nnNativeThresholds.rows) return null;
      const out = allocate(F32, rows * depth) as Float32Array;
      addon.softmax(inputs[0]!.buffer as Float32Array, out, rows, depth, log);
      return [out];
    });
  }
  registerNativeCpuKernel(SoftmaxCrossEntropyWithLogits, ["float32"], (inputs, _attrs, _outputs, plan) => {
    const { rows, depth, logitsStrides, labelsStrides } = plan;
    const dense = logitsStrides[0] === depth && logitsStrides[1] === 1 && labelsStrides[0] === depth && labelsStrides[1] === 1;
    if (!dense || rows * depth < nnNativeThresholds.rows) return null;
    const loss = allocate(F32, rows) as Float32Array, back = allocate(F32, rows * depth) as Float32Array;
    addon.softmaxXent(inputs[0]!.buffer as Float32Array, inputs[1]!.buffer as Float32Array, loss, back, rows, depth);
    return [loss, back];
  });
  registerNativeCpuKernel(SparseSoftmaxCrossEntropyWithLogits, ["float32"], (inputs, _attrs, _outputs, { rows, depth }) => {
    const labels = inputs[1]!;
    if (labels.dtype.name !== "int32" || rows * depth < nnNativeThresholds.rows) return null;
    checkSparseLabels(labels, rows, depth);
    const loss = allocate(F32, rows) as Float32Array, back = allocate(F32, rows * depth) as Float32Array;
    addon.sparseSoftmaxXent(inputs[0]!.buffer as Float32Array, labels.buffer as Int32Array, loss, back, rows, depth);
    return [loss, back];
  });
}
