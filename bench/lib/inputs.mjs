// Deterministic benchmark inputs, identical in every library: element i of input `seed` is
// murmur3's fmix32 of (i + seed·0x9E3779B9 mod 2^32) mapped to [-1, 1) in float64, times `scale`,
// then rounded to the dtype. bench/peers/numpy_peer.py computes the same values with uint32 NumPy
// arithmetic, so every library multiplies, adds and reduces exactly the same numbers.

/** @returns {Float32Array | Float64Array} */
export function hashValues(size, seed, dtype = "float32", scale = 1) {
  const out = dtype === "float64" ? new Float64Array(size) : new Float32Array(size);
  const s = Math.imul(seed, 0x9e3779b9) >>> 0;
  for (let i = 0; i < size; i++) {
    let h = (i + s) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
    out[i] = ((h / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

/** Memoized inputs of one child process: the same (seed, size, dtype, scale) is built once. */
export class Inputs {
  #cache = new Map();
  get(seed, size, dtype = "float32", scale = 1) {
    const key = `${seed}/${size}/${dtype}/${scale}`;
    let v = this.#cache.get(key);
    if (v === undefined) this.#cache.set(key, (v = hashValues(size, seed, dtype, scale)));
    return v;
  }
  clear() { this.#cache.clear(); }
}

/**
 * The inputs of one measurement, by kind (see lib/plan.mjs). Every peer builds its tensors from
 * these typed arrays, outside the timed region.
 */
export function inputsFor(m, inputs) {
  switch (m.kind) {
    case "matmul": {
      const size = (m.batch || 1) * m.n * m.n;
      return { a: inputs.get(1, size, m.dtype), b: inputs.get(2, size, m.dtype), shape: m.batch ? [m.batch, m.n, m.n] : [m.n, m.n] };
    }
    case "add": return { a: inputs.get(3, m.size), b: inputs.get(4, m.size), shape: [m.size] };
    case "add2x2": return { a: inputs.get(5, 4), b: inputs.get(6, 4), shape: [2, 2] };
    case "assignAdd2x2": return { v: inputs.get(7, 4), x: inputs.get(8, 4), shape: [2, 2] };
    case "reduceSum":
    case "argmax": return { x: inputs.get(9, m.size), shape: [m.size] };
    case "cast": return { x: inputs.get(10, m.size, "float32", 1000), shape: [m.size] };
    case "softmax": case "sparseXent": case "xent": {
      // Logits in [-4, 4); label of row i: (i * 7919) mod depth (one-hot rows for the dense loss).
      const labels = Int32Array.from({ length: m.rows }, (_, i) => (i * 7919) % m.depth);
      return { x: inputs.get(11, m.rows * m.depth, "float32", 4), labels, shape: [m.rows, m.depth] };
    }
    case "conv": {
      const xShape = [m.n, m.hw, m.hw, m.c], wShape = [m.k, m.k, m.c, m.o], yShape = [m.n, m.hw, m.hw, m.o];
      const size = (s) => s.reduce((a, b) => a * b, 1);
      return {
        x: inputs.get(11, size(xShape)), w: inputs.get(12, size(wShape), "float32", 0.1), dy: inputs.get(13, size(yShape)),
        xShape, wShape, yShape,
      };
    }
    default: throw new Error(`unknown measurement kind ${m.kind}`);
  }
}

/** A few output elements (first, middle, last) to check that libraries computed the same thing. */
export function probeOf(data) {
  const n = data.length;
  const idx = n <= 1 ? [0] : [0, Math.floor(n / 2), n - 1];
  return idx.map((i) => Number(data[i]));
}
