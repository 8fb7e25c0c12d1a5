// The tf namespace: `import * as tf from "tsflow"`. Re-exports only.
export {
  DType, asDType as asDtype, asDType,
  float16, bfloat16, float32, float64, int8, int16, int32, int64,
  uint8, uint16, uint32, uint64, bool, complex64, complex128, string,
} from "./core/dtypes.js";
export type { DTypeName, DTypeLike } from "./core/dtypes.js";
export { TensorShape } from "./core/tensor_shape.js";
export type { Dim, ShapeLike } from "./core/tensor_shape.js";
export type { Complex, Storage } from "./core/storage.js";
export { Tensor } from "./runtime/tensor.js";
export { Variable } from "./api/variable.js";
export type { VariableOptions, AssignOptions, Constraint, SparseDelta } from "./api/variable.js";
export { VariableSynchronization, VariableAggregation } from "./api/variable_enums.js";
export type { SynchronizationLike, AggregationLike } from "./api/variable_enums.js";
export { IndexedSlices } from "./api/ops/indexed_slices.js";
export { nameScope, getCurrentNameScope } from "./api/name_scope.js";
export { NDArray, NumpyScalar } from "./format/ndarray.js";
export type { Scalar, NestedList } from "./format/ndarray.js";
export { device } from "./api/device_scope.js";
export * as errors from "./errors/index.js";
export * as config from "./api/config.js";
export * as debugging from "./api/debugging.js";
export * as io from "./io/index.js";
export * as train from "./train/index.js";
export { Module, ModuleNameScope } from "./module/index.js";
export type { FlattenOptions, ModulePath, TraversalKey } from "./module/index.js";
export * as data from "./data/index.js";
export { TensorSpec } from "./api/tensor_spec.js";
export * as optimizers from "./train/optimizers/index.js";
export * from "./api/ops/index.js";
export * as math from "./api/math.js";
export * as linalg from "./api/linalg.js";
export * as nn from "./nn/index.js";
export * as random from "./random/index.js";
export { GradientTape, LookupError } from "./autodiff/tape.js";
export type { GradientTapeOptions, GradientOptions, UnconnectedGradients, Sources, Gradients, JacobianOptions } from "./autodiff/tape.js";
export type { Jacobians, OutputGradients } from "./autodiff/tape.js";
export * as version from "./api/version.js";
export { customGradient, recomputeGrad } from "./autodiff/custom_gradient.js";
export type { CustomGradientOptions, CustomGradientResult, GradFn, InputGradients, CustomGradientOutputs } from "./autodiff/custom_gradient.js";
export { newaxis } from "./api/indexing.js";
export type { IndexItem, SliceSpec } from "./api/indexing.js";
export type { SlicedVariable } from "./api/variable.js";
