// tf.nn's convolutions: conv2d (SAME, VALID, explicit paddings, strides, dilations, groups,
// batch dimensions beyond the first), conv1d, conv3d, conv2d/1d/3d_transpose, depthwise and
// separable convolutions and tf.nn.convolution, against a convolution written here in numpy
// (padding arithmetic included), forward and both gradients (the tape runs TensorFlow's
// backprop ops); TensorFlow's docstring example; float64 finite differences of every
// gradient, second order included; dtypes; TensorFlow's error classes and messages.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "tsflow";
import { numpyAvailable } from "./helpers/array_oracle.js";
import { decodeArray, encodeArray, runPython, type RawArray } from "./helpers/numpy_oracle.js";
import { checkGradients } from "./helpers/finite_difference.js";
import { mulberry32 } from "./helpers/random.js";

type T = tf.Tensor;
const noNumpy = numpyAvailable() ? false : "python3 with numpy is not available";
const rng = mulberry32(1515);
function rand(dims: number[], dtype: "float32" | "float64" = "float64"): T {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.constant(Float64Array.from({ length: n }, () => 4 * rng() - 2), "float64", dims).cast(dtype);
}
/** y = f(x, w), a random dy of y's shape, and the tape's gradients of sum(y * dy). */
function withGrads(f: (x: T, w: T) => T, x: T, w: T, dtype: "float32" | "float64"): { y: T; dy: T; dx: T; dw: T } {
  const y = f(x, w);
  const dy = rand([...y.dims], dtype);
  const tape = new tf.GradientTape();
  const loss = tape.record(() => { tape.watch([x, w]); return tf.reduceSum(tf.multiply(f(x, w), dy)); });
  const [dx, dw] = tape.gradient(loss, [x, w]) as [T, T];
  return { y, dy, dx, dw };
}
const vals = (t: T): number[] => Array.from(t.numpy().data as ArrayLike<number>, Number);

// The oracle: a channels-last convolution over 3 spatial axes (1-/2-D inputs get axes of 1),
// one einsum per filter tap on a numpy-padded input; SAME/VALID padding computed here as
// TensorFlow documents it; the input and filter gradients are the same taps transposed.
const ORACLE = `
def geo(n, k, s, d, p):
    eff = (k - 1) * d + 1
    if p == 'VALID':
        return (n - eff) // s + 1, 0, 0
    if p == 'SAME':
        out = -(-n // s)
        need = max((out - 1) * s + eff - n, 0)
        return out, need // 2, need - need // 2
    b, a = p
    return (n + b + a - eff) // s + 1, b, a

def conv(x, w, dy, strides, dil, padding, groups, depthwise):
    sp = x.ndim - 2
    while x.ndim < 5:
        x = x[:, None]; w = w[None]
        if dy is not None: dy = dy[:, None]
    strides = [1] * (3 - sp) + strides; dil = [1] * (3 - sp) + dil
    if not isinstance(padding, str): padding = [[0, 0]] * (3 - sp) + padding
    N, C = x.shape[0], x.shape[4]
    KD, KH, KW = w.shape[:3]
    wshape = w.shape
    if depthwise:
        w = w.reshape(KD, KH, KW, 1, -1); groups = C
    cg, O = w.shape[3], w.shape[4]
    G = groups; opg = O // G
    g = [geo(x.shape[1 + i], w.shape[i], strides[i], dil[i], padding if isinstance(padding, str) else padding[i]) for i in range(3)]
    out = [t[0] for t in g]
    xp = np.pad(x, [(0, 0)] + [(t[1], t[2]) for t in g] + [(0, 0)])
    y = np.zeros((N, *out, O)); dxp = np.zeros_like(xp); dw = np.zeros_like(w)
    dyr = None if dy is None else dy.reshape(N, *out, G, opg)
    for kd in range(KD):
        for kh in range(KH):
            for kw in range(KW):
                sl = tuple(slice(k * dil[i], k * dil[i] + (out[i] - 1) * strides[i] + 1, strides[i]) for i, k in enumerate((kd, kh, kw)))
                idx = (slice(None),) + sl + (slice(None),)
                xs = xp[idx].reshape(N, *out, G, cg)
                wt = w[kd, kh, kw].reshape(cg, G, opg)
                y += np.einsum('ndhwgc,cgo->ndhwgo', xs, wt).reshape(N, *out, O)
                if dyr is not None:
                    dxp[idx] += np.einsum('ndhwgo,cgo->ndhwgc', dyr, wt).reshape(N, *out, C)
                    dw[kd, kh, kw] = np.einsum('ndhwgc,ndhwgo->cgo', xs, dyr).reshape(cg, O)
    crop = (slice(None),) + tuple(slice(t[1], t[1] + x.shape[1 + i]) for i, t in enumerate(g)) + (slice(None),)
    dx = dxp[crop]; dw = dw.reshape(wshape)
    shape_y = list(y.shape); shape_x = list(x.shape)
    for _ in range(3 - sp):
        y = y[:, 0]; dx = dx[:, 0]; dw = dw[0]
    return [y, dx, dw]

out = []
for c in INPUT:
    x = dec(c['x']); w = dec(c['w']); dy = dec(c['dy']) if 'dy' in c else None
    r = conv(x, w, dy, c['strides'], c['dil'], c['padding'], c['groups'], c['depthwise'])
    out.append([enc(a) for a in r])
print(json.dumps(out))
`;

interface Case {
  name: string;
  x: number[]; w: number[];
  strides: number[]; dil: number[];
  padding: "SAME" | "VALID" | number[][];
  groups?: number; depthwise?: boolean;
}

function raw(t: T): RawArray { return { dtype: t.dtype.name, shape: [...t.dims], data: t.numpy().data as ArrayBufferView }; }

function oracle(cases: { x: T; w: T; dy?: T; strides: number[]; dil: number[]; padding: Case["padding"]; groups: number; depthwise: boolean }[]): RawArray[][] {
  const input = cases.map((c) => ({
    x: encodeArray(raw(c.x)), w: encodeArray(raw(c.w)), ...(c.dy ? { dy: encodeArray(raw(c.dy)) } : {}),
    strides: c.strides, dil: c.dil, padding: c.padding, groups: c.groups, depthwise: c.depthwise,
  }));
  return (runPython(ORACLE, input) as Parameters<typeof decodeArray>[0][][]).map((r) => r.map(decodeArray));
}

function assertClose(t: T, want: RawArray, what: string, rtol: number): void {
  assert.deepEqual([...t.dims], want.shape, `${what}: shape`);
  const got = vals(t), exp = Array.from(want.data as Float64Array, Number);
  const scale = Math.max(1, ...exp.map(Math.abs));
  got.forEach((g, i) => assert.ok(Math.abs(g - exp[i]!) <= rtol * scale, `${what}: element ${i}: ${g} vs numpy ${exp[i]}`));
}

// 2-D cases: [name, input dims, filter dims, strides (H, W), dilations, padding, groups].
const CASES_2D: Case[] = [
  { name: "3x3 SAME", x: [2, 6, 7, 3], w: [3, 3, 3, 4], strides: [1, 1], dil: [1, 1], padding: "SAME" },
  { name: "3x3 VALID", x: [1, 6, 7, 3], w: [3, 3, 3, 2], strides: [1, 1], dil: [1, 1], padding: "VALID" },
  { name: "stride 2 SAME (odd sizes, uneven padding)", x: [2, 7, 8, 2], w: [3, 2, 2, 3], strides: [2, 2], dil: [1, 1], padding: "SAME" },
  { name: "strides 3x2 VALID (leftover rows)", x: [1, 8, 7, 2], w: [2, 3, 2, 2], strides: [3, 2], dil: [1, 1], padding: "VALID" },
  { name: "dilation 2 SAME", x: [1, 7, 7, 2], w: [3, 3, 2, 2], strides: [1, 1], dil: [2, 2], padding: "SAME" },
  { name: "dilation 2x1 VALID, stride 2", x: [1, 9, 6, 1], w: [2, 3, 1, 2], strides: [2, 1], dil: [2, 1], padding: "VALID" },
  { name: "explicit paddings", x: [1, 5, 6, 2], w: [3, 3, 2, 3], strides: [1, 2], dil: [1, 1], padding: [[0, 0], [1, 2], [0, 3], [0, 0]] },
  { name: "1x1", x: [2, 4, 5, 6], w: [1, 1, 6, 4], strides: [1, 1], dil: [1, 1], padding: "SAME" },
  { name: "1x1 stride 2", x: [1, 5, 5, 3], w: [1, 1, 3, 2], strides: [2, 2], dil: [1, 1], padding: "VALID" },
  { name: "filter as large as the input", x: [2, 3, 4, 2], w: [3, 4, 2, 3], strides: [1, 1], dil: [1, 1], padding: "VALID" },
  { name: "grouped (2 groups)", x: [1, 5, 5, 4], w: [3, 3, 2, 6], strides: [1, 1], dil: [1, 1], padding: "SAME", groups: 2 },
  { name: "filter larger than the input, SAME", x: [1, 2, 2, 1], w: [3, 3, 1, 1], strides: [1, 1], dil: [1, 1], padding: "SAME" },
];

function explicitFor(p: Case["padding"]): "SAME" | "VALID" | number[][] {
  return p;
}

describe("tf.nn.conv2d against numpy", { skip: noNumpy }, () => {
  test("forward, input gradient and filter gradient (float64; the tape runs Conv2DBackpropInput/Filter)", () => {
    const runs = CASES_2D.map((c) => {
      const x = rand(c.x), w = rand(c.w);
      const { y, dy, dx, dw } = withGrads((x, w) => tf.nn.conv2d(x, w, c.strides, explicitFor(c.padding), { dilations: c.dil }), x, w, "float64");
      const padding = typeof c.padding === "string" ? c.padding : c.padding.slice(1, 3);
      return { c, x, w, dy, y, dx, dw, padding };
    });
    const want = oracle(runs.map((r) => ({ x: r.x, w: r.w, dy: r.dy, strides: r.c.strides, dil: r.c.dil, padding: r.padding, groups: r.c.groups ?? 1, depthwise: false })));
    runs.forEach((r, i) => {
      assertClose(r.y, want[i]![0]!, `${r.c.name}: output`, 1e-12);
      assertClose(r.dx, want[i]![1]!, `${r.c.name}: input gradient`, 1e-12);
      assertClose(r.dw, want[i]![2]!, `${r.c.name}: filter gradient`, 1e-12);
    });
  });

  test("float32 (native kernels where the addon loads) within float32 rounding of numpy's float64 result", () => {
    const cases = [...CASES_2D, { name: "resnet-like", x: [2, 14, 14, 16], w: [3, 3, 16, 16], strides: [1, 1], dil: [1, 1], padding: "SAME" } as Case];
    const runs = cases.map((c) => {
      const x = rand(c.x, "float32"), w = rand(c.w, "float32");
      const { y, dy, dx, dw } = withGrads((x, w) => tf.nn.conv2d(x, w, c.strides, c.padding, { dilations: c.dil }), x, w, "float32");
      const padding = typeof c.padding === "string" ? c.padding : c.padding.slice(1, 3);
      return { c, x, w, dy, y, dx, dw, padding };
    });
    const want = oracle(runs.map((r) => ({ x: r.x.cast("float64"), w: r.w.cast("float64"), dy: r.dy.cast("float64"), strides: r.c.strides, dil: r.c.dil, padding: r.padding, groups: r.c.groups ?? 1, depthwise: false })));
    runs.forEach((r, i) => {
      assertClose(r.y, want[i]![0]!, `${r.c.name}: output`, 2e-6);
      assertClose(r.dx, want[i]![1]!, `${r.c.name}: input gradient`, 2e-6);
      assertClose(r.dw, want[i]![2]!, `${r.c.name}: filter gradient`, 2e-6);
    });
  });

  test("batch dimensions beyond the first are folded, as TensorFlow's squeeze_batch_dims", () => {
    const x = rand([2, 3, 5, 5, 2]), w = rand([3, 3, 2, 2]);
    const y = tf.nn.conv2d(x, w, 1, "SAME");
    assert.deepEqual(y.dims, [2, 3, 5, 5, 2]);
    const flat = tf.nn.conv2d(tf.reshape(x, [6, 5, 5, 2]), w, 1, "SAME");
    assert.deepEqual(vals(y), vals(flat));
  });
});

describe("conv1d, conv3d, transposes, depthwise and separable against numpy", { skip: noNumpy }, () => {
  test("conv1d (NWC; stride, dilation, SAME/VALID) is Conv2D on a height of 1", () => {
    const cases = [
      { x: [2, 9, 3], w: [3, 3, 2], stride: 1, dil: 1, padding: "SAME" as const },
      { x: [1, 10, 2], w: [4, 2, 3], stride: 2, dil: 1, padding: "VALID" as const },
      { x: [1, 8, 1], w: [2, 1, 2], stride: 1, dil: 3, padding: "SAME" as const },
    ];
    const runs = cases.map((c) => {
      const x = rand(c.x), w = rand(c.w);
      const { y, dy, dx, dw } = withGrads((x, w) => tf.nn.conv1d(x, w, c.stride, c.padding, { dilations: c.dil }), x, w, "float64");
      return { c, x, w, dy, y, dx, dw };
    });
    const want = oracle(runs.map((r) => ({ x: r.x, w: r.w, dy: r.dy, strides: [r.c.stride], dil: [r.c.dil], padding: r.c.padding, groups: 1, depthwise: false })));
    runs.forEach((r, i) => {
      assertClose(r.y, want[i]![0]!, `conv1d ${i}`, 1e-12);
      assertClose(r.dx, want[i]![1]!, `conv1d ${i} dx`, 1e-12);
      assertClose(r.dw, want[i]![2]!, `conv1d ${i} dw`, 1e-12);
    });
  });

  test("conv3d (NDHWC; SAME/VALID, strides) with both gradients", () => {
    const cases = [
      { x: [1, 4, 5, 4, 2], w: [2, 3, 2, 2, 3], strides: [1, 1, 1], padding: "SAME" as const },
      { x: [2, 5, 4, 6, 1], w: [3, 2, 3, 1, 2], strides: [2, 1, 2], padding: "VALID" as const },
    ];
    const runs = cases.map((c) => {
      const x = rand(c.x), w = rand(c.w);
      const { y, dy, dx, dw } = withGrads((x, w) => tf.nn.conv3d(x, w, [1, ...c.strides, 1], c.padding), x, w, "float64");
      return { c, x, w, dy, y, dx, dw };
    });
    const want = oracle(runs.map((r) => ({ x: r.x, w: r.w, dy: r.dy, strides: r.c.strides, dil: [1, 1, 1], padding: r.c.padding, groups: 1, depthwise: false })));
    runs.forEach((r, i) => {
      assertClose(r.y, want[i]![0]!, `conv3d ${i}`, 1e-12);
      assertClose(r.dx, want[i]![1]!, `conv3d ${i} dx`, 1e-12);
      assertClose(r.dw, want[i]![2]!, `conv3d ${i} dw`, 1e-12);
    });
  });

  test("depthwiseConv2d (multiplier 1 and 3, strides, rate) with both gradients", () => {
    const cases = [
      { x: [2, 6, 6, 3], w: [3, 3, 3, 1], strides: [1, 1, 1, 1], dil: [1, 1], padding: "SAME" as const },
      { x: [1, 7, 6, 2], w: [2, 3, 2, 3], strides: [1, 2, 2, 1], dil: [1, 1], padding: "VALID" as const },
      { x: [1, 7, 7, 2], w: [3, 3, 2, 2], strides: [1, 1, 1, 1], dil: [2, 2], padding: "SAME" as const },
    ];
    const runs = cases.map((c) => {
      const x = rand(c.x), w = rand(c.w);
      const { y, dy, dx, dw } = withGrads((x, w) => tf.nn.depthwiseConv2d(x, w, c.strides, c.padding, { dilations: c.dil }), x, w, "float64");
      return { c, x, w, dy, y, dx, dw };
    });
    const want = oracle(runs.map((r) => ({ x: r.x, w: r.w, dy: r.dy, strides: [r.c.strides[1]!, r.c.strides[2]!], dil: r.c.dil, padding: r.c.padding, groups: 1, depthwise: true })));
    runs.forEach((r, i) => {
      assertClose(r.y, want[i]![0]!, `depthwise ${i}`, 1e-12);
      assertClose(r.dx, want[i]![1]!, `depthwise ${i} dx`, 1e-12);
      assertClose(r.dw, want[i]![2]!, `depthwise ${i} dw`, 1e-12);
    });
  });

  test("conv2dTranspose is the input gradient of conv2d (numpy's transposed taps)", () => {
    // conv2d_transpose(dy, w, x_shape, strides, padding) == d(conv2d(x, w))/dx applied to dy.
    const cases = [
      { x: [2, 7, 8, 2], w: [3, 3, 2, 3], strides: [2, 2], padding: "SAME" as const },
      { x: [1, 6, 5, 3], w: [2, 2, 3, 2], strides: [1, 1], padding: "VALID" as const },
    ];
    const ys = cases.map((c) => {
      const x = rand(c.x), w = rand(c.w);
      const yShape = tf.nn.conv2d(x, w, c.strides, c.padding).dims;
      const dy = rand([...yShape]);
      return { c, x, w, dy, t: tf.nn.conv2dTranspose(dy, w, c.x, c.strides, c.padding) };
    });
    const want = oracle(ys.map((r) => ({ x: r.x, w: r.w, dy: r.dy, strides: r.c.strides, dil: [1, 1], padding: r.c.padding, groups: 1, depthwise: false })));
    ys.forEach((r, i) => assertClose(r.t, want[i]![1]!, `conv2dTranspose ${i}`, 1e-12));
  });

  test("conv1dTranspose and conv3dTranspose match conv1d/conv3d input gradients", () => {
    const x = rand([1, 9, 2]), w = rand([3, 2, 3]);
    const tape = new tf.GradientTape();
    const y = tf.nn.conv1d(x, w, 2, "SAME");
    const dy = rand([...y.dims]);
    const tapeL = tape.record(() => { tape.watch(x); return tf.reduceSum(tf.multiply(tf.nn.conv1d(x, w, 2, "SAME"), dy)); });
    const dx = tape.gradient(tapeL, x) as T;
    assert.deepEqual(vals(tf.nn.conv1dTranspose(dy, w, [1, 9, 3].map((d, i) => (i === 2 ? 2 : d)), 2, "SAME")), vals(dx));
    const x3 = rand([1, 4, 4, 4, 2]), w3 = rand([2, 2, 2, 2, 3]);
    const tape3 = new tf.GradientTape();
    const y3 = tf.nn.conv3d(x3, w3, [1, 2, 2, 2, 1], "VALID");
    const dy3 = rand([...y3.dims]);
    const tape3L = tape3.record(() => { tape3.watch(x3); return tf.reduceSum(tf.multiply(tf.nn.conv3d(x3, w3, [1, 2, 2, 2, 1], "VALID"), dy3)); });
    const dx3 = tape3.gradient(tape3L, x3) as T;
    assert.deepEqual(vals(tf.nn.conv3dTranspose(dy3, w3, [1, 4, 4, 4, 2], 2, "VALID")), vals(dx3));
  });

  test("separableConv2d is depthwise then a 1x1 conv; convolution dispatches by rank", () => {
    const x = rand([1, 5, 5, 2]), dw = rand([3, 3, 2, 2]), pw = rand([1, 1, 4, 3]);
    const s = tf.nn.separableConv2d(x, dw, pw, [1, 1, 1, 1], "SAME");
    const ref = tf.nn.conv2d(tf.nn.depthwiseConv2d(x, dw, [1, 1, 1, 1], "SAME"), pw, 1, "VALID");
    assert.deepEqual(s.dims, [1, 5, 5, 3]);
    assert.deepEqual(vals(s), vals(ref));
    const w2 = rand([2, 2, 2, 3]);
    assert.deepEqual(vals(tf.nn.convolution(x, w2, 1, "SAME")), vals(tf.nn.conv2d(x, w2, 1, "SAME")));
    const x1 = rand([1, 6, 2]), w1 = rand([2, 2, 2]);
    assert.deepEqual(vals(tf.nn.convolution(x1, w1)), vals(tf.nn.conv1d(x1, w1, 1, "VALID")));
    const x3 = rand([1, 3, 3, 3, 1]), w3 = rand([2, 2, 2, 1, 1]);
    assert.deepEqual(vals(tf.nn.convolution(x3, w3, 1, "VALID")), vals(tf.nn.conv3d(x3, w3, [1, 1, 1, 1, 1], "VALID")));
  });
});

describe("tf.nn.conv2d: TensorFlow's values, dtypes", () => {
  test("the docstring example (tf.nn.conv2d, VALID)", () => {
    const x = tf.constant([[[[2], [1], [2], [0], [1]], [[1], [3], [2], [2], [3]], [[1], [1], [3], [3], [0]], [[2], [2], [0], [1], [1]], [[0], [0], [3], [1], [2]]]]);
    const k = tf.constant([[[[2, 0.1]], [[3, 0.2]]], [[[0, 0.3]], [[1, 0.4]]]]);
    const y = tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID");
    assert.deepEqual(y.dims, [1, 4, 4, 2]);
    // Channel 0 has integer taps: exact.
    assert.deepEqual(vals(y).filter((_, i) => i % 2 === 0), [10, 10, 6, 6, 12, 15, 13, 13, 7, 11, 16, 7, 10, 7, 4, 7]);
    // Channel 1 as float32 arithmetic gives it (TensorFlow prints 1.9000001 for the first).
    assert.equal(String(y).split("\n")[1], "[[[[10.         1.9000001]");
  });

  test("float16, bfloat16, float64 and int32 (wrapping) run; other dtypes raise TensorFlow's attr error", () => {
    const x = tf.constant([[[[1], [2]], [[3], [4]]]]), w = tf.constant([[[[0.5]], [[0.25]]]]);
    for (const d of ["float16", "bfloat16", "float64"] as const) {
      const y = tf.nn.conv2d(x.cast(d), w.cast(d), 1, "VALID");
      assert.equal(y.dtype.name, d);
      assert.deepEqual(vals(y.cast("float64")), [1, 2.5]);
    }
    const big = tf.constant(new Int32Array([0x40000000, 3]), "int32", [1, 1, 2, 1]);
    const two = tf.constant(new Int32Array([4]), "int32", [1, 1, 1, 1]);
    assert.deepEqual(vals(tf.nn.conv2d(big, two, 1, "VALID")), [0, 12]);
    assert.throws(() => tf.nn.conv2d(x.cast("int64"), w.cast("int64"), 1, "VALID"), {
      name: "InvalidArgumentError", message: "Value for attr 'T' of int64 is not in the list of allowed values: half, bfloat16, float, double, int32 [Op:Conv2D]",
    });
    assert.throws(() => tf.nn.conv2d(x.cast("float64"), w, 1, "VALID"), { name: "InvalidArgumentError", message: /cannot compute Conv2D as input #1\(zero-based\) was expected to be a double tensor but is a float tensor \[Op:Conv2D\]/ });
  });
});

describe("tf.nn convolutions: float64 finite differences", () => {
  test("conv2d (SAME stride 2, dilation, explicit, grouped) in input and filter", () => {
    checkGradients((x, w) => tf.nn.conv2d(x!, w!, 2, "SAME"), [rand([1, 5, 4, 2]), rand([3, 2, 2, 2])]);
    checkGradients((x, w) => tf.nn.conv2d(x!, w!, 1, "VALID", { dilations: 2 }), [rand([1, 5, 5, 1]), rand([2, 2, 1, 2])]);
    checkGradients((x, w) => tf.nn.conv2d(x!, w!, [1, 2], [[0, 0], [1, 0], [2, 1], [0, 0]]), [rand([1, 3, 4, 2]), rand([2, 2, 2, 1])]);
    checkGradients((x, w) => tf.nn.conv2d(x!, w!, 1, "SAME"), [rand([1, 3, 3, 4]), rand([2, 2, 2, 4])]);
  });

  test("conv3d, depthwiseConv2d, conv2dTranspose", () => {
    checkGradients((x, w) => tf.nn.conv3d(x!, w!, [1, 1, 2, 1, 1], "SAME"), [rand([1, 3, 3, 3, 1]), rand([2, 2, 2, 1, 2])]);
    checkGradients((x, w) => tf.nn.depthwiseConv2d(x!, w!, [1, 2, 2, 1], "SAME"), [rand([1, 4, 5, 2]), rand([3, 3, 2, 2])]);
    checkGradients((x, w) => tf.nn.conv2dTranspose(x!, w!, [1, 5, 5, 2], 2, "SAME"), [rand([1, 3, 3, 3]), rand([3, 3, 2, 3])]);
  });

  test("second order: the gradients of the backprop ops", () => {
    // d/dx of <dconv2d/dw (x, dy), v> exercises Conv2DBackpropFilter's gradient; dy the input one.
    const w = rand([2, 2, 2, 3]);
    checkGradients((x, dy) => {
      const tape = new tf.GradientTape();
      const l = tape.record(() => { tape.watch(w); return tf.reduceSum(tf.multiply(tf.nn.conv2d(x!, w, 1, "SAME"), dy!)); });
      return tape.gradient(l, w) as T;
    }, [rand([1, 3, 4, 2]), rand([1, 3, 4, 3])]);
    const x0 = rand([1, 3, 4, 2]);
    checkGradients((wt, dy) => {
      const tape = new tf.GradientTape();
      const l = tape.record(() => { tape.watch(x0); return tf.reduceSum(tf.multiply(tf.nn.conv2d(x0, wt!, 2, "VALID"), dy!)); });
      return tape.gradient(l, x0) as T;
    }, [rand([2, 2, 2, 3]), rand([1, 1, 2, 3])]);
  });
});

describe("tf.nn convolutions: TensorFlow's errors", () => {
  const x = tf.zeros([1, 4, 4, 4]);
  const cases: [string, () => unknown, string, string][] = [
    ["channels not a multiple", () => tf.nn.conv2d(x, tf.zeros([1, 1, 3, 2]), 1, "VALID"), "InvalidArgumentError",
      "input depth must be evenly divisible by filter depth: 4 vs 3 [Op:Conv2D]"],
    ["groups not dividing the output channels", () => tf.nn.conv2d(x, tf.zeros([1, 1, 2, 3]), 1, "VALID"), "InvalidArgumentError",
      "output depth must be evenly divisible by number of groups: 3 vs 2 [Op:Conv2D]"],
    ["filter larger than the input (VALID)", () => tf.nn.conv2d(tf.zeros([1, 15, 15, 1]), tf.zeros([18, 1, 1, 1]), 1, "VALID"), "InvalidArgumentError",
      "Computed output size would be negative: -2 [input_size: 15, effective_filter_size: 18, stride: 1] [Op:Conv2D]"],
    ["input of rank 3", () => tf.nn.conv2d(tf.zeros([4, 4, 4]), tf.zeros([1, 1, 4, 2]), 1, "VALID"), "InvalidArgumentError",
      "input must be 4-dimensional[4,4,4] [Op:Conv2D]"],
    ["filter of rank 3", () => tf.nn.conv2d(x, tf.zeros([1, 4, 2]), 1, "VALID"), "InvalidArgumentError",
      "filter must be 4-dimensional: [1,4,2] [Op:Conv2D]"],
    ["NCHW on the CPU", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, "VALID", { dataFormat: "NCHW" }), "UnimplementedError",
      "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was given the format: NCHW [Op:Conv2D]"],
    ["strides of length 3", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), [1, 2, 3], "VALID"), "ValueError",
      "strides should be of length 1, 2 or 4. Received: strides=[1, 2, 3] of length 3"],
    ["batch stride", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), [2, 1, 1, 1], "VALID"), "InvalidArgumentError",
      "Current implementation does not yet support strides in the batch and depth dimensions. [Op:Conv2D]"],
    ["zero dilation", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, "VALID", { dilations: 0 }), "InvalidArgumentError",
      "Dilated rates should be larger than 0. [Op:Conv2D]"],
    ["explicit padding on the channel axis", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, [[0, 0], [1, 1], [1, 1], [1, 0]]), "InvalidArgumentError",
      "Nonzero explicit padding in the batch or depth dimensions is not supported [Op:Conv2D]"],
    ["explicit padding list of 3", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, [[0, 0], [1, 1], [1, 1]]), "ValueError",
      "When padding is a list, it must be of size 4. Received: padding=[[0, 0], [1, 1], [1, 1]] of size 3"],
    ["the string EXPLICIT", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, "EXPLICIT" as "SAME"), "ValueError",
      "'EXPLICIT' is not a valid value for `padding`. To use explicit padding, `padding` must be a list."],
    ["negative explicit padding", () => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, [[0, 0], [-1, 1], [1, 1], [0, 0]]), "InvalidArgumentError",
      "All elements of explicit_paddings must be nonnegative [Op:Conv2D]"],
    ["depthwise channel mismatch", () => tf.nn.depthwiseConv2d(x, tf.zeros([1, 1, 3, 2]), [1, 1, 1, 1], "VALID"), "InvalidArgumentError",
      "input and filter must have the same depth: 4 vs 3 [Op:DepthwiseConv2dNative]"],
    ["depthwise unequal strides", () => tf.nn.depthwiseConv2d(x, tf.zeros([1, 1, 4, 2]), [1, 1, 2, 1], "VALID"), "InvalidArgumentError",
      "Current implementation only supports equal length strides in the row and column dimensions. [Op:DepthwiseConv2dNative]"],
    ["conv3d channels", () => tf.nn.conv3d(tf.zeros([1, 2, 2, 2, 3]), tf.zeros([1, 1, 1, 2, 1]), [1, 1, 1, 1, 1], "VALID"), "InvalidArgumentError",
      "Input depth must be evenly divisible by filter depth: 3 vs 2 [Op:Conv3D]"],
    ["conv3d strides of 4", () => tf.nn.conv3d(tf.zeros([1, 2, 2, 2, 3]), tf.zeros([1, 1, 1, 3, 1]), [1, 1, 1, 1], "VALID"), "InvalidArgumentError",
      "Sliding window strides field must specify 5 dimensions [Op:Conv3D]"],
    ["transpose with a wrong output shape", () => tf.nn.conv2dTranspose(tf.zeros([1, 2, 2, 3]), tf.zeros([3, 3, 2, 3]), [1, 6, 6, 2], 2, "SAME"), "InvalidArgumentError",
      "Conv2DBackpropInput: Size of out_backprop doesn't match computed: actual = 2, computed = 3 spatial_dim: 1 input: 6 filter: 3 output: 2 stride: 2 dilation: 1 [Op:Conv2DBackpropInput]"],
    ["transpose channel mismatch", () => tf.nn.conv2dTranspose(tf.zeros([1, 2, 2, 4]), tf.zeros([3, 3, 2, 3]), [1, 4, 4, 2], 2, "SAME"), "InvalidArgumentError",
      "Conv2DBackpropInput: filter and out_backprop must have the same out_depth [Op:Conv2DBackpropInput]"],
    ["conv1d data format", () => tf.nn.conv1d(tf.zeros([1, 4, 2]), tf.zeros([1, 2, 2]), 1, "VALID", { dataFormat: "NHCW" }), "ValueError",
      "`data_format` must be 'NWC' or 'NCW'. Received: data_format=NHCW"],
  ];
  for (const [what, f, name, message] of cases) {
    test(what, () => assert.throws(f, (e: Error) => {
      assert.equal(e.name, name);
      assert.equal(e.message, message);
      return true;
    }));
  }
  test("errors are tf.errors classes", () => {
    assert.throws(() => tf.nn.conv2d(x, tf.zeros([1, 1, 3, 2]), 1, "VALID"), tf.errors.InvalidArgumentError);
    assert.throws(() => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), 1, "VALID", { dataFormat: "NCHW" }), tf.errors.UnimplementedError);
    assert.throws(() => tf.nn.conv2d(x, tf.zeros([1, 1, 4, 2]), [1, 2, 3], "VALID"), tf.errors.ValueError);
  });
});

test("tf.nn.atrousConv2d is conv2d with the filter dilated by rate (atrous_conv2d's docstring shapes)", () => {
  const x = tf.constant(Float32Array.from({ length: 1 * 9 * 8 * 2 }, (_, i) => Math.sin(i)), "float32", [1, 9, 8, 2]);
  const w = tf.constant(Float32Array.from({ length: 3 * 3 * 2 * 4 }, (_, i) => Math.cos(i)), "float32", [3, 3, 2, 4]);
  const valid = tf.nn.atrousConv2d(x, w, 2, "VALID");
  // [batch, height - 2 * (filter_height - 1), width - 2 * (filter_width - 1), out_channels]
  assert.deepEqual(valid.shape.asList(), [1, 9 - 2 * 2, 8 - 2 * 2, 4]);
  assert.deepEqual(tf.nn.atrousConv2d(x, w, 2, "SAME").shape.asList(), [1, 9, 8, 4]);
  assert.deepEqual(valid.numpy().tolist(), tf.nn.conv2d(x, w, 1, "VALID", { dilations: 2 }).numpy().tolist());
  // rate 1 is conv2d.
  assert.deepEqual(tf.nn.atrousConv2d(x, w, 1, "SAME").numpy().tolist(), tf.nn.conv2d(x, w, 1, "SAME").numpy().tolist());
});
