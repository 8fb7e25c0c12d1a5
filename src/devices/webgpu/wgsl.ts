// Small pieces of WGSL shared by the kernels: element types, the uniform block of u32 words,
// and the flat thread index over a 2-D grid of workgroups (one dimension holds at most
// maxComputeWorkgroupsPerDimension groups).
import type { DType } from "../../core/dtypes.js";
import { InternalError } from "../../errors/errors.js";
import { noWgslStorageType } from "../../errors/device_messages.js";
import { stridesOf } from "../nd_indices.js";

export const WORKGROUP = 256;

/** The WGSL type that stores elements of `dtype` (bool as u32 0/1). */
export function storageType(dtype: DType): "f32" | "i32" | "u32" | "f16" {
  switch (dtype.name) {
    case "float32": return "f32";
    case "int32": return "i32";
    case "uint32": case "bool": return "u32";
    case "float16": return "f16";
    default: throw new InternalError(noWgslStorageType(dtype.name));
  }
}

/** The WGSL type kernels compute in (bool as bool; float16 in f32, rounded once on store, as the CPU does). */
export function valueType(dtype: DType): string {
  return dtype.isBool ? "bool" : dtype.name === "float16" ? "f32" : storageType(dtype);
}

/** Expression reading element `index` of storage array `array` as a value of `dtype`. */
export function load(dtype: DType, array: string, index: string): string {
  if (dtype.isBool) return `(${array}[${index}] != 0u)`;
  return dtype.name === "float16" ? `f32(${array}[${index}])` : `${array}[${index}]`;
}

/** Expression converting a value of `dtype` to its storage form. */
export function store(dtype: DType, value: string): string {
  if (dtype.isBool) return `select(0u, 1u, ${value})`;
  return dtype.name === "float16" ? `f16(${value})` : value;
}

/** `enable f16;` where a kernel touches float16. */
export function enables(...dtypes: DType[]): string {
  return dtypes.some((d) => d.name === "float16") ? "enable f16;\n" : "";
}

/** Where a kernel's shape words are bound: a uniform buffer at (group, binding), or WGSL immediates. */
export type ParamsBinding = { readonly kind: "uniform"; readonly group: number; readonly binding: number } | { readonly kind: "immediate" };

/**
 * The declaration of `vecs` vec4s of shape words and `uw(i)`, which reads word `i`. Immediates
 * take no arrays, so there the words are named vectors picked by index.
 */
export function paramsBlock(vecs: number, at: ParamsBinding): string {
  if (at.kind === "uniform") {
    return `struct Params { w: array<vec4<u32>, ${vecs}> }
@group(${at.group}) @binding(${at.binding}) var<uniform> params: Params;
fn uw(i: u32) -> u32 { return params.w[i / 4u][i % 4u]; }
`;
  }
  const fields = Array.from({ length: vecs }, (_, k) => `w${k}: vec4<u32>`).join(", ");
  let pick = `params.w${vecs - 1}`;
  for (let k = vecs - 2; k >= 0; k--) pick = `select(${pick}, params.w${k}, i < ${4 * (k + 1)}u)`;
  return `struct Params { ${fields} }
var<immediate> params: Params;
fn uw(i: u32) -> u32 { return ${pick}[i % 4u]; }
`;
}

/** Vec4s of the block holding `words` shape words. */
export function paramVecs(words: number): number { return Math.max(1, Math.ceil(words / 4)); }

/** Declare the shape-word block (`words` u32 words) at `binding`, read with `uw(i)`. */
export function uniformBlock(binding: number, words: number): string {
  return `${paramsBlock(paramVecs(words), { kind: "uniform", group: 0, binding })}fn uf(i: u32) -> f32 { return bitcast<f32>(uw(i)); }
fn ui(i: u32) -> i32 { return bitcast<i32>(uw(i)); }
`;
}

/** The entry point header: `i` is the flat thread index (threads past the end must return). */
export function entry(workgroup = WORKGROUP): string {
  return `@compute @workgroup_size(${workgroup})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${workgroup}u;`;
}

/** Workgroup counts covering `threads` threads. */
export function groupsFor(threads: number, maxPerDim: number, workgroup = WORKGROUP): [number, number, number] {
  const groups = Math.ceil(threads / workgroup);
  if (groups <= maxPerDim) return [groups, 1, 1];
  const y = Math.ceil(groups / maxPerDim);
  return [Math.ceil(groups / y), y, 1];
}

// One float's bits, shared by every Words (a pair of typed arrays per op showed in profiles).
const floatBits = new Float32Array(1);
const wordBits = new Uint32Array(floatBits.buffer);

/** Uniform words: u32 values, with floats stored as their bits. */
export class Words {
  private readonly data: number[] = [];
  get length(): number { return this.data.length; }
  u32(...v: number[]): this { for (const x of v) this.data.push(x >>> 0); return this; }
  i32(...v: number[]): this { for (const x of v) this.data.push(x | 0); return this; }
  f32(...v: number[]): this { for (const x of v) { floatBits[0] = x; this.data.push(wordBits[0]!); } return this; }
  build(): Uint32Array {
    const out = new Uint32Array(Math.max(4, Math.ceil(this.data.length / 4) * 4));
    for (let i = 0; i < this.data.length; i++) out[i] = this.data[i]! >>> 0;
    return out;
  }
}

/** Strides of `inDims` broadcast against `outDims` (0 on broadcast dimensions). */
export function broadcastStrides(inDims: readonly number[], outDims: readonly number[]): number[] {
  const own = stridesOf(inDims);
  const lead = outDims.length - inDims.length;
  return outDims.map((_, d) => (d < lead || inDims[d - lead] === 1 ? 0 : own[d - lead]!));
}

/**
 * NaN and infinity tests on the bits: shader compilers may assume finite math and fold
 * `x != x` or `x - x != 0` to false (lavapipe does).
 */
export const FLOAT_CLASSES = `fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isinf_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
fn nan_() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
`;
