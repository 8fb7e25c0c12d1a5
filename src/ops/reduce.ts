// Reductions and arg-reductions.
import { asDType, bool, int64, type DType, type DTypeLike } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { inputDtypeMismatch } from "../errors/messages.js";
import {
  argAxisOutOfRange, atOp, emptyReductionAxis, invalidReductionDimension, notInAllowedValuesByPythonName,
} from "../errors/op_messages.js";
import { convertToTensor, toTensorSymbol, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { execute1 } from "../runtime/execute.js";
import { defineOp, NUMBERS, REAL_NUMBERS, type OpDef } from "./op_def.js";
import { setGradient } from "../autodiff/gradient_registry.js";
import { cast, conj, multiply, binary, RealDiv } from "./math.js";
import { reshape, tile } from "./array.js";
import { equal, logicalAnd, where } from "./compare.js";
import type { DTypeName } from "../core/dtypes.js";

export interface ReduceAttrs {
  /** Normalised, sorted, distinct axes to reduce. */
  axes: readonly number[];
  keepdims: boolean;
}

/** Reduced dims: the reduced axes dropped (or kept as 1). */
export function reducedDims(dims: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  const out: number[] = [];
  dims.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepdims) out.push(1);
  });
  return out;
}

/** A reduction op (Sum, Mean, Max, …) over `axes`. */
export function reductionOpDef(name: string, allowed: readonly DTypeName[], outDtype?: (d: DType) => DType): OpDef<ReduceAttrs> {
  return defineOp<ReduceAttrs>({
    name, allowed,
    inferOutputs: ([x], { axes, keepdims }): TensorSpec[] => [{
      dtype: outDtype ? outDtype(x!.dtype) : x!.dtype,
      dims: reducedDims(x!.dims, axes, keepdims),
    }],
  });
}

/** A reduction whose input is fixed to bool (Any, All): TensorFlow's input-type message otherwise. */
function boolReductionOpDef(name: string): OpDef<ReduceAttrs> {
  return defineOp<ReduceAttrs>({
    name,
    inferOutputs: ([x], { axes, keepdims }): TensorSpec[] => {
      if (x!.dtype !== bool) {
        throw new InvalidArgumentError(inputDtypeMismatch(name, 0, bool, x!.dtype));
      }
      return [{ dtype: bool, dims: reducedDims(x!.dims, axes, keepdims) }];
    },
  });
}

/** Normalise a user's axis argument of `opName` against a rank (all axes when undefined/null). */
export function normalizeReductionAxes(axis: number | readonly number[] | null | undefined, rank: number, opName: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = new Set<number>();
  for (const a of list) {
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw new InvalidArgumentError(atOp(invalidReductionDimension(a, rank), opName));
    }
    out.add(a < 0 ? a + rank : a);
  }
  return [...out].sort((p, q) => p - q);
}

/** Run a reduction op with TensorFlow's axis handling. */
export function reduce(op: OpDef<ReduceAttrs>, x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor {
  const t = convertToTensor(x);
  return execute1(op, [t], { axes: normalizeReductionAxes(axis, t.rank, op.name), keepdims });
}

export const Sum = reductionOpDef("Sum", NUMBERS);
export const Mean = reductionOpDef("Mean", NUMBERS);
export const Prod = reductionOpDef("Prod", NUMBERS);
export const Max = reductionOpDef("Max", NUMBERS);
export const Min = reductionOpDef("Min", NUMBERS);
export const Any = boolReductionOpDef("Any");
export const All = boolReductionOpDef("All");

/** The axis argument of the reductions: one axis, several, or all (undefined/null). */
export type ReductionAxis = number | readonly number[] | null | undefined;

/** tf.reduce_sum: the sum over `axis` (all axes by default). */
export function reduceSum(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Sum, x, axis, keepdims);
}

/** tf.reduce_mean: the mean over `axis`; integer means truncate toward zero as TensorFlow's do. */
export function reduceMean(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Mean, x, axis, keepdims);
}

/** tf.reduce_prod: the product over `axis`. */
export function reduceProd(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Prod, x, axis, keepdims);
}

/** tf.reduce_max: the largest value over `axis` (NaN if any is NaN; -inf/lowest when empty). */
export function reduceMax(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Max, x, axis, keepdims);
}

/** tf.reduce_min: the smallest value over `axis` (NaN if any is NaN; +inf/highest when empty). */
export function reduceMin(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Min, x, axis, keepdims);
}

/** tf.reduce_any: logical OR of a bool tensor over `axis`. */
export function reduceAny(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(Any, boolArg(x), axis, keepdims);
}

/** tf.reduce_all: logical AND of a bool tensor over `axis`. */
export function reduceAll(x: TensorLike, axis?: ReductionAxis, keepdims = false): Tensor {
  return reduce(All, boolArg(x), axis, keepdims);
}

/** JS values for a bool input are converted to bool (as Python's are); tensors are checked by the op. */
function boolArg(x: TensorLike): TensorLike {
  if (x instanceof Tensor || (typeof x === "object" && x !== null && toTensorSymbol in x)) return x;
  return convertToTensor(x, bool);
}

export interface ArgAttrs { axis: number; outputType: DType }

const ARG_OUTPUT_TYPES: readonly DTypeName[] = ["int16", "uint16", "int32", "int64"];

function argOpDef(name: string): OpDef<ArgAttrs> {
  return defineOp<ArgAttrs>({
    name,
    allowed: [...REAL_NUMBERS, "complex64", "complex128", "bool"],
    inferOutputs: ([x], { axis, outputType }) => {
      const rank = x!.dims.length;
      if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
        throw new InvalidArgumentError(argAxisOutOfRange(axis, rank));
      }
      const a = axis < 0 ? axis + rank : axis;
      if (x!.dims[a] === 0) {
        throw new InvalidArgumentError(emptyReductionAxis(axis, x!.dims));
      }
      if (!ARG_OUTPUT_TYPES.includes(outputType.name)) {
        throw new InvalidArgumentError(notInAllowedValuesByPythonName("output_type", outputType, ARG_OUTPUT_TYPES));
      }
      return [{ dtype: outputType, dims: x!.dims.filter((_, i) => i !== a) }];
    },
  });
}

export const ArgMax = argOpDef("ArgMax");
export const ArgMin = argOpDef("ArgMin");

/** tf.argmax: index of the largest value along `axis` (int64 by default). */
export function argmax(x: TensorLike, axis = 0, outputType: DTypeLike = int64): Tensor {
  return execute1(ArgMax, [convertToTensor(x)], { axis, outputType: asDType(outputType) });
}

/** tf.argmin: index of the smallest value along `axis` (int64 by default). */
export function argmin(x: TensorLike, axis = 0, outputType: DTypeLike = int64): Tensor {
  return execute1(ArgMin, [convertToTensor(x)], { axis, outputType: asDType(outputType) });
}

// --- Gradients (TensorFlow's math_grad.py) ----------------------------------------------------

/** dy of a reduction shaped with the reduced axes kept (as 1), so that it broadcasts against x. */
function keptGradient(x: Tensor, t: Tensor, axes: readonly number[]): Tensor {
  return reshape(t, reducedDims(x.dims, axes, true));
}
/** dy of a reduction repeated over the reduced axes: the gradient of Sum. */
function sumGradient(x: Tensor, dy: Tensor, axes: readonly number[]): Tensor {
  return tile(keptGradient(x, dy, axes), x.dims.map((d, i) => (axes.includes(i) ? d : 1)));
}

setGradient(Sum, ({ inputs: [x], attrs: { axes } }, [dy]) => [sumGradient(x!, dy!, axes)]);
setGradient(Mean, ({ inputs: [x], attrs: { axes } }, [dy]) => {
  const count = axes.reduce((n, a) => n * x!.dims[a]!, 1);
  return [binary(RealDiv, sumGradient(x!, dy!, axes), convertToTensor(count, dy!.dtype))];
});

// d prod / d x_i is the product of the other elements. Without cumprod it is computed from the
// product of the nonzero elements and the number of zeros: P/x_i with no zero, P at the one zero
// (0 elsewhere), 0 with two or more; no division by zero. (TensorFlow uses exclusive cumprods;
// the first derivative is the same.)
setGradient(Prod, ({ inputs: [x], attrs: { axes } }, [dy]) => {
  const t = x!;
  const isZero = equal(t, 0);
  const safe = where(isZero, 1, t);
  const zeros = reduce(Sum, cast(isZero, "int32"), axes, true);
  const nonzeroProduct = reduce(Prod, safe, axes, true);
  const others = where(equal(zeros, 0), binary(RealDiv, nonzeroProduct, safe),
    where(logicalAnd(equal(zeros, 1), isZero), nonzeroProduct, 0));
  return [multiply(keptGradient(t, dy!, axes), conj(others))];
});

// Max/Min: dy shared equally among the elements equal to the result (TensorFlow's tie rule).
for (const op of [Max, Min]) {
  setGradient(op, ({ inputs: [x], outputs: [y], attrs: { axes } }, [dy]) => {
    const indicators = cast(equal(keptGradient(x!, y!, axes), x!), dy!.dtype);
    const selected = reduce(Sum, indicators, axes, true);
    return [multiply(binary(RealDiv, indicators, selected), keptGradient(x!, dy!, axes))];
  });
}
for (const op of [Any, All, ArgMax, ArgMin] as OpDef[]) setGradient(op, null);
