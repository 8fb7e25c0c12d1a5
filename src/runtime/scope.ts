// Per-call-chain scopes (device scopes now; name scopes and tapes later). They live in an
// AsyncLocalStorage so that they follow `await` and concurrent async code does not see
// another chain's scopes; `enter()` gives the `using` form for synchronous blocks.
import { AsyncLocalStorage } from "node:async_hooks";
import type { DeviceSpec } from "./device_spec.js";

/** A gradient tape as the runtime sees it: told about every op while it records. */
export interface RecordingTape {
  recordOperation(op: import("../ops/op_def.js").OpDef, inputs: readonly import("../api/tensor.js").Tensor[], attrs: object, outputs: readonly import("../api/tensor.js").Tensor[]): void;
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
