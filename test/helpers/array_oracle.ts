// numpy as the oracle for the array_* tests: evaluate a Python expression over tensors
// (a0, a1, … as numpy arrays) and get its arrays back bit for bit.
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { decodeArray, encodeArray, numpyAvailable, runPython, type RawArray } from "./numpy_oracle.js";

export { numpyAvailable };

function raw(t: tf.Tensor): RawArray {
  const a = t.numpy();
  return { dtype: t.dtype.name, shape: [...t.dims], data: a.data as ArrayBufferView };
}

/** The arrays of `expr` (one array, or a list/tuple of them) with a0, a1, … bound to `inputs`. */
export function numpy(expr: string, ...inputs: tf.Tensor[]): RawArray[] {
  const script = `
args = [dec(e) for e in INPUT]
env = {'np': np}
for i, a in enumerate(args): env['a%d' % i] = a
r = eval(${JSON.stringify(expr)}, env)
if not isinstance(r, (list, tuple)): r = [r]
print(json.dumps([enc(np.asarray(x)) for x in r]))
`;
  const out = runPython(script, inputs.map((t) => encodeArray(raw(t)))) as Parameters<typeof decodeArray>[0][];
  return out.map(decodeArray);
}

/** `actual` has exactly numpy's dtype, shape and values (NaNs equal). */
export function assertSameArray(actual: tf.Tensor, expected: RawArray, message = ""): void {
  assert.equal(actual.dtype.name, expected.dtype, `dtype ${message}`);
  assert.deepEqual([...actual.dims], expected.shape, `shape ${message}`);
  const got = Array.from(actual.numpy().data as ArrayLike<number | bigint>);
  const want = Array.from(expected.data as unknown as ArrayLike<number | bigint>);
  assert.deepEqual(got, want, `values ${message}`);
}

/** Each tensor equals the matching numpy array exactly. */
export function assertMatchesNumpy(actual: tf.Tensor | readonly tf.Tensor[], expr: string, ...inputs: tf.Tensor[]): void {
  const list = actual instanceof tf.Tensor ? [actual] : actual;
  const expected = numpy(expr, ...inputs);
  assert.equal(list.length, expected.length, "number of results");
  list.forEach((t, i) => assertSameArray(t, expected[i]!, `of result ${i} of ${expr}`));
}

/** Values within a relative tolerance of numpy's (same dtype and shape). */
export function assertCloseToNumpy(actual: tf.Tensor, expr: string, inputs: tf.Tensor[], rtol = 1e-6, atol = 0): void {
  const e = numpy(expr, ...inputs)[0]!;
  assert.equal(actual.dtype.name, e.dtype, "dtype");
  assert.deepEqual([...actual.dims], e.shape, "shape");
  const got = Array.from(actual.numpy().data as ArrayLike<number>, Number);
  const want = Array.from(e.data as unknown as ArrayLike<number>, Number);
  got.forEach((g, i) => {
    const w = want[i]!;
    assert.ok(Math.abs(g - w) <= atol + rtol * Math.abs(w) || (Number.isNaN(g) && Number.isNaN(w)), `element ${i}: ${g} vs numpy ${w}`);
  });
}
