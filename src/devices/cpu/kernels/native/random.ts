// Native kernels of the float random ops (over the reference kernels in ../random.ts): the
// uniform, normal and truncated normal fills of float32 and float64 in the addon
// (native/cpu/philox.cc), the stream reserved exactly as the reference does. Small outputs
// stay in TypeScript.
import { sizeOf } from "../../../../core/tensor_shape.js";
import {
  RandomStandardNormal, RandomUniform, StatelessRandomNormalV2, StatelessRandomUniformV2, StatelessTruncatedNormalV2,
  TruncatedNormal,
} from "../../../../ops/random.js";
import type { NativePhilox } from "../../../native/addon.js";
import type { PhiloxRandom } from "../../../random/philox.js";
import { statefulFloats, statelessFloats, type FloatDistribution, type FloatFill, type HostValue } from "../../../random/kernels.js";
import { registerNativeCpuKernel, type CpuTensor } from "../../kernel.js";

/** Outputs below this many values are drawn by the TypeScript fill. */
export const NATIVE_RANDOM_THRESHOLD = 64;
const DISTRIBUTIONS: Record<FloatDistribution, number> = { uniform: 0, normal: 1, truncated_normal: 2 };

function host(t: CpuTensor): HostValue { return { dtype: t.dtype, dims: t.dims, data: t.buffer }; }

/** Register the addon's Philox fills. */
export function registerNativeRandomKernels(addon: NativePhilox): void {
  const fill: FloatFill = (dist, gen: PhiloxRandom, dtype, n) => {
    const out = dtype.name === "float64" ? new Float64Array(n) : new Float32Array(n);
    const state = new Uint32Array(6);
    state.set(gen.counter, 0);
    state.set(gen.key, 4);
    addon.philoxFill(DISTRIBUTIONS[dist], dtype.name === "float64" ? 1 : 0, state, out);
    return out;
  };
  const dtypes = ["float32", "float64"] as const;
  const stateful = [[RandomUniform, "uniform"], [RandomStandardNormal, "normal"], [TruncatedNormal, "truncated_normal"]] as const;
  for (const [op, dist] of stateful) {
    registerNativeCpuKernel(op, dtypes, (_inputs, attrs) =>
      sizeOf(attrs.shape) < NATIVE_RANDOM_THRESHOLD ? null : [statefulFloats("CPU", op.name, dist, attrs, fill)]);
  }
  const stateless = [[StatelessRandomUniformV2, "uniform"], [StatelessRandomNormalV2, "normal"], [StatelessTruncatedNormalV2, "truncated_normal"]] as const;
  for (const [op, dist] of stateless) {
    registerNativeCpuKernel(op, dtypes, ([key, counter], attrs) =>
      sizeOf(attrs.shape) < NATIVE_RANDOM_THRESHOLD ? null : [statelessFloats(dist, attrs, host(key!), host(counter!), fill)]);
  }
}
