// The devices of this process: physical devices, their split into logical devices (tf.config's
// logical device configuration), and the placement settings. The logical devices are created
// when the runtime first needs them (TensorFlow's context initialisation); after that the
// configuration is fixed. GPUs come from WebGPU (devices/webgpu), probed on first use.
import { CpuDevice } from "../devices/cpu/device.js";
import { probeGpus, type GpuProbe } from "../devices/webgpu/probe.js";
import { WebGpuDevice } from "../devices/webgpu/device.js";
import type { Device } from "../devices/device.js";
import { RuntimeError, ValueError } from "../errors/errors.js";
import { fullDeviceName, type DeviceSpec } from "./device_spec.js";

export interface PhysicalDeviceInfo {
  /** `/physical_device:CPU:0` */
  readonly name: string;
  readonly deviceType: string;
}

/** Options of one logical device carved out of a physical device. */
export interface LogicalDeviceOptions {
  /** Memory limit in MB (accelerators only). */
  readonly memoryLimit?: number | null;
  readonly experimentalPriority?: number | null;
  readonly experimentalDeviceOrdinal?: number | null;
}

const CPU: PhysicalDeviceInfo = { name: "/physical_device:CPU:0", deviceType: "CPU" };
let physical: readonly PhysicalDeviceInfo[] | null = null;
let gpus: readonly GpuProbe[] = [];
const logicalConfig = new Map<string, readonly LogicalDeviceOptions[]>();
let devices: Device[] | null = null;
let host: Device | null = null;

export function physicalDevices(): readonly PhysicalDeviceInfo[] {
  if (physical === null) {
    gpus = probeGpus();
    physical = [CPU, ...gpus.map((g, i) => ({ name: `/physical_device:GPU:${i}`, deviceType: "GPU" }))];
  }
  return physical;
}

/** Whether the logical devices exist (then their configuration can no longer change). */
export function devicesInitialized(): boolean {
  return devices !== null;
}

export function setLogicalConfiguration(physicalName: string, configs: readonly LogicalDeviceOptions[]): void {
  const phys = physicalDevices().find((p) => p.name === physicalName);
  if (phys === undefined) throw new ValueError(`Unrecognized device: ${physicalName}`);
  if (phys.deviceType === "CPU" && configs.some((c) => c.memoryLimit !== undefined && c.memoryLimit !== null)) {
    throw new ValueError("Setting memory limit on CPU virtual devices is currently not supported");
  }
  const current = logicalConfig.get(physicalName) ?? [];
  const unchanged = current.length === configs.length && current.every((c, i) => sameOptions(c, configs[i]!));
  if (unchanged) return;
  if (devices !== null) throw new RuntimeError("Virtual devices cannot be modified after being initialized");
  if (configs.length === 0) logicalConfig.delete(physicalName);
  else logicalConfig.set(physicalName, [...configs]);
}

function sameOptions(a: LogicalDeviceOptions, b: LogicalDeviceOptions): boolean {
  return (a.memoryLimit ?? null) === (b.memoryLimit ?? null) &&
    (a.experimentalPriority ?? null) === (b.experimentalPriority ?? null) &&
    (a.experimentalDeviceOrdinal ?? null) === (b.experimentalDeviceOrdinal ?? null);
}

export function getLogicalConfiguration(physicalName: string): readonly LogicalDeviceOptions[] | null {
  if (!physicalDevices().some((p) => p.name === physicalName)) throw new ValueError(`Unrecognized device: ${physicalName}`);
  return logicalConfig.get(physicalName) ?? null;
}

/** All logical devices, fastest type first (GPUs before CPUs once there are any). */
export function localDevices(): readonly Device[] {
  if (devices === null) {
    const made: Device[] = [];
    // GPUs first: placement takes the first device with a kernel, and TensorFlow prefers GPUs.
    let gpuIndex = 0;
    physicalDevices().forEach((p) => {
      if (p.deviceType !== "GPU") return;
      const probe = gpus[Number(p.name.split(":").pop())]!;
      for (const c of logicalConfig.get(p.name) ?? [{}]) {
        const limit = c.memoryLimit === undefined || c.memoryLimit === null ? Infinity : c.memoryLimit * 2 ** 20;
        made.push(new WebGpuDevice(fullDeviceName("GPU", gpuIndex), gpuIndex, probe.client, limit));
        gpuIndex++;
      }
    });
    const cpus = logicalConfig.get(CPU.name)?.length ?? 1;
    for (let i = 0; i < cpus; i++) made.push(new CpuDevice(fullDeviceName("CPU", i), i));
    devices = made;
    host = made.find((d) => d.deviceType === "CPU")!;
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
