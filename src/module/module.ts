// tf.Module (tensorflow/python/module/module.py): a named container of variables and other
// modules. Its variables are found by walking its properties in sorted order, arrays and
// plain objects flattened as tf.nest flattens lists and dicts; it is a checkpoint node whose
// children are its trackable properties in assignment order (AutoTrackable). A module is a
// Proxy of itself so that it sees every assignment, as Python's __setattr__ does: an object
// assigned where a checkpoint restore is waiting takes its saved value at once (deferred
// restoration), and arrays and plain objects it holds are tracked the same way
// (ListWrapper/DictWrapper).
import { nameScope } from "../api/name_scope.js";
import { Variable } from "../api/variable.js";
import { inspectSymbol } from "../core/inspect.js";
import { TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import { invalidModuleName, moduleNameNotString } from "../errors/module_messages.js";
import { pyStrRepr } from "../format/pyrepr.js";
import { currentNamePrefix } from "../api/name_scope.js";
import { restoreDeferred } from "../train/deferred_restoration.js";
import { trackingWrapper } from "./tracking_wrappers.js";

/** A path to a leaf: property names, array indices and object keys, from the module down. */
export type ModulePath = readonly (string | number)[];

export interface FlattenOptions {
  /** Walk into submodules (default true). */
  recursive?: boolean;
  /** Keep only leaves it accepts (default: every leaf). */
  predicate?: (leaf: unknown) => boolean;
  /** Sort key of property names (default: the names themselves, ascending). */
  attributeTraversalKey?: (name: string) => string | number;
  /** Yield `[path, leaf]` pairs; leaves reachable twice are then yielded twice. */
  withPath?: boolean;
}

/**
 * The scope a module's variables and ops are named in: `name` is absolute (`outer/mlp/`),
 * fixed when the module was constructed, as TensorFlow's `m.name_scope`.
 */
export class ModuleNameScope {
  constructor(readonly name: string) {}
  /** Run `fn` in the scope (also across `await`), returning its result. */
  run<T>(fn: () => T): T { return nameScope(this.name, fn); }
  /** Enter the scope until the result is disposed: `using _ = m.nameScope.enter()`. */
  enter(): Disposable { return nameScope(this.name); }
  toString(): string { return this.name; }
}

const STATE: unique symbol = Symbol("tsflow.module.state");
interface ModuleState { readonly name: string; readonly scope: ModuleNameScope }

const CAMEL_TO_SNAKE = /((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))/g;
const VALID_IDENTIFIER = /^[a-zA-Z_]([a-zA-Z0-9_])*$/;

/** TensorFlow's camel_to_snake: `MySequentialModule` → `my_sequential_module`. */
export function camelToSnake(value: string): string {
  return value.replace(CAMEL_TO_SNAKE, "_$1").toLowerCase();
}

/** Whether `name` is a valid module name (a Python identifier). */
export function validIdentifier(name: string): boolean {
  return VALID_IDENTIFIER.test(name);
}

function hasSetter(target: object, key: string): boolean {
  for (let o: object | null = target; o !== null; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d !== undefined) return d.set !== undefined;
  }
  return false;
}

/**
 * `class Dense extends tf.Module { constructor() { super({ name }); this.w = new tf.Variable(…) } }`.
 * The default name is the class name in snake case; `variables`, `trainableVariables` and
 * `submodules` walk the module's properties (sorted by name) and then its submodules'.
 */
export class Module {
  declare private readonly [STATE]: ModuleState;

  constructor(nameOrOptions?: string | null | { name?: string | null }) {
    const given = typeof nameOrOptions === "object" && nameOrOptions !== null ? nameOrOptions.name : nameOrOptions;
    let name: string;
    if (given === undefined || given === null) {
      name = camelToSnake(new.target.name === "" ? "Module" : new.target.name);
    } else {
      if (typeof given !== "string") throw new TFTypeError(moduleNameNotString(typeof given));
      if (!validIdentifier(given)) throw new ValueError(invalidModuleName(pyStrRepr(given)));
      name = given;
    }
    // TensorFlow enters name_scope(name) once and keeps the absolute name it yields.
    const scope = new ModuleNameScope(nameScope(name, () => currentNamePrefix()));
    Object.defineProperty(this, STATE, { value: { name, scope }, enumerable: false });
    const proxy: Module = new Proxy(this, {
      set(target, key, value, receiver) {
        if (typeof key !== "string" || hasSetter(target, key)) return Reflect.set(target, key, value, receiver);
        const tracked = trackingWrapper(value);
        if (!Reflect.set(target, key, tracked)) return false;
        restoreDeferred(proxy, key, tracked);
        return true;
      },
      defineProperty(target, key, descriptor) {
        // Class fields are defined, not set.
        if (typeof key !== "string" || !("value" in descriptor)) return Reflect.defineProperty(target, key, descriptor);
        const tracked = trackingWrapper(descriptor.value);
        if (!Reflect.defineProperty(target, key, { ...descriptor, value: tracked })) return false;
        restoreDeferred(proxy, key, tracked);
        return true;
      },
    });
    return proxy;
  }

  /** The name given to the constructor, or the class name in snake case. */
  get name(): string { return this[STATE].name; }

  /** The module's name scope (`nameScope.name`, e.g. `mlp/`: it includes enclosing scopes). */
  get nameScope(): ModuleNameScope { return this[STATE].scope; }

  /** Run `fn` inside the module's name scope (`with self.name_scope:`). */
  withNameScope<T>(fn: () => T): T { return this[STATE].scope.run(fn); }

  /**
   * `@tf.Module.withNameScope`: a method decorator (or wrapper of a function) that runs the
   * method inside its module's name scope.
   */
  static withNameScope<This extends Module, A extends unknown[], R>(
    method: (this: This, ...args: A) => R,
    _context?: ClassMethodDecoratorContext<This, (this: This, ...args: A) => R>,
  ): (this: This, ...args: A) => R {
    return function (this: This, ...args: A): R {
      return this.nameScope.run(() => method.apply(this, args));
    };
  }

  /** Variables of this module (sorted by property name), then of its submodules, breadth first. */
  get variables(): readonly Variable[] {
    return this.flatten({ predicate: isVariable }) as Variable[];
  }

  get trainableVariables(): readonly Variable[] {
    return this.flatten({ predicate: (x) => isVariable(x) && x.trainable }) as Variable[];
  }

  get nonTrainableVariables(): readonly Variable[] {
    return this.flatten({ predicate: (x) => isVariable(x) && !x.trainable }) as Variable[];
  }

  /** Every module reachable from this one's properties (not itself). */
  get submodules(): readonly Module[] {
    return this.flatten({ predicate: isModule }) as Module[];
  }

  /**
   * TensorFlow's `_flatten`: the leaves of the module's properties in sorted order (arrays
   * in order, plain objects by sorted key), each once, then its submodules' leaves; with
   * `withPath`, `[path, leaf]` pairs.
   */
  flatten(options: FlattenOptions & { withPath: true }): [ModulePath, unknown][];
  flatten(options?: FlattenOptions): unknown[];
  flatten(options: FlattenOptions = {}): unknown[] | [ModulePath, unknown][] {
    return [...flattenModule(this, {
      recursive: options.recursive ?? true, predicate: options.predicate ?? (() => true),
      key: options.attributeTraversalKey, withPath: options.withPath ?? false,
    }, [], new Set<unknown>([this]), [])];
  }

  toString(): string { return `<${this.constructor.name} object named ${pyStrRepr(this.name)}>`; }
  [inspectSymbol](): string { return this.toString(); }
}

function isVariable(x: unknown): x is Variable { return x instanceof Variable; }
function isModule(x: unknown): x is Module { return x instanceof Module; }

interface Walk {
  recursive: boolean;
  predicate: (leaf: unknown) => boolean;
  key: ((name: string) => string | number) | undefined;
  withPath: boolean;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** tf.nest.flatten_with_tuple_paths of one property: arrays in order, plain objects by sorted key. */
function* nestLeaves(value: unknown, path: (string | number)[]): Generator<[(string | number)[], unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* nestLeaves(value[i], [...path, i]);
  } else if (isPlainObject(value)) {
    for (const k of Object.keys(value).sort()) yield* nestLeaves(value[k], [...path, k]);
  } else {
    yield [path, value];
  }
}

function sortedKeys(module: object, key: Walk["key"]): string[] {
  const names = Object.keys(module);
  if (key === undefined) return names.sort();
  const keyed = names.map((n) => [key(n), n] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, n]) => n);
}

function* flattenModule(
  module: Module, walk: Walk, modulePath: ModulePath, seen: Set<unknown>, stack: Module[],
): Generator<unknown> {
  // A module reached again while it is being walked (a.b = a) is not walked into again.
  const recursive = walk.recursive && !stack.includes(module);
  const submodules: [ModulePath, Module][] = [];
  const props = module as unknown as Record<string, unknown>;
  for (const name of sortedKeys(module, walk.key)) {
    for (const [leafPath, leaf] of nestLeaves(props[name], [name])) {
      if (!walk.withPath) {
        if (seen.has(leaf)) continue;
        seen.add(leaf);
      }
      const path = [...modulePath, ...leafPath];
      if (walk.predicate(leaf)) yield walk.withPath ? [path, leaf] : leaf;
      if (recursive && isModule(leaf)) submodules.push([path, leaf]);
    }
  }
  stack.push(module);
  for (const [path, sub] of submodules) yield* flattenModule(sub, walk, path, seen, stack);
  stack.pop();
}
