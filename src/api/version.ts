// tf.version: tsflow's own version (package.json's, checked by a test) and the TensorFlow
// release whose semantics, printed forms and messages tsflow follows.

/** tsflow's version (`tf.__version__` is TensorFlow's; this is the package's). */
export const VERSION = "0.1.0";
/** The TensorFlow version tsflow follows. */
export const TF_VERSION = "2.18.0";
