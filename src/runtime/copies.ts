// Values into the runtime and between devices: host storage becomes a tensor on the host
// device; an op's input on another device is copied to the op's device (counted, as
// tf.debugging.deviceCopyStats reports).
import type { DType } from "../core/dtypes.js";
import { copyStorage, type Storage } from "../core/storage.js";
import type { Device } from "../devices/device.js";
import { hostDevice } from "./devices.js";
import { Tensor } from "./tensor.js";

/** Cross-device copies made to bring op inputs to the op's device. */
export const copyStats = { copies: 0, bytes: 0 };

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
