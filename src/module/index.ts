// tf.Module
export { Module, ModuleNameScope } from "./module.js";
export type { FlattenOptions, ModulePath, TraversalKey } from "./module.js";
