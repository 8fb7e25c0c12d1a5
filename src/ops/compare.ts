// Comparison and logical ops.
import { bool, int64, type DType, type DTypeName } from "../core/dtypes.js";
import { broadcastShape } from "../core/broadcast.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, ValueError } from "../errors/errors.js";
import { inputDtypeMismatch } from "../errors/messages.js";
import { selectNotBroadcastable, whereNeedsBothBranches } from "../errors/op_messages.js";
import { convertToTensor, toTensorSymbol, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { execute1 } from "../runtime/execute.js";
import { ALL_TYPES, defineOp } from "./op_def.js";
import { setGradient } from "../autodiff/gradient_registry.js";
import { unbroadcast } from "../autodiff/gradient_helpers.js";
import { binary, binaryOpDef, realNumberTypes } from "./math.js";
import { broadcastSpec, checkSameDtype, matchingTensors } from "./op_helpers.js";

export const Equal = binaryOpDef("Equal", ALL_TYPES, bool);
export const NotEqual = binaryOpDef("NotEqual", ALL_TYPES, bool);

/** Elementwise x == y (bool). */
export function equal(x: TensorLike, y: TensorLike): Tensor { return binary(Equal, x, y); }
/** Elementwise x != y (bool). */
export function notEqual(x: TensorLike, y: TensorLike): Tensor { return binary(NotEqual, x, y); }

export const Less = binaryOpDef("Less", realNumberTypes(), bool);
export const LessEqual = binaryOpDef("LessEqual", realNumberTypes(), bool);
export const Greater = binaryOpDef("Greater", realNumberTypes(), bool);
export const GreaterEqual = binaryOpDef("GreaterEqual", realNumberTypes(), bool);

/** Elementwise x < y (bool). */
export function less(x: TensorLike, y: TensorLike): Tensor { return binary(Less, x, y); }
/** Elementwise x <= y (bool). */
export function lessEqual(x: TensorLike, y: TensorLike): Tensor { return binary(LessEqual, x, y); }
/** Elementwise x > y (bool). */
export function greater(x: TensorLike, y: TensorLike): Tensor { return binary(Greater, x, y); }
/** Elementwise x >= y (bool). */
export function greaterEqual(x: TensorLike, y: TensorLike): Tensor { return binary(GreaterEqual, x, y); }

/**
 * Inputs `first…first+count-1` must have `want` (a fixed input type in the op's signature):
 * TensorFlow's eager input validation message otherwise.
 */
function requireDtype(opName: string, inputs: readonly TensorSpec[], want: DType, first = 0, count = inputs.length): void {
  for (let i = first; i < first + count; i++) {
    const d = inputs[i]!.dtype;
    if (d !== want) {
      throw new InvalidArgumentError(inputDtypeMismatch(opName, i, want, d));
    }
  }
}

function logicalBinaryDef(name: string) {
  return defineOp({
    name,
    inferOutputs: (inputs) => { requireDtype(name, inputs, bool); return broadcastSpec(name, inputs); },
  });
}
export const LogicalAnd = logicalBinaryDef("LogicalAnd");
export const LogicalOr = logicalBinaryDef("LogicalOr");
export const LogicalNot = defineOp({
  name: "LogicalNot",
  inferOutputs: (inputs) => { requireDtype("LogicalNot", inputs, bool); return [{ dtype: bool, dims: inputs[0]!.dims }]; },
});

/** An argument of a fixed-bool input: tensors as they are (checked by the op), values converted to bool. */
function boolArg(v: TensorLike): Tensor {
  if (v instanceof Tensor) return v;
  if (typeof v === "object" && v !== null && toTensorSymbol in v) return convertToTensor(v);
  return convertToTensor(v, bool);
}

/** Elementwise x AND y on bool tensors. */
export function logicalAnd(x: TensorLike, y: TensorLike): Tensor { return execute1(LogicalAnd, [boolArg(x), boolArg(y)], {}); }
/** Elementwise x OR y on bool tensors. */
export function logicalOr(x: TensorLike, y: TensorLike): Tensor { return execute1(LogicalOr, [boolArg(x), boolArg(y)], {}); }
/** Elementwise NOT x on a bool tensor. */
export function logicalNot(x: TensorLike): Tensor { return execute1(LogicalNot, [boolArg(x)], {}); }

/** SelectV2(condition, t, e): elements of t where condition holds, of e elsewhere; all three broadcast. */
export const SelectV2 = defineOp({
  name: "SelectV2",
  inferOutputs: (inputs) => {
    requireDtype("SelectV2", inputs, bool, 0, 1);
    checkSameDtype("SelectV2", inputs, 1, 2);
    const [c, t, e] = inputs as [TensorSpec, TensorSpec, TensorSpec];
    const ct = broadcastShape(c.dims, t.dims);
    const dims = ct === null ? null : broadcastShape(ct, e.dims);
    if (dims === null) {
      throw new InvalidArgumentError(selectNotBroadcastable(c.dims, t.dims, e.dims));
    }
    return [{ dtype: t.dtype, dims }];
  },
  kernelDtype: (inputs) => inputs[1]!.dtype,
});

// TensorFlow's `numbertype` list (without the quantized types) plus bool, in its order.
const WHERE_TYPES: readonly DTypeName[] = [
  "float32", "float64", "int32", "uint8", "int16", "int8", "complex64", "int64", "bfloat16",
  "uint16", "complex128", "float16", "uint32", "uint64", "bool",
];

/**
 * Where(condition): the int64 coordinates [numTrue, rank] of the nonzero elements, in row-major
 * order. The output's first dimension depends on the values, so the caller counts them and
 * passes `numTrue` (the kernel checks it); TensorFlow sizes the output inside the kernel.
 */
export const Where = defineOp<{ numTrue: number }>({
  name: "Where",
  allowed: WHERE_TYPES,
  inferOutputs: ([x], { numTrue }) => [{ dtype: int64, dims: [numTrue, x!.dims.length] }],
});

/** How many elements of `t` are nonzero (true; NaN counts; -0 does not). */
function countNonzero(t: Tensor): number {
  if (t.dtype.isString) return 0; // rejected by Where's dtype list
  const s = t.hostData();
  let n = 0;
  if (t.dtype.isComplex) {
    const c = s as Float32Array | Float64Array;
    for (let i = 0; i < c.length; i += 2) if (c[i] !== 0 || c[i + 1] !== 0) n++;
  } else if (t.dtype.isBigInt) {
    for (const v of s as BigInt64Array | BigUint64Array) if (v !== 0n) n++;
  } else if (t.dtype.name === "float16" || t.dtype.name === "bfloat16") {
    for (const v of s as Uint16Array) if ((v & 0x7fff) !== 0) n++;
  } else {
    for (const v of s as Float64Array) if (v !== 0) n++;
  }
  return n;
}

/**
 * tf.where. With x and y: elements of x where `condition` is true and of y elsewhere
 * (SelectV2; condition, x and y broadcast together). With the condition alone: the int64
 * coordinates of its true (nonzero) elements, shape [numTrue, rank] (Where).
 */
export function where(condition: TensorLike): Tensor;
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor;
export function where(condition: TensorLike, x?: TensorLike, y?: TensorLike): Tensor {
  if (x === undefined && y === undefined) {
    let c: Tensor;
    if (condition instanceof Tensor) c = condition;
    else {
      // convert_to_tensor(condition, preferred_dtype=bool)
      try { c = convertToTensor(condition, bool); } catch { c = convertToTensor(condition); }
    }
    return execute1(Where, [c], { numTrue: countNonzero(c) });
  }
  if (x === undefined || y === undefined) throw new ValueError(whereNeedsBothBranches());
  const [t, e] = matchingTensors([x, y]);
  return execute1(SelectV2, [boolArg(condition), t!, e!], {});
}

// --- Gradients ----------------------------------------------------------------------------------
// Comparisons, logic and Where's coordinates are not differentiable; SelectV2 routes dy to the
// branch each element came from, summed back over broadcast axes.
for (const op of [Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, LogicalAnd, LogicalOr, LogicalNot, Where]) {
  setGradient(op, null);
}
setGradient(SelectV2, ({ inputs: [c, x, y] }, [dy]) => [
  null, unbroadcast(where(c!, dy!, 0), x!.dims), unbroadcast(where(c!, 0, dy!), y!.dims),
]);
