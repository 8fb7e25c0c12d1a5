// numpy through python3 (peers/numpy_peer.py), OpenBLAS on 2 threads. OPENBLAS_CORETYPE and
// OPENBLAS_L2_SIZE are removed from its environment: they slow current numpy on this machine.
import { fileURLToPath } from "node:url";
import { measurements, settings } from "../lib/plan.mjs";

export function command({ quick, only }) {
  const ms = measurements(quick).filter((m) => !only || only.includes(m.id) || only.includes(m.case));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "2" };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return {
    command: process.env.PYTHON ?? "python3",
    args: [fileURLToPath(new URL("./numpy_peer.py", import.meta.url)), JSON.stringify({ measurements: ms, settings: settings(quick, "numpy") })],
    env,
  };
}
