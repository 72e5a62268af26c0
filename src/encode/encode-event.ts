/** `encodeEvent`: the inverse of `decodeEvent`, for tests, fixtures and tools. */
import { DecodeError, EncodeError } from '../errors.js';
import type { EncodableEvent, EncodeOptions, EventJSON } from '../decode/types.js';
import type { ReleaseContext } from '../decode/release-context.js';
import { NEWEST_RELEASE } from '../decode/context-cache.js';
import { contexts } from '../decode/shared-contexts.js';
import { encodeWith } from './encode-with.js';

/**
 * Writes an event as the datapath (or agent) would deliver it: the struct of the chosen
 * release and the event's version, then any extension bytes, then the packet. Raw fields are
 * written; derived ones (names, booleans, `origIp` text) are ignored. Padding is zero.
 * Decoding the result with the same release and byte order gives the event back.
 *
 * @example
 * const bytes = encodeEvent(decodeEvent(sample, { release: '1.18' }));
 * // bytes equals sample up to the end of the packet (for samples with zeroed padding)
 */
export function encodeEvent(event: EncodableEvent | EventJSON, options?: EncodeOptions): Uint8Array {
  const release = options?.release ?? event.release ?? NEWEST_RELEASE;
  let rc: ReleaseContext;
  try {
    rc = contexts.release(release, options?.littleEndian ?? true);
  } catch (e) {
    if (e instanceof DecodeError) throw new EncodeError(e.code, e.message, 'release');
    throw e;
  }
  return encodeWith(rc, event);
}
