// Loads the native CPU addon (build/Release/tsflow_native.node, built by `npm install`).
// TSFLOW_NATIVE=0 forces the TypeScript kernels. Without a build (the install already warned
// that it failed) the TypeScript kernels run silently; a build that exists but cannot load
// (e.g. built for another Node version) prints one warning.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { NativeGemm } from "../cpu/kernels/native/linalg.js";
import type { NativeElementwise } from "../cpu/kernels/native/elementwise.js";

export interface NativeAddon extends NativeGemm, NativeElementwise {
  /** The instruction set the kernels use: `avx512`, `avx2` or `portable`. */
  readonly isa: string;
  /** Threads used by parallel kernels. */
  readonly numThreads: number;
}

let addon: NativeAddon | null | undefined;

/** The addon, or null when disabled or unavailable. */
export function nativeAddon(): NativeAddon | null {
  if (addon !== undefined) return addon;
  if (process.env.TSFLOW_NATIVE === "0") return (addon = null);
  const path = new URL("../../../build/Release/tsflow_native.node", import.meta.url);
  if (!existsSync(path)) return (addon = null);
  try {
    const require = createRequire(import.meta.url);
    addon = require(path.pathname) as NativeAddon;
  } catch (e) {
    process.emitWarning(`native CPU kernels unavailable (${(e as Error).message.split("\n")[0]}); using the TypeScript kernels`, { code: "TSFLOW_NO_NATIVE" });
    addon = null;
  }
  return addon;
}
