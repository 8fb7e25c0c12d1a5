// tf.GradientTape: records the ops applied to watched values while it is active, then replays
// their gradients backwards (TensorFlow's backprop.py / imperative_grad). A tape is active in
// the call chain of `tape.record(fn)` (kept across `await`, invisible to concurrent chains) or
// from `using _ = tape.start()` to the end of the block. Gradient computations are ops too:
// tapes still recording see them, which gives higher-order gradients with nested tapes.
import { Tensor } from "../runtime/tensor.js";
import { RuntimeError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  batchJacobianFirstDimMismatch, invalidSources, noGradientRegistered, outputGradientsLengthMismatch,
  tapeAlreadyUsed, unknownUnconnectedGradients,
} from "../errors/op_messages.js";
import { gradientInsidePersistentContext, tapeNotRecording, targetIsNone, watchedDtypeNotFloating } from "../errors/tape_messages.js";
import type { AnyOpDef } from "../ops/op_def.js";
import { gradientOf } from "./gradient_registry.js";
import {
  currentScope, enterScope, isTrackedVariable, runInScope, variableCreationOrder, type RecordingTape, type TrackedVariable,
} from "../runtime/scope.js";
import { addN, onesLikeForGradient, zerosLikeForGradient } from "./gradients/gradient_helpers.js";
import { concat, ones, range, reshape, stack, tile, zeros } from "../api/ops/array.js";
import { IndexedSlices } from "../api/ops/indexed_slices.js";
import { constant, convertToTensor } from "../api/ops/convert.js";
import { TensorShape } from "../core/tensor_shape.js";
import { cast } from "../api/ops/math.js";
import { equal } from "../api/ops/compare.js";
// Every op family's gradients, registered before a tape can ask for one.
import "./gradients/index.js";

export interface GradientTapeOptions {
  /** Allow several gradient() calls (the tape keeps its record until it is dropped). */
  readonly persistent?: boolean;
  /** Watch trainable variables read while recording (default true). */
  readonly watchAccessedVariables?: boolean;
}

export type UnconnectedGradients = "none" | "zero";

/** Gradients to start from: one per target, in the targets' structure (null: ones). */
export type OutputGradients = Tensor | null | readonly OutputGradients[] | { readonly [key: string]: OutputGradients };

export interface GradientOptions {
  /** Gradients of the target(s) to start from (default: ones), in the targets' structure. */
  readonly outputGradients?: OutputGradients;
  /** What an unconnected source gets: null ("none", default) or zeros ("zero"). */
  readonly unconnectedGradients?: UnconnectedGradients;
}

/** A source: a tensor or variable, or arrays and plain objects of them. */
export type Sources = Tensor | TrackedVariable | readonly Sources[] | { readonly [key: string]: Sources };
/**
 * gradient()'s answer: the sources' structure with a gradient (or null) in place of each; a
 * variable read only in part (sparseRead, tf.gather) gets TensorFlow's IndexedSlices.
 */
export type Gradients<S> = S extends Tensor ? Tensor | null
  : S extends TrackedVariable ? Tensor | IndexedSlices | null
  : S extends readonly unknown[] ? { [K in keyof S]: Gradients<S[K]> }
  : S extends object ? { [K in keyof S]: Gradients<S[K]> } : never;
/** jacobian()'s answer: the sources' structure with a dense jacobian (or null) in place of each. */
export type Jacobians<S> = S extends Tensor | TrackedVariable ? Tensor | null
  : S extends readonly unknown[] ? { [K in keyof S]: Jacobians<S[K]> }
  : S extends object ? { [K in keyof S]: Jacobians<S[K]> } : never;

/** One recorded op: a registered op (its gradient is looked up) or a custom gradient's own backward function. */
interface Entry {
  readonly op: AnyOpDef | null;
  readonly inputs: readonly Tensor[];
  readonly attrs: object;
  readonly outputs: readonly Tensor[];
  readonly plan: unknown;
  readonly backward?: CustomBackward;
}

/** A custom gradient's backward function: the inputs' gradients from the outputs' (zeros where none). */
export type CustomBackward = (dys: readonly Tensor[]) => readonly (Tensor | null)[];

function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
/** Only floating and complex values carry gradients (as in TensorFlow). */
function differentiable(t: Tensor | TrackedVariable): boolean {
  return t.dtype.kind === "float" || t.dtype.kind === "complex";
}

// TensorFlow logs its tape warnings through Python's logging (stderr) a limited number of times.
let watchWarningsLeft = 5;
let persistentWarningsLeft = 1;

export class GradientTape implements RecordingTape {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  private entries: Entry[] = [];
  private readonly watchedTensors = new Set<Tensor>();
  private readonly watchedVariableSet = new Set<TrackedVariable>();
  /** Values read from each watched variable while recording. */
  private readonly reads = new Map<TrackedVariable, Tensor[]>();
  /** Rows read from each watched variable (sparseRead) while recording: their indices and values. */
  private readonly sparseReads = new Map<TrackedVariable, { indices: Tensor; value: Tensor }[]>();
  private recording = true;
  private used = false;

  constructor(options: GradientTapeOptions = {}) {
    this.persistent = options.persistent ?? false;
    this.watchAccessedVariables = options.watchAccessedVariables ?? true;
  }

  /** Run `fn` with this tape recording (an async `fn` keeps it across `await`); returns its result. */
  record<T>(fn: () => T): T {
    const outer = currentScope();
    return runInScope({ ...outer, tapes: [...outer.tapes, this] }, fn);
  }

  /** Record until the returned object is disposed: `using _ = tape.start();`. */
  start(): Disposable {
    const outer = currentScope();
    return enterScope({ ...outer, tapes: [...outer.tapes, this] });
  }

  /** Pause recording on this tape until the returned object is disposed (tape.stop_recording()). */
  stopRecording(): Disposable {
    const was = this.recording;
    this.recording = false;
    return { [Symbol.dispose]: () => { this.recording = was; } };
  }

  /** Watch a tensor (its later uses are recorded) or a variable (its later reads are). */
  watch(x: Sources): void {
    for (const s of flatten(x)) {
      if (!differentiable(s) && watchWarningsLeft > 0) {
        watchWarningsLeft--;
        console.warn(watchedDtypeNotFloating(`tf.${s.dtype.name}`));
      }
      if (isTrackedVariable(s)) this.watchVariable(s);
      else if (differentiable(s)) this.watchedTensors.add(s);
    }
  }

  /**
   * The variables this tape watched (explicitly or by reading them), in their order of
   * creation; kept after a non-persistent tape answered, cleared by reset().
   */
  watchedVariables(): TrackedVariable[] {
    const order = (v: TrackedVariable) => v[variableCreationOrder] ?? Number.MAX_SAFE_INTEGER;
    return [...this.watchedVariableSet].sort((a, b) => order(a) - order(b));
  }

  /**
   * Forget everything recorded (tape.reset()): as if the tape's scope were left and entered
   * again with a new tape. Only while the tape records (ValueError otherwise).
   */
  reset(): void {
    if (!this.recording || !this.inScope()) throw new ValueError(tapeNotRecording());
    this.entries = [];
    this.watchedTensors.clear();
    this.watchedVariableSet.clear();
    this.reads.clear();
    this.sparseReads.clear();
    this.used = false;
  }

  /** Whether this call chain runs inside the tape's record()/start() scope. */
  private inScope(): boolean { return currentScope().tapes.includes(this); }

  private watchVariable(v: TrackedVariable): void { this.watchedVariableSet.add(v); }

  /** Whether ops on `t` are recorded by this tape (it is watched or computed from watched values). */
  watches(t: Tensor): boolean { return this.recording && this.watchedTensors.has(t); }

  /** Record a custom gradient's application (tf.custom_gradient) when one of its inputs is watched. */
  recordCustom(inputs: readonly Tensor[], outputs: readonly Tensor[], backward: CustomBackward): void {
    if (!this.recording || !inputs.some((t) => this.watchedTensors.has(t))) return;
    this.entries.push({ op: null, inputs, attrs: {}, outputs, plan: null, backward });
    for (const o of outputs) if (differentiable(o)) this.watchedTensors.add(o);
  }

  /** Called by the runtime for every op executed while this tape is in scope. */
  recordOperation(op: AnyOpDef, inputs: readonly Tensor[], attrs: object, outputs: readonly Tensor[], plan: unknown): void {
    if (!this.recording || outputs.length === 0 || gradientOf(op) === null) return;
    let watched = false;
    for (const t of inputs) if (this.watchedTensors.has(t)) { watched = true; break; }
    if (!watched) return;
    this.entries.push({ op, inputs, attrs, outputs, plan });
    for (const o of outputs) if (differentiable(o)) this.watchedTensors.add(o);
  }

  /** Called when a variable is read (ReadVariableOp) while this tape is in scope. */
  recordVariableRead(variable: TrackedVariable, value: Tensor): void {
    if (!this.recording || !differentiable(value)) return;
    const watched = this.watchedVariableSet.has(variable) || (this.watchAccessedVariables && variable.trainable);
    if (!watched) return;
    this.watchVariable(variable);
    let list = this.reads.get(variable);
    if (list === undefined) this.reads.set(variable, (list = []));
    list.push(value);
    this.watchedTensors.add(value);
  }

  /** Called when rows of a variable are read (ResourceGather) while this tape is in scope. */
  recordSparseRead(variable: TrackedVariable, indices: Tensor, value: Tensor): void {
    if (!this.recording || !differentiable(value)) return;
    const watched = this.watchedVariableSet.has(variable) || (this.watchAccessedVariables && variable.trainable);
    if (!watched) return;
    this.watchVariable(variable);
    let list = this.sparseReads.get(variable);
    if (list === undefined) this.sparseReads.set(variable, (list = []));
    list.push({ indices, value });
    this.watchedTensors.add(value);
  }

  /**
   * d(target)/d(sources): the gradient of the sum of `target`'s elements (of all targets) with
   * respect to each source, in the sources' structure; null where a source is unconnected or
   * was never watched (zeros with `unconnectedGradients: "zero"`).
   */
  gradient<S extends Sources>(target: Sources, sources: S, options: GradientOptions = {}): Gradients<S> {
    if (this.used && !this.persistent) {
      throw new RuntimeError(tapeAlreadyUsed());
    }
    if (this.persistent && this.recording && this.inScope() && persistentWarningsLeft > 0) {
      persistentWarningsLeft--;
      console.warn(gradientInsidePersistentContext());
    }
    if (target === null || target === undefined) throw new TFTypeError(targetIsNone());
    this.used = true;
    const unconnected = options.unconnectedGradients ?? "none";
    if (unconnected !== "none" && unconnected !== "zero") {
      throw new ValueError(unknownUnconnectedGradients(String(unconnected)));
    }
    const targets = flatten(target);
    const given = options.outputGradients === undefined || options.outputGradients === null ? null
      : flattenGradients(options.outputGradients);
    if (given !== null && given.length !== targets.length) {
      throw new ValueError(outputGradientsLengthMismatch(given.length, targets.length));
    }
    const flatSources = new Set(flatten(sources));

    // This tape does not record its own gradient computation; tapes around it do.
    const wasRecording = this.recording;
    this.recording = false;
    try {
      const grads = new Map<Tensor, Tensor[]>();
      const push = (t: Tensor, g: Tensor) => {
        const list = grads.get(t);
        if (list === undefined) grads.set(t, [g]); else list.push(g);
      };
      const sum = (t: Tensor): Tensor | null => {
        const list = grads.get(t);
        if (list === undefined) return null;
        if (list.length > 1) { const s = addN(list); grads.set(t, [s]); return s; }
        return list[0]!;
      };
      // A variable that is both target and source gets ones (a variable is its own source).
      const variableSeeds = new Map<TrackedVariable, Tensor[]>();
      targets.forEach((t, i) => {
        const seed = given?.[i] ?? null;
        if (isTrackedVariable(t)) {
          if (!flatSources.has(t)) return;
          const list = variableSeeds.get(t) ?? [];
          list.push(seed ?? ones(dimsOf(t, []), t.dtype));
          variableSeeds.set(t, list);
          return;
        }
        // A target seeds the backward pass when the tape computed it, when it is a source, or
        // when its gradient is given (TensorFlow's InitialGradients).
        if (seed !== null || this.watchedTensors.has(t) || flatSources.has(t)) push(t, seed ?? onesLikeForGradient(t));
      });
      for (let e = this.entries.length - 1; e >= 0; e--) {
        const entry = this.entries[e]!;
        const dys = entry.outputs.map(sum);
        if (dys.every((d) => d === null)) continue;
        let backward: CustomBackward;
        if (entry.backward !== undefined) backward = entry.backward;
        else {
          const op = entry.op!;
          const gradient = gradientOf(op);
          if (gradient === undefined) {
            throw new LookupError(noGradientRegistered(op.name));
          }
          if (gradient === null) continue;
          backward = (filled) => gradient({ inputs: entry.inputs, outputs: entry.outputs, attrs: entry.attrs, plan: entry.plan }, filled);
        }
        const filled = dys.map((d, i) => d ?? zerosLikeForGradient(entry.outputs[i]!));
        const dxs = backward(filled);
        entry.inputs.forEach((x, i) => {
          const dx = dxs[i];
          if (dx !== null && dx !== undefined && this.watchedTensors.has(x)) push(x, dx);
        });
      }
      const answer = (s: Tensor | TrackedVariable): Tensor | IndexedSlices | null => {
        let g: Tensor | IndexedSlices | null;
        if (isTrackedVariable(s)) {
          const parts: (Tensor | IndexedSlices)[] = (this.reads.get(s) ?? []).map(sum).filter((x): x is Tensor => x !== null);
          parts.push(...(variableSeeds.get(s) ?? []));
          for (const read of this.sparseReads.get(s) ?? []) {
            const dy = sum(read.value);
            if (dy !== null) parts.push(rowsGradient(dy, read.indices, dimsOf(s, [])));
          }
          g = aggregate(parts);
        } else {
          g = sum(s);
        }
        if (g === null && unconnected === "zero") g = zerosLikeForGradient(isTrackedVariable(s) ? s.value() : s);
        return g;
      };
      return mapStructure(sources, answer) as Gradients<S>;
    } finally {
      this.recording = wasRecording;
      if (!this.persistent) this.release();
    }
  }

  /** Drop the record of a non-persistent tape that answered (its watched variables stay listed). */
  private release(): void {
    this.entries = [];
    this.reads.clear();
    this.sparseReads.clear();
    this.watchedTensors.clear();
  }

  /**
   * tape.jacobian: d(target[i…]) / d(source[j…]) for every element pair, shaped
   * target.shape + source.shape for each source (in the sources' structure). One backward pass
   * per target element; null for an unconnected source (zeros with `unconnectedGradients: "zero"`).
   */
  jacobian<S extends Sources>(target: Tensor, sources: S, options: JacobianOptions = {}): Jacobians<S> {
    const n = target.size;
    const flatSources = flatten(sources);
    const rows = this.replayEach(n, (i) => (this.gradient(target, flatSources, {
      outputGradients: oneHot(target, i, false), unconnectedGradients: options.unconnectedGradients,
    }) as (Tensor | IndexedSlices | null)[]).map(toDense));
    let k = 0;
    return mapStructure(sources, (s) => {
      const column = rows.map((r) => r[k]!);
      k++;
      return stackRows(column, [...target.dims], dimsOf(s, column), target.dtype, n, options.unconnectedGradients);
    }) as Jacobians<S>;
  }

  /**
   * tape.batch_jacobian: for target [b, …] and source [b, …] whose batch rows are independent,
   * d(target[b, i…]) / d(source[b, j…]), shaped [b, …target, …source]. One pass per element of
   * a target row.
   */
  batchJacobian(target: Tensor, source: Tensor | TrackedVariable, options: JacobianOptions = {}): Tensor | null {
    const sourceDims = dimsOf(source, []);
    if (target.rank < 1 || sourceDims.length < 1 || target.dims[0] !== sourceDims[0]) {
      throw new ValueError(batchJacobianFirstDimMismatch(new TensorShape(target.dims), new TensorShape(sourceDims)));
    }
    const perRow = target.dims.slice(1).reduce((a, b) => a * b, 1);
    const rows = this.replayEach(perRow, (i) => toDense(this.gradient(target, source, {
      outputGradients: oneHot(target, i, true), unconnectedGradients: options.unconnectedGradients,
    }) as Tensor | IndexedSlices | null));
    // Each pass gives [b, …source]; stacked on axis 1 they make [b, perRow, …source].
    const b = target.dims[0]!;
    if (rows.every((r) => r === null)) {
      return options.unconnectedGradients === "zero" ? zeros([b, ...target.dims.slice(1), ...sourceDims.slice(1)], target.dtype) : null;
    }
    const filled = rows.map((r) => r ?? zeros(sourceDims, target.dtype));
    const stacked = perRow === 0 ? zeros([b, 0, ...sourceDims.slice(1)], target.dtype) : stack(filled, 1);
    return reshape(stacked, [b, ...target.dims.slice(1), ...sourceDims.slice(1)]);
  }

  /** Run `count` backward passes over one record (a non-persistent tape allows one such call). */
  private replayEach<T>(count: number, pass: (i: number) => T): T[] {
    if (this.used && !this.persistent) {
      throw new RuntimeError(tapeAlreadyUsed());
    }
    // gradient() drops the record of a non-persistent tape: keep it until the last pass.
    const self = this as { persistent: boolean };
    const persistent = this.persistent;
    self.persistent = true;
    try {
      const out: T[] = [];
      for (let i = 0; i < count; i++) out.push(pass(i));
      return out;
    } finally {
      self.persistent = persistent;
      this.used = true;
      if (!persistent) this.release();
    }
  }
}

export interface JacobianOptions {
  /** What an unconnected source gets: null ("none", default) or zeros ("zero"). */
  readonly unconnectedGradients?: UnconnectedGradients;
}

/** A seed of `target`'s shape and dtype: 1 at flat position i (of every batch row when `perRow`), 0 elsewhere. */
function oneHot(target: Tensor, i: number, perRow: boolean): Tensor {
  const n = perRow ? target.dims.slice(1).reduce((a, b) => a * b, 1) : target.size;
  const hot = cast(equal(range(0, n, 1, "int32"), i), target.dtype);
  return perRow ? reshape(tile(reshape(hot, [1, n]), [target.dims[0]!, 1]), target.dims) : reshape(hot, target.dims);
}

/** Rows d(target[i])/d(source) stacked into target.shape + source.shape (missing rows as zeros). */
function stackRows(
  rows: readonly (Tensor | null)[], targetDims: number[], sourceDims: readonly number[], dtype: Tensor["dtype"], n: number,
  unconnected: UnconnectedGradients | undefined,
): Tensor | null {
  if (rows.every((r) => r === null)) return unconnected === "zero" || n === 0 ? zeros([...targetDims, ...sourceDims], dtype) : null;
  const filled = rows.map((r) => r ?? zeros(sourceDims, dtype));
  return reshape(stack(filled, 0), [...targetDims, ...sourceDims]);
}

/** A source's dims: those of a gradient computed for it, else a tensor's or a variable's own. */
function dimsOf(s: Tensor | TrackedVariable, grads: readonly (Tensor | null)[]): readonly number[] {
  const g = grads.find((x) => x !== null);
  if (g) return g.dims;
  if (!isTrackedVariable(s)) return s.dims;
  const known = s.shape.dims;
  return known !== null && known.every((d) => d !== null) ? (known as number[]) : s.value().dims;
}

/**
 * The gradient of rows `indices` of a value of shape `dims` (TensorFlow's ResourceGather
 * gradient): values [n, ...dims[1:]], indices [n], dense_shape `dims` (int32).
 */
function rowsGradient(dy: Tensor, indices: Tensor, dims: readonly number[]): IndexedSlices {
  const n = indices.size;
  return new IndexedSlices(reshape(dy, [n, ...dims.slice(1)]), reshape(indices, [n]), constant([...dims], "int32"));
}

/**
 * Several gradients of one value summed as TensorFlow's backprop does: tensors add up; with any
 * tensor among them the IndexedSlices are made dense first; IndexedSlices alone concatenate
 * (indices cast to int64 when their dtypes differ).
 */
function aggregate(parts: readonly (Tensor | IndexedSlices)[]): Tensor | IndexedSlices | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  if (parts.some((p) => p instanceof Tensor)) return addN(parts.map((p) => toDense(p)!));
  const slices = parts as readonly IndexedSlices[];
  const mixed = new Set(slices.map((p) => p.indices.dtype.name)).size > 1;
  const indices = slices.map((p) => (mixed ? cast(p.indices, "int64") : p.indices));
  return new IndexedSlices(concat(slices.map((p) => p.values as Tensor), 0), concat(indices, 0), slices[0]!.denseShape);
}

/** An IndexedSlices gradient as the dense tensor it stands for (rows repeated in indices add up). */
export function toDense(g: Tensor | IndexedSlices | null): Tensor | null {
  return g === null || g instanceof Tensor ? g : convertToTensor(g);
}

/** Python's LookupError (raised for ops without a registered gradient). */
export class LookupError extends Error {
  constructor(message: string) { super(message); this.name = "LookupError"; }
}

// Structures are flattened as TensorFlow's nest.flatten does: arrays in order, objects by sorted key.
function flatten(x: Sources): (Tensor | TrackedVariable)[] {
  if (isTrackedVariable(x) || isTensor(x)) return [x];
  if (Array.isArray(x)) return (x as readonly Sources[]).flatMap(flatten);
  if (typeof x === "object" && x !== null) {
    const o = x as Record<string, Sources>;
    return Object.keys(o).sort().flatMap((k) => flatten(o[k]!));
  }
  throw new ValueError(invalidSources(String(x)));
}

/** Output gradients flattened like the targets (null entries kept). */
function flattenGradients(x: OutputGradients): (Tensor | null)[] {
  if (x === null || isTensor(x)) return [x];
  if (Array.isArray(x)) return (x as readonly OutputGradients[]).flatMap(flattenGradients);
  if (typeof x === "object") {
    const o = x as Record<string, OutputGradients>;
    return Object.keys(o).sort().flatMap((k) => flattenGradients(o[k]!));
  }
  throw new ValueError(invalidSources(String(x)));
}

/** `x`'s structure with f applied to each leaf, leaves visited in flatten()'s order. */
function mapStructure(x: Sources, f: (s: Tensor | TrackedVariable) => Tensor | IndexedSlices | null): unknown {
  if (isTrackedVariable(x) || isTensor(x)) return f(x);
  if (Array.isArray(x)) return (x as readonly Sources[]).map((s) => mapStructure(s, f));
  if (typeof x === "object" && x !== null) {
    const o = x as Record<string, Sources>;
    const mapped = new Map(Object.keys(o).sort().map((k) => [k, mapStructure(o[k]!, f)]));
    return Object.fromEntries(Object.keys(o).map((k) => [k, mapped.get(k)]));
  }
  throw new ValueError(invalidSources(String(x)));
}
