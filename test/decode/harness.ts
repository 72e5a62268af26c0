/**
 * Decoding against the hand-written spec layouts (spec-tables.ts), so the decoder logic is
 * tested against wire-format.md independently of the generated tables.
 */
import { ContextCache } from '../../src/decode/context-cache.js';
import { decodeWith } from '../../src/decode/dispatch.js';
import type { DecodeOptions, Event, Release } from '../../src/decode/types.js';
import { specTables } from './spec-tables.js';

export const specContexts = new ContextCache(specTables, (r) => r as Release);

export function decodeSpec(bytes: Uint8Array, options?: DecodeOptions): Event {
  return decodeWith(specContexts.get(options), bytes);
}
