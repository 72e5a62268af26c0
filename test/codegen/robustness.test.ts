/**
 * Mutated inputs (truncated, characters dropped or duplicated) must give a typed error or a
 * result — never another exception or a hang.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CParseError } from '../../codegen/c/index.js';
import { GoExtractError, mapLiteral, readGoFile, switchReturns } from '../../codegen/go-source.js';
import { extractSourceFileIds } from '../../codegen/source-files.js';

const goFixture = readFileSync(new URL('./fixtures/names.go', import.meta.url), 'utf8');
const cFixture = readFileSync(new URL('./fixtures/source_info.h', import.meta.url), 'utf8');

/** A mutation: cut the text at a point, drop a span, or repeat a span. */
const mutated = (text: string) =>
  fc
    .tuple(fc.nat(text.length), fc.nat(40), fc.constantFrom('cut', 'drop', 'repeat'))
    .map(([at, len, op]) =>
      op === 'cut' ? text.slice(0, at) : op === 'drop' ? text.slice(0, at) + text.slice(at + len) : text.slice(0, at + len) + text.slice(at),
    );

describe('robustness on mutated inputs', () => {
  it('Go extraction throws only GoExtractError', () => {
    fc.assert(
      fc.property(mutated(goFixture), (text) => {
        try {
          const file = readGoFile('names.go', text);
          mapLiteral(file, 'kindText');
          mapLiteral(file, 'KindNames');
          switchReturns(file, 'Color.String');
          switchReturns(file, 'Thing.Describe');
        } catch (e) {
          expect(e).toBeInstanceOf(GoExtractError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the source file list throws only CParseError', () => {
    fc.assert(
      fc.property(mutated(cFixture), (text) => {
        try {
          extractSourceFileIds(text, 'source_info.h');
        } catch (e) {
          expect(e).toBeInstanceOf(CParseError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
