// TensorFlow's printed forms of tensors and variables, around NumPy's array text.
import { arrayRepr, arrayStr, pyItemRepr, type PrintableArray } from "./arrayprint.js";

/** TensorFlow's numpy_text: NumPy's str (or repr; Python's repr of the item for scalars). */
function numpyText(a: PrintableArray, isRepr: boolean): string {
  let text: string;
  if (!isRepr) text = arrayStr(a);
  else if (a.shape.length === 0) text = pyItemRepr(a); // TF gives numpy scalars (and bytes) as Python items
  else text = arrayRepr(a);
  return text.includes("\n") ? "\n" + text : text;
}

/** `tf.Tensor([1. 2.], shape=(2,), dtype=float32)` — Python's `str(tensor)`. */
export function tensorToString(a: PrintableArray, shapeText: string): string {
  return `tf.Tensor(${numpyText(a, false)}, shape=${shapeText}, dtype=${a.dtype})`;
}

/** `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>` — `repr(tensor)`. */
export function tensorRepr(a: PrintableArray, shapeText: string): string {
  return `<tf.Tensor: shape=${shapeText}, dtype=${a.dtype}, numpy=${numpyText(a, true)}>`;
}

/** `<tf.Variable 'v:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>`. */
export function variableRepr(name: string, a: PrintableArray, shapeText: string): string {
  return `<tf.Variable '${name}' shape=${shapeText} dtype=${a.dtype}, numpy=${numpyText(a, true)}>`;
}

/** `<tf.Variable 'v:0' shape=(2,) dtype=float32, numpy=<unavailable>>`: a variable whose value cannot be read. */
export function unreadableVariableRepr(name: string, dtype: string, shapeText: string): string {
  return `<tf.Variable '${name}' shape=${shapeText} dtype=${dtype}, numpy=<unavailable>>`;
}
