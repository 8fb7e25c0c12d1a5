// An op is declared once: TensorFlow's name, the dtypes its type attribute accepts, and a
// function from input specs and attributes to output specs (which also validates them and
// raises TensorFlow's errors). Kernels live with the devices and never repeat these rules;
// gradients will be declared here too.
import type { DType, DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../devices/device.js";

export interface OpDef<Attrs extends object = object> {
  /** TensorFlow's op name, as in the placement log and error messages: `AddV2`, `MatMul`. */
  readonly name: string;
  /** The dtypes the op's type attribute accepts (TensorFlow's op registration); all if absent. */
  readonly allowed?: ReadonlySet<DTypeName>;
  /** Validate inputs and attributes and describe the outputs. */
  inferOutputs(inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[];
  /** The dtype that selects the kernel; the first input's (or first output's) by default. */
  kernelDtype?(inputs: readonly TensorSpec[], attrs: Attrs, outputs: readonly TensorSpec[]): DType;
}

/** Declare an op. */
export function defineOp<Attrs extends object = object>(def: {
  name: string;
  allowed?: readonly DTypeName[];
  inferOutputs(inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[];
  kernelDtype?(inputs: readonly TensorSpec[], attrs: Attrs, outputs: readonly TensorSpec[]): DType;
}): OpDef<Attrs> {
  return { ...def, allowed: def.allowed ? new Set(def.allowed) : undefined };
}

// Dtype groups as TensorFlow's op registrations name them (op_def_builder's type lists).
export const REAL_FLOATS: readonly DTypeName[] = ["bfloat16", "float16", "float32", "float64"];
export const COMPLEX: readonly DTypeName[] = ["complex64", "complex128"];
export const SIGNED_INTS: readonly DTypeName[] = ["int8", "int16", "int32", "int64"];
export const UNSIGNED_INTS: readonly DTypeName[] = ["uint8", "uint16", "uint32", "uint64"];
export const INTS: readonly DTypeName[] = [...SIGNED_INTS, ...UNSIGNED_INTS];
export const FLOATS_AND_COMPLEX: readonly DTypeName[] = [...REAL_FLOATS, ...COMPLEX];
export const REAL_NUMBERS: readonly DTypeName[] = [...REAL_FLOATS, ...INTS];
export const NUMBERS: readonly DTypeName[] = [...REAL_NUMBERS, ...COMPLEX];
export const ALL_TYPES: readonly DTypeName[] = [...NUMBERS, "bool", "string"];
