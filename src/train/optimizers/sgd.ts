// tf.optimizers.SGD: Keras 3's SGD (keras/src/optimizers/sgd.py), with optional (Nesterov) momentum.
import type { Tensor } from "../../runtime/tensor.js";
import type { Variable } from "../../api/variable.js";
import { ValueError } from "../../errors/errors.js";
import { multiply, subtract } from "../../api/ops/math.js";
import { Optimizer, type OptimizerOptions, type SlotGroup, type UpdateContext } from "./optimizer.js";
import { momentumOutOfRange } from "../../errors/train_messages.js";

export interface SGDOptions extends OptimizerOptions {
  /** In [0, 1]; 0 is plain gradient descent (default 0). */
  momentum?: number;
  /** Nesterov momentum (default false). */
  nesterov?: boolean;
}

/**
 * `w -= lr * g`; with momentum `m = momentum * m - lr * g; w += m` (Nesterov:
 * `w += momentum * m - lr * g`). Slot: "momentum" (only when momentum != 0).
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super(options, 0.01);
    const momentum = options.momentum ?? 0;
    if (typeof momentum !== "number" || !(momentum >= 0 && momentum <= 1)) {
      throw new ValueError(momentumOutOfRange());
    }
    this.momentum = momentum;
    this.nesterov = options.nesterov ?? false;
  }

  protected slotGroups(): readonly SlotGroup[] {
    return this.momentum !== 0 ? [{ names: ["momentum"] }] : [];
  }

  protected updateStep(g: Tensor, v: Variable, c: UpdateContext): void {
    const lr = c.learningRate;
    if (this.momentum === 0) {
      v.assignSub(multiply(g, lr), { readValue: false });
      return;
    }
    const m = c.slot("momentum");
    const momentum = c.round(this.momentum);
    m.assign(subtract(multiply(m, momentum), multiply(g, lr)), { readValue: false });
    if (this.nesterov) v.assignAdd(subtract(multiply(m, momentum), multiply(g, lr)), { readValue: false });
    else v.assignAdd(m, { readValue: false });
  }

  override getConfig(): SGDOptions {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
