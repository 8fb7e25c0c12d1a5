// Builds the native addon (native/: CPU kernels and memory helpers, see binding.gyp) during
// `npm install` with node-gyp (npm's own copy). A failed build is not an error: tsflow then
// runs its TypeScript kernels, and this prints one warning.
// TSFLOW_NATIVE=0 skips the build.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

if (process.env.TSFLOW_NATIVE === "0") process.exit(0);

function findNodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const require = createRequire(import.meta.url);
  for (const base of [process.cwd(), dirname(process.execPath), join(dirname(process.execPath), "..", "lib")]) {
    try {
      return require.resolve("node-gyp/bin/node-gyp.js", { paths: [base, join(base, "node_modules", "npm", "node_modules")] });
    } catch { /* try the next place */ }
  }
  const npmBundled = join(dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js");
  return existsSync(npmBundled) ? npmBundled : null;
}

const nodeGyp = findNodeGyp();
const args = ["rebuild"];
// Build against the headers the machine has instead of downloading them.
const localHeaders = join(dirname(process.execPath), "..", "include", "node", "node.h");
if (!process.env.npm_config_nodedir && existsSync(localHeaders)) args.push(`--nodedir=${join(dirname(process.execPath), "..")}`);
const result = nodeGyp === null
  ? { status: 1, stderr: "node-gyp not found", stdout: "" }
  : spawnSync(process.execPath, [nodeGyp, ...args], { encoding: "utf8" });
if (result.status !== 0) {
  const detail = `${result.stderr ?? ""}`.trim().split("\n").filter((l) => /error|ERR/.test(l)).slice(0, 3).join(" | ");
  console.warn(`tsflow: the native CPU addon did not build (${detail || "unknown error"}); tsflow will use its TypeScript kernels.`);
}
