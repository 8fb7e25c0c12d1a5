// Runs a child process that reports through `@@BENCH <json>` lines on stdout; collects the events,
// the rest of its output, and kills it after `timeoutMs`.
import { spawn } from "node:child_process";

export function runChild(command, args, { env = process.env, cwd, timeoutMs, onEvent } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    const events = [];
    let out = "", err = "", buf = "", timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith("@@BENCH ")) {
          try {
            const ev = JSON.parse(line.slice(8));
            events.push(ev);
            onEvent?.(ev);
          } catch { out += `${line}\n`; }
        } else {
          out += `${line}\n`;
        }
      }
    });
    child.stderr.on("data", (chunk) => { err += chunk; });
    child.on("error", (e) => { clearTimeout(timer); resolve({ events, out, err: err + e.message, code: null, timedOut, spawnError: e.message }); });
    child.on("close", (code, signal) => { clearTimeout(timer); resolve({ events, out, err, code, signal, timedOut }); });
  });
}

/** The last meaningful line of a failed child's stderr (for "n/a (reason)"). */
export function failureReason(r) {
  if (r.spawnError) return r.spawnError;
  if (r.timedOut) return "timed out";
  const lines = `${r.err}\n${r.out}`.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at ") && !/^Node\.js v/.test(l));
  const error = lines.filter((l) => /Error|error:/.test(l)).pop();
  return (error ?? lines.pop() ?? `exit code ${r.code}${r.signal ? `, ${r.signal}` : ""}`).slice(0, 200);
}
