// tf.einsum against numpy.einsum (many equations: matmul, batch matmul, outer and dot products,
// transposes, traces and diagonals, sums, ellipses with broadcasting, implicit outputs, three and
// more operands) in float64, float32, int32 and complex128; TensorFlow's errors (ValueError from
// its Python layer, InvalidArgumentError from the Einsum kernel) word for word; and float64
// finite-difference gradients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { decodeArray, encodeArray, numpyAvailable, runPython, type RawArray } from "./helpers/numpy_oracle.js";
import { checkGradients } from "./helpers/finite_difference.js";
import { placementLog } from "./helpers/placement_capture.js";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;
const rng = mulberry32(20261214);
const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";

function rand(dims: readonly number[], dtype: "float64" | "float32" | "int32" | "complex128" = "float64"): T {
  const n = dims.reduce((a, b) => a * b, 1);
  if (dtype === "int32") return tf.constant(Int32Array.from({ length: n }, () => Math.floor(rng() * 7) - 3), "int32", [...dims]);
  if (dtype === "complex128") return tf.complex(rand(dims), rand(dims));
  const t = tf.constant(Float64Array.from({ length: n }, () => 2 * rng() - 1), "float64", [...dims]);
  return dtype === "float32" ? tf.cast(t, "float32") : t;
}

/** numpy.einsum of each case, in one python3 run. */
function numpyEinsum(cases: readonly (readonly [string, readonly T[]])[]): RawArray[] {
  const raw = (t: T): RawArray => ({ dtype: t.dtype.name, shape: [...t.dims], data: t.numpy().data as ArrayBufferView });
  const script = "print(json.dumps([enc(np.einsum(c['eq'], *[dec(x) for x in c['xs']])) for c in INPUT]))";
  const out = runPython(script, cases.map(([eq, xs]) => ({ eq, xs: xs.map((x) => encodeArray(raw(x))) }))) as Parameters<typeof decodeArray>[0][];
  return out.map(decodeArray);
}

// [equation, operand shapes]: every kind of label, each lowering path (plain and transposed
// matmul operands, diagonals, reductions, broadcasting), implicit outputs and several operands.
const CASES: readonly (readonly [string, readonly (readonly number[])[]])[] = [
  ["ij,jk->ik", [[3, 4], [4, 5]]],
  ["ij,jk", [[3, 4], [4, 5]]],
  ["ij,kj->ik", [[3, 4], [5, 4]]],
  ["ji,jk->ik", [[4, 3], [4, 5]]],
  ["ji,kj->ki", [[4, 3], [5, 4]]],
  ["ij,jk->ki", [[3, 4], [4, 5]]],
  ["bij,bjk->bik", [[2, 3, 4], [2, 4, 5]]],
  ["bij,bkj->bki", [[2, 3, 4], [2, 5, 4]]],
  ["ibj,jbk->bik", [[3, 2, 4], [4, 2, 5]]],
  ["bhqd,bhkd->bhqk", [[2, 3, 4, 5], [2, 3, 6, 5]]],
  ["bhqk,bhkd->bhqd", [[2, 3, 4, 6], [2, 3, 6, 5]]],
  ["i,j->ij", [[3], [4]]],
  ["i,jk->ijk", [[2], [3, 4]]],
  ["i,i->", [[5], [5]]],
  ["i,i", [[5], [5]]],
  ["ij,ij->ij", [[3, 4], [3, 4]]],
  ["ij,ij->", [[3, 4], [3, 4]]],
  ["ijk,ijk->i", [[2, 3, 4], [2, 3, 4]]],
  ["ij,j->i", [[3, 4], [4]]],
  ["j,ij->i", [[4], [3, 4]]],
  ["ab,cd->", [[2, 3], [4, 5]]],
  ["ab,cd->da", [[2, 3], [4, 5]]],
  ["ij->ji", [[3, 4]]],
  ["ijk->kij", [[2, 3, 4]]],
  ["ji", [[3, 4]]],
  ["ij", [[3, 4]]],
  ["ij->", [[3, 4]]],
  ["ij->i", [[3, 4]]],
  ["ij->j", [[3, 4]]],
  ["ijk->ik", [[2, 3, 4]]],
  ["ijk->ki", [[2, 3, 4]]],
  ["ii", [[4, 4]]],
  ["ii->i", [[4, 4]]],
  ["ii->", [[4, 4]]],
  ["iij->j", [[3, 3, 4]]],
  ["iji->ij", [[3, 4, 3]]],
  ["iii->i", [[3, 3, 3]]],
  ["iijj->ij", [[2, 2, 3, 3]]],
  ["ijij->", [[2, 3, 2, 3]]],
  ["ii,jj->ij", [[3, 3], [2, 2]]],
  ["ii,ij->j", [[3, 3], [3, 4]]],
  ["bii->bi", [[2, 3, 3]]],
  ["aBc,cD->aBD", [[2, 3, 4], [4, 5]]],
  ["Zb,ba", [[2, 3], [3, 4]]],
  [" ij , jk -> ik ", [[2, 3], [3, 2]]],
  ["bij,bjk->bik", [[0, 2, 3], [0, 3, 4]]],
  ["...ij,...jk->...ik", [[0, 2, 3], [1, 3, 4]]],
  ["ij,jk->ik", [[2, 0], [0, 3]]],
  ["ij->j", [[0, 3]]],
  ["iij->j", [[0, 0, 2]]],
  ["...ij,...jk->...ik", [[2, 1, 3, 4], [5, 4, 2]]],
  ["...ij,...jk->...ik", [[3, 4], [4, 2]]],
  ["...ij,jk->...ik", [[2, 3, 4], [4, 5]]],
  ["ij,...jk->...ik", [[3, 4], [2, 4, 5]]],
  ["...ij->...ji", [[2, 3, 4]]],
  ["...ij", [[2, 3, 4]]],
  ["...ii->...i", [[2, 3, 3]]],
  ["...i,...i->...", [[3, 4], [1, 4]]],
  ["i...,i...->...", [[3, 2, 1], [3, 4]]],
  ["ij...->...", [[2, 3, 4, 5]]],
  ["i...j,j...k->...ik", [[2, 3, 4], [4, 3, 5]]],
  ["...,...->...", [[2, 3], [3]]],
  [",->", [[], []]],
  ["i,->i", [[4], []]],
  ["->", [[]]],
  ["bn,anm,bm->ba", [[2, 3], [4, 3, 5], [2, 5]]],
  ["ij,jk,kl->il", [[2, 3], [3, 4], [4, 5]]],
  ["ij,jk,kl", [[2, 3], [3, 4], [4, 5]]],
  ["ab,bc,cd,de->ae", [[2, 3], [3, 4], [4, 2], [2, 3]]],
  ["i,j,k->ijk", [[2], [3], [4]]],
  ["i,i,i->", [[5], [5], [5]]],
  ["...ij,...jk,...kl->...il", [[2, 2, 3], [3, 4], [1, 4, 2]]],
];

function compare(dtype: "float64" | "float32" | "int32" | "complex128", rtol: number): void {
  const inputs = CASES.map(([, shapes]) => shapes.map((s) => rand(s, dtype)));
  const expected = numpyEinsum(CASES.map(([eq], i) => [eq, inputs[i]!]));
  CASES.forEach(([eq], i) => {
    const got = tf.einsum(eq, ...inputs[i]!);
    const want = expected[i]!;
    const at = `${eq} (${dtype})`;
    assert.equal(got.dtype.name, want.dtype, `dtype of ${at}`);
    assert.deepEqual([...got.dims], want.shape, `shape of ${at}`);
    const g = Array.from(got.numpy().data as ArrayLike<number>), w = Array.from(want.data as unknown as ArrayLike<number>);
    assert.equal(g.length, w.length, at);
    g.forEach((v, j) => assert.ok(Math.abs(v - w[j]!) <= rtol * Math.max(1, Math.abs(w[j]!)), `${at}, element ${j}: ${v} vs numpy ${w[j]}`));
  });
}

test("einsum matches numpy.einsum in float64", { skip: noNumpy }, () => compare("float64", 1e-12));
test("einsum matches numpy.einsum in float32", { skip: noNumpy }, () => compare("float32", 2e-6));
test("einsum matches numpy.einsum exactly in int32", { skip: noNumpy }, () => compare("int32", 0));
test("einsum matches numpy.einsum in complex128", { skip: noNumpy }, () => compare("complex128", 1e-12));

test("einsum is also tf.linalg.einsum; results and dtypes as TensorFlow's", () => {
  const a = tf.constant([[1, 2, 3], [4, 5, 6]]), b = tf.constant([[1, 0], [0, 1], [1, 1]]);
  assert.equal(tf.linalg.einsum, tf.einsum);
  assert.deepEqual(tf.einsum("ij,jk->ik", a, b).numpy().tolist(), [[4, 5], [10, 11]]);
  assert.equal(tf.einsum("ij,jk->ik", a, b).dtype.name, "float32");
  assert.equal(tf.einsum("ii", tf.constant([[1, 2], [3, 4]])).numpy().item(), 5);
  assert.deepEqual(tf.einsum("ii->i", tf.constant([[1, 2], [3, 4]])).numpy().tolist(), [1, 4]);
  assert.deepEqual(tf.einsum("iii->i", tf.reshape(tf.range(27), [3, 3, 3])).numpy().tolist(), [0, 13, 26]);
  // JS values take the first tensor's dtype; int64 has a kernel
  assert.deepEqual(tf.einsum("i,i->", tf.constant([1, 2], "int64"), [3, 4]).numpy().item(), 11n);
  // float16 and bfloat16 compute, and keep their dtype
  for (const dtype of ["float16", "bfloat16"] as const) {
    const r = tf.einsum("ij,jk->ik", tf.cast(a, dtype), tf.cast(b, dtype));
    assert.equal(r.dtype.name, dtype);
    assert.deepEqual(tf.cast(r, "float32").numpy().tolist(), [[4, 5], [10, 11]]);
  }
  // empty operands: zeros of the output's shape, empty results
  assert.deepEqual(tf.einsum("ij,jk->ik", tf.zeros([2, 0]), tf.zeros([0, 3])).numpy().tolist(), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual([...tf.einsum("ij,jk->ik", tf.zeros([0, 2]), tf.zeros([2, 3])).dims], [0, 3]);
  assert.equal(tf.einsum("ij->", tf.zeros([0, 3])).numpy().item(), 0);
  assert.deepEqual([...tf.einsum("ii->i", tf.zeros([0, 0])).dims], [0]);
  // TensorFlow's kernel takes a label size 0 for "not seen yet": [2,0] then [3,4] gives zeros
  assert.deepEqual(tf.einsum("ij,jk->ik", tf.zeros([2, 0]), tf.ones([3, 4])).numpy().tolist(), [[0, 0, 0, 0], [0, 0, 0, 0]]);
  // a variable is read like a tensor
  const v = new tf.Variable([[1, 2], [3, 4]]);
  assert.deepEqual(tf.einsum("ij->ji", v).numpy().tolist(), [[1, 3], [2, 4]]);
});

test("the matmul path: one MatMul or BatchMatMulV2, transposes folded into its flags", () => {
  const ops = (f: () => unknown): string[] => placementLog(() => { f(); }).map((l) => l.split(" ")[2]!);
  const a = tf.ones([3, 4]), b = tf.ones([4, 5]), bt = tf.ones([5, 4]), at = tf.ones([4, 3]);
  assert.deepEqual(ops(() => tf.einsum("ij,jk->ik", a, b)), ["MatMul"]);
  assert.deepEqual(ops(() => tf.einsum("ij,kj->ik", a, bt)), ["MatMul"]);
  assert.deepEqual(ops(() => tf.einsum("ji,jk->ik", at, b)), ["MatMul"]);
  const s = tf.ones([2, 3, 4]), t = tf.ones([2, 4, 5]);
  assert.deepEqual(ops(() => tf.einsum("bij,bjk->bik", s, t)), ["BatchMatMulV2"]);
  assert.deepEqual(ops(() => tf.einsum("ij,jk->ki", a, b)), ["MatMul", "Transpose"]);
});

test("TensorFlow's errors: ValueError from the Python layer, the Einsum kernel's with [Op:Einsum]", () => {
  const err = (f: () => unknown, cls: string, msg: string) =>
    assert.throws(f, (e: Error) => { assert.equal(e.message, msg); assert.equal(e.name, cls); return true; });
  const m = tf.ones([2, 3]), n = tf.ones([3, 4]);
  // the equation (Python's ValueErrors quote it as given)
  err(() => tf.einsum("ij,jk", m), "ValueError", 'Got 1 inputs for equation "ij,jk", expecting 2');
  err(() => tf.einsum("ij", m, n), "ValueError", 'Got 2 inputs for equation "ij", expecting 1');
  err(() => tf.einsum("ij"), "ValueError", 'Got 0 inputs for equation "ij", expecting 1');
  err(() => tf.einsum("ij->ii", m), "ValueError", "Output subscripts contain a label appearing more than once: ij->ii");
  err(() => tf.einsum("ij->k", m), "ValueError", "Output subscripts contain the label k not present in the input subscripts.");
  err(() => tf.einsum("ij-k", m), "ValueError", "Subscripts have incorrect format: ij-k");
  err(() => tf.einsum("i1,jk", m, n), "ValueError", "Subscripts have incorrect format: i1,jk");
  err(() => tf.einsum("i.j", m), "ValueError", "Subscripts have incorrect format: i.j");
  err(() => tf.einsum("..ij", m), "ValueError", "Subscripts have incorrect format: ..ij");
  err(() => tf.einsum("ij->i->j", m), "ValueError", "Subscripts have incorrect format: ij->i->j");
  err(() => tf.einsum("...i.j", m), "ValueError", "Subscripts have incorrect format: 0i.j");
  err(() => tf.einsum("...0", m), "ValueError", 'Invalid character "0" in equation: ...0.');
  err(() => tf.einsum("i...j...,jk,kl->il", tf.ones([2, 3]), n, tf.ones([4, 5])), "ValueError", "Too many ellipses in input label i...j....");
  // more than two operands: the Python layer checks the ranks
  err(() => tf.einsum("ij,jk,kl->il", m, n, tf.ones([4])), "ValueError",
    "Number of named labels in input #2 of equation ij,jk,kl->il must be equal to the number of dimensions in shape [4]");
  err(() => tf.einsum("...ijk,jk,kl->il", m, n, tf.ones([4, 5])), "ValueError",
    "Too many named labels in 0th subscript string of equation ...ijk,jk,kl->il for input shape [2, 3] ");
  // the kernel: ranks, label sizes, broadcasting
  err(() => tf.einsum("ijk", m), "InvalidArgumentError", "Expected input 0 to have rank 3 but got: 2 [Op:Einsum]");
  err(() => tf.einsum("ij,k", m, n), "InvalidArgumentError", "Expected input 1 to have rank 1 but got: 2 [Op:Einsum]");
  err(() => tf.einsum("...ijk", m), "InvalidArgumentError", "Expected input 0 to have rank at least 3 but got: 2 [Op:Einsum]");
  err(() => tf.einsum("ij,jk->ik", m, m), "InvalidArgumentError",
    "Expected dimension 3 at axis 0 of the input shaped [2,3] but got dimension 2 [Op:Einsum]");
  err(() => tf.einsum("ii", m), "InvalidArgumentError", "Expected dimension 2 at axis 1 of the input shaped [2,3] but got dimension 3 [Op:Einsum]");
  err(() => tf.einsum("ij...,jk->ik", tf.ones([2, 3, 4]), n), "InvalidArgumentError",
    "Output contains 1 broadcasting dimension(s) but no ellipsis (...) was found in the output subscripts. [Op:Einsum]");
  // an implicit output drops an ellipsis that two operands have (the label appears twice)
  err(() => tf.einsum("...ij,...jk", tf.ones([5, 2, 3]), tf.ones([5, 3, 4])), "InvalidArgumentError",
    "Output contains 1 broadcasting dimension(s) but no ellipsis (...) was found in the output subscripts. [Op:Einsum]");
  err(() => tf.einsum("...ij,...jk->...ik", tf.ones([2, 2, 3]), tf.ones([4, 3, 2])), "InvalidArgumentError",
    "Invalid broadcasting dimensions: [2,2,3] vs. [4,3,2] [Op:Einsum]");
  err(() => tf.einsum("bi,bi->b", tf.ones([2, 3]), tf.ones([4, 3])), "InvalidArgumentError",
    "Expected dimension 2 at axis 0 of the input shaped [4,3] but got dimension 4 [Op:Einsum]");
  err(() => tf.einsum("iiabcdef->i", tf.ones([2, 2, 1, 1, 1, 1, 1, 1])), "UnimplementedError",
    "Unsupported rank: 7 while handling repeated indices. Up to rank 6 is supported. [Op:Einsum]");
  // dtypes: one T for every operand, and only the types Einsum has kernels for
  err(() => tf.einsum("ij,jk->ik", m, tf.ones([3, 4], "float64")), "InvalidArgumentError",
    "cannot compute Einsum as input #1(zero-based) was expected to be a float tensor but is a double tensor [Op:Einsum]");
  err(() => tf.einsum("ij,jk->ik", tf.ones([2, 3], "int32"), n), "InvalidArgumentError",
    "cannot compute Einsum as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:Einsum]");
  err(() => tf.einsum("ij", tf.ones([2, 3], "int8")), "NotFoundError",
    'Could not find device for node: {{node Einsum}} = Einsum[N=1, T=DT_INT8, equation="ij->ij"] [Op:Einsum]');
  err(() => tf.einsum(" ...i , ...i ", tf.ones([2], "bool"), tf.ones([2], "bool")), "NotFoundError",
    'Could not find device for node: {{node Einsum}} = Einsum[N=2, T=DT_BOOL, equation="...i,...i->"] [Op:Einsum]');
  assert.throws(() => tf.einsum("ij", tf.ones([2, 3], "uint8")), tf.errors.NotFoundError);
});

test("gradients match finite differences (float64)", () => {
  const r = (...dims: number[]) => rand(dims);
  const two: [string, number[], number[]][] = [
    ["ij,jk->ik", [2, 3], [3, 4]],
    ["ij,kj->ik", [2, 3], [4, 3]],
    ["ji,jk->ki", [3, 2], [3, 4]],
    ["bij,bjk->bik", [2, 2, 3], [2, 3, 2]],
    ["i,j->ij", [3], [2]],
    ["i,i->", [4], [4]],
    ["ij,ij->i", [2, 3], [2, 3]],
    ["ab,cd->ad", [2, 3], [2, 2]],
    ["ii,ij->j", [3, 3], [3, 2]],
    ["...ij,...jk->...ik", [2, 1, 2, 3], [3, 3, 2]],
    ["...i,...i->...", [3, 2], [1, 2]],
  ];
  for (const [eq, da, db] of two) checkGradients((x, y) => tf.einsum(eq, x!, y!), [r(...da), r(...db)]);
  const one: [string, number[]][] = [
    ["ij->ji", [2, 3]], ["ijk->kij", [2, 3, 2]], ["ij->i", [2, 3]], ["ij->", [2, 3]], ["ii", [3, 3]], ["ii->i", [3, 3]],
    ["iij->ij", [2, 2, 3]], ["iii->i", [2, 2, 2]], ["...ii->...i", [2, 3, 3]],
  ];
  for (const [eq, d] of one) checkGradients((x) => tf.einsum(eq, x!), [r(...d)]);
  checkGradients((x, y, z) => tf.einsum("bn,anm,bm->ba", x!, y!, z!), [r(2, 3), r(2, 3, 2), r(2, 2)]);
  checkGradients((x, y, z) => tf.einsum("ij,jk,kl->il", x!, y!, z!), [r(2, 3), r(3, 2), r(2, 2)]);
});

test("complex gradients follow TensorFlow's convention (conjugated operands)", () => {
  // d/dx sum(einsum('i,i->', x, y)) with TensorFlow's convention is conj(y).
  const x = tf.complex(tf.constant([1, 2], "float64"), tf.constant([0.5, -1], "float64"));
  const y = tf.complex(tf.constant([3, -1], "float64"), tf.constant([2, 4], "float64"));
  const tape = new tf.GradientTape();
  const out = tape.record(() => { tape.watch(x); return tf.einsum("i,i->", x, y); });
  const g = tape.gradient(out, x) as T;
  assert.deepEqual(g.numpy().tolist(), [{ re: 3, im: -2 }, { re: -1, im: -4 }]);
});
