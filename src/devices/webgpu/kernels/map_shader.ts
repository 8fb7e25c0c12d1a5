// The elementwise WGSL generator shared by the math and comparison kernels: unary and binary
// ops, SelectV2 and Cast. Each input is read directly (same shape as the output), as a scalar,
// or through broadcast strides; the shader is specialised per (op, dtypes, input kinds, rank)
// and the shapes travel in the uniform block.
import type { DType, DTypeName } from "../../../core/dtypes.js";
import { sameDims, sizeOf } from "../../../core/tensor_shape.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import type { OpDef } from "../../../ops/op_def.js";
import { registerGpuKernel, type GpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import { broadcastStrides, enables, entry, groupsFor, load, storageType, store, uniformBlock, valueType, Words } from "../wgsl.js";

/** The expression of an op on its input values (WGSL), given the kernel dtype. */
type Expr = (v: readonly string[], t: string) => string;

type Mode = "same" | "scalar" | "bcast";
const codeCache = new Map<string, string>();

/** Shader computing `expr` of the inputs into an output of `out`'s dtype. */
function mapShader(expr: Expr, kernelType: string, inputs: readonly { dtype: DType; mode: Mode }[], out: DType, rank: number, helpers: string): string {
  const decls = inputs.map((x, j) => `@group(0) @binding(${j}) var<storage, read> x${j}: array<${storageType(x.dtype)}>;`);
  decls.push(`@group(0) @binding(${inputs.length}) var<storage, read_write> y: array<${storageType(out)}>;`);
  // Words: [n, dims (rank), strides of each broadcast input (rank each)].
  const words = 1 + rank + inputs.length * rank;
  const body: string[] = [];
  const bcast = inputs.some((x) => x.mode === "bcast");
  if (bcast) {
    body.push("  var rem = i;");
    inputs.forEach((x, j) => { if (x.mode === "bcast") body.push(`  var o${j} = 0u;`); });
    for (let d = rank - 1; d >= 0; d--) {
      body.push(`  { let c = rem % uw(${1 + d}u); rem = rem / uw(${1 + d}u);`);
      inputs.forEach((x, j) => { if (x.mode === "bcast") body.push(`    o${j} = o${j} + c * uw(${1 + rank + j * rank + d}u);`); });
      body.push("  }");
    }
  }
  const values = inputs.map((x, j) => {
    const index = x.mode === "same" ? "i" : x.mode === "scalar" ? "0u" : `o${j}`;
    return load(x.dtype, `x${j}`, index);
  });
  return `${enables(out, ...inputs.map((x) => x.dtype))}${helpers}
${decls.join("\n")}
${uniformBlock(inputs.length + 1, words)}
${entry()}
  if (i >= uw(0u)) { return; }
${body.join("\n")}
  y[i] = ${store(out, expr(values, kernelType))};
}
`;
}

/** Run an elementwise op: `inputs` broadcast to `out`. */
export function runMap(ctx: GpuKernelContext, name: string, expr: Expr, kernelDtype: DType, inputs: readonly GpuTensor[], out: TensorSpec, helpers = ""): GpuBuffer {
  const y = ctx.alloc(out);
  const n = sizeOf(out.dims);
  if (n === 0) return y;
  const rank = out.dims.length;
  // This runs for every elementwise op: plain loops and concatenation, no closures per input.
  const modes: Mode[] = [];
  const buffers: GpuBuffer[] = [];
  let bcast = false;
  let key = `${name}|${kernelDtype.name}|${out.dtype.name}`;
  for (const x of inputs) {
    const mode: Mode = sameDims(x.dims, out.dims) ? "same" : sizeOf(x.dims) === 1 ? "scalar" : "bcast";
    if (mode === "bcast") bcast = true;
    modes.push(mode);
    buffers.push(x.buffer);
    key += `|${x.dtype.name}:${mode}`;
  }
  buffers.push(y);
  if (bcast) key += `|${rank}`;
  let code = codeCache.get(key);
  if (code === undefined) {
    code = mapShader(expr, valueType(kernelDtype), inputs.map((x, j) => ({ dtype: x.dtype, mode: modes[j]! })), out.dtype, bcast ? rank : 0, helpers);
    codeCache.set(key, code);
  }
  let uniform: Uint32Array;
  if (bcast) {
    const w = new Words().u32(n, ...out.dims);
    inputs.forEach((x, j) => w.u32(...(modes[j] === "bcast" ? broadcastStrides(x.dims, out.dims) : out.dims.map(() => 0))));
    uniform = w.build();
  } else {
    uniform = new Uint32Array(4);
    uniform[0] = n;
  }
  ctx.dispatch({ code, buffers, uniform, groups: groupsFor(n, ctx.maxWorkgroupsPerDimension) });
  return y;
}

export function mapKernel(name: string, expr: Expr, helpers = ""): GpuKernel {
  return (ctx, inputs, _attrs, outputs) => [runMap(ctx, name, expr, inputs[inputs.length === 3 ? 1 : 0]!.dtype, inputs, outputs[0]!, helpers)];
}

/** Register a unary elementwise kernel computing `expr` of the input. */
export function unary(op: OpDef, dtypes: readonly DTypeName[], expr: (x: string, t: string) => string, helpers = ""): void {
  registerGpuKernel(op, dtypes, mapKernel(op.name, (v, t) => expr(v[0]!, t), helpers));
}
/** Register a binary elementwise kernel computing `expr` of the inputs (broadcast). */
export function binary(op: OpDef, dtypes: readonly DTypeName[], expr: (a: string, b: string, t: string) => string, helpers = ""): void {
  registerGpuKernel(op, dtypes, mapKernel(op.name, (v, t) => expr(v[0]!, v[1]!, t), helpers));
}
