/**
 * A progress line on stderr for long inputs, only when stderr is a terminal (never in pipes
 * or logs), redrawn at most a few times per second and erased at the end.
 */
import type { WriteStream } from 'node:tty';

/** Inputs smaller than this finish too fast for a progress line to help. */
const PROGRESS_MIN_BYTES = 8 * 1024 * 1024;
const INTERVAL_MS = 200;

export class Progress {
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;

  constructor(
    private readonly stderr: NodeJS.WritableStream & Partial<Pick<WriteStream, 'isTTY'>>,
    private readonly totalBytes: number,
  ) {
    this.enabled = stderr.isTTY === true && totalBytes >= PROGRESS_MIN_BYTES;
  }

  /** Reports that `records` are done, up to byte `offset` of the input. */
  update(records: number, offset: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS) return;
    this.last = now;
    const pct = Math.min(100, Math.floor((offset / this.totalBytes) * 100));
    this.stderr.write(`\r${records} records, ${pct}% of ${Math.round(this.totalBytes / 1048576)} MiB`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
