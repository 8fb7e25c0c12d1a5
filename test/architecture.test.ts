// The code's shape, checked on the sources: the layers of src/ import only downwards, no
// files import each other in a circle, and every error message is built by a function in
// src/errors/ (the README's "Architecture" section draws the layers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

// dist-test/test/architecture.test.js → the repository's src/.
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Layers from the bottom; a file may import its own layer or lower ones. */
const LAYERS: readonly (readonly string[])[] = [
  ["errors/errors.ts", "errors/core_messages.ts"], // classes and core's texts: import nothing
  ["core/"],
  ["errors/"],
  ["format/"],
  ["ops/"],
  ["devices/"],
  ["runtime/"],
  ["api/ops/"],
  ["autodiff/"],
  ["api/"],
  ["random/"], // tf.random: ops over api/ (the Generator's state is a Variable)
  ["nn/"], // tf.nn: composites over api/ops/ and random/ (dropout)
  ["io/"],
  ["train/"],
  ["module/"], // tf.Module: a trackable container over api/ and train/ (deferred restoration)
  ["data/"], // tf.data: input pipelines over api/, random/ and io/; iterators checkpoint through train/
  ["index.ts"],
];

function layerOf(file: string): number {
  // The most specific prefix wins (api/ops/ before api/, errors/errors.ts before errors/).
  let best = -1, bestLength = -1;
  LAYERS.forEach((prefixes, i) => {
    for (const p of prefixes) {
      if ((file === p || file.startsWith(p)) && p.length > bestLength) { best = i; bestLength = p.length; }
    }
  });
  if (best < 0) throw new Error(`${file} is in no layer: add its folder to LAYERS`);
  return best;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Every module a file imports (value and type imports, re-exports, side-effect imports). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\b[^;'"]*?(?:from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith(".")) continue;
    out.push(relative(SRC, normalize(join(dirname(path), spec))).replace(/\.js$/, ".ts"));
  }
  return out;
}

const available = existsSync(SRC);
const skip = available ? false : "the sources (src/) are not beside dist-test/";
const files = available ? sourceFiles(SRC).map((p) => relative(SRC, p)).sort() : [];
const graph = new Map(files.map((f) => [f, importsOf(join(SRC, f)).filter((t) => files.includes(t))]));

test("every import of src/ runs to the same layer or below", { skip }, () => {
  const upward: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (layerOf(to) > layerOf(from)) upward.push(`${from} -> ${to}`);
    }
  }
  assert.deepEqual(upward, []);
});

test("no files of src/ import each other in a circle", { skip }, () => {
  // Tarjan's strongly connected components; any component of two or more files is a circle.
  let index = 0;
  const indices = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(component.sort());
    }
  };
  for (const f of files) if (!indices.has(f)) visit(f);
  assert.deepEqual(circles, []);
});

test("error messages are built by functions in src/errors/, never written inline", { skip }, () => {
  // An error constructed with a string or template literal, possibly on the next line.
  const inline = /new\s+[A-Za-z]*Error\(\s*[`'"]/g;
  const found: string[] = [];
  for (const f of files) {
    if (f.startsWith("errors/")) continue;
    const text = readFileSync(join(SRC, f), "utf8");
    for (const m of text.matchAll(inline)) {
      const line = text.slice(0, m.index).split("\n").length;
      found.push(`${f}:${line}`);
    }
  }
  assert.deepEqual(found, []);
});

test("no message text is written twice in src/errors/", { skip }, () => {
  // Every template or string of the message files, placeholders blanked, long enough to be a
  // message: one situation, one function, so the same text never appears in two.
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  for (const f of files.filter((x) => x.startsWith("errors/") && x !== "errors/errors.ts")) {
    const text = readFileSync(join(SRC, f), "utf8").replace(/^\s*(\/\/|\*|\/\*).*$/gm, "");
    for (const m of text.matchAll(/`([^`]*)`|"([^"\n]*)"/g)) {
      const template = (m[1] ?? m[2]!).replace(/\$\{[^}]*\}/g, "{}").trim();
      if (template.replace(/\{\}/g, " ").trim().split(/\s+/).length < 4) continue;
      const where = seen.get(template);
      if (where !== undefined) repeated.push(`"${template}" in ${where} and ${f}`);
      else seen.set(template, f);
    }
  }
  assert.deepEqual(repeated, []);
});
