// tf.norm (also tf.linalg.norm): vector p-norms and matrix norms as TensorFlow's
// linalg_ops.norm composes them, so that gradients, dtypes and errors are TensorFlow's.
import { ValueError } from "../../errors/errors.js";
import { normBadAxis, normBadMatrixOrd, normBadOrd } from "../../errors/array_messages.js";
import { pyNumberRepr } from "../../format/pyrepr.js";
import { Svd } from "../../ops/linalg_decompositions.js";
import { execute } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { expandDims, squeeze, transpose } from "./array.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { abs, multiply, pow, sqrt } from "./math.js";
import { conj } from "./math_composites.js";
import { reduceMax, reduceSum } from "./reduce.js";

/** The order of a norm: "euclidean", "fro" (matrices only), or a positive number (Infinity for max). */
export type NormOrd = "euclidean" | "fro" | number;

/** A vector axis, or a pair of axes for matrix norms (null/undefined: every element as one vector). */
export type NormAxis = number | readonly [number, number] | null | undefined;

export interface NormOptions {
  ord?: NormOrd;
  axis?: NormAxis;
  keepdims?: boolean;
}

/** Python's str() of an ord or axis, as TensorFlow's messages format them. */
function pyStr(v: unknown): string {
  if (typeof v === "number") return pyNumberRepr(v);
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (Array.isArray(v)) return `[${v.map(pyStr).join(", ")}]`;
  return String(v);
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/**
 * tf.norm(tensor, ord = "euclidean", axis = null, keepdims = false): the vector norm of all
 * elements (axis null), of each vector along `axis` (an integer), or the matrix norm over the
 * pair `axis` ([-2, -1] for a batch of matrices). Vector ords: "euclidean" (= 2), 1, Infinity and
 * any positive p; matrix ords: "euclidean"/"fro" (Frobenius), 1 (max column sum), Infinity (max
 * row sum) and 2 (the largest singular value, through Svd). Euclidean norms of complex input
 * stay complex (sqrt of sum(x·conj(x)), as TensorFlow's); the others take |x|. TypeScript call:
 * positional as in Python (`tf.norm(x, 2, [0, 1], true)`), or `tf.norm(x, { ord, axis, keepdims })`.
 */
export function norm(tensor: TensorLike, ord?: NormOrd | NormOptions, axis?: NormAxis, keepdims?: boolean | null): Tensor {
  if (ord !== null && typeof ord === "object") ({ ord, axis, keepdims } = ord);
  const order: NormOrd = ord ?? "euclidean";
  const isMatrixNorm = Array.isArray(axis) && axis.length === 2;
  let axes: number[] | null = null;
  if (isMatrixNorm) {
    const [a0, a1] = axis as readonly [unknown, unknown];
    if (!isInt(a0) || !isInt(a1) || a0 === a1) throw new ValueError(normBadAxis(`(${pyStr(a0)}, ${pyStr(a1)})`));
    if (!(order === "euclidean" || order === "fro" || order === 1 || order === 2 || order === Infinity)) {
      throw new ValueError(normBadMatrixOrd(pyStr(order)));
    }
    axes = [a0, a1];
  } else {
    if (!(axis === null || axis === undefined || isInt(axis))) throw new ValueError(normBadAxis(pyStr(axis)));
    // np.isreal(ord) and ord > 0, or one of the named vector norms ("fro" is not one).
    const positive = typeof order === "number" && !(order <= 0);
    if (!positive && order !== "euclidean") throw new ValueError(normBadOrd(pyStr(order)));
    if (isInt(axis)) axes = [axis];
  }
  const t = convertToTensor(tensor);
  let result: Tensor;
  if (order === "fro" || order === "euclidean" || order === 2) {
    if (isMatrixNorm && order === 2) result = matrixTwoNorm(t, axes!);
    else result = sqrt(reduceSum(multiply(t, conj(t)), axes, true));
  } else {
    result = abs(t);
    if (order === 1) {
      result = reduceSum(result, axes === null ? null : axes[0], true);
      if (isMatrixNorm) result = reduceMax(result, axes![1], true);
    } else if (order === Infinity) {
      if (isMatrixNorm) result = reduceSum(result, axes![1], true);
      result = reduceMax(result, axes === null ? null : axes[0], true);
    } else {
      // General p-norms (positive p only).
      result = pow(reduceSum(pow(result, order), axes, true), 1 / order);
    }
  }
  return keepdims === true ? result : squeeze(result, axes);
}

/**
 * The largest singular value of the matrices over `axes`, with size-1 axes left there: the two
 * axes moved last (in the order given), Svd without vectors, the largest |s|, moved back.
 */
function matrixTwoNorm(t: Tensor, axes: readonly number[]): Tensor {
  const rank = t.rank;
  const positive = axes.map((a) => (a >= 0 ? a : a + rank));
  const rest = t.dims.map((_, i) => i).filter((i) => !positive.includes(i));
  const permBefore = [...rest, ...positive];
  const permAfter = t.dims.map((_, i) => permBefore.indexOf(i));
  const permed = transpose(t, permBefore);
  const [s] = execute(Svd, [permed], { computeUv: false, fullMatrices: false });
  const twoNorm = expandDims(reduceMax(abs(s!), -1, true), -1);
  return transpose(twoNorm, permAfter);
}
