/**
 * Bad input: every failure is a CParseError with a stable code, the position and what was
 * expected — and a broken definition never yields a layout.
 */
import { describe, expect, it } from 'vitest';
import { CParseError, layoutRecord, parseHeaders } from '../../../codegen/c/index.js';

/** Runs `fn` and returns the CParseError it throws. */
function caught(fn: () => unknown): CParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CParseError) return e;
    throw e;
  }
  throw new Error('expected a CParseError');
}

const parse = (text: string, path = 'bad.h') => parseHeaders([{ path, text }]);

describe('whole-file errors thrown by parseHeaders', () => {
  it('unterminated block comment', () => {
    const e = caught(() => parse('struct a { __u8 x; };\n  /* never closed\n'));
    expect(e).toMatchObject({ code: 'C_LEX', file: 'bad.h', line: 2, column: 3, expected: "'*/' closing this comment" });
    expect(e.message).toBe(`bad.h:2:3: expected '*/' closing this comment, found "/*"`);
  });
  it('#if without #endif', () => {
    const e = caught(() => parse('#define A 1\n#ifdef A\nstruct a { __u8 x; };\n'));
    expect(e).toMatchObject({ code: 'C_PREPROCESS', line: 2, column: 2 });
    expect(e.expected).toContain("'#endif'");
  });
  it('#else and #endif without #if, #else twice', () => {
    expect(caught(() => parse('\n#else\n'))).toMatchObject({ code: 'C_PREPROCESS', line: 2, column: 2, expected: "a preceding '#if'" });
    expect(caught(() => parse('#endif\n'))).toMatchObject({ code: 'C_PREPROCESS', line: 1, expected: "a preceding '#if'" });
    expect(caught(() => parse('#if 1\n#else\n#else\n#endif\n'))).toMatchObject({ line: 3, expected: "'#endif' after '#else'" });
  });
  it('malformed #define and #if', () => {
    expect(caught(() => parse('#define 3 x\n'))).toMatchObject({ code: 'C_PREPROCESS', line: 1, column: 9, found: '3' });
    expect(caught(() => parse('#define F(a, 1) a\n'))).toMatchObject({ code: 'C_PREPROCESS', column: 14, expected: 'a macro parameter name' });
    expect(caught(() => parse('#if (1 +\n#endif\n'))).toMatchObject({ code: 'C_CONSTANT', line: 1 });
    expect(caught(() => parse('#if defined(\n#endif\n'))).toMatchObject({ code: 'C_PREPROCESS', line: 1 });
  });
  it('wrong number of macro arguments', () => {
    const e = caught(() => parse('#define TWO(a, b) a b\nstruct s { TWO(__u8 x;) };\n'));
    expect(e).toMatchObject({ code: 'C_PREPROCESS', line: 2, column: 12, expected: '2 argument(s) to macro TWO', found: '1' });
  });
});

describe('deferred errors of records', () => {
  const p = parse(
    [
      'struct ok { __u32 a; };',
      'struct missing_semi {',
      '\t__u32 a',
      '\t__u32 b;',
      '};',
      'struct unknown_type {',
      '\tmystery_t a;',
      '};',
      'struct uses_broken {',
      '\tstruct missing_semi inner;',
      '};',
      'struct uses_undefined {',
      '\t__u8 a;',
      '\tstruct nowhere b;',
      '};',
      'struct too_wide { __u8 a:9; };',
      'struct named_zero { __u32 a:0; };',
      'struct bad_dim { __u8 a[UNKNOWN_LEN]; };',
      'struct bare_void { void v; };',
      'struct self { __u8 a; struct self again; };',
    ].join('\n'),
  );
  it('keeps good records usable', () => {
    expect(layoutRecord(p, 'struct ok').size).toBe(4);
  });
  it('reports the position and what was expected', () => {
    expect(caught(() => layoutRecord(p, 'struct missing_semi'))).toMatchObject({
      code: 'C_SYNTAX', file: 'bad.h', line: 4, column: 2, expected: "';' or ',' after the member declaration", found: '__u32',
    });
    expect(caught(() => layoutRecord(p, 'struct unknown_type'))).toMatchObject({ code: 'C_SYNTAX', line: 7, column: 2, expected: 'a type name', found: 'mystery_t' });
    expect(caught(() => layoutRecord(p, 'struct bad_dim'))).toMatchObject({ code: 'C_CONSTANT', line: 18, found: 'UNKNOWN_LEN' });
  });
  it('propagates a nested record error to the records that use it', () => {
    expect(caught(() => layoutRecord(p, 'struct uses_broken'))).toMatchObject({ code: 'C_SYNTAX', line: 4 });
  });
  it('rejects types that cannot be laid out', () => {
    expect(caught(() => layoutRecord(p, 'struct uses_undefined'))).toMatchObject({ code: 'C_LAYOUT', line: 14, column: 17 });
    expect(caught(() => layoutRecord(p, 'struct too_wide'))).toMatchObject({ code: 'C_LAYOUT', line: 16, expected: 'a bitfield width of at most 8', found: '9' });
    expect(caught(() => layoutRecord(p, 'struct named_zero'))).toMatchObject({ code: 'C_LAYOUT', expected: 'a zero-width bitfield to be unnamed' });
    expect(caught(() => layoutRecord(p, 'struct bare_void'))).toMatchObject({ code: 'C_LAYOUT', line: 19, found: 'void' });
    expect(caught(() => layoutRecord(p, 'struct self'))).toMatchObject({ code: 'C_LAYOUT', expected: 'struct self not to contain itself' });
  });
  it('reports a record that is not defined at all', () => {
    expect(caught(() => layoutRecord(p, 'struct absent'))).toMatchObject({ code: 'C_UNKNOWN_RECORD', expected: 'a definition of struct absent in the headers' });
  });
});

describe('unbalanced definitions', () => {
  it('records the definition with the bracket error', () => {
    const p = parse('struct good { __u8 a; };\nstruct open {\n\t__u8 a[2;\n};\n');
    expect(caught(() => layoutRecord(p, 'struct open'))).toMatchObject({ code: 'C_SYNTAX', line: 4, column: 1, expected: "']' matching '[' at 3:8", found: '}' });
    expect(layoutRecord(p, 'struct good').size).toBe(1);
    const q = parse('enum e { A = (1, B };\n');
    expect(caught(() => q.enums[0]!.members)).toMatchObject({ code: 'C_SYNTAX', line: 1, column: 20, expected: "')' matching '(' at 1:14", found: '}' });
  });
});

describe('deferred errors of enums', () => {
  const p = parse(['enum good { G_A, G_B };', 'enum bad {', '\tB_A = 1,', '\tB_B = NOT_DEFINED + 1,', '};', 'enum div { D_A = 1 / 0 };', 'enum { S_A = S_B, S_B = S_A };'].join('\n'));
  it('throws when the members of a broken enum are read, with the position', () => {
    expect(p.enums[0]!.members.map((m) => m.value)).toEqual([0n, 1n]);
    expect(p.enums.map((e) => e.error?.code)).toEqual([undefined, 'C_CONSTANT', 'C_CONSTANT', 'C_CONSTANT']);
    expect(caught(() => p.enums[1]!.members)).toMatchObject({ code: 'C_CONSTANT', line: 4, column: 8, found: 'NOT_DEFINED' });
    expect(caught(() => p.enums[2]!.members)).toMatchObject({ code: 'C_CONSTANT', expected: 'a non-zero divisor' });
    expect(caught(() => p.enums[3]!.members)).toMatchObject({ code: 'C_CONSTANT' });
  });
  it('throws when an enumerator of a broken enum is asked for', () => {
    expect(caught(() => p.evalConstant('B_A'))).toMatchObject({ code: 'C_CONSTANT', line: 4 });
  });
  it('records a syntax error inside an enum body', () => {
    const q = parse('enum e {\n\tA = 1\n\tB\n};\nenum f {\n\t3\n};\n');
    expect(caught(() => q.enums[0]!.members)).toMatchObject({ code: 'C_CONSTANT', line: 3, column: 2, expected: 'end of constant expression', found: 'B' });
    expect(caught(() => q.enums[1]!.members)).toMatchObject({ code: 'C_SYNTAX', line: 6, column: 2, expected: 'an enumerator name', found: '3' });
  });
});
