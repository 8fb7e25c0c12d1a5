// Finding a WebGPU adapter: the only part that differs between Node (Dawn through the `webgpu`
// package) and browsers (navigator.gpu). Software adapters (llvmpipe/lavapipe, SwiftShader,
// WARP) are skipped unless asked for, so that a machine without a GPU keeps every op on the CPU
// by default, as TensorFlow does; scripts/software-gpu.sh asks for them
// (TSFLOW_ALLOW_SOFTWARE_GPU=1) to test the GPU path on CPUs.
/// <reference types="@webgpu/types" />
import type { AdapterReport } from "./protocol.js";
import { noWebGpuAdapter, onlySoftwareAdapter, webGpuPackageUnloadable } from "../../errors/device_messages.js";

interface NodeWebGpu { create(flags: string[]): GPU; globals: object }

// Dawn aborts the process if the object create() returned is collected while a device from
// it is alive: keep it for the life of the thread.
let gpuInstance: GPU | null = null;

async function gpuEntryPoint(): Promise<GPU | string> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu !== undefined) return nav.gpu;
  try {
    const mod = (await import("webgpu" as string)) as NodeWebGpu;
    Object.assign(globalThis, mod.globals);
    gpuInstance ??= mod.create([]);
    return gpuInstance;
  } catch (e) {
    return webGpuPackageUnloadable((e as Error).message.split("\n")[0]!);
  }
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|microsoft basic render|warp/i;

export async function acquireAdapter(options: { allowSoftware: boolean; powerPreference: GPUPowerPreference }):
  Promise<{ ok: true; adapter: GPUAdapter; report: AdapterReport } | { ok: false; report: AdapterReport }> {
  const gpu = await gpuEntryPoint();
  if (typeof gpu === "string") return { ok: false, report: { ok: false, reason: gpu } };
  const adapter = await gpu.requestAdapter({ powerPreference: options.powerPreference });
  if (adapter === null) return { ok: false, report: { ok: false, reason: noWebGpuAdapter() } };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const software = info.isFallbackAdapter === true || SOFTWARE.test(`${info.description} ${info.device} ${info.architecture}`);
  const l = adapter.limits;
  const report: AdapterReport = {
    ok: true,
    vendor: info.vendor, architecture: info.architecture,
    // Some drivers describe themselves by version only ("NVIDIA: 580.159.04"): name the device too.
    description: info.device && !info.description.toLowerCase().includes(info.device.toLowerCase()) ? `${info.device} (${info.description})` : info.description,
    isFallbackAdapter: software,
    features: [...adapter.features].map(String).sort(),
    maxBufferSize: l.maxBufferSize,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
    minUniformBufferOffsetAlignment: l.minUniformBufferOffsetAlignment,
  };
  if (software && !options.allowSoftware) {
    return { ok: false, report: { ...report, ok: false, reason: onlySoftwareAdapter(info.description || info.architecture) } };
  }
  return { ok: true, adapter, report };
}
