// Indexing ops of issue #14: GatherNd (tf.gather_nd) and its inverses ScatterNd (tf.scatter_nd)
// and TensorScatterUpdate/Add/Sub/Min/Max (tf.tensor_scatter_nd_*), and ResourceStridedSliceAssign
// (the sliced assignment `v[...].assign(value)`, with TensorFlow 2's broadcasting of the value).
import { dtypeEnumName, int32, int64, type DType, type DTypeName } from "../core/dtypes.js";
import { sizeOf } from "../core/tensor_shape.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, NotFoundError } from "../errors/errors.js";
import { inputDtypeMismatch, noKernelFor, notInAllowedValues } from "../errors/messages.js";
import {
  scatterNdDepthUnsupported, scatterNdPrefixMismatch, scatterNdSuffixMismatch, sliceAssignCannotBroadcast,
} from "../errors/index_messages.js";
import {
  scatterEmptyOutput, scatterIndicesRank, scatterShapeNotVector, scatterUpdatesRank, shapeDimensionNegative,
  tensorScatterInnerMismatch, tensorScatterInnerRank, tensorScatterOuterMismatch,
} from "../errors/array_messages.js";
import { gatherNdParamsScalar } from "../errors/op_messages.js";
import { planStridedSlice, type HostInts, type StridedSliceAttrs, type StridedSlicePlan } from "./array.js";
import { ALL_TYPES, defineOp, definePlannedOp, NUMBERS, REAL_NUMBERS, type OpDef } from "./op_def.js";
import { ndIndexing, validateScatterNd, validEmptyOutputShape, type ScatterMode } from "./resource.js";

function checkNdIndices(indices: TensorSpec): void {
  if (indices.dtype !== int32 && indices.dtype !== int64) {
    throw new InvalidArgumentError(notInAllowedValues("Tindices", indices.dtype, ["int16", "int32", "int64"]));
  }
}

/** Slices of params addressed by the last axis of indices (GatherNd, batch_dims 0). */
export const GatherNd = defineOp({
  name: "GatherNd",
  inferOutputs: ([params, indices]) => {
    checkNdIndices(indices!);
    if (params!.dims.length === 0) throw new InvalidArgumentError(gatherNdParamsScalar());
    const { k, batch } = ndIndexing(params!.dims, indices!.dims);
    return [{ dtype: params!.dtype, dims: [...batch, ...params!.dims.slice(k)] }];
  },
});

/**
 * How a value of shape `from` broadcasts into `to` (StridedSliceAssignBCast): leading axes of
 * `from` beyond `to`'s rank must be 1, the others equal or 1. The strides of `from` over `to`'s
 * axes (0 where it repeats), or null when it does not broadcast.
 */
export function assignBroadcastStrides(from: readonly number[], to: readonly number[]): number[] | null {
  const extra = from.length - to.length;
  for (let i = 0; i < extra; i++) if (from[i] !== 1) return null;
  const strides = new Array<number>(to.length).fill(0);
  let acc = 1;
  for (let a = to.length - 1; a >= 0; a--) {
    const f = a + extra >= 0 ? from[a + extra]! : 1;
    if (f !== to[a] && f !== 1) return null;
    strides[a] = f === 1 ? 0 : acc;
    acc *= f;
  }
  return strides;
}

/** A sliced assignment's geometry: the strided slice, and the value's strides over its final shape. */
export interface StridedSliceAssignPlan extends StridedSlicePlan {
  readonly valueStrides: readonly number[];
}

/** `ref[begin:end:strides] = value` on a variable's buffer (inputs: the buffer, the value). */
export const ResourceStridedSliceAssign = definePlannedOp<StridedSliceAttrs, StridedSliceAssignPlan>({
  name: "ResourceStridedSliceAssign",
  resourceInput: 0,
  plan: ([v, x], attrs) => {
    if (x!.dtype !== v!.dtype) {
      throw new InvalidArgumentError(inputDtypeMismatch("ResourceStridedSliceAssign", 4, v!.dtype, x!.dtype));
    }
    const plan = planStridedSlice(v!.dims, attrs);
    let valueStrides = plan.final.map(() => 0);
    // An empty region takes any value, as TensorFlow checks only non-empty ones.
    if (sizeOf(plan.processing) > 0) {
      const s = assignBroadcastStrides(x!.dims, plan.final);
      if (s === null) throw new InvalidArgumentError(sliceAssignCannotBroadcast(x!.dims, plan.final));
      valueStrides = s;
    }
    return { outputs: [], plan: { ...plan, valueStrides } };
  },
});

// --- ScatterNd and TensorScatter* ---------------------------------------------------------------

type Dims = readonly number[];

/** How each scatter op combines an update with what is there (ScatterNd adds into zeros). */
export type TensorScatterMode = Extract<ScatterMode, "update" | "add" | "sub" | "min" | "max">;

/**
 * The dtypes of TensorFlow's CPU kernels (scatter_nd_op.cc), which the kernels here register:
 * ScatterNd and TensorScatterUpdate take every type, Add/Sub the numbers, Min/Max the real ones.
 */
export const SCATTER_KERNEL_TYPES: Readonly<Record<TensorScatterMode, readonly DTypeName[]>> = {
  update: ALL_TYPES, add: NUMBERS, sub: NUMBERS, min: REAL_NUMBERS, max: REAL_NUMBERS,
};

/** `Tindices` outside the op's registration. */
function checkIndexType(indices: DType, allowed: readonly DTypeName[]): void {
  if (!allowed.includes(indices.name)) throw new InvalidArgumentError(notInAllowedValues("Tindices", indices, allowed));
}

/** No CPU kernel: a `T` outside `kernelTypes`, or registered index types other than int32/int64 (int16, uint16). */
function checkScatterKernel(name: string, t: DType, indices: DType, kernelTypes: readonly DTypeName[]): void {
  if ((indices !== int32 && indices !== int64) || !kernelTypes.includes(t.name)) {
    throw new NotFoundError(noKernelFor(name, `T=${dtypeEnumName(t)}, Tindices=${dtypeEnumName(indices)}`));
  }
}

/**
 * The shape checks of ScatterNdOp::Compute (`scatterNd`) or TensorScatterOp::Compute, in their
 * order, after the ranks: element counts, the outer dimensions of indices and updates, then the
 * inner dimensions of updates against the output's beyond the index depth.
 */
function checkScatterShapes(scatterNd: boolean, indices: Dims, updates: Dims, shape: Dims, shapeElements: number): void {
  if (!validEmptyOutputShape(shapeElements, sizeOf(indices), sizeOf(updates))) {
    throw new InvalidArgumentError(scatterEmptyOutput());
  }
  const outer = indices.length - 1;
  for (let i = 0; i < outer; i++) {
    if (indices[i] !== updates[i]) {
      throw new InvalidArgumentError(scatterNd ? scatterNdPrefixMismatch(outer, indices, updates) : tensorScatterOuterMismatch(indices, updates));
    }
  }
  const ix = indices[outer]!;
  const inner = () => new InvalidArgumentError(scatterNd
    ? scatterNdSuffixMismatch(ix, shape, outer, updates) : tensorScatterInnerMismatch(shape, ix, updates, outer));
  if (updates.length - outer !== shape.length - ix) {
    throw scatterNd ? inner() : new InvalidArgumentError(tensorScatterInnerRank(shape, updates));
  }
  for (let i = 0; i + outer < updates.length; i++) if (updates[i + outer] !== shape[ix + i]) throw inner();
}

function checkScatterRanks(indices: Dims, updates: Dims): void {
  if (indices.length < 1) throw new InvalidArgumentError(scatterIndicesRank(indices));
  if (updates.length < 1) throw new InvalidArgumentError(scatterUpdatesRank(updates));
}

/** DoScatterNd's checks beyond the op's own, and its index depths (1 to 7) for an output with elements. */
function checkDoScatterNd(shape: Dims, indices: Dims, updates: Dims): void {
  validateScatterNd(shape, indices, updates);
  const depth = indices.length > 1 ? indices[indices.length - 1]! : 1;
  if (sizeOf(shape) > 0 && (depth < 1 || depth > 7)) throw new InvalidArgumentError(scatterNdDepthUnsupported(depth));
}

/** ScatterNd's output shape (host values of the `shape` input, and that input's shape and dtype). */
export interface ScatterNdAttrs { shape: HostInts; shapeDtype: DType }

/** Updates added into zeros of `shape` at the slices the index tuples address (tf.scatter_nd). */
export const ScatterNd = defineOp<ScatterNdAttrs>({
  name: "ScatterNd",
  kernelDtype: ([, updates]) => updates!.dtype,
  inferOutputs: ([indices, updates], { shape, shapeDtype }) => {
    const ix = indices!, u = updates!;
    checkIndexType(ix.dtype, ["int16", "int32", "int64"]);
    if (shapeDtype !== ix.dtype) throw new InvalidArgumentError(inputDtypeMismatch("ScatterNd", 2, ix.dtype, shapeDtype));
    checkScatterKernel("ScatterNd", u.dtype, ix.dtype, SCATTER_KERNEL_TYPES.update);
    checkScatterRanks(ix.dims, u.dims);
    const dims = shape.values;
    const negative = dims.find((d) => d < 0);
    if (negative !== undefined) throw new InvalidArgumentError(shapeDimensionNegative(negative));
    checkScatterShapes(true, ix.dims, u.dims, dims, dims.length);
    if (shape.dims.length !== 1) throw new InvalidArgumentError(scatterShapeNotVector());
    checkDoScatterNd(dims, ix.dims, u.dims);
    return [{ dtype: u.dtype, dims: [...dims] }];
  },
});

/** A TensorScatter* op: a copy of `tensor` with the updates combined in at the addressed slices. */
function tensorScatterDef(name: string, mode: TensorScatterMode, allowedIndices: readonly DTypeName[]): OpDef {
  return defineOp({
    name,
    inferOutputs: ([tensor, indices, updates]) => {
      const t = tensor!, ix = indices!, u = updates!;
      if (u.dtype !== t.dtype) throw new InvalidArgumentError(inputDtypeMismatch(name, 2, t.dtype, u.dtype));
      checkIndexType(ix.dtype, allowedIndices);
      checkScatterKernel(name, t.dtype, ix.dtype, SCATTER_KERNEL_TYPES[mode]);
      checkScatterRanks(ix.dims, u.dims);
      checkScatterShapes(false, ix.dims, u.dims, t.dims, sizeOf(t.dims));
      checkDoScatterNd(t.dims, ix.dims, u.dims);
      return [{ dtype: t.dtype, dims: t.dims }];
    },
  });
}

export const TensorScatterUpdate = tensorScatterDef("TensorScatterUpdate", "update", ["int16", "int32", "int64", "uint16"]);
export const TensorScatterAdd = tensorScatterDef("TensorScatterAdd", "add", ["int32", "int64"]);
export const TensorScatterSub = tensorScatterDef("TensorScatterSub", "sub", ["int32", "int64"]);
export const TensorScatterMin = tensorScatterDef("TensorScatterMin", "min", ["int32", "int64"]);
export const TensorScatterMax = tensorScatterDef("TensorScatterMax", "max", ["int32", "int64"]);

/** The TensorScatter* ops by mode (their kernels differ only in it). */
export const TENSOR_SCATTER_OPS: Readonly<Record<TensorScatterMode, OpDef>> = {
  update: TensorScatterUpdate, add: TensorScatterAdd, sub: TensorScatterSub, min: TensorScatterMin, max: TensorScatterMax,
};

/** The differentiable indexing ops, for the gradient table. */
export const indexingOps = {
  GatherNd, ScatterNd, TensorScatterUpdate, TensorScatterAdd, TensorScatterSub, TensorScatterMin, TensorScatterMax,
};
