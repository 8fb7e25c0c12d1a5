// What the op table, the runtime and the devices agree a value is before any buffer exists:
// its dtype and its concrete shape.
import type { DType } from "./dtypes.js";

/** Dtype and concrete shape of a value an op reads or produces. */
export interface TensorSpec {
  readonly dtype: DType;
  readonly dims: readonly number[];
}
