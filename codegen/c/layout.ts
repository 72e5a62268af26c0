/**
 * Layout engine: sizes, alignments, offsets and bitfield positions as clang and gcc assign
 * them on x86-64 and arm64 Linux (LP64, little-endian, System V / AAPCS64 record rules),
 * and flattening into the `FieldLayout[]` shape of `src/table-types.ts`.
 */
import type { FieldLayout, StructLayout } from '../../src/table-types.js';
import { CParseError } from './errors.js';
import type { CEnum, CMember, CProgram, CRecord, CType, SourceLocation } from './model.js';
import { isAnonymousKey } from './parse.js';

/**
 * Target ABI. x86-64 and arm64 agree on everything the Cilium headers use; they differ only
 * for unnamed bitfields, which raise the record's alignment on arm64 (AAPCS64) but not on
 * x86-64 — a zero-width one even inside a packed record.
 */
export type LayoutTarget = 'x86_64' | 'aarch64';

export interface LayoutOptions {
  /** Defaults to `'x86_64'`. */
  target?: LayoutTarget;
}

/** Size and alignment in bytes. */
export interface TypeLayout {
  size: number;
  align: number;
}

/** A member placed inside its record (offsets relative to that record, in bits). */
interface PlacedMember {
  member: CMember;
  bitOffset: number;
  layout: TypeLayout;
}

interface RecordPlacement extends TypeLayout {
  members: PlacedMember[];
}

/** Bound on record nesting (a chain of distinct records), far beyond any real header. */
const MAX_DEPTH = 256;

const NOWHERE: SourceLocation = { file: '<program>', line: 0, column: 0 };

/**
 * Lays out a struct or union and flattens it into fields: anonymous members are merged into
 * the parent, named nested aggregates appear both as one field and as their members with
 * dotted names, arrays carry `count`, bitfields carry their storage unit and bit position.
 *
 * @throws CParseError `C_UNKNOWN_RECORD` when `key` is not defined, the record's deferred
 *   parse error if its body could not be parsed, `C_LAYOUT` for types that cannot be laid out.
 * @example
 * ```ts
 * const { size, fields } = layoutRecord(program, 'struct trace_notify');
 * fields.find((f) => f.name === 'orig_ip6.p1'); // { offset: 32, size: 4, type: '__u32', … }
 * ```
 */
export function layoutRecord(program: CProgram, key: string, options: LayoutOptions = {}): StructLayout {
  const engine = new LayoutEngine(program, options.target ?? 'x86_64');
  const record = program.records.get(key);
  if (record === undefined) throw new CParseError('C_UNKNOWN_RECORD', NOWHERE, `a definition of ${key} in the headers`);
  const placement = engine.record(record, NOWHERE);
  const fields: FieldLayout[] = [];
  engine.flatten(placement, 0, '', placement.size, fields);
  return { size: placement.size, align: placement.align, fields };
}

/**
 * Size and alignment of any type (used for `sizeof` in constant expressions).
 *
 * @example
 * ```ts
 * typeLayout(program, { kind: 'record', key: 'union v6addr' }); // { size: 16, align: 1 }
 * ```
 */
export function typeLayout(program: CProgram, type: CType, at: SourceLocation = NOWHERE, options: LayoutOptions = {}): TypeLayout {
  return new LayoutEngine(program, options.target ?? 'x86_64').type(type, at);
}

/**
 * Text of a type for field tables: `__u32`, `union v6addr`, `__u8[3]`, `struct <anonymous>`.
 *
 * @example
 * ```ts
 * typeName({ kind: 'array', count: 3, element: program.typedefs.get('cls_flags_t')! }); // '__u8[3]'
 * ```
 */
export function typeName(type: CType): string {
  switch (type.kind) {
    case 'scalar':
      return type.name;
    case 'record':
    case 'enum':
      return isAnonymousKey(type.key) ? type.key.replace(/<anon#.*>$/, '<anonymous>') : type.key;
    case 'pointer':
      return `${typeName(type.to)} *`;
    case 'array': {
      let dims = '';
      let t: CType = type;
      while (t.kind === 'array') {
        dims += t.count === 0 ? '[]' : `[${t.count}]`;
        t = t.element;
      }
      return typeName(t) + dims;
    }
  }
}

class LayoutEngine {
  private readonly placements = new Map<string, RecordPlacement>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly program: CProgram,
    private readonly target: LayoutTarget,
  ) {}

  type(type: CType, at: SourceLocation): TypeLayout {
    switch (type.kind) {
      case 'scalar':
        if (type.name === 'void') throw new CParseError('C_LAYOUT', at, 'a complete object type', 'void');
        return { size: type.size, align: type.align };
      case 'pointer':
        return { size: 8, align: 8 };
      case 'array': {
        const el = this.type(type.element, at);
        return { size: el.size * type.count, align: el.align };
      }
      case 'enum':
        return this.enumLayout(type.key, at);
      case 'record': {
        const record = this.program.records.get(type.key);
        if (record === undefined) throw new CParseError('C_LAYOUT', at, `a definition of ${type.key} (it is used before being defined, or not in the header set)`);
        return this.record(record, at);
      }
    }
  }

  /**
   * Non-packed enums are `int`-sized unless a value needs 64 bits; `__packed` enums take
   * the smallest integer type that holds every value (clang and gcc agree).
   */
  private enumLayout(key: string, at: SourceLocation): TypeLayout {
    const e: CEnum | undefined = this.program.enums.find((x) => x.key === key);
    if (e === undefined) throw new CParseError('C_LAYOUT', at, `a definition of ${key}`);
    const values = e.members.map((m) => m.value);
    const fits = (bits: number): boolean =>
      values.every((v) => v >= -(1n << BigInt(bits - 1)) && v < (1n << BigInt(bits - 1))) ||
      values.every((v) => v >= 0n && v < 1n << BigInt(bits));
    const sizes = e.packed ? [1, 2, 4, 8] : [4, 8];
    const size = sizes.find((s) => fits(s * 8)) ?? 8;
    return { size, align: size };
  }

  record(record: CRecord, at: SourceLocation): RecordPlacement {
    const cached = this.placements.get(record.key);
    if (cached !== undefined) return cached;
    if (record.error !== undefined) throw record.error;
    if (this.visiting.has(record.key)) throw new CParseError('C_LAYOUT', at, `${record.key} not to contain itself`);
    if (this.visiting.size >= MAX_DEPTH) throw new CParseError('C_LAYOUT', at, `records nested at most ${MAX_DEPTH} deep`);
    this.visiting.add(record.key);
    try {
      const placement = record.kind === 'struct' ? this.placeStruct(record) : this.placeUnion(record);
      this.placements.set(record.key, placement);
      return placement;
    } finally {
      this.visiting.delete(record.key);
    }
  }

  private placeStruct(record: CRecord): RecordPlacement {
    let bit = 0;
    let align = 1;
    const members: PlacedMember[] = [];
    for (const m of record.members) {
      const layout = this.type(m.type, m.loc);
      const packed = record.packed || m.packed === true;
      // Member alignment: natural, 1 when packed, raised by an explicit aligned attribute.
      const fieldAlign = Math.max(packed ? 1 : layout.align, m.aligned ?? 1);
      if (m.bitWidth === undefined) {
        bit = alignUp(bit, fieldAlign * 8);
        members.push({ member: m, bitOffset: bit, layout });
        bit += layout.size * 8;
        align = Math.max(align, fieldAlign);
        continue;
      }
      const width = this.checkBitfield(m, layout);
      if (width === 0) {
        // `T : 0` closes the current unit: the next field starts at T's alignment, even in
        // a packed record.
        bit = alignUp(bit, layout.align * 8);
        if (this.target === 'aarch64') align = Math.max(align, layout.align);
        continue;
      }
      // A bitfield that would cross a boundary of its alignment unit (the declared type's
      // alignment, a single bit when packed, raised by an aligned attribute) starts at the
      // next one. Otherwise an explicit alignment still moves it, without re-checking.
      const alignBits = Math.max(packed ? 1 : layout.align * 8, (m.aligned ?? 0) * 8);
      if ((bit % alignBits) + width > layout.size * 8) bit = alignUp(bit, alignBits);
      else if (m.aligned !== undefined) bit = alignUp(bit, m.aligned * 8);
      members.push({ member: m, bitOffset: bit, layout });
      bit += width;
      if (this.countsForAlignment(m)) align = Math.max(align, fieldAlign);
    }
    if (record.aligned !== undefined) align = Math.max(align, record.aligned);
    return { size: alignUp(Math.ceil(bit / 8), align), align, members };
  }

  private placeUnion(record: CRecord): RecordPlacement {
    let size = 0;
    let align = 1;
    const members: PlacedMember[] = [];
    for (const m of record.members) {
      const layout = this.type(m.type, m.loc);
      const packed = record.packed || m.packed === true;
      const fieldAlign = Math.max(packed ? 1 : layout.align, m.aligned ?? 1);
      if (m.bitWidth !== undefined) {
        const width = this.checkBitfield(m, layout);
        if (width === 0) {
          if (this.target === 'aarch64') align = Math.max(align, layout.align);
          continue;
        }
        members.push({ member: m, bitOffset: 0, layout });
        size = Math.max(size, Math.ceil(width / 8));
        if (this.countsForAlignment(m)) align = Math.max(align, fieldAlign);
        continue;
      }
      members.push({ member: m, bitOffset: 0, layout });
      size = Math.max(size, layout.size);
      align = Math.max(align, fieldAlign);
    }
    if (record.aligned !== undefined) align = Math.max(align, record.aligned);
    return { size: alignUp(size, align), align, members };
  }

  /** Named bitfields give the record their type's alignment; unnamed ones only on arm64. */
  private countsForAlignment(m: CMember): boolean {
    return m.name !== undefined || this.target === 'aarch64';
  }

  private checkBitfield(m: CMember, layout: TypeLayout): number {
    const width = m.bitWidth!;
    if (m.type.kind !== 'scalar' && m.type.kind !== 'enum') {
      throw new CParseError('C_LAYOUT', m.loc, 'an integer or enum type for a bitfield', m.name);
    }
    if (width > layout.size * 8) throw new CParseError('C_LAYOUT', m.loc, `a bitfield width of at most ${layout.size * 8}`, String(width));
    if (width === 0 && m.name !== undefined) throw new CParseError('C_LAYOUT', m.loc, 'a zero-width bitfield to be unnamed', m.name);
    return width;
  }

  /** Appends `record`'s fields at `baseBit` (absolute) to `out`. */
  flatten(placement: RecordPlacement, baseBit: number, prefix: string, totalSize: number, out: FieldLayout[]): void {
    for (const { member: m, bitOffset, layout } of placement.members) {
      const bit = baseBit + bitOffset;
      if (m.name === undefined) {
        if (m.bitWidth !== undefined) continue; // unnamed bitfield: padding
        const inner = this.innerRecord(m.type);
        if (inner !== undefined) this.flatten(this.record(inner, m.loc), bit, prefix, totalSize, out);
        continue;
      }
      const name = prefix + m.name;
      if (m.bitWidth !== undefined) {
        const unit = bitfieldUnit(bit, m.bitWidth, layout.size, totalSize);
        out.push({ name, offset: unit.offset, size: unit.size, type: typeName(m.type), bitOffset: unit.bitOffset, bitWidth: m.bitWidth });
        continue;
      }
      const field: FieldLayout = { name, offset: bit / 8, size: layout.size, type: typeName(m.type) };
      if (m.type.kind === 'array') field.count = m.type.count;
      out.push(field);
      const inner = this.innerRecord(m.type);
      if (inner !== undefined) this.flatten(this.record(inner, m.loc), bit, `${name}.`, totalSize, out);
    }
  }

  private innerRecord(type: CType): CRecord | undefined {
    return type.kind === 'record' ? this.program.records.get(type.key) : undefined;
  }
}

/**
 * Storage unit a decoder reads to extract a bitfield: the aligned unit of the declared type
 * that holds it, when that lies inside the outermost record; otherwise (packed records
 * only) the smallest byte span covering the bits.
 */
function bitfieldUnit(bit: number, width: number, unitSize: number, totalSize: number): { offset: number; size: number; bitOffset: number } {
  const unitOffset = Math.floor(bit / (unitSize * 8)) * unitSize;
  if (bit + width <= (unitOffset + unitSize) * 8 && unitOffset + unitSize <= totalSize) {
    return { offset: unitOffset, size: unitSize, bitOffset: bit - unitOffset * 8 };
  }
  const first = Math.floor(bit / 8);
  const end = Math.ceil((bit + width) / 8);
  return { offset: first, size: end - first, bitOffset: bit - first * 8 };
}

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
