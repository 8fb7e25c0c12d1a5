// An op is declared once: TensorFlow's name, the dtypes its type attribute accepts, and a
// function from input specs and attributes to output specs (which also validates them and
// raises TensorFlow's errors). Kernels live with the devices and never repeat these rules;
// gradients will be declared here too.
import type { DType, DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../devices/device.js";
import type { Tensor } from "../api/tensor.js";

/** What an op's gradient function sees of one recorded application. */
export interface GradientInfo<Attrs extends object = object> {
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly attrs: Attrs;
}
/**
 * An op's gradient: given the gradients of its outputs (zeros where an output got none), the
 * gradients of its inputs, null where an input gets none (integer inputs, indices, …).
 */
export type GradientFn<Attrs extends object = object> = (info: GradientInfo<Attrs>, dys: readonly Tensor[]) => readonly (Tensor | null)[];

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

// Gradients by op (tf.RegisterGradient), declared beside each op with setGradient.
const gradients = new Map<OpDef, GradientFn | null>();

/** Declare `op`'s gradient; null for ops that are not differentiable (TensorFlow's NotDifferentiable). */
export function setGradient<Attrs extends object>(op: OpDef<Attrs>, fn: GradientFn<Attrs> | null): void {
  gradients.set(op as OpDef, fn as GradientFn | null);
}

/** `op`'s gradient: a function, null (not differentiable) or undefined (none registered). */
export function gradientOf(op: OpDef): GradientFn | null | undefined {
  return gradients.get(op);
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
