// Native 2-D convolution kernels (registered over the TypeScript reference kernels): Conv2D,
// Conv2DBackpropInput and Conv2DBackpropFilter for float32 and float64 in NHWC with one group
// run on the addon's im2col + packed GEMM (native/cpu/conv.cc), unless the convolution is too
// small to pay for the call; channels-first and grouped convolutions stay with the reference
// kernels (which raise TensorFlow's CPU errors for NCHW).
import type { Storage } from "../../../../core/storage.js";
import type { TensorSpec } from "../../../../core/tensor_spec.js";
import { Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, type ConvGeometry } from "../../../../ops/nn_conv.js";
import { registerNativeCpuKernel, type CpuTensor } from "../../kernel.js";
import type { NativeConv } from "../../../native/addon.js";
import { allocateOutput } from "../../memory.js";

/** Below this many multiply-adds the TypeScript loops are as fast as the call into C++. */
export const NATIVE_CONV_MIN_MACS = 512;

let calls = 0;
/** How many convolutions the native kernels have run (for tests). */
export function nativeConvCalls(): number { return calls; }

/** The addon's geometry vector, or null where the native kernel does not apply. */
function geometryVector(g: ConvGeometry): Int32Array | null {
  if (!g.channelsLast || g.groups !== 1 || g.inSpatial[0] !== 1 || g.filterSpatial[0] !== 1) return null;
  const macs = g.batch * g.outSpatial[1]! * g.outSpatial[2]! * g.outC * g.filterSpatial[1]! * g.filterSpatial[2]! * g.inC;
  if (macs < NATIVE_CONV_MIN_MACS) return null;
  return Int32Array.of(
    g.batch, g.inSpatial[1]!, g.inSpatial[2]!, g.inC, g.outSpatial[1]!, g.outSpatial[2]!, g.outC,
    g.filterSpatial[1]!, g.filterSpatial[2]!, g.strides[1]!, g.strides[2]!, g.dilations[1]!, g.dilations[2]!,
    g.padBefore[1]!, g.padBefore[2]!,
  );
}

function nativeConv(addon: NativeConv, mode: 0 | 1 | 2, inputs: readonly CpuTensor[], outputs: readonly TensorSpec[], g: ConvGeometry): Storage[] | null {
  const geometry = geometryVector(g);
  if (geometry === null) return null;
  const a = inputs[0]!.buffer as Float32Array | Float64Array, b = inputs[1]!.buffer as Float32Array | Float64Array;
  const out = allocateOutput(a instanceof Float64Array ? "float64" : "float32", outputs[0]!.dims.reduce((p, q) => p * q, 1));
  addon.conv2d(mode, a, b, out, geometry);
  calls++;
  return [out];
}

/** Register the addon's convolution kernels. */
export function registerNativeConvKernels(addon: NativeConv): void {
  const types = ["float32", "float64"] as const;
  registerNativeCpuKernel(Conv2D, types, (inputs, _a, outputs, g) => nativeConv(addon, 0, inputs, outputs, g));
  registerNativeCpuKernel(Conv2DBackpropInput, types, (inputs, _a, outputs, g) => nativeConv(addon, 1, inputs, outputs, g));
  registerNativeCpuKernel(Conv2DBackpropFilter, types, (inputs, _a, outputs, g) => nativeConv(addon, 2, inputs, outputs, g));
}
