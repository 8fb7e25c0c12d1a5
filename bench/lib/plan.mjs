// What `npm run bench` measures: the cases of the CPU-speed issue, their measurements, and the
// timing settings of a full and a --quick run. Peers receive this plan as JSON.

/** Measurements: `work` is FLOPs (matmul) or bytes moved (the rest); figures are work / time. */
export function measurements(quick) {
  const mm = (n, dtype, batch = 0) => ({
    id: `matmul_${dtype === "float64" ? "f64" : "f32"}_${batch ? `${batch}x${n}` : n}`,
    case: "matmul", kind: "matmul", n, dtype, batch,
    label: batch ? `fp32 ${batch}×${n}×${n} batched` : `${dtype === "float64" ? "fp64" : "fp32"} n=${n}`,
    work: 2 * (batch || 1) * n ** 3, unit: "GFLOP/s",
  });
  const size = 1e7;
  // Case 8: ResNet-style convolutions, NHWC, batch 8, 56×56, 64 → 64 channels, SAME, stride 1.
  const conv = (k, pass) => {
    const flops = 2 * 8 * 56 * 56 * 64 * 64 * k * k;
    const what = { fwd: "forward", input: "input gradient (Conv2DBackpropInput)", filter: "filter gradient (Conv2DBackpropFilter)" }[pass];
    return { id: `conv${k}x${k}_${pass}`, case: "conv", kind: "conv", k, pass, n: 8, hw: 56, c: 64, o: 64, label: `${k}×${k} ${what}`, work: flops, unit: "GFLOP/s" };
  };
  return [
    mm(256, "float32"), mm(1024, "float32"), mm(2048, "float32"), mm(128, "float32", 64), mm(1024, "float64"),
    { id: "add_f32_1e7", case: "add", kind: "add", size, label: "fp32 add, 1e7 elements", work: 3 * 4 * size, unit: "GB/s" },
    { id: "add_2x2", case: "eager", kind: "add2x2", label: "2×2 fp32 add", work: 1, unit: "µs/op" },
    { id: "assignAdd_2x2", case: "assignAdd", kind: "assignAdd2x2", label: "2×2 fp32 variable += x", work: 1, unit: "µs/op" },
    { id: "reduceSum_1e7", case: "reductions", kind: "reduceSum", size, label: "reduceSum fp32 1e7", work: 4 * size, unit: "GB/s" },
    { id: "argmax_1e7", case: "reductions", kind: "argmax", size, label: "argmax fp32 1e7", work: 4 * size, unit: "GB/s" },
    { id: "cast_1e7", case: "reductions", kind: "cast", size, label: "cast fp32→int32 1e7", work: 8 * size, unit: "GB/s" },
    // tf.nn (#15): [1000, 1000] fp32 logits; bytes = the logits read.
    ...["softmax", "sparseXent", "xent"].map((kind) => ({
      id: `${kind}_1e6`, case: "nn", kind, rows: 1000, depth: 1000, work: 4e6, unit: "GB/s",
      label: { softmax: "softmax [1000,1000]", sparseXent: "sparse xent [1000,1000]", xent: "dense xent [1000,1000]" }[kind],
    })),
    conv(3, "fwd"), conv(3, "input"), conv(3, "filter"), conv(1, "fwd"), conv(1, "input"), conv(1, "filter"),
  ].map((m) => ({ ...m, quick }));
}

/** Timing settings (see lib/measure.mjs); tsflow, the subject, gets a longer single-op cap. */
export function settings(quick, peerId) {
  const base = quick
    ? { rounds: 5, targetRoundMs: 40, warmupMs: 150, budgetMs: 1000, maxOpMs: 1500 }
    : { rounds: 7, targetRoundMs: 150, warmupMs: 300, budgetMs: 3000, maxOpMs: 4000 };
  if (peerId === "tsflow") base.maxOpMs = quick ? 5000 : 15000;
  return base;
}

/** The tables, in order. `better` is the direction of the figure; ratios are tsflow / peer. */
export const CASES = [
  { id: "matmul", title: "1. Matrix multiplication", unit: "GFLOP/s", better: "higher" },
  { id: "add", title: "2. Elementwise add of 1e7 fp32 elements, output allocated (bytes = 3 × 4 × 1e7)", unit: "GB/s", better: "higher" },
  { id: "eager", title: "3. Eager 2×2 fp32 add, dispatch included", unit: "µs/op", better: "lower" },
  { id: "assignAdd", title: "4. `v.assignAdd(x)` on a 2×2 fp32 variable", unit: "µs/op", better: "lower" },
  { id: "memory", title: "5. Memory: eager `v.assign(tf.add(tf.multiply(v, 0.5), a))` without dispose", unit: "bytes", better: "lower" },
  { id: "reductions", title: "6. Reductions and cast on 1e7 fp32 elements (bytes = input; cast: input + output)", unit: "GB/s", better: "higher" },
  { id: "train", title: "7. Training an MLP 2 → 64 → 64 → 3 (ReLU, softmax cross-entropy, Adam), one mini-batch per step", unit: "steps/s", better: "higher" },
  { id: "conv", title: "8. Convolution, fp32 NHWC: batch 8, 56×56, 64 → 64 channels, SAME, stride 1 (FLOPs = 2·N·H·W·O·KH·KW·C)", unit: "GFLOP/s", better: "higher" },
  { id: "nn", title: "9. tf.nn on [1000, 1000] fp32 logits (bytes = the logits): softmax, sparse and dense softmax cross-entropy (loss per row)", unit: "GB/s", better: "higher" },
  { id: "train_cnn", title: "10. Training a small CNN (conv 3×3 → pool → conv 3×3 → pool → dense, Adam) on 12×12 images, one mini-batch of 32 per step", unit: "steps/s", better: "higher" },
];

/**
 * Memory case (5): steps and time cap per library. tsflow runs the issue's 10^6 steps; tfjs-cpu
 * too when it fits its time cap (it stops early and reports per-step figures otherwise);
 * tfjs-wasm, an extra row, runs 10^5.
 */
export function memoryRuns(quick) {
  return quick
    ? [{ lib: "tsflow", steps: 200_000, capMs: 10_000 }, { lib: "tfjs-cpu", steps: 50_000, capMs: 5_000 }, { lib: "tfjs-wasm", steps: 20_000, capMs: 5_000 }]
    : [{ lib: "tsflow", steps: 1_000_000, capMs: 60_000 }, { lib: "tfjs-cpu", steps: 1_000_000, capMs: 30_000 }, { lib: "tfjs-wasm", steps: 100_000, capMs: 10_000 }];
}

/**
 * Training case (7): the libraries, the batch sizes timed, and the steps run from the shared
 * initial weights before the loss check (cases/train_child.mjs).
 */
export function trainRuns(quick) {
  return { libs: ["tsflow", "tfjs-wasm", "tfjs-cpu"], batchSizes: [32, 256], probeSteps: quick ? 20 : 50 };
}
