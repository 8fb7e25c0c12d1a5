// Messages raised by src/format/ (NDArray and NumPy-style printing): NumPy's own texts where
// NumPy has one, otherwise tsflow's for storage that does not fit its dtype.

/** `item()` of an array that does not hold exactly one element (NumPy's text). */
export function itemOfArrayNotSizeOne(): string {
  return "can only convert an array of size 1 to a Python scalar";
}

/** A numeric array whose storage holds byte strings. */
export function numericArrayHoldsStrings(dtypeName: string): string {
  return `array of dtype ${dtypeName} holds byte strings`;
}

/** A string array whose storage is a typed array rather than byte strings. */
export function stringArrayNotByteStrings(): string {
  return "string array storage must be an array of byte strings";
}
