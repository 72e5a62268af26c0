/**
 * Reads the one value an agent notification (type 130) carries: a self-contained Go `gob`
 * stream with a type definition for `AgentNotify{Type uint32, Text string}` followed by one
 * value of it. The gob decoding is the input parsers' (`sources/gob`, pure and bounds-checked);
 * anything that is not that value yields `undefined` and the caller keeps the raw payload.
 */
import { GobStream } from '../sources/gob/stream.js';

export interface AgentNotifyValue {
  notificationType: number;
  text: string;
}

/** Decodes the payload after the type byte, or returns `undefined` if it is not that value. */
export function readAgentNotify(payload: Uint8Array): AgentNotifyValue | undefined {
  const gob = new GobStream({ maxMessageBytes: payload.byteLength });
  // A malformed message ends the batch without throwing: only well-formed values come back.
  const [message] = gob.push(payload);
  if (message === undefined) return undefined;
  const type = gob.typeOf(message.typeId);
  if (type?.kind !== 'struct') return undefined;
  const fields = new Set(type.fields.map((f) => f.name));
  if (!fields.has('Type') || !fields.has('Text')) return undefined;
  // gob omits zero-valued fields, so both start at their zero value.
  const value = message.value as { Type?: unknown; Text?: unknown };
  const notificationType = value.Type ?? 0;
  const text = value.Text ?? '';
  if (typeof notificationType !== 'number' || typeof text !== 'string') return undefined;
  return { notificationType, text };
}
