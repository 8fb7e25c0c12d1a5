// The placement log of a piece of code, captured instead of printed (for the GPU tests that
// check every op of a computation ran on GPU:0).
import * as tf from "tsflow";

/** The placement log lines (`Executing op … in device …`) `f` writes while it runs. */
export function placementLog(f: () => void): string[] {
  const lines: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => { lines.push(s); return true; }) as typeof process.stderr.write;
  tf.debugging.setLogDevicePlacement(true);
  try {
    f();
  } finally {
    tf.debugging.setLogDevicePlacement(false);
    process.stderr.write = write;
  }
  return lines.filter((l) => l.startsWith("Executing op"));
}
