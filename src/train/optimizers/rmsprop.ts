// tf.optimizers.RMSprop: Keras 3's RMSprop (keras/src/optimizers/rmsprop.py), optionally
// centered and with plain momentum.
import type { Tensor } from "../../runtime/tensor.js";
import type { Variable } from "../../api/variable.js";
import { add, divide, multiply, sqrt, square, subtract } from "../../api/ops/math.js";
import { Optimizer, type OptimizerOptions, type SlotGroup, type UpdateContext } from "./optimizer.js";

export interface RMSpropOptions extends OptimizerOptions {
  /** Discount of the running mean of squared gradients (default 0.9). */
  rho?: number;
  /** Momentum of the update (default 0: none). */
  momentum?: number;
  /** Added inside the square root (default 1e-7). */
  epsilon?: number;
  /** Normalize by the estimated variance instead of the second moment (default false). */
  centered?: boolean;
}

/**
 * `v = ρv + (1-ρ)g²; Δ = lr·g / √(v + ε)` (centered: `√(v - ḡ² + ε)` with `ḡ = ρḡ + (1-ρ)g`);
 * `w -= Δ`, or with momentum `m = μm + Δ; w -= m`. Slots: "velocity", then "momentum"
 * (momentum > 0), then "average_gradient" (centered), each for all variables.
 */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    super(options, 0.001);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
  }

  protected slotGroups(): readonly SlotGroup[] {
    const groups: SlotGroup[] = [{ names: ["velocity"] }];
    if (this.momentum > 0) groups.push({ names: ["momentum"] });
    if (this.centered) groups.push({ names: ["average_gradient"] });
    return groups;
  }

  protected updateStep(g: Tensor, v: Variable, c: UpdateContext): void {
    const rho = this.rho;
    const velocity = c.slot("velocity");
    velocity.assign(add(multiply(velocity, rho), multiply(square(g), 1 - rho)), { readValue: false });
    let denominator: Tensor;
    if (this.centered) {
      const avg = c.slot("average_gradient");
      avg.assign(add(multiply(avg, rho), multiply(g, 1 - rho)), { readValue: false });
      denominator = add(subtract(velocity, square(avg)), this.epsilon);
    } else {
      denominator = add(velocity, this.epsilon);
    }
    const increment = divide(multiply(g, c.learningRate), sqrt(denominator));
    if (this.momentum > 0) {
      const m = c.slot("momentum");
      m.assign(add(multiply(m, this.momentum), increment), { readValue: false });
      v.assignSub(m, { readValue: false });
    } else {
      v.assignSub(increment, { readValue: false });
    }
  }

  override getConfig(): RMSpropOptions {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
