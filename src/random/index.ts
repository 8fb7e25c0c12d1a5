// The tf.random namespace: TensorFlow's `tf.random.*` names (re-exports only; the functions
// live beside this file: seeds, stateful ops, stateless ops, the Generator).
export {};
