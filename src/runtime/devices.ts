// The devices of this process: the physical devices each registered device type reports
// (devices/registry.ts; the types this build has are in devices/plugins.ts), their split into
// logical devices (tf.config's logical device configuration), and the placement settings. The
// logical devices are created when the runtime first needs them (TensorFlow's context
// initialisation); after that the configuration is fixed. Probing happens on first use.
import "../devices/plugins.js";
import type { Device } from "../devices/device.js";
import { deviceTypes, type DeviceType, type LogicalDeviceOptions } from "../devices/registry.js";
import { memoryLimitUnsupported, unrecognizedDevice, virtualDevicesInitialized } from "../errors/device_messages.js";
import { RuntimeError, ValueError } from "../errors/errors.js";
import { fullDeviceName, type DeviceSpec } from "./device_spec.js";

export type { LogicalDeviceOptions } from "../devices/registry.js";

export interface PhysicalDeviceInfo {
  /** `/physical_device:CPU:0` */
  readonly name: string;
  readonly deviceType: string;
}

/** A physical device with the type that found it and what its probe reported. */
interface Physical {
  readonly info: PhysicalDeviceInfo;
  readonly type: DeviceType;
  readonly found: unknown;
}

let physical: readonly Physical[] | null = null;
let physicalInfos: readonly PhysicalDeviceInfo[] = [];
const logicalConfig = new Map<string, readonly LogicalDeviceOptions[]>();
let devices: Device[] | null = null;
let host: Device | null = null;

function physicalList(): readonly Physical[] {
  if (physical === null) {
    const list: Physical[] = [];
    for (const type of deviceTypes()) {
      type.probe().forEach((found, i) => list.push({ info: { name: `/physical_device:${type.deviceType}:${i}`, deviceType: type.deviceType }, type, found }));
    }
    physical = list;
    physicalInfos = list.map((p) => p.info);
  }
  return physical;
}

export function physicalDevices(): readonly PhysicalDeviceInfo[] {
  physicalList();
  return physicalInfos;
}

/** Whether the logical devices exist (then their configuration can no longer change). */
export function devicesInitialized(): boolean {
  return devices !== null;
}

export function setLogicalConfiguration(physicalName: string, configs: readonly LogicalDeviceOptions[]): void {
  const phys = physicalList().find((p) => p.info.name === physicalName);
  if (phys === undefined) throw new ValueError(unrecognizedDevice(physicalName));
  if (!phys.type.memoryLimits && configs.some((c) => c.memoryLimit !== undefined && c.memoryLimit !== null)) {
    throw new ValueError(memoryLimitUnsupported(phys.type.deviceType));
  }
  const current = logicalConfig.get(physicalName) ?? [];
  const unchanged = current.length === configs.length && current.every((c, i) => sameOptions(c, configs[i]!));
  if (unchanged) return;
  if (devices !== null) throw new RuntimeError(virtualDevicesInitialized());
  if (configs.length === 0) logicalConfig.delete(physicalName);
  else logicalConfig.set(physicalName, [...configs]);
}

function sameOptions(a: LogicalDeviceOptions, b: LogicalDeviceOptions): boolean {
  return (a.memoryLimit ?? null) === (b.memoryLimit ?? null) &&
    (a.experimentalPriority ?? null) === (b.experimentalPriority ?? null) &&
    (a.experimentalDeviceOrdinal ?? null) === (b.experimentalDeviceOrdinal ?? null);
}

export function getLogicalConfiguration(physicalName: string): readonly LogicalDeviceOptions[] | null {
  if (!physicalDevices().some((p) => p.name === physicalName)) throw new ValueError(unrecognizedDevice(physicalName));
  return logicalConfig.get(physicalName) ?? null;
}

/**
 * All logical devices in placement order (device types by rank: GPUs before CPUs once there
 * are any, since placement takes the first device with a kernel), each physical device giving
 * one per logical configuration (one without a configuration), numbered per type.
 */
export function localDevices(): readonly Device[] {
  if (devices === null) {
    const made: Device[] = [];
    const count = new Map<string, number>();
    const byRank = [...physicalList()].sort((a, b) => a.type.placementRank - b.type.placementRank);
    for (const p of byRank) {
      for (const options of logicalConfig.get(p.info.name) ?? [{}]) {
        const type = p.type.deviceType;
        const index = count.get(type) ?? 0;
        count.set(type, index + 1);
        const device = p.type.create(p.found, fullDeviceName(type, index), index, options);
        if (host === null && p.type.host) host = device;
        made.push(device);
      }
    }
    devices = made;
  }
  return devices;
}

/** The host CPU device (CPU:0), where values are created and read. */
export function hostDevice(): Device {
  return host ?? (localDevices(), host!);
}

/** The local device a full spec names (unset fields match anything), or undefined. */
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
