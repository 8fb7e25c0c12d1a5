// tf.name_scope: prefixes the names of variables created inside it (`outer/inner/v:0`).
import { ValueError } from "../errors/errors.js";
import { invalidScopeName, nameScopeNotString } from "../errors/op_messages.js";
import { currentScope, enterScope, runInScope, type ScopeState } from "../runtime/scope.js";

const VALID_SCOPE = /^[A-Za-z0-9_.\-/>]*$/;

function scopeFor(name: string): ScopeState {
  if (typeof name !== "string") throw new ValueError(nameScopeNotString());
  if (!VALID_SCOPE.test(name)) {
    throw new ValueError(invalidScopeName(name));
  }
  const outer = currentScope();
  // An absolute name ("a/b/") replaces the current scope; "" returns to the root.
  let prefix: string;
  if (name === "") prefix = "";
  else if (name.endsWith("/")) prefix = name;
  else prefix = `${outer.namePrefix}${name}/`;
  return { ...outer, namePrefix: prefix };
}

/**
 * TensorFlow's `with tf.name_scope(name):`. With a callback, runs it in the scope and returns
 * its result; without, returns a Disposable for `using _ = tf.nameScope(name)`.
 */
export function nameScope<T>(name: string, fn: () => T): T;
export function nameScope(name: string): Disposable;
export function nameScope<T>(name: string, fn?: () => T): T | Disposable {
  const state = scopeFor(name);
  return fn === undefined ? enterScope(state) : runInScope(state, fn);
}

/** The current name scope prefix, e.g. `outer/inner/` ("" at the root). */
export function currentNamePrefix(): string {
  return currentScope().namePrefix;
}

/** TensorFlow's `tf.get_current_name_scope()`: the current scope without its trailing `/` ("" at the root). */
export function getCurrentNameScope(): string {
  return currentScope().namePrefix.replace(/\/$/, "");
}
