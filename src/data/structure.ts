// Nested structures of tf.data elements, as TensorFlow's `nest` sees Python values: a JS
// array is a tuple, a plain object is a dict (flattened in sorted key order, rebuilt in its
// own key order), anything else is a leaf. Datasets move elements as flat lists of
// components and rebuild the user's structure only where the user sees it.
import type { Tensor } from "../runtime/tensor.js";
import type { TensorSpec } from "../api/tensor_spec.js";

/** A leaf, a tuple (array) of structures or a dict (plain object) of structures. */
export type Structure<L> = L | readonly Structure<L>[] | { readonly [key: string]: Structure<L> };
/** A dataset element: tensors in a nested structure. */
export type Element = Structure<Tensor>;
/** The type of an element: TensorSpecs in the element's structure. */
export type ElementSpec = Structure<TensorSpec>;

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** Whether `x` is a container (tuple or dict) rather than a leaf. */
export function isContainer(x: unknown): x is readonly unknown[] | Record<string, unknown> {
  return Array.isArray(x) || isPlainObject(x);
}

/** The leaves of a structure in TensorFlow's order (dict keys sorted). */
export function flatten<L>(s: Structure<L>, out: L[] = []): L[] {
  if (Array.isArray(s)) for (const x of s) flatten(x as Structure<L>, out);
  else if (isPlainObject(s)) for (const k of Object.keys(s).sort()) flatten(s[k] as Structure<L>, out);
  else out.push(s as L);
  return out;
}

/** `flat` rebuilt in the structure of `template` (nest.pack_sequence_as). */
export function pack<L>(template: Structure<unknown>, flat: readonly L[]): Structure<L> {
  let i = 0;
  const build = (t: Structure<unknown>): Structure<L> => {
    if (Array.isArray(t)) return t.map((x) => build(x as Structure<unknown>));
    if (isPlainObject(t)) {
      const keys = Object.keys(t);
      const built = new Map<string, Structure<L>>();
      for (const k of [...keys].sort()) built.set(k, build(t[k] as Structure<unknown>));
      const out: Record<string, Structure<L>> = {};
      for (const k of keys) out[k] = built.get(k)!;
      return out;
    }
    return flat[i++]!;
  };
  return build(template);
}

/** The same structure with every leaf mapped. */
export function mapStructure<A, B>(s: Structure<A>, f: (leaf: A, index: number) => B): Structure<B> {
  const leaves = flatten(s);
  return pack(s, leaves.map(f));
}

/** Whether two structures have the same nesting (same tuple lengths and dict keys). */
export function sameStructure(a: Structure<unknown>, b: Structure<unknown>): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameStructure(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameStructure(a[k], b[k]));
  }
  return true;
}

/** Python's repr of a structure: `(a, b)`, `(a,)`, `{'x': a}`; leaves by their toString. */
export function structureRepr(s: Structure<unknown>, leaf: (x: unknown) => string = String): string {
  if (Array.isArray(s)) {
    const parts = s.map((x) => structureRepr(x, leaf));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }
  if (isPlainObject(s)) {
    return `{${Object.keys(s).map((k) => `'${k}': ${structureRepr(s[k], leaf)}`).join(", ")}}`;
  }
  return leaf(s);
}
