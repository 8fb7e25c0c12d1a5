// TensorFlow's error messages, one function per situation, shared by every layer that meets
// the situation (op validation, kernels on any device, placement, the runtime). The texts
// are TensorFlow's own, so that a user's `except`-style checks and searches keep working.
// Family files beside this one hold what only one area raises (io_messages.ts, …).
import { dtypeEnumName, tfTypeName, type DType, type DTypeName } from "../core/dtypes.js";
import { shapeDebugString, sliceDebugString } from "../core/tensor_shape.js";

/** An attribute's dtype outside the op registration's list. */
export function notInAllowedValues(attr: string, got: DType | DTypeName, allowed: Iterable<DType | DTypeName>): string {
  return `Value for attr '${attr}' of ${tfTypeName(got)} is not in the list of allowed values: ${[...allowed].map(tfTypeName).join(", ")}`;
}

/** Inputs sharing one type attribute with different dtypes. */
export function inputDtypeMismatch(opName: string, index: number, want: DType | DTypeName, got: DType | DTypeName): string {
  return `cannot compute ${opName} as input #${index}(zero-based) was expected to be a ${tfTypeName(want)} tensor but is a ${tfTypeName(got)} tensor`;
}

/** Two shapes that do not broadcast. */
export function incompatibleShapes(a: readonly number[], b: readonly number[]): string {
  return `Incompatible shapes: ${shapeDebugString(a)} vs. ${shapeDebugString(b)}`;
}

/** An index tensor's element outside [0, limit): `indices[1,0] = 7 is not in [0, 3)`. */
export function indexNotInRange(indicesDims: readonly number[], flat: number, value: number | bigint | string, limit: number): string {
  return `indices${sliceDebugString(indicesDims, flat)} = ${String(value)} is not in [0, ${limit})`;
}

/** A gather_nd/scatter_nd index tuple outside the indexed shape. */
export function indicesDoNotIndexInto(batchDims: readonly number[], i: number, tuple: string, what: string, params: readonly number[]): string {
  return `indices${sliceDebugString(batchDims, i)} = [${tuple}] does not index into ${what} ${shapeDebugString(params)}`;
}

/** No device has a kernel for the op on these types (`attrs`: TensorFlow's node attributes). */
export function noKernelFor(opName: string, attrs: string): string {
  return `Could not find device for node: {{node ${opName}}} = ${opName}[${attrs}]`;
}

/** noKernelFor with the usual single type attribute `T`. */
export function noKernelForType(opName: string, dtype: DType): string {
  return noKernelFor(opName, `T=${dtypeEnumName(dtype)}`);
}

/** A strict (soft placement off) device request no device with a kernel satisfies. */
export function unsatisfiableDevice(spec: string, supportedTypes: readonly string[], all: readonly string[]): string {
  return `Could not satisfy device specification '${spec}'. enable_soft_placement=0. ` +
    `Supported device types [${supportedTypes.join(", ")}]. All available devices [${all.join(", ")}].`;
}

/** A value whose device memory dispose() released. */
export function tensorDisposed(deviceName: string): string {
  return `Tensor is disposed: its memory on ${deviceName} was released`;
}
