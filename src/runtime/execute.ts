// Eager execution of one op: validate and infer outputs from the op table, place the op,
// bring inputs to its device, run the device's kernel, log placement, wrap the results.
import { tfTypeName, type DType } from "../core/dtypes.js";
import { copyStorage, type Storage } from "../core/storage.js";
import { Tensor } from "../api/tensor.js";
import { InvalidArgumentError, OpError } from "../errors/errors.js";
import type { Device, TensorSpec } from "../devices/device.js";
import type { OpDef } from "../ops/op_def.js";
import { copyStats, hostDevice, placementConfig } from "./devices.js";
import { placeOp } from "./placement.js";
import { currentScope } from "./scope.js";

/** A tensor holding host storage on the host device (takes ownership of `data`). */
export function hostTensor(dtype: DType, dims: readonly number[], data: Storage): Tensor {
  const device = hostDevice();
  return new Tensor(dtype, dims, device.fromHost(dtype, data), device);
}

/** The same value on `device` (a copy when it lives elsewhere). */
export function copyToDevice(t: Tensor, device: Device): Tensor {
  if (t.placement === device) return t;
  const host = t.placement.toHost(t.dtype, t.buffer);
  const copy = copyStorage(host);
  copyStats.copies++;
  copyStats.bytes += Array.isArray(copy) ? copy.reduce((n, b) => n + b.length, 0) : copy.byteLength;
  return new Tensor(t.dtype, t.dims, device.fromHost(t.dtype, copy), device);
}

/** The dtype that selects `op`'s kernel. */
export function kernelDtypeOf<A extends object>(op: OpDef<A>, inputs: readonly TensorSpec[], attrs: A, outputs: readonly TensorSpec[]): DType {
  return op.kernelDtype?.(inputs, attrs, outputs) ?? inputs[0]?.dtype ?? outputs[0]!.dtype;
}

/** Append TensorFlow's `[Op:Name]` to errors raised while running an op. */
function tagged(e: unknown, op: OpDef): unknown {
  if (e instanceof OpError && !/ \[Op:\w+\]$/.test(e.message)) e.message += ` [Op:${op.name}]`;
  return e;
}

/**
 * Run `op` eagerly on `inputs`. `colocateWith` pins the op to a device (ops that update a
 * variable run where the variable lives).
 */
export function execute<A extends object>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A, colocateWith?: Device): Tensor[] {
  try {
    const outputs = op.inferOutputs(inputs, attrs);
    const dtype = kernelDtypeOf(op, inputs, attrs, outputs);
    if (op.allowed !== undefined && !op.allowed.has(dtype.name)) {
      throw new InvalidArgumentError(
        `Value for attr 'T' of ${tfTypeName(dtype)} is not in the list of allowed values: ` +
        `${[...op.allowed].map(tfTypeName).join(", ")}`);
    }
    const device = colocateWith ?? placeOp(op, dtype);
    if (placementConfig.logPlacement) {
      process.stderr.write(`Executing op ${op.name} in device ${device.name}\n`);
    }
    const args = inputs.map((t) => copyToDevice(t, device));
    const buffers = device.run(op as OpDef, dtype, args, attrs, outputs);
    const results = outputs.map((s, i) => new Tensor(s.dtype, s.dims, buffers[i], device));
    const tapes = currentScope().tapes;
    for (let i = 0; i < tapes.length; i++) tapes[i]!.recordOperation(op as OpDef, inputs, attrs, results);
    return results;
  } catch (e) {
    throw tagged(e, op);
  }
}

/** execute() for ops with one output. */
export function execute1<A extends object>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A, colocateWith?: Device): Tensor {
  return execute(op, inputs, attrs, colocateWith)[0]!;
}
