import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../codegen/c/index.js';

const texts = (src: string) => tokenize(src, 't.h').map((t) => t.text);

describe('tokenize', () => {
  it('splits identifiers, numbers, punctuators (longest match), strings and chars', () => {
    expect(texts('a->b <<= 0x80ULL ... x##y "s\\"q" \'\\n\' 1e+5 .5')).toEqual([
      'a', '->', 'b', '<<=', '0x80ULL', '...', 'x', '##', 'y', '"s\\"q"', "'\\n'", '1e+5', '.5',
    ]);
    expect(tokenize('u8"x" L\'y\'', 't.h').map((t) => t.kind)).toEqual(['string', 'char']);
  });
  it('removes line splices and reports original lines and columns', () => {
    const toks = tokenize('#define A \\\n\tb \\\r\n c\nd', 't.h');
    expect(toks.map((t) => [t.text, t.line, t.column, t.bol])).toEqual([
      ['#', 1, 1, true], ['define', 1, 2, false], ['A', 1, 9, false], ['b', 2, 2, false], ['c', 3, 2, false], ['d', 4, 1, true],
    ]);
  });
  it('keeps comments as tokens; a comment spanning lines does not start a new logical line', () => {
    const toks = tokenize('#define X 1 /* a\n b */ + 2\ny // tail\n', 't.h');
    expect(toks.map((t) => [t.kind, t.text, t.bol])).toEqual([
      ['punct', '#', true], ['ident', 'define', false], ['ident', 'X', false], ['number', '1', false],
      ['comment', '/* a\n b */', false], ['punct', '+', false], ['number', '2', false],
      ['ident', 'y', true], ['comment', '// tail', false],
    ]);
  });
  it('marks whether whitespace precedes a token', () => {
    const toks = tokenize('#define F(x) G (x)', 't.h');
    expect(toks.map((t) => t.space)).toEqual([false, false, true, false, false, false, true, true, false, false]);
  });
  it('never fails on stray characters or an unterminated quote', () => {
    const toks = tokenize("#warning don't do this\n@ $ `\nok", 't.h');
    expect(toks.map((t) => [t.kind, t.text])).toEqual([
      ['punct', '#'], ['ident', 'warning'], ['ident', 'don'], ['other', "'t do this"],
      ['other', '@'], ['other', '$'], ['other', '`'], ['ident', 'ok'],
    ]);
  });
});
