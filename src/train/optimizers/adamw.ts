// tf.optimizers.AdamW: Keras 3's AdamW (keras/src/optimizers/adamw.py) — Adam with decoupled
// weight decay on by default (the decay itself is the base optimizer's).
import { ValueError } from "../../errors/errors.js";
import { argumentMustBeFloat } from "../../errors/train_messages.js";
import { pyValueRepr } from "../../format/pyrepr.js";
import { Adam, type AdamOptions } from "./adam.js";

/** Adam, preceded each step by `w -= w · weightDecay · lr` (weightDecay default 0.004). */
export class AdamW extends Adam {
  constructor(options: AdamOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay === undefined ? 0.004 : options.weightDecay });
    if (this.weightDecay === null) {
      throw new ValueError(argumentMustBeFloat("weight_decay", pyValueRepr(this.weightDecay)));
    }
  }
}
