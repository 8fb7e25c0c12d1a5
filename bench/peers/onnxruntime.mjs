// onnxruntime-node on its CPU execution provider: each op is a one-node ONNX graph built in code
// (peers/onnx_graph.mjs), run with session.run (async: a Promise per op; outputs are allocated
// and copied into JS buffers on every run). 2 intra-op threads.
import { oneNodeModel } from "./onnx_graph.mjs";
import { packageVersion } from "../lib/pkg.mjs";

const SESSION = { intraOpNumThreads: 2, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" };

export async function load() {
  const ort = (await import("onnxruntime-node")).default ?? (await import("onnxruntime-node"));
  const io = (name, dtype, shape) => ({ name, dtype, shape });
  async function op(opType, inputs, outputs, feeds, attrs, note) {
    const session = await ort.InferenceSession.create(oneNodeModel(opType, inputs, outputs, attrs), SESSION);
    const out = outputs[0].name;
    return {
      async: true,
      run: () => session.run(feeds),
      output: async () => (await session.run(feeds))[out].data,
      note,
      dispose: () => session.release(),
    };
  }
  const tensor = (dtype, data, shape) => new ort.Tensor(dtype, data, shape);
  return {
    version: packageVersion("onnxruntime-node"),
    detail: "CPU execution provider, intraOpNumThreads 2; one-node graphs, await session.run per op (outputs allocated and copied to JS)",
    async prepare(m, inp) {
      switch (m.kind) {
        case "matmul": {
          const t = [io("a", m.dtype, inp.shape), io("b", m.dtype, inp.shape)];
          return op("MatMul", t, [io("c", m.dtype, inp.shape)], { a: tensor(m.dtype, inp.a, inp.shape), b: tensor(m.dtype, inp.b, inp.shape) });
        }
        case "add": case "add2x2": {
          const t = [io("a", "float32", inp.shape), io("b", "float32", inp.shape)];
          return op("Add", t, [io("c", "float32", inp.shape)], { a: tensor("float32", inp.a, inp.shape), b: tensor("float32", inp.b, inp.shape) }, {}, "session.run per op");
        }
        case "reduceSum":
          return op("ReduceSum", [io("x", "float32", inp.shape)], [io("y", "float32", [])], { x: tensor("float32", inp.x, inp.shape) }, { keepdims: 0 });
        case "argmax":
          return op("ArgMax", [io("x", "float32", inp.shape)], [io("y", "int64", [])], { x: tensor("float32", inp.x, inp.shape) }, { axis: 0, keepdims: 0 }, "int64 output");
        case "cast":
          return op("Cast", [io("x", "float32", inp.shape)], [io("y", "int32", inp.shape)], { x: tensor("float32", inp.x, inp.shape) }, { to: 6 });
        case "conv": {
          // ONNX Conv is NCHW with OIHW weights: the inputs are transposed once, outside the
          // timed region, and the output back to NHWC for the probe. Inference only: no backprops.
          if (m.pass !== "fwd") return null;
          const [n, h, w, c] = inp.xShape, o = inp.wShape[3], k = m.k;
          const xc = new Float32Array(inp.x.length), wc = new Float32Array(inp.w.length);
          for (let b = 0; b < n; b++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < c; ch++) {
            xc[((b * c + ch) * h + y) * w + x] = inp.x[((b * h + y) * w + x) * c + ch];
          }
          for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) for (let ci = 0; ci < c; ci++) for (let co = 0; co < o; co++) {
            wc[((co * c + ci) * k + ky) * k + kx] = inp.w[((ky * k + kx) * c + ci) * o + co];
          }
          const pad = (k - 1) >> 1;
          const r = await op("Conv", [io("x", "float32", [n, c, h, w]), io("w", "float32", [o, c, k, k])], [io("y", "float32", [n, o, h, w])],
            { x: tensor("float32", xc, [n, c, h, w]), w: tensor("float32", wc, [o, c, k, k]) },
            { kernel_shape: [k, k], pads: [pad, pad, pad, pad], strides: [1, 1] }, "NCHW input and OIHW weights (transposed outside the timed region)");
          const raw = r.output;
          r.output = async () => {
            const yc = await raw(), out = new Float32Array(yc.length);
            for (let b = 0; b < n; b++) for (let ch = 0; ch < o; ch++) for (let i = 0; i < h * w; i++) out[(b * h * w + i) * o + ch] = yc[(b * o + ch) * h * w + i];
            return out;
          };
          return r;
        }
        default: return null;
      }
    },
  };
}
