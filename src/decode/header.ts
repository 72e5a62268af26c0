/**
 * Header-only access for hot loops: read or filter on the first bytes of a message without
 * decoding (or allocating) anything else.
 */
import type { EventHeader } from './types.js';

/** `CILIUM_NOTIFY_TRACE_SOCK`: the one datapath message without the common header. */
const TRACE_SOCK = 7;
/** `NOTIFY_COMMON_HDR`: type u8, subtype u8, source u16, hash u32. */
const COMMON_HEADER_LENGTH = 8;

/**
 * Fills `into` with the common-header fields of `bytes` and returns true, or returns false
 * (leaving `into` untouched) when the buffer is too short to hold them. Reuse one `into`
 * object across calls to allocate nothing.
 *
 * @example
 * const h = { type: 0, subtype: 0, source: 0, hash: 0 };
 * for (const s of samples) if (readHeader(s, h) && h.type === 1) drops++;
 */
export function readHeader(bytes: Uint8Array, into: EventHeader, littleEndian = true): boolean {
  const len = bytes.length;
  if (len < 2) return false;
  const type = bytes[0] as number;
  if (type === TRACE_SOCK) {
    into.type = type;
    into.subtype = bytes[1] as number;
    into.source = 0;
    into.hash = 0;
    return true;
  }
  if (len < COMMON_HEADER_LENGTH) return false;
  const b0 = bytes[2] as number;
  const b1 = bytes[3] as number;
  const h0 = bytes[4] as number;
  const h1 = bytes[5] as number;
  const h2 = bytes[6] as number;
  const h3 = bytes[7] as number;
  into.type = type;
  into.subtype = bytes[1] as number;
  if (littleEndian) {
    into.source = b0 | (b1 << 8);
    into.hash = (h0 | (h1 << 8) | (h2 << 16) | (h3 << 24)) >>> 0;
  } else {
    into.source = (b0 << 8) | b1;
    into.hash = ((h0 << 24) | (h1 << 16) | (h2 << 8) | h3) >>> 0;
  }
  return true;
}

/** What `createHeaderFilter` keeps: message types, subtypes and sources, each optional (omitted: any). */
export interface HeaderFilterSpec {
  /** Keep only these message types. */
  types?: readonly number[];
  /** Keep only these subtypes (byte 1: drop reason, observation point, DBG_* …). */
  subtypes?: readonly number[];
  /** Keep only these sources (endpoint ids; u16 at offset 2). Trace-sock messages have none. */
  sources?: readonly number[];
  /** Byte order of `source`. Default `true`. */
  littleEndian?: boolean;
}

/**
 * A predicate over raw messages that checks header fields only. Criteria combine with AND,
 * the values of one criterion with OR; an omitted criterion matches everything.
 *
 * @example
 * const isPolicyDrop = createHeaderFilter({ types: [1], subtypes: [133, 181] });
 * const drops = samples.filter(isPolicyDrop).map((s) => decodeEvent(s));
 */
export function createHeaderFilter(spec: HeaderFilterSpec): (bytes: Uint8Array) => boolean {
  const types = bitset(spec.types, 256);
  const subtypes = bitset(spec.subtypes, 256);
  const sources = bitset(spec.sources, 65536);
  const le = spec.littleEndian ?? true;
  return (bytes) => {
    const len = bytes.length;
    if (len < 2) return false;
    const type = bytes[0] as number;
    if (types !== undefined && types[type] === 0) return false;
    if (subtypes !== undefined && subtypes[bytes[1] as number] === 0) return false;
    if (sources !== undefined) {
      if (type === TRACE_SOCK || len < 4) return false;
      const lo = bytes[le ? 2 : 3] as number;
      const hi = bytes[le ? 3 : 2] as number;
      if (sources[lo | (hi << 8)] === 0) return false;
    }
    return true;
  };
}

function bitset(values: readonly number[] | undefined, size: number): Uint8Array | undefined {
  if (values === undefined) return undefined;
  const set = new Uint8Array(size);
  for (const v of values) if (Number.isInteger(v) && v >= 0 && v < size) set[v] = 1;
  return set;
}
