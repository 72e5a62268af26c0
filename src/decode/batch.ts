/** Decoding many messages at once, with header filtering and per-event error handling. */
import { DecodeError } from '../errors.js';
import type { DecodeOptions, Event } from './types.js';
import { decodeWith } from './dispatch.js';
import { contexts } from './shared-contexts.js';

/** Options of `decodeEvents`: the decode options, a header filter and an error callback. */
export interface DecodeEventsOptions extends DecodeOptions {
  /** Skip messages for which this returns false, before decoding them (see `createHeaderFilter`). */
  filter?: (bytes: Uint8Array) => boolean;
  /**
   * Called for each message that fails to decode, which is then skipped. Without it the first
   * {@link DecodeError} is thrown.
   */
  onError?: (error: DecodeError, index: number, bytes: Uint8Array) => void;
}

/**
 * Decodes a batch of messages (e.g. everything one perf-ring read returned).
 *
 * @example
 * const events = decodeEvents(samples, {
 *   release: '1.18',
 *   filter: createHeaderFilter({ types: [1, 4] }),
 *   onError: (e, i) => console.warn(`event ${i}: ${e.code}`),
 * });
 */
export function decodeEvents(messages: Iterable<Uint8Array>, options?: DecodeEventsOptions): Event[] {
  const ctx = contexts.get(options);
  const filter = options?.filter;
  const onError = options?.onError;
  const out: Event[] = [];
  let index = 0;
  for (const bytes of messages) {
    if (filter === undefined || filter(bytes)) {
      if (onError === undefined) out.push(decodeWith(ctx, bytes));
      else {
        try {
          out.push(decodeWith(ctx, bytes));
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
          onError(e, index, bytes);
        }
      }
    }
    index++;
  }
  return out;
}
