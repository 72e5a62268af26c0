/**
 * fast-check generators of random C definitions (records with bitfields, packing, alignment,
 * nesting, anonymous members, arrays; enums and #define constants with expressions), rendered
 * as C text, plus the field names each record must flatten to — derived from the model here,
 * independently of the front end under test.
 */
import fc from 'fast-check';

export const SCALARS = [
  '__u8', '__u16', '__u32', '__u64', '__s8', '__s16', '__s32', '__s64', 'char', 'signed char', 'unsigned char',
  'short', 'unsigned short', 'int', 'unsigned int', 'long', 'unsigned long', 'long long', 'unsigned long long',
  'bool', '__be16', '__be32', '__be64', '__wsum',
] as const;
const BITS: Record<string, number> = {
  __u8: 8, __u16: 16, __u32: 32, __u64: 64, __s8: 8, __s16: 16, __s32: 32, __s64: 64, char: 8, 'signed char': 8,
  'unsigned char': 8, short: 16, 'unsigned short': 16, int: 32, 'unsigned int': 32, long: 64, 'unsigned long': 64,
  'long long': 64, 'unsigned long long': 64, bool: 1, __be16: 16, __be32: 32, __be64: 64, __wsum: 32,
};

export type Member =
  | { k: 'scalar'; type: string; dims: number[]; aligned?: number; packed?: boolean }
  | { k: 'bitfield'; type: string; width: number; named: boolean; aligned?: number }
  | { k: 'enum'; enumIndex: number; dims: number[]; width?: number }
  | { k: 'nested'; record: RecordModel; named: boolean; dims: number[] };

export interface RecordModel {
  kind: 'struct' | 'union';
  packed: boolean;
  /** Where the attribute goes: after the closing brace or between keyword and tag. */
  packedStyle: 'suffix' | 'prefix' | 'attribute';
  aligned?: number;
  members: Member[];
}

export type Expr =
  | { k: 'lit'; value: number; hex: boolean; suffix: '' | 'U' | 'L' | 'UL' | 'ULL' }
  | { k: 'ref'; index: number }
  | { k: 'neg' | 'not' | 'paren'; e: Expr }
  | { k: 'bin'; op: '+' | '-' | '|' | '&' | '^'; l: Expr; r: Expr }
  | { k: 'mul'; l: number; r: number }
  | { k: 'shl'; value: number; by: number }
  /** Only in #define values: a cast to a scalar type, `sizeof` of one of the case's records. */
  | { k: 'cast'; type: string; e: Expr }
  | { k: 'sizeof'; record: number };

export interface EnumModel {
  packed: boolean;
  /** undefined = implicit (previous + 1). */
  values: (Expr | undefined)[];
}

export interface CaseModel {
  enums: EnumModel[];
  records: RecordModel[];
  defines: Expr[];
}

const align = fc.constantFrom(1, 2, 4, 8, 16);
const dims = fc.oneof({ weight: 4, arbitrary: fc.constant([] as number[]) }, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }));

/**
 * Expressions over literals and earlier names (`refs` of them). For #define values
 * (`records` > 0 or `unsigned`), also U/L suffixes, casts and sizeof of the case's records.
 */
function expr(refs: number, unsigned: boolean, records = 0): fc.Arbitrary<Expr> {
  const lit = fc.record({
    k: fc.constant('lit' as const),
    value: fc.integer({ min: 0, max: 255 }),
    hex: fc.boolean(),
    suffix: unsigned ? fc.constantFrom('' as const, 'U' as const, 'L' as const, 'UL' as const, 'ULL' as const) : fc.constant('' as const),
  });
  const leaf: fc.Arbitrary<Expr> =
    refs > 0 ? fc.oneof(lit, fc.record({ k: fc.constant('ref' as const), index: fc.integer({ min: 0, max: refs - 1 }) })) : lit;
  const small = fc.integer({ min: 0, max: 255 });
  return fc.letrec<{ e: Expr }>((tie) => {
    const forms: fc.Arbitrary<Expr>[] = [
      leaf,
      fc.record({ k: fc.constantFrom('neg' as const, 'not' as const, 'paren' as const), e: tie('e') }),
      fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom('+' as const, '-' as const, '|' as const, '&' as const, '^' as const), l: tie('e'), r: tie('e') }),
      fc.record({ k: fc.constant('mul' as const), l: small, r: small }),
      fc.record({ k: fc.constant('shl' as const), value: small, by: fc.integer({ min: 0, max: 16 }) }),
    ];
    if (unsigned) forms.push(fc.record({ k: fc.constant('cast' as const), type: fc.constantFrom(...SCALARS), e: tie('e') }));
    if (records > 0) forms.push(fc.record({ k: fc.constant('sizeof' as const), record: fc.integer({ min: 0, max: records - 1 }) }));
    return { e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...forms) };
  }).e;
}

export function renderExpr(e: Expr, name: (index: number) => string, record: (index: number) => string = name): string {
  const r = (x: Expr): string => renderExpr(x, name, record);
  switch (e.k) {
    case 'lit':
      return (e.hex ? `0x${e.value.toString(16)}` : String(e.value)) + e.suffix;
    case 'ref':
      return name(e.index);
    case 'neg':
      return `-(${r(e.e)})`;
    case 'not':
      return `~(${r(e.e)})`;
    case 'paren':
      return `(${r(e.e)})`;
    case 'bin':
      return `(${r(e.l)} ${e.op} ${r(e.r)})`;
    case 'cast':
      return `((${e.type})${r(e.e)})`;
    case 'sizeof':
      return `sizeof(${record(e.record)})`;
    case 'mul':
      return `(${e.l} * ${e.r})`;
    case 'shl':
      return `(${e.value} << ${e.by})`;
  }
}

/**
 * Plain value of an enum expression (no suffixes occur there, so C int arithmetic equals
 * exact arithmetic as long as nothing leaves the int range — which the filter ensures).
 */
function plainValue(e: Expr, refs: readonly bigint[]): bigint {
  switch (e.k) {
    case 'lit': return BigInt(e.value);
    case 'ref': return refs[e.index]!;
    case 'neg': return -plainValue(e.e, refs);
    case 'not': return ~plainValue(e.e, refs);
    case 'paren': return plainValue(e.e, refs);
    case 'mul': return BigInt(e.l * e.r);
    case 'shl': return BigInt(e.value) << BigInt(e.by);
    case 'cast':
    case 'sizeof': throw new RangeError('not generated in enums');
    case 'bin': {
      const l = plainValue(e.l, refs);
      const r = plainValue(e.r, refs);
      const v = e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '|' ? l | r : e.op === '&' ? l & r : l ^ r;
      if (v < -(1n << 31n) || v >= 1n << 31n) throw new RangeError('outside int');
      return v;
    }
  }
}

function fitsInt(m: EnumModel): boolean {
  const values: bigint[] = [];
  try {
    for (const v of m.values) {
      const x = v === undefined ? (values.length === 0 ? 0n : values[values.length - 1]! + 1n) : plainValue(v, values);
      if (x < -(1n << 31n) || x >= 1n << 31n) return false;
      values.push(x);
    }
  } catch {
    return false;
  }
  return true;
}

const enumModel: fc.Arbitrary<EnumModel> = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.record({
      packed: fc.boolean(),
      values: fc.tuple(...Array.from({ length: n }, (_, i) => fc.option(expr(i, false), { nil: undefined, freq: 2 }))),
    }),
  )
  .filter(fitsInt);

function recordModel(enumCount: number, depth: number): fc.Arbitrary<RecordModel> {
  const scalarName = fc.constantFrom(...SCALARS);
  const intName = fc.constantFrom(...SCALARS.filter((s) => s !== 'bool'));
  const members: fc.Arbitrary<Member>[] = [
    fc.record(
      { k: fc.constant('scalar' as const), type: scalarName, dims, aligned: align, packed: fc.boolean() },
      { requiredKeys: ['k', 'type', 'dims'] },
    ),
    intName.chain((type) =>
      fc.record(
        {
          k: fc.constant('bitfield' as const),
          type: fc.constant(type),
          width: fc.integer({ min: 0, max: BITS[type]! }),
          named: fc.boolean(),
          aligned: align,
        },
        { requiredKeys: ['k', 'type', 'width', 'named'] },
      ),
    ),
  ];
  if (enumCount > 0) {
    members.push(
      fc.record(
        { k: fc.constant('enum' as const), enumIndex: fc.integer({ min: 0, max: enumCount - 1 }), dims, width: fc.integer({ min: 1, max: 8 }) },
        { requiredKeys: ['k', 'enumIndex', 'dims'] },
      ),
    );
  }
  if (depth > 0) {
    members.push(fc.record({ k: fc.constant('nested' as const), record: recordModel(enumCount, depth - 1), named: fc.boolean(), dims }));
  }
  return fc.record(
    {
      kind: fc.constantFrom('struct' as const, 'union' as const),
      packed: fc.boolean(),
      packedStyle: fc.constantFrom('suffix' as const, 'prefix' as const, 'attribute' as const),
      aligned: align,
      members: fc.array(fc.oneof({ weight: 3, arbitrary: members[0]! }, { weight: 3, arbitrary: members[1]! }, ...members.slice(2)), { minLength: 1, maxLength: 6 }),
    },
    { requiredKeys: ['kind', 'packed', 'packedStyle', 'members'] },
  );
}

export const caseModel: fc.Arbitrary<CaseModel> = fc
  .array(enumModel, { minLength: 0, maxLength: 3 })
  .chain((enums) =>
    fc.record({
      enums: fc.constant(enums),
      records: fc.array(recordModel(enums.length, 2), { minLength: 1, maxLength: 3 }),
      // sizeof may name the first record, which every case has.
      defines: fc.array(expr(enums.reduce((n, e) => n + e.values.length, 0), true, 1), { minLength: 0, maxLength: 3 }),
    }),
  );

/** A rendered case: C text, top-level record types, and the expected flattened fields. */
export interface RenderedCase {
  text: string;
  /** C type of each top-level record (`struct c3_r0`). */
  records: { type: string; fields: ExpectedField[] }[];
  /** Named nested records (their own type names) with their fields. */
  nested: { type: string; fields: ExpectedField[] }[];
  enumerators: string[];
  defines: string[];
}

export interface ExpectedField {
  path: string;
  bitfield: boolean;
}

/** Renders case `c` with names prefixed `c<id>_` so that many cases share one C file. */
export function renderCase(c: CaseModel, id: number): RenderedCase {
  const p = `c${id}_`;
  let fieldCounter = 0;
  let tagCounter = 0;
  const enumerators: string[] = [];
  const enumTexts: string[] = [];
  c.enums.forEach((e, ei) => {
    const lines = e.values.map((v, i) => {
      const name = `${p}E${ei}_${i}`;
      enumerators.push(name);
      return v === undefined ? `\t${name},` : `\t${name} = ${renderExpr(v, (k) => `${p}E${ei}_${k}`)},`;
    });
    enumTexts.push(`enum ${p}e${ei} {\n${lines.join('\n')}\n}${e.packed ? ' __packed' : ''};`);
  });
  const defines = c.defines.map((d, i) => {
    const name = `${p}K${i}`;
    return { name, text: `#define ${name} ${renderExpr(d, (k) => enumerators[k]!, () => `${c.records[0]!.kind} ${p}r0`)}` };
  });
  const nested: RenderedCase['nested'] = [];

  function renderRecord(r: RecordModel, indent: string, anonymous = false): { text: string; fields: ExpectedField[]; tag: string } {
    const tag = anonymous ? '' : `${p}r${tagCounter++}`;
    const fields: ExpectedField[] = [];
    const lines: string[] = [];
    for (const m of r.members) {
      const name = `f${fieldCounter++}`;
      const dimText = (d: number[]): string => d.map((n) => `[${n}]`).join('');
      switch (m.k) {
        case 'scalar': {
          const attrs = (m.packed ? ' __attribute__((packed))' : '') + (m.aligned !== undefined ? ` __aligned(${m.aligned})` : '');
          lines.push(`${m.type} ${name}${dimText(m.dims)}${attrs};`);
          fields.push({ path: name, bitfield: false });
          break;
        }
        case 'bitfield': {
          const named = m.named && m.width > 0;
          const attrs = m.aligned !== undefined && named ? ` __attribute__((aligned(${m.aligned})))` : '';
          lines.push(`${m.type} ${named ? name : ''} : ${m.width}${attrs};`);
          if (named) fields.push({ path: name, bitfield: true });
          break;
        }
        case 'enum': {
          const type = `enum ${p}e${m.enumIndex}`;
          if (m.width !== undefined && m.dims.length === 0) {
            lines.push(`${type} ${name}:${m.width};`);
            fields.push({ path: name, bitfield: true });
          } else {
            lines.push(`${type} ${name}${dimText(m.dims)};`);
            fields.push({ path: name, bitfield: false });
          }
          break;
        }
        case 'nested': {
          const anonymous = !m.named && m.dims.length === 0;
          const inner = renderRecord(m.record, indent + '\t', anonymous);
          if (anonymous) {
            // Anonymous member: an untagged definition whose fields join the parent's.
            lines.push(inner.text + ';');
            fields.push(...inner.fields);
          } else {
            lines.push(`${inner.text} ${name}${dimText(m.dims)};`);
            fields.push({ path: name, bitfield: false });
            nested.push({ type: `${m.record.kind} ${inner.tag}`, fields: inner.fields });
            // Members of a named aggregate are listed with dotted names (not for arrays).
            if (m.dims.length === 0) fields.push(...inner.fields.map((f) => ({ ...f, path: `${name}.${f.path}` })));
          }
          break;
        }
      }
    }
    const pre = r.packed && r.packedStyle === 'prefix' ? '__attribute__((packed)) ' : '';
    const post =
      (r.packed && r.packedStyle === 'suffix' ? ' __packed' : '') +
      (r.packed && r.packedStyle === 'attribute' ? ' __attribute__((packed))' : '') +
      (r.aligned !== undefined ? ` __attribute__((aligned(${r.aligned})))` : '');
    const body = lines.map((l) => `${indent}\t${l}`).join('\n');
    return { text: `${r.kind} ${pre}${tag}${tag === '' ? '' : ' '}{\n${body}\n${indent}}${post}`, fields, tag };
  }

  const records: RenderedCase['records'] = [];
  const recordTexts = c.records.map((r) => {
    const out = renderRecord(r, '');
    records.push({ type: `${r.kind} ${out.tag}`, fields: out.fields });
    return out.text + ';';
  });
  return {
    text: [...enumTexts, ...defines.map((d) => d.text), ...recordTexts].join('\n') + '\n',
    records,
    nested,
    enumerators,
    defines: defines.map((d) => d.name),
  };
}
