// tf.debugging
import { copyStats } from "../runtime/copies.js";

export { setLogDevicePlacement } from "./device_scope.js";

/**
 * How many implicit copies between devices (logical devices included) the runtime has made
 * to bring op inputs to the op's device, and their bytes (a tsflow addition).
 */
export function deviceCopyStats(): { copies: number; bytes: number } {
  return { ...copyStats };
}

/** Reset the counters of deviceCopyStats(). */
export function resetDeviceCopyStats(): void {
  copyStats.copies = 0;
  copyStats.bytes = 0;
}
