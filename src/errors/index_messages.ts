// Messages of indexing (Python's `t[...]` and sliced assignment), GatherNd, tensor iteration
// and the variable methods of issue #14 (count_up_to, scatter-nd shape checks): texts as
// TensorFlow (or its Python layer) writes them.
import { shapeDebugString, sliceDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** An index item that is not an integer, slice, ellipsis, newaxis or scalar integer tensor (_check_index). */
export function invalidIndexItem(got: string): string {
  return "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, " +
    `got ${got}`;
}

/** A sliced assignment whose value does not broadcast to the slice (StridedSliceAssign). */
export function sliceAssignCannotBroadcast(value: Dims, region: Dims): string {
  return `Cannot broadcast input shape ${shapeDebugString(value)} into final shape ${shapeDebugString(region)}`;
}

/** `assign` on a tensor that is not a slice of a variable (Python's AttributeError). */
export function tensorHasNoAssign(): string {
  return "'tensorflow.python.framework.ops.EagerTensor' object has no attribute 'assign'";
}

/** `for (const x of t)` on a scalar tensor. */
export function iterateScalar(): string {
  return "Cannot iterate over a scalar tensor.";
}

/** A GatherNd index tuple outside the params (the kernel names its node). */
export function gatherNdIndexOutOfRange(batch: Dims, i: number, tuple: string, params: Dims, node: string): string {
  return `indices${sliceDebugString(batch, i)} = [${tuple}] does not index into param shape ${shapeDebugString(params)}, node name: ${node}`;
}

/** tf.gather_nd's batch_dims below zero (batch_gather_nd). */
export function gatherNdNegativeBatchDims(): string {
  return "tf.gather_nd does not allow negative batch_dims.";
}

/** tf.gather_nd's batch_dims not below an input's rank. */
export function gatherNdBatchDimsTooLarge(batchDims: number, what: "indices" | "params", rank: number): string {
  return `Argument \`batch_dims\` = ${batchDims} must be less than rank(\`${what}\`) = ${rank}`;
}

/** count_up_to at its limit. */
export function reachedLimit(limit: number): string {
  return `Reached limit of ${limit}`;
}

/** A scatter-nd into a scalar (ScatterNd's PrepareAndValidateInputs). */
export function scatterNdOutputScalar(dims: Dims): string {
  return `Output must be at least 1-D, got shape: ${shapeDebugString(dims)}`;
}

/** A scatter-nd whose indices and updates differ in the first dimension. */
export function scatterNdOuterMismatch(indices: Dims, updates: Dims): string {
  return `Dimensions [0,1) of indices[shape=${shapeDebugString(indices)}] = ${indices[0]} ` +
    `must match dimensions [0,1) of updates[shape=${shapeDebugString(updates)}] = ${updates[0]}`;
}

/**
 * A scatter-nd whose updates differ from the indices' leading `batchDim` dimensions
 * (ValidateScatterNdUpdateShape; ScatterNd's kernel checks its outer dimensions the same way).
 */
export function scatterNdPrefixMismatch(batchDim: number, indices: Dims, updates: Dims): string {
  return `Dimensions [0,${batchDim}) of indices[shape=${shapeDebugString(indices)}] ` +
    `must match dimensions [0,${batchDim}) of updates[shape=${shapeDebugString(updates)}]`;
}

/**
 * A scatter-nd whose updates, from axis `updatesFrom`, differ from the input's dimensions from
 * axis `inputFrom` (ValidateScatterNdUpdateShape passes slice_dim for both; ScatterNd's kernel
 * the index depth and the indices' outer rank).
 */
export function scatterNdSuffixMismatch(inputFrom: number, params: Dims, updatesFrom: number, updates: Dims): string {
  return `Dimensions [${inputFrom},${params.length}) of input[shape=${shapeDebugString(params)}] ` +
    `must match dimensions [${updatesFrom},${updates.length}) of updates[shape=${shapeDebugString(updates)}]`;
}

/** A scatter-nd into an output without elements whose indices have some (PrepareAndValidateInputs). */
export function scatterNdEmptyOutput(indices: Dims): string {
  return `Indices and updates specified for empty output.  indices shape: ${shapeDebugString(indices)}`;
}

/** A scatter-nd whose index depth the kernels have no case for (DoScatterNd: depths 1 to 7). */
export function scatterNdDepthUnsupported(depth: number): string {
  return `Only indices.shape[-1] values between 1 and 5 are currently supported.  Requested rank: ${depth}`;
}
