// Matrix products: tf.matmul, tf.tensordot.
import { ValueError } from "../../errors/errors.js";
import { transposeAndAdjoint } from "../../errors/op_messages.js";
import { tensordotAxesLength, tensordotAxesMismatch, tensordotAxesTooLarge, tensordotNegativeAxes } from "../../errors/math_messages.js";
import { sizeOf } from "../../core/tensor_shape.js";
import { reshape, transpose } from "./array.js";
import { BatchMatMulV2, MatMul } from "../../ops/linalg.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { convertPreferring } from "./args.js";
import { convertToTensor, type TensorLike } from "./convert.js";

export interface MatMulOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** Conjugate-transpose a (complex); same as transposeA for real dtypes. */
  adjointA?: boolean;
  adjointB?: boolean;
}

/**
 * tf.matmul: the matrix product of the last two axes. Inputs of rank > 2 go to BatchMatMulV2
 * (batch axes broadcast), others to MatMul. `transposeX` and `adjointX` (conjugate transpose)
 * exclude each other, as in TensorFlow.
 */
export function matmul(a: TensorLike, b: TensorLike, options: MatMulOptions = {}): Tensor {
  const transposeA = options.transposeA ?? false, transposeB = options.transposeB ?? false;
  const adjointA = options.adjointA ?? false, adjointB = options.adjointB ?? false;
  if (transposeA && adjointA) throw new ValueError(transposeAndAdjoint("a"));
  if (transposeB && adjointB) throw new ValueError(transposeAndAdjoint("b"));
  // Python converts `a` on its own and `b` with a's dtype as a hint.
  const x = convertToTensor(a);
  const y = convertPreferring(b, x.dtype);
  const op = x.rank > 2 || y.rank > 2 ? BatchMatMulV2 : MatMul;
  return execute1(op, [x, y], { transposeA, transposeB, adjointA, adjointB });
}

/**
 * tf.tensordot's `axes`: an integer n (the last n axes of a with the first n of b), a pair of
 * axis lists, or a pair of single axes.
 */
export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

function tensordotAxes(a: Tensor, axes: TensordotAxes): [number[], number[]] {
  if (typeof axes === "number") {
    if (axes < 0) throw new ValueError(tensordotNegativeAxes(axes));
    if (axes > a.rank) throw new ValueError(tensordotAxesTooLarge(String(a), axes, a.rank));
    return [Array.from({ length: axes }, (_, i) => a.rank - axes + i), Array.from({ length: axes }, (_, i) => i)];
  }
  if (axes.length !== 2) throw new ValueError(tensordotAxesLength(`[${axes.map((x) => (Array.isArray(x) ? `[${x.join(", ")}]` : String(x))).join(", ")}]`));
  const list = (x: number | readonly number[]) => (typeof x === "number" ? [x] : [...x]);
  const [aAxes, bAxes] = [list(axes[0]), list(axes[1])];
  if (aAxes.length !== bAxes.length) throw new ValueError(tensordotAxesMismatch(aAxes.length, bAxes.length));
  return [aAxes, bAxes];
}

/** x transposed (free axes first, or last when `flipped`) and reshaped into a matrix, as TF's _tensordot_reshape. */
function tensordotReshape(x: Tensor, axes: readonly number[], flipped: boolean): { matrix: Tensor; free: number[] } {
  const rank = x.rank;
  const contracted = axes.map((i) => (i >= 0 ? i : i + rank));
  const freeAxes = Array.from({ length: rank }, (_, i) => i).filter((i) => !contracted.includes(i));
  const free = freeAxes.map((i) => x.dims[i]!);
  const perm = flipped ? [...contracted, ...freeAxes] : [...freeAxes, ...contracted];
  const prodFree = sizeOf(free), prodAxes = sizeOf(contracted.map((i) => x.dims[i]!));
  const shape = flipped ? [prodAxes, prodFree] : [prodFree, prodAxes];
  const moved = perm.every((p, i) => p === i) ? x : transpose(x, perm);
  const matrix = moved.dims.length === 2 && moved.dims[0] === shape[0] && moved.dims[1] === shape[1] ? moved : reshape(moved, shape);
  return { matrix, free };
}

/**
 * tf.tensordot(a, b, axes): the sum of products over a's `axes[0]` and b's `axes[1]` (or the
 * last `axes` of a with the first `axes` of b), as TensorFlow lowers it: transposes, reshapes,
 * one MatMul and a reshape to a's free dimensions then b's.
 */
export function tensordot(a: TensorLike, b: TensorLike, axes: TensordotAxes): Tensor {
  // Python converts a and b each on its own (no dtype hint, unlike matmul).
  const x = convertToTensor(a);
  const y = convertToTensor(b);
  const [aAxes, bAxes] = tensordotAxes(x, axes);
  const ra = tensordotReshape(x, aAxes, false), rb = tensordotReshape(y, bAxes, true);
  const product = matmul(ra.matrix, rb.matrix);
  const dims = [...ra.free, ...rb.free];
  return product.dims.length === dims.length && product.dims.every((d, i) => d === dims[i]) ? product : reshape(product, dims);
}
