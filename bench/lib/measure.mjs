// Timing: a cold first call, a warm-up, then `rounds` timed rounds of `reps` calls each; the
// figure is the median per-call time over rounds. Budgets keep slow (library, op) pairs short:
// an op predicted to take longer than `maxOpMs` is skipped, and rounds/reps shrink to fit
// `budgetMs`. bench/peers/numpy_peer.py implements the same rules in Python.

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

async function timeBatch(op, reps) {
  const t0 = now();
  if (op.async) for (let i = 0; i < reps; i++) await op.run();
  else for (let i = 0; i < reps; i++) op.run();
  return now() - t0;
}

/**
 * @param op { run(): unknown, async?: boolean }
 * @param s  settings: { rounds, targetRoundMs, warmupMs, budgetMs, maxOpMs, predictedMs? }
 * @returns { opMs, minMs, maxMs, rounds, reps, coldMs } or { skipped: reason }
 */
export async function measure(op, s) {
  if (s.predictedMs !== undefined && s.predictedMs > s.maxOpMs) {
    return { skipped: `time cap: predicted ${fmtMs(s.predictedMs)} per op > ${fmtMs(s.maxOpMs)}` };
  }
  const coldMs = await timeBatch(op, 1);
  let est = coldMs;
  let spent = coldMs;
  if (coldMs * 4 < s.budgetMs) {
    // Warm-up in doubling batches, until warmupMs is spent and one batch lasts a quarter round
    // (so that the per-call estimate, and hence reps, is taken after the JIT settled).
    let batch = 1;
    for (;;) {
      const t = await timeBatch(op, batch);
      spent += t;
      est = Math.min(est, t / batch);
      if ((spent >= s.warmupMs && t >= s.targetRoundMs / 4) || spent > s.budgetMs / 2) break;
      if (t < s.targetRoundMs / 4) batch *= 2;
    }
    // Calibrate: an op that got faster while warming up (JIT) would otherwise make short rounds,
    // at the mercy of GC pauses. `est` is the fastest per-call time seen, so rounds err long.
    for (let i = 0; i < 4 && est < s.targetRoundMs / 2 && spent < s.budgetMs / 2; i++) {
      const reps = Math.max(1, Math.round(s.targetRoundMs / est));
      const t = await timeBatch(op, reps);
      spent += t;
      est = Math.min(est, t / reps);
      if (t >= s.targetRoundMs / 2) break;
    }
  }
  let reps = Math.max(1, Math.round(s.targetRoundMs / Math.max(est, 1e-6)));
  let rounds = s.rounds;
  if (rounds * reps * est > s.budgetMs) {
    reps = Math.max(1, Math.floor(s.budgetMs / (rounds * est)));
    if (rounds * reps * est > s.budgetMs) rounds = Math.max(1, Math.min(rounds, Math.floor(s.budgetMs / est)));
  }
  const perOp = [];
  for (let r = 0; r < rounds; r++) perOp.push((await timeBatch(op, reps)) / reps);
  perOp.sort((x, y) => x - y);
  const mid = perOp.length >> 1;
  const opMs = perOp.length % 2 ? perOp[mid] : (perOp[mid - 1] + perOp[mid]) / 2;
  return { opMs, minMs: perOp[0], maxMs: perOp[perOp.length - 1], rounds, reps, coldMs };
}

export function fmtMs(ms) {
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}
