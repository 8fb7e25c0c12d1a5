// A progress bar per epoch, as Keras's: on a terminal redrawn in place (at most every 50 ms),
// piped one line at the end of the epoch (Keras's verbose=2). Shared by the training examples.
export class ProgressBar {
  private readonly tty = process.stdout.isTTY === true;
  private readonly started = performance.now();
  private lastDraw = 0;
  constructor(private readonly total: number) {}

  /** Redraw after `done` of `total` steps (a terminal only, at most every 50 ms, always at the end). */
  update(done: number, values: Record<string, number>): void {
    const now = performance.now();
    const finished = done === this.total;
    if (!this.tty || (!finished && now - this.lastDraw < 50)) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.floor((width * done) / this.total);
    const bar = "=".repeat(Math.max(filled - (finished ? 0 : 1), 0)) + (finished ? "" : ">") + ".".repeat(width - filled);
    const elapsed = (now - this.started) / 1000;
    const time = finished
      ? `${Math.round(elapsed)}s ${this.perStep(now, done)}`
      : `ETA: ${Math.round((elapsed / done) * (this.total - done))}s`;
    let line = `${String(done).padStart(String(this.total).length)}/${this.total} [${bar}] - ${time}${this.metrics(values)}`;
    const columns = process.stdout.columns ?? 0;
    if (columns > 1 && line.length >= columns) line = line.slice(0, columns - 1);
    process.stdout.write(`\r${line}\x1b[K${finished ? "\n" : ""}`);
  }

  /** Piped output: one line at the end of the epoch (Keras's verbose=2). */
  end(values: Record<string, number>): void {
    if (this.tty) return;
    const now = performance.now();
    console.log(`${this.total}/${this.total} - ${Math.round((now - this.started) / 1000)}s - ${this.perStep(now, this.total)}${this.metrics(values)}`);
  }

  private perStep(now: number, done: number): string {
    const ms = (now - this.started) / done;
    return ms >= 1 ? `${Math.round(ms)}ms/step` : `${Math.round(ms * 1000)}us/step`;
  }
  private metrics(values: Record<string, number>): string {
    return Object.entries(values).map(([k, v]) => ` - ${k}: ${v.toFixed(4)}`).join("");
  }
}
