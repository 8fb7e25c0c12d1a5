// tsflow, imported by package name (built into dist/ by `npm run build`). Results are left to the
// garbage collector, as tsflow's users leave them.
import { readFileSync } from "node:fs";

export async function load() {
  const tf = await import("tsflow");
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  let detail = "TypeScript kernels";
  try {
    const { nativeAddon } = await import("tsflow/internal/devices/native/addon");
    const addon = nativeAddon();
    if (addon) detail = `native addon: ${addon.isa ?? "?"}, ${addon.numThreads ?? "?"} threads`;
    else detail = "native addon not loaded: TypeScript kernels";
  } catch { /* no native addon in this build */ }

  const ops = { ...(await import("tsflow/internal/ops/nn_conv")), ...(await import("tsflow/internal/runtime/execute")) };
  const data = (t) => {
    const d = t.numpy().data;
    return d instanceof BigInt64Array ? Array.from(d, Number) : d;
  };
  return {
    version,
    detail,
    prepare(m, inp) {
      switch (m.kind) {
        case "matmul": {
          const a = tf.constant(inp.a, m.dtype, inp.shape), b = tf.constant(inp.b, m.dtype, inp.shape);
          return { run: () => tf.matmul(a, b), output: () => data(tf.matmul(a, b)) };
        }
        case "add": case "add2x2": {
          const a = tf.constant(inp.a, "float32", inp.shape), b = tf.constant(inp.b, "float32", inp.shape);
          return { run: () => tf.add(a, b), output: () => data(tf.add(a, b)) };
        }
        case "assignAdd2x2": {
          const v = new tf.Variable(tf.constant(inp.v, "float32", inp.shape));
          const x = tf.constant(inp.x, "float32", inp.shape);
          return { run: () => v.assignAdd(x), output: () => data(v), note: "v.assignAdd(x) (returns v)" };
        }
        case "reduceSum": {
          const x = tf.constant(inp.x, "float32", inp.shape);
          return { run: () => tf.reduceSum(x), output: () => data(tf.reduceSum(x)) };
        }
        case "argmax": {
          const x = tf.constant(inp.x, "float32", inp.shape);
          return { run: () => tf.argmax(x), output: () => data(tf.argmax(x)), note: "int64 output" };
        }
        case "cast": {
          const x = tf.constant(inp.x, "float32", inp.shape);
          return { run: () => tf.cast(x, "int32"), output: () => data(tf.cast(x, "int32")) };
        }
        case "softmax": case "sparseXent": case "xent": {
          const x = tf.constant(inp.x, "float32", inp.shape);
          const labels = tf.constant(inp.labels, "int32");
          const dense = m.kind === "xent" ? tf.oneHot(labels, m.depth) : null;
          const f = m.kind === "softmax" ? () => tf.nn.softmax(x)
            : m.kind === "sparseXent" ? () => tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits: x })
            : () => tf.nn.softmaxCrossEntropyWithLogits({ labels: dense, logits: x });
          return { run: f, output: () => data(f()), note: m.kind === "softmax" ? undefined : "the fused op (loss and backprop)" };
        }
        case "conv": {
          // Forward: tf.nn.conv2d; the two backprops run as the tape runs them (TensorFlow's ops).
          const x = tf.constant(inp.x, "float32", inp.xShape), w = tf.constant(inp.w, "float32", inp.wShape);
          const dy = tf.constant(inp.dy, "float32", inp.yShape);
          const attrs = { strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding: "SAME", explicitPaddings: [], dataFormat: "NHWC" };
          const f = m.pass === "fwd" ? () => tf.nn.conv2d(x, w, 1, "SAME")
            : m.pass === "input" ? () => ops.execute1(ops.Conv2DBackpropInput, [w, dy], { ...attrs, inputSizes: inp.xShape })
            : () => ops.execute1(ops.Conv2DBackpropFilter, [x, dy], { ...attrs, filterSizes: inp.wShape });
          return { run: f, output: () => data(f()) };
        }
        default: return null;
      }
    },
  };
}
