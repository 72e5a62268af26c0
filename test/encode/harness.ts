/** Encoding against the hand-written spec layouts (see test/decode/spec-tables.ts). */
import { encodeWith } from '../../src/encode/encode-with.js';
import type { EncodableEvent, EncodeOptions } from '../../src/decode/types.js';
import { specContexts } from '../decode/harness.js';

export function encodeSpec(event: EncodableEvent, options?: EncodeOptions): Uint8Array {
  return encodeWith(specContexts.release(options?.release ?? event.release ?? '1.19', options?.littleEndian ?? true), event);
}
