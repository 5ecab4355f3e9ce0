// The batch's progress line on a terminal: done/total, images per second, time left.
// Redrawn in place at most ten times a second; on anything but a terminal it stays silent,
// so logs and pipes get the records only.

function clock(seconds) {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.round(seconds);
  const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
  const parts = hms[0] > 0 ? hms : hms.slice(1);
  return parts.map((v, i) => (i === 0 ? String(v) : String(v).padStart(2, '0'))).join(':');
}

/** The progress line for `done` of `total` after `elapsedMs`, at most `columns` wide. */
export function progressLine({ done, total, elapsedMs, columns = 80 }) {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? (total - done) / rate : Infinity;
  const counts = ` ${done}/${total}  ${rate.toFixed(1)} img/s  ETA ${clock(done === total ? 0 : left)}`;
  const width = Math.max(0, Math.min(40, columns - counts.length - 3));
  const filled = total > 0 ? Math.round((width * done) / total) : width;
  const bar = width > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]` : '';
  return `${bar}${counts}`.slice(0, Math.max(0, columns - 1));
}

export class ProgressBar {
  /** Draws on `stream` only when it is a terminal. */
  constructor(stream, total, { now = () => performance.now() } = {}) {
    this.stream = stream;
    this.enabled = Boolean(stream.isTTY);
    this.total = total;
    this.done = 0;
    this.now = now;
    this.started = now();
    this.drawnAt = -Infinity;
    this.shown = false;
  }

  /** Counts one more image done; redraws when the last drawing is 100 ms old. */
  tick() {
    this.done++;
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.drawnAt < 100 && this.done < this.total) return;
    this.drawnAt = t;
    this.draw();
  }

  draw() {
    if (!this.enabled) return;
    const line = progressLine({
      done: this.done,
      total: this.total,
      elapsedMs: this.now() - this.started,
      columns: this.stream.columns || 80, // a pseudo-terminal may say 0
    });
    this.stream.write(`\r\x1b[K${line}`);
    this.shown = true;
  }

  /** Writes `text` (whole lines) to `out` above the progress line. */
  print(out, text) {
    if (this.shown) this.stream.write('\r\x1b[K');
    out.write(text);
    if (this.shown) this.draw();
  }

  /** Leaves the last drawing on its own line. */
  finish() {
    if (this.shown) this.stream.write('\n');
    this.shown = false;
  }
}
