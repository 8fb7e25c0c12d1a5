// Which GPUs this process can use. WebGPU in Node gives one adapter (Dawn picks the
// high-performance one), opened by the worker. The probe is skipped (no worker started) when
// TSFLOW_GPU=0, or on Linux when no Vulkan driver is installed at all, so CPU-only machines
// pay nothing for it.
import { existsSync, readdirSync } from "node:fs";
import { GpuClient } from "./gpu_client.js";
import type { AdapterReport } from "./protocol.js";
import { gpuTurnedOff, noAdapterReported, noVulkanDriver } from "../../errors/device_messages.js";

export interface GpuProbe {
  readonly client: GpuClient;
  readonly report: AdapterReport;
}

/** Why the last probe found no GPU (for messages and tests). */
export let noGpuReason = "";

const ICD_DIRS = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d", "/usr/local/share/vulkan/icd.d", "/usr/local/nvidia/share/vulkan/icd.d"];

function vulkanDriverPresent(): boolean {
  if (process.platform !== "linux") return true;
  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES || process.env.VK_ADD_DRIVER_FILES) return true;
  return ICD_DIRS.some((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith(".json")));
}

export function probeGpus(): GpuProbe[] {
  if (process.env.TSFLOW_GPU === "0") { noGpuReason = gpuTurnedOff(); return []; }
  if (!vulkanDriverPresent()) { noGpuReason = noVulkanDriver(); return []; }
  const allowSoftware = process.env.TSFLOW_ALLOW_SOFTWARE_GPU === "1";
  const opened = GpuClient.open({ allowSoftware, powerPreference: "high-performance" });
  if (!(opened instanceof GpuClient)) { noGpuReason = opened.reason ?? noAdapterReported(); return []; }
  return [{ client: opened, report: opened.report }];
}
