// The installed version of a package, read from its package.json (found by walking up from the
// resolved entry point: several peers do not export ./package.json).
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export function packageVersion(name) {
  let dir;
  try { dir = dirname(require.resolve(name)); } catch { return null; }
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8"));
      if (pkg.name === name) return pkg.version;
    }
  }
  return null;
}

/** The directory holding a package's resolved entry point. */
export function packageEntryDir(name) {
  return dirname(require.resolve(name));
}
