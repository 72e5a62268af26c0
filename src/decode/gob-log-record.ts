/**
 * Reads the value an L7 access log (type 129) carries: a self-contained Go `gob` stream with the
 * type definitions of the agent's `accesslog.LogRecord` followed by one value of it. Decoded by
 * the input parsers' gob reader (`sources/gob`): fields come back by name, absent ones are zero.
 */
import { GobStream } from '../sources/gob/stream.js';
import type { GobValue } from '../sources/gob/values.js';

/** A gob struct value: field name → value; gob leaves zero-valued fields out. */
export type GobStruct = { readonly [field: string]: GobValue };

/** The record's struct value, or `undefined` if the payload is not one well-formed struct value. */
export function readLogRecord(payload: Uint8Array): GobStruct | undefined {
  const gob = new GobStream({ maxMessageBytes: payload.byteLength });
  // A malformed message ends the batch without throwing: only well-formed values come back.
  const [message] = gob.push(payload);
  if (message?.type?.kind !== 'struct') return undefined;
  return message.value as GobStruct;
}
