/**
 * The two table sources tests run against: layouts written by hand from wire-format.md
 * (test/decode/spec-tables.ts) and the generated tables the library ships. The same
 * expectations must hold for both.
 */
import { ContextCache } from '../../src/decode/context-cache.js';
import { decodeWith } from '../../src/decode/dispatch.js';
import { encodeWith } from '../../src/encode/encode-with.js';
import { contexts } from '../../src/decode/shared-contexts.js';
import type { DecodeOptions, EncodableEvent, EncodeOptions, Event, Release } from '../../src/decode/types.js';
import { specTables } from '../decode/spec-tables.js';

export interface TableSource {
  name: string;
  decode(bytes: Uint8Array, options?: DecodeOptions): Event;
  encode(event: EncodableEvent, options?: EncodeOptions): Uint8Array;
}

function source(name: string, cache: ContextCache): TableSource {
  return {
    name,
    decode: (bytes, options) => decodeWith(cache.get(options), bytes),
    encode: (event, options) =>
      encodeWith(cache.release(options?.release ?? event.release ?? '1.19', options?.littleEndian ?? true), event),
  };
}

export const specSource = source('spec layouts', new ContextCache(specTables, (r) => r as Release));
export const generatedSource = source('generated tables', contexts);
export const TABLE_SOURCES: readonly TableSource[] = [specSource, generatedSource];
