// tf.errors
export * from "./errors.js";
