// How a kernel's buffers and shape words are bound, decided once per pipeline from its WGSL.
// Kernels declare storage buffers at `@group(0) @binding(0…n-1)` and, through wgsl.ts's
// uniformBlock, their shape words at binding n. Binding them like that would need a bind group
// per combination of buffers (or a uniform at a dynamic offset): both cost a software adapter
// 14–26 µs a dispatch. Instead each storage buffer gets a bind group of its own, made once per
// buffer and kept while the buffer lives, so the pool may hand buffers back in any order; and
// the shape words travel as WGSL immediates (`var<immediate>`, set per dispatch) where the
// adapter has room for them, else in a small uniform buffer cached by its contents (a loop's
// shapes repeat). Kernels with more buffers than the adapter has bind groups keep one group
// for all their buffers, cached by buffer ids.
import { paramsBlock } from "./wgsl.js";

/** One storage binding of a kernel: read-only or read-write. */
export type Access = "read" | "read_write";

export interface BindingPlan {
  /** The WGSL to compile, its declarations moved to the groups below. */
  readonly code: string;
  /** Access of storage bindings 0…n-1, in the kernel's order. */
  readonly access: readonly Access[];
  /** "split": buffer j in bind group j; "joint": every buffer in group 0. */
  readonly storage: "split" | "joint";
  /** How the shape words are bound, if the kernel has any. */
  readonly params: "none" | "immediate" | "uniform";
  /** Bytes of the shape-word block (a multiple of 16). */
  readonly paramBytes: number;
  /** The bind group that holds the uniform block (params "uniform"). */
  readonly uniformGroup: number;
}

const STORAGE = /@group\(0\)\s*@binding\((\d+)\)\s*var<\s*storage\s*(?:,\s*(read_write|read)\s*)?>/g;
const PARAMS_STRUCT = /struct Params \{ w: array<vec4<u32>, (\d+)> \}/;

/**
 * The plan for `code`, or null where the kernel does not follow the convention (then the
 * worker uses layout "auto" and a bind group per dispatch).
 */
export function bindingPlan(code: string, limits: { readonly maxBindGroups: number; readonly maxImmediateSize: number }): BindingPlan | null {
  const found = [...code.matchAll(STORAGE)].map((m) => ({ binding: Number(m[1]), access: (m[2] ?? "read") as Access }));
  found.sort((a, b) => a.binding - b.binding);
  if (found.some((b, i) => b.binding !== i)) return null;
  // The shape-word block exactly as wgsl.ts's uniformBlock wrote it, bound after the buffers.
  const struct = PARAMS_STRUCT.exec(code);
  const vecs = struct === null ? 0 : Number(struct[1]);
  const declared = struct === null ? "" : paramsBlock(vecs, { kind: "uniform", group: 0, binding: found.length });
  if (struct !== null && !code.includes(declared)) return null;
  if (found.length === 0 && struct === null) return null;
  const paramBytes = 16 * vecs;
  const params = struct === null ? "none" : paramBytes <= limits.maxImmediateSize ? "immediate" : "uniform";
  const storage = found.length + (params === "uniform" ? 1 : 0) <= limits.maxBindGroups ? "split" : "joint";
  const uniformGroup = storage === "split" ? found.length : 1;
  let out = code;
  if (storage === "split") {
    out = out.replace(STORAGE, (whole, binding: string) => whole.replace(`@group(0) @binding(${binding})`, `@group(${binding}) @binding(0)`));
  }
  if (params === "immediate") out = out.replace(declared, paramsBlock(vecs, { kind: "immediate" }));
  else if (params === "uniform") out = out.replace(declared, paramsBlock(vecs, { kind: "uniform", group: uniformGroup, binding: 0 }));
  return { code: out, access: found.map((b) => b.access), storage, params, paramBytes, uniformGroup };
}
