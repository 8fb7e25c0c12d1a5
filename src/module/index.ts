// tf.Module
export { Module, ModuleNameScope } from "./module.js";
export type { FlattenOptions, ModulePath } from "./module.js";
