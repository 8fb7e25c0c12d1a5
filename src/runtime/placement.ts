// Where an op runs: the enclosing tf.device scope's device if it exists and has a kernel
// for the op's dtype; otherwise, with soft placement on, the first (fastest) local device
// that has one; with soft placement off, TensorFlow's InvalidArgumentError.
import type { DType } from "../core/dtypes.js";
import type { Device } from "../devices/device.js";
import { InvalidArgumentError, NotFoundError } from "../errors/errors.js";
import type { OpDef } from "../ops/op_def.js";
import { deviceSpecToString } from "./device_spec.js";
import { localDevices, matchDevice, placementConfig } from "./devices.js";
import { currentScope } from "./scope.js";

export function placeOp(op: OpDef, dtype: DType): Device {
  const spec = currentScope().device;
  if (spec !== null) {
    const wanted = matchDevice(spec);
    if (wanted !== undefined && wanted.hasKernel(op, dtype)) return wanted;
    if (!placementConfig.softPlacement) {
      const all = localDevices();
      const types = [...new Set(all.map((d) => d.deviceType))];
      const requested = wanted?.name ?? deviceSpecToString({ job: "localhost", replica: 0, task: 0, ...spec });
      throw new InvalidArgumentError(
        `Could not satisfy device specification '${requested}'. enable_soft_placement=0. ` +
        `Supported device types [${types.join(", ")}]. All available devices [${all.map((d) => d.name).join(", ")}].`);
    }
  }
  for (const d of localDevices()) if (d.hasKernel(op, dtype)) return d;
  throw new NotFoundError(`Could not find device for node: {{node ${op.name}}} = ${op.name}[T=${dtype.name}]`);
}
