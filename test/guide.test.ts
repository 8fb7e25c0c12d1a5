// The guide "Introduction to Variables" prints exactly what TensorFlow prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

test("examples/guide.ts prints guide.expected.txt byte for byte", () => {
  const r = spawnSync(process.execPath, ["dist-test/examples/guide.js"], { cwd: root, encoding: "utf8" });
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, readFileSync(`${root}test/guide.expected.txt`, "utf8"));
});

test("examples/guide.ts is the shared seed's transcription", (t) => {
  let seed: string;
  try {
    seed = readFileSync(`${root}../shared/seed/guide.ts`, "utf8");
  } catch {
    t.skip("../shared/seed is not beside this clone");
    return;
  }
  assert.equal(readFileSync(`${root}examples/guide.ts`, "utf8"), seed);
  assert.equal(readFileSync(`${root}test/guide.expected.txt`, "utf8"), readFileSync(`${root}../shared/seed/guide.expected.txt`, "utf8"));
});
