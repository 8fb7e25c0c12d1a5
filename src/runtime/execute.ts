// Eager execution of one op: validate, infer outputs and plan from the op table, place the
// op, bring inputs to its device, run the device's kernel with the plan, log placement, wrap
// the results and tell recording tapes.
import type { DType } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, OpError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import type { AnyOpDef, OpDef } from "../ops/op_def.js";
import { copyToDevice } from "./copies.js";
import { placementConfig } from "./devices.js";
import { placeOp } from "./placement.js";
import { currentScope } from "./scope.js";
import { Tensor } from "./tensor.js";

/** The dtype that selects `op`'s kernel. */
export function kernelDtypeOf<A extends object, P>(op: OpDef<A, P>, inputs: readonly TensorSpec[], attrs: A, outputs: readonly TensorSpec[]): DType {
  return op.kernelDtype?.(inputs, attrs, outputs) ?? inputs[0]?.dtype ?? outputs[0]!.dtype;
}

/** Append TensorFlow's `[Op:Name]` to errors raised while running an op. */
function tagged(e: unknown, op: AnyOpDef): unknown {
  if (e instanceof OpError && !/ \[Op:\w+\]$/.test(e.message)) e.message += ` [Op:${op.name}]`;
  return e;
}

/** Run `op` eagerly on `inputs`, on the device placement chooses (see placement.ts). */
export function execute<A extends object, P>(op: OpDef<A, P>, inputs: readonly Tensor[], attrs: A): Tensor[] {
  try {
    let outputs: TensorSpec[];
    let plan: P | undefined;
    if (op.plan !== undefined) ({ outputs, plan } = op.plan(inputs, attrs));
    else outputs = op.inferOutputs(inputs, attrs);
    const dtype = kernelDtypeOf(op, inputs, attrs, outputs);
    if (op.allowed !== undefined && !op.allowed.has(dtype.name)) {
      throw new InvalidArgumentError(notInAllowedValues(op.typeAttr, dtype, op.allowed));
    }
    const device = placeOp(op, dtype, attrs, inputs);
    if (placementConfig.logPlacement) {
      process.stderr.write(`Executing op ${op.name} in device ${device.name}\n`);
    }
    let args = inputs;
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i]!.placement !== device) { args = inputs.map((t) => copyToDevice(t, device)); break; }
    }
    const buffers = device.run(op, dtype, args, attrs, outputs, plan);
    const results = outputs.map((s, i) => new Tensor(s.dtype, s.dims, buffers[i], device));
    const tapes = currentScope().tapes;
    for (let i = 0; i < tapes.length; i++) tapes[i]!.recordOperation(op, inputs, attrs, results, plan);
    return results;
  } catch (e) {
    throw tagged(e, op);
  }
}

/** execute() for ops with one output. */
export function execute1<A extends object, P>(op: OpDef<A, P>, inputs: readonly Tensor[], attrs: A): Tensor {
  return execute(op, inputs, attrs)[0]!;
}
