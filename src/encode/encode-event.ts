/** `encodeEvent`: the inverse of `decodeEvent`, for tests, fixtures and tools. */
import { EncodeError } from '../errors.js';
import type { EncodableEvent, EncodeOptions } from '../decode/types.js';
import type { ReleaseContext } from '../decode/release-context.js';
import { NEWEST_RELEASE } from '../decode/context-cache.js';
import { contexts } from '../decode/shared-contexts.js';
import {
  encodeDebug,
  encodeDebugCapture,
  encodeDrop,
  encodePolicy,
  encodeRecorder,
  encodeSock,
  encodeTrace,
} from './datapath.js';

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
export function encodeEvent(event: EncodableEvent, options?: EncodeOptions): Uint8Array {
  const rc = contexts.release(options?.release ?? event.release ?? NEWEST_RELEASE, options?.littleEndian ?? true);
  return encodeWith(rc, event);
}

/** Encodes with an already compiled release. */
export function encodeWith(rc: ReleaseContext, event: EncodableEvent): Uint8Array {
  switch (event.type) {
    case 1:
      return encodeDrop(rc, event);
    case 2:
      return encodeDebug(rc, event);
    case 3:
      return encodeDebugCapture(rc, event);
    case 4:
      return encodeTrace(rc, event);
    case 5:
      return encodePolicy(rc, event);
    case 6:
      return encodeRecorder(rc, event);
    case 7:
      return encodeSock(rc, event);
    case 129:
    case 130: {
      const out = new Uint8Array(1 + event.payload.length);
      out[0] = event.type;
      out.set(event.payload, 1);
      return out;
    }
    case 'unknown':
      return event.raw.slice();
    default:
      throw new EncodeError('invalid-field', `unknown event type ${String((event as { type: unknown }).type)}`, 'type');
  }
}
