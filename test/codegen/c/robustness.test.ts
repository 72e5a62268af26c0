/**
 * Malformed input never crashes, hangs or grows without bound: every failure is a
 * CParseError, whether it surfaces from parseHeaders, layoutRecord, enum members or
 * evalConstant.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CParseError, layoutRecord, parseHeaders } from '../../../codegen/c/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const sources = readdirSync(FIXTURES).sort().map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

const SNIPPETS = ['{', '}', '(', ')', '[', ']', ';', ',', ':', '#', '##', '\\\n', '\n', '/*', '*/', '"', "'", '#if X\n', '#endif\n', '#else\n', '#define X(a) a##a X(\n', 'struct s {', 'enum {', '__packed', '__attribute__((', ':0', '= 1 <<', '99999999999999999999999', '__aligned(3)'];

/** Source with random cuts and insertions of C punctuation and keywords. */
const mutated = fc
  .record({
    source: fc.constantFrom(...sources),
    edits: fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 20 }), insert: fc.constantFrom(...SNIPPETS) }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ source, edits }) =>
    edits.reduce((text, e) => {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }, source),
  );

/** Runs `fn`; anything thrown must be a CParseError. */
function onlyParseErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CParseError)) throw e;
  }
}

function exercise(text: string): void {
  onlyParseErrors(() => {
    const p = parseHeaders([{ path: 'm.h', text }]);
    for (const key of p.records.keys()) onlyParseErrors(() => layoutRecord(p, key));
    for (const e of p.enums) onlyParseErrors(() => e.members);
    for (const name of p.macros.keys()) onlyParseErrors(() => p.evalConstant(name));
  });
}

describe('malformed headers', () => {
  it('fail only with CParseError', () => {
    fc.assert(fc.property(mutated, (text) => exercise(text)), { numRuns: 300 });
  });
  it('bound deep nesting and exponential macros', () => {
    const cases = [
      `#if ${'('.repeat(5000)}1${')'.repeat(5000)}\n#endif\n`,
      `enum { A = ${'- '.repeat(5000)}1 };`,
      `${'struct s { '.repeat(2000)}__u8 a;${' };'.repeat(2000)}`,
      Array.from({ length: 20 }, (_, i) => `#define M${i + 1} M${i} M${i}`).join('\n') + '\n#define M0 x\nstruct big { M20 };\n',
      Array.from({ length: 600 }, (_, i) => `enum e${i} { V${i} = V${i + 1} };`).join('\n') + '\nenum last { V600 = 1 };',
    ];
    for (const text of cases) {
      expect(() => {
        const p = parseHeaders([{ path: 'deep.h', text }]);
        for (const key of p.records.keys()) layoutRecord(p, key);
        for (const e of p.enums) void e.members;
      }).toThrow(CParseError);
    }
  });
});
