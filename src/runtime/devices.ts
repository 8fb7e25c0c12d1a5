// The local devices of this process, created on first use, and the placement settings.
// Everything device-specific is reached through here, so that new device kinds (native
// CPU, WebGPU, logical splits) register without the rest of the runtime changing.
import { CpuDevice } from "../devices/cpu/cpu_device.js";
import type { Device } from "../devices/device.js";
import { fullDeviceName, type DeviceSpec } from "./device_spec.js";

let devices: Device[] | null = null;

/** All logical devices, fastest type first (GPUs before CPUs once there are any). */
export function localDevices(): readonly Device[] {
  if (devices === null) devices = [new CpuDevice(fullDeviceName("CPU", 0), 0)];
  return devices;
}

/** The host CPU device, where values are created and read. */
export function hostDevice(): Device {
  return localDevices().find((d) => d.deviceType === "CPU")!;
}

/** The first local device matching `spec` (unset fields match anything), or undefined. */
export function matchDevice(spec: DeviceSpec): Device | undefined {
  if (spec.job !== undefined && spec.job !== "localhost") return undefined;
  if ((spec.replica ?? 0) !== 0 || (spec.task ?? 0) !== 0) return undefined;
  return localDevices().find((d) =>
    (spec.deviceType === undefined || d.deviceType === spec.deviceType) &&
    (spec.deviceIndex === undefined || d.index === spec.deviceIndex));
}

export const placementConfig = {
  /** tf.config.set_soft_device_placement: fall back to a device that can run the op. */
  softPlacement: true,
  /** tf.debugging.set_log_device_placement: log each op's device on stderr. */
  logPlacement: false,
};
