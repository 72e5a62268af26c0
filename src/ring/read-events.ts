import { createDecoder, isDecodeError } from '../index.js';
import type { DecodeError, DecodeOptions, Event } from '../index.js';
import { scanRecords } from './read-records.js';
import type { RingRegion } from './region.js';
import type { ReadOptions, RingScan } from './types.js';

/** Options of {@link readEvents}: how to read the ring, how to decode its samples. */
export interface ReadEventsOptions extends ReadOptions {
  /** The CPU this ring belongs to (its index in the perf event array), copied to the result. */
  cpu?: number;
  /** Passed to `decodeEvent` for every sample (release, byte order, extension lengths). */
  decode?: DecodeOptions;
}

/** One entry of {@link RingEvents.entries}, in ring order. */
export type RingEventEntry =
  | { readonly kind: 'event'; readonly offset: number; readonly event: Event }
  /** A sample that is not a valid monitor message; skip it and go on. */
  | { readonly kind: 'error'; readonly offset: number; readonly error: DecodeError; readonly data: Uint8Array }
  | { readonly kind: 'lost'; readonly offset: number; readonly id: bigint; readonly count: number };

/** Result of {@link readEvents}. */
export interface RingEvents extends RingScan {
  readonly cpu: number | undefined;
  readonly entries: RingEventEntry[];
}

/**
 * Reads one perf ring like `readRecords` and decodes every sample as a Cilium monitor
 * message. A sample that fails to decode becomes a `kind: 'error'` entry carrying the
 * `DecodeError` and the raw bytes; the read goes on. Lost records stay in place, so gaps are
 * visible where they happened. Ring corruption still throws `RingError`.
 *
 * @example
 * const { entries, lostSamples } = readEvents(mapping, { cpu: 0, decode: { release: '1.18' } });
 * for (const e of entries) if (e.kind === 'event') console.log(e.event.type);
 */
export function readEvents(region: RingRegion, options: ReadEventsOptions = {}): RingEvents {
  const decode = createDecoder(options.decode);
  const batch = scanRecords(region, options);
  const entries: RingEventEntry[] = new Array<RingEventEntry>(batch.count);
  for (let i = 0; i < batch.count; i++) {
    const offset = batch.offset(i);
    if (batch.isLost(i)) {
      entries[i] = { kind: 'lost', offset, id: batch.lostId(i), count: batch.lost(i) };
      continue;
    }
    const data = batch.data(i);
    try {
      entries[i] = { kind: 'event', offset, event: decode(data) };
    } catch (e) {
      if (!isDecodeError(e)) throw e;
      entries[i] = { kind: 'error', offset, error: e, data };
    }
  }
  const { impl, direction, start, end, samples, lostRecords, lostSamples, skipped, stop, tailCommitted } = batch;
  return { impl, direction, start, end, samples, lostRecords, lostSamples, skipped, stop, tailCommitted, cpu: options.cpu, entries };
}
