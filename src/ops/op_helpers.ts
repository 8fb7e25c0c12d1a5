// Shared argument handling and shape/dtype rules for op declarations.
import { int32, type DType } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { incompatibleShapes, inputDtypeMismatch } from "../errors/messages.js";
import { axisOutOfRange } from "../errors/op_messages.js";
import { convertToTensor, toTensorSymbol, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { broadcastShape } from "../core/broadcast.js";

/**
 * Inputs sharing one type attribute, as TensorFlow's eager fast path converts them: tensors
 * (and variables) are kept as they are, so that a dtype mismatch reaches the op's own
 * "cannot compute …" check; JS values are converted to the first tensor's dtype, or with no
 * tensor among them, to the first value's inferred dtype.
 */
export function matchingTensors(values: readonly TensorLike[]): Tensor[] {
  const isTensorish = (v: TensorLike) => v instanceof Tensor || (typeof v === "object" && v !== null && toTensorSymbol in v);
  const out: (Tensor | undefined)[] = values.map((v) => (isTensorish(v) ? convertToTensor(v) : undefined));
  let dtype: DType | undefined = out.find((t) => t !== undefined)?.dtype;
  return values.map((v, i) => {
    const t = out[i] ?? convertToTensor(v, dtype);
    dtype ??= t.dtype;
    return t;
  });
}

/** An index argument: JS numbers become int32 (as Python ints do), tensors stay as they are. */
export function indexTensor(v: TensorLike): Tensor {
  if (v instanceof Tensor || (typeof v === "object" && v !== null && toTensorSymbol in v)) return convertToTensor(v);
  try {
    return convertToTensor(v, int32);
  } catch {
    return convertToTensor(v);
  }
}

/** Check that every input has input 0's dtype, as TensorFlow's kernels' type attr demands. */
export function checkSameDtype(opName: string, inputs: readonly TensorSpec[], first = 0, count = inputs.length): void {
  const want = inputs[first]!.dtype;
  for (let i = first + 1; i < first + count; i++) {
    const d = inputs[i]!.dtype;
    if (d !== want) {
      throw new InvalidArgumentError(inputDtypeMismatch(opName, i, want, d));
    }
  }
}

/** Output spec of a broadcasting binary op; `Incompatible shapes` when they do not broadcast. */
export function broadcastSpec(opName: string, inputs: readonly TensorSpec[], outDtype?: DType): TensorSpec[] {
  checkSameDtype(opName, inputs);
  const [a, b] = inputs as [TensorSpec, TensorSpec];
  const dims = broadcastShape(a.dims, b.dims);
  if (dims === null) {
    throw new InvalidArgumentError(incompatibleShapes(a.dims, b.dims));
  }
  return [{ dtype: outDtype ?? a.dtype, dims }];
}

/** Normalise an axis into [0, rank), with TensorFlow's error otherwise. */
export function normalizeAxis(axis: number, rank: number, what = "axis"): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new InvalidArgumentError(axisOutOfRange(what, axis, rank));
  }
  return axis < 0 ? axis + rank : axis;
}
