/** `decodeEvent` and friends: one monitor message in, one typed event out. */
import { DecodeError } from '../errors.js';
import type { DecodeOptions, Event } from './types.js';
import type { DecodeContext } from './context-cache.js';
import { viewOf } from './byte-view.js';
import { decodeDrop } from './drop.js';
import { decodeDebug } from './debug.js';
import { decodeDebugCapture } from './debug-capture.js';
import { decodeTrace } from './trace.js';
import { decodePolicy } from './policy.js';
import { decodeRecorder } from './recorder.js';
import { decodeSock } from './sock.js';
import { AccessLogEvent, AgentNotifyEvent, UnknownMessageEvent } from './agent.js';
import { contexts } from './shared-contexts.js';

/** Decodes with an already resolved context. */
export function decodeWith(ctx: DecodeContext, bytes: Uint8Array): Event {
  if (bytes.length === 0) throw new DecodeError('short-buffer', 'empty event', 0, -1, 1, 0);
  const rc = ctx.rc;
  const le = rc.littleEndian;
  const names = rc.names;
  const type = bytes[0] as number;
  if (!rc.knownTypes[type]) return new UnknownMessageEvent(names, bytes);
  const view = viewOf(bytes);
  switch (type) {
    case 1:
      return decodeDrop(rc.drop, names, le, ctx.ext.drop, bytes, view);
    case 4:
      return decodeTrace(rc.trace, names, le, ctx.ext.trace, bytes, view);
    case 5:
      return decodePolicy(rc.policy, names, le, ctx.ext.policyVerdict, bytes, view);
    case 2:
      return decodeDebug(rc.debug, names, le, bytes, view);
    case 3:
      return decodeDebugCapture(rc.debugCapture, names, le, ctx.ext.debugCapture, bytes, view);
    case 6:
      return rc.recorder === undefined
        ? new UnknownMessageEvent(names, bytes)
        : decodeRecorder(rc.recorder, names, le, bytes, view);
    case 7:
      return decodeSock(rc.sock, names, le, bytes, view);
    case 129:
      return new AccessLogEvent(names, bytes);
    case 130:
      return new AgentNotifyEvent(names, bytes);
    default:
      return new UnknownMessageEvent(names, bytes);
  }
}

/**
 * Decodes one monitor message: the bytes of one perf sample or monitor-socket payload,
 * starting at the type byte. Trailing bytes after the packet (perf padding) are ignored.
 * Throws only {@link DecodeError}; types the release does not define come back as
 * `{ type: 'unknown' }`.
 *
 * @example
 * import { decodeEvent } from 'cilium-events';
 * const ev = decodeEvent(sample, { release: '1.18' });
 * if (ev.type === 1) console.log(ev.dropReasonText, ev.srcLabel, '->', ev.dstLabel);
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
