// The kernel table every device type shares. A device type declares its kernel signature (what
// its kernels take and return, given an op's attributes and plan) and its layers, bottom first;
// kernels register per (op, dtypes) into a layer. A call tries the top layer first: kernels of
// a layer above the bottom one may decline a call (return null), e.g. native kernels on inputs
// too small to pay for crossing into C++, and the layer below takes it. Whether a device has a
// kernel is a question for the bottom layer, which never declines. Devices call the kernels
// themselves, in the table's order, with their own calling convention. A registration may accept
// only some dtypes of the op's other type attributes (TensorFlow's TypeConstraint on a kernel:
// a GPU Cast registers for the target types the GPU computes in), so placement can send the
// rest to another device instead of a device running them somewhere it does not say.
import { asDType, type DType, type DTypeName } from "../core/dtypes.js";
import type { AnyOpDef, OpDef } from "../ops/op_def.js";
import { noKernelLayer } from "../errors/device_messages.js";

/**
 * A device's kernel signature as a function of an op's attributes and plan: `params` and
 * `result` may refer to `this["attrs"]` and `this["plan"]`, which each registration fills in
 * with its op's types (so kernels are typed per op without a table per op).
 */
export interface KernelSignature {
  readonly attrs: object;
  readonly plan: unknown;
  readonly params: readonly unknown[];
  readonly result: unknown;
}

type Applied<S extends KernelSignature, A extends object, P> = S & { readonly attrs: A; readonly plan: P };
/** The parameters of `S`'s kernels for an op with attributes `A` and plan `P`. */
export type KernelParams<S extends KernelSignature, A extends object = object, P = unknown> = Applied<S, A, P>["params"];
/** A kernel of the bottom layer: it always computes the outputs. */
export type Kernel<S extends KernelSignature, A extends object = object, P = unknown> = (...args: KernelParams<S, A, P>) => S["result"];
/** A kernel of a layer above the bottom one: the outputs, or null to leave the call to the layers below. */
export type LayeredKernel<S extends KernelSignature, A extends object = object, P = unknown> =
  (...args: KernelParams<S, A, P>) => S["result"] | null;

/** The dtypes a kernel accepts for some of its op's type attributes (e.g. `{ dtype: [...] }` for Cast). */
export type TypeConstraints<A extends object> = { readonly [K in keyof A]?: readonly DTypeName[] };

interface Registration {
  readonly layer: number;
  readonly kernel: (...args: never[]) => unknown;
  /** [attribute, accepted dtype names] pairs, or null for a kernel that takes every value. */
  readonly constraints: readonly (readonly [string, ReadonlySet<string>])[] | null;
}

/** The registrations of one (op, dtype), top layer first, and their kernels in that order. */
interface Slot {
  readonly registrations: readonly Registration[];
  readonly kernels: readonly ((...args: never[]) => unknown)[];
  /** Whether some registration takes only some attribute values. */
  readonly constrained: boolean;
  /** The bottom layer's registration, which decides whether the device has a kernel. */
  readonly base: Registration | undefined;
}

/** The dtype a type attribute holds (attributes are op-specific objects). */
function attrDtype(attrs: object | undefined, name: string): DType | undefined {
  return (attrs as Record<string, DType | undefined> | undefined)?.[name];
}

function accepts(r: Registration, attrs: object | undefined, supports: ((d: DTypeName) => boolean) | undefined): boolean {
  if (r.constraints === null) return true;
  for (const [name, dtypes] of r.constraints) {
    const d = attrDtype(attrs, name);
    if (d === undefined || !dtypes.has(d.name) || (supports !== undefined && !supports(d.name))) return false;
  }
  return true;
}

/** The kernels of one device type, in layers. */
export class KernelTable<S extends KernelSignature> {
  // Registrations by op id, then by TensorFlow's DataType number (arrays: the hot path's lookup).
  private readonly slots: (Slot | undefined)[][] = [];
  private readonly constrained = new Set<number>();
  private loaders: (() => void)[] = [];

  constructor(
    /** The device type whose kernels these are (`CPU`, `GPU`). */
    readonly deviceType: string,
    /** Layer names, bottom first; every layer above the bottom one may decline calls. */
    readonly layers: readonly string[],
  ) {}

  /**
   * Have `load` register kernels before the table is first consulted. Kernel modules refer to
   * the op declarations, which may still be loading while the device modules load.
   */
  loadBeforeUse(load: () => void): void {
    this.loaders.push(load);
  }

  private ensureLoaded(): void {
    const pending = this.loaders;
    if (pending.length === 0) return;
    this.loaders = [];
    for (const load of pending) load();
  }

  /** Register the bottom layer's kernel of `op` for `dtypes`. */
  register<A extends object, P>(op: OpDef<A, P>, dtypes: readonly DTypeName[], kernel: Kernel<S, A, P>, constraints?: TypeConstraints<A>): void {
    this.add(0, op, dtypes, kernel, constraints);
  }

  /** Register a kernel of `layer` (above the bottom one), tried before the layers below it. */
  registerOver<A extends object, P>(layer: string, op: OpDef<A, P>, dtypes: readonly DTypeName[], kernel: LayeredKernel<S, A, P>, constraints?: TypeConstraints<A>): void {
    const index = this.layers.indexOf(layer);
    if (index < 1) throw new RangeError(noKernelLayer(this.deviceType, layer, this.layers[0]!));
    this.add(index, op, dtypes, kernel, constraints);
  }

  private add(layer: number, op: AnyOpDef, dtypes: readonly DTypeName[], kernel: (...args: never[]) => unknown, constraints: object | undefined): void {
    const pairs = constraints === undefined ? null
      : Object.entries(constraints as Record<string, readonly DTypeName[]>).map(([name, ds]) => [name, new Set<string>(ds)] as const);
    if (pairs !== null) this.constrained.add(op.id);
    const registration: Registration = { layer, kernel, constraints: pairs };
    const byEnum = (this.slots[op.id] ??= []);
    for (const d of dtypes) {
      const e = asDType(d).asDatatypeEnum;
      // One kernel per layer and dtype: a later registration replaces an earlier one.
      const list = (byEnum[e]?.registrations ?? []).filter((r) => r.layer !== layer);
      list.push(registration);
      list.sort((a, b) => b.layer - a.layer);
      byEnum[e] = {
        registrations: list,
        kernels: list.map((r) => r.kernel),
        constrained: list.some((r) => r.constraints !== null),
        base: list.find((r) => r.layer === 0),
      };
    }
  }

  /** The kernel `layer` (the bottom one by default) has for `op` on `dtype`, if any. */
  lookup(op: AnyOpDef, dtype: DType, layer: string = this.layers[0]!): LayeredKernel<S> | undefined {
    this.ensureLoaded();
    const index = this.layers.indexOf(layer);
    return this.slots[op.id]?.[dtype.asDatatypeEnum]?.registrations.find((r) => r.layer === index)?.kernel as LayeredKernel<S> | undefined;
  }

  /**
   * Whether the bottom layer has a kernel for `op` on `dtype` that accepts `attrs`; `supports`
   * (when given) must hold for `dtype` and for every constrained attribute's dtype.
   */
  has(op: AnyOpDef, dtype: DType, attrs: object | undefined, supports?: (d: DTypeName) => boolean): boolean {
    if (this.loaders.length !== 0) this.ensureLoaded();
    if (supports !== undefined && !supports(dtype.name)) return false;
    const base = this.slots[op.id]?.[dtype.asDatatypeEnum]?.base;
    return base !== undefined && (base.constraints === null || accepts(base, attrs, supports));
  }

  /** Whether some kernel of `op` accepts only some attribute values (has() then depends on them). */
  readsAttrs(op: AnyOpDef): boolean {
    this.ensureLoaded();
    return this.constrained.has(op.id);
  }

  /**
   * The kernels that may run `op` on `dtype` with `attrs`, top layer first: the device calls
   * them in turn (with its own arguments, so a call costs no more than a direct one) until one
   * returns outputs rather than null. Undefined where none accepts `attrs`.
   */
  candidates(op: AnyOpDef, dtype: DType, attrs: object): readonly LayeredKernel<S>[] | undefined {
    if (this.loaders.length !== 0) this.ensureLoaded();
    const slot = this.slots[op.id]?.[dtype.asDatatypeEnum];
    if (slot === undefined) return undefined;
    if (!slot.constrained || slot.registrations.every((r) => accepts(r, attrs, undefined))) return slot.kernels as readonly LayeredKernel<S>[];
    const accepted = slot.registrations.filter((r) => accepts(r, attrs, undefined)).map((r) => r.kernel as LayeredKernel<S>);
    return accepted.length === 0 ? undefined : accepted;
  }
}
