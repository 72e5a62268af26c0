/** Dispatch on the type byte to the decoder of that message type. */
import { DecodeError } from '../errors.js';
import type { Event } from './types.js';
import type { DecodeContext } from './context-cache.js';
import { decodeDrop } from './drop.js';
import { decodeDebug } from './debug.js';
import { decodeDebugCapture } from './debug-capture.js';
import { decodeTrace } from './trace.js';
import { decodePolicy } from './policy.js';
import { decodeRecorder } from './recorder.js';
import { decodeSock } from './sock.js';
import { AccessLogEvent, AgentNotifyEvent, UnknownMessageEvent } from './agent.js';

/** Decodes with an already resolved context. */
export function decodeWith(ctx: DecodeContext, bytes: Uint8Array): Event {
  if (bytes.length === 0) throw new DecodeError('short-buffer', 'empty event', 0, -1, 1, 0);
  const rc = ctx.rc;
  const names = rc.names;
  const type = bytes[0] as number;
  if (!rc.knownTypes[type]) return new UnknownMessageEvent(names, bytes);
  switch (type) {
    case 1:
      return decodeDrop(rc.drop, ctx.ext.drop, bytes);
    case 4:
      return decodeTrace(rc.trace, ctx.ext.trace, bytes);
    case 5:
      return decodePolicy(rc.policy, ctx.ext.policyVerdict, bytes);
    case 2:
      return decodeDebug(rc.debug, bytes);
    case 3:
      return decodeDebugCapture(rc.debugCapture, ctx.ext.debugCapture, bytes);
    case 6:
      return rc.recorder === undefined ? new UnknownMessageEvent(names, bytes) : decodeRecorder(rc.recorder, bytes);
    case 7:
      return decodeSock(rc.sock, bytes);
    case 129:
      return new AccessLogEvent(names, bytes);
    case 130:
      return new AgentNotifyEvent(names, bytes);
    default:
      return new UnknownMessageEvent(names, bytes);
  }
}
