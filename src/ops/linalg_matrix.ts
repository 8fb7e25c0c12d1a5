// Band and diagonal ops of tf.linalg: MatrixBandPart and MatrixDiagPartV3, and the diagonal
// geometry (TensorFlow's k = [lower, upper] ranges and alignments) that MatrixDiagV3 shares.
// The band widths, k and the alignment travel as attributes; the padding value is an input
// (a scalar of the data's dtype), as in TensorFlow.
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import {
  bandLowerTooLarge, bandUpperTooLarge, diagColsTooSmall, diagCountMismatch, diagIndexOrder, diagIndexOutOfBound, diagRowsTooSmall, diagSizeInconsistent,
} from "../errors/linalg_messages.js";
import { matrixRankBelowTwo } from "../errors/op_messages.js";
import { ALL_TYPES, defineOp } from "./op_def.js";
import { checkSameDtype } from "./shape_rules.js";

/** How diagonals shorter than the longest are placed in their row: superdiagonal_subdiagonal. */
export type DiagAlign = "LEFT_RIGHT" | "RIGHT_LEFT" | "LEFT_LEFT" | "RIGHT_RIGHT";

/** The diagonals `lower…upper` of `rows`×`cols` matrices and how each sits in its padded row. */
export interface DiagGeometry {
  readonly lower: number;
  readonly upper: number;
  readonly rows: number;
  readonly cols: number;
  /** The longest diagonal's length: the padded rows' length. */
  readonly maxLen: number;
  readonly align: DiagAlign;
}

/** Diagonal d's length in the matrix. */
export function diagLength(g: DiagGeometry, d: number): number {
  return Math.min(g.rows + Math.min(0, d), g.cols - Math.max(0, d));
}

/** Where diagonal d's first element sits in its padded row (TensorFlow's content offset). */
export function diagOffset(g: DiagGeometry, d: number): number {
  const leftSuper = g.align === "LEFT_LEFT" || g.align === "LEFT_RIGHT";
  const leftSub = g.align === "LEFT_LEFT" || g.align === "RIGHT_LEFT";
  return (d >= 0 ? leftSuper : leftSub) ? 0 : g.maxLen - diagLength(g, d);
}

/** TensorFlow's checks of a k range against the matrix size. */
export function checkDiagRange(lower: number, upper: number, rows: number, cols: number): void {
  if (lower > upper) throw new InvalidArgumentError(diagIndexOrder(lower, upper));
  const inside = (k: number) => (-rows < k && k < cols) || k === 0;
  if (!inside(lower)) throw new InvalidArgumentError(diagIndexOutOfBound("lower", lower, rows, cols));
  if (!inside(upper)) throw new InvalidArgumentError(diagIndexOutOfBound("upper", upper, rows, cols));
}

/** MatrixDiagV3's sizes, from its diagonal's shape, k and numRows / numCols (-1: smallest that fits). */
export function diagGeometry(
  diagonal: readonly number[],
  { numRows, numCols, k = [0, 0], align = "RIGHT_LEFT" }: { numRows: number; numCols: number; k?: readonly [number, number]; align?: DiagAlign },
): { batch: number[]; geometry: DiagGeometry } {
  const [lower, upper] = k;
  if (lower > upper) throw new InvalidArgumentError(diagIndexOrder(lower, upper));
  const r = diagonal.length;
  const banded = lower !== upper;
  if (banded && (r < 2 || diagonal[r - 2] !== upper - lower + 1)) throw new InvalidArgumentError(diagCountMismatch());
  const maxLen = diagonal[r - 1]!;
  const minRows = maxLen - Math.min(upper, 0), minCols = maxLen + Math.max(lower, 0);
  let rows = numRows, cols = numCols;
  if (rows === -1 && cols === -1) rows = cols = Math.max(minRows, minCols);
  else if (rows === -1) rows = minRows;
  else if (cols === -1) cols = minCols;
  if (rows < minRows) throw new InvalidArgumentError(diagRowsTooSmall());
  if (cols < minCols) throw new InvalidArgumentError(diagColsTooSmall());
  if (rows !== minRows && cols !== minCols) throw new InvalidArgumentError(diagSizeInconsistent());
  return { batch: diagonal.slice(0, banded ? -2 : -1), geometry: { lower, upper, rows, cols, maxLen, align } };
}

export interface DiagPartAttrs { k: readonly [number, number]; align: DiagAlign }

/** MatrixDiagPartV3: diagonals k[0]…k[1] of each matrix, padded with input 1 (a scalar). */
export const MatrixDiagPartV3 = defineOp<DiagPartAttrs>({
  name: "MatrixDiagPartV3",
  allowed: ALL_TYPES,
  inferOutputs: (inputs, { k: [lower, upper] }) => {
    checkSameDtype("MatrixDiagPartV3", inputs);
    const x = inputs[0]!;
    const r = x.dims.length;
    if (r < 2) throw new InvalidArgumentError(matrixRankBelowTwo(x.dims));
    const rows = x.dims[r - 2]!, cols = x.dims[r - 1]!;
    checkDiagRange(lower, upper, rows, cols);
    const maxLen = Math.max(0, Math.min(rows + Math.min(upper, 0), cols - Math.max(lower, 0)));
    const batch = x.dims.slice(0, -2);
    return [{ dtype: x.dtype, dims: lower === upper ? [...batch, maxLen] : [...batch, upper - lower + 1, maxLen] }];
  },
});

/** The geometry of a MatrixDiagPartV3 application (its input's last two axes, its k and align). */
export function diagPartGeometry(x: TensorSpec, { k: [lower, upper], align }: DiagPartAttrs): DiagGeometry {
  const r = x.dims.length;
  const rows = x.dims[r - 2]!, cols = x.dims[r - 1]!;
  const maxLen = Math.max(0, Math.min(rows + Math.min(upper, 0), cols - Math.max(lower, 0)));
  return { lower, upper, rows, cols, maxLen, align };
}

export interface BandPartAttrs { numLower: number; numUpper: number }

/** MatrixBandPart: each matrix with the entries outside the band set to zero (negative: keep all). */
export const MatrixBandPart = defineOp<BandPartAttrs>({
  name: "MatrixBandPart",
  allowed: ALL_TYPES,
  inferOutputs: ([x], { numLower, numUpper }) => {
    const r = x!.dims.length;
    if (r < 2) throw new InvalidArgumentError(matrixRankBelowTwo(x!.dims));
    const rows = x!.dims[r - 2]!, cols = x!.dims[r - 1]!;
    if (numLower > rows) throw new InvalidArgumentError(bandLowerTooLarge(rows, numLower));
    if (numUpper > cols) throw new InvalidArgumentError(bandUpperTooLarge(cols, numUpper));
    return [{ dtype: x!.dtype, dims: x!.dims }];
  },
});

/** Every op of this family, by name (the gradient table is typed over it). */
export const linalgMatrixOps = { MatrixDiagPartV3, MatrixBandPart };
