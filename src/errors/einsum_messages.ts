// The messages of tf.einsum: its Python layer's ValueErrors (special_math_ops.py,
// _einsum_v2_parse_and_resolve_equation) and the Einsum kernel's InvalidArgumentErrors
// (tensorflow/core/kernels/linalg/einsum_op_impl.h), TensorFlow's wording.
import { shapeDebugString } from "../core/tensor_shape.js";

type Dims = readonly number[];

/** A Python list of ints as `str(list)` prints it: `[2, 3]`. */
function pyList(dims: Dims): string {
  return `[${dims.join(", ")}]`;
}

// --- Python: the equation --------------------------------------------------------------------

/** An equation with an ellipsis that also holds a '0' (the label the ellipsis is parsed as). */
export function einsumZeroInEquation(equation: string): string {
  return `Invalid character "0" in equation: ${equation}.`;
}

/** Subscripts of other characters than letters, commas, one '->' and ellipses (`resolved`: spaces removed, '...' as '0'). */
export function einsumBadSubscripts(resolved: string): string {
  return `Subscripts have incorrect format: ${resolved}`;
}

/** Another number of operands than the equation has subscripts. */
export function einsumInputCount(got: number, equation: string, want: number): string {
  return `Got ${got} inputs for equation "${equation}", expecting ${want}`;
}

/** An output subscript naming a label twice. */
export function einsumOutputLabelRepeated(equation: string): string {
  return `Output subscripts contain a label appearing more than once: ${equation}`;
}

/** An output label that no input subscript has. */
export function einsumOutputLabelMissing(label: string): string {
  return `Output subscripts contain the label ${label} not present in the input subscripts.`;
}

/** An output subscript with more than one ellipsis. */
export function einsumOutputEllipses(equation: string): string {
  return `Output subscripts contain multiple ellipsis: ${equation}`;
}

/** An input subscript with more than one ellipsis (`labels`: the subscript, ellipses written `...`). */
export function einsumInputEllipses(labels: string): string {
  return `Too many ellipses in input label ${labels}.`;
}

/** With more than two operands: more named labels (besides an ellipsis) than the operand has dimensions. */
export function einsumTooManyNamedLabels(index: number, equation: string, dims: Dims): string {
  return `Too many named labels in ${index}th subscript string of equation ${equation} for input shape ${pyList(dims)} `;
}

/** With more than two operands: a subscript without ellipsis whose length is not the operand's rank. */
export function einsumLabelsNotRank(index: number, equation: string, dims: Dims): string {
  return `Number of named labels in input #${index} of equation ${equation} must be equal to the number of dimensions in shape ${pyList(dims)}`;
}

// --- the Einsum kernel -----------------------------------------------------------------------

/** An operand whose rank is not the number of labels of its subscript (no ellipsis). */
export function einsumRankMismatch(index: number, labels: number, rank: number): string {
  return `Expected input ${index} to have rank ${labels} but got: ${rank}`;
}

/** An operand of lower rank than the named labels of its subscript (with an ellipsis). */
export function einsumRankBelowLabels(index: number, labels: number, rank: number): string {
  return `Expected input ${index} to have rank at least ${labels} but got: ${rank}`;
}

/** A label whose dimension differs from the one an earlier axis gave it. */
export function einsumDimensionMismatch(want: number, axis: number, dims: Dims, got: number): string {
  return `Expected dimension ${want} at axis ${axis} of the input shaped ${shapeDebugString(dims)} but got dimension ${got}`;
}

/** Operands with ellipsis dimensions, and an output subscript without ellipsis. */
export function einsumOutputWithoutEllipsis(dims: number): string {
  return `Output contains ${dims} broadcasting dimension(s) but no ellipsis (...) was found in the output subscripts.`;
}

/** Batch dimensions of the two reduced operands (`[batch…, free, contracted]`) that do not broadcast. */
export function einsumBroadcastMismatch(a: Dims, b: Dims): string {
  return `Invalid broadcasting dimensions: ${shapeDebugString(a)} vs. ${shapeDebugString(b)}`;
}

/** A repeated label in an operand of more than six distinct labels (UnimplementedError). */
export function einsumRepeatedLabelsRank(rank: number): string {
  return `Unsupported rank: ${rank} while handling repeated indices. Up to rank 6 is supported.`;
}
