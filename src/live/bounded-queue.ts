/**
 * The socket source's buffer between the connection and a consumer that may be slower. The
 * socket is read as fast as the agent writes, because pausing it would only move the drops
 * into the agent's per-listener queue, where they are silent. Here they are counted instead:
 * past a record or byte limit new records are dropped, and a `reader` lost record takes their
 * place in the sequence, as the kernel's lost records do for a full perf ring.
 */
import type { LiveLostInput, LiveRecord } from './types.js';

export interface QueueLimits {
  maxRecords: number;
  maxBytes: number;
}

// `length`, not `byteLength`: on Node 20 a typed array's byteLength is a getter call (~10 ns a record).
const sizeOf = (r: LiveRecord): number => (r.kind === 'sample' || r.kind === 'other' ? (r.data?.length ?? 0) : 0);

export class BoundedQueue {
  private items: LiveRecord[] = [];
  /** Index of the next record to take; the array is compacted when it is all taken. */
  private head = 0;
  private bytes = 0;
  private dropped = 0;
  private closed = false;
  private waiter: ((r: LiveRecord | undefined) => void) | undefined;

  constructor(private readonly limits: QueueLimits) {}

  /** Queues `r`, or counts it as dropped when the queue is full. */
  push(r: LiveRecord): void {
    if (this.closed) return;
    if (this.waiter !== undefined) {
      // The consumer is waiting, so nothing is queued: hand over directly.
      const wake = this.waiter;
      this.waiter = undefined;
      wake(r);
      return;
    }
    const size = sizeOf(r);
    if (this.items.length - this.head >= this.limits.maxRecords || this.bytes + size > this.limits.maxBytes) {
      this.dropped++;
      return;
    }
    this.flushDropped();
    this.items.push(r);
    this.bytes += size;
  }

  /** Ends the queue: records already queued are still taken, then `take` resolves `undefined`. */
  close(): void {
    this.closed = true;
    if (this.waiter !== undefined && this.head === this.items.length) {
      const wake = this.waiter;
      this.waiter = undefined;
      // The consumer is waiting on an empty queue: report what was dropped before ending.
      wake(this.takeDropped());
    }
  }

  /** Ends the queue at once, discarding what is queued. */
  discard(): void {
    this.items = [];
    this.head = 0;
    this.bytes = 0;
    this.dropped = 0;
    this.close();
  }

  /** The next record; `undefined` once the queue is closed and empty. */
  take(): Promise<LiveRecord | undefined> {
    if (this.head < this.items.length) {
      const r = this.items[this.head++] as LiveRecord;
      this.bytes -= sizeOf(r);
      if (this.head === this.items.length) {
        this.items = [];
        this.head = 0;
      }
      return Promise.resolve(r);
    }
    // Drops are reported as soon as the consumer has caught up, not only when a new record comes.
    const lost = this.takeDropped();
    if (lost !== undefined || this.closed) return Promise.resolve(lost);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private takeDropped(): LiveLostInput | undefined {
    if (this.dropped === 0) return undefined;
    const count = this.dropped;
    this.dropped = 0;
    return { kind: 'lost', reason: 'reader', count, cpu: undefined, offset: 0, line: undefined };
  }

  private flushDropped(): void {
    const lost = this.takeDropped();
    if (lost !== undefined) this.items.push(lost);
  }
}
