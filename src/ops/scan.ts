// Cumulative sums and products along an axis (tf.math.cumsum, tf.math.cumprod).
import { InvalidArgumentError } from "../errors/errors.js";
import { scanAxisOutOfRange } from "../errors/reduce_messages.js";
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

function scanOpDef(name: string): OpDef<ScanAttrs> {
  return defineOp<ScanAttrs>({
    name, allowed: NUMBERS,
    inferOutputs: ([x], { axis }) => {
      scanAxis(axis, x!.dims.length);
      return [{ dtype: x!.dtype, dims: x!.dims }];
    },
  });
}

export const Cumsum = scanOpDef("Cumsum");
export const Cumprod = scanOpDef("Cumprod");

/** Every op of this family, by name (the gradient table is typed over it). */
export const scanOps = { Cumsum, Cumprod };
