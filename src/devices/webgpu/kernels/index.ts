// Every WebGPU kernel, by op family.
import { registerArrayKernels } from "./array.js";
import { registerCompareKernels } from "./compare.js";
import { registerLinalgKernels } from "./linalg.js";
import { registerMathKernels } from "./math.js";
import { registerReduceKernels } from "./reduce.js";
import { registerResourceKernels } from "./resource.js";
import { registerIndexingKernels } from "./indexing.js";
import { registerReduceExtraKernels } from "./reduce_extra.js";
import { registerElementwiseMathKernels } from "./elementwise_math.js";
import { registerScanKernels } from "./scan.js";
import { registerRandomKernels } from "./random.js";
import { registerNnKernels } from "./nn.js";
import { registerNnConvKernels } from "./nn_conv.js";

/** Register the GPU's kernels in its kernel table (webgpu/kernel.ts). */
export function registerGpuKernels(): void {
  registerMathKernels();
  registerCompareKernels();
  registerArrayKernels();
  registerLinalgKernels();
  registerReduceKernels();
  registerResourceKernels();
  registerIndexingKernels();
  registerReduceExtraKernels();
  registerElementwiseMathKernels();
  registerScanKernels();
  registerRandomKernels();
  registerNnKernels();
  registerNnConvKernels();
}
