/**
 * One fixture header per idiom of wire-format.md §4. Expected layouts are worked out by hand
 * from the x86-64 System V rules (natural alignment, LSB-first bitfields that do not cross an
 * aligned unit of their type unless packed), not taken from the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutRecord, parseHeaders, tokenize, type CProgram, type ParseOptions } from '../../../codegen/c/index.js';
import type { FieldLayout } from '../../../src/table-types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => ({ path: `bpf/lib/${name}`, text: readFileSync(join(FIXTURES, name), 'utf8') });
const parse = (names: string[], options?: ParseOptions): CProgram => parseHeaders(names.map(fixture), options);

/** `name offset size type` (+ `bitOffset/bitWidth` or `×count`) per field, for compact expectations. */
function brief(fields: FieldLayout[]): string[] {
  return fields.map((f) => {
    let s = `${f.name} ${f.offset} ${f.size} ${f.type}`;
    if (f.bitWidth !== undefined) s += ` bit${f.bitOffset}:${f.bitWidth}`;
    if (f.count !== undefined) s += ` x${f.count}`;
    return s;
  });
}

function enumValues(program: CProgram, tag: string | undefined, first?: string): Record<string, bigint> {
  const e = program.enums.find((x) => x.tag === tag && (first === undefined || x.members[0]?.name === first));
  if (e === undefined) throw new Error(`no enum ${tag ?? first}`);
  return Object.fromEntries(e.members.map((m) => [m.name, m.value]));
}

describe('member-list macros', () => {
  it('expands multi-line macros with comments inside into members', () => {
    const l = layoutRecord(parse(['member-list-macro.h']), 'struct evt_sample');
    expect({ size: l.size, align: l.align }).toEqual({ size: 32, align: 8 });
    expect(brief(l.fields)).toEqual([
      'kind 0 1 __u8', 'subkind 1 1 __u8', 'origin 2 2 __u16', 'hash 4 4 __u32',
      'len_full 8 4 __u32', 'len_kept 12 2 __u16', 'ver 14 1 __u8', 'ext_ver 15 1 __u8',
      'label 16 4 __u32', 'cookie 24 8 __u64',
    ]);
  });
});

describe('extension macros', () => {
  it('is empty by default and can be redefined to add members', () => {
    const plain = parse(['extension-macro.h']);
    expect(brief(layoutRecord(plain, 'struct evt_ext').fields)).toEqual(['a 0 4 __u32', 'b 4 2 __u16']);
    expect(layoutRecord(plain, 'struct evt_ext').size).toBe(8);
    expect(plain.macros.get('evt_extension_hook')?.params).toEqual(['ctx', 'msg']);
    const extended = parse(['extension-macro.h'], { defines: { EVT_EXTENSION: '__u16 c; __u32 d;', 'evt_extension_hook(c, m)': 'do_hook(c, m)' } });
    expect(extended.macros.get('evt_extension_hook')?.params).toEqual(['c', 'm']);
    const l = layoutRecord(extended, 'struct evt_ext');
    expect(brief(l.fields)).toEqual(['a 0 4 __u32', 'b 4 2 __u16', 'c 6 2 __u16', 'd 8 4 __u32']);
    expect(l.size).toBe(12);
  });
});

describe('designated-initializer macros', () => {
  it('leaves the struct alone and defines nothing from the initializer', () => {
    const p = parse(['designated-init.h']);
    expect([...p.records.keys()]).toEqual(['struct evt_init']);
    const l = layoutRecord(p, 'struct evt_init');
    expect(brief(l.fields)).toEqual([
      'kind 0 1 __u8', 'subkind 1 1 __u8', 'origin 2 2 __u16', 'len_full 4 4 __u32', 'len_kept 8 2 __u16', 'ver 10 2 __u16',
    ]);
    expect(l.size).toBe(12);
    expect(p.macros.get('__evt_cap')?.params).toEqual(['o', 'c', 'v']);
  });
});

describe('bitfields', () => {
  const p = parse(['bitfields.h']);
  it('allocates comma-separated declarators LSB first in one byte', () => {
    const l = layoutRecord(p, 'struct evt_verdict');
    expect(l.size).toBe(16);
    expect(brief(l.fields)).toEqual([
      'remote 0 4 __u32', 'verdict 4 4 __s32', 'port 8 2 __u16', 'proto 10 1 __u8',
      'dir 11 1 __u8 bit0:2', 'ipv6 11 1 __u8 bit2:1', 'match 11 1 __u8 bit3:3', 'audited 11 1 __u8 bit6:1', 'l3 11 1 __u8 bit7:1',
      'auth 12 1 __u8', 'pad1 13 3 __u8[3] x3',
    ]);
  });
  it('handles separate declarations, spaces around the colon and unit boundaries', () => {
    const l = layoutRecord(p, 'struct evt_flags');
    expect({ size: l.size, align: l.align }).toEqual({ size: 16, align: 4 });
    expect(brief(l.fields)).toEqual([
      'type 0 1 __u8',
      'ipv6 1 1 __u8 bit0:1', 'pad 1 1 __u8 bit1:7',
      'l3_dev 2 1 __u8 bit0:1', 'rest 2 1 __u8 bit1:7',
      // bit 24 + 12 would cross the 16-bit unit at 32: wide starts at bit 32.
      'wide 4 2 __u16 bit0:12', 'tail 4 2 __u16 bit12:4',
      // x at bit 48 + 20 would cross bit 64; y at 84 + 20 would cross bit 96.
      'x 8 4 __u32 bit0:20', 'y 12 4 __u32 bit0:20',
    ]);
  });
});

describe('anonymous members and nested aggregates', () => {
  const p = parse(['anonymous.h']);
  it('flattens anonymous structs inside a packed union', () => {
    const l = layoutRecord(p, 'union addr6');
    expect({ size: l.size, align: l.align }).toEqual({ size: 16, align: 1 });
    expect(brief(l.fields)).toEqual([
      'w1 0 4 __u32', 'w2 4 4 __u32', 'w3 8 4 __u32', 'w4 12 4 __u32', 'q1 0 8 __u64', 'q2 8 8 __u64', 'raw 0 16 __u8[16] x16',
    ]);
  });
  it('flattens an anonymous union of an anonymous struct and a named union', () => {
    const l = layoutRecord(p, 'struct evt_orig');
    expect({ size: l.size, align: l.align }).toEqual({ size: 32, align: 8 });
    expect(brief(l.fields)).toEqual([
      'ifindex 0 4 __u32',
      'v4 4 4 __be32', 'v4_pad1 8 4 __u32', 'v4_pad2 12 4 __u32', 'v4_pad3 16 4 __u32',
      'v6 4 16 union addr6',
      'v6.w1 4 4 __u32', 'v6.w2 8 4 __u32', 'v6.w3 12 4 __u32', 'v6.w4 16 4 __u32',
      'v6.q1 4 8 __u64', 'v6.q2 12 8 __u64', 'v6.raw 4 16 __u8[16] x16',
      'trace_id 24 8 __u64',
    ]);
  });
  it('resolves named struct types defined elsewhere inside an anonymous union', () => {
    const l = layoutRecord(p, 'struct rec_hdr');
    expect({ size: l.size, align: l.align }).toEqual({ size: 16, align: 8 });
    expect(brief(l.fields)).toEqual([
      'ts 0 8 struct tv_split', 'ts.sec 0 4 __u32', 'ts.usec 4 4 __u32',
      'to 0 8 struct tv_boot', 'to.boot_ns 0 8 __u64',
      'caplen 8 4 __u32', 'len 12 4 __u32',
    ]);
  });
});

describe('attributes', () => {
  const p = parse(['attributes.h']);
  it('packs a struct with a packed inner union and packed enums (38 bytes)', () => {
    const l = layoutRecord(p, 'struct sock_evt');
    expect({ size: l.size, align: l.align }).toEqual({ size: 38, align: 1 });
    expect(brief(l.fields)).toEqual([
      'type 0 1 __u8', 'point 1 1 enum xlate bit0:8',
      'dst 2 16 union <anonymous>', 'dst.v4 2 4 __be32', 'dst.v6 2 16 __u8[16] x16',
      'port 18 2 __u16', 'cookie 20 8 __u64', 'cgroup 28 8 __u64', 'l4 36 1 enum proto4',
      'ipv6 37 1 __u8 bit0:1', 'pad 37 1 __u8 bit1:7',
    ]);
  });
  it('applies member and record alignment over packing', () => {
    const l = layoutRecord(p, 'struct attr_evt');
    // b keeps its explicit 8-byte alignment inside the packed struct; the record takes it.
    expect({ size: l.size, align: l.align }).toEqual({ size: 16, align: 8 });
    expect(brief(l.fields)).toEqual(['a 0 1 __u8', 'b 8 4 __u32', 'c 12 1 __u8']);
  });
  it('accepts the attribute between keyword and tag, aligned(16), and packed anonymous unions', () => {
    expect(layoutRecord(p, 'struct pre_packed')).toMatchObject({ size: 5, align: 1 });
    expect(layoutRecord(p, 'struct wide_align')).toMatchObject({ size: 16, align: 16 });
    const inner = layoutRecord(p, 'struct inner_packed');
    expect({ size: inner.size, align: inner.align }).toEqual({ size: 6, align: 1 });
    expect(brief(inner.fields)).toEqual(['a 0 1 __u8', 'h 1 2 __u16', 'w 1 4 __u32', 'z 5 1 __u8']);
  });
  it('marks packed enums', () => {
    expect(p.enums.map((e) => [e.tag, e.packed])).toEqual([['xlate', true], ['proto4', true]]);
  });
});

describe('enums', () => {
  const p = parse(['enums.h', 'enum-base.h']);
  it('numbers implicit enumerators and keeps trailing commas', () => {
    expect(enumValues(p, undefined, 'KIND_NONE')).toEqual({ KIND_NONE: 0n, KIND_DROP: 1n, KIND_DEBUG: 2n, KIND_TRACE: 4n, KIND_SOCK: 5n });
  });
  it('continues after a negative first value; hex values', () => {
    expect(enumValues(p, 'point')).toEqual({ POINT_UNKNOWN: -1n, POINT_IN: 0n, POINT_OUT: 1n, POINT_HOST: 16n });
  });
  it('takes values from another header and from earlier enumerators', () => {
    expect(enumValues(p, 'why')).toEqual({ WHY_NEW: 0n, WHY_EST: 1n, WHY_OTHER: 2n, WHY_FLAG: 128n, WHY_MASK: 127n });
  });
  it('evaluates shifts, masks and 64-bit values', () => {
    expect(enumValues(p, undefined, 'FLAG_A')).toEqual({ FLAG_A: 1n, FLAG_B: 2n, FLAG_C: 17n, FLAG_D: 254n, FLAG_BIG: 8589934592n });
  });
  it('accepts #define lines inside an enum body', () => {
    expect(enumValues(p, 'slot')).toEqual({ SLOT_ZERO: 0n, SLOT_ONE: 1n, SLOT_TWO: 2n, SLOT_MAX: 7n });
    expect(p.evalConstant('SLOT_ALIAS')).toBe(1n);
  });
  it('reads an included header once (the header guard and the file list agree)', () => {
    expect(p.enums.filter((e) => e.tag === 'conn_state')).toHaveLength(1);
    expect(p.evalConstant('STATE_REPLY')).toBe(2n);
  });
  it('resolves references to enumerators of a file listed later without an include', () => {
    const text = fixture('enums.h').text.replace('#include "enum-base.h"', '');
    const q = parseHeaders([{ path: 'a.h', text }, fixture('enum-base.h')]);
    expect(enumValues(q, 'why').WHY_EST).toBe(1n);
  });
  it('sizes packed enums by their value range', () => {
    const q = parseHeaders([
      {
        path: 'sizes.h',
        text: `enum small { S_A = -1, S_B = 127 } __packed;
               enum wide { W_A = 0, W_B = 255 } __packed;
               enum mid { M_A = -1, M_B = 128 } __packed;
               enum plain { P_A };
               struct holder { enum small s; enum wide w; enum mid m; enum plain p; };`,
      },
    ]);
    expect(brief(layoutRecord(q, 'struct holder').fields)).toEqual([
      's 0 1 enum small', 'w 1 1 enum wide', 'm 2 2 enum mid', 'p 4 4 enum plain',
    ]);
  });
});

describe('#define constants', () => {
  const p = parse(['defines.h']);
  it('evaluates negative values, aliases, suffixes, expressions, casts and sizeof', () => {
    const names = ['ERR_FIRST', 'ERR_POLICY', 'ERR_SPACED', 'ERR_TABS', 'ERR_ALIAS', 'ERR_ALIAS2', 'PAYLOAD_BIG', 'MASK_EXPR', 'USES_FN', 'CAST_U8', 'SIZE_OF_HDR', 'SIGNED_MIX'];
    expect(Object.fromEntries(names.map((n) => [n, p.evalConstant(n)]))).toEqual({
      ERR_FIRST: -130n, ERR_POLICY: -133n, ERR_SPACED: -160n, ERR_TABS: -184n, ERR_ALIAS: -133n, ERR_ALIAS2: -133n,
      PAYLOAD_BIG: 128n, MASK_EXPR: 15n, USES_FN: 42n, CAST_U8: 255n, SIZE_OF_HDR: 8n,
      // -1 converted to unsigned int by the usual arithmetic conversions
      SIGNED_MIX: 4294967295n,
    });
  });
  it('returns undefined for strings, function-like macros and unknown names', () => {
    expect(p.evalConstant('NOT_A_NUMBER')).toBeUndefined();
    expect(p.evalConstant('FN_LIKE')).toBeUndefined();
    expect(p.evalConstant('NO_SUCH_NAME')).toBeUndefined();
  });
  it('honours #ifndef defaults and versions inside conditionals', () => {
    expect([p.evalConstant('PAYLOAD_LEN'), p.evalConstant('EVENT_ORIGIN'), p.evalConstant('TRACE_VERSION')]).toEqual([128n, 0n, 1n]);
    const q = parse(['defines.h'], { defines: { PAYLOAD_LEN: '64', FEATURE_TRACE: '' } });
    expect([q.evalConstant('PAYLOAD_LEN'), q.evalConstant('TRACE_VERSION')]).toEqual([64n, 2n]);
  });
});

describe('conditional compilation', () => {
  const size = (defines: Record<string, string>, key: string): number | undefined => {
    const p = parse(['conditionals.h', 'enum-base.h'], { defines });
    return p.records.has(key) ? layoutRecord(p, key).size : undefined;
  };
  it('defines feature-guarded structs only under their feature macros', () => {
    expect(size({}, 'struct cond_drop')).toBeUndefined();
    expect(size({ FEATURE_DROP: '' }, 'struct cond_drop')).toBe(4);
    expect(size({ FEATURE_DROP: '', FEATURE_EXTRA: '1' }, 'struct cond_drop')).toBe(8);
  });
  it('evaluates defined(), && / ||, #elif and #else; unknown names are 0', () => {
    expect(size({}, 'struct cond_sock')).toBe(4);
    expect(size({ FEATURE_SOCK: '' }, 'struct cond_sock')).toBe(2);
    expect(size({ FEATURE_SOCK: '', HAVE_OUTPUT: '1' }, 'struct cond_sock')).toBe(1);
  });
  it('compares integer macro values', () => {
    const level = (defines: Record<string, string>) => parse(['conditionals.h'], { defines }).evalConstant('COND_LEVEL');
    expect([level({}), level({ LEVEL: '1' }), level({ LEVEL: '3' })]).toEqual([0n, 1n, 2n]);
  });
  it('skips #if 0 blocks and treats unknown function-like names in #if as 0', () => {
    const p = parse(['conditionals.h']);
    expect(p.records.has('struct never')).toBe(false);
    expect(p.macros.has('HAS_MEMCPY')).toBe(false);
    expect(p.macros.has('__COND_H_')).toBe(true);
  });
});

describe('typedefs and base types', () => {
  const p = parse(['typedefs.h']);
  it('resolves header typedefs to base types and sizes every base type', () => {
    const l = layoutRecord(p, 'struct typed_evt');
    expect({ size: l.size, align: l.align }).toEqual({ size: 144, align: 8 });
    expect(brief(l.fields)).toEqual([
      'flags 0 1 __u8', 'mac 8 8 __u64', 'pair 16 4 struct <anonymous>', 'pair.lo 16 2 __u16', 'pair.hi 18 2 __u16',
      'port 20 2 __be16', 'addr 24 4 __be32', 'big 32 8 __be64', 'le16 40 2 __le16', 'le32 44 4 __le32', 'le64 48 8 __le64',
      'csum 56 4 __wsum', 'csum16 60 2 __sum16', 's8 62 1 __s8', 's16 64 2 __s16', 's32 68 4 __s32', 's64 72 8 __s64',
      'yes 80 1 bool', 'c 81 1 char', 'sc 82 1 signed char', 'uc 83 1 unsigned char', 'sh 84 2 short', 'ush 86 2 unsigned short',
      'i 88 4 int', 'u 92 4 unsigned int', 'l 96 8 long', 'ul 104 8 unsigned long', 'll 112 8 long long',
      'ull 120 8 unsigned long long', 'li 128 8 long', 'ptr 136 8 void *',
    ]);
  });
  it('records usable typedefs and skips function-pointer typedefs', () => {
    expect(p.typedefs.get('flags_alias_t')).toMatchObject({ kind: 'scalar', name: '__u8', size: 1 });
    expect(p.typedefs.get('hw_addr_t')).toMatchObject({ kind: 'scalar', name: '__u64' });
    expect(p.typedefs.has('callback_t')).toBe(false);
  });
});

describe('comments', () => {
  it('ignores block and line comments anywhere in a declaration', () => {
    const l = layoutRecord(parse(['comments.h']), 'struct commented');
    expect(brief(l.fields)).toEqual(['a 0 4 __u32', 'b 4 2 __u16', 'c 6 2 __u16']);
    expect(l.size).toBe(8);
  });
});

describe('address union with short-hand defines inside', () => {
  const p = parse(['v6addr-named.h']);
  it('lists named inner structs and their members', () => {
    const l = layoutRecord(p, 'union addr6n');
    expect({ size: l.size, align: l.align }).toEqual({ size: 16, align: 1 });
    expect(brief(l.fields)).toEqual([
      'raw 0 16 __u8[16] x16',
      'w 0 16 struct <anonymous>', 'w.w1 0 4 __u32', 'w.w2 4 4 __u32', 'w.w3 8 4 __u32', 'w.w4 12 4 __u32',
      'q 0 16 struct <anonymous>', 'q.q1 0 8 __u64', 'q.q2 8 8 __u64',
    ]);
    expect(p.macros.get('w4')?.body.map((t) => t.text).join('')).toBe('w.w4');
  });
  it('uses it as a named member with dotted names', () => {
    const l = layoutRecord(p, 'struct uses_named');
    expect({ size: l.size, align: l.align }).toEqual({ size: 20, align: 4 });
    expect(brief(l.fields).slice(0, 5)).toEqual([
      'ifindex 0 4 __u32', 'orig 4 16 union addr6n', 'orig.raw 4 16 __u8[16] x16', 'orig.w 4 16 struct <anonymous>', 'orig.w.w1 4 4 __u32',
    ]);
    expect(brief(l.fields).at(-1)).toBe('orig.q.q2 12 8 __u64');
  });
});

describe('code that is skipped', () => {
  const p = parse(['skipped.h']);
  it('keeps the records it needs around functions, asm, maps, prototypes and initializers', () => {
    expect(brief(layoutRecord(p, 'struct kept').fields)).toEqual(['a 0 4 __u32', 'b 4 2 __u16']);
    expect(layoutRecord(p, 'struct after_broken')).toMatchObject({ size: 16, align: 8 });
    expect(p.records.has('struct local')).toBe(false);
  });
  it('defers the error of a broken record until it is laid out', () => {
    expect(() => layoutRecord(p, 'struct broken_unused')).toThrowError(/skipped\.h:41:2: expected ';' or ',' after the member declaration, found "__u32"/);
  });
});

describe('arrays', () => {
  it('sizes multi-dimensional arrays, arrays of records and flexible array members', () => {
    const l = layoutRecord(parse(['arrays.h']), 'struct arrays_evt');
    expect({ size: l.size, align: l.align }).toEqual({ size: 32, align: 4 });
    expect(brief(l.fields)).toEqual([
      'grid 0 8 __u8[2][4] x2', 'pad 8 3 __u8[3] x3', 'lanes 12 8 struct lane[2] x2',
      'main 20 4 struct lane', 'main.id 20 2 __u16', 'main.state 22 1 __u8',
      'words 24 8 __u32[2] x2', 'data 32 0 __u8[] x0',
    ]);
  });
});

describe('source file list markers', () => {
  it('keeps comments as tokens with their positions', () => {
    const text = 'static int id(const char *f) {\n#define _case_(n, s) if (!__builtin_strcmp(f, s)) return n;\n\t/* @@ list begin */\n\t_case_(1, "a.c")\n\t/* @@ list end */\n#undef _case_\n\treturn 0;\n}\n';
    const markers = tokenize(text, 'ids.h').filter((t) => t.kind === 'comment');
    expect(markers.map((t) => [t.text, t.line, t.column])).toEqual([['/* @@ list begin */', 3, 2], ['/* @@ list end */', 5, 2]]);
    const p = parseHeaders([{ path: 'ids.h', text }]);
    expect(p.macros.has('_case_')).toBe(false);
    expect(p.records.size).toBe(0);
  });
});

// v1.20 idioms (wire-format.md §4 lists the older ones). Expected values worked out by hand and
// confirmed with clang 14 on x86-64 (the fixtures with __align_stack_8 defined as __aligned(8)).
describe('__align_stack_8 on a struct definition (v1.20 trace_notify)', () => {
  const p = parse(['align-stack.h']);
  it('raises the struct alignment to 8 and rounds the size up', () => {
    expect(layoutRecord(p, 'struct stk_evt')).toMatchObject({ size: 16, align: 8 });
    expect(layoutRecord(p, 'struct stk_wide')).toMatchObject({ size: 16, align: 8 });
    const holder = layoutRecord(p, 'struct stk_holder');
    expect({ size: holder.size, align: holder.align }).toEqual({ size: 24, align: 8 });
    expect(brief(holder.fields).slice(0, 2)).toEqual(['a 0 1 __u8', 'e 8 16 struct stk_evt']);
  });
  it('aligns a member it follows, as __aligned(8) does', () => {
    const l = layoutRecord(p, 'struct stk_member');
    expect({ size: l.size, align: l.align }).toEqual({ size: 24, align: 8 });
    expect(brief(l.fields)).toEqual(['a 0 1 __u8', 'buf 8 12 __u8[12] x12', 'z 20 1 __u8']);
  });
  it('gives the same layouts where a header defines the macro', () => {
    const defined = parse(['align-stack.h'], { defines: { __align_stack_8: '__aligned(8)' } });
    for (const key of ['struct stk_evt', 'struct stk_wide', 'struct stk_member', 'struct stk_holder']) {
      expect(layoutRecord(defined, key), key).toEqual(layoutRecord(p, key));
    }
  });
});

describe('a 4-byte address union inside address unions (v1.20 orig_ip4, trace_sock ip4)', () => {
  const p = parse(['v4addr-union.h']);
  it('lists the named union member and its members inside an anonymous union', () => {
    const l = layoutRecord(p, 'struct addr_evt');
    expect({ size: l.size, align: l.align }).toEqual({ size: 32, align: 8 });
    expect(brief(l.fields)).toEqual([
      'ifindex 0 4 __u32',
      'orig4 4 4 union addr4', 'orig4.bytes 4 4 __u8[4] x4', 'orig4.word 4 4 __be32',
      'orig6 4 16 union addr16', 'orig6.raw 4 16 __u8[16] x16', 'orig6.halves 4 16 __u64[2] x2',
      'trace_id 24 8 __u64',
    ]);
  });
  it('packs the anonymous union of a named struct member', () => {
    const l = layoutRecord(p, 'struct addr_sock');
    expect({ size: l.size, align: l.align }).toEqual({ size: 20, align: 2 });
    expect(brief(l.fields).filter((f) => f.startsWith('dst') || f.startsWith('port'))).toEqual([
      'dst 2 16 struct addr_pair',
      'dst.ip4 2 4 union addr4', 'dst.ip4.bytes 2 4 __u8[4] x4', 'dst.ip4.word 2 4 __be32',
      'dst.ip6 2 16 union addr16', 'dst.ip6.raw 2 16 __u8[16] x16', 'dst.ip6.halves 2 16 __u64[2] x2',
      'port 18 2 __u16',
    ]);
  });
});

describe('configuration accessor macros (v1.20 CONFIG())', () => {
  const p = parse(['config-macro.h']);
  it('defines the accessor and skips its uses in function bodies', () => {
    expect(p.macros.get('CFG')?.params).toEqual(['name']);
    expect(layoutRecord(p, 'struct cfg_settings')).toMatchObject({ size: 16, align: 8 });
    expect(brief(layoutRecord(p, 'struct cfg_after').fields)).toEqual(['a 0 1 __u8', 'b 4 4 __u32']);
  });
});
