// Plain JavaScript loops over typed arrays: the floor a JS library's own loops could reach.
export async function load() {
  return {
    version: process.version,
    detail: "for loops over typed arrays, one thread",
    prepare(m, inp) {
      switch (m.kind) {
        case "add": {
          const { a, b } = inp, n = a.length;
          const run = () => { const c = new Float32Array(n); for (let i = 0; i < n; i++) c[i] = a[i] + b[i]; return c; };
          return { run, output: run, note: "new Float32Array + loop" };
        }
        case "reduceSum": {
          const { x } = inp, n = x.length;
          const run = () => { let s = 0; for (let i = 0; i < n; i++) s += x[i]; return Math.fround(s); };
          return { run, output: () => [run()], note: "float64 accumulator" };
        }
        case "argmax": {
          const { x } = inp, n = x.length;
          const run = () => { let best = 0, v = x[0]; for (let i = 1; i < n; i++) if (x[i] > v) { v = x[i]; best = i; } return best; };
          return { run, output: () => [run()] };
        }
        case "cast": {
          const { x } = inp, n = x.length;
          const run = () => { const c = new Int32Array(n); for (let i = 0; i < n; i++) c[i] = x[i] | 0; return c; };
          return { run, output: run };
        }
        default: return null;
      }
    },
  };
}
