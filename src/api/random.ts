// The tf.random namespace: TensorFlow's `tf.random.*` names (re-exports only; the functions
// live in api/random/).
export {};
