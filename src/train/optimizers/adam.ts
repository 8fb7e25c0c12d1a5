// tf.optimizers.Adam: Keras 3's Adam (keras/src/optimizers/adam.py), with optional AMSGrad.
import type { Tensor } from "../../runtime/tensor.js";
import type { Variable } from "../../api/variable.js";
import { add, divide, maximum, multiply, sqrt, square, subtract } from "../../api/ops/math.js";
import { Optimizer, type OptimizerOptions, type SlotGroup, type UpdateContext } from "./optimizer.js";

export interface AdamOptions extends OptimizerOptions {
  /** Decay rate of the first-moment estimate (default 0.9). */
  beta1?: number;
  /** Decay rate of the second-moment estimate (default 0.999). */
  beta2?: number;
  /** Added to the root of the second moment (Keras's "epsilon hat", default 1e-7). */
  epsilon?: number;
  /** Divide by the running maximum of the second moment (default false). */
  amsgrad?: boolean;
}

/**
 * `m += (g - m)(1 - β1); v += (g² - v)(1 - β2); w -= m·α / (√v + ε)` with
 * `α = lr·√(1 - β2^t) / (1 - β1^t)`, t = iterations + 1. Slots: "momentum" and "velocity"
 * (interleaved per variable), then "velocity_hat" with amsgrad.
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(options: AdamOptions = {}) {
    super(options, 0.001);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.amsgrad = options.amsgrad ?? false;
  }

  protected slotGroups(): readonly SlotGroup[] {
    const groups: SlotGroup[] = [{ names: ["momentum", "velocity"] }];
    if (this.amsgrad) groups.push({ names: ["velocity_hat"] });
    return groups;
  }

  protected updateStep(g: Tensor, v: Variable, c: UpdateContext): void {
    // The bias correction is scalar: computed on the host, rounded as the variable's dtype would.
    const r = c.round;
    const beta1Power = r(Math.pow(r(this.beta1), c.localStep));
    const beta2Power = r(Math.pow(r(this.beta2), c.localStep));
    const alpha = r(r(c.learningRate * r(Math.sqrt(r(1 - beta2Power)))) / r(1 - beta1Power));
    const m = c.slot("momentum");
    let vel = c.slot("velocity");
    m.assignAdd(multiply(subtract(g, m), 1 - this.beta1), { readValue: false });
    vel.assignAdd(multiply(subtract(square(g), vel), 1 - this.beta2), { readValue: false });
    if (this.amsgrad) {
      const vHat = c.slot("velocity_hat");
      vHat.assign(maximum(vHat, vel), { readValue: false });
      vel = vHat;
    }
    v.assignSub(divide(multiply(m, alpha), add(sqrt(vel), this.epsilon)), { readValue: false });
  }

  override getConfig(): AdamOptions {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
