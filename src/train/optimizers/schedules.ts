// tf.optimizers.schedules: learning rates that depend on the optimizer's step (Keras 3's
// keras.optimizers.schedules). A schedule is evaluated on the host at `optimizer.iterations`
// once per step; it computes in float32, as Keras's schedules do with a Python float.
import type { Tensor } from "../../runtime/tensor.js";
import type { Variable } from "../../api/variable.js";
import { ValueError } from "../../errors/errors.js";
import { boundariesValuesLength, decayStepsNotPositive } from "../../errors/train_messages.js";
import { pyValueRepr } from "../../format/pyrepr.js";

/** A step as a schedule accepts it: a number, a bigint, or a scalar tensor/variable (e.g. `opt.iterations`). */
export type Step = number | bigint | Tensor | Variable;

function stepNumber(step: Step): number {
  if (typeof step === "number") return step;
  if (typeof step === "bigint") return Number(step);
  return Number(step.numpy().item());
}

/** Keras's LearningRateSchedule: subclass it and implement `call(step)`. */
export abstract class LearningRateSchedule {
  /** The learning rate at `step` (Python's `schedule(step)`). */
  call(step: Step): number { return this.compute(stepNumber(step)); }
  /** The learning rate at a step given as a number. */
  protected abstract compute(step: number): number;
  /** The constructor options that recreate this schedule. */
  abstract getConfig(): object;
}

export interface ExponentialDecayOptions {
  readonly initialLearningRate: number;
  /** Must be > 0. */
  readonly decaySteps: number;
  readonly decayRate: number;
  /** Decay at whole multiples of `decaySteps` only (default false). */
  readonly staircase?: boolean;
  readonly name?: string;
}

/** `initialLearningRate * decayRate ** (step / decaySteps)` (the exponent floored with `staircase`). */
export class ExponentialDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(options: ExponentialDecayOptions) {
    super();
    this.initialLearningRate = options.initialLearningRate;
    this.decaySteps = options.decaySteps;
    this.decayRate = options.decayRate;
    this.staircase = options.staircase ?? false;
    this.name = options.name ?? "ExponentialDecay";
    if (!(this.decaySteps > 0)) {
      throw new ValueError(decayStepsNotPositive(pyValueRepr(this.decaySteps)));
    }
  }

  protected compute(step: number): number {
    // Every operation rounded to float32, as Keras's float32 tensor arithmetic.
    const f = Math.fround;
    let p = f(f(step) / f(this.decaySteps));
    if (this.staircase) p = Math.floor(p);
    return f(f(this.initialLearningRate) * f(Math.pow(f(this.decayRate), p)));
  }

  getConfig(): ExponentialDecayOptions {
    return {
      initialLearningRate: this.initialLearningRate, decaySteps: this.decaySteps, decayRate: this.decayRate,
      staircase: this.staircase, name: this.name,
    };
  }
}

export interface PiecewiseConstantDecayOptions {
  /** Strictly increasing step boundaries. */
  readonly boundaries: readonly number[];
  /** One more value than boundaries. */
  readonly values: readonly number[];
  readonly name?: string;
}

/**
 * `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, and `values[n]` after `boundaries[n-1]`.
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  readonly name: string;

  constructor(options: PiecewiseConstantDecayOptions) {
    super();
    const { boundaries, values } = options;
    if (boundaries.length !== values.length - 1) {
      throw new ValueError(boundariesValuesLength(pyValueRepr(boundaries), boundaries.length, pyValueRepr(values), values.length));
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
    this.name = options.name ?? "PiecewiseConstant";
  }

  protected compute(step: number): number {
    let i = 0;
    while (i < this.boundaries.length && step > this.boundaries[i]!) i++;
    return Math.fround(this.values[i]!);
  }

  getConfig(): PiecewiseConstantDecayOptions {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
