// Messages raised by src/core/ (dtypes and TensorShape). Core imports this file, so it imports
// nothing from core: callers pass names and preformatted shapes, never core's objects.

/** `tf.int8.min`-style limits asked of a dtype that has none (complex, string). */
export function noMinOrMax(dtypeName: string): string {
  return `${dtypeName} does not have a min or max`;
}

/** `tf.as_dtype` of something that names no dtype (strings are quoted, as Python's repr). */
export function cannotConvertToDType(value: unknown): string {
  const shown = typeof value === "string" ? `'${value}'` : String(value);
  return `Cannot convert the argument \`type_value\`: ${shown} to a TensorFlow DType.`;
}

/** A TensorShape dimension that is neither a non-negative integer nor None. */
export function invalidDimensionValue(value: unknown): string {
  return `Dimension value must be integer or None or have an __index__ method, got value '${String(value)}' with type '${typeof value}'`;
}

/** `as_list()` of a TensorShape whose rank is unknown. */
export function asListOfUnknownShape(): string {
  return "as_list() is not defined on an unknown TensorShape.";
}

/** A TensorShape indexed outside its rank (`shape`: its str, `(2, 3)`). */
export function shapeIndexOutOfRange(index: number, shape: string): string {
  return `Index ${index} out of range for shape ${shape}`;
}
