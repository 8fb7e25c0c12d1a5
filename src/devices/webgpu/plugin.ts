// WebGPU as a device type (GPU): each adapter the probe opens is a physical GPU, split into
// logical GPUs with their own memory limits; GPUs come before CPUs in placement, as in
// TensorFlow. The kernels load when a GPU's kernel table is first consulted, so processes
// without a GPU never register them.
import type { DeviceType } from "../registry.js";
import { WebGpuDevice } from "./device.js";
import { gpuKernels } from "./kernel.js";
import { registerGpuKernels } from "./kernels/index.js";
import { probeGpus, type GpuProbe } from "./probe.js";

export const webGpuDeviceType: DeviceType<GpuProbe> = {
  deviceType: "GPU",
  placementRank: 0,
  host: false,
  memoryLimits: true,
  kernels: gpuKernels,
  registerKernels: registerGpuKernels,
  probe: probeGpus,
  create: (physical, name, index, { memoryLimit }) =>
    new WebGpuDevice(name, index, physical.client, memoryLimit === undefined || memoryLimit === null ? Infinity : memoryLimit * 2 ** 20),
};
