// tf.optimizers.Adagrad: Keras 3's Adagrad (keras/src/optimizers/adagrad.py).
import type { Tensor } from "../../runtime/tensor.js";
import type { Variable } from "../../api/variable.js";
import { add, divide, multiply, sqrt, square } from "../../api/ops/math.js";
import { Optimizer, type OptimizerOptions, type SlotGroup, type UpdateContext } from "./optimizer.js";

export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulators (default 0.1). */
  initialAccumulatorValue?: number;
  /** Added inside the square root (default 1e-7). */
  epsilon?: number;
}

/** `a += g²; w -= lr·g / √(a + ε)`. Slot: "accumulator" (starts at initialAccumulatorValue). */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super(options, 0.001);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected slotGroups(): readonly SlotGroup[] {
    return [{ names: ["accumulator"], initialValue: this.initialAccumulatorValue }];
  }

  protected updateStep(g: Tensor, v: Variable, c: UpdateContext): void {
    const acc = c.slot("accumulator");
    acc.assignAdd(square(g), { readValue: false });
    v.assignSub(divide(multiply(g, c.learningRate), sqrt(add(acc, this.epsilon))), { readValue: false });
  }

  override getConfig(): AdagradOptions {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
