// tf.version: tsflow's version is package.json's; TF_VERSION names the TensorFlow release followed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as tf from "tsflow";

test("tf.version.VERSION is package.json's version and TF_VERSION the TensorFlow release followed", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  assert.equal(tf.version.VERSION, pkg.version);
  assert.equal(tf.version.TF_VERSION, "2.18.0");
  assert.deepEqual(Object.keys(tf.version).sort(), ["TF_VERSION", "VERSION"]);
});
