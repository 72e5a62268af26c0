import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoExtractError, lexGo, mapLiteral, readGoFile, switchReturns } from '../../codegen/go-source.js';
import { extractTexts, readGoPackages } from '../../codegen/go-texts.js';

const fixture = readFileSync(new URL('./fixtures/names.go', import.meta.url), 'utf8');

describe('Go constants', () => {
  const file = readGoFile('names.go', fixture);

  it('numbers iota blocks, including across comments and blank lines', () => {
    expect(file.pkg).toBe('names');
    expect(file.consts.get('KindNone')).toBe(0n);
    expect(file.consts.get('KindOne')).toBe(1n);
    expect(file.consts.get('KindTwo')).toBe(2n);
  });

  it('takes explicit values and repeats typed iota expressions', () => {
    expect(file.consts.get('KindSeven')).toBe(7n);
    expect(file.consts.get('KindBig')).toBe(200n);
    expect(file.consts.get('ColorRed')).toBe(1n);
    expect(file.consts.get('ColorGreen')).toBe(2n);
    expect(file.consts.get('ColorBlue')).toBe(3n);
  });

  it('evaluates conversions and shifts, and skips string constants', () => {
    expect(file.consts.get('Mask')).toBe(0x80n);
    expect(file.consts.get('Shifted')).toBe(16n);
    expect(file.consts.has('NameOne')).toBe(false);
  });
});

describe('Go map literals and switches', () => {
  const file = readGoFile('names.go', fixture);

  it('splits entries at top-level commas only and decodes string escapes', () => {
    const entries = mapLiteral(file, 'kindText')!;
    expect(entries.map((e) => e.value[0]!.value)).toEqual(['none', 'one, with a comma', 'tab\there "quoted"', 'raw string', 'hex key']);
    expect(entries.map((e) => e.key.map((t) => t.text).join(''))).toEqual(['KindNone', 'KindOne', 'KindTwo', '42', '0x2b']);
  });

  it('finds maps declared inside var ( … )', () => {
    expect(mapLiteral(file, 'KindNames')).toHaveLength(3);
    expect(mapLiteral(file, 'nothing')).toBeUndefined();
  });

  it('reads the returned literal of each case, including Sprintf formats and multi-value cases', () => {
    const cases = switchReturns(file, 'Color.String')!;
    expect(cases.map((c) => [c.values.map((v) => v.map((t) => t.text).join('')), c.text])).toEqual([
      [['ColorRed'], 'red'],
      [['ColorGreen', 'ColorBlue'], 'cool %d'],
    ]);
  });

  it('uses the switch, not earlier returns, and skips the default case', () => {
    const cases = switchReturns(file, 'Thing.Describe')!;
    expect(cases.map((c) => c.text)).toEqual(['Kind one %s', 'seven']);
  });

  it('does not confuse a method with a function of the same name on another receiver', () => {
    expect(switchReturns(file, 'Other.String')).toBeUndefined();
  });
});

describe('lexer', () => {
  it('inserts semicolons at line ends after identifiers, literals and closers only', () => {
    const kinds = lexGo('a = b +\n c\nf(x,\n y)\n', 'x.go').map((t) => t.text);
    expect(kinds).toEqual(['a', '=', 'b', '+', 'c', ';', 'f', '(', 'x', ',', 'y', ')', ';']);
  });

  it('rejects unterminated literals with file and line', () => {
    expect(() => lexGo('package p\nvar s = "abc\n', 'bad.go')).toThrow(GoExtractError);
    expect(() => lexGo('package p\n/* never closed', 'bad.go')).toThrow(/bad\.go:2: unterminated block comment/);
  });
});

describe('text groups', () => {
  it('names the missing source when a pinned Go file lacks a group', () => {
    const files = new Map([['pkg/monitor/api/drop.go', 'package api\n\nvar errors = map[uint8]string{\n\t133: "Policy denied",\n}\n']]);
    expect(() => extractTexts(files)).toThrow(/pkg\/monitor\/api\/files\.go.*texts\.fileNames/);
  });
});

describe('constants across files and packages', () => {
  it('resolves qualified names and names from another file of the same package', () => {
    const files = new Map([
      ['pkg/monitor/x.go', 'package monitor\n\nconst Next = api.Second + 1\nconst FromSibling = Sibling * 2\n'],
      ['pkg/monitor/y.go', 'package monitor\n\nconst Sibling = 21\n'],
      ['pkg/monitor/api/types.go', 'package api\n\nconst (\n\tFirst = iota\n\tSecond\n)\n'],
    ]);
    const parsed = readGoPackages(files);
    expect(parsed.get('pkg/monitor/x.go')!.consts.get('Next')).toBe(2n);
    expect(parsed.get('pkg/monitor/x.go')!.consts.get('FromSibling')).toBe(42n);
  });
});

describe('partial texts', () => {
  it('skips a case that returns a literal joined with something else', () => {
    const file = readGoFile('names.go', fixture);
    expect(switchReturns(file, 'Thing.Summary')!.map((c) => c.text)).toEqual(['-> two']);
  });
});
