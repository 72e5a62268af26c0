/** Dispatch on the event type to the writer of that message type. */
import { EncodeError } from '../errors.js';
import type { EncodableEvent, EventJSON } from '../decode/types.js';
import { fieldsOf } from './fields-of.js';
import { FieldWriter, checkBytes } from './field-writer.js';
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
export function encodeWith(rc: ReleaseContext, input: EncodableEvent | EventJSON): Uint8Array {
  const event = fieldsOf(input);
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
    case 130:
      return typeByteAndPayload(event.type, event.payload, 'type');
    case 'unknown':
      return typeByteAndPayload(event.messageType, event.payload, 'messageType');
    default:
      throw new EncodeError('invalid-field', `unknown event type ${String((event as { type: unknown }).type)}`, 'type');
  }
}

/** Agent-side and unknown messages: the type byte, then the payload verbatim. */
function typeByteAndPayload(type: number, payload: Uint8Array, typeField: string): Uint8Array {
  const w = new FieldWriter(1 + checkBytes(payload, 'payload').length, true);
  w.u8(0, type, typeField);
  w.bytes.set(payload, 1);
  return w.bytes;
}
