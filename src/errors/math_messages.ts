// Messages of the elementwise math functions added by #14 (TensorFlow's Python layer texts).
import type { DType } from "../core/dtypes.js";

/** tf.math.multiply_no_nan on two dtypes (its text has no final period, unlike true division's). */
export function multiplyNoNanDtypeMismatch(x: DType, y: DType): string {
  return `\`x\` and \`y\` must have the same dtype, got ${x.repr()} != ${y.repr()}`;
}

/** tf.math.conj of a tensor that is neither numeric nor a variant. */
export function conjNotNumeric(dtype: DType): string {
  return `Expected numeric or variant tensor, got dtype ${dtype.repr()}.`;
}

/** tf.math.scalar_mul with a scalar of rank above 0 (`shape`: the TensorShape's str). */
export function scalarMulNotScalar(shape: string): string {
  return `The input scalar must be a 0-D value. Received shape ${shape}.`;
}

/** tf.math.is_non_decreasing / is_strictly_increasing of a non-numeric tensor (`x`: its str). */
export function monotonicNotNumeric(x: string): string {
  return `Expected x to be numeric, instead found: ${x}`;
}

/** tf.tensordot's integer `axes` below zero. */
export function tensordotNegativeAxes(axes: number): string {
  return `\`axes\` must be at least 0. Received: ${axes}.`;
}

/** tf.tensordot's integer `axes` above a's rank (`a`: the tensor's str). */
export function tensordotAxesTooLarge(a: string, axes: number, rank: number): string {
  return `\`axes\` must not be larger than the number of dimensions of tensor ${a}.  Received ${axes}, vs tensor dimensions ${rank}.`;
}

/** tf.tensordot's list `axes` of another length than 2 (`axes`: Python's repr of the list). */
export function tensordotAxesLength(axes: string): string {
  return `\`axes\` must be an integer or have length 2. Received ${axes}.`;
}

/** tf.tensordot's axis lists of different lengths. */
export function tensordotAxesMismatch(a: number, b: number): string {
  return `Different number of contraction axes \`a\` and \`b\`, ${a} != ${b}.`;
}
