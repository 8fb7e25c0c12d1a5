// Where an op runs (TensorFlow's eager placement): the enclosing tf.device scope's device if
// it exists and has a kernel for the op's dtype and attributes; otherwise, with soft placement
// on, a device of the same type that has one, else the first (fastest) local device that has
// one; with soft placement off, TensorFlow's InvalidArgumentError. Without a scope: the first local
// device with a kernel. Resource ops (a variable's reads and updates) run where the resource
// lives.
import type { DType } from "../core/dtypes.js";
import type { Device } from "../devices/device.js";
import { InvalidArgumentError, NotFoundError } from "../errors/errors.js";
import { noKernelForType, unsatisfiableDevice } from "../errors/messages.js";
import type { AnyOpDef } from "../ops/op_def.js";
import { deviceSpecToString, type DeviceSpec } from "./device_spec.js";
import { localDevices, matchDevice, placementConfig } from "./devices.js";
import { currentScope } from "./scope.js";

// Default placements per (op, dtype): the device list is fixed once created, so the answer
// never changes, and most ops run without a scope. Null marks ops whose kernels some device
// has for some attribute values only (a GPU Cast): those are placed per call.
const defaultPlacement = new WeakMap<AnyOpDef, Map<DType, Device | null>>();

export function placeOp(op: AnyOpDef, dtype: DType, attrs: object, inputs: readonly { readonly placement: Device }[] = []): Device {
  // A resource op runs where its resource lives, whatever the scope says (TensorFlow's
  // MaybePinToResourceDevice): a variable's reads and updates happen on its own device.
  if (op.resourceInput !== undefined) return inputs[op.resourceInput]!.placement;
  const spec = currentScope().device;
  if (spec === null) {
    let byDtype = defaultPlacement.get(op);
    if (byDtype === undefined) defaultPlacement.set(op, (byDtype = new Map()));
    let device = byDtype.get(dtype);
    if (device === undefined) {
      const all = localDevices();
      device = firstWithKernel(all, op, dtype, attrs);
      byDtype.set(dtype, all.some((d) => d.kernelReadsAttrs(op)) ? null : device);
    }
    return device ?? firstWithKernel(localDevices(), op, dtype, attrs);
  }
  const wanted = matchDevice(spec);
  if (wanted !== undefined && wanted.hasKernel(op, dtype, attrs)) return wanted;
  const all = localDevices();
  if (!placementConfig.softPlacement) throw unsatisfiable(spec, all, op, dtype, attrs);
  const sameType = all.filter((d) => d.deviceType === spec.deviceType);
  return sameType.find((d) => d.hasKernel(op, dtype, attrs)) ?? firstWithKernel(all, op, dtype, attrs);
}

function firstWithKernel(devices: readonly Device[], op: AnyOpDef, dtype: DType, attrs: object): Device {
  for (const d of devices) if (d.hasKernel(op, dtype, attrs)) return d;
  throw new NotFoundError(noKernelForType(op.name, dtype));
}

function unsatisfiable(spec: DeviceSpec, all: readonly Device[], op: AnyOpDef, dtype: DType, attrs: object): InvalidArgumentError {
  const supported = [...new Set(all.filter((d) => d.hasKernel(op, dtype, attrs)).map((d) => d.deviceType))];
  return new InvalidArgumentError(unsatisfiableDevice(deviceSpecToString(spec), supported, all.map((d) => d.name)));
}
