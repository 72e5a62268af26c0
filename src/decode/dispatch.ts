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
import { decodeAccessLog, decodeAgentNotify, decodeUnknown } from './agent.js';

/**
 * Decodes with an already resolved context, into the context's pooled events if it has them.
 * Drop, trace and policy verdict — the bulk of any event stream, defined in every release —
 * take a short path; the rest is kept out of line so this function stays small enough for the
 * JIT to inline into callers' loops.
 */
export function decodeWith(ctx: DecodeContext, bytes: Uint8Array): Event {
  // `!= null` keeps untyped callers passing null/undefined on the DecodeError path below.
  const type = bytes != null && bytes.length !== 0 ? (bytes[0] as number) : -1;
  if (type === 1) return decodeDrop(ctx.rc.drop, ctx.ext.drop, bytes, ctx.pool?.drop);
  if (type === 4) return decodeTrace(ctx.rc.trace, ctx.ext.trace, bytes, ctx.pool?.trace);
  if (type === 5) return decodePolicy(ctx.rc.policy, ctx.ext.policyVerdict, bytes, ctx.pool?.policy);
  return decodeOther(ctx, bytes, type);
}

function decodeOther(ctx: DecodeContext, bytes: Uint8Array, type: number): Event {
  if (!((bytes as unknown) instanceof Uint8Array)) throw new DecodeError('invalid-option', 'input must be a Uint8Array', 0, -1);
  if (type < 0) throw new DecodeError('short-buffer', 'empty event', 0, -1, 1, 0);
  const { rc, pool } = ctx;
  if (!rc.knownTypes[type]) return decodeUnknown(rc.names, bytes, pool?.unknown);
  switch (type) {
    case 2:
      return decodeDebug(rc.debug, bytes, pool?.debug);
    case 3:
      return decodeDebugCapture(rc.debugCapture, ctx.ext.debugCapture, bytes, pool?.debugCapture);
    case 6:
      return rc.recorder === undefined
        ? decodeUnknown(rc.names, bytes, pool?.unknown)
        : decodeRecorder(rc.recorder, bytes, ctx.ext.drop.strict, pool?.recorder);
    case 7:
      return decodeSock(rc.sock, bytes, pool?.sock);
    case 129:
      return decodeAccessLog(rc.names, bytes, pool?.accessLog);
    case 130:
      return decodeAgentNotify(rc.names, bytes, pool?.agentNotify);
    default:
      return decodeUnknown(rc.names, bytes, pool?.unknown);
  }
}
