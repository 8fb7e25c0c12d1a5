// tf.random: the outputs TensorFlow's documentation states (set_seed + normal, the Generator,
// stateless_split / fold_in, create_rng_state), its seed rules (random_seed.get_seed, with
// Python's Mersenne Twister for the eager op seeds), kernel streams and set_seed's reset, the
// stateful == stateless identity of TensorFlow's stateless_random_ops_test (invert_philox),
// an independent numpy Philox as the oracle for every distribution and dtype, the ops' errors,
// and the Generator's Variable state in a checkpoint.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import * as tf from "tsflow";
import { numpyAvailable, runPython } from "./helpers/numpy_oracle.js";

const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";
if (noNumpy) console.log(`# random.test: numpy oracle cases skipped: ${noNumpy}`);

/** Philox4x32-10 in plain Python integers, the numpy oracles' independent transcription. */
const PY_PHILOX = `M = 0xffffffff
def philox(ctr, key):
    c = [int(x) for x in ctr]; k = [int(x) for x in key]
    for _ in range(10):
        p0 = 0xD2511F53 * c[0]; p1 = 0xCD9E8D57 * c[2]
        c = [((p1 >> 32) ^ c[1] ^ k[0]) & M, p1 & M, ((p0 >> 32) ^ c[3] ^ k[1]) & M, p0 & M]
        k = [(k[0] + 0x9E3779B9) & M, (k[1] + 0xBB67AE85) & M]
    return c
`;

function throwsTf(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    return true;
  });
}

test("tf.random.normal under tf.random.setSeed: TensorFlow's documented numbers", () => {
  tf.random.setSeed(5);
  const x = tf.random.normal([2, 2], { mean: 0, stddev: 1, dtype: "float32", seed: 1 });
  assert.equal(String(x), "tf.Tensor(\n[[-1.3768897  -0.01258316]\n [-0.169515    1.0824056 ]], shape=(2, 2), dtype=float32)");
});

test("tf.random.Generator: the documented from_seed numbers and the state advancing 256 per value", () => {
  const g = tf.random.Generator.fromSeed(1234);
  assert.equal(g.state.repr(), "<tf.Variable 'Variable:0' shape=(3,) dtype=int64, numpy=array([1234,    0,    0])>");
  assert.ok(g.state instanceof tf.Variable);
  assert.equal(g.state.trainable, false);
  assert.equal(String(g.normal([2, 3])),
    "tf.Tensor(\n[[ 0.9356609   1.0854305  -0.93788373]\n [-0.5061547   1.3169702   0.7137579 ]], shape=(2, 3), dtype=float32)");
  assert.deepEqual(g.state.numpy().tolist(), [2770n, 0n, 0n]);
  assert.equal(String(tf.random.Generator.fromSeed(123, "philox").normal([2, 3])),
    "tf.Tensor(\n[[ 0.8673864  -0.29899067 -0.9310337 ]\n [-1.5828488   1.2481191  -0.6770643 ]], shape=(2, 3), dtype=float32)");
  assert.equal(String(tf.random.createRngState(1234, "philox")), "tf.Tensor([1234    0    0], shape=(3,), dtype=int64)");
  assert.equal(String(tf.random.createRngState([12, 34], "threefry")), "tf.Tensor([12 34], shape=(2,), dtype=int64)");
  // A seed wider than 64 bits fills the next words; a short vector is padded on the left.
  assert.deepEqual(tf.random.createRngState(2n ** 64n + 5n, "philox").numpy().tolist(), [5n, 1n, 0n]);
  assert.deepEqual(tf.random.createRngState([7], 1).numpy().tolist(), [0n, 0n, 7n]);
});

test("stateless_split and stateless_fold_in: the documented seeds and the normals drawn with them", () => {
  const seeds = tf.random.experimental.stateless_split([1, 2], 3);
  assert.equal(String(seeds), "tf.Tensor(\n[[1105988140 1738052849]\n [-335576002  370444179]\n [  10670227 -246211131]], shape=(3, 2), dtype=int32)");
  assert.equal(String(tf.random.statelessNormal([3], seeds.at(0))), "tf.Tensor([-0.59835213 -0.9578608   0.9002807 ], shape=(3,), dtype=float32)");
  const replica = tf.random.experimental.statelessFoldIn([1, 2], 3);
  assert.equal(String(replica), "tf.Tensor([1105988140          3], shape=(2,), dtype=int32)");
  assert.equal(String(tf.random.statelessNormal([3], replica)), "tf.Tensor([0.03197195 0.8979765  0.13253039], shape=(3,), dtype=float32)");
  // Stateless: the same seed, the same numbers, whatever came before.
  assert.deepEqual(tf.random.statelessUniform([5], [7, 8]).numpy().tolist(), tf.random.statelessUniform([5], [7, 8]).numpy().tolist());
});

test("random_seed.get_seed: global and op seeds, Python's randint stream, the default graph seed, (0, 0) and truncation", () => {
  tf.random.setSeed(1234);
  // random.Random(1234).randint(0, 2**31 - 1), three times (python3).
  assert.deepEqual([tf.random.getSeed(), tf.random.getSeed(), tf.random.getSeed()], [[1234, 1892932127], [1234, 501869158], [1234, 32175636]]);
  tf.random.setSeed(2n ** 40n);
  assert.deepEqual(tf.random.getSeed(), [(2 ** 40) % (2 ** 31 - 1), 445128065]);
  tf.random.setSeed(0);
  assert.deepEqual(tf.random.getSeed(0), [0, 2 ** 31 - 1]);
  assert.deepEqual(tf.random.getSeed(2 ** 31 + 4), [0, 5]);
  tf.random.setSeed(-3);
  assert.deepEqual(tf.random.getSeed(), [(-3 % (2 ** 31 - 1)) + 2 ** 31 - 1, 1022050301]);
  // No global seed: an op seed pairs with the default graph seed; neither is (None, None).
  tf.random.setSeed(null);
  assert.deepEqual(tf.random.getSeed(7), [87654321, 7]);
  assert.deepEqual(tf.random.getSeed(), [null, null]);
  assert.notDeepEqual(tf.random.uniform([4]).numpy().tolist(), tf.random.uniform([4]).numpy().tolist());
});

test("stateful kernels keep a stream per (op, seed, seed2, dtype) and tf.random.setSeed restarts them", () => {
  tf.random.setSeed(1234);
  const a1 = tf.random.uniform([3], { seed: 1 }).numpy().tolist();
  const a2 = tf.random.uniform([3], { seed: 1 }).numpy().tolist();
  assert.notDeepEqual(a1, a2);
  const b1 = tf.random.uniform([3]).numpy().tolist();
  tf.random.setSeed(1234);
  assert.deepEqual(tf.random.uniform([3], { seed: 1 }).numpy().tolist(), a1);
  assert.deepEqual(tf.random.uniform([3], { seed: 1 }).numpy().tolist(), a2);
  assert.deepEqual(tf.random.uniform([3]).numpy().tolist(), b1);
});

// invert_philox of stateless_random_ops_test.py: the seed pair that the stateless ops'
// scrambling turns into the stateful generator (key (seed, 0), counter (0, 0, seed2, 0)).
function invertPhilox(key: [bigint, bigint], value: [bigint, bigint, bigint, bigint]): [bigint, bigint] {
  const M = 0xffffffffn;
  let v = value.map((x) => x & M) as [bigint, bigint, bigint, bigint];
  for (let n = 9n; n >= 0n; n--) {
    const k0 = (key[0] + n * 0x9e3779b9n) & M, k1 = (key[1] + n * 0xbb67ae85n) & M;
    const v0 = (v[3] * 0x991a7cdbn) & M;
    const v2 = (v[1] * 0x6d7cae67n) & M;
    const hi0 = (v0 * 0xd2511f53n) >> 32n;
    const hi1 = (v2 * 0xcd9e8d57n) >> 32n;
    v = [v0, hi1 ^ v[0] ^ k0, v2, hi0 ^ v[2] ^ k1];
  }
  return [BigInt.asIntN(64, v[0] | (v[1] << 32n)), BigInt.asIntN(64, v[2] | (v[3] << 32n))];
}

test("stateless ops equal stateful ones on their first call after seed scrambling (TensorFlow's _test_match)", () => {
  for (const [s0, s1] of [[7, 17], [11, 5], [2, 3]] as const) {
    const preseed = tf.constant(BigInt64Array.from(invertPhilox([0x3ec8f720n, 0x02461e29n], [BigInt(s0), 0n, BigInt(s1), 0n])), "int64");
    const cases: [() => tf.Tensor, () => tf.Tensor][] = [
      [() => tf.random.uniform([10], { seed: s1 }), () => tf.random.statelessUniform([10], preseed)],
      [() => tf.random.normal([10], { seed: s1, dtype: "float64" }), () => tf.random.statelessNormal([10], preseed, { dtype: "float64" })],
      [() => tf.random.truncatedNormal([7], { seed: s1 }), () => tf.random.statelessTruncatedNormal([7], preseed)],
      [() => tf.random.uniform([9], { seed: s1, minval: -3, maxval: 11, dtype: "int32" }),
        () => tf.random.statelessUniform([9], preseed, { minval: -3, maxval: 11, dtype: "int32" })],
      [() => tf.random.uniform([5], { seed: s1, minval: -(2 ** 40), maxval: 2 ** 41, dtype: "int64" }),
        () => tf.random.statelessUniform([5], preseed, { minval: -(2 ** 40), maxval: 2 ** 41, dtype: "int64" })],
      [() => tf.random.categorical([[0, 1, 2], [2, 1, 0]], 6, { seed: s1 }), () => tf.random.statelessCategorical([[0, 1, 2], [2, 1, 0]], 6, preseed)],
      [() => tf.random.gamma([10], [[0.5, 1, 2.5]], { seed: s1 }), () => tf.random.statelessGamma([10, 1, 3], preseed, [[0.5, 1, 2.5]])],
      [() => tf.random.poisson([10], [3, 25], { seed: s1, dtype: "int32" }), () => tf.random.statelessPoisson([10, 2], preseed, [3, 25])],
    ];
    for (const [stateful, stateless] of cases) {
      tf.random.setSeed(s0);
      assert.deepEqual(stateful().numpy().tolist(), stateless().numpy().tolist(), `seed (${s0}, ${s1})`);
    }
  }
});

test("every distribution and dtype against an independent numpy Philox4x32-10", { skip: noNumpy }, () => {
  const seeds: [number, number][] = [[5, 1], [87654321, 42], [2147483646, 123456]];
  const got: Record<string, unknown[]> = {};
  for (const [s, s2] of seeds) {
    tf.random.setSeed(s);
    const row: unknown[] = [];
    row.push(Array.from(tf.random.uniform([11], { seed: s2 }).hostData() as Float32Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.uniform([5], { seed: s2, dtype: "float64" }).hostData() as Float64Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.normal([9], { seed: s2 }).hostData() as Float32Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.normal([5], { seed: s2, dtype: "float64" }).hostData() as Float64Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.truncatedNormal([10], { seed: s2 }).hostData() as Float32Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.uniform([7], { seed: s2, minval: -5, maxval: 1000, dtype: "int32" }).hostData() as Int32Array));
    tf.random.setSeed(s);
    row.push(Array.from(tf.random.uniform([6], { seed: s2, dtype: "float16" }).hostData() as Uint16Array));
    got[`${s},${s2}`] = row;
  }
  const want = runPython(`
${PY_PHILOX}def stream(seed, seed2, skip=0):
    ctr = [skip & M, (skip >> 32) & M, seed2 & M, seed2 >> 32]
    while True:
        yield philox(ctr, [seed & M, seed >> 32])
        ctr[0] += 1
def u2f(x): return np.float32(np.uint32((127 << 23) | (x & 0x7fffff)).view(np.float32) - np.float32(1))
def u2d(x0, x1): return np.float64(np.uint64((1023 << 52) | ((x0 & 0xfffff) << 32) | x1).view(np.float64)) - 1.0
def bm(x0, x1):
    u1 = u2f(x0)
    if u1 < np.float32(1e-7): u1 = np.float32(1e-7)
    v1 = np.float32(2 * np.pi * float(u2f(x1)))
    u2 = np.sqrt(np.float32(-2) * np.log(u1))
    return [np.float32(np.sin(v1) * u2), np.float32(np.cos(v1) * u2)]
def bmd(x0, x1, x2, x3):
    u1 = max(u2d(x0, x1), 1e-7); v1 = 2 * np.pi * u2d(x2, x3); u2 = np.sqrt(-2 * np.log(u1))
    return [np.sin(v1) * u2, np.cos(v1) * u2]
def take(gen, n, per, f):
    out = []
    while len(out) < n: out += f(next(gen))
    return out[:n]
res = {}
for s, s2 in INPUT:
    row = []
    row.append([float(u2f(x)) for x in take(stream(s, s2), 11, 4, lambda w: w)])
    row.append([float(v) for v in take(stream(s, s2), 5, 2, lambda w: [u2d(w[0], w[1]), u2d(w[2], w[3])])])
    row.append([float(v) for v in take(stream(s, s2), 9, 4, lambda w: bm(w[0], w[1]) + bm(w[2], w[3]))])
    row.append([float(v) for v in take(stream(s, s2), 5, 2, lambda w: bmd(*w))])
    tn = []
    g = 0
    while len(tn) < 10:
        words = stream(s, s2, g * 256)
        buf = []; group = []
        while len(group) < 4:
            if len(buf) < 2: buf += next(words)
            x0, x1 = buf.pop(0), buf.pop(0)
            for v in bm(x0, x1):
                if abs(v) < 2 and len(group) < 4: group.append(float(v))
        tn += group; g += 1
    row.append(tn[:10])
    row.append([int(np.int32(-5 + (x % 1005))) for x in take(stream(s, s2), 7, 4, lambda w: w)])
    row.append([int(np.float16((x & 0x3ff) / 1024).view(np.uint16)) for x in take(stream(s, s2), 6, 4, lambda w: w)])
    res['%d,%d' % (s, s2)] = row
print(json.dumps(res))
`, seeds) as Record<string, number[][]>;
  for (const key of Object.keys(want)) {
    const [u, ud, n, nd, tn, ints, half] = got[key] as number[][];
    const [wu, wud, wn, wnd, wtn, wints, whalf] = want[key]!;
    assert.deepEqual(u, wu, `uniform float32 ${key}`);
    assert.deepEqual(ud, wud, `uniform float64 ${key}`);
    assert.deepEqual(ints, wints, `uniform int32 ${key}`);
    assert.deepEqual(half, whalf, `uniform float16 ${key}`);
    // Box-Muller: numpy's float32 sin/cos/log against correctly rounded ones, so within an ulp.
    for (const [a, b, what] of [[n!, wn!, "normal"], [tn!, wtn!, "truncated normal"], [nd!, wnd!, "normal float64"]] as const) {
      assert.equal(a.length, b.length);
      a.forEach((x, i) => assert.ok(Math.abs(x - b[i]!) <= 2.4e-7 * Math.max(1, Math.abs(x)), `${what} ${key}[${i}]: ${x} vs ${b[i]}`));
    }
  }
});

test("tf.random.uniform, categorical and shuffle: ranges, dtypes, scaling and permutations", () => {
  tf.random.setSeed(3);
  const u = tf.random.uniform([1000], { minval: -2, maxval: 3 });
  const uv = Array.from(u.hostData() as Float32Array);
  assert.ok(uv.every((x) => x >= -2 && x < 3));
  assert.ok(Math.abs(uv.reduce((a, b) => a + b, 0) / 1000 - 0.5) < 0.2);
  const ints = Array.from(tf.random.uniform([1000], { minval: 5, maxval: 10, dtype: "int64" }).hostData() as BigInt64Array);
  assert.deepEqual([...new Set(ints)].sort(), [5n, 6n, 7n, 8n, 9n]);
  assert.equal(tf.random.uniform([2, 3], { dtype: "bfloat16" }).dtype.name, "bfloat16");
  const c = tf.random.categorical(tf.math.log([[0.5, 0.5, 0], [0, 0, 1]]), 400);
  assert.equal(c.dtype.name, "int64");
  assert.deepEqual(c.dims, [2, 400]);
  const rows = c.numpy().tolist() as bigint[][];
  assert.ok(rows[0]!.every((x) => x === 0n || x === 1n));
  assert.ok(rows[1]!.every((x) => x === 2n));
  const zeros = rows[0]!.filter((x) => x === 0n).length;
  assert.ok(zeros > 150 && zeros < 250, `${zeros}`);
  assert.equal(tf.random.categorical([[1, 2]], 3, { dtype: "int32" }).dtype.name, "int32");
  const s = tf.random.shuffle(tf.range(0, 20, 1, "int32"), { seed: 4 }).numpy().tolist() as number[];
  assert.deepEqual([...s].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
  assert.notDeepEqual(s, Array.from({ length: 20 }, (_, i) => i));
  const m = tf.random.shuffle(tf.constant([[1, 2], [3, 4], [5, 6]]), { seed: 9 }).numpy().tolist() as number[][];
  assert.deepEqual(m.map((r) => r[1]! - r[0]!), [1, 1, 1]);
  assert.equal(String(tf.random.shuffle(tf.constant([[7, 8]]))), "tf.Tensor([[7. 8.]], shape=(1, 2), dtype=float32)");
  // float16 normal: scaled and shifted in float16, as TensorFlow's Python composes it.
  assert.equal(tf.random.normal([3], { dtype: "float16", mean: 10, stddev: 0.5, seed: 2 }).dtype.name, "float16");
});

test("tf.random's errors: TensorFlow's classes and messages", () => {
  throwsTf(() => tf.random.uniform([2], { dtype: "int32" }), "ValueError", "Must specify maxval for integer dtype tf.int32");
  throwsTf(() => tf.random.uniform([2], { dtype: "string" }), "ValueError",
    "Argument `dtype` got invalid value <dtype: 'string'>. Accepted dtypes are (tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).");
  throwsTf(() => tf.random.uniform([2], { minval: 5, maxval: 5, dtype: "int32" }), "InvalidArgumentError", "Need minval < maxval, got 5 >= 5 [Op:RandomUniformInt]");
  throwsTf(() => tf.random.uniform([2], { minval: [1, 2], maxval: 5, dtype: "int32" }), "InvalidArgumentError", "minval must be 0-D, got shape [2] [Op:RandomUniformInt]");
  throwsTf(() => tf.random.normal([2, -1]), "InvalidArgumentError", "Dimension -1 must be >= 0 [Op:RandomStandardNormal]");
  throwsTf(() => tf.random.normal([2], { dtype: "int32" }), "InvalidArgumentError",
    "Value for attr 'dtype' of int32 is not in the list of allowed values: half, bfloat16, float, double [Op:RandomStandardNormal]");
  throwsTf(() => tf.random.categorical([1, 2, 3], 2), "InvalidArgumentError", "logits should be a matrix, got shape [3] [Op:Multinomial]");
  throwsTf(() => tf.random.categorical([[1, 2]], -1), "InvalidArgumentError", "num_samples should be non-negative, got -1 [Op:Multinomial]");
  throwsTf(() => tf.random.categorical([[1, 2]], 2, { dtype: "float32" }), "ValueError",
    "Argument `dtype` got invalid value <dtype: 'float32'>. Accepted dtypes are (tf.int32, tf.int64).");
  throwsTf(() => tf.random.statelessNormal([2], [1, 2, 3]), "InvalidArgumentError", "seed must have shape [2], not [3] [Op:StatelessRandomGetKeyCounter]");
  throwsTf(() => tf.random.statelessNormal([2], [1, 2], { alg: "threefry" }), "InvalidArgumentError", "Unsupported algorithm id: 2 [Op:StatelessRandomNormalV2]");
  throwsTf(() => tf.random.statelessNormal([2], [1, 2], { alg: "mersenne" }), "ValueError",
    'Argument `alg` got unsupported value mersenne. Supported values are `"philox"`, `"threefry"` and `"auto_select"`.');
  throwsTf(() => tf.random.statelessUniform([2], [1, 2], { dtype: "int32", maxval: null, minval: 3 }), "ValueError",
    "For integer `dtype` argument <dtype: 'int32'>, argument `minval` and `maxval` must be both None or not None. Got `minval`=3 and `maxval`=None.");
  throwsTf(() => tf.random.statelessUniform([2], [1, 2], { dtype: "uint32", minval: 0, maxval: 4 }), "ValueError",
    "Argument `dtype` got invalid value <dtype: 'uint32'> when argument `minval` is not None. Please don't use unsigned integers in this case.");
});

test("stateless uniform: full-range integers of every width, bounded ints, floats scaled as minval + rnd * (maxval - minval)", () => {
  const full = tf.random.statelessUniform([6], [3, 4], { dtype: "uint64", minval: null, maxval: null });
  assert.equal(full.dtype.name, "uint64");
  const full32 = tf.random.statelessUniform([6], [3, 4], { dtype: "uint32", minval: null, maxval: null }).hostData() as Uint32Array;
  const full64 = full.hostData() as BigUint64Array;
  // Both read one Philox stream: uint64 values are pairs of its uint32 words.
  assert.equal(full64[0], BigInt(full32[0]!) | (BigInt(full32[1]!) << 32n));
  assert.equal(full64[1], BigInt(full32[2]!) | (BigInt(full32[3]!) << 32n));
  const i32 = tf.random.statelessUniform([6], [3, 4], { dtype: "int32", minval: null, maxval: null }).hostData() as Int32Array;
  assert.deepEqual(Array.from(i32), Array.from(full32, (x) => x | 0));
  const base = tf.random.statelessUniform([4], [3, 4]).hostData() as Float32Array;
  const scaled = tf.random.statelessUniform([4], [3, 4], { minval: 10, maxval: 14 }).hostData() as Float32Array;
  base.forEach((b, i) => assert.equal(scaled[i], Math.fround(Math.fround(b * 4) + 10)));
  assert.deepEqual(tf.random.statelessUniform([0], [1, 1], { minval: 3, maxval: 3, dtype: "int32" }).dims, [0]);
});

test("Generator: split, make_seeds, uniform_full_int, skip, reset and the state in a checkpoint", async () => {
  const g = tf.random.Generator.fromSeed(7);
  const [a, b] = g.split(2);
  assert.deepEqual(g.state.numpy().tolist(), [7n + 2n * 256n, 0n, 0n]);
  const keys = tf.random.Generator.fromSeed(7).uniformFullInt([2], "int64").numpy().tolist() as bigint[];
  assert.deepEqual(a!.state.numpy().tolist(), [0n, 0n, keys[0]]);
  assert.deepEqual(b!.state.numpy().tolist(), [0n, 0n, keys[1]]);
  assert.notDeepEqual(a!.normal([3]).numpy().tolist(), b!.normal([3]).numpy().tolist());
  const seeds = tf.random.Generator.fromSeed(1).makeSeeds(3);
  assert.deepEqual(seeds.dims, [2, 3]);
  assert.deepEqual((seeds.numpy().tolist() as bigint[][])[1], [0n, 0n, 0n]);
  const h = tf.random.Generator.fromSeed(5);
  const old = h.skip(10);
  assert.deepEqual(old.numpy().tolist(), [5n, 0n, 0n]);
  assert.deepEqual(h.state.numpy().tolist(), [5n + 2560n, 0n, 0n]);
  h.resetFromSeed(5);
  const first = h.uniform([4], { minval: 0, maxval: 100, dtype: "int32" }).numpy().tolist();
  h.reset([5, 0, 0]);
  assert.deepEqual(h.uniform([4], { minval: 0, maxval: 100, dtype: "int32" }).numpy().tolist(), first);
  // A counter carry into the high word: the low word wraps.
  const w = tf.random.Generator.fromState(tf.constant(BigInt64Array.of(-1n, 0n, 9n), "int64"), "philox");
  w.skip(1);
  assert.deepEqual(w.state.numpy().tolist(), [255n, 1n, 9n]);
  assert.equal(tf.random.Generator.fromKeyCounter(3, [1, 2], "philox").state.numpy().tolist().toString(), "1,2,3");

  const dir = mkdtempSync(join(tmpdir(), "tsflow-rng-"));
  try {
    const gen = tf.random.Generator.fromSeed(99);
    gen.normal([5]);
    const ckpt = new tf.train.Checkpoint({ generator: gen });
    const path = await ckpt.save(join(dir, "ckpt"));
    const next = gen.normal([4]).numpy().tolist();
    const restored = tf.random.Generator.fromSeed(0);
    await new tf.train.Checkpoint({ generator: restored }).restore(path);
    assert.deepEqual(restored.normal([4]).numpy().tolist(), next);
    const names = (await tf.train.listVariables(path)).map(([n]) => n);
    assert.ok(names.includes("generator/_state_var/.ATTRIBUTES/VARIABLE_VALUE"), names.join(", "));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(tf.random.getGlobalGenerator() instanceof tf.random.Generator);
  const mine = tf.random.Generator.fromSeed(1);
  tf.random.setGlobalGenerator(mine);
  assert.equal(tf.random.getGlobalGenerator(), mine);
});

test("gradients flow through mean and stddev, not through the random op", () => {
  const mean = new tf.Variable(2.0);
  const stddev = new tf.Variable(3.0);
  const tape = new tf.GradientTape();
  tf.random.setSeed(8);
  const loss = tape.record(() => tf.reduceSum(tf.random.normal([4], { mean, stddev, seed: 1 })));
  const [dm, ds] = tape.gradient(loss, [mean, stddev]);
  assert.equal(Number((dm as tf.Tensor).numpy().item()), 4);
  // d/dstddev of sum(rnd * stddev + mean) is the sum of the standard values the op drew.
  tf.random.setSeed(8);
  const rnd = tf.random.normal([4], { seed: 1 });
  assert.equal(Number((ds as tf.Tensor).numpy().item()), Number(tf.reduceSum(rnd).numpy().item()));
});

test("tf.random.gamma and tf.random.poisson: shapes, moments, alpha == 1 and < 1, rates on both sides of 10, dtypes", () => {
  tf.random.setSeed(1);
  const g = tf.random.gamma([20000], [0.5, 1, 3.5], { seed: 3 });
  assert.deepEqual(g.dims, [20000, 3]);
  const gm = Array.from(tf.reduceMean(g, 0).hostData() as Float32Array);
  [0.5, 1, 3.5].forEach((a, i) => assert.ok(Math.abs(gm[i]! - a) < 0.05 * Math.max(1, a), `gamma mean ${gm[i]} for ${a}`));
  const scaled = tf.random.gamma([10], 2, { beta: [[1], [4]], seed: 5, dtype: "float64" });
  assert.deepEqual(scaled.dims, [10, 2, 1]);
  assert.ok((Array.from(scaled.hostData() as Float64Array)).every((x) => x > 0));
  const p = tf.random.poisson([20000], [0.5, 4, 25], { seed: 3 });
  const pm = Array.from(tf.reduceMean(p, 0).hostData() as Float32Array);
  [0.5, 4, 25].forEach((r, i) => assert.ok(Math.abs(pm[i]! - r) < 0.05 * Math.max(1, r), `poisson mean ${pm[i]} for ${r}`));
  const counts = tf.random.poisson([6], [2, 30], { dtype: "int64", seed: 1 });
  assert.equal(counts.dtype.name, "int64");
  assert.ok((Array.from(counts.hostData() as BigInt64Array)).every((x) => x >= 0n));
  tf.random.setSeed(1);
  const again = tf.random.gamma([20000], [0.5, 1, 3.5], { seed: 3 });
  assert.deepEqual(Array.from(again.hostData() as Float32Array), Array.from(g.hostData() as Float32Array));
});

test("RandomGamma and RandomPoissonV2 against numpy transcriptions of TensorFlow's kernels (per-sample streams)", { skip: noNumpy }, () => {
  tf.random.setSeed(7);
  const g = Array.from(tf.random.gamma([5], [0.3, 1, 2.5], { seed: 9, dtype: "float64" }).hostData() as Float64Array);
  tf.random.setSeed(7);
  const p = Array.from(tf.random.poisson([5], [3, 40], { seed: 9, dtype: "float64" }).hostData() as Float64Array);
  const want = runPython(`
import math
${PY_PHILOX}def u2d(x0, x1): return (((x0 & 0xfffff) << 32) | x1) / 2.0**52
class Draws:
    def __init__(self, seed, seed2, skip):
        self.ctr = [skip & M, skip >> 32, seed2, 0]; self.key = [seed, 0]; self.u = []; self.n = []
    def words(self):
        w = philox(self.ctr, self.key); self.ctr[0] += 1; return w
    def uniform(self):
        if not self.u:
            w = self.words(); self.u = [u2d(w[0], w[1]), u2d(w[2], w[3])]
        return self.u.pop()
    def normal(self):
        if not self.n:
            w = self.words(); u1 = max(u2d(w[0], w[1]), 1e-7); v1 = 2 * math.pi * u2d(w[2], w[3]); r = math.sqrt(-2 * math.log(u1))
            self.n = [math.sin(v1) * r, math.cos(v1) * r]
        return self.n.pop()
seed, seed2 = INPUT
alphas = [0.3, 1, 2.5]; n = 5; g = [0.0] * (n * 3)
for a, alpha in enumerate(alphas):
    less = alpha < 1; d = alpha + (2.0 / 3 if less else -1.0 / 3); c = 1.0 / 3 / math.sqrt(d)
    for s in range(n):
        dr = Draws(seed, seed2, 256 * (a * n + s))
        if alpha == 1:
            g[s * 3 + a] = -math.log1p(-dr.uniform()); continue
        while True:
            x = dr.normal(); v = 1 + c * x
            if v <= 0: continue
            v = v * v * v; u = dr.uniform()
            if u < 1 - 0.0331 * (x * x) * (x * x) or math.log(u) < 0.5 * x * x + d * (1 - v + math.log(v)):
                res = d * v
                if less: res *= dr.uniform() ** (1 / alpha)
                g[s * 3 + a] = res; break
rates = [3, 40]; p = [0.0] * (n * 2)
for r, rate in enumerate(rates):
    b = 0.931 + 2.53 * math.sqrt(rate); a_ = -0.059 + 0.02483 * b; inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    for s in range(n):
        dr = Draws(seed, seed2, 256 * (r * n + s))
        if rate < 10:
            prod = 1.0; x = 0
            while True:
                prod *= dr.uniform()
                if prod <= math.exp(-rate): p[s * 2 + r] = x; break
                x += 1
            continue
        while True:
            u = dr.uniform() - 0.5; v = dr.uniform(); us = 0.5 - abs(u)
            k = math.floor((2 * a_ / us + b) * u + rate + 0.43)
            if us >= 0.07 and v <= 0.9277 - 3.6224 / (b - 2): p[s * 2 + r] = k; break
            if k < 0 or (us < 0.013 and v > us): continue
            if math.log(v * inv_alpha / (a_ / (us * us) + b)) <= -rate + k * math.log(rate) - math.lgamma(k + 1): p[s * 2 + r] = k; break
print(json.dumps([g, p]))
`, [7, 9]) as [number[], number[]];
  g.forEach((x, i) => assert.ok(Math.abs(x - want[0][i]!) <= 1e-12 * Math.max(1, Math.abs(x)), `gamma[${i}] ${x} vs ${want[0][i]}`));
  assert.deepEqual(p, want[1]);
});

test("binomial: stateless and Generator.binomial, broadcast counts/probs, the state advance, and a numpy transcription of TensorFlow's kernel", () => {
  const b = tf.random.statelessBinomial([20000, 2], [123, 456], [10, 20], [0.8]);
  assert.deepEqual(b.dims, [20000, 2]);
  assert.equal(b.dtype.name, "int32");
  const mean = Array.from(tf.reduceMean(tf.cast(b, "float32"), 0).hostData() as Float32Array);
  assert.ok(Math.abs(mean[0]! - 8) < 0.1 && Math.abs(mean[1]! - 16) < 0.15, String(mean));
  assert.deepEqual(tf.random.statelessRandomBinomial([3, 2], [1, 2], [10, 20], 0.5).numpy().tolist(),
    tf.random.statelessBinomial([3, 2], [1, 2], [10, 20], 0.5).numpy().tolist());
  const edge = tf.random.statelessBinomial([2, 3], [1, 2], [5, 0, 7], [0, 0.5, 1], { outputDtype: "float32" }).numpy().tolist() as number[][];
  assert.deepEqual(edge.map((r) => [r[0], r[1], r[2]]), [[0, 0, 7], [0, 0, 7]]);
  const g = tf.random.Generator.fromSeed(234);
  assert.deepEqual(g.binomial([2], [10, 20], [0.8]).dims, [2]);
  assert.deepEqual(g.state.numpy().tolist(), [234n + 400n * 256n, 0n, 0n]);
  throwsTf(() => tf.random.statelessBinomial([4], [1, 2], [1, 2, 3], [0.5, 0.5]), "InvalidArgumentError",
    "counts and probs must have compatible batch dimensions: [3] vs. [2] [Op:StatelessRandomBinomial]");
  throwsTf(() => tf.random.statelessBinomial([4, 3], [1, 2], [1, 2], 0.5), "InvalidArgumentError",
    "Shape passed in must end with broadcasted shape. [Op:StatelessRandomBinomial]");
  if (noNumpy) return;
  // A scrambled seed's stream through TensorFlow's binomial_inversion (count·p < 10) and BTRS.
  const got = Array.from(tf.random.statelessBinomial([4, 2], [5, 6], [12, 300], [0.3, 0.4], { outputDtype: "float64" }).hostData() as Float64Array);
  const want = runPython(`
import math
${PY_PHILOX}def skip(ctr, n):
    v = (ctr[0] | (ctr[1] << 32)) + n
    hi = (ctr[2] | (ctr[3] << 32)) + (v >> 64)
    return [v & M, (v >> 32) & M, hi & M, (hi >> 32) & M]
def u2d(x0, x1): return (((x0 & 0xfffff) << 32) | x1) / 2.0**52
s0, s1 = INPUT
mix = philox([s0 & M, s0 >> 32, s1 & M, s1 >> 32], [0x3ec8f720, 0x02461e29])
key = [mix[0], mix[1]]; base = [0, 0, mix[2], mix[3]]
class Draws:
    def __init__(self, ctr): self.ctr = ctr; self.u = []
    def uniform(self):
        if not self.u:
            w = philox(self.ctr, key); self.ctr = skip(self.ctr, 1); self.u = [u2d(w[0], w[1]), u2d(w[2], w[3])]
        return self.u.pop()
def inversion(count, p, d):
    gs = 0; n = 0
    while True:
        gs += math.ceil(math.log(d.uniform()) / math.log1p(-p))
        if gs > count: return n
        n += 1
def tail(k):
    T = [0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720, 0.00925546218271273, 0.00833056343336287]
    if k <= 9: return T[int(k)]
    kp = (k + 1) * (k + 1); return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp) / kp) / (k + 1)
def btrs(n, p, d):
    sd = math.sqrt(n * p * (1 - p)); b = 1.15 + 2.53 * sd; a = -0.0873 + 0.0248 * b + 0.01 * p; c = n * p + 0.5
    vr = 0.92 - 4.2 / b; r = p / (1 - p); alpha = (2.83 + 5.1 / b) * sd; m = math.floor((n + 1) * p)
    while True:
        u = d.uniform(); v = d.uniform(); u -= 0.5; us = 0.5 - abs(u); k = math.floor((2 * a / us + b) * u + c)
        if us >= 0.07 and v <= vr: return k
        if k < 0 or k > n: continue
        v = math.log(v * alpha / (a / (us * us) + b))
        ub = ((m + 0.5) * math.log((m + 1) / (r * (n - m + 1))) + (n + 1) * math.log((n - m + 1) / (n - k + 1)) + (k + 0.5) * math.log(r * (n - k + 1) / (k + 1)) + tail(m) + tail(n - m) - tail(k) - tail(n - k))
        if v <= ub: return k
counts = [12.0, 300.0]; probs = [float(np.float32(0.3)), float(np.float32(0.4))]; spb = 4; out = [0.0] * 8
for b in range(2):
    for s in range(spb):
        oi = b * spb + s; n = counts[b]; p = probs[b]
        use = float(np.float32(n) * np.float32(p)) >= 10
        d = Draws(skip(base, (256 if use else 42) * oi))
        out[s * 2 + b] = float(btrs(n, p, d) if use else inversion(n, p, d))
print(json.dumps(out))
`, [5, 6]) as number[];
  assert.deepEqual(got, want);
});

test("index_shuffle and stateless_shuffle: TensorFlow's documented permutations", () => {
  const idx = Array.from({ length: 10 }, (_, i) => Number(tf.random.experimental.index_shuffle(i, [5, 8], 9).numpy().item()));
  assert.deepEqual(idx, [3, 8, 0, 1, 2, 7, 6, 9, 4, 5]);
  const vector = tf.constant(["e0", "e1", "e2", "e3"]);
  const seed = [5, 9];
  const order = [0, 1, 2, 3].map((i) => tf.random.experimental.indexShuffle(i, seed, 3));
  assert.equal(String(tf.gather(vector, tf.stack(order))), "tf.Tensor([b'e2' b'e0' b'e1' b'e3'], shape=(4,), dtype=string)");
  assert.equal(order[0]!.dtype.name, "int32");
  assert.deepEqual(order[0]!.dims, []);
  const vec = tf.random.experimental.indexShuffle(tf.range(0, 10, 1, "int64"), [5, 8], 9);
  assert.deepEqual(vec.numpy().tolist(), [3n, 8n, 0n, 1n, 2n, 7n, 6n, 9n, 4n, 5n]);
  assert.equal(String(tf.random.experimental.stateless_shuffle(tf.constant([[1, 2], [3, 4], [5, 6]], "int32"), [8, 9])),
    "tf.Tensor(\n[[5 6]\n [1 2]\n [3 4]], shape=(3, 2), dtype=int32)");
  // A large range: a permutation of [0, 1000].
  const many = new Set(Array.from({ length: 1001 }, (_, i) => Number(tf.random.experimental.indexShuffle(i, [1, 2], 1000).numpy().item())));
  assert.equal(many.size, 1001);
});

test("tf.random.gamma's gradient with respect to alpha (and beta): implicit reparameterization, against mpmath's incomplete gamma", () => {
  const alpha = new tf.Variable(tf.constant([[0.3, 2.5, 10]], "float64"));
  const beta = new tf.Variable(tf.constant(2, "float64"));
  const tape = new tf.GradientTape({ persistent: true });
  tf.random.setSeed(3);
  const x = tape.record(() => tf.random.gamma([4], alpha, { beta, seed: 1, dtype: "float64" }));
  const loss = tape.record(() => tf.reduceSum(x));
  const [da, db] = tape.gradient(loss, [alpha, beta]) as tf.Tensor[];
  assert.deepEqual(da!.dims, [1, 3]);
  // d(sum g/beta)/dbeta = -sum(g)/beta^2 = -sum(x)/beta.
  const xs = Array.from(x.hostData() as Float64Array);
  assert.ok(Math.abs(Number(db!.numpy().item()) + xs.reduce((s, v) => s + v, 0) / 2) < 1e-9);
  const stateless = new tf.Variable(tf.constant([0.7, 4], "float64"));
  const t2 = new tf.GradientTape();
  const l2 = t2.record(() => tf.reduceSum(tf.random.statelessGamma([3, 2], [1, 2], stateless, { dtype: "float64" })));
  assert.deepEqual((t2.gradient(l2, stateless) as tf.Tensor).dims, [2]);
  const mp = !noNumpy && spawnSync("python3", ["-c", "import mpmath"], { stdio: "ignore" }).status === 0;
  if (!mp) { console.log("# random.test: python3 with numpy and mpmath not available, gamma gradient values unchecked"); return; }
  // Per sample: -dP/da / dP/dx at (alpha, sample), P the regularized lower incomplete gamma.
  tf.random.setSeed(3);
  const raw = Array.from(tf.random.gamma([4], [[0.3, 2.5, 10]], { seed: 1, dtype: "float64" }).hostData() as Float64Array);
  const alphas = [0.3, 2.5, 10];
  const want = runPython(`
import mpmath as m
m.mp.dps = 30
out = []
for i, x in enumerate(INPUT['x']):
    a = INPUT['a'][i % 3]
    P = lambda aa, xx: m.gammainc(aa, 0, xx, regularized=True)
    out.append(float(-m.diff(lambda aa: P(aa, x), a) / m.diff(lambda xx: P(a, xx), x)))
print(json.dumps(out))
`, { x: raw, a: alphas }) as number[];
  const perAlpha = [0, 1, 2].map((j) => want.filter((_, i) => i % 3 === j).reduce((s, v) => s + v, 0) / 2);
  Array.from(da!.hostData() as Float64Array).forEach((g, j) => assert.ok(Math.abs(g - perAlpha[j]!) < 1e-9 * Math.max(1, Math.abs(g)), `${g} vs ${perAlpha[j]}`));
});
