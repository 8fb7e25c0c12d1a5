// Comparison and logical ops.
import { bool, int64, type DTypeName } from "../core/dtypes.js";
import { broadcastShape } from "../core/broadcast.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { selectNotBroadcastable } from "../errors/op_messages.js";
import { ALL_TYPES, defineOp, REAL_NUMBER_TYPES } from "./op_def.js";
import { binaryOpDef } from "./math.js";
import { broadcastSpec, checkSameDtype, requireDtype } from "./shape_rules.js";

export const Equal = binaryOpDef("Equal", ALL_TYPES, bool);
export const NotEqual = binaryOpDef("NotEqual", ALL_TYPES, bool);
export const Less = binaryOpDef("Less", REAL_NUMBER_TYPES, bool);
export const LessEqual = binaryOpDef("LessEqual", REAL_NUMBER_TYPES, bool);
export const Greater = binaryOpDef("Greater", REAL_NUMBER_TYPES, bool);
export const GreaterEqual = binaryOpDef("GreaterEqual", REAL_NUMBER_TYPES, bool);

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

/** SelectV2(condition, t, e): elements of t where condition holds, of e elsewhere; all three broadcast. */
export const SelectV2 = defineOp({
  name: "SelectV2",
  inferOutputs: (inputs) => {
    requireDtype("SelectV2", inputs, bool, 0, 1);
    checkSameDtype("SelectV2", inputs, 1, 2);
    const [c, t, e] = inputs as [TensorSpec, TensorSpec, TensorSpec];
    const ct = broadcastShape(c.dims, t.dims);
    const dims = ct === null ? null : broadcastShape(ct, e.dims);
    if (dims === null) throw new InvalidArgumentError(selectNotBroadcastable(c.dims, t.dims, e.dims));
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

/** Every op of this family, by name (the gradient table is typed over it). */
export const compareOps = {
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual, LogicalAnd, LogicalOr, LogicalNot, SelectV2, Where,
};
