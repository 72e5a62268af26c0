/** Macro expansion and include handling, observed through the macro table and struct layouts. */
import { describe, expect, it } from 'vitest';
import { layoutRecord, parseHeaders } from '../../../codegen/c/index.js';

const fieldNames = (text: string, key: string) =>
  layoutRecord(parseHeaders([{ path: 'p.h', text }]), key).fields.map((f) => `${f.name}:${f.type}`);

describe('macro expansion', () => {
  it('pastes tokens and builds members from function-like macros', () => {
    expect(fieldNames('#define FIELD(t, n) t n##_v;\nstruct s { FIELD(__u8, a) FIELD(__u16, b) };', 'struct s')).toEqual(['a_v:__u8', 'b_v:__u16']);
  });
  it('expands arguments before substitution but not operands of ##', () => {
    expect(fieldNames('#define N x\n#define CAT(a) a##N\n#define USE(a) __u8 a;\nstruct s { USE(N) __u8 CAT(y); };', 'struct s')).toEqual(['x:__u8', 'yN:__u8']);
  });
  it('does not expand a macro inside its own expansion', () => {
    expect(fieldNames('#define a a\n#define b c\n#define c b\nstruct s { __u8 a; __u8 b; };', 'struct s')).toEqual(['a:__u8', 'b:__u8']);
  });
  it('supports variadic macros, GNU named variadics and the comma paste', () => {
    const p = parseHeaders([{
      path: 'v.h',
      text: [
        '#define FIRST(a, ...) a',
        '#define REST(a, ...) __VA_ARGS__',
        '#define NAMED(a, rest...) rest',
        // Counts its arguments: `, ## __VA_ARGS__` drops the comma when there are none.
        '#define COUNT(...) PICK_(0, ## __VA_ARGS__, 2, 1, 0)',
        '#define PICK_(z, a, b, n, ...) n',
        '#define A FIRST(7, 8, 9)',
        '#define B REST(7, 8)',
        '#define C NAMED(1, 5)',
        '#define N0 COUNT()',
        '#define N1 COUNT(x)',
        '#define N2 COUNT(x, y)',
      ].join('\n'),
    }]);
    expect(['A', 'B', 'C', 'N0', 'N1', 'N2'].map((n) => p.evalConstant(n))).toEqual([7n, 8n, 5n, 0n, 1n, 2n]);
  });
  it('stringizes arguments (a string is not an integer constant)', () => {
    const p = parseHeaders([{ path: 's.h', text: '#define STR(x) #x\n#define S STR(a  +  b)\n' }]);
    expect(p.evalConstant('S')).toBeUndefined();
    expect(p.macros.get('STR')?.body.map((t) => t.text)).toEqual(['#', 'x']);
  });
  it('gives every expansion of an anonymous record macro its own type', () => {
    const text = '#define PAIR(t) struct { t lo; t hi; }\nstruct s { PAIR(__u8) a; PAIR(__u32) b; };';
    const l = layoutRecord(parseHeaders([{ path: 'p.h', text }]), 'struct s');
    expect(l.fields.map((f) => `${f.name} ${f.offset} ${f.size}`)).toEqual(['a 0 2', 'a.lo 0 1', 'a.hi 1 1', 'b 4 8', 'b.lo 4 4', 'b.hi 8 4']);
  });
  it('keeps a function-like macro name without arguments as an identifier', () => {
    expect(fieldNames('#define f(x) x\nstruct s { __u8 f; };', 'struct s')).toEqual(['f:__u8']);
  });
  it('honours #undef and redefinition, final definitions in the table', () => {
    const p = parseHeaders([{ path: 'u.h', text: '#define V 1\nenum { E1 = V };\n#undef V\n#define V 2\nenum { E2 = V };\n#define GONE 3\n#undef GONE\n' }]);
    expect([p.evalConstant('E1'), p.evalConstant('E2'), p.evalConstant('V'), p.macros.has('GONE')]).toEqual([1n, 2n, 2n, false]);
  });
});

describe('includes', () => {
  it('pulls in files of the set where they are included, once, and ignores others', () => {
    const files = [
      { path: 'bpf/lib/b.h', text: '#pragma once\n#include "a.h"\n#include <linux/types.h>\nstruct b { struct a inner; };\n' },
      { path: 'bpf/lib/a.h', text: '#pragma once\nstruct a { __u32 x; };\n' },
      { path: 'bpf/prog.c', text: '#include "lib/b.h"\n#include "lib/a.h"\n' },
    ];
    const p = parseHeaders(files);
    expect(layoutRecord(p, 'struct b').size).toBe(4);
    expect([...p.records.keys()]).toEqual(['struct a', 'struct b']);
  });
  it('lets command-line defines override the byte-order predefines', () => {
    const text = '#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__\nstruct o { __u8 lo:4, hi:4; };\n#else\nstruct o { __u8 hi:4, lo:4; };\n#endif\n';
    const little = layoutRecord(parseHeaders([{ path: 'o.h', text }]), 'struct o');
    expect(little.fields.map((f) => f.name)).toEqual(['lo', 'hi']);
    const big = layoutRecord(parseHeaders([{ path: 'o.h', text }], { defines: { __BYTE_ORDER__: '4321' } }), 'struct o');
    expect(big.fields.map((f) => f.name)).toEqual(['hi', 'lo']);
  });
});
