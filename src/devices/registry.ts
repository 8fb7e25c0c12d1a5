// How a device type plugs in: it registers once, with its kernel table and the function that
// fills it, a probe for its physical devices and a factory for logical devices (tf.config's
// logical device configuration). The runtime (runtime/devices.ts) knows device types only
// through this registry; devices/plugins.ts is the list of those this build registers.
import type { Device } from "./device.js";
import type { KernelSignature, KernelTable } from "./kernel_table.js";

/** Options of one logical device carved out of a physical device (tf.config.LogicalDeviceConfiguration). */
export interface LogicalDeviceOptions {
  /** Memory limit in MB (device types that count memory only). */
  readonly memoryLimit?: number | null;
  readonly experimentalPriority?: number | null;
  readonly experimentalDeviceOrdinal?: number | null;
}

/** A device type: `Physical` is whatever its probe reports for one physical device. */
export interface DeviceType<Physical = unknown> {
  /** `CPU`, `GPU`, … (TensorFlow's device type names). */
  readonly deviceType: string;
  /** Placement order: logical devices of lower ranks come first, and placement takes the first with a kernel. */
  readonly placementRank: number;
  /** Whether this type's devices hold the host's values (where values are created and read): the CPU. */
  readonly host: boolean;
  /** Whether logical devices of this type take a memory limit. */
  readonly memoryLimits: boolean;
  /** The type's kernels, and the function that registers them (run before the table is first consulted). */
  readonly kernels: Pick<KernelTable<KernelSignature>, "loadBeforeUse">;
  registerKernels(): void;
  /** The physical devices of this type this process can use (may be none). */
  probe(): readonly Physical[];
  /** Logical device `index` of the type, named `name`, on `physical`. */
  create(physical: Physical, name: string, index: number, options: LogicalDeviceOptions): Device;
}

const types: DeviceType[] = [];

/** Make a device type available; its kernels load before its kernel table is first used. */
export function registerDeviceType<Physical>(type: DeviceType<Physical>): void {
  type.kernels.loadBeforeUse(() => type.registerKernels());
  types.push(type as DeviceType);
}

/** The registered device types, in registration order (the order of physical devices). */
export function deviceTypes(): readonly DeviceType[] {
  return types;
}
