// Device memory the program drops without dispose(): for devices whose memory the JS garbage
// collector does not own (GPUs), a value's buffer is released when its owner is collected.
// CPU buffers are plain ArrayBuffers that the collector frees by itself, so nothing is
// registered for them (a registration costs more than a small op).
import type { Device } from "../devices/device.js";

const finalizer = new FinalizationRegistry<{ device: Device; buffer: unknown }>(({ device, buffer }) => device.free(buffer));

/**
 * Release `buffer` on `device` once `owner` is garbage-collected; `token` (any object) cancels
 * that with cancelReleaseOnCollect, when the buffer is freed or replaced explicitly.
 */
export function releaseOnCollect(owner: object, device: Device, buffer: unknown, token: object): void {
  if (!device.gcOwnsMemory) finalizer.register(owner, { device, buffer }, token);
}

/** Cancel a releaseOnCollect registration. */
export function cancelReleaseOnCollect(token: object): void {
  finalizer.unregister(token);
}

/** Release `buffer` on `device` now (dispose). */
export function releaseNow(device: Device, buffer: unknown): void {
  if (!device.gcOwnsMemory) device.free(buffer);
}
