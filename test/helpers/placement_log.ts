// The placement log of a piece of code: TensorFlow's "Executing op … in device …" lines that
// `f` writes to stderr while tf.debugging.setLogDevicePlacement(true) is on (log_placement.ts,
// by contrast, turns the log on for a whole program).
import * as tf from "tsflow";

/** The placement log lines (with their newlines) that `f` writes while it runs. */
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
