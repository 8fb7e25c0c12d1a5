// Messages only devices and their configuration raise (kernels, device memory, the GPU's
// worker, tf.config), one function per situation; errors/messages.ts holds those shared with
// other layers. Texts that TensorFlow also raises are TensorFlow's own.
import { dtypeEnumName, type DType } from "../core/dtypes.js";
import { sliceDebugString } from "../core/tensor_shape.js";

// --- Kernels ---------------------------------------------------------------------------------

/** An integer division or modulo by zero (Div, FloorDiv, FloorMod, scatter_div). */
export function integerDivisionByZero(): string {
  return "Integer division by zero";
}

/** An integer raised to a negative integer power. */
export function negativeIntegerPower(): string {
  return "Integers to negative integer powers are not allowed";
}

/** A segment id outside [0, numSegments) (unsorted_segment_sum). */
export function segmentIdOutOfRange(idsDims: readonly number[], flat: number, id: number, numSegments: number): string {
  return `segment_ids${sliceDebugString(idsDims, flat)} = ${id} is out of range [0, ${numSegments})`;
}

/** Where's condition read twice with different counts of true elements. */
export function whereConditionChanged(): string {
  return "Where: the condition changed while being read";
}

/** A kernel registered into a layer its device type does not have. */
export function noKernelLayer(deviceType: string, layer: string, bottom: string): string {
  return `${deviceType} kernels have no layer '${layer}' above '${bottom}'`;
}

// --- Devices and their configuration ----------------------------------------------------------

/** A physical device name no device type reported. */
export function unrecognizedDevice(name: string): string {
  return `Unrecognized device: ${name}`;
}

/** A memory limit on logical devices of a type that does not count memory. */
export function memoryLimitUnsupported(deviceType: string): string {
  return `Setting memory limit on ${deviceType} virtual devices is currently not supported`;
}

/** A logical device configuration changed after the devices were created. */
export function virtualDevicesInitialized(): string {
  return "Virtual devices cannot be modified after being initialized";
}

/** Something other than a tf.config.PhysicalDevice where one is expected. */
export function notAPhysicalDevice(got: unknown): string {
  return `Expected a PhysicalDevice from tf.config.listPhysicalDevices(), got ${String(got)}`;
}

/** Memory statistics asked of a device that does not count its memory. */
export function memoryInfoUnavailable(device: string): string {
  return `Memory info is only available for GPU devices, not '${device}'`;
}

/** The native addon exists but does not load (e.g. built for another Node version). */
export function nativeAddonUnavailable(reason: string): string {
  return `native CPU kernels unavailable (${reason}); using the TypeScript kernels`;
}

// --- Device memory ----------------------------------------------------------------------------

/** An allocation past a device's memory limit (TensorFlow's OOM message, with what is held). */
export function outOfMemory(what: string, deviceName: string, bytes: number, held: number, buffers: number, limit: number): string {
  return `OOM when allocating ${what} on ${deviceName}: ${bytes} bytes requested, ` +
    `${held} bytes held by ${buffers} buffers of a ${limit}-byte memory limit`;
}

// TensorFlow's allocator names types so in its OOM messages.
const ALLOCATOR_TYPE: Partial<Record<string, string>> = { float32: "float", int32: "int", bool: "bool", int64: "int64", float16: "half", uint32: "uint32", uint64: "uint64" };
const allocatorType = (dtype: DType): string => ALLOCATOR_TYPE[dtype.name] ?? dtype.name;

/** What outOfMemory() names: an op's output of known shape. */
export function allocationOfShape(dims: readonly number[], dtype: DType): string {
  return `tensor with shape[${dims.join(",")}] and type ${allocatorType(dtype)}`;
}

/** What outOfMemory() names: a value uploaded from the host. */
export function allocationOfElements(n: number, dtype: DType): string {
  return `tensor with ${n} elements and type ${allocatorType(dtype)}`;
}

/** What outOfMemory() names: a copy of a buffer. */
export function allocationOfCopy(bytes: number): string {
  return `a copy of ${bytes} bytes`;
}

/** A value of a dtype the device has no storage for (strings on a GPU). */
export function cannotHoldType(deviceName: string, dtype: DType): string {
  return `${deviceName} cannot hold values of type ${dtypeEnumName(dtype)}`;
}

// --- The GPU ----------------------------------------------------------------------------------

/** A dtype without a WGSL storage type reached a shader generator. */
export function noWgslStorageType(dtypeName: string): string {
  return `no WGSL storage type for ${dtypeName}`;
}

/** A read of GPU memory that the GPU worker reported failed. */
export function gpuReadFailed(detail: string): string {
  return `GPU read failed: ${detail}`;
}

/** The GPU worker did not answer a synchronous request in time. */
export function gpuTimedOut(seconds: number): string {
  return `the GPU did not answer within ${seconds} s`;
}

/** WebGPU reported running out of memory. */
export function gpuOutOfMemory(detail: string): string {
  return `GPU out of memory: ${detail}`;
}

/** Any other error WebGPU reported. */
export function webGpuError(detail: string): string {
  return `WebGPU error: ${detail}`;
}

/** A command named a buffer the GPU worker does not have. */
export function unknownGpuBuffer(id: number): string {
  return `unknown GPU buffer ${id}`;
}

// --- Why there is no GPU (tf.config lists none; tests and benchmarks print it) ----------------

/** TSFLOW_GPU=0 turned the GPU off (the probe then starts no worker). */
export function gpuTurnedOff(): string {
  return "TSFLOW_GPU=0";
}

/** Linux without any Vulkan driver (the probe then starts no worker). */
export function noVulkanDriver(): string {
  return "no Vulkan driver is installed";
}

/** The `webgpu` package (Dawn) is missing or does not load. */
export function webGpuPackageUnloadable(detail: string): string {
  return `the 'webgpu' package could not be loaded (${detail})`;
}

/** WebGPU offered no adapter. */
export function noWebGpuAdapter(): string {
  return "no WebGPU adapter (no Vulkan/Metal/D3D12 driver found)";
}

/** The probe failed without saying why. */
export function noAdapterReported(): string {
  return "no WebGPU adapter";
}

/** Only a software adapter exists and software adapters were not asked for. */
export function onlySoftwareAdapter(description: string): string {
  return `only a software adapter (${description}) was found; set TSFLOW_ALLOW_SOFTWARE_GPU=1 to use it`;
}

/** The worker thread that owns the GPU device could not start. */
export function gpuWorkerDidNotStart(detail: string): string {
  return `the WebGPU worker could not start (${detail})`;
}

/** The worker thread that owns the GPU device did not report an adapter in time. */
export function gpuWorkerSilent(): string {
  return "the WebGPU worker did not answer";
}
