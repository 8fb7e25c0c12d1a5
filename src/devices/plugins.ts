// The device types this build registers, in the order tf.config lists physical devices.
// A new device type is one registerDeviceType() line here (see devices/registry.ts).
import { cpuDeviceType } from "./cpu/plugin.js";
import { registerDeviceType } from "./registry.js";
import { webGpuDeviceType } from "./webgpu/plugin.js";

registerDeviceType(cpuDeviceType);
registerDeviceType(webGpuDeviceType);
