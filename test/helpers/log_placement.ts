// Preloaded with `node --import` to run a program with TensorFlow's placement log on.
import * as tf from "tsflow";
tf.debugging.setLogDevicePlacement(true);
