// Cumulative sums, products and log-sum-exps along an axis (tf.math.cumsum, cumprod,
// cumulative_logsumexp).
import { InvalidArgumentError } from "../errors/errors.js";
import { scanAxisOutOfRange } from "../errors/reduce_messages.js";
import type { DTypeName } from "../core/dtypes.js";
import { defineOp, NUMBERS, type OpDef } from "./op_def.js";

export interface ScanAttrs {
  /** The axis as given (may be negative); validated by the op. */
  axis: number;
  exclusive: boolean;
  reverse: boolean;
}

/** The scan axis in [0, rank), or TensorFlow's ScanOp error. */
export function scanAxis(axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(scanAxisOutOfRange(axis, rank));
  }
  return axis < 0 ? axis + rank : axis;
}

function scanOpDef(name: string, allowed: readonly DTypeName[] = NUMBERS): OpDef<ScanAttrs> {
  return defineOp<ScanAttrs>({
    name, allowed,
    inferOutputs: ([x], { axis }) => {
      scanAxis(axis, x!.dims.length);
      return [{ dtype: x!.dtype, dims: x!.dims }];
    },
  });
}

export const Cumsum = scanOpDef("Cumsum");
export const Cumprod = scanOpDef("Cumprod");
/** log(cumsum(exp(x))) without overflow; TensorFlow registers it for half, float and double only. */
export const CumulativeLogsumexp = scanOpDef("CumulativeLogsumexp", ["float16", "float32", "float64"]);

/** Every op of this family, by name (the gradient table is typed over it). */
export const scanOps = { Cumsum, Cumprod, CumulativeLogsumexp };
