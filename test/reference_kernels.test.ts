// The TypeScript kernels are the reference and the fallback (browsers, failed addon builds):
// the whole suite also passes with TSFLOW_NATIVE=0, which keeps the native addon unloaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("every other test file passes with TSFLOW_NATIVE=0 (TypeScript kernels only)", { skip: process.env.TSFLOW_NATIVE === "0" ? "already running without the native addon" : false }, () => {
  const files = readdirSync(`${root}dist-test/test`)
    .filter((f) => f.endsWith(".test.js") && f !== "reference_kernels.test.js")
    .map((f) => `dist-test/test/${f}`);
  // A nested test runner must not think it reports to this one.
  const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
  const r = spawnSync(process.execPath, ["--test", "--test-reporter=tap", ...files], {
    cwd: root, encoding: "utf8", env: { ...env, TSFLOW_NATIVE: "0" }, maxBuffer: 1 << 28,
  });
  const summary = r.stdout.split("\n").filter((l) => /^# (tests|pass|fail|skipped)/.test(l)).join(", ");
  const failures = r.stdout.split("\n").filter((l) => l.startsWith("not ok")).join("\n");
  assert.equal(r.status, 0, `TSFLOW_NATIVE=0 run failed (${summary}):\n${failures}`);
  assert.match(summary, /# fail 0/);
});
