/**
 * The header filter of {@link createHeaderFilter} compiled for the ring walkers: lookup tables
 * the WebAssembly walker reads from its own memory and the TypeScript walker from here, so a
 * filtered-out sample costs neither walker an allocation or a call back into JavaScript.
 */
import type { HeaderFilterSpec } from '../decode/header.js';
import {
  FILTER_BIG_ENDIAN,
  FILTER_ON,
  FILTER_SOURCE_TABLE,
  FILTER_SOURCES,
  FILTER_SUBTYPE_TABLE,
  FILTER_SUBTYPES,
  FILTER_TYPE_TABLE,
  FILTER_TYPES,
  TRACE_SOCK,
} from './layout.js';

export interface RingFilter {
  readonly flags: number;
  /** Type table, subtype table, then (with FILTER_SOURCES) the source table. */
  readonly tables: Uint8Array;
}

const compiled = new WeakMap<HeaderFilterSpec, RingFilter>();

function fill(tables: Uint8Array, at: number, size: number, values: readonly number[]): void {
  for (const v of values) if (Number.isInteger(v) && v >= 0 && v < size) tables[at + v] = 1;
}

/** The tables of `spec`, built once per spec object. */
export function ringFilter(spec: HeaderFilterSpec): RingFilter {
  let f = compiled.get(spec);
  if (f !== undefined) return f;
  let flags = FILTER_ON;
  const tables = new Uint8Array(FILTER_SOURCE_TABLE + (spec.sources === undefined ? 0 : 65536));
  if (spec.types !== undefined) {
    flags |= FILTER_TYPES;
    fill(tables, FILTER_TYPE_TABLE, 256, spec.types);
  }
  if (spec.subtypes !== undefined) {
    flags |= FILTER_SUBTYPES;
    fill(tables, FILTER_SUBTYPE_TABLE, 256, spec.subtypes);
  }
  if (spec.sources !== undefined) {
    flags |= FILTER_SOURCES;
    fill(tables, FILTER_SOURCE_TABLE, 65536, spec.sources);
  }
  if (spec.littleEndian === false) flags |= FILTER_BIG_ENDIAN;
  f = { flags, tables };
  compiled.set(spec, f);
  return f;
}

/**
 * Whether `filter` keeps a sample of `raw` bytes starting at ring offset `from` of `view` (the
 * data area, `mask + 1` bytes), whose message type and subtype bytes are given: the rules of
 * createHeaderFilter, applied as the WebAssembly walker applies them.
 */
export function keeps(filter: RingFilter, view: DataView, mask: number, from: number, raw: number, type: number, subtype: number): boolean {
  const { flags, tables } = filter;
  if (raw < 2) return false;
  if (flags & FILTER_TYPES && tables[FILTER_TYPE_TABLE + type] === 0) return false;
  if (flags & FILTER_SUBTYPES && tables[FILTER_SUBTYPE_TABLE + subtype] === 0) return false;
  if (flags & FILTER_SOURCES) {
    if (type === TRACE_SOCK || raw < 4) return false;
    const big = (flags & FILTER_BIG_ENDIAN) !== 0;
    const lo = view.getUint8((from + (big ? 3 : 2)) & mask);
    const hi = view.getUint8((from + (big ? 2 : 3)) & mask);
    if (tables[FILTER_SOURCE_TABLE + (lo | (hi << 8))] === 0) return false;
  }
  return true;
}
