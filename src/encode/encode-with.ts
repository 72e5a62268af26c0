/** Dispatch on the event type to the writer of that message type. */
import { EncodeError } from '../errors.js';
import type { EncodableEvent } from '../decode/types.js';
import type { ReleaseContext } from '../decode/release-context.js';
import {
  encodeDebug,
  encodeDebugCapture,
  encodeDrop,
  encodePolicy,
  encodeRecorder,
  encodeSock,
  encodeTrace,
} from './datapath.js';

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
    case 'unknown': {
      const out = new Uint8Array(1 + event.payload.length);
      out[0] = event.messageType;
      out.set(event.payload, 1);
      return out;
    }
    default:
      throw new EncodeError('invalid-field', `unknown event type ${String((event as { type: unknown }).type)}`, 'type');
  }
}
