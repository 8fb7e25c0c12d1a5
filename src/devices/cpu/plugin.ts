// The CPU as a device type: one physical device (the host), split into as many logical CPU
// devices as tf.config asks for; its values are the host's.
import type { DeviceType } from "../registry.js";
import { CpuDevice } from "./device.js";
import { cpuKernels } from "./kernel.js";
import { registerCpuKernels } from "./kernels/index.js";

export const cpuDeviceType: DeviceType<"host"> = {
  deviceType: "CPU",
  placementRank: 1,
  host: true,
  memoryLimits: false,
  kernels: cpuKernels,
  registerKernels: registerCpuKernels,
  probe: () => ["host"],
  create: (_physical, name, index) => new CpuDevice(name, index),
};
