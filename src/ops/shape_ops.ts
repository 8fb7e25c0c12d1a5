// Layout ops beyond array.ts: BroadcastTo, ReverseV2, Roll, OneHot and the multi-output
// Split, SplitV and Unpack (array_ops / manip_ops). Small integer inputs TensorFlow reads on
// the host (shape, axis, shift, size_splits) travel as attributes, as in array.ts.
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import {
  broadcastToIncompatible, broadcastToRankTooLow, broadcastToUnable, invertPermutationNotVector, oneHotAxisOutOfRange, oneHotNegativeDepth,
  reverseAxisDuplicated, reverseAxisOutOfRange, rollArgNotVector, rollAxisOutOfRange, rollInputScalar,
  rollShiftAxisMismatch, splitAxisOutOfRange, splitNotDivisible, splitSizesCount, splitSizesMismatch,
  splitTwoUnknownSizes, unpackNumMismatch,
} from "../errors/array_messages.js";
import { fillNegativeDim, packAxisOutOfRange } from "../errors/op_messages.js";
import type { HostInts } from "./array.js";
import { defineOp, definePlannedOp } from "./op_def.js";

// --- BroadcastTo -----------------------------------------------------------------------------

export const BroadcastTo = defineOp<{ shape: readonly number[] }>({
  name: "BroadcastTo",
  inferOutputs: ([x], { shape }): TensorSpec[] => {
    const input = x!.dims;
    shape.forEach((d) => { if (!Number.isInteger(d) || d < 0) throw new InvalidArgumentError(fillNegativeDim(d)); });
    if (input.length > shape.length) throw new InvalidArgumentError(broadcastToRankTooLow(input, shape));
    const lead = shape.length - input.length;
    for (let i = 0; i < input.length; i++) {
      const a = input[i]!, b = shape[lead + i]!;
      if (a === b || a === 1) continue;
      // BCast accepts a target of 1 against a larger input, but then the result is not the target.
      if (b === 1) throw new InvalidArgumentError(broadcastToUnable(input, shape));
      throw new InvalidArgumentError(broadcastToIncompatible(input, shape));
    }
    return [{ dtype: x!.dtype, dims: [...shape] }];
  },
});

// --- ReverseV2 --------------------------------------------------------------------------------

export interface ReversePlan { readonly reversed: readonly boolean[] }

export const ReverseV2 = definePlannedOp<{ axis: HostInts }, ReversePlan>({
  name: "ReverseV2",
  plan: ([x], { axis }) => {
    const rank = x!.dims.length;
    const reversed = new Array<boolean>(rank).fill(false);
    if (rank > 0) {
      axis.values.forEach((a, i) => {
        const c = a < 0 ? a + rank : a;
        if (!(c >= 0 && c < rank)) throw new InvalidArgumentError(reverseAxisOutOfRange(i, a, rank));
        if (reversed[c]) throw new InvalidArgumentError(reverseAxisDuplicated(c));
        reversed[c] = true;
      });
    }
    return { outputs: [{ dtype: x!.dtype, dims: x!.dims }], plan: { reversed } };
  },
});

// --- Roll -------------------------------------------------------------------------------------

/** Per axis, the shift in [0, dim) that Roll applies (shifts on one axis add up). */
export interface RollPlan { readonly shifts: readonly number[] }

export const Roll = definePlannedOp<{ shift: HostInts; axis: HostInts }, RollPlan>({
  name: "Roll",
  plan: ([x], { shift, axis }) => {
    const dims = x!.dims, rank = dims.length;
    if (rank === 0) throw new InvalidArgumentError(rollInputScalar());
    if (shift.dims.length > 1) throw new InvalidArgumentError(rollArgNotVector("shift", shift.dims));
    if (axis.dims.length > 1) throw new InvalidArgumentError(rollArgNotVector("axis", axis.dims));
    if (shift.dims.length !== axis.dims.length || shift.values.length !== axis.values.length) {
      throw new InvalidArgumentError(rollShiftAxisMismatch());
    }
    const shifts = new Array<number>(rank).fill(0);
    axis.values.forEach((a0, i) => {
      const a = a0 < 0 ? a0 + rank : a0;
      if (!(a >= 0 && a < rank)) throw new InvalidArgumentError(rollAxisOutOfRange(a));
      shifts[a]! += shift.values[i]!;
    });
    const norm = shifts.map((s, a) => (dims[a]! === 0 ? 0 : ((s % dims[a]!) + dims[a]!) % dims[a]!));
    return { outputs: [{ dtype: x!.dtype, dims }], plan: { shifts: norm } };
  },
});

// --- OneHot -----------------------------------------------------------------------------------

const ONE_HOT_INDEX_TYPES = ["uint8", "int8", "int32", "int64"] as const;

export const OneHot = defineOp<{ depth: number; axis: number }>({
  name: "OneHot",
  // The kernel is chosen by the values' dtype (T); the indices' (TI) is checked below.
  kernelDtype: (inputs) => inputs[1]!.dtype,
  inferOutputs: ([indices, on, off], { depth, axis }) => {
    if (!(ONE_HOT_INDEX_TYPES as readonly string[]).includes(indices!.dtype.name)) {
      throw new InvalidArgumentError(notInAllowedValues("TI", indices!.dtype, ONE_HOT_INDEX_TYPES));
    }
    const outRank = indices!.dims.length + 1;
    if (!(axis === -1 || (axis >= 0 && axis < outRank))) throw new InvalidArgumentError(oneHotAxisOutOfRange(axis, outRank));
    if (depth < 0) throw new InvalidArgumentError(oneHotNegativeDepth(depth));
    const dims = [...indices!.dims];
    dims.splice(axis === -1 ? dims.length : axis, 0, depth);
    return [{ dtype: on!.dtype, dims }];
  },
});

// --- InvertPermutation ------------------------------------------------------------------------

/** InvertPermutation(x): y with y[x[i]] = i, for a permutation x of 0…n-1 (int32 or int64). */
export const InvertPermutation = defineOp({
  name: "InvertPermutation",
  allowed: ["int32", "int64"],
  inferOutputs: ([x]) => {
    if (x!.dims.length !== 1) throw new InvalidArgumentError(invertPermutationNotVector());
    return [{ dtype: x!.dtype, dims: x!.dims }];
  },
});

// --- Split, SplitV, Unpack --------------------------------------------------------------------

/** The axis a split cuts along and the extent of each piece. */
export interface SplitPlan { readonly axis: number; readonly sizes: readonly number[] }

function splitAxis(rank: number, axis: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!(a >= 0 && a < rank)) throw new InvalidArgumentError(splitAxisOutOfRange(rank, axis));
  return a;
}

function pieces(x: TensorSpec, axis: number, sizes: readonly number[]): TensorSpec[] {
  return sizes.map((s) => ({ dtype: x.dtype, dims: x.dims.map((d, i) => (i === axis ? s : d)) }));
}

export const Split = definePlannedOp<{ axis: number; numSplit: number }, SplitPlan>({
  name: "Split",
  plan: ([x], { axis, numSplit }) => {
    const a = splitAxis(x!.dims.length, axis);
    const d = x!.dims[a]!;
    if (d % numSplit !== 0) throw new InvalidArgumentError(splitNotDivisible(numSplit, d, a));
    const sizes = new Array<number>(numSplit).fill(d / numSplit);
    return { outputs: pieces(x!, a, sizes), plan: { axis: a, sizes } };
  },
});

export const SplitV = definePlannedOp<{ sizes: HostInts; axis: number }, SplitPlan>({
  name: "SplitV",
  plan: ([x], { sizes, axis }) => {
    const a = splitAxis(x!.dims.length, axis);
    const d = x!.dims[a]!;
    if (sizes.dims.length !== 1) throw new InvalidArgumentError(splitSizesCount(sizes.dims.length, sizes.values.length));
    let unknown = -1, known = 0;
    sizes.values.forEach((s, i) => {
      if (s === -1) {
        if (unknown >= 0) throw new InvalidArgumentError(splitTwoUnknownSizes());
        unknown = i;
      } else known += s;
    });
    if (!((unknown < 0 && known === d) || (unknown >= 0 && known <= d))) {
      throw new InvalidArgumentError(splitSizesMismatch(d, sizes.values.filter((s) => s !== -1)));
    }
    const resolved = sizes.values.map((s) => (s === -1 ? d - known : s));
    return { outputs: pieces(x!, a, resolved), plan: { axis: a, sizes: resolved } };
  },
});

export const Unpack = definePlannedOp<{ num: number; axis: number }, SplitPlan>({
  name: "Unpack",
  plan: ([x], { num, axis }) => {
    const dims = x!.dims, rank = dims.length;
    const a = axis < 0 ? axis + rank : axis;
    if (!(a >= 0 && a < rank)) throw new InvalidArgumentError(packAxisOutOfRange(axis, rank));
    if (dims[a] !== num) throw new InvalidArgumentError(unpackNumMismatch(a, num, dims));
    const outDims = dims.filter((_, i) => i !== a);
    return {
      outputs: Array.from({ length: num }, () => ({ dtype: x!.dtype, dims: outDims })),
      plan: { axis: a, sizes: new Array<number>(num).fill(1) },
    };
  },
});

/** Every op of this family, by name (the gradient table is typed over it). */
export const shapeOps = { BroadcastTo, ReverseV2, Roll, OneHot, InvertPermutation, Split, SplitV, Unpack };
