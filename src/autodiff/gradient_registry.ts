// Gradients by op (TensorFlow's RegisterGradient / NotDifferentiable), keyed by the op
// table's entries. Each family's gradients are a table in gradients/<family>.ts, typed over
// the family's ops so that an op without an entry does not compile.
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

/** The gradient entry of one op: its function, or null for an op that is not differentiable. */
export type GradientRule<Op> = Op extends OpDef<infer Attrs, infer Plan> ? GradientFn<Attrs, Plan> | null : never;

/** A family's gradients: an entry for every op in the family's table. */
export type GradientTable<Ops extends Record<string, AnyOpDef>> = { readonly [Name in keyof Ops]: GradientRule<Ops[Name]> };

const gradients = new Map<AnyOpDef, GradientFn | null>();

/** Declare the gradients of a family of ops: a function per op, null for one that is not differentiable. */
export function setGradients<Ops extends Record<string, AnyOpDef>>(ops: Ops, table: GradientTable<Ops>): void {
  for (const name of Object.keys(ops) as (keyof Ops & string)[]) {
    gradients.set(ops[name]!, table[name] as GradientFn | null);
  }
}

/** `op`'s gradient: a function, null (not differentiable) or undefined (none registered). */
export function gradientOf(op: AnyOpDef): GradientFn | null | undefined {
  return gradients.get(op);
}
