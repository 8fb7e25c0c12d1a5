// tf.io
export { saveNpy, loadNpy, saveNpz, loadNpz, saveSafetensors, loadSafetensors } from "./files.js";
export type { NpzOptions } from "./files.js";
export { loadTfjsWeights } from "./tfjs_weights.js";
