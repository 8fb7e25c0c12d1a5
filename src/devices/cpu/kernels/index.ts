// Every CPU kernel: the reference kernels of each op family, then, where the native addon
// loads, its kernels over them.
import { nativeAddon } from "../../native/addon.js";
import { registerArrayKernels } from "./array.js";
import { registerCompareKernels } from "./compare.js";
import { registerLinalgKernels } from "./linalg.js";
import { registerMathKernels } from "./math.js";
import { registerReduceKernels } from "./reduce.js";
import { registerResourceKernels } from "./resource.js";
import { registerIndexingKernels } from "./indexing.js";
import { registerShapeOpKernels } from "./shape_ops.js";
import { registerElementwiseMathKernels } from "./elementwise_math.js";
import { registerLinalgDecompositionKernels } from "./linalg_decompositions.js";
import { registerLinalgMatrixKernels } from "./linalg_matrix.js";
import { registerNativeCompareKernels } from "./native/compare.js";
import { registerNativeLinalgKernels } from "./native/linalg.js";
import { registerNativeMathKernels } from "./native/math.js";
import { registerNativeReduceKernels } from "./native/reduce.js";
import { registerNativeScanKernels } from "./native/scan.js";
import { registerNativeSortKernels } from "./native/sort.js";
import { registerNativeSolverKernels } from "./native/linalg_solvers.js";
import { registerNativeRandomKernels } from "./native/random.js";
import { registerScanKernels } from "./scan.js";
import { registerSortKernels } from "./sort.js";
import { registerSegmentKernels } from "./segment.js";
import { registerReduceExtraKernels } from "./reduce_extra.js";
import { registerRandomKernels } from "./random.js";
import { registerNnKernels } from "./nn.js";
import { registerNativeNnKernels } from "./native/nn.js";
import { registerNnConvKernels } from "./nn_conv.js";
import { registerNativeConvKernels } from "./native/nn_conv.js";

/** Register the CPU's kernels in its kernel table (cpu/kernel.ts). */
export function registerCpuKernels(): void {
  registerMathKernels();
  registerCompareKernels();
  registerArrayKernels();
  registerLinalgKernels();
  registerReduceKernels();
  registerResourceKernels();
  registerIndexingKernels();
  registerShapeOpKernels();
  registerScanKernels();
  registerSortKernels();
  registerSegmentKernels();
  registerReduceExtraKernels();
  registerElementwiseMathKernels();
  registerLinalgDecompositionKernels();
  registerLinalgMatrixKernels();
  registerRandomKernels();
  registerNnKernels();
  registerNnConvKernels();
  const addon = nativeAddon();
  if (addon === null) return;
  registerNativeMathKernels(addon);
  registerNativeCompareKernels(addon);
  registerNativeLinalgKernels(addon);
  registerNativeReduceKernels(addon);
  registerNativeScanKernels(addon);
  registerNativeSortKernels(addon);
  registerNativeSolverKernels(addon);
  registerNativeRandomKernels(addon);
  registerNativeNnKernels(addon);
  registerNativeConvKernels(addon);
}
