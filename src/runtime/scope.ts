// Per-call-chain scopes: device scopes, name scopes, recording tapes, and the hook by which
// variables tell tapes of their reads. They live in an
// AsyncLocalStorage so that they follow `await` and concurrent async code does not see
// another chain's scopes; `enter()` gives the `using` form for synchronous blocks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { DType } from "../core/dtypes.js";
import type { TensorShape } from "../core/tensor_shape.js";
import type { AnyOpDef } from "../ops/op_def.js";
import type { DeviceSpec } from "./device_spec.js";
import type { Tensor } from "./tensor.js";

/**
 * A variable as tapes and the runtime see it (api/variable.ts's Variable is one): tapes watch
 * variables and are told of their reads without depending on the Variable class.
 */
export interface TrackedVariable {
  readonly [trackedVariable]: true;
  readonly [variableCreationOrder]?: number;
  readonly name: string;
  readonly trainable: boolean;
  readonly dtype: DType;
  readonly shape: TensorShape;
  /** A snapshot of the current value (a read, which tapes see). */
  value(): Tensor;
}
/** The brand of TrackedVariable. */
export const trackedVariable: unique symbol = Symbol("tsflow.variable");
/** A variable's rank in creation order (tape.watchedVariables() lists variables in that order). */
export const variableCreationOrder: unique symbol = Symbol("tsflow.variableCreationOrder");
let variablesCreated = 0;
/** The next creation rank, taken once by each new variable. */
export function nextVariableCreationOrder(): number { return variablesCreated++; }

/** Whether `x` is a variable (rather than a tensor or anything else). */
export function isTrackedVariable(x: unknown): x is TrackedVariable {
  return typeof x === "object" && x !== null && (x as { [trackedVariable]?: boolean })[trackedVariable] === true;
}

/** A gradient tape as the runtime sees it: told about every op and variable read while it records. */
export interface RecordingTape {
  recordOperation(op: AnyOpDef, inputs: readonly Tensor[], attrs: object, outputs: readonly Tensor[], plan: unknown): void;
  recordVariableRead(variable: TrackedVariable, value: Tensor): void;
  /** A read of rows `indices` of `variable` (ResourceGather); tapes without it see a plain read. */
  recordSparseRead?(variable: TrackedVariable, indices: Tensor, value: Tensor): void;
}

export interface ScopeState {
  /** The merged device spec of the enclosing `tf.device` scopes, or null for none. */
  readonly device: DeviceSpec | null;
  /** The enclosing `tf.nameScope` prefixes joined, e.g. `outer/inner/` ("" for none). */
  readonly namePrefix: string;
  /** The gradient tapes recording in this call chain, outermost first. */
  readonly tapes: readonly RecordingTape[];
}

const ROOT: ScopeState = { device: null, namePrefix: "", tapes: [] };
const storage = new AsyncLocalStorage<ScopeState>();

/** The scope state of the current call chain. */
export function currentScope(): ScopeState {
  return storage.getStore() ?? ROOT;
}

/** Run `fn` with `state` as the current scope (kept across `await` inside `fn`). */
export function runInScope<T>(state: ScopeState, fn: () => T): T {
  return storage.run(state, fn);
}

/**
 * Make `state` current until the returned object is disposed (`using _ = …`). Disposal
 * restores the previous state; scopes must be disposed in reverse order of entry.
 */
export function enterScope(state: ScopeState): Disposable {
  const previous = storage.getStore();
  storage.enterWith(state);
  let open = true;
  return {
    [Symbol.dispose]() {
      if (!open) return;
      open = false;
      storage.enterWith(previous ?? ROOT);
    },
  };
}

/** Tell every tape recording in this call chain that `variable` was read as `value`. */
export function notifyVariableRead(variable: TrackedVariable, value: Tensor): void {
  const tapes = currentScope().tapes;
  for (let i = 0; i < tapes.length; i++) tapes[i]!.recordVariableRead(variable, value);
}

/** Tell every tape recording in this call chain that rows `indices` of `variable` were read as `value`. */
export function notifySparseRead(variable: TrackedVariable, indices: Tensor, value: Tensor): void {
  const tapes = currentScope().tapes;
  for (let i = 0; i < tapes.length; i++) {
    const tape = tapes[i]!;
    if (tape.recordSparseRead !== undefined) tape.recordSparseRead(variable, indices, value);
    else tape.recordVariableRead(variable, value);
  }
}
