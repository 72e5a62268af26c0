/** What the live sources yield: the records of `cilium-events/sources`, plus two of their own. */
import type { SourceError } from '../sources/errors.js';
import type { LostInput, OtherInput, SampleInput } from '../sources/types.js';

/** Samples that never reached the consumer. */
export interface LiveLostInput extends LostInput {
  /**
   * `'kernel'`: the perf ring was full, so the kernel refused them (from the ring itself, or
   * forwarded by the agent on its socket). `'reader'`: this source dropped them because its
   * consumer fell behind and its queue was full (`cpu` is then `undefined`).
   */
  readonly reason: 'kernel' | 'reader';
}

/**
 * A message of the socket stream that could not be read: malformed (the stream goes on after
 * it), or cut short by the connection closing. `offset` is the byte offset in the connection.
 */
export interface SkippedInput {
  readonly kind: 'skipped';
  readonly error: SourceError;
  readonly offset: number;
  readonly cpu: undefined;
  readonly line: undefined;
}

/** One record of a live source, in arrival order. */
export type LiveRecord = SampleInput | LiveLostInput | OtherInput | SkippedInput;

/**
 * A live source: iterate it with `for await`; it ends when its `signal` aborts, when `close`
 * is called, or when the loop is left with `break`.
 */
export interface LiveSource extends AsyncIterable<LiveRecord> {
  /** Stops reading and releases the socket or rings; pending `next()` calls end. */
  close(): Promise<void>;
}
