// Reductions and arg-reductions.
import { bool, type DType, type DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { inputDtypeMismatch, notInAllowedValues } from "../errors/messages.js";
import { argAxisOutOfRange, emptyReductionAxis } from "../errors/op_messages.js";
import { defineOp, NUMBERS, REAL_NUMBERS, type OpDef } from "./op_def.js";

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

export const Sum = reductionOpDef("Sum", NUMBERS);
export const Mean = reductionOpDef("Mean", NUMBERS);
export const Prod = reductionOpDef("Prod", NUMBERS);
export const Max = reductionOpDef("Max", NUMBERS);
export const Min = reductionOpDef("Min", NUMBERS);
export const Any = boolReductionOpDef("Any");
export const All = boolReductionOpDef("All");

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
        throw new InvalidArgumentError(notInAllowedValues("output_type", outputType, ARG_OUTPUT_TYPES));
      }
      return [{ dtype: outputType, dims: x!.dims.filter((_, i) => i !== a) }];
    },
  });
}

export const ArgMax = argOpDef("ArgMax");
export const ArgMin = argOpDef("ArgMin");

/** Every op of this family, by name (the gradient table is typed over it). */
export const reduceOps = { Sum, Mean, Prod, Max, Min, Any, All, ArgMax, ArgMin };
