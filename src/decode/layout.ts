/**
 * Turns generated struct layouts into the plain numbers the hot paths read: byte offsets,
 * bit masks, header lengths. Runs once per release and byte order.
 */
import type { FieldLayout, StructLayout } from '../table-types.js';
import { CiliumEventsError } from '../errors.js';

/**
 * Raised when tables lack something the decoder relies on: a build defect for the shipped
 * tables, or hand-made tables that do not describe Cilium's structs. Internal: consumers see a
 * `CiliumEventsError` with code `layout-defect`.
 */
export class LayoutDefect extends CiliumEventsError<'layout-defect'> {
  constructor(message: string) {
    super('layout-defect', `cilium-events tables: ${message}`);
    this.name = 'LayoutDefect';
  }
}

export function findField(struct: StructLayout, name: string): FieldLayout | undefined {
  return struct.fields.find((f) => f.name === name);
}

/** Offset of a member that must exist with the given size. */
export function offsetOf(struct: StructLayout, name: string, size: number, structName: string): number {
  const f = findField(struct, name);
  if (f === undefined) throw new LayoutDefect(`${structName} has no member ${name}`);
  if (f.size !== size) throw new LayoutDefect(`${structName}.${name} is ${f.size} bytes, expected ${size}`);
  return f.offset;
}

/** Offset of an optional member, or -1. */
export function optionalOffsetOf(struct: StructLayout, name: string, size: number, structName: string): number {
  return findField(struct, name) === undefined ? -1 : offsetOf(struct, name, size, structName);
}

/** A bitfield as a byte offset plus a mask and shift inside that byte. */
export interface BitField {
  offset: number;
  mask: number;
  shift: number;
}

const NO_BITS: BitField = { offset: -1, mask: 0, shift: 0 };

/**
 * Locates a one-byte bitfield. Tables give bit positions for the little-endian ABI, where
 * members are allocated from the least significant bit; big-endian ABIs allocate from the most
 * significant bit, so the position is mirrored there.
 */
export function bitField(struct: StructLayout, name: string, littleEndian: boolean): BitField {
  const f = findField(struct, name);
  if (f === undefined || f.bitOffset === undefined || f.bitWidth === undefined) return NO_BITS;
  if (f.size !== 1) throw new LayoutDefect(`bitfield ${name} lives in a ${f.size}-byte unit`);
  const shift = littleEndian ? f.bitOffset : 8 - f.bitOffset - f.bitWidth;
  return { offset: f.offset, mask: ((1 << f.bitWidth) - 1) << shift, shift };
}

/**
 * Names of an enum indexed by value (values outside 0–255 are dropped: every enum the
 * decoder resolves is carried in one byte on the wire).
 */
export function namesByValue(values: Record<string, number> | undefined): (string | undefined)[] {
  const names: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  if (values === undefined) return names;
  for (const [name, value] of Object.entries(values)) {
    if (value >= 0 && value < 256 && names[value] === undefined) names[value] = name;
  }
  return names;
}
