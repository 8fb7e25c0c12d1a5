// tf.debugging
export { setLogDevicePlacement } from "./device_scope.js";
