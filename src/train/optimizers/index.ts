// tf.optimizers: Keras 3's optimizers and learning-rate schedules over tf.Variables.
export { Optimizer } from "./optimizer.js";
export type { OptimizerOptions, LearningRate, Gradient, SlotGroup, UpdateContext } from "./optimizer.js";
export { SGD } from "./sgd.js";
export type { SGDOptions } from "./sgd.js";
export { Adam } from "./adam.js";
export type { AdamOptions } from "./adam.js";
export { AdamW } from "./adamw.js";
export { RMSprop } from "./rmsprop.js";
export type { RMSpropOptions } from "./rmsprop.js";
export { Adagrad } from "./adagrad.js";
export type { AdagradOptions } from "./adagrad.js";
export * as schedules from "./schedules.js";
