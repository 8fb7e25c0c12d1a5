// The package works from another project that depends on it by path: ESM entry point and
// type declarations through package.json "exports".
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("import * as tf from 'tsflow' works, with types, from another folder", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsflow-consumer-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(root, join(dir, "node_modules", "tsflow"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", dependencies: { tsflow: `file:${root}` } }));
    const source = `import * as tf from "tsflow";
const v: tf.Variable = new tf.Variable([[1, 2], [3, 4]], { name: "w" });
const t: tf.Tensor = tf.matmul(v, v, { transposeA: true });
const d: tf.DType = t.dtype;
console.log(String(t), d.name, v.name);
`;
    writeFileSync(join(dir, "main.ts"), source);
    writeFileSync(join(dir, "main.mjs"), source.replace(": tf.Variable", "").replace(": tf.Tensor", "").replace(": tf.DType", ""));
    const run = spawnSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" });
    assert.equal(run.stderr, "");
    assert.equal(run.stdout, "tf.Tensor(\n[[10. 14.]\n [14. 20.]], shape=(2, 2), dtype=float32) float32 w:0\n");
    const tsc = spawnSync(process.execPath, [
      join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "--strict", "--skipLibCheck", "false",
      "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--types", "node", "--typeRoots", join(root, "node_modules", "@types"), "main.ts",
    ], { cwd: dir, encoding: "utf8" });
    assert.equal(tsc.stdout + tsc.stderr, "");
    assert.equal(tsc.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every benchmark script parses (node --check), so `npm run bench` cannot fail on a syntax error", async () => {
  const { readdirSync } = await import("node:fs");
  const files = ["bench", "bench/lib", "bench/peers", "bench/cases"].flatMap((d) =>
    readdirSync(join(root, d)).filter((f) => f.endsWith(".mjs")).map((f) => join(root, d, f)));
  assert.ok(files.length > 10);
  for (const f of files) {
    const r = spawnSync(process.execPath, ["--check", f], { encoding: "utf8" });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});
