/** `decodeEvent` and friends: one monitor message in, one typed event out. */
import type { DecodeOptions, Event } from './types.js';
import { decodeWith } from './dispatch.js';
import { contexts } from './shared-contexts.js';

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
 *
 * @example
 * const decode = createDecoder({ release: '1.19' });
 * for (const sample of samples) handle(decode(sample));
 */
export function createDecoder(options?: DecodeOptions): (bytes: Uint8Array) => Event {
  const ctx = contexts.get(options);
  return (bytes) => decodeWith(ctx, bytes);
}
