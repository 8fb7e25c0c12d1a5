// What the GPU test files share: each turns the GPU on for itself (npm test sets TSFLOW_GPU=0
// for the others) and skips, printing why, where no adapter exists.
import * as tf from "tsflow";
import { noGpuReason } from "tsflow/internal/devices/webgpu/probe";

export const GPU = "/job:localhost/replica:0/task:0/device:GPU:0";
export const CPU = "/job:localhost/replica:0/task:0/device:CPU:0";

type PhysicalDevice = ReturnType<typeof tf.config.listPhysicalDevices>[number];

/**
 * Turn the GPU on for this test file: false when there is one (after `configure` saw it), else
 * the reason to skip, printed as `# <file>: skipped: <reason>`.
 */
export function gpuOrSkip(file: string, configure?: (gpu: PhysicalDevice) => void): string | false {
  process.env.TSFLOW_GPU = "1";
  const gpus = tf.config.listPhysicalDevices("GPU");
  if (gpus.length > 0) {
    configure?.(gpus[0]!);
    return false;
  }
  const reason = `no GPU (${noGpuReason}); on a machine without one run: eval "$(bash scripts/software-gpu.sh)"`;
  console.log(`# ${file}: skipped: ${reason}`);
  return reason;
}
