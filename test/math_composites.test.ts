// The math functions TensorFlow's Python layer composes from other ops (tf.math.logical_xor,
// conj, angle, scalar_mul, zero_fraction, is_non_decreasing, is_strictly_increasing), the
// InvertPermutation op, and tf.tensordot against numpy.tensordot, with TensorFlow's errors and
// float64 gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/numpy_oracle.js";
import { assertSameArray, numpyResults, type NumpyCase } from "./helpers/numpy_cases.js";
import { checkGradients, rand64 } from "./helpers/gradient_check.js";

const list = (t: tf.Tensor) => t.numpy().tolist();

test("logicalXor, conj, angle", () => {
  assert.deepEqual(list(tf.math.logicalXor([true, true, false, false], [true, false, true, false])), [false, true, true, false]);
  const z = tf.complex(tf.constant([1, 2], "float64"), tf.constant([3, -4], "float64"));
  const c = tf.math.conj(z);
  assert.equal(c.dtype.name, "complex128");
  assert.deepEqual(Array.from(c.numpy().data as Float64Array), [1, -3, 2, 4]);
  // Real and integer tensors come back unchanged (the same tensor, as TensorFlow returns x).
  const r = tf.constant([1, 2], "int32");
  assert.equal(tf.math.conj(r), r);
  assert.throws(() => tf.math.conj(tf.constant([true])), { name: "TypeError", message: "Expected numeric or variant tensor, got dtype tf.bool." });
  const a = tf.math.angle(tf.complex(tf.constant([-2.25, 3.25, 0], "float64"), tf.constant([4.75, 5.75, -1], "float64")));
  assert.equal(a.dtype.name, "float64");
  assert.deepEqual(list(a), [Math.atan2(4.75, -2.25), Math.atan2(5.75, 3.25), Math.atan2(-1, 0)]);
  assert.deepEqual(list(tf.math.angle(tf.constant([-1, 2, 0], "float64"))), [Math.PI, 0, 0]);
});

test("scalarMul, zeroFraction", () => {
  assert.deepEqual(list(tf.math.scalarMul(2, tf.constant([1, 2], "int32"))), [2, 4]);
  assert.deepEqual(list(tf.scalarMul(tf.constant(0.5), tf.constant([1, 3]))), [0.5, 1.5]);
  assert.throws(() => tf.math.scalarMul([2, 3], tf.constant([1, 2])), { name: "ValueError", message: "The input scalar must be a 0-D value. Received shape (2,)." });
  const f = tf.math.zeroFraction(tf.constant([[0, 1], [0, 3]], "int32"));
  assert.equal(f.dtype.name, "float32");
  assert.equal(f.numpy().item(), 0.5);
  assert.equal(tf.math.zeroFraction([true, false, false]).numpy().item(), Math.fround(2 / 3));
  assert.ok(Number.isNaN(tf.math.zeroFraction(tf.constant([], "float32")).numpy().item() as number));
});

test("isNonDecreasing and isStrictlyIncreasing compare adjacent elements in row-major order", () => {
  const yes = (t: tf.Tensor) => t.numpy().item();
  assert.equal(yes(tf.math.isNonDecreasing([1, 1, 2])), true);
  assert.equal(yes(tf.math.isStrictlyIncreasing([1, 1, 2])), false);
  assert.equal(yes(tf.math.isStrictlyIncreasing(tf.constant([[1, 2], [3, 4]], "int32"))), true);
  assert.equal(yes(tf.math.isNonDecreasing(tf.constant([[1, 2], [0, 4]], "int32"))), false);
  // Fewer than two elements are trivially monotonic.
  assert.equal(yes(tf.math.isNonDecreasing([5])), true);
  assert.equal(yes(tf.math.isStrictlyIncreasing(tf.constant([], "float32"))), true);
  assert.throws(() => tf.math.isNonDecreasing(tf.constant(["a", "b"])), {
    name: "TypeError", message: "Expected x to be numeric, instead found: tf.Tensor([b'a' b'b'], shape=(2,), dtype=string)",
  });
});

test("tensordot matches numpy.tensordot for integer and list axes", { skip: numpyAvailable() ? false : "python3 with numpy is not available" }, () => {
  const a = rand64([2, 3, 4]), b = rand64([4, 3, 5]), m = rand64([3, 4]), v = rand64([5]);
  const cases: [tf.Tensor, tf.Tensor, tf.TensordotAxes, string][] = [
    [m, rand64([4, 2]), 1, "1"], [a, m, 2, "2"], [m, v, 0, "0"], [a, b, [[1, 2], [1, 0]], "([1, 2], [1, 0])"],
    [a, b, [2, 0], "(2, 0)"], [a, b, [[-1], [0]], "([-1], [0])"],
    // Every axis contracted, in another order on each side: a scalar.
    [a, rand64([4, 2, 3]), [[0, 1, 2], [1, 2, 0]], "([0, 1, 2], [1, 2, 0])"],
  ];
  const np: NumpyCase[] = cases.map(([x, y, , axes]) => ({ expr: `np.tensordot(a, b, ${axes})`, inputs: [x, y] }));
  const want = numpyResults(np);
  cases.forEach(([x, y, axes], i) => assertSameArray(tf.tensordot(x, y, axes), want[i]!, np[i]!.expr, 1e-12));
  assert.deepEqual(list(tf.tensordot(tf.constant([1, 2], "int32"), tf.constant([3, 4, 5], "int32"), 0)), [[3, 4, 5], [6, 8, 10]]);
  assert.deepEqual(list(tf.linalg.tensordot(tf.constant([1, 2]), tf.constant([3, 4]), 1)), 11);
});

test("tensordot raises TensorFlow's ValueErrors and has gradients", () => {
  const a = tf.ones([2, 3]), b = tf.ones([3, 2]);
  assert.throws(() => tf.tensordot(a, b, -1), { name: "ValueError", message: "`axes` must be at least 0. Received: -1." });
  assert.throws(() => tf.tensordot(a, b, [[1], [0, 1]]), { name: "ValueError", message: "Different number of contraction axes `a` and `b`, 1 != 2." });
  assert.throws(() => tf.tensordot(a, b, 3), {
    name: "ValueError",
    message: `\`axes\` must not be larger than the number of dimensions of tensor ${String(a)}.  Received 3, vs tensor dimensions 2.`,
  });
  assert.throws(() => tf.tensordot(a, b, [1, 0, 1] as unknown as tf.TensordotAxes), { name: "ValueError", message: "`axes` must be an integer or have length 2. Received [1, 0, 1]." });
  checkGradients((x, y) => tf.tensordot(x, y, [[1, 2], [1, 0]]), [rand64([2, 3, 4]), rand64([4, 3, 2])]);
  checkGradients((x, y) => tf.tensordot(x, y, 0), [rand64([2]), rand64([3])]);
});

test("invertPermutation (InvertPermutation): TensorFlow's example, int64, and the kernel's errors", () => {
  assert.deepEqual(list(tf.math.invertPermutation([3, 4, 0, 2, 1])), [2, 4, 3, 0, 1]);
  const y = tf.math.invertPermutation(tf.constant([1n, 2n, 0n], "int64"));
  assert.equal(y.dtype.name, "int64");
  assert.deepEqual(list(y), [2n, 0n, 1n]);
  assert.throws(() => tf.math.invertPermutation([0, 2]), { name: "InvalidArgumentError", message: "2 is not between 0 and 2 [Op:InvertPermutation]" });
  assert.throws(() => tf.math.invertPermutation([0, 0]), { name: "InvalidArgumentError", message: "0 is duplicated in the input. [Op:InvertPermutation]" });
  assert.throws(() => tf.math.invertPermutation([[0]]), { name: "InvalidArgumentError", message: "invert_permutation expects a 1D vector. [Op:InvertPermutation]" });
});
