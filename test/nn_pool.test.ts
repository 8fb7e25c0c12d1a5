// tf.nn's pooling: max_pool1d/2d/3d, avg_pool1d/2d/3d, max_pool/avg_pool by rank and
// tf.nn.pool, against pooling written here in numpy (windows clipped to the input, SAME
// padding excluded from averages, np.argmax's first maximum for the gradient: TensorFlow's tie
// rule), forward and gradients (MaxPoolGrad, AvgPoolGrad); ties; float64 finite differences,
// second order included (MaxPoolGradGrad, AvgPoolGrad's gradient); dtypes; TensorFlow's errors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/array_oracle.js";
import { decodeArray, encodeArray, runPython, type RawArray } from "./helpers/numpy_oracle.js";
import { checkGradients } from "./helpers/finite_difference.js";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;
const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";
const rng = mulberry32(1516);
/** float64 values; with `levels`, small integers (many ties). */
function rand(dims: number[], levels = 0): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => (levels ? Math.floor(rng() * levels) : 4 * rng() - 2)), "float64", dims);
}
const vals = (t: T): number[] => Array.from(t.cast("float64").numpy().data as Float64Array);

const ORACLE = `
def geo(n, k, s, p):
    if p == 'VALID':
        return (n - k) // s + 1, 0
    if p == 'SAME':
        out = -(-n // s)
        return out, max((out - 1) * s + k - n, 0) // 2
    b, a = p
    return (n + b + a - k) // s + 1, b

def pool(x, dy, k, s, padding, kind):
    sp = x.ndim - 2
    while x.ndim < 5:
        x = x[:, None]; dy = dy[:, None]
    k = [1] * (3 - sp) + k; s = [1] * (3 - sp) + s
    if not isinstance(padding, str): padding = [[0, 0]] * (3 - sp) + padding
    g = [geo(x.shape[1 + i], k[i], s[i], padding if isinstance(padding, str) else padding[i]) for i in range(3)]
    N, C = x.shape[0], x.shape[4]
    y = np.zeros((N, *[t[0] for t in g], C)); dx = np.zeros_like(x)
    for n in range(N):
        for o in np.ndindex(*[t[0] for t in g]):
            lo = [max(o[i] * s[i] - g[i][1], 0) for i in range(3)]
            hi = [min(o[i] * s[i] - g[i][1] + k[i], x.shape[1 + i]) for i in range(3)]
            win = x[n, lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2], :]
            shape = win.shape[:3]
            flat = win.reshape(-1, C)
            d = dy[(n,) + o]
            if kind == 'max':
                idx = np.argmax(flat, axis=0)
                y[(n,) + o] = flat[idx, np.arange(C)]
                for c in range(C):
                    a, b, e = np.unravel_index(idx[c], shape)
                    dx[n, lo[0] + a, lo[1] + b, lo[2] + e, c] += d[c]
            else:
                y[(n,) + o] = flat.mean(axis=0)
                dx[n, lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2], :] += d / flat.shape[0]
    for _ in range(3 - sp):
        y = y[:, 0]; dx = dx[:, 0]
    return [y, dx]

out = []
for c in INPUT:
    r = pool(dec(c['x']), dec(c['dy']), c['k'], c['s'], c['padding'], c['kind'])
    out.append([enc(a) for a in r])
print(json.dumps(out))
`;

function raw(t: T): RawArray { return { dtype: t.dtype.name, shape: [...t.dims], data: t.numpy().data as ArrayBufferView }; }

interface Case { name: string; kind: "max" | "avg"; x: number[]; k: number[]; s: number[]; padding: "SAME" | "VALID" | number[][]; levels?: number }

const CASES: Case[] = [
  { name: "max 2x2/2 VALID", kind: "max", x: [2, 6, 6, 3], k: [2, 2], s: [2, 2], padding: "VALID" },
  { name: "max 3x3/2 SAME, odd sizes", kind: "max", x: [1, 7, 8, 2], k: [3, 3], s: [2, 2], padding: "SAME" },
  { name: "max 3x2/1 SAME, many ties", kind: "max", x: [2, 5, 5, 2], k: [3, 2], s: [1, 1], padding: "SAME", levels: 3 },
  { name: "max 2x3/(1,2) VALID, ties", kind: "max", x: [1, 6, 7, 2], k: [2, 3], s: [1, 2], padding: "VALID", levels: 2 },
  { name: "max explicit paddings", kind: "max", x: [1, 5, 5, 1], k: [3, 3], s: [2, 2], padding: [[1, 1], [0, 2]] },
  { name: "avg 2x2/2 VALID", kind: "avg", x: [2, 6, 6, 3], k: [2, 2], s: [2, 2], padding: "VALID" },
  { name: "avg 3x3/2 SAME (padding not counted)", kind: "avg", x: [1, 7, 8, 2], k: [3, 3], s: [2, 2], padding: "SAME" },
  { name: "avg 3x3/1 SAME", kind: "avg", x: [1, 4, 5, 1], k: [3, 3], s: [1, 1], padding: "SAME" },
  { name: "max 1-D", kind: "max", x: [2, 9, 2], k: [3], s: [2], padding: "SAME", levels: 4 },
  { name: "avg 1-D", kind: "avg", x: [2, 9, 2], k: [2], s: [1], padding: "VALID" },
  { name: "max 3-D", kind: "max", x: [1, 4, 5, 4, 2], k: [2, 2, 3], s: [2, 2, 1], padding: "SAME", levels: 3 },
  { name: "avg 3-D", kind: "avg", x: [1, 5, 4, 4, 1], k: [3, 2, 2], s: [2, 2, 2], padding: "SAME" },
];

function run(c: Case, x: T): T {
  const sp = c.x.length - 2;
  if (sp === 1) return c.kind === "max" ? tf.nn.maxPool1d(x, c.k, c.s, c.padding) : tf.nn.avgPool1d(x, c.k, c.s, c.padding as "SAME");
  if (sp === 2) {
    const padding = typeof c.padding === "string" ? c.padding : [[0, 0], ...c.padding, [0, 0]];
    return c.kind === "max" ? tf.nn.maxPool2d(x, c.k, c.s, padding) : tf.nn.avgPool2d(x, c.k, c.s, c.padding as "SAME");
  }
  return c.kind === "max" ? tf.nn.maxPool3d(x, c.k, c.s, c.padding as "SAME") : tf.nn.avgPool3d(x, c.k, c.s, c.padding as "SAME");
}

describe("tf.nn pooling against numpy", { skip: noNumpy }, () => {
  for (const dtype of ["float64", "float32"] as const) {
    test(`forward and gradient (${dtype}): max exactly, with the gradient at the first maximum; avg to rounding`, () => {
      // MaxPool3D is registered for half, bfloat16 and float only (as in TensorFlow).
      const runs = CASES.filter((c) => dtype === "float32" || !(c.kind === "max" && c.x.length === 5)).map((c) => {
        const x = rand(c.x, c.levels).cast(dtype);
        const y = run(c, x);
        const dy = rand([...y.dims]).cast(dtype);
        const tape = new tf.GradientTape();
        const loss = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.multiply(run(c, x), dy)); });
        const dx = tape.gradient(loss, x) as T;
        return { c, x, y, dy, dx };
      });
      const want = (runPython(ORACLE, runs.map((r) => ({
        x: encodeArray(raw(r.x.cast("float64"))), dy: encodeArray(raw(r.dy.cast("float64"))), k: r.c.k, s: r.c.s, padding: r.c.padding, kind: r.c.kind,
      }))) as Parameters<typeof decodeArray>[0][][]).map((o) => o.map(decodeArray));
      runs.forEach((r, i) => {
        const [y, dx] = want[i]! as [RawArray, RawArray];
        assert.deepEqual([...r.y.dims], y.shape, `${r.c.name}: shape`);
        assert.equal(r.y.dtype.name, dtype);
        const ey = Array.from(y.data as Float64Array), edx = Array.from(dx.data as Float64Array);
        const tol = dtype === "float64" ? 1e-13 : 1e-6;
        if (r.c.kind === "max" && dtype === "float64") {
          assert.deepEqual(vals(r.y), ey, `${r.c.name}: values`);
          assert.deepEqual(vals(r.dx), edx, `${r.c.name}: gradient`);
        } else {
          vals(r.y).forEach((v, j) => assert.ok(Math.abs(v - ey[j]!) <= tol * Math.max(1, Math.abs(ey[j]!)), `${r.c.name}: ${j}: ${v} vs ${ey[j]}`));
          vals(r.dx).forEach((v, j) => assert.ok(Math.abs(v - edx[j]!) <= tol * Math.max(1, Math.abs(edx[j]!)), `${r.c.name}: grad ${j}: ${v} vs ${edx[j]}`));
        }
      });
    });
  }
});

describe("tf.nn pooling: TensorFlow's values", () => {
  test("ties: the whole gradient goes to the first maximum of each window (row-major)", () => {
    const x = tf.constant([[[[1], [3], [3]], [[3], [2], [3]], [[0], [3], [1]]]], "float64");
    const tape = new tf.GradientTape();
    const y = tape.record(() => { tape.watch(x); return tf.nn.maxPool2d(x, 2, 1, "VALID"); });
    assert.deepEqual(vals(y), [3, 3, 3, 3]);
    const dx = tape.gradient(y, x) as T;
    // windows (0,0),(0,1),(1,0),(1,1): first maxima at (0,1),(0,1),(1,0),(1,2)
    assert.deepEqual(vals(dx), [0, 2, 0, 1, 0, 1, 0, 0, 0]);
  });

  test("SAME average counts only the in-bounds elements", () => {
    const x = tf.constant([[[[1], [2]], [[3], [4]]]]);
    assert.deepEqual(vals(tf.nn.avgPool2d(x, 2, 1, "SAME")), [2.5, 3, 3.5, 4]);
    assert.deepEqual(vals(tf.nn.maxPool2d(x, 2, 1, "SAME")), [4, 4, 4, 4]);
  });

  test("dtypes: max pooling of integers and halves; avg pooling of floats", () => {
    const x = tf.constant(new Int32Array([5, -7, 3, 9, 2, 2, -1, 8, 0]), "int32", [1, 3, 3, 1]);
    const y = tf.nn.maxPool2d(x, 2, 1, "VALID");
    assert.equal(y.dtype.name, "int32");
    assert.deepEqual(vals(y), [9, 3, 9, 8]);
    const big = tf.constant(new BigInt64Array([1n << 60n, 3n, -(1n << 61n), 7n]), "int64", [1, 2, 2, 1]);
    assert.deepEqual(tf.nn.maxPool2d(big, 2, 2, "VALID").numpy().tolist(), [[[[1n << 60n]]]]);
    for (const d of ["float16", "bfloat16"] as const) {
      const h = tf.nn.avgPool2d(x.cast(d), 3, 3, "VALID");
      assert.equal(h.dtype.name, d);
      assert.deepEqual(vals(h), [d === "float16" ? 2.333984375 : 2.328125]);
    }
  });

  test("max_pool/avg_pool dispatch by rank; tf.nn.pool", () => {
    const x2 = rand([1, 4, 4, 2]);
    assert.deepEqual(vals(tf.nn.maxPool(x2, 2, 2, "VALID")), vals(tf.nn.maxPool2d(x2, 2, 2, "VALID")));
    assert.deepEqual(vals(tf.nn.pool(x2, [2, 2], "MAX", [2, 2], "VALID")), vals(tf.nn.maxPool2d(x2, 2, 2, "VALID")));
    assert.deepEqual(vals(tf.nn.pool(x2, [3, 3], "AVG", [1, 1], "SAME")), vals(tf.nn.avgPool2d(x2, 3, 1, "SAME")));
    const x1 = rand([2, 6, 1]);
    assert.deepEqual(vals(tf.nn.avgPool(x1, 2, 2, "VALID")), vals(tf.nn.avgPool1d(x1, 2, 2, "VALID")));
    const x3 = rand([1, 4, 4, 4, 1]).cast("float32");
    assert.deepEqual(vals(tf.nn.maxPool(x3, 2, 2, "SAME")), vals(tf.nn.maxPool3d(x3, 2, 2, "SAME")));
    assert.deepEqual(vals(tf.nn.pool(x3, [2, 2, 2], "AVG", 2)), vals(tf.nn.avgPool3d(x3, 2, 2, "VALID")));
  });
});

describe("tf.nn pooling: float64 finite differences", () => {
  // Well-separated values keep every window's maximum unique under the ±1e-6 perturbation.
  function distinct(dims: number[]): T {
    const n = dims.reduce((a, b) => a * b, 1);
    const perm = Array.from({ length: n }, (_, i) => i).sort(() => rng() - 0.5);
    return tf.constant(Float64Array.from(perm, (p) => p * 0.37 - 3), "float64", dims);
  }
  test("max and avg pools, 1-D, 2-D and 3-D", () => {
    checkGradients((x) => tf.nn.maxPool2d(x!, 3, 2, "SAME"), [distinct([1, 5, 4, 2])]);
    checkGradients((x) => tf.nn.avgPool2d(x!, [2, 3], [1, 2], "SAME"), [rand([1, 4, 5, 2])]);
    checkGradients((x) => tf.nn.maxPool1d(x!, 2, 1, "VALID"), [distinct([2, 5, 1])]);
    checkGradients((x) => tf.nn.avgPool3d(x!, 2, 1, "VALID"), [rand([1, 3, 3, 3, 1])]);
  });
  test("second order: MaxPoolGrad's gradient (MaxPoolGradGrad) and AvgPoolGrad's", () => {
    const x = distinct([1, 4, 4, 1]);
    checkGradients((dy) => {
      const tape = new tf.GradientTape();
      const l = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.multiply(tf.nn.maxPool2d(x, 2, 1, "SAME"), dy!)); });
      return tape.gradient(l, x) as T;
    }, [rand([1, 4, 4, 1])]);
    const xa = rand([1, 4, 4, 1]);
    checkGradients((dy) => {
      const tape = new tf.GradientTape();
      const l = tape.record(() => { tape.watch(xa); return tf.reduceSum(tf.multiply(tf.nn.avgPool2d(xa, 3, 2, "SAME"), dy!)); });
      return tape.gradient(l, xa) as T;
    }, [rand([1, 2, 2, 1])]);
  });
});

describe("tf.nn pooling: TensorFlow's errors", () => {
  const x = tf.zeros([1, 4, 4, 2]);
  const cases: [string, () => unknown, string, string][] = [
    ["NCHW on the CPU", () => tf.nn.maxPool2d(x, 2, 2, "VALID", { dataFormat: "NCHW" }), "UnimplementedError",
      "Default MaxPoolingOp only supports NHWC on device type CPU [Op:MaxPool]"],
    ["avg NCHW on the CPU", () => tf.nn.avgPool2d(x, 2, 2, "VALID", { dataFormat: "NCHW" }), "UnimplementedError",
      "Default AvgPoolingOp only supports NHWC on device type CPU [Op:AvgPool]"],
    ["input of rank 3", () => tf.nn.maxPool2d(tf.zeros([4, 4, 2]), 2, 2, "VALID"), "InvalidArgumentError",
      "tensor_in must be 4-dimensional [Op:MaxPool]"],
    ["pooling over the batch", () => tf.nn.maxPool2d(x, [2, 1, 1, 1], 1, "VALID"), "InvalidArgumentError",
      "Pooling is not yet supported on the batch dimension. [Op:MaxPool]"],
    ["ksize of length 3", () => tf.nn.maxPool2d(x, [1, 2, 2], 1, "VALID"), "ValueError",
      "ksize should be of length 1, 2 or 4. Received: ksize=[1, 2, 2] of length 3"],
    ["window larger than the input", () => tf.nn.avgPool2d(tf.zeros([1, 2, 2, 1]), 5, 1, "VALID"), "InvalidArgumentError",
      "Computed output size would be negative: -2 [input_size: 2, effective_filter_size: 5, stride: 1] [Op:AvgPool]"],
    ["avg pool of int32", () => tf.nn.avgPool2d(tf.zeros([1, 2, 2, 1], "int32"), 1, 1, "VALID"), "InvalidArgumentError",
      "Value for attr 'T' of int32 is not in the list of allowed values: half, bfloat16, float, double [Op:AvgPool]"],
    ["max pool 3-D of float64", () => tf.nn.maxPool3d(tf.zeros([1, 2, 2, 2, 1], "float64"), 1, 1, "VALID"), "InvalidArgumentError",
      "Value for attr 'T' of double is not in the list of allowed values: half, bfloat16, float [Op:MaxPool3D]"],
    ["3-D stride on the batch", () => tf.nn.maxPool3d(tf.zeros([1, 2, 2, 2, 1]), 1, [2, 1, 1, 1, 1], "VALID"), "InvalidArgumentError",
      "Pooling is not yet supported on the batch dimension. [Op:MaxPool3D]"],
  ];
  for (const [what, f, name, message] of cases) {
    test(what, () => assert.throws(f, (e: Error) => {
      assert.equal(e.name, name);
      assert.equal(e.message, message);
      return true;
    }));
  }
});

describe("3-D max pooling's second order (MaxPool3DGradGrad), float32", () => {
  test("on a depth of 1 it equals the 2-D pool's, first and second order, exactly", () => {
    const x = tf.constant(Float32Array.from({ length: 2 * 5 * 6 * 2 }, (_, i) => ((i * 37) % 23) - 11), "float32", [2, 5, 6, 2]);
    const v = tf.constant(Float32Array.from({ length: 2 * 5 * 6 * 2 }, (_, i) => ((i * 13) % 7) - 3), "float32", [2, 5, 6, 2]);
    const second = (pool: (t: T) => T, input: T, dir: T): [T, T] => {
      const outer = new tf.GradientTape();
      const [g, gg] = (() => {
        let gradient: T | undefined;
        const s = outer.record(() => {
          const inner = new tf.GradientTape();
          outer.watch(dir);
          const l = inner.record(() => { inner.watch(input); return tf.reduceSum(tf.multiply(pool(input), pool(dir))); });
          gradient = inner.gradient(l, input) as T;
          return tf.reduceSum(tf.multiply(gradient, gradient));
        });
        return [gradient!, outer.gradient(s, dir) as T];
      })();
      return [g, gg];
    };
    const [g2, gg2] = second((t) => tf.nn.maxPool2d(t, [2, 3], [1, 2], "SAME"), x, v);
    const [g3, gg3] = second((t) => tf.nn.maxPool3d(t, [1, 2, 3], [1, 1, 2], "SAME"), tf.expandDims(x, 1), tf.expandDims(v, 1));
    assert.deepEqual(vals(tf.squeeze(g3, [1])), vals(g2));
    assert.deepEqual(vals(tf.squeeze(gg3, [1])), vals(gg2));
    assert.ok(vals(gg2).some((e) => e !== 0), "the second-order gradient is not trivially zero");
  });
});

describe("tf.nn.maxPoolWithArgmax", () => {
  test("pooling_ops_test's cases: values, int64 argmax within the image, or with the batch", () => {
    const x = tf.constant([1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0], "float32", [2, 3, 3, 1]);
    const [out, argmax] = tf.nn.maxPoolWithArgmax(x, 2, 1, "VALID");
    assert.deepEqual(out.numpy().tolist(), [[[[1], [1]], [[1], [1]]], [[[1], [1]], [[1], [1]]]]);
    assert.equal(argmax.dtype.name, "int64");
    assert.deepEqual(Array.from(argmax.numpy().data as BigInt64Array, Number), [0, 1, 3, 5, 4, 4, 4, 4]);
    const [, withBatch] = tf.nn.maxPoolWithArgmax(x, [2, 2], [1, 1], "VALID", { includeBatchInIndex: true, outputDtype: "int32" });
    assert.equal(withBatch.dtype.name, "int32");
    assert.deepEqual(Array.from(withBatch.numpy().data as Int32Array), [0, 1, 3, 5, 13, 13, 13, 13]);
  });

  test("equals max_pool2d, argmax is each window's first maximum; the gradient sums at the argmax", () => {
    for (const [dims, k, s, padding, levels] of [[[2, 5, 6, 3], [3, 2], [2, 1], "SAME", 3], [[1, 6, 6, 2], [2, 2], [2, 2], "VALID", 0]] as const) {
      const x = rand([...dims], levels);
      const [out, argmax] = tf.nn.maxPoolWithArgmax(x, [...k], [...s], padding);
      assert.deepEqual(vals(out), vals(tf.nn.maxPool2d(x, [...k], [...s], padding)));
      const X = vals(x), [, H, W, C] = dims;
      const arg = Array.from(argmax.numpy().data as BigInt64Array, Number);
      const [, OH, OW] = out.dims as number[];
      const padTop = padding === "SAME" ? Math.max((OH! - 1) * s[0] + k[0] - H, 0) >> 1 : 0;
      const padLeft = padding === "SAME" ? Math.max((OW! - 1) * s[1] + k[1] - W, 0) >> 1 : 0;
      let o = 0;
      for (let b = 0; b < dims[0]; b++) for (let oy = 0; oy < OH!; oy++) for (let ox = 0; ox < OW!; ox++) for (let c = 0; c < C; c++, o++) {
        let best = -1;
        for (let ky = 0; ky < k[0]; ky++) for (let kx = 0; kx < k[1]; kx++) {
          const y = oy * s[0] - padTop + ky, xx = ox * s[1] - padLeft + kx;
          if (y < 0 || y >= H || xx < 0 || xx >= W) continue;
          const i = (y * W + xx) * C + c;
          if (best < 0 || X[b * H * W * C + i]! > X[b * H * W * C + best]!) best = i;
        }
        assert.equal(arg[o], best);
      }
      const dy = rand(out.shape.asList() as number[]);
      const tape = new tf.GradientTape();
      tape.watch(x);
      const y = tape.record(() => tf.reduceSum(tf.multiply(tf.nn.maxPoolWithArgmax(x, [...k], [...s], padding)[0], dy)));
      const tape2 = new tf.GradientTape();
      tape2.watch(x);
      const y2 = tape2.record(() => tf.reduceSum(tf.multiply(tf.nn.maxPool2d(x, [...k], [...s], padding), dy)));
      assert.deepEqual(vals(tape.gradient(y, x) as T), vals(tape2.gradient(y2, x) as T));
    }
  });

  test("second order: the gradient's gradient reads the input gradient at the argmax", () => {
    const x = rand([1, 4, 4, 1]);
    checkGradients((t) => {
      const inner = new tf.GradientTape();
      inner.watch(t);
      const y = inner.record(() => tf.reduceSum(tf.square(tf.nn.maxPoolWithArgmax(t, 2, 2, "VALID")[0])));
      return inner.gradient(y, t) as T;
    }, [x]);
  });

  test("errors as TensorFlow's", () => {
    assert.throws(() => tf.nn.maxPoolWithArgmax(tf.zeros([1, 1, 4, 4]), 2, 2, "VALID", { dataFormat: "NCHW" }), (e: unknown) =>
      e instanceof tf.errors.ValueError && e.message === "`data_format` values other  than 'NHWC' are not supported. Received: data_format=NCHW");
    assert.throws(() => tf.nn.maxPoolWithArgmax(tf.zeros([4, 4]), 2, 2, "VALID"), tf.errors.InvalidArgumentError);
  });
});

test("tf.nn.pool with dilations: each output reduces input[x + d·z] (VALID), through space_to_batch as TensorFlow", () => {
  for (const [kind, dimsIn, k, d, format] of [["MAX", [2, 9, 7, 3], [2, 3], [2, 2], "NHWC"], ["AVG", [1, 10, 2], [3], [3], "NWC"],
    ["AVG", [1, 2, 6, 5, 4], [2, 2, 2], [2, 1, 2], "NCDHW"]] as const) {
    const dims: readonly number[] = dimsIn;
    const x = rand([...dims]);
    const y = tf.nn.pool(x, [...k], kind, undefined, "VALID", { dataFormat: format, dilations: [...d] });
    const X = vals(x), Y = vals(y);
    const cf = format.startsWith("NC");
    const sp = cf ? dims.slice(2) : dims.slice(1, -1), C = cf ? dims[1]! : dims.at(-1)!;
    const outSp = sp.map((s, i) => s - (k[i]! - 1) * d[i]!);
    assert.deepEqual(y.shape.asList(), cf ? [dims[0], C, ...outSp] : [dims[0], ...outSp, C]);
    const strides = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
    const at = (b: number, pos: number[], c: number): number => {
      const idx = cf ? [b, c, ...pos] : [b, ...pos, c];
      return X[idx.reduce((s, v, i) => s + v * strides[i]!, 0)]!;
    };
    const outDims = y.dims as number[];
    const outStrides = outDims.map((_, i) => outDims.slice(i + 1).reduce((a, b) => a * b, 1));
    const total = outSp.reduce((a, b) => a * b, 1);
    for (let b = 0; b < dims[0]!; b++) for (let c = 0; c < C; c++) for (let o = 0; o < total; o++) {
      const pos: number[] = [];
      let r = o;
      for (let i = outSp.length - 1; i >= 0; i--) { pos.unshift(r % outSp[i]!); r = Math.floor(r / outSp[i]!); }
      const taps: number[] = [];
      const window = (k as readonly number[]).reduce((a, b) => a * b, 1);
      for (let z = 0; z < window; z++) {
        const zs: number[] = [];
        let q = z;
        for (let i = k.length - 1; i >= 0; i--) { zs.unshift(q % k[i]!); q = Math.floor(q / k[i]!); }
        taps.push(at(b, pos.map((p, i) => p + d[i]! * zs[i]!), c));
      }
      const want = kind === "MAX" ? Math.max(...taps) : taps.reduce((a, v) => a + v, 0) / taps.length;
      const oi = (cf ? [b, c, ...pos] : [b, ...pos, c]).reduce((s, v, i) => s + v * outStrides[i]!, 0);
      assert.ok(Math.abs(Y[oi]! - want) < 1e-12, `${kind} ${format} at ${oi}: ${Y[oi]} vs ${want}`);
    }
  }
  const x = rand([1, 6, 6, 1]);
  assert.throws(() => tf.nn.pool(x, [2, 2], "MAX", undefined, "SAME", { dilations: 2 }), (e: unknown) =>
    e instanceof tf.errors.ValueError && e.message === "pooling with SAME padding is not implemented for dilation_rate > 1");
  assert.throws(() => tf.nn.pool(x, [2, 2], "MAX", 2, "VALID", { dilations: 2 }), (e: unknown) =>
    e instanceof tf.errors.ValueError && e.message === "strides > 1 not supported in conjunction with dilation_rate > 1");
  assert.throws(() => tf.nn.pool(x, [2, 2], "MAX", 3, "VALID"), (e: unknown) =>
    e instanceof tf.errors.ValueError && e.message.startsWith("strides > window_shape not supported"));
});
