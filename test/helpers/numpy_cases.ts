// A batch of numpy expressions evaluated in one python3 process: each case binds its inputs
// to a, b, c, … and evaluates `expr` (numpy as np); results come back as raw arrays and are
// compared with tsflow's tensors exactly (dtype, shape, values; floats within `tol`).
import assert from "node:assert/strict";
import type * as tf from "tsflow";
import { decodeArray, encodeArray, runPython, type RawArray } from "./numpy_oracle.js";

export interface NumpyCase {
  expr: string;
  inputs: tf.Tensor[];
}

/** A tensor's values as a raw array for the oracle. */
export function rawOf(t: tf.Tensor): RawArray {
  return { dtype: t.dtype.name, shape: [...t.dims], data: t.hostData() as RawArray["data"] };
}

const SCRIPT = `
out = []
for case in INPUT:
    env = {'np': np}
    for name, e in zip('abcdefgh', case['inputs']):
        env[name] = dec(e)
    out.append(enc(eval(case['expr'], env)))
print(json.dumps(out))
`;

/** Evaluate every case's expression in numpy. */
export function numpyResults(cases: readonly NumpyCase[]): RawArray[] {
  const encoded = cases.map((c) => ({ expr: c.expr, inputs: c.inputs.map((t) => encodeArray(rawOf(t))) }));
  return (runPython(SCRIPT, encoded) as Parameters<typeof decodeArray>[0][]).map(decodeArray);
}

function values(a: RawArray): (number | bigint)[] {
  return Array.from(a.data as unknown as ArrayLike<number | bigint>);
}

/** `actual` equals numpy's `expected`: dtype, shape, and values (floats within a relative `tol`; NaN = NaN). */
export function assertSameArray(actual: tf.Tensor, expected: RawArray, what: string, tol = 0): void {
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.dims], expected.shape, `${what}: shape`);
  const got = values(rawOf(actual)), want = values(expected);
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, i) => {
    const w = want[i]!;
    if (typeof g === "number" && typeof w === "number") {
      if (Number.isNaN(w)) assert.ok(Number.isNaN(g), `${what}[${i}]: ${g} is not NaN`);
      else if (tol === 0 || !Number.isFinite(w)) assert.equal(g, w, `${what}[${i}]`);
      else assert.ok(Math.abs(g - w) <= tol * Math.max(1, Math.abs(w)), `${what}[${i}]: ${g} != ${w}`);
    } else {
      assert.equal(g, w, `${what}[${i}]`);
    }
  });
}
