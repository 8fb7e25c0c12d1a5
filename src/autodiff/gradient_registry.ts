// Gradients by op (TensorFlow's RegisterGradient / NotDifferentiable), keyed by the op
// table's entries. Each family's gradients are declared in gradients/<family>.ts.
import type { AnyOpDef, OpDef } from "../ops/op_def.js";
import type { Tensor } from "../runtime/tensor.js";

/** What an op's gradient function sees of one recorded application. */
export interface GradientInfo<Attrs extends object = object, Plan = unknown> {
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly attrs: Attrs;
  /** The op's plan (see OpDef.plan), as its kernel got it. */
  readonly plan: Plan;
}
/**
 * An op's gradient: given the gradients of its outputs (zeros where an output got none), the
 * gradients of its inputs, null where an input gets none (integer inputs, indices, …).
 */
export type GradientFn<Attrs extends object = object, Plan = unknown> = (info: GradientInfo<Attrs, Plan>, dys: readonly Tensor[]) => readonly (Tensor | null)[];

const gradients = new Map<AnyOpDef, GradientFn | null>();

/** Declare `op`'s gradient; null for ops that are not differentiable (TensorFlow's NotDifferentiable). */
export function setGradient<Attrs extends object, Plan>(op: OpDef<Attrs, Plan>, fn: GradientFn<Attrs, Plan> | null): void {
  gradients.set(op, fn as GradientFn | null);
}

/** `op`'s gradient: a function, null (not differentiable) or undefined (none registered). */
export function gradientOf(op: AnyOpDef): GradientFn | null | undefined {
  return gradients.get(op);
}
