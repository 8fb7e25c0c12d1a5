// An op is declared once: TensorFlow's name, the dtypes its type attribute accepts, and a
// function from input specs and attributes to output specs, which also validates them and
// raises TensorFlow's errors. Ops whose kernels need derived geometry (a strided slice's
// begin/end/strides, a concat's axis) compute it here, once, as the op's *plan*: execute()
// hands the plan to whichever device's kernel runs. Kernels live with the devices and
// gradients in autodiff/gradients; neither repeats these rules. This layer imports only
// core/ and errors/.
import type { DType, DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";

/** The outputs of one application of an op, and the plan its kernels follow. */
export interface Planned<Plan> {
  readonly outputs: TensorSpec[];
  readonly plan: Plan;
}

export interface OpDef<Attrs extends object = object, Plan = undefined> {
  /** TensorFlow's op name, as in the placement log and error messages: `AddV2`, `MatMul`. */
  readonly name: string;
  /** A small number unique to the op in this process, for tables indexed by op. */
  readonly id: number;
  /** The dtypes the op's type attribute accepts (TensorFlow's op registration); all if absent. */
  readonly allowed?: ReadonlySet<DTypeName>;
  /** The name of the type attribute `allowed` constrains, for its error message (`T` by default). */
  readonly typeAttr: string;
  /** Validate inputs and attributes and describe the outputs. */
  inferOutputs(inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[];
  /** For ops with a plan: validate, describe the outputs and plan the kernels' work, in one pass. */
  plan?(inputs: readonly TensorSpec[], attrs: Attrs): Planned<Plan>;
  /** The dtype that selects the kernel; the first input's (or first output's) by default. */
  kernelDtype?(inputs: readonly TensorSpec[], attrs: Attrs, outputs: readonly TensorSpec[]): DType;
  /**
   * The input that is a resource (a variable's buffer), for resource ops: the op runs on the
   * device holding it (TensorFlow's MaybePinToResourceDevice), whatever the device scope says.
   */
  readonly resourceInput?: number;
}

interface OpDeclaration<Attrs extends object> {
  name: string;
  allowed?: readonly DTypeName[];
  typeAttr?: string;
  kernelDtype?(inputs: readonly TensorSpec[], attrs: Attrs, outputs: readonly TensorSpec[]): DType;
  resourceInput?: number;
}

let opCount = 0;

// Every op object has the same fields in the same order, so that the hot path's reads of
// `op.name`, `op.plan`, … see one hidden class (a spread of each declaration gave one per
// combination of optional fields, and megamorphic property loads in execute and the tables).
function opObject<Attrs extends object, Plan>(
  def: OpDeclaration<Attrs>,
  inferOutputs: (inputs: readonly TensorSpec[], attrs: Attrs) => TensorSpec[],
  plan: ((inputs: readonly TensorSpec[], attrs: Attrs) => Planned<Plan>) | undefined,
): OpDef<Attrs, Plan> {
  return {
    name: def.name,
    id: opCount++,
    allowed: def.allowed ? new Set(def.allowed) : undefined,
    typeAttr: def.typeAttr ?? "T",
    inferOutputs,
    plan,
    kernelDtype: def.kernelDtype,
    resourceInput: def.resourceInput,
  };
}

/** Declare an op whose kernels need nothing beyond inputs, attributes and output specs. */
export function defineOp<Attrs extends object = object>(def: OpDeclaration<Attrs> & {
  inferOutputs(inputs: readonly TensorSpec[], attrs: Attrs): TensorSpec[];
}): OpDef<Attrs> {
  return opObject<Attrs, undefined>(def, def.inferOutputs, undefined);
}

/** Declare an op with a plan: `plan` validates, gives the outputs and what every kernel needs. */
export function definePlannedOp<Attrs extends object, Plan>(def: OpDeclaration<Attrs> & {
  plan(inputs: readonly TensorSpec[], attrs: Attrs): Planned<Plan>;
}): OpDef<Attrs, Plan> {
  const plan = def.plan;
  return opObject<Attrs, Plan>(def, (inputs, attrs) => plan(inputs, attrs).outputs, plan);
}

/** Any op, whatever its attributes and plan (for tables keyed by op). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOpDef = OpDef<any, any>;

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
/** TensorFlow's `realnumbertypes`, in its order (Relu, Less, Greater, …). */
export const REAL_NUMBER_TYPES: readonly DTypeName[] = [
  "float32", "float64", "int32", "uint8", "int16", "int8", "int64", "bfloat16", "uint16", "float16", "uint32", "uint64",
];
