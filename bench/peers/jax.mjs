// jax-js on its WebAssembly device. In Node it runs on the main thread: its worker pool needs the
// web `Worker` global, which Node lacks, so every kernel is dispatched synchronously, single
// threaded. Ops are lazy: each timed op awaits blockUntilReady(). Arrays are reference counted:
// inputs are passed as `.ref` and results disposed, as its users must.
export async function load() {
  // jax-js tests `instanceof Float16Array`, a global Node 20 lacks; a stand-in that matches
  // nothing lets it build arrays from other typed arrays.
  if (typeof globalThis.Float16Array === "undefined") globalThis.Float16Array = class Float16ArrayUnavailable {};
  const jax = await import("@jax-js/jax");
  const { packageVersion } = await import("../lib/pkg.mjs");
  const np = jax.numpy;
  const devices = await jax.init("wasm"); // init() with no argument probes WebGPU through `navigator`, absent in Node 20
  if (!devices.includes("wasm")) throw new Error("jax-js wasm device unavailable");
  jax.defaultDevice("wasm");
  const workerThreads = typeof globalThis.Worker !== "undefined" && typeof SharedArrayBuffer !== "undefined";
  const arr = (data, shape) => np.array(data).reshape(shape);
  const timed = (f) => async () => { const r = f(); await r.blockUntilReady(); r.dispose(); };
  const once = (f) => async () => { const r = f(); const d = await r.data(); return d; };
  return {
    version: packageVersion("@jax-js/jax"),
    detail: `wasm device, ${workerThreads ? "web workers" : "1 thread (no Worker global in Node)"}; lazy: each op awaits blockUntilReady(), inputs passed as .ref, results disposed`,
    async prepare(m, inp) {
      let f, held = [], note;
      switch (m.kind) {
        case "matmul": {
          if (m.dtype !== "float32") return null; // fp64 is measured against numpy only
          const a = arr(inp.a, inp.shape), b = arr(inp.b, inp.shape);
          held = [a, b];
          f = () => np.matmul(a.ref, b.ref);
          break;
        }
        case "add": case "add2x2": {
          const a = arr(inp.a, inp.shape), b = arr(inp.b, inp.shape);
          held = [a, b];
          f = () => np.add(a.ref, b.ref);
          note = "result disposed after each op";
          break;
        }
        case "reduceSum": case "argmax": case "cast": {
          const x = arr(inp.x, inp.shape);
          held = [x];
          f = m.kind === "reduceSum" ? () => np.sum(x.ref) : m.kind === "argmax" ? () => np.argmax(x.ref) : () => x.ref.astype(np.int32);
          break;
        }
        default: return null;
      }
      for (const h of held) await h.blockUntilReady();
      return { async: true, run: timed(f), output: once(f), note, dispose: () => { for (const h of held) h.dispose(); } };
    },
  };
}
