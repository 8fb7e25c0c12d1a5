// Messages of the elementwise math functions added by #14 (TensorFlow's Python layer texts).
import type { DType } from "../core/dtypes.js";

/** tf.math.multiply_no_nan on two dtypes (its text has no final period, unlike true division's). */
export function multiplyNoNanDtypeMismatch(x: DType, y: DType): string {
  return `\`x\` and \`y\` must have the same dtype, got ${x.repr()} != ${y.repr()}`;
}
