/**
 * The writers' output buffer: blocks are written in place into a fixed-size chunk, and a full
 * chunk goes to the sink whole. Memory stays at one chunk plus what the sink holds, whatever
 * the capture's size, and the per-packet cost is a few `DataView` stores and one `set`.
 * Chunks the sink releases are reused: allocating (and zeroing) a new one would cost as much
 * memory traffic as the packets themselves. Reused memory holds old bytes, so the writers
 * write every byte of a block, padding included.
 */
import { PcapError } from './errors.js';
import type { ByteSink } from './sink.js';

/** Chunk size: large enough that the sink is called rarely, small enough to stay in cache. */
const CHUNK_BYTES = 64 * 1024;
/** Released chunks kept for reuse; more would only matter for a sink that releases late. */
const SPARE_CHUNKS = 4;

export class ChunkOutput {
  /** The current chunk; valid only until the next {@link reserve}. */
  bytes: Uint8Array;
  /** A view of {@link bytes} for fields at any offset. */
  view: DataView;
  /** {@link bytes} as host-order 32-bit words, for aligned fields (the pcapng writer's). */
  words: Uint32Array;
  private used = 0;
  private waiting: Promise<void> | undefined;
  private failure: PcapError | undefined;
  private closed = false;
  private readonly spare: Uint8Array[] = [];

  constructor(private readonly sink: ByteSink) {
    this.bytes = new Uint8Array(CHUNK_BYTES);
    this.view = new DataView(this.bytes.buffer);
    this.words = new Uint32Array(this.bytes.buffer);
  }

  /** Makes room for `n` contiguous bytes and returns their offset in {@link bytes}. */
  reserve(n: number): number {
    if (this.used + n > this.bytes.length) this.next(n);
    const at = this.used;
    this.used += n;
    return at;
  }

  /** False while the sink asked to wait: the caller should `await drain()` before more. */
  get ready(): boolean {
    return this.waiting === undefined;
  }

  /** Hands the buffered bytes to the sink and resolves when it can take more. */
  async drain(): Promise<void> {
    this.check();
    if (this.used > 0) this.next(0);
    while (this.waiting !== undefined) await this.waiting;
    this.check();
  }

  /** Drains, then closes the sink. Later writes throw `writer-closed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    try {
      await this.sink.close?.();
    } catch (e) {
      throw this.fail(e);
    }
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) throw new PcapError('writer-closed', 'the capture writer is closed');
  }

  private fail(e: unknown): PcapError {
    this.failure ??= new PcapError('write-failed', `cannot write the capture: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    return this.failure;
  }

  /** Sends the used part of the chunk and starts a new one with room for `need` bytes. */
  private next(need: number): void {
    this.check();
    if (this.used > 0) {
      const whole = this.bytes;
      let released = false;
      const release = (): void => {
        // Once only, and only standard-size chunks: a chunk given back twice would be written twice.
        if (released || whole.byteLength !== CHUNK_BYTES || this.spare.length >= SPARE_CHUNKS) return;
        released = true;
        this.spare.push(whole);
      };
      let pending: void | Promise<void>;
      try {
        pending = this.sink.write(whole.subarray(0, this.used), release);
      } catch (e) {
        throw this.fail(e);
      }
      if (pending !== undefined) {
        const wait: Promise<void> = pending
          .then(undefined, (e: unknown) => void this.fail(e))
          .then(() => {
            if (this.waiting === wait) this.waiting = undefined;
          });
        this.waiting = wait;
      }
    }
    // The sink owns the old chunk now: the next one is a released one or new memory.
    this.bytes = (need <= CHUNK_BYTES ? this.spare.pop() : undefined) ?? new Uint8Array(Math.max(CHUNK_BYTES, (need + 3) & ~3));
    this.view = new DataView(this.bytes.buffer);
    this.words = new Uint32Array(this.bytes.buffer);
    this.used = 0;
  }
}
