/**
 * Buffered line output that respects the reader's pace: lines are encoded straight into a
 * byte chunk, and when the stream asks to wait (a slow pipe), {@link LineWriter.flushIfFull}
 * waits for `drain` instead of buffering the whole output in memory.
 */
import type { Writable } from 'node:stream';

/** Chunk size at which lines are handed to the stream. */
const CHUNK = 64 * 1024;
/** UTF-8 bytes a UTF-16 code unit can take. */
const MAX_BYTES_PER_UNIT = 3;
const NEWLINE = 0x0a;

export class LineWriter {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  /** The stream's last write asked to wait for `drain`. */
  private waiting = false;
  constructor(private readonly stream: Writable) {}

  /**
   * Writes `text` and a newline, unless `text` already ends with one (the formatter's texts
   * do). The text is encoded into the chunk as it is: a string built by concatenation is never
   * flattened into another string first.
   */
  line(text: string): void {
    if (text.length * MAX_BYTES_PER_UNIT > this.chunk.length - this.used - 1) {
      this.hand();
      // Larger than a whole chunk: a chunk of its own.
      if (text.length * MAX_BYTES_PER_UNIT > this.chunk.length - 1) this.chunk = Buffer.allocUnsafe(text.length * MAX_BYTES_PER_UNIT + 1);
    }
    this.used += this.chunk.write(text, this.used);
    if (this.used === 0 || this.chunk[this.used - 1] !== NEWLINE) this.chunk[this.used++] = NEWLINE;
  }

  /**
   * Writes the chunk once it is half full; then, when the stream asked to wait, a promise that
   * resolves on `drain`. Returns nothing (no promise to await) while the stream keeps up.
   */
  flushIfFull(): Promise<void> | undefined {
    if (this.used >= CHUNK / 2) this.hand();
    return this.waiting ? this.drain() : undefined;
  }

  async flush(): Promise<void> {
    this.hand();
    if (this.waiting) await this.drain();
  }

  private drain(): Promise<void> {
    return new Promise<void>((resolve) => {
      // On error (EPIPE) the process-level handler exits; resolve so nothing waits forever.
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        this.waiting = false;
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
  }

  /** Hands the filled part of the chunk to the stream (which keeps it) and starts a new chunk. */
  private hand(): void {
    if (this.used === 0) return;
    const filled = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    if (!this.stream.write(filled)) this.waiting = true;
  }
}
