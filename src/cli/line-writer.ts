/**
 * Buffered line output that respects the reader's pace: lines collect into chunks, and when
 * the stream asks to wait (a slow pipe), {@link LineWriter.flushIfFull} waits for `drain`
 * instead of buffering the whole output in memory.
 */
import type { Writable } from 'node:stream';

/** Chunk size at which lines are handed to the stream. */
const CHUNK = 64 * 1024;

export class LineWriter {
  private buffer = '';
  constructor(private readonly stream: Writable) {}

  line(text: string): void {
    this.buffer += text;
    this.buffer += '\n';
  }

  /**
   * Writes the buffer once it is large; then a promise that resolves when the stream can take
   * more. Returns nothing (no promise to await) while the buffer is filling.
   */
  flushIfFull(): Promise<void> | undefined {
    return this.buffer.length >= CHUNK ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        // On error (EPIPE) the process-level handler exits; resolve so nothing waits forever.
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          this.stream.off('close', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
        this.stream.on('close', done);
      });
    }
  }
}
