// TensorFlow.js's gradients for tfjs-core used on its own. tfjs-core's Node entry point
// (dist/tf-core.node.js) registers no gradient functions: the umbrella package @tensorflow/tfjs
// does, by importing tfjs-core's dist/register_all_gradients.js, an ES module whose relative
// imports lack the ".js" extension that Node's ES module loader requires. This module loads that
// same file through a resolve hook that adds the extension, so the gradients registered are
// exactly tfjs-core 4.22.0's own. That copy of tfjs-core's modules shares the engine, the kernel
// and gradient registries and the Tensor class checks with the Node entry point (tfjs-core keeps
// them on a global namespace for this reason).
import * as nodeModule from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const HOOK = `
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? "";
  if (parent.includes("/@tensorflow/tfjs-core/dist/") && specifier.startsWith(".") && !/\\.m?js$/.test(specifier)) {
    const url = new URL(specifier, parent);
    const path = fileURLToPath(url);
    if (existsSync(path + ".js")) return next(url.href + ".js", context);
    if (existsSync(path) && statSync(path).isDirectory()) return next(url.href + "/index.js", context);
  }
  return next(specifier, context);
}`;

let loaded = false;

/** Register tfjs-core's own gradient functions (once per process). */
export async function registerTfjsGradients() {
  if (loaded) return;
  if (typeof nodeModule.register !== "function") throw new Error(`loading tfjs-core's gradients needs module.register (Node >= 20.6), not in Node ${process.version}`);
  nodeModule.register(`data:text/javascript,${encodeURIComponent(HOOK)}`, import.meta.url);
  const require = nodeModule.createRequire(import.meta.url);
  const dist = dirname(require.resolve("@tensorflow/tfjs-core"));
  await import(pathToFileURL(join(dist, "register_all_gradients.js")).href);
  loaded = true;
}
