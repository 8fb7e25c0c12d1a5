// tf.config
export { setSoftDevicePlacement, getSoftDevicePlacement } from "./device_scope.js";
