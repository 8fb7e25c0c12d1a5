// tf.config: the devices of this process and placement settings.
import { inspectSymbol } from "../core/inspect.js";
import {
  getLogicalConfiguration, localDevices, physicalDevices, setLogicalConfiguration, type LogicalDeviceOptions,
} from "../runtime/devices.js";
import type { Device } from "../devices/device.js";
import { memoryInfoUnavailable, notAPhysicalDevice } from "../errors/device_messages.js";
import { TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import { parseDeviceSpec } from "../runtime/device_spec.js";
import { matchDevice } from "../runtime/devices.js";

export { setSoftDevicePlacement, getSoftDevicePlacement } from "./device_scope.js";

/** tf.config.PhysicalDevice: `PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')`. */
export class PhysicalDevice {
  constructor(readonly name: string, readonly deviceType: string) {}
  toString(): string { return `PhysicalDevice(name='${this.name}', device_type='${this.deviceType}')`; }
  [inspectSymbol](): string { return this.toString(); }
}

/** tf.config.LogicalDevice: `LogicalDevice(name='/job:localhost/replica:0/task:0/device:CPU:0', device_type='CPU')`. */
export class LogicalDevice {
  constructor(readonly name: string, readonly deviceType: string) {}
  toString(): string { return `LogicalDevice(name='${this.name}', device_type='${this.deviceType}')`; }
  [inspectSymbol](): string { return this.toString(); }
}

/** tf.config.LogicalDeviceConfiguration: one logical device to carve out of a physical one. */
export class LogicalDeviceConfiguration implements LogicalDeviceOptions {
  readonly memoryLimit: number | null;
  readonly experimentalPriority: number | null;
  readonly experimentalDeviceOrdinal: number | null;
  constructor(options: LogicalDeviceOptions = {}) {
    this.memoryLimit = options.memoryLimit ?? null;
    this.experimentalPriority = options.experimentalPriority ?? null;
    this.experimentalDeviceOrdinal = options.experimentalDeviceOrdinal ?? null;
  }
  toString(): string {
    return `LogicalDeviceConfiguration(memory_limit=${this.memoryLimit ?? "None"}, ` +
      `experimental_priority=${this.experimentalPriority ?? "None"}, experimental_device_ordinal=${this.experimentalDeviceOrdinal ?? "None"})`;
  }
  [inspectSymbol](): string { return this.toString(); }
}

/** tf.config.list_physical_devices(device_type=None). */
export function listPhysicalDevices(deviceType?: string | null): PhysicalDevice[] {
  return physicalDevices()
    .filter((p) => deviceType === undefined || deviceType === null || p.deviceType === deviceType)
    .map((p) => new PhysicalDevice(p.name, p.deviceType));
}

/** tf.config.list_logical_devices(device_type=None); fixes the logical device configuration. */
export function listLogicalDevices(deviceType?: string | null): LogicalDevice[] {
  return localDevices()
    .filter((d) => deviceType === undefined || deviceType === null || d.deviceType === deviceType)
    .map((d) => new LogicalDevice(d.name, d.deviceType));
}

function physicalName(device: PhysicalDevice): string {
  if (!(device instanceof PhysicalDevice)) {
    throw new TFTypeError(notAPhysicalDevice(device));
  }
  return device.name;
}

/**
 * tf.config.set_logical_device_configuration: split a physical device into logical devices
 * (one per configuration: CPU:0 … CPU:n-1). Only before the runtime starts, as in TensorFlow.
 */
export function setLogicalDeviceConfiguration(device: PhysicalDevice, logicalDevices: readonly LogicalDeviceConfiguration[] | null): void {
  setLogicalConfiguration(physicalName(device), logicalDevices ?? []);
}

/** tf.config.get_logical_device_configuration: the configurations set, or null. */
export function getLogicalDeviceConfiguration(device: PhysicalDevice): LogicalDeviceConfiguration[] | null {
  const configs = getLogicalConfiguration(physicalName(device));
  return configs === null ? null : configs.map((c) => new LogicalDeviceConfiguration(c));
}

/** The device `device` names, where it counts its memory (GPUs). */
function countingMemory(device: string): Required<Pick<Device, "memoryInfo" | "resetPeakMemory">> {
  const d = matchDevice(parseDeviceSpec(device));
  if (d?.memoryInfo === undefined || d.resetPeakMemory === undefined) throw new ValueError(memoryInfoUnavailable(device));
  return d as Required<Pick<Device, "memoryInfo" | "resetPeakMemory">>;
}

/** tf.config.experimental: memory statistics of GPU devices. */
export const experimental = {
  /** `{ current, peak }`: bytes the device holds now and at most so far (tf.config.experimental.get_memory_info). */
  getMemoryInfo(device: string): { current: number; peak: number } {
    const { current, peak } = countingMemory(device).memoryInfo();
    return { current, peak };
  },
  /** Start the peak over from what is held now (tf.config.experimental.reset_memory_stats). */
  resetMemoryStats(device: string): void {
    countingMemory(device).resetPeakMemory();
  },
};
