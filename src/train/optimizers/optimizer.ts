// tf.optimizers.Optimizer: Keras 3's BaseOptimizer (keras/src/optimizers/base_optimizer.py)
// over tf.Variables. One step: check every gradient, create missing slots, clip, decay
// weights, run the subclass's update on each variable's device, apply constraints, count.
import { convertToTensor, type TensorLike } from "../../api/ops/convert.js";
import { device } from "../../api/device_scope.js";
import { IndexedSlices } from "../../api/ops/indexed_slices.js";
import { nameScope } from "../../api/name_scope.js";
import { Tensor } from "../../runtime/tensor.js";
import { Variable } from "../../api/variable.js";
import { VariableAggregation } from "../../api/variable_enums.js";
import { GradientTape } from "../../autodiff/tape.js";
import type { DType } from "../../core/dtypes.js";
import { roundBFloat16, roundHalf } from "../../core/f16.js";
import { sameDims } from "../../core/tensor_shape.js";
import {
  FailedPreconditionError, InvalidArgumentError, TypeError as TFTypeError, ValueError,
} from "../../errors/errors.js";
import {
  argumentMustBeFloat, expectedVariable, gradientCountMismatch, gradientNotFloat, gradientShapeMismatch, gradientsDoNotExist,
  learningRateInvalid, learningRateNotSettable, noGradients, noSuchSlot, onlyOneClipOption, variableNotFloat,
} from "../../errors/train_messages.js";
import { variableDisposed } from "../../errors/op_messages.js";
import { pyValueRepr } from "../../format/pyrepr.js";
import { fill, zeros } from "../../api/ops/array.js";
import { add, cast, multiply, sqrt, square } from "../../api/ops/math.js";
import { clipByGlobalNorm, clipByNorm, clipByValue } from "../../api/ops/clip.js";
import { reduceSum } from "../../api/ops/reduce.js";
import { LearningRateSchedule } from "./schedules.js";

/** A learning rate: a number, a schedule evaluated at `iterations`, or a function called each step. */
export type LearningRate = number | LearningRateSchedule | (() => number);

/** A gradient as applyGradients takes it; `null`/`undefined` skips its variable (with a warning). */
export type Gradient = TensorLike | IndexedSlices | null | undefined;

/** Options every optimizer takes (Keras's base optimizer keyword arguments). */
export interface OptimizerOptions {
  learningRate?: LearningRate;
  /** Decoupled weight decay: `w -= w * weightDecay * learningRate` before each update. */
  weightDecay?: number | null;
  /** Clip each gradient to this L2 norm. */
  clipnorm?: number | null;
  /** Clip each gradient element to [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** Scale all gradients together so that their global L2 norm is at most this. */
  globalClipnorm?: number | null;
  /** Name scope of the optimizer's variables (default: the snake-cased class name, made unique). */
  name?: string;
}

/** The slots one `add_optimizer_variables` call creates: `names` interleaved per variable. */
export interface SlotGroup {
  readonly names: readonly string[];
  /** Initial value of every element (default 0). */
  readonly initialValue?: number;
}

/** What a subclass's updateStep sees of the step. */
export interface UpdateContext {
  /** The learning rate, rounded to the variable's dtype. */
  readonly learningRate: number;
  /** `iterations + 1`, rounded to the variable's dtype. */
  readonly localStep: number;
  /** Rounds a host scalar to the variable's dtype, as a scalar op in that dtype would. */
  readonly round: (x: number) => number;
  /** The variable's slot `name`. */
  slot(name: string): Variable;
}

// Python's default warning filter prints a given message once.
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  if (typeof process !== "undefined" && typeof process.emitWarning === "function") process.emitWarning(message, "UserWarning");
  else console.warn(`UserWarning: ${message}`);
}

// Keras's auto_name: snake_case of the class name, `_1`, `_2`, … for later instances.
const nameUids = new Map<string, number>();
function autoName(className: string): string {
  const snake = className.replace(/\W+/g, "").replace(/(.)([A-Z][a-z]+)/g, "$1_$2").replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  const n = nameUids.get(snake);
  nameUids.set(snake, (n ?? 0) + 1);
  return n === undefined ? snake : `${snake}_${n}`;
}

/** Rounds host arithmetic to `dtype` so scalars match what TensorFlow computes in that dtype. */
function rounder(dtype: DType): (x: number) => number {
  switch (dtype.name) {
    case "float32": return Math.fround;
    case "float16": return roundHalf;
    case "bfloat16": return roundBFloat16;
    default: return (x) => x;
  }
}

function optionalNumber(name: string, v: number | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || Number.isNaN(v)) throw new ValueError(argumentMustBeFloat(name, pyValueRepr(v)));
  return v;
}

function isLearningRate(v: unknown): v is LearningRate {
  return (typeof v === "number" && !Number.isNaN(v)) || v instanceof LearningRateSchedule || typeof v === "function";
}

function learningRateError(v: unknown): ValueError {
  return new ValueError(learningRateInvalid(pyValueRepr(v)));
}

interface Prepared { readonly gradient: Tensor; readonly variable: Variable }

export abstract class Optimizer {
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  /** The number of steps taken (int64, non-trainable); schedules and Adam's bias correction read it. */
  readonly iterations: Variable;
  private lr: Variable | LearningRateSchedule | (() => number);
  /** iterations, learning_rate (when a number), then slots in creation order: Keras's `variables`. */
  private readonly tracked: Variable[] = [];
  private readonly slots = new Map<Variable, Map<string, Variable>>();
  private excludedVariables = new Set<Variable>();
  private excludedNames: RegExp | null = null;

  constructor(options: OptimizerOptions, defaultLearningRate: number) {
    this.name = options.name ?? autoName(new.target.name);
    this.weightDecay = optionalNumber("weight_decay", options.weightDecay);
    this.clipnorm = optionalNumber("clipnorm", options.clipnorm);
    this.clipvalue = optionalNumber("clipvalue", options.clipvalue);
    this.globalClipnorm = optionalNumber("global_clipnorm", options.globalClipnorm);
    if ([this.clipnorm, this.clipvalue, this.globalClipnorm].filter((v) => v !== null).length > 1) {
      throw new ValueError(onlyOneClipOption(pyValueRepr(this.clipnorm), pyValueRepr(this.clipvalue), pyValueRepr(this.globalClipnorm)));
    }
    const lr = options.learningRate ?? defaultLearningRate;
    if (!isLearningRate(lr)) throw learningRateError(lr);
    // Step count and learning rate live on CPU:0: they are read on the host every step.
    this.iterations = this.ownVariable(() => new Variable(0n, {
      name: "iteration", dtype: "int64", trainable: false, aggregation: VariableAggregation.ONLY_FIRST_REPLICA,
    }));
    this.tracked.push(this.iterations);
    if (typeof lr === "number") {
      this.lr = this.ownVariable(() => new Variable(lr, {
        name: "learning_rate", dtype: "float32", trainable: false, aggregation: VariableAggregation.ONLY_FIRST_REPLICA,
      }));
      this.tracked.push(this.lr);
    } else {
      this.lr = lr;
    }
  }

  private ownVariable(create: () => Variable): Variable {
    return device("/device:CPU:0", () => nameScope(this.name, create));
  }

  // --- for subclasses --------------------------------------------------------------------

  /** The slots each variable gets, in Keras's creation order. */
  protected abstract slotGroups(): readonly SlotGroup[];
  /** Update `variable` (and its slots) from `gradient` (already of the variable's dtype); runs on the variable's device. */
  protected abstract updateStep(gradient: Tensor, variable: Variable, context: UpdateContext): void;
  /** The constructor options that recreate this optimizer (without its state). */
  getConfig(): OptimizerOptions {
    return {
      name: this.name,
      learningRate: this.lr instanceof Variable ? this.learningRate : this.lr,
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      clipvalue: this.clipvalue,
      globalClipnorm: this.globalClipnorm,
    };
  }

  // --- learning rate ---------------------------------------------------------------------

  /** The learning rate of the next step (a schedule is evaluated at `iterations`). */
  get learningRate(): number {
    if (this.lr instanceof Variable) return Number(this.lr.numpy().item());
    if (this.lr instanceof LearningRateSchedule) return this.lr.call(this.iterations);
    return this.lr();
  }
  /** A number updates the `learning_rate` variable; a schedule or function replaces it. */
  set learningRate(value: LearningRate) {
    if (!isLearningRate(value)) throw learningRateError(value);
    if (typeof value === "number") {
      if (!(this.lr instanceof Variable)) {
        throw new TFTypeError(learningRateNotSettable(this.lr instanceof LearningRateSchedule ? "LearningRateSchedule" : "callable"));
      }
      this.lr.assign(value);
      return;
    }
    if (this.lr instanceof Variable) this.tracked.splice(this.tracked.indexOf(this.lr), 1);
    this.lr = value;
  }

  // --- variables ---------------------------------------------------------------------------

  /** iterations, learning_rate (unless a schedule or function), then every slot, in Keras's order. */
  get variables(): Variable[] { return [...this.tracked]; }

  /** The model variables the optimizer has been built for (each has its slots), in build order. */
  get builtVariables(): Variable[] { return [...this.slots.keys()]; }

  /** The slot `name` of `variable` (e.g. Adam's "momentum"), or undefined where it has none (yet). */
  getSlot(variable: Variable, name: string): Variable | undefined { return this.slots.get(variable)?.get(name); }

  /** The names of the slots every variable gets. */
  getSlotNames(): string[] { return this.slotGroups().flatMap((g) => [...g.names]); }

  /**
   * Create the slots of variables not seen before (Keras's `build`). applyGradients does this
   * on its own; call it to have the slots exist before the first step (e.g. to restore them).
   */
  build(variables: readonly Variable[]): void {
    const fresh = [...new Set(variables)].filter((v) => !this.slots.has(v));
    for (const v of fresh) {
      if (!(v instanceof Variable)) throw new TFTypeError(expectedVariable(v));
      checkVariable(v);
    }
    if (fresh.length === 0) return;
    const dims = fresh.map(variableDims);
    for (const v of fresh) this.slots.set(v, new Map());
    // One group is one add_optimizer_variables call: its names interleave per variable.
    for (const group of this.slotGroups()) {
      fresh.forEach((v, i) => {
        for (const slotName of group.names) {
          const slot = this.createSlot(v, dims[i]!, slotName, group.initialValue ?? 0);
          this.slots.get(v)!.set(slotName, slot);
          this.tracked.push(slot);
        }
      });
    }
  }

  private createSlot(v: Variable, dims: readonly number[], slotName: string, initial: number): Variable {
    // Keras names a slot `<variable name with / and : as _>_<slot>`, in the optimizer's scope.
    const name = `${v.name.replaceAll("/", "_").replaceAll(":", "_")}_${slotName}`;
    return device(v.device, () => nameScope(this.name, () => {
      const init = initial === 0 ? zeros(dims, v.dtype) : fill(dims, convertToTensor(initial, v.dtype));
      return new Variable(init, { name, trainable: false });
    }));
  }

  /** Keras's exclude_from_weight_decay: skip these variables, and those whose name matches any of `varNames`. */
  excludeFromWeightDecay(options: { varList?: readonly Variable[]; varNames?: readonly string[] }): void {
    this.excludedVariables = new Set(options.varList ?? []);
    const names = options.varNames ?? [];
    this.excludedNames = names.length === 0 ? null : new RegExp([...new Set(names)].join("|"));
  }

  private usesWeightDecay(v: Variable): boolean {
    return !this.excludedVariables.has(v) && (this.excludedNames === null || !this.excludedNames.test(v.name));
  }

  // --- steps -------------------------------------------------------------------------------

  /**
   * One optimization step: `opt.applyGradients([[grad, variable], …])` (Keras's
   * `apply_gradients`). A null gradient skips its variable with Keras's warning. Every
   * gradient is checked (shape, dtype) before anything changes, so a step that throws leaves
   * variables, slots and `iterations` as they were. Returns `iterations`, as Keras does.
   */
  applyGradients(gradsAndVars: Iterable<readonly [Gradient, Variable]>): Variable {
    const pairs = [...gradsAndVars];
    return this.apply(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  }

  /** Keras's `apply(grads, variables)`: applyGradients with the two lists apart. */
  apply(grads: readonly Gradient[], variables: readonly Variable[]): Variable {
    if (grads.length !== variables.length) {
      throw new ValueError(gradientCountMismatch(grads.length, variables.length));
    }
    if (grads.length === 0) return this.iterations;

    // 1. Check and convert everything first: nothing is written until all of it passes.
    const prepared: Prepared[] = [];
    const missing: string[] = [];
    variables.forEach((v, i) => {
      if (!(v instanceof Variable)) throw new TFTypeError(expectedVariable(v));
      checkVariable(v);
      const g = grads[i];
      if (g === null || g === undefined) missing.push(v.name);
      else prepared.push({ gradient: toGradient(g, v), variable: v });
    });
    if (prepared.length === 0) throw new ValueError(noGradients());
    const learningRate = this.learningRate;
    const step = Number(this.iterations.numpy().item());
    const clipped = this.clipGradients(prepared);

    // 2. Then change state.
    this.build(variables);
    if (missing.length > 0) {
      warnOnce(gradientsDoNotExist(pyValueRepr(missing)));
    }
    if (this.weightDecay !== null) {
      for (const { variable: v } of prepared) {
        if (!this.usesWeightDecay(v)) continue;
        const r = rounder(v.dtype);
        device(v.device, () => v.assignSub(multiply(multiply(v, r(this.weightDecay!)), r(learningRate)), { readValue: false }));
      }
    }
    prepared.forEach(({ variable: v }, i) => {
      const r = rounder(v.dtype);
      const slots = this.slots.get(v)!;
      const context: UpdateContext = {
        learningRate: r(learningRate),
        localStep: r(step + 1),
        round: r,
        slot: (name) => {
          const s = slots.get(name);
          if (s === undefined) throw new ValueError(noSuchSlot(v.name, name));
          return s;
        },
      };
      device(v.device, () => {
        const g = clipped[i]!;
        this.updateStep(g.dtype === v.dtype ? g : cast(g, v.dtype), v, context);
      });
    });
    for (const { variable: v } of prepared) {
      if (v.constraint !== null) device(v.device, () => v.assign(v.constraint!(v.value()), { readValue: false }));
    }
    this.iterations.assignAdd(1n, { readValue: false });
    return this.iterations;
  }

  /**
   * Record `loss()` on a GradientTape, take its gradients with respect to `varList` (watched
   * explicitly, so non-trainable variables listed there are updated too; a function is
   * called after `loss`, as Keras 2 did), apply them, and return the loss value.
   */
  minimize(loss: () => TensorLike, varList: readonly Variable[] | (() => readonly Variable[])): Tensor {
    const tape = new GradientTape();
    if (typeof varList !== "function") tape.watch([...varList]);
    const value = convertToTensor(tape.record(loss));
    const vars = [...(typeof varList === "function" ? varList() : varList)];
    const grads = tape.gradient(value, vars);
    this.apply(grads, vars);
    return value;
  }

  private clipGradients(prepared: readonly Prepared[]): Tensor[] {
    const grads = prepared.map((p) => p.gradient);
    const on = <T>(i: number, fn: () => T): T => device(prepared[i]!.variable.device, fn);
    if (this.clipnorm !== null && this.clipnorm > 0) {
      // Keras's clip_by_norm is TensorFlow's: g * c / max(||g||, c), unchanged below the norm.
      const c = this.clipnorm;
      return grads.map((g, i) => on(i, () => clipByNorm(g, c)));
    }
    if (this.globalClipnorm !== null && this.globalClipnorm > 0) {
      // Keras's global norm, sqrt(sum of sum(g²)) in the first gradient's dtype, then TensorFlow's
      // clip_by_global_norm (NaN scale when the norm is not finite), each product on its device.
      const first = grads[0]!.dtype;
      const sums = grads.map((g, i) => on(i, () => {
        const s = reduceSum(square(g));
        return s.dtype === first ? s : cast(s, first);
      }));
      const norm = sqrt(sums.reduce((a, b) => add(a, b)));
      return clipByGlobalNorm(grads, this.globalClipnorm, norm)[0];
    }
    if (this.clipvalue !== null && this.clipvalue > 0) {
      const c = this.clipvalue;
      return grads.map((g, i) => on(i, () => clipByValue(g, -c, c)));
    }
    return grads;
  }
}

function checkVariable(v: Variable): void {
  if (v.isDisposed) {
    throw new FailedPreconditionError(variableDisposed(v.name));
  }
  if (v.dtype.kind !== "float") throw new ValueError(variableNotFloat(v.dtype, v.name));
}

function variableDims(v: Variable): number[] {
  return v.shape.isFullyDefined ? (v.shape.dims as number[]) : [...v.value().dims];
}

/** The gradient as a dense floating tensor of the variable's shape, or a thrown error. */
function toGradient(g: TensorLike | IndexedSlices, v: Variable): Tensor {
  const dims = variableDims(v);
  let t: Tensor;
  if (g instanceof IndexedSlices) t = densify(g, v, dims);
  // JS numbers take the variable's dtype, as they do in ops; tensors keep theirs.
  else if (typeof g === "number" || Array.isArray(g)) t = convertToTensor(g, v.dtype);
  else t = convertToTensor(g);
  if (t.dtype.kind !== "float") {
    throw new TFTypeError(gradientNotFloat(v.name, t.dtype));
  }
  if (!sameDims(t.dims, dims)) {
    throw new InvalidArgumentError(gradientShapeMismatch(v.name, dims, t.dims));
  }
  return t;
}

/** A sparse gradient summed into a dense one (rows repeated in `indices` add up). */
function densify(g: IndexedSlices, v: Variable, dims: readonly number[]): Tensor {
  const values = g.values instanceof Tensor ? g.values : convertToTensor(g.values, v.dtype);
  if (values.dtype.kind !== "float") {
    throw new TFTypeError(gradientNotFloat(v.name, values.dtype));
  }
  return device(v.device, () => {
    const acc = new Variable(zeros(dims, values.dtype), { trainable: false });
    try {
      acc.scatterAdd(new IndexedSlices(values, g.indices), { readValue: false });
      return acc.value();
    } finally {
      acc.dispose();
    }
  });
}
