// How the op functions turn their arguments into op inputs and attributes, following
// TensorFlow's Python layer (args_to_matching_eager, preferred dtypes, host integer inputs).
import { bool, int32, int64, type DType } from "../../core/dtypes.js";
import { InvalidArgumentError } from "../../errors/errors.js";
import { intArgumentDtypeNotAllowed } from "../../errors/op_messages.js";
import type { OpDef } from "../../ops/op_def.js";
import type { HostInts } from "../../ops/array.js";
import type { TensorShape } from "../../core/tensor_shape.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { convertToTensor, toTensorSymbol, type TensorLike } from "./convert.js";

/** A tensor, or an object that converts itself to one (a variable): kept as it is by the op functions. */
export function isTensorOrConvertible(v: TensorLike): boolean {
  return v instanceof Tensor || (typeof v === "object" && v !== null && toTensorSymbol in v);
}

/**
 * Inputs sharing one type attribute, as TensorFlow's eager fast path converts them: tensors
 * (and variables) are kept as they are, so that a dtype mismatch reaches the op's own
 * "cannot compute …" check; JS values are converted to the first tensor's dtype, or with no
 * tensor among them, to the first value's inferred dtype.
 */
export function matchingTensors(values: readonly TensorLike[]): Tensor[] {
  if (values.every((v) => v instanceof Tensor)) return values.slice() as Tensor[]; // a copy: tapes keep op inputs
  const out: (Tensor | undefined)[] = values.map((v) => (isTensorOrConvertible(v) ? convertToTensor(v) : undefined));
  let dtype: DType | undefined = out.find((t) => t !== undefined)?.dtype;
  return values.map((v, i) => {
    const t = out[i] ?? convertToTensor(v, dtype);
    dtype ??= t.dtype;
    return t;
  });
}

/**
 * convert_to_tensor(value, preferred_dtype=…): tensors as they are; JS values in `preferred`
 * where they convert to it, with their inferred dtype otherwise.
 */
export function convertPreferring(v: TensorLike, preferred: DType): Tensor {
  if (isTensorOrConvertible(v)) return convertToTensor(v);
  try {
    return convertToTensor(v, preferred);
  } catch {
    return convertToTensor(v);
  }
}

/** An index argument: JS numbers become int32 (as Python ints do), tensors stay as they are. */
export function indexTensor(v: TensorLike): Tensor {
  return convertPreferring(v, int32);
}

/** An argument of a fixed-bool input: tensors as they are (checked by the op), values converted to bool. */
export function boolArg(v: TensorLike): Tensor {
  return isTensorOrConvertible(v) ? convertToTensor(v) : convertToTensor(v, bool);
}

/**
 * An integer argument given as JS numbers (nested for matrices), a list mixing numbers and
 * scalar tensors, a fully known TensorShape, or an int32/int64 tensor.
 */
export type IntsLike = readonly (number | Tensor)[] | readonly (readonly number[])[] | Tensor | TensorShape;

/** A shape argument as TensorFlow takes it: IntsLike, or one number for a rank-1 shape. */
export type ShapeArg = IntsLike | number;

/**
 * The dimensions a shape argument names: a number n is the shape [n] (as TensorShape(n) is),
 * anything else is read as a vector of integers (hostInts).
 */
export function shapeValues(v: ShapeArg, opName: string, attr = "Tshape"): number[] {
  if (typeof v === "number") return [v];
  return hostInts(v, opName, attr).values.slice();
}

/**
 * Read an integer argument that TensorFlow passes as a small host tensor (perm, begin,
 * multiples, …). JS numbers become an int32 tensor (Python ints do); tensors must be int32 or
 * int64, as TensorFlow's index attributes require.
 */
export function hostInts(v: IntsLike, opName: string, attr: string): HostInts {
  const t = v instanceof Tensor ? v : convertToTensor(v as TensorLike, int32);
  if (t.dtype !== int32 && t.dtype !== int64) {
    throw new InvalidArgumentError(intArgumentDtypeNotAllowed(opName, attr, t.dtype));
  }
  const data = t.hostData() as Int32Array | BigInt64Array;
  return { values: Array.from(data, (x: number | bigint) => Number(x)), dims: [...t.dims] };
}

/** An integer argument that may be one number (a scalar tensor, as a Python int is) or a list/tensor. */
export function hostIntsOrScalar(v: IntsLike | number, opName: string, attr: string): HostInts {
  return hostInts(typeof v === "number" ? convertToTensor(v, int32) : v, opName, attr);
}

/** The attributes of an op that has none (shared: execute never changes attributes). */
const NO_ATTRS: Readonly<Record<string, never>> = Object.freeze({});

/** Run a binary op on two values converted as TensorFlow's args_to_matching_eager does. */
export function binary(op: OpDef, x: TensorLike, y: TensorLike): Tensor {
  // Two tensors (the common case in a model) need no conversion and no dtype matching.
  const inputs = x instanceof Tensor && y instanceof Tensor ? [x, y] : matchingTensors([x, y]);
  return execute1(op, inputs, NO_ATTRS);
}

/** Run a unary op on a value converted on its own. */
export function unary(op: OpDef, x: TensorLike): Tensor {
  return execute1(op, [convertToTensor(x)], NO_ATTRS);
}
