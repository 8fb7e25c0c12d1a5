// WebGPU kernels of Cumsum and Cumprod (float32, int32): one invocation per (outer, inner) line
// walks its line along the axis in the CPU kernel's order, so the results are the CPU's
// (float32 accumulates in float32, int32 wraps as WGSL's integers do). The lines run in
// parallel; one long line runs serially, which is still cheaper than a round trip to the CPU.
import type { DTypeName } from "../../../core/dtypes.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { Cumprod, Cumsum, scanAxis, type ScanAttrs } from "../../../ops/scan.js";
import { registerGpuKernel, type GpuKernel } from "../kernel.js";
import { entry, groupsFor, uniformBlock, Words } from "../wgsl.js";

const SCAN_TYPES: readonly DTypeName[] = ["float32", "int32"];
const shaders = new Map<string, string>();

/** Words: [lines, length, inner, exclusive, reverse]. */
function scanShader(dtype: DTypeName, prod: boolean): string {
  const key = `${dtype}|${prod}`;
  let code = shaders.get(key);
  if (code === undefined) {
    const t = dtype === "float32" ? "f32" : "i32";
    const identity = prod ? (dtype === "float32" ? "1.0" : "1") : (dtype === "float32" ? "0.0" : "0");
    code = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
${uniformBlock(2, 5)}
${entry()}
  if (i >= uw(0u)) { return; }
  let len = uw(1u);
  let inner = uw(2u);
  let exclusive = uw(3u) == 1u;
  let reverse = uw(4u) == 1u;
  let o = i / inner;
  let base = o * len * inner + (i - o * inner);
  var acc: ${t} = ${identity};
  for (var j = 0u; j < len; j++) {
    let at = base + select(j, len - 1u - j, reverse) * inner;
    if (exclusive) { y[at] = bitcast<u32>(acc); }
    acc = acc ${prod ? "*" : "+"} bitcast<${t}>(x[at]);
    if (!exclusive) { y[at] = bitcast<u32>(acc); }
  }
}
`;
    shaders.set(key, code);
  }
  return code;
}

function scanKernel(prod: boolean): GpuKernel<ScanAttrs> {
  return (ctx, inputs, attrs, outputs) => {
    const x = inputs[0]!;
    const out = outputs[0]!;
    const dims = x.dims, axis = scanAxis(attrs.axis, dims.length);
    const len = dims[axis]!, inner = sizeOf(dims.slice(axis + 1)), lines = sizeOf(dims.slice(0, axis)) * inner;
    const y = ctx.alloc(out);
    if (lines > 0 && len > 0) {
      const words = new Words().u32(lines, len, inner, attrs.exclusive ? 1 : 0, attrs.reverse ? 1 : 0);
      ctx.dispatch({ code: scanShader(x.dtype.name, prod), buffers: [x.buffer, y], uniform: words.build(), groups: groupsFor(lines, ctx.maxWorkgroupsPerDimension) });
    }
    return [y];
  };
}

/** Register the scans' GPU kernels. */
export function registerScanKernels(): void {
  registerGpuKernel(Cumsum, SCAN_TYPES, scanKernel(false));
  registerGpuKernel(Cumprod, SCAN_TYPES, scanKernel(true));
}
