/** `decodeEvent` and friends: one monitor message in, one typed event out. */
import type { DecodeOptions, DecoderOptions, Event } from './types.js';
import { decodeWith } from './dispatch.js';
import { contexts } from './shared-contexts.js';
import type { DecodeContext } from './context-cache.js';
import { createEventPool } from './event-pool.js';

/**
 * Decodes one monitor message: the bytes of one perf sample or monitor-socket payload,
 * starting at the type byte. Trailing bytes after the packet (perf padding) are ignored.
 * Throws only {@link DecodeError}; types the release does not define come back as
 * `{ type: 'unknown' }`.
 *
 * @example
 * import { decodeEvent } from 'cilium-events';
 * const ev = decodeEvent(sample, { release: '1.18' });
 * if (ev.type === 1) console.log(ev.subtypeText, ev.srcLabel, '->', ev.dstLabel);
 */
export function decodeEvent(bytes: Uint8Array, options?: DecodeOptions): Event {
  return decodeWith(contexts.get(options), bytes);
}

/**
 * A decode function with its options resolved once: the fastest way to decode many events.
 * With `reuse: true` it overwrites one event per message type instead of allocating (see
 * {@link DecoderOptions.reuse}): each event is valid until the next of its type.
 *
 * @example
 * const decode = createDecoder({ release: '1.19' });
 * for (const sample of samples) handle(decode(sample));
 *
 * // A hot loop that reads each event once: no allocation per event.
 * const decodeInto = createDecoder({ release: '1.19', reuse: true });
 * let drops = 0;
 * for (const sample of samples) if (decodeInto(sample).type === 1) drops++;
 */
export function createDecoder(options?: DecoderOptions): (bytes: Uint8Array) => Event {
  const shared = contexts.get(options);
  const ctx: DecodeContext = options?.reuse === true ? { ...shared, pool: createEventPool(shared.rc) } : shared;
  return (bytes) => decodeWith(ctx, bytes);
}
