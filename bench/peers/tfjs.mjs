// TensorFlow.js (tfjs-core) on its CPU backend (plain JS kernels) or its WebAssembly backend
// (XNNPACK, SIMD; one thread: the threaded build needs web workers). TensorFlow.js frees a
// tensor only when disposed, so every timed op disposes its result, as its users must (tf.tidy
// or .dispose()); without that it leaks (case 5).
import { packageEntryDir } from "../lib/pkg.mjs";
import { sep } from "node:path";

/** tfjs-core on `backend` ("cpu" or "wasm", one thread), ready; `detail` describes the backend. */
export async function tfjsOn(backend) {
  const tf = await import("@tensorflow/tfjs-core");
  let detail;
  if (backend === "wasm") {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false); // the single-threaded SIMD binary
    wasm.setWasmPaths(packageEntryDir("@tensorflow/tfjs-backend-wasm") + sep); // the .wasm files it ships
    wasm.setThreadsCount(1);
    if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') failed");
    await tf.ready();
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    detail = `tfjs-backend-wasm ${wasm.version_wasm}, ${simd ? "SIMD" : "no SIMD"}, ${wasm.getThreadsCount()} thread`;
  } else {
    const cpu = await import("@tensorflow/tfjs-backend-cpu");
    if (!(await tf.setBackend("cpu"))) throw new Error("tf.setBackend('cpu') failed");
    await tf.ready();
    detail = `tfjs-backend-cpu ${cpu.version_cpu}, plain JS kernels`;
  }
  return { tf, detail };
}

export async function load({ backend }) {
  const { tf, detail } = await tfjsOn(backend);
  const disposing = (f) => () => { f().dispose(); };
  const once = (f) => () => { const t = f(); const d = t.dataSync(); t.dispose(); return d; };
  const DISPOSED = "result disposed after each op, as TensorFlow.js requires (tf.tidy or dispose)";
  return {
    version: tf.version_core,
    detail: `${detail}; every result disposed`,
    prepare(m, inp) {
      switch (m.kind) {
        case "matmul": {
          if (m.dtype !== "float32") return null; // TensorFlow.js has no float64
          const a = tf.tensor(inp.a, inp.shape), b = tf.tensor(inp.b, inp.shape);
          const f = () => tf.matMul(a, b);
          return { run: disposing(f), output: once(f), dispose: () => { a.dispose(); b.dispose(); } };
        }
        case "add": case "add2x2": {
          const a = tf.tensor(inp.a, inp.shape), b = tf.tensor(inp.b, inp.shape);
          const f = () => tf.add(a, b);
          return { run: disposing(f), output: once(f), note: DISPOSED, dispose: () => { a.dispose(); b.dispose(); } };
        }
        case "assignAdd2x2": {
          const v = tf.variable(tf.tensor(inp.v, inp.shape));
          const x = tf.tensor(inp.x, inp.shape);
          // v.add(x) is tf.add(v, x): tfjs-core alone does not register the chained-op methods.
          const run = () => { const t = tf.add(v, x); v.assign(t); t.dispose(); };
          return { run, output: () => v.dataSync(), note: "t = v.add(x); v.assign(t); t.dispose()", dispose: () => { v.dispose(); x.dispose(); } };
        }
        case "reduceSum": case "argmax": case "cast": {
          const x = tf.tensor(inp.x, inp.shape);
          const f = m.kind === "reduceSum" ? () => tf.sum(x) : m.kind === "argmax" ? () => tf.argMax(x) : () => tf.cast(x, "int32");
          return { run: disposing(f), output: once(f), note: m.kind === "argmax" ? "int32 output" : undefined, dispose: () => x.dispose() };
        }
        case "conv": {
          // The kernels tf.grads would run for conv2d's gradients, called directly (tfjs-backend-wasm
          // has no Conv2DBackpropFilter kernel).
          const x = tf.tensor(inp.x, inp.xShape), w = tf.tensor(inp.w, inp.wShape), dy = tf.tensor(inp.dy, inp.yShape);
          const attrs = { strides: [1, 1], pad: "same", dataFormat: "NHWC", dimRoundingMode: undefined };
          const f = m.pass === "fwd" ? () => tf.conv2d(x, w, 1, "same")
            : m.pass === "input" ? () => tf.engine().runKernel("Conv2DBackpropInput", { dy, filter: w }, { ...attrs, inputShape: inp.xShape })
            : () => tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, { ...attrs, filterShape: inp.wShape });
          if (m.pass === "filter" && !tf.getKernel("Conv2DBackpropFilter", tf.getBackend())) return null;
          return { run: disposing(f), output: once(f), note: DISPOSED, dispose: () => { x.dispose(); w.dispose(); dy.dispose(); } };
        }
        default: return null;
      }
    },
  };
}
