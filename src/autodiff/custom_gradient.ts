// tf.custom_gradient and tf.recompute_grad (TensorFlow's custom_gradient.py, eager mode).
// The wrapped function runs as usual (tapes record it); its outputs are then replaced by
// identities that every recording tape sees as produced by one op whose backward function is
// the user's gradFn. Variables read inside fn (trainable ones, as TensorFlow's
// VariableWatcher sees) that are not inputs get gradients too: gradFn then receives them in
// its options and returns `[inputGradients, variableGradients]`.
import { TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  customGradientInputCount, customGradientNeedsVariables, customGradientNotPair, customGradientVariableCount,
} from "../errors/tape_messages.js";
import { identity } from "../api/ops/array.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { currentScope, isTrackedVariable, runInScope, type RecordingTape, type TrackedVariable } from "../runtime/scope.js";
import { Tensor } from "../runtime/tensor.js";
import type { AnyOpDef } from "../ops/op_def.js";
import { GradientTape } from "./tape.js";

/** What gradFn gets after the output gradients. */
export interface CustomGradientOptions {
  /** The variables read inside fn that are not among its inputs (empty when none). */
  readonly variables: readonly TrackedVariable[];
}

/** Gradients of fn's inputs: one per input (null for none); a lone tensor for one input. */
export type InputGradients = Tensor | null | readonly (Tensor | null)[];
/** gradFn's answer: the inputs' gradients, or `[inputGradients, variableGradients]` when fn read variables. */
export type CustomGradientResult = InputGradients | readonly [InputGradients, readonly (Tensor | null)[]];

/** The output gradients of outputs `Y` (one tensor, or one per element of an array). */
type OutputGradientArgs<Y> = Y extends Tensor ? [dy: Tensor] : Y extends readonly unknown[] ? { -readonly [K in keyof Y]: Tensor } : never;
/** gradFn: the outputs' gradients, then the options (`{ variables }`). */
export type GradFn<Y> = (...args: [...OutputGradientArgs<Y>, CustomGradientOptions]) => CustomGradientResult;

/** What a custom gradient's fn returns: its outputs and their gradient function. */
export type CustomGradientOutputs = Tensor | readonly Tensor[];

/** Sees the variables read while fn runs (TensorFlow's VariableWatcher); records no ops. */
class VariableWatcher implements RecordingTape {
  readonly variables: TrackedVariable[] = [];
  recordOperation(_op: AnyOpDef, _inputs: readonly Tensor[], _attrs: object, _outputs: readonly Tensor[], _plan: unknown): void {}
  recordVariableRead(variable: TrackedVariable): void {
    if (variable.trainable && !this.variables.includes(variable)) this.variables.push(variable);
  }
}

/** gradFns that take the options whatever their declared arity (recomputeGrad's). */
const takesOptions = new WeakSet<object>();

function flatGradients(g: InputGradients): (Tensor | null)[] {
  if (g === null || g === undefined) return [null];
  if (g instanceof Tensor) return [g];
  return (g as readonly (Tensor | null)[]).map((x) => x ?? null);
}

function asGradient(g: Tensor | TensorLike | null): Tensor | null {
  return g === null || g === undefined ? null : g instanceof Tensor ? g : convertToTensor(g);
}

/**
 * tf.custom_gradient: `customGradient(fn)` is fn with the gradient its gradFn defines. `fn(...inputs)`
 * returns `[y, gradFn]` (y a tensor or an array of tensors); `gradFn(...dys, { variables })` returns
 * the inputs' gradients, or `[inputGradients, variableGradients]` when fn read variables.
 */
export function customGradient<A extends unknown[], Y extends CustomGradientOutputs>(
  fn: (...inputs: A) => readonly [Y, GradFn<Y>],
): (...inputs: A) => Y {
  return (...inputs: A): Y => {
    const outer = currentScope();
    const watcher = new VariableWatcher();
    const returned = runInScope({ ...outer, tapes: [...outer.tapes, watcher] }, () => fn(...inputs));
    if (!Array.isArray(returned) || returned.length !== 2 || typeof returned[1] !== "function") {
      throw new ValueError(customGradientNotPair("fn"));
    }
    const [result, gradFn] = returned as readonly [Y, GradFn<Y>];
    const variables = watcher.variables.filter((v) => !inputs.includes(v));
    const flatResult: Tensor[] = result instanceof Tensor ? [result] : [...(result as readonly Tensor[])];
    // Like Python's signature check: a gradFn that declares no parameter after the output
    // gradients cannot take `{ variables }`.
    if (variables.length > 0 && !takesOptions.has(gradFn) && gradFn.length <= flatResult.length) {
      throw new TFTypeError(customGradientNeedsVariables(variables.map((v) => String(v))));
    }
    // The outputs are new tensors (identities, unseen by the tapes) so that the tapes reach fn's
    // inputs only through gradFn.
    const outputs = runInScope({ ...outer, tapes: [] }, () => flatResult.map((y) => identity(y)));
    const argTensors = inputs.map((x) => (isTrackedVariable(x) ? x.value() : x instanceof Tensor ? x : convertToTensor(x as TensorLike)));
    const variableReads = variables.map((v) => v.value());
    const backward = (dys: readonly Tensor[]): (Tensor | null)[] => {
      const call = gradFn as unknown as (...args: unknown[]) => CustomGradientResult;
      const answer = call(...dys, { variables });
      let inputGrads: InputGradients, variableGrads: readonly (Tensor | null)[] = [];
      if (variables.length > 0) {
        if (!Array.isArray(answer) || answer.length !== 2) throw new ValueError(customGradientNotPair("gradFn"));
        [inputGrads, variableGrads] = answer as unknown as readonly [InputGradients, readonly (Tensor | null)[]];
        if (!Array.isArray(variableGrads) || variableGrads.length !== variables.length) {
          throw new ValueError(customGradientVariableCount());
        }
      } else {
        inputGrads = answer as InputGradients;
      }
      const flat = flatGradients(inputGrads);
      if (flat.length !== argTensors.length) throw new ValueError(customGradientInputCount(argTensors.length, flat.length));
      return [...flat, ...variableGrads].map(asGradient);
    };
    for (const tape of outer.tapes) {
      if (tape instanceof GradientTape) tape.recordCustom([...argTensors, ...variableReads], outputs, backward);
    }
    return (result instanceof Tensor ? outputs[0]! : outputs) as Y;
  };
}

/**
 * tf.recompute_grad: `recomputeGrad(f)` computes what f does with the same gradients, but keeps
 * none of f's intermediate values: the backward pass runs f again under its own tape.
 */
export function recomputeGrad<A extends Tensor[], Y extends CustomGradientOutputs>(f: (...inputs: A) => Y): (...inputs: A) => Y {
  return customGradient((...args: A) => {
    const outer = currentScope();
    // The forward pass records on no gradient tape (the variable watcher still sees reads).
    const result = runInScope({ ...outer, tapes: outer.tapes.filter((t) => !(t instanceof GradientTape)) }, () => f(...args));
    const gradFn = (...dysAndOptions: unknown[]): CustomGradientResult => {
      const { variables } = dysAndOptions[dysAndOptions.length - 1] as CustomGradientOptions;
      const dys = dysAndOptions.slice(0, -1) as Tensor[];
      const tape = new GradientTape();
      const idArgs = args.map((x) => identity(x)) as A;
      const recomputed = tape.record(() => {
        tape.watch(idArgs);
        tape.watch([...variables]);
        return f(...idArgs);
      });
      const targets = recomputed instanceof Tensor ? [recomputed] : [...(recomputed as readonly Tensor[])];
      const grads = tape.gradient(targets, [...idArgs, ...variables], { outputGradients: dys, unconnectedGradients: "zero" }) as (Tensor | null)[];
      const inputGrads = grads.slice(0, idArgs.length);
      return variables.length > 0 ? [inputGrads, grads.slice(idArgs.length)] : inputGrads;
    };
    takesOptions.add(gradFn);
    return [result, gradFn as unknown as GradFn<Y>] as const;
  });
}
