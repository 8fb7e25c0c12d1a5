// tf.device, tf.config placement settings and tf.debugging.setLogDevicePlacement.
import { mergeDeviceSpecs, parseDeviceSpec } from "../runtime/device_spec.js";
import { localDevices, placementConfig } from "../runtime/devices.js";
import { currentScope, enterScope, runInScope, type ScopeState } from "../runtime/scope.js";

function scopeFor(spec: string | null): ScopeState {
  const outer = currentScope();
  // tf.device(null) clears the device scope, as in TensorFlow. An outermost scope is merged
  // onto the first device's full name, so `GPU` means `/job:localhost/replica:0/task:0/device:GPU:0`.
  if (spec === null) return { ...outer, device: null };
  const parsed = parseDeviceSpec(spec);
  const base = outer.device ?? parseDeviceSpec(localDevices()[0]!.name);
  return { ...outer, device: mergeDeviceSpecs(base, parsed) };
}

/**
 * TensorFlow's `with tf.device(spec):`. With a callback, runs it in the scope and returns
 * its result (a Promise stays in the scope across `await`); without, returns a Disposable
 * for `using _ = tf.device(spec)`.
 */
export function device<T>(spec: string | null, fn: () => T): T;
export function device(spec: string | null): Disposable;
export function device<T>(spec: string | null, fn?: () => T): T | Disposable {
  const state = scopeFor(spec);
  return fn === undefined ? enterScope(state) : runInScope(state, fn);
}

/** tf.config.set_soft_device_placement. */
export function setSoftDevicePlacement(enabled: boolean): void { placementConfig.softPlacement = enabled; }
/** tf.config.get_soft_device_placement. */
export function getSoftDevicePlacement(): boolean { return placementConfig.softPlacement; }
/** tf.debugging.set_log_device_placement: one stderr line per executed op. */
export function setLogDevicePlacement(enabled: boolean): void { placementConfig.logPlacement = enabled; }
