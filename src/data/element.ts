// User values into dataset elements: tensors and anything tf.convertToTensor takes are leaves;
// a JS array is a tuple when it holds tensors, typed arrays, NDArrays or objects, and a tensor
// literal (`[1, 2, 3]`, `[[1, 2], [3, 4]]`) when it holds only scalars; a plain object is a dict.
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { isPlainObject, type Element } from "./structure.js";

/** What dataset sources and map functions accept as an element. */
export type ElementLike = TensorLike | readonly ElementLike[] | { readonly [key: string]: ElementLike };

function isScalarValue(x: unknown): boolean {
  const t = typeof x;
  return t === "number" || t === "boolean" || t === "bigint" || t === "string" || isComplexValue(x);
}

function isComplexValue(x: unknown): boolean {
  if (!isPlainObject(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 2 && typeof x.re === "number" && typeof x.im === "number";
}

/** An array of scalars (nested): one tensor, as Python's list literal. */
function isTensorLiteral(x: readonly unknown[]): boolean {
  return x.every((v) => isScalarValue(v) || (Array.isArray(v) && isTensorLiteral(v)));
}

/** `value` as an element of tensors. */
export function toElement(value: ElementLike): Element {
  if (value instanceof Tensor) return value;
  if (Array.isArray(value)) {
    if (isTensorLiteral(value)) return convertToTensor(value as TensorLike);
    return value.map((v) => toElement(v as ElementLike));
  }
  if (isPlainObject(value) && !isComplexValue(value)) {
    const out: Record<string, Element> = {};
    for (const k of Object.keys(value)) out[k] = toElement(value[k] as ElementLike);
    return out;
  }
  return convertToTensor(value as TensorLike);
}
