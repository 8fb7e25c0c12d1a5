// Ops on a variable's buffer (TensorFlow's resource ops). Their first input is the
// variable's own buffer, which the kernels read or update in place; they run on the
// variable's device. Value conversion and Python-level checks happen in api/variable.ts.
import type { DType } from "../core/dtypes.js";
import { sameDims, sizeOf } from "../core/tensor_shape.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { inputDtypeMismatch, notInAllowedValues } from "../errors/messages.js";
import {
  assignShapeMismatch, gatherNdParamsScalar, gatherParamsScalar, ndIndexTooLong, ndIndicesScalar,
  scatterNdUpdatesShapeMismatch, scatterParamsScalar, scatterUpdatesShapeMismatch,
  updateShapeMismatch,
} from "../errors/op_messages.js";
import {
  scatterNdEmptyOutput, scatterNdOuterMismatch, scatterNdOutputScalar, scatterNdPrefixMismatch, scatterNdSuffixMismatch,
} from "../errors/index_messages.js";
import { ALL_TYPES, defineOp, NUMBERS, REAL_NUMBERS, type OpDef } from "./op_def.js";

/** Creates a variable's buffer (TensorFlow's VarHandleOp): zeros of the variable's dtype and shape. */
export const VarHandleOp = defineOp<{ dtype: DType; dims: readonly number[] }>({
  name: "VarHandleOp",
  inferOutputs: (_inputs, { dtype, dims }) => [{ dtype, dims }],
  kernelDtype: (_inputs, { dtype }) => dtype,
});

export const ReadVariableOp = defineOp({
  name: "ReadVariableOp",
  resourceInput: 0,
  inferOutputs: ([v]) => [{ dtype: v!.dtype, dims: v!.dims }],
});

export const AssignVariableOp = defineOp({
  name: "AssignVariableOp",
  resourceInput: 0,
  inferOutputs: ([v, x]) => {
    if (!sameDims(v!.dims, x!.dims)) {
      throw new InvalidArgumentError(assignShapeMismatch(v!.dims, x!.dims));
    }
    return [];
  },
});

function updateOpDef(name: string): OpDef {
  return defineOp({
    name,
    resourceInput: 0,
    allowed: NUMBERS,
    inferOutputs: ([v, x]) => {
      if (!sameDims(v!.dims, x!.dims)) {
        throw new InvalidArgumentError(updateShapeMismatch(v!.dims, x!.dims));
      }
      return [];
    },
  });
}
export const AssignAddVariableOp = updateOpDef("AssignAddVariableOp");
export const AssignSubVariableOp = updateOpDef("AssignSubVariableOp");

/** How a scatter combines an update with the current value. */
export type ScatterMode = "update" | "add" | "sub" | "mul" | "div" | "min" | "max";
export interface ScatterAttrs { mode: ScatterMode }

function checkIndicesDtype(indices: TensorSpec): void {
  if (indices.dtype.name !== "int32" && indices.dtype.name !== "int64") {
    throw new InvalidArgumentError(notInAllowedValues("Tindices", indices.dtype, ["int32", "int64"]));
  }
}

function checkScatterInputs(name: string, v: TensorSpec, indices: TensorSpec, updates: TensorSpec): void {
  checkIndicesDtype(indices);
  if (updates.dtype !== v.dtype) {
    throw new InvalidArgumentError(inputDtypeMismatch(name, 2, v.dtype, updates.dtype));
  }
}

function scatterOpDef(name: string, allowed: typeof ALL_TYPES): OpDef<ScatterAttrs> {
  return defineOp<ScatterAttrs>({
    name, allowed,
    resourceInput: 0,
    inferOutputs: ([v, indices, updates]) => {
      checkScatterInputs(name, v!, indices!, updates!);
      if (v!.dims.length === 0) throw new InvalidArgumentError(scatterParamsScalar(v!.dims));
      const want = [...indices!.dims, ...v!.dims.slice(1)];
      if (updates!.dims.length !== 0 && !sameDims(updates!.dims, want)) {
        throw new InvalidArgumentError(scatterUpdatesShapeMismatch(updates!.dims, indices!.dims, v!.dims));
      }
      return [];
    },
  });
}

export const ResourceScatterUpdate = scatterOpDef("ResourceScatterUpdate", ALL_TYPES);
export const ResourceScatterAdd = scatterOpDef("ResourceScatterAdd", NUMBERS);
export const ResourceScatterSub = scatterOpDef("ResourceScatterSub", NUMBERS);
export const ResourceScatterMul = scatterOpDef("ResourceScatterMul", NUMBERS);
export const ResourceScatterDiv = scatterOpDef("ResourceScatterDiv", NUMBERS);
export const ResourceScatterMin = scatterOpDef("ResourceScatterMin", REAL_NUMBERS);
export const ResourceScatterMax = scatterOpDef("ResourceScatterMax", REAL_NUMBERS);

/** Shapes of an N-d scatter/gather: K index components address params' first K axes. */
export function ndIndexing(params: readonly number[], indices: readonly number[]): { k: number; batch: number[] } {
  if (indices.length === 0) throw new InvalidArgumentError(ndIndicesScalar(indices));
  const k = indices[indices.length - 1]!;
  if (k > params.length) {
    throw new InvalidArgumentError(ndIndexTooLong(k, params.length));
  }
  return { k, batch: indices.slice(0, -1) };
}

/**
 * Whether a scatter's element counts go together (TensorFlow's ValidEmptyOutputShape): no
 * indices and no updates, or some of each into an output with elements.
 */
export function validEmptyOutputShape(outputs: number, indices: number, updates: number): boolean {
  return (indices === 0 && updates === 0) || (outputs !== 0 && indices !== 0 && updates !== 0);
}

/**
 * An N-d scatter's shapes as DoScatterNd checks them (PrepareAndValidateInputs, then
 * ValidateScatterNdUpdateShape), for every scatter-nd op: a scalar output, index or update
 * elements for an output without, the first dimensions, the batch dimensions of indices and
 * updates, the addressed slices of the output. Rank-1 indices count as that many depth-1
 * indices here, as in TensorFlow's kernel.
 */
export function validateScatterNd(params: readonly number[], indices: readonly number[], updates: readonly number[]): void {
  if (params.length === 0) throw new InvalidArgumentError(scatterNdOutputScalar(params));
  if (!validEmptyOutputShape(sizeOf(params), sizeOf(indices), sizeOf(updates))) {
    throw new InvalidArgumentError(scatterNdEmptyOutput(indices));
  }
  if (updates.length > 0 && updates[0] !== indices[0]) {
    throw new InvalidArgumentError(scatterNdOuterMismatch(indices, updates));
  }
  const sliceDim = indices.length > 1 ? indices[indices.length - 1]! : 1;
  const batchDim = indices.length > 1 ? indices.length - 1 : 1;
  const prefix = () => new InvalidArgumentError(scatterNdPrefixMismatch(batchDim, indices, updates));
  const suffix = () => new InvalidArgumentError(scatterNdSuffixMismatch(sliceDim, params, sliceDim, updates));
  if (updates.length < batchDim) throw prefix();
  if (params.length < sliceDim + (updates.length - batchDim)) throw suffix();
  if (updates.length !== batchDim + params.length - sliceDim) throw suffix();
  for (let d = 0; d < batchDim; d++) if (updates[d] !== indices[d]) throw prefix();
  for (let d = 0; d < updates.length - batchDim; d++) if (updates[d + batchDim] !== params[d + sliceDim]) throw suffix();
}

/** A variable scatter-nd's shapes (ResourceScatterNd*: DoScatterNd's checks). */
function checkScatterNdShapes(params: readonly number[], indices: readonly number[], updates: readonly number[]): void {
  if (params.length > 0 && indices.length < 2) {
    // Scalar and vector indices keep the tuple-per-last-axis reading of the kernels here.
    const { k, batch } = ndIndexing(params, indices);
    if (!sameDims(updates, [...batch, ...params.slice(k)])) {
      throw new InvalidArgumentError(scatterNdUpdatesShapeMismatch(indices, batch, updates, k, params));
    }
    return;
  }
  validateScatterNd(params, indices, updates);
}

function scatterNdOpDef(name: string, allowed: typeof ALL_TYPES): OpDef<ScatterAttrs> {
  return defineOp<ScatterAttrs>({
    name, allowed,
    resourceInput: 0,
    inferOutputs: ([v, indices, updates]) => {
      checkScatterInputs(name, v!, indices!, updates!);
      checkScatterNdShapes(v!.dims, indices!.dims, updates!.dims);
      return [];
    },
  });
}

export const ResourceScatterNdUpdate = scatterNdOpDef("ResourceScatterNdUpdate", ALL_TYPES);
export const ResourceScatterNdAdd = scatterNdOpDef("ResourceScatterNdAdd", NUMBERS);
export const ResourceScatterNdSub = scatterNdOpDef("ResourceScatterNdSub", NUMBERS);

/** sparse_read: rows of the variable (ResourceGather). */
export const ResourceGather = defineOp({
  name: "ResourceGather",
  resourceInput: 0,
  inferOutputs: ([v, indices]) => {
    checkIndicesDtype(indices!);
    if (v!.dims.length === 0) throw new InvalidArgumentError(gatherParamsScalar());
    return [{ dtype: v!.dtype, dims: [...indices!.dims, ...v!.dims.slice(1)] }];
  },
});

/** gather_nd on a variable (ResourceGatherNd). */
export const ResourceGatherNd = defineOp({
  name: "ResourceGatherNd",
  resourceInput: 0,
  inferOutputs: ([v, indices]) => {
    checkIndicesDtype(indices!);
    if (v!.dims.length === 0) throw new InvalidArgumentError(gatherNdParamsScalar());
    const { k, batch } = ndIndexing(v!.dims, indices!.dims);
    return [{ dtype: v!.dtype, dims: [...batch, ...v!.dims.slice(k)] }];
  },
});
