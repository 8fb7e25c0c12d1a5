// tf.io
export { saveNpy, loadNpy, saveNpz, loadNpz } from "./files.js";
export type { NpzOptions } from "./files.js";
