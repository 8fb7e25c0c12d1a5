// tf.linalg's band, diagonal and matrix-vector functions: matvec, diag, diagPart, setDiag,
// trace, bandPart.
import { InvalidArgumentError } from "../../errors/errors.js";
import { bandArgumentNotScalar, diagIndexTooLong } from "../../errors/linalg_messages.js";
import { atOp } from "../../errors/op_messages.js";
import { MatrixDiagV3, MatrixSetDiagV3 } from "../../ops/array.js";
import { MatrixBandPart, MatrixDiagPartV3, type DiagAlign } from "../../ops/linalg_matrix.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { convertPreferring, matchingTensors } from "./args.js";
import { expandDims, squeeze } from "./array.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { matmul } from "./linalg.js";
import { reduceSum } from "./reduce.js";

export interface MatvecOptions {
  transposeA?: boolean;
  adjointA?: boolean;
}

/** tf.linalg.matvec: the product of each matrix of `a` with each vector of `b`. */
export function matvec(a: TensorLike, b: TensorLike, options: MatvecOptions = {}): Tensor {
  const x = convertToTensor(a), v = convertToTensor(b);
  return squeeze(matmul(x, expandDims(v, -1), { transposeA: options.transposeA, adjointA: options.adjointA }), -1);
}

/** A diagonal index or range, as tf.linalg's `k`. */
export type DiagIndex = number | readonly number[];

function diagRange(k: DiagIndex | undefined, opName: string): [number, number] {
  if (k === undefined) return [0, 0];
  if (typeof k === "number") return [k, k];
  if (k.length === 1) return [k[0]!, k[0]!];
  if (k.length !== 2) throw new InvalidArgumentError(atOp(diagIndexTooLong(k.length), opName));
  return [k[0]!, k[1]!];
}

export interface DiagOptions {
  /** The diagonal (or [lower, upper] range of diagonals) to fill: 0 main, > 0 above, < 0 below. */
  k?: DiagIndex;
  /** Output rows / columns (default -1: the smallest square that fits). */
  numRows?: number;
  numCols?: number;
  /** The value outside the diagonals (default 0). */
  paddingValue?: TensorLike;
  /** How shorter diagonals sit in their rows of a range: superdiagonals_subdiagonals (default RIGHT_LEFT). */
  align?: DiagAlign;
}

/** tf.linalg.diag: matrices with `diagonal` on the diagonal(s) k (MatrixDiagV3). */
export function diag(diagonal: TensorLike, options: DiagOptions = {}): Tensor {
  const d = convertToTensor(diagonal);
  const inputs = [d];
  if (options.paddingValue !== undefined) inputs.push(convertPreferring(options.paddingValue, d.dtype));
  return execute1(MatrixDiagV3, inputs, {
    numRows: options.numRows ?? -1, numCols: options.numCols ?? -1,
    k: diagRange(options.k, "MatrixDiagV3"), align: options.align ?? "RIGHT_LEFT",
  });
}

export interface DiagPartOptions {
  k?: DiagIndex;
  /** The value that pads diagonals shorter than the longest in a range (default 0). */
  paddingValue?: TensorLike;
  align?: DiagAlign;
}

/** tf.linalg.diag_part: the diagonal(s) k of each matrix (MatrixDiagPartV3). */
export function diagPart(input: TensorLike, options: DiagPartOptions = {}): Tensor {
  const [x, padding] = matchingTensors([input, options.paddingValue ?? 0]);
  return execute1(MatrixDiagPartV3, [x!, padding!], {
    k: diagRange(options.k, "MatrixDiagPartV3"), align: options.align ?? "RIGHT_LEFT",
  });
}

/** tf.linalg.set_diag: `input` with its main diagonal replaced by `diagonal`. */
export function setDiag(input: TensorLike, diagonal: TensorLike): Tensor {
  const [x, d] = matchingTensors([input, diagonal]);
  return execute1(MatrixSetDiagV3, [x!, d!], {});
}

/** tf.linalg.trace (tf.trace): the sum of each matrix's main diagonal. */
export function trace(x: TensorLike): Tensor {
  return reduceSum(diagPart(x), -1);
}

/** A band width: a number, or a scalar integer tensor as TensorFlow's kernel reads it. */
function bandWidth(v: number | Tensor, what: "num_lower" | "num_upper"): number {
  if (!(v instanceof Tensor)) return v;
  if (v.rank !== 0) throw new InvalidArgumentError(atOp(bandArgumentNotScalar(what, v.dims), "MatrixBandPart"));
  return Number(v.dataSync()[0]);
}

/** tf.linalg.band_part: keep numLower subdiagonals and numUpper superdiagonals (negative: all). */
export function bandPart(input: TensorLike, numLower: number | Tensor, numUpper: number | Tensor): Tensor {
  return execute1(MatrixBandPart, [convertToTensor(input)], {
    numLower: bandWidth(numLower, "num_lower"), numUpper: bandWidth(numUpper, "num_upper"),
  });
}
