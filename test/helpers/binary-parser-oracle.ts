/**
 * A second, independent reader of monitor messages: `binary-parser` parsers built from the
 * same generated struct layouts the decoder uses. Tests compare the two field by field; the
 * benchmark measures the decoder against it. Dev-only (binary-parser is a devDependency).
 */
import { Parser } from 'binary-parser';
import type { FieldLayout, StructLayout } from '../../src/table-types.js';

/** Aggregates read as raw 16-byte strings (IP address unions). */
const BYTE_AGGREGATES = new Set(['orig_ip6', 'dst_ip']);

type Kind = 'u8' | 's8' | 'u16' | 'u32' | 's32' | 'u64' | 'bits' | 'bytes';

interface Leaf {
  /** C member name (for bitfield units: the name of the first member in the unit). */
  name: string;
  offset: number;
  size: number;
  kind: Kind;
  /** Bitfield members stored in this unit. */
  bits: FieldLayout[];
}

function scalarKind(f: FieldLayout): Kind | undefined {
  switch (f.type) {
    case '__u8':
      return 'u8';
    case '__s8':
      return 's8';
    case '__u16':
    case '__be16':
      return f.size === 2 ? 'u16' : undefined;
    case '__u32':
    case '__be32':
      return 'u32';
    case '__s32':
      return 's32';
    case '__u64':
      return 'u64';
    default:
      return undefined;
  }
}

/**
 * The non-overlapping leaves of a layout that fit in `length` bytes: scalars, bitfield
 * storage units and the IP-address unions. Where union members overlap, the widest wins.
 */
export function leavesOf(s: StructLayout, length: number): Leaf[] {
  const candidates: Leaf[] = [];
  const units = new Map<number, Leaf>();
  for (const f of s.fields) {
    if (f.offset + f.size > length) continue;
    if (f.bitWidth !== undefined) {
      const unit = units.get(f.offset);
      if (unit) unit.bits.push(f);
      else {
        const leaf: Leaf = { name: f.name, offset: f.offset, size: f.size, kind: 'bits', bits: [f] };
        units.set(f.offset, leaf);
        candidates.push(leaf);
      }
      continue;
    }
    const kind = BYTE_AGGREGATES.has(f.name) ? 'bytes' : scalarKind(f);
    if (kind !== undefined) candidates.push({ name: f.name, offset: f.offset, size: f.size, kind, bits: [] });
  }
  candidates.sort((a, b) => a.offset - b.offset || b.size - a.size);
  const leaves: Leaf[] = [];
  let end = 0;
  for (const c of candidates) {
    if (c.offset < end) continue;
    leaves.push(c);
    end = c.offset + c.size;
  }
  return leaves;
}

const ident = (name: string): string => name.replace(/\W/g, '_');

/** A parser for the first `length` bytes of `s`. Values are keyed by C member name. */
export function buildOracle(s: StructLayout, length: number, littleEndian: boolean): Oracle {
  const leaves = leavesOf(s, length);
  let p = new Parser().endianness(littleEndian ? 'little' : 'big');
  let at = 0;
  for (const leaf of leaves) {
    if (leaf.offset > at) p = p.seek(leaf.offset - at);
    const id = ident(leaf.name);
    switch (leaf.kind) {
      case 'u8':
      case 'bits':
        p = p.uint8(id);
        break;
      case 's8':
        p = p.int8(id);
        break;
      case 'u16':
        p = p.uint16(id);
        break;
      case 'u32':
        p = p.uint32(id);
        break;
      case 's32':
        p = p.int32(id);
        break;
      case 'u64':
        p = p.uint64(id);
        break;
      case 'bytes':
        p = p.buffer(id, { length: leaf.size });
        break;
    }
    at = leaf.offset + leaf.size;
  }
  return new Oracle(p, leaves, littleEndian);
}

export class Oracle {
  constructor(
    readonly parser: Parser,
    readonly leaves: readonly Leaf[],
    readonly littleEndian: boolean,
  ) {}

  /** Raw parse: C-ish identifiers → numbers, bigints, byte buffers. */
  parseRaw(bytes: Uint8Array): Record<string, unknown> {
    return this.parser.parse(bytes) as Record<string, unknown>;
  }

  /**
   * Parse and name the values like the decoder's events: camelCase C names, the capture
   * header's `len_orig`/`len_cap` as `origLen`/`capLen`, bitfield units as `flags` plus each
   * member extracted by its bit position.
   */
  parse(bytes: Uint8Array): Record<string, unknown> {
    const raw = this.parseRaw(bytes);
    const out: Record<string, unknown> = {};
    for (const leaf of this.leaves) {
      const v = raw[ident(leaf.name)];
      if (leaf.kind === 'bits') {
        const unit = v as number;
        out['flags'] = unit;
        for (const b of leaf.bits) {
          const shift = this.littleEndian ? (b.bitOffset ?? 0) : 8 - (b.bitOffset ?? 0) - (b.bitWidth ?? 0);
          out[`bit:${b.name}`] = (unit >> shift) & ((1 << (b.bitWidth ?? 0)) - 1);
        }
      } else {
        out[eventName(leaf.name)] = v instanceof Uint8Array ? Array.from(v) : v;
      }
    }
    return out;
  }
}

const RENAMES: Record<string, string> = {
  len_orig: 'origLen',
  len_cap: 'capLen',
  orig_ip6: 'origIpBytes',
  dst_ip: 'dstIpBytes',
  'hdr.to.tv_boot': 'tvBoot',
  'hdr.caplen': 'capLen',
  'hdr.len': 'origLen',
};

/** The event property a C member maps to. */
export function eventName(cName: string): string {
  return RENAMES[cName] ?? cName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
