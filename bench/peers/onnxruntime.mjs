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
        default: return null;
      }
    },
  };
}
