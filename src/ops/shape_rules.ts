// Shape and dtype rules that several op declarations share.
import type { DType } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { broadcastShape } from "../core/broadcast.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { incompatibleShapes, inputDtypeMismatch } from "../errors/messages.js";
import { axisOutOfRange } from "../errors/op_messages.js";

/**
 * Inputs `first…first+count-1` must have `want` (a fixed input type in the op's signature):
 * TensorFlow's eager input validation message otherwise.
 */
export function requireDtype(opName: string, inputs: readonly TensorSpec[], want: DType, first = 0, count = inputs.length): void {
  for (let i = first; i < first + count; i++) {
    const d = inputs[i]!.dtype;
    if (d !== want) throw new InvalidArgumentError(inputDtypeMismatch(opName, i, want, d));
  }
}

/** Check that inputs `first…first+count-1` share input `first`'s dtype, as a type attribute demands. */
export function checkSameDtype(opName: string, inputs: readonly TensorSpec[], first = 0, count = inputs.length): void {
  requireDtype(opName, inputs, inputs[first]!.dtype, first + 1, count - 1);
}

/** Output spec of a broadcasting binary op; `Incompatible shapes` when they do not broadcast. */
export function broadcastSpec(opName: string, inputs: readonly TensorSpec[], outDtype?: DType): TensorSpec[] {
  checkSameDtype(opName, inputs);
  const [a, b] = inputs as [TensorSpec, TensorSpec];
  const dims = broadcastShape(a.dims, b.dims);
  if (dims === null) throw new InvalidArgumentError(incompatibleShapes(a.dims, b.dims));
  return [{ dtype: outDtype ?? a.dtype, dims }];
}

/** Normalise an axis into [0, rank), with TensorFlow's error otherwise. */
export function normalizeAxis(axis: number, rank: number, what = "axis"): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(axisOutOfRange(what, axis, rank));
  }
  return axis < 0 ? axis + rank : axis;
}
