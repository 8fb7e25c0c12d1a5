// tf.clipByValue, tf.clipByNorm, tf.clipByGlobalNorm, tf.linalg.globalNorm, tf.norm and
// tf.linalg.svd: TensorFlow's docstring examples, numbers against numpy (np.clip,
// np.linalg.norm for each ord/axis/keepdims, np.linalg.svd), TensorFlow's error classes and
// messages, and float64 finite-difference gradients.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpy, numpyAvailable } from "./helpers/array_oracle.js";
import { decodeArray, encodeArray, runPython, type RawArray } from "./helpers/numpy_oracle.js";
import { checkGradients } from "./helpers/finite_difference.js";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;
const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";
const rng = mulberry32(1414);
function rand(dims: number[], dtype: "float32" | "float64" = "float64", lo = -2, hi = 2): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()), "float64", dims).cast(dtype);
}
function randComplex(dims: number[], dtype: "complex64" | "complex128" = "complex128"): T {
  const re = rand(dims), im = rand(dims);
  const c = tf.complex(re, im);
  return dtype === "complex128" ? c : tf.cast(c, "complex64");
}
const vals = (t: T): number[] => Array.from(t.numpy().data as ArrayLike<number>, Number);
function close(t: T, want: number[], tol = 1e-12): void {
  const got = vals(t);
  assert.equal(got.length, want.length, `${got} vs ${want}`);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) <= tol * Math.max(1, Math.abs(want[i]!)) || (Number.isNaN(g) && Number.isNaN(want[i]!)), `${i}: ${g} vs ${want[i]}`));
}
/**
 * numpy checks gathered and run in one python3 process (starting one per check would cost most
 * of this file's time): `close` (same dtype and shape, values within rtol/atol, NaNs equal) and
 * `same` (exactly numpy's values), each `expr` over a0, a1, … bound to its inputs.
 */
class Oracle {
  private readonly cases: { actual: T; expr: string; inputs: T[]; rtol: number; atol: number }[] = [];
  close(actual: T, expr: string, inputs: T[], rtol = 1e-6, atol = 0): void { this.cases.push({ actual, expr, inputs, rtol, atol }); }
  same(actual: T, expr: string, ...inputs: T[]): void { this.close(actual, expr, inputs, 0, 0); }
  check(): void {
    const raw = (t: T): RawArray => ({ dtype: t.dtype.name, shape: [...t.dims], data: t.numpy().data as ArrayBufferView });
    const script = `
out = []
for case in INPUT:
    env = {'np': np}
    for i, e in enumerate(case['inputs']): env['a%d' % i] = dec(e)
    out.append(enc(np.asarray(eval(case['expr'], env))))
print(json.dumps(out))
`;
    const results = runPython(script, this.cases.map((c) => ({ expr: c.expr, inputs: c.inputs.map((t) => encodeArray(raw(t))) }))) as Parameters<typeof decodeArray>[0][];
    results.map(decodeArray).forEach((want, k) => {
      const { actual, expr, rtol, atol } = this.cases[k]!;
      assert.equal(actual.dtype.name, want.dtype, `dtype of ${expr}`);
      assert.deepEqual([...actual.dims], want.shape, `shape of ${expr}`);
      const got = Array.from(actual.numpy().data as ArrayLike<number>, Number);
      const w = Array.from(want.data as unknown as ArrayLike<number>, Number);
      got.forEach((g, i) => assert.ok(Object.is(g, w[i]) || Math.abs(g - w[i]!) <= atol + rtol * Math.abs(w[i]!) || (Number.isNaN(g) && Number.isNaN(w[i]!)),
        `${expr}, element ${i}: ${g} vs numpy ${w[i]}`));
    });
  }
}

/** `f` throws `cls` with exactly `message`. */
function raises(f: () => unknown, cls: new (...a: never[]) => Error, message: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof cls, `${String(e)} is a ${cls.name}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}
/** Gradients of `f` at `xs` (watched) on one tape. */
function gradients(f: (...xs: T[]) => T, xs: T[]): (T | null)[] {
  const tape = new tf.GradientTape();
  const y = tape.record(() => { tape.watch(xs); return f(...xs); });
  return tape.gradient(y, xs) as (T | null)[];
}

describe("tf.clipByValue", () => {
  test("TensorFlow's docstring examples", () => {
    const t = tf.constant([[-10, -1, 0], [0, 2, 10]]);
    assert.equal(tf.clipByValue(t, -1, 1).numpy().repr(), "array([[-1., -1.,  0.],\n       [ 0.,  1.,  1.]], dtype=float32)");
    const t2 = tf.constant([[-1, 0, 10], [-1, 0, 10]]);
    assert.equal(tf.clipByValue(t2, [[2], [1]], 100).numpy().repr(), "array([[ 2.,  2., 10.],\n       [ 1.,  1., 10.]], dtype=float32)");
    raises(() => tf.clipByValue(t2, [[[2, 1]]], 100), tf.errors.InvalidArgumentError, "Incompatible shapes: [2,3] vs. [1,1,2] [Op:Maximum]");
    const ints = tf.constant([[1, 2], [3, 4]], "int32");
    raises(() => tf.clipByValue(ints, -3.1, 3.1), tf.errors.TypeError, "Cannot convert 3.1 to EagerTensor of dtype int32");
    // Integer bounds on integer tensors (the docstring's A, B).
    const a = tf.constant([[1, 20, 13], [3, 21, 13]], "int32");
    assert.deepEqual(tf.clipByValue(a, 0, 3).numpy().tolist(), [[1, 3, 3], [3, 3, 3]]);
  });

  test("matches np.clip for float32, float64 and int32, scalar and broadcast bounds, NaN", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dtype of ["float32", "float64"] as const) {
      const x = rand([3, 4], dtype), lo = rand([4], dtype, -1.5, -0.5), hi = rand([3, 1], dtype, 0.5, 1.5);
      o.same(tf.clipByValue(x, lo, hi), "np.clip(a0, a1, a2)", x, lo, hi);
      o.same(tf.clipByValue(x, -0.5, 0.75), `np.clip(a0, np.${dtype}(-0.5), np.${dtype}(0.75))`, x);
    }
    const n = tf.constant([NaN, -Infinity, Infinity, 0.5]);
    o.same(tf.clipByValue(n, -1, 1), "np.clip(a0, np.float32(-1), np.float32(1))", n);
    const i = tf.constant(new Int32Array([-7, -1, 0, 3, 9, 100]));
    o.same(tf.clipByValue(i, -2, 5), "np.clip(a0, np.int32(-2), np.int32(5))", i);
    o.check();
  });

  test("bounds that would enlarge t raise TensorFlow's ValueError; mixed dtypes its InvalidArgumentError", () => {
    raises(() => tf.clipByValue(tf.constant([1, 2, 3]), [[1], [2]], 100), tf.errors.ValueError, "Shapes (3,) and (2, 3) are incompatible");
    raises(() => tf.clipByValue(tf.constant([1, 2, 3]), 0, [[1], [2]]), tf.errors.ValueError, "Shapes (3,) and (2, 3) are incompatible");
    raises(() => tf.clipByValue(tf.constant([1, 2], "int32"), 0, tf.constant(1)), tf.errors.InvalidArgumentError,
      "cannot compute Minimum as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:Minimum]");
  });

  test("IndexedSlices in, IndexedSlices out (indices and dense shape kept)", () => {
    const s = new tf.IndexedSlices(tf.constant([[-3, 0.5], [2, 9]]), [2, 0], [4, 2]);
    const c = tf.clipByValue(s, -1, 1);
    assert.ok(c instanceof tf.IndexedSlices);
    assert.deepEqual((c.values as T).numpy().tolist(), [[-1, 0.5], [1, 1]]);
    assert.deepEqual(c.indices.numpy().tolist(), [2, 0]);
    assert.deepEqual(c.denseShape!.numpy().tolist(), [4, 2]);
  });

  test("gradients flow as through Minimum then Maximum (ties to t), finite differences in float64", () => {
    const t = tf.constant([-2, -1, 0, 1, 2], "float64");
    const lo = tf.constant(-1, "float64"), hi = tf.constant(1, "float64");
    const [dt, dlo, dhi] = gradients((a, b, c) => tf.reduceSum(tf.clipByValue(a!, b!, c!)), [t, lo, hi]);
    assert.deepEqual(vals(dt!), [0, 1, 1, 1, 0]);
    assert.equal(dlo!.numpy().item(), 1);
    assert.equal(dhi!.numpy().item(), 1);
    checkGradients((a, b, c) => tf.clipByValue(a!, b!, c!), [rand([3, 4]), rand([4], "float64", -1.5, -0.5), rand([3, 1], "float64", 0.5, 1.5)]);
  });
});

describe("tf.clipByNorm", () => {
  test("TensorFlow's docstring example, to the printed digit", () => {
    const someNums = tf.constant([[1, 2, 3, 4, 5]]);
    assert.equal(tf.clipByNorm(someNums, 2.0).numpy().repr(),
      "array([[0.26967996, 0.5393599 , 0.80903983, 1.0787199 , 1.3483998 ]],\n      dtype=float32)");
  });

  test("t * c / max(l2norm over axes, c) against numpy, float32 and float64, every axes form", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dtype of ["float32", "float64"] as const) {
      const x = rand([3, 4, 2], dtype);
      const rtol = dtype === "float32" ? 2e-6 : 1e-14;
      for (const [axes, py] of [[undefined, "None"], [1, "(1,)"], [[0, 2], "(0, 2)"], [-1, "(-1,)"]] as const) {
        for (const c of [0.5, 100]) {
          const expr = `(a0.astype(np.float64) * ${c} / np.maximum(np.sqrt(np.sum(a0.astype(np.float64)**2, axis=${py}, keepdims=True)), ${c})).astype(a0.dtype)`;
          o.close(tf.clipByNorm(x, c, axes as tf.ReductionAxis), expr, [x], rtol, 1e-7);
        }
      }
    }
    o.check();
  });

  test("a zero tensor stays zero with zero-free gradients; negative clip norms count as 0; tensor clip norms are cast", () => {
    const z = tf.zeros([3], "float64");
    assert.deepEqual(vals(tf.clipByNorm(z, 1)), [0, 0, 0]);
    const [dz] = gradients((a) => tf.reduceSum(tf.clipByNorm(a!, 1)), [z]);
    assert.deepEqual(vals(dz!), [1, 1, 1]);
    assert.deepEqual(vals(tf.clipByNorm(tf.constant([3, 4]), -2)), [0, 0]);
    const c = tf.clipByNorm(tf.constant([3, 4]), tf.constant(1, "float64"));
    assert.equal(c.dtype.name, "float32");
    close(c, [0.6, 0.8], 1e-7);
    assert.deepEqual(vals(tf.clipByNorm(tf.constant([3, 4]), tf.constant(-1))), [0, 0]);
  });

  test("integer and complex inputs raise TensorFlow's errors; shape-changing clip norms its ValueError", () => {
    raises(() => tf.clipByNorm(tf.constant([1, 2], "int32"), 1), tf.errors.InvalidArgumentError,
      "Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128 [Op:Sqrt]");
    assert.throws(() => tf.clipByNorm(tf.complex(tf.constant([1]), tf.constant([1])), 1), tf.errors.InvalidArgumentError);
    raises(() => tf.clipByNorm(tf.constant([1, 2, 3]), [[1], [2]]), tf.errors.ValueError, "Shapes (3,) and (2, 3) are incompatible");
  });

  test("IndexedSlices in, IndexedSlices out", () => {
    const s = new tf.IndexedSlices(tf.constant([[3, 4], [0, 0]]), [1, 3], [5, 2]);
    const c = tf.clipByNorm(s, 1, 1);
    assert.ok(c instanceof tf.IndexedSlices);
    close(c.values as T, [0.6, 0.8, 0, 0], 1e-7);
    assert.deepEqual(c.indices.numpy().tolist(), [1, 3]);
    assert.deepEqual(c.denseShape!.numpy().tolist(), [5, 2]);
  });

  test("float64 finite-difference gradients (clipped and unclipped, per axis)", () => {
    const x = rand([3, 4]);
    checkGradients((a) => tf.clipByNorm(a!, 0.5), [x]);
    checkGradients((a) => tf.clipByNorm(a!, 100), [x]);
    checkGradients((a) => tf.clipByNorm(a!, 1.2, 1), [x]);
    checkGradients((a, c) => tf.clipByNorm(a!, c!, 0), [x, tf.constant(0.7, "float64")]);
  });
});

describe("tf.clipByGlobalNorm and tf.linalg.globalNorm", () => {
  test("TensorFlow's formula against numpy, null entries kept, IndexedSlices entries, the norm returned", { skip: noNumpy }, () => {
    const o = new Oracle();
    const a = rand([3, 2], "float32"), b = rand([4], "float32"), sv = rand([2, 2], "float32");
    const slices = new tf.IndexedSlices(sv, [0, 3], [5, 2]);
    const gn = "np.sqrt(np.sum(a0.astype(np.float64)**2) + np.sum(a1.astype(np.float64)**2) + np.sum(a2.astype(np.float64)**2))";
    o.close(tf.linalg.globalNorm([a, null, b, slices]), `np.float32(${gn})`, [a, b, sv], 1e-6);
    for (const c of [0.5, 50]) {
      const [list, norm] = tf.clipByGlobalNorm([a, null, b, slices], c);
      assert.equal(list.length, 4);
      assert.equal(list[1], null);
      o.close(norm, `np.float32(${gn})`, [a, b, sv], 1e-6);
      const scale = `${c} / max(${gn}, ${c})`;
      o.close(list[0] as T, `(a0 * ${scale}).astype(np.float32)`, [a, b, sv], 2e-6);
      o.close(list[2] as T, `(a1 * ${scale}).astype(np.float32)`, [a, b, sv], 2e-6);
      const s = list[3] as tf.IndexedSlices;
      assert.ok(s instanceof tf.IndexedSlices);
      o.close(s.values as T, `(a2 * ${scale}).astype(np.float32)`, [a, b, sv], 2e-6);
      assert.deepEqual(s.indices.numpy().tolist(), [0, 3]);
      assert.deepEqual(s.denseShape!.numpy().tolist(), [5, 2]);
    }
    o.check();
  });

  test("the clipped list is typed entry by entry (tuples stay tuples)", () => {
    const slices = new tf.IndexedSlices(tf.constant([[1, 1]]), [0], [2, 2]);
    const [[t, none, s], norm] = tf.clipByGlobalNorm([tf.constant([3, 4]), null, slices], 1);
    const typed: [tf.Tensor, null, tf.IndexedSlices, tf.Tensor] = [t, none, s, norm];
    assert.ok(typed[0] instanceof tf.Tensor && typed[1] === null && typed[2] instanceof tf.IndexedSlices);
    const many: tf.Tensor[] = tf.clipByGlobalNorm([tf.constant(1), tf.constant(2)] as tf.Tensor[], 1)[0];
    assert.equal(many.length, 2);
  });

  test("useNorm replaces the global norm and is returned as given; mixed dtypes clip with it", () => {
    const useNorm = tf.constant(10, "float64");
    const [list, norm] = tf.clipByGlobalNorm([tf.constant([3, 4]), tf.constant([6, 8], "float64")], 5, useNorm);
    assert.equal(norm, useNorm);
    assert.equal((list[0] as T).dtype.name, "float32");
    close(list[0] as T, [1.5, 2]);
    close(list[1] as T, [3, 4]);
  });

  test("an infinite or NaN global norm makes every value NaN; an empty list has norm 0", () => {
    const [list, norm] = tf.clipByGlobalNorm([tf.constant([Infinity, 1]), tf.constant([2])], 1);
    assert.equal(norm.numpy().item(), Infinity);
    assert.ok(vals(list[0] as T).every(Number.isNaN));
    assert.ok(vals(list[1] as T).every(Number.isNaN));
    const [nanList] = tf.clipByGlobalNorm([tf.constant([1])], 1, NaN);
    assert.ok(Number.isNaN(vals(nanList[0] as T)[0]!));
    const empty = tf.linalg.globalNorm([]);
    assert.equal(empty.dtype.name, "float32");
    assert.equal(empty.numpy().item(), 0);
    assert.equal(tf.linalg.globalNorm([null]).numpy().item(), 0);
    const [none, n0] = tf.clipByGlobalNorm([null], 1);
    assert.deepEqual(none, [null]);
    assert.equal(n0.numpy().item(), 0);
  });

  test("t_list that is not a sequence raises TensorFlow's TypeError; bad dtypes raise the ops' errors", () => {
    const msg = (cls: string) => `\`t_list\` should be a sequence of tensors. Received <class '${cls}'>.`;
    const notList = (v: unknown) => v as tf.TensorList;
    raises(() => tf.clipByGlobalNorm(notList(tf.constant([1])), 1), tf.errors.TypeError, msg("tensorflow.python.framework.ops.EagerTensor"));
    raises(() => tf.linalg.globalNorm(notList(tf.constant([1]))), tf.errors.TypeError, msg("tensorflow.python.framework.ops.EagerTensor"));
    raises(() => tf.clipByGlobalNorm(notList("abc"), 1), tf.errors.TypeError, msg("str"));
    raises(() => tf.clipByGlobalNorm(notList(3), 1), tf.errors.TypeError, msg("int"));
    raises(() => tf.clipByGlobalNorm(notList({ a: tf.constant(1) }), 1), tf.errors.TypeError, msg("dict"));
    raises(() => tf.clipByGlobalNorm(notList(null), 1), tf.errors.TypeError, msg("NoneType"));
    raises(() => tf.linalg.globalNorm([tf.constant([1, 2], "int32")]), tf.errors.InvalidArgumentError,
      "Value for attr 'T' of int32 is not in the list of allowed values: half, bfloat16, float, double [Op:L2Loss]");
    raises(() => tf.linalg.globalNorm([tf.constant([1]), tf.constant([1], "float64")]), tf.errors.InvalidArgumentError,
      "cannot compute Pack as input #1(zero-based) was expected to be a float tensor but is a double tensor [Op:Pack]");
    raises(() => tf.clipByGlobalNorm([tf.constant([1], "float64")], tf.constant(1)), tf.errors.TypeError,
      "`x` and `y` must have the same dtype, got tf.float64 != tf.float32.");
  });

  test("float64 finite-difference gradients through the global norm", () => {
    const a = rand([2, 3]), b = rand([4]);
    for (const c of [0.3, 100]) {
      checkGradients((x, y) => { const [l] = tf.clipByGlobalNorm([x!, y!], c); return tf.concat([tf.reshape(l[0] as T, [-1]), l[1] as T], 0); }, [a, b]);
    }
    checkGradients((x, y) => tf.linalg.globalNorm([x!, null, y!]), [a, b]);
  });
});

describe("tf.norm", () => {
  const VECTOR_ORDS: [tf.NormOrd, string][] = [["euclidean", "2"], [1, "1"], [2, "2"], [Infinity, "np.inf"], [3.5, "3.5"], [0.5, "0.5"]];

  test("vector norms against np.linalg.norm: every ord, axis null or an integer, keepdims, float32/float64", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dtype of ["float32", "float64"] as const) {
      const x = rand([3, 4], dtype), rtol = dtype === "float32" ? 3e-6 : 1e-13;
      for (const [ord, py] of VECTOR_ORDS) {
        for (const keepdims of [false, true]) {
          const kd = keepdims ? "True" : "False";
          o.close(tf.norm(x, ord, null, keepdims),
            `np.linalg.norm(a0.astype(np.float64).ravel(), ${py}).reshape(${keepdims ? "(1, 1)" : "()"}).astype(a0.dtype)`, [x], rtol);
          for (const axis of [0, 1, -1]) {
            o.close(tf.norm(x, ord, axis, keepdims),
              `np.linalg.norm(a0.astype(np.float64), ${py}, axis=${axis}, keepdims=${kd}).astype(a0.dtype)`, [x], rtol);
          }
        }
      }
    }
    o.check();
  });

  test("matrix norms against np.linalg.norm: 'fro', 'euclidean', 1, Infinity, 2 over axis pairs, batched, keepdims", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dtype of ["float32", "float64"] as const) {
      const x = rand([2, 3, 4], dtype), rtol = dtype === "float32" ? 3e-6 : 1e-12;
      for (const [ord, py] of [["fro", "'fro'"], ["euclidean", "'fro'"], [1, "1"], [Infinity, "np.inf"], [2, "2"]] as const) {
        for (const axis of [[1, 2], [-2, -1], [2, 1], [0, 2], [2, 0]] as const) {
          for (const keepdims of [false, true]) {
            o.close(tf.norm(x, ord, axis, keepdims),
              `np.linalg.norm(a0.astype(np.float64), ${py}, axis=(${axis.join(", ")}), keepdims=${keepdims ? "True" : "False"}).astype(a0.dtype)`, [x], rtol);
          }
        }
      }
      // A plain matrix, and the options-object call shape.
      const m = rand([5, 3], dtype);
      o.close(tf.norm(m, { ord: 2, axis: [0, 1] }), "np.linalg.norm(a0.astype(np.float64), 2).astype(a0.dtype)", [m], rtol);
      o.close(tf.linalg.norm(m, { axis: [-2, -1], keepdims: true }), "np.linalg.norm(a0.astype(np.float64), keepdims=True).astype(a0.dtype)", [m], rtol);
    }
    o.check();
  });

  test("complex inputs: euclidean norms stay complex (sqrt of sum x·conj(x)), the others are real", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dtype of ["complex64", "complex128"] as const) {
      const x = randComplex([3, 4], dtype), rtol = dtype === "complex64" ? 3e-6 : 1e-13;
      const real = dtype === "complex64" ? "np.float32" : "np.float64";
      o.close(tf.norm(x), `np.linalg.norm(a0.astype(np.complex128).ravel()).astype(a0.dtype)`, [x], rtol);
      o.close(tf.norm(x, "euclidean", 1), `np.linalg.norm(a0.astype(np.complex128), axis=1).astype(a0.dtype)`, [x], rtol);
      for (const [ord, py] of [[1, "1"], [Infinity, "np.inf"], [3, "3"]] as const) {
        o.close(tf.norm(x, ord, 0), `np.linalg.norm(a0.astype(np.complex128), ${py}, axis=0).astype(${real})`, [x], rtol);
      }
      for (const [ord, py] of [[1, "1"], [Infinity, "np.inf"], [2, "2"]] as const) {
        o.close(tf.norm(x, ord, [0, 1]), `np.linalg.norm(a0.astype(np.complex128), ${py}).astype(${real})`, [x], rtol);
      }
    }
    o.check();
  });

  test("TensorFlow's ValueErrors for bad ord and axis (its texts)", () => {
    const m = tf.constant([[0, 1], [2, 3]]);
    for (const [ord, shown] of [["fro", "fro"], [-7, "-7"], [-1.1, "-1.1"], [0, "0"], [-Infinity, "-inf"], ["foo", "foo"]] as const) {
      raises(() => tf.norm(m, ord as tf.NormOrd), tf.errors.ValueError, `'ord' must be a supported vector norm, got ${shown}`);
      raises(() => tf.norm(m, ord as tf.NormOrd, 0), tf.errors.ValueError, `'ord' must be a supported vector norm, got ${shown}`);
    }
    for (const [ord, shown] of [["foo", "foo"], [-7, "-7"], [-1.1, "-1.1"], [1.1, "1.1"], [3, "3"]] as const) {
      raises(() => tf.norm(m, ord as tf.NormOrd, [0, 1]), tf.errors.ValueError,
        `'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got ${shown}`);
    }
    const axisMsg = (shown: string) => `'axis' must be None, an integer, or a tuple of 2 unique integers, got ${shown}`;
    const bad = (a: unknown) => a as tf.NormAxis;
    raises(() => tf.norm(m, "euclidean", bad([0, 1, 2])), tf.errors.ValueError, axisMsg("[0, 1, 2]"));
    raises(() => tf.norm(m, "euclidean", bad([0])), tf.errors.ValueError, axisMsg("[0]"));
    raises(() => tf.norm(m, "euclidean", [1, 1]), tf.errors.ValueError, axisMsg("(1, 1)"));
    raises(() => tf.norm(m, "euclidean", bad([0, 0.5])), tf.errors.ValueError, axisMsg("(0, 0.5)"));
    raises(() => tf.norm(m, "euclidean", bad(1.5)), tf.errors.ValueError, axisMsg("1.5"));
    raises(() => tf.norm(m, "euclidean", bad("a")), tf.errors.ValueError, axisMsg("a"));
    // Integer tensors: the euclidean norm raises Sqrt's error, ord 1 and Infinity work.
    const i = tf.constant([[1, -2], [3, 4]], "int32");
    assert.throws(() => tf.norm(i), tf.errors.InvalidArgumentError);
    assert.deepEqual(tf.norm(i, 1, 1).numpy().tolist(), [3, 7]);
    assert.equal(tf.norm(i, Infinity).numpy().item(), 4);
  });

  test("float64 finite-difference gradients for every ord; the euclidean norm's gradient at 0 is NaN as TensorFlow's", () => {
    const x = rand([3, 4]);
    for (const ord of ["euclidean", 1, 2, Infinity, 3, 0.7] as const) {
      checkGradients((a) => tf.norm(a!, ord), [x]);
      checkGradients((a) => tf.norm(a!, ord, 1), [x]);
      checkGradients((a) => tf.norm(a!, ord, -2, true), [x]);
    }
    for (const ord of ["fro", 1, Infinity, 2] as const) {
      checkGradients((a) => tf.norm(a!, ord, [0, 1]), [x]);
      checkGradients((a) => tf.norm(a!, ord, [-1, -2], true), [x]);
    }
    checkGradients((a) => tf.norm(a!, 2, [1, 2]), [rand([2, 3, 2])]);
    const [g0] = gradients((a) => tf.norm(a!), [tf.zeros([3], "float64")]);
    assert.ok(vals(g0!).every(Number.isNaN));
  });
});

describe("tf.linalg.svd", () => {
  /** u · diag(s) · vᴴ. */
  const rebuild = (s: T, u: T, v: T) => tf.matmul(tf.multiply(u, tf.cast(tf.expandDims(s, -2), u.dtype)), v, { adjointB: true });

  test("singular values match np.linalg.svd; u diag(s) vᴴ rebuilds the input; u and v are orthonormal", { skip: noNumpy }, () => {
    const o = new Oracle();
    for (const dims of [[4, 3], [3, 4], [3, 3], [2, 5, 2], [1, 1], [6, 1]]) {
      for (const dtype of ["float64", "float32", "complex128", "complex64"] as const) {
        const a = dtype.startsWith("complex") ? randComplex(dims, dtype as "complex64" | "complex128") : rand(dims, dtype as "float32" | "float64");
        const single = dtype === "float32" || dtype === "complex64";
        const tol = single ? 2e-5 : 1e-12;
        const real = single ? "np.float32" : "np.float64";
        const s = tf.linalg.svd(a, { computeUv: false });
        o.close(s, `np.linalg.svd(a0.astype(np.complex128), compute_uv=False).astype(${real})`, [a], tol, tol);
        for (const fullMatrices of [false, true]) {
          const [s2, u, v] = tf.linalg.svd(a, { fullMatrices });
          assert.equal(s2.dtype.name, single ? "float32" : "float64");
          const p = Math.min(dims.at(-1)!, dims.at(-2)!);
          const cols = (t: T) => tf.slice(t, t.dims.map(() => 0), [...t.dims.slice(0, -1).map(() => -1), p]);
          o.close(rebuild(s2, cols(u), cols(v)), "a0", [a], 0, 10 * tol);
          for (const q of [u, v]) {
            const n = q.dims.at(-1)!;
            const eye = tf.cast(tf.eye(n, null, { batchShape: q.dims.slice(0, -2), dtype: single ? "float32" : "float64" }), q.dtype);
            close(tf.subtract(tf.matmul(q, q, { adjointA: true }), eye), new Array(eye.size * (q.dtype.isComplex ? 2 : 1)).fill(0), 10 * tol);
          }
        }
      }
    }
    o.check();
  });

  test("rank-deficient and zero matrices complete u and v to orthonormal bases", () => {
    for (const a of [tf.constant([[1, 2], [2, 4], [3, 6]], "float64"), tf.zeros([3, 2], "float64")]) {
      const [s, u, v] = tf.linalg.svd(a, { fullMatrices: true });
      assert.ok(Math.abs(vals(s)[1]!) < 1e-12);
      for (const q of [u, v]) {
        const n = q.dims.at(-1)!;
        close(tf.matmul(q, q, { adjointA: true }), vals(tf.eye(n, null, { dtype: "float64" })), 1e-12);
      }
      close(tf.matmul(tf.multiply(tf.slice(u, [0, 0], [-1, 2]), tf.expandDims(s, 0)), v, { adjointB: true }), vals(a), 1e-12);
    }
  });

  test("TensorFlow's checks (rank below 2, the dtypes Svd takes), NaN input, empty matrices", () => {
    assert.throws(() => tf.linalg.svd(tf.constant([1, 2])), tf.errors.InvalidArgumentError);
    assert.throws(() => tf.linalg.svd(tf.constant([[1, 2]], "int32")), tf.errors.InvalidArgumentError);
    // A NaN (or an infinity) anywhere makes the whole decomposition NaN; empty matrices work.
    const [s, u, v] = tf.linalg.svd(tf.constant([[NaN, 1], [2, 3]]));
    for (const t of [s, u, v]) assert.ok(vals(t).every(Number.isNaN));
    const [se, ue, ve] = tf.linalg.svd(tf.zeros([3, 0], "float64"), { fullMatrices: true });
    assert.deepEqual([se.dims, ue.dims, ve.dims], [[0], [3, 3], [0, 0]]);
    assert.deepEqual(ue.numpy().tolist(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  test("float64 finite-difference gradients of s, and of sign-free functions of u and v", () => {
    for (const dims of [[4, 3], [3, 4], [3, 3]]) {
      const a = rand(dims);
      checkGradients((x) => tf.linalg.svd(x!, { computeUv: false }), [a]);
      checkGradients((x) => tf.linalg.svd(x!)[0], [a]);
      checkGradients((x) => { const [s, u, v] = tf.linalg.svd(x!); return rebuild(s, u, v); }, [a]);
      checkGradients((x) => tf.square(tf.linalg.svd(x!)[1]), [a]);
      checkGradients((x) => tf.square(tf.linalg.svd(x!)[2]), [a]);
    }
    checkGradients((x) => tf.square(tf.linalg.svd(x!, { fullMatrices: true })[1]), [rand([3, 4])]);
  });

  test("complex gradients (through the real and imaginary parts): s, the 2-norm, |u|², |v|², the rebuilt matrix", () => {
    for (const dims of [[3, 2], [2, 3], [3, 3]]) {
      const re = rand(dims), im = rand(dims);
      const c = (r: T, i: T) => tf.complex(r, i);
      checkGradients((r, i) => tf.linalg.svd(c(r!, i!), { computeUv: false }), [re, im]);
      checkGradients((r, i) => tf.norm(c(r!, i!), 2, [0, 1]), [re, im]);
      checkGradients((r, i) => tf.square(tf.abs(tf.linalg.svd(c(r!, i!))[1])), [re, im]);
      checkGradients((r, i) => tf.square(tf.abs(tf.linalg.svd(c(r!, i!))[2])), [re, im]);
      checkGradients((r, i) => {
        const [s, u, v] = tf.linalg.svd(c(r!, i!));
        const a = rebuild(s, u, v);
        return tf.concat([tf.real(a), tf.imag(a)], 0);
      }, [re, im]);
    }
    // Vector norms of complex input: |z| with TensorFlow's ComplexAbs gradient.
    const re = rand([4]), im = rand([4]);
    for (const ord of [1, 3, Infinity] as const) checkGradients((r, i) => tf.norm(tf.complex(r!, i!), ord), [re, im]);
    checkGradients((r, i) => tf.real(tf.norm(tf.complex(r!, i!))), [re, im]);
  });
});

test("numpy oracle round trip sanity (np.linalg.norm of a float32 vector keeps float32)", { skip: noNumpy }, () => {
  const [r] = numpy("np.linalg.norm(a0)", tf.constant([3, 4]));
  assert.equal(r!.dtype, "float32");
});
