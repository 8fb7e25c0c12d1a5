// The machine a run measured: CPU model, cores, memory, Node.
import { readFileSync } from "node:fs";
import os from "node:os";

export function machineInfo() {
  let model = os.cpus()[0]?.model ?? "unknown", flags = "";
  try {
    const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
    model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() || model;
    flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? "";
  } catch { /* not Linux */ }
  const has = (f) => flags.split(/\s+/).includes(f);
  const isa = flags ? (has("avx512f") ? "AVX-512" : has("avx2") ? "AVX2" : "SSE") : "unknown";
  return {
    cpu: model,
    isa,
    logicalCores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1e9),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}
