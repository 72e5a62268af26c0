/**
 * C tokenizer (translation phases 1–3): line splices removed, comments kept as tokens
 * (the pipeline scans marker comments such as `@@ source files list begin`), every token
 * tagged with where its logical line starts so the preprocessor can find directives.
 */
import { CParseError } from './errors.js';

export type TokenKind =
  | 'ident'
  | 'number'
  | 'string'
  | 'char'
  | 'punct'
  | 'comment'
  /** A character no C token starts with, or an unterminated quote (kept, so skipped code never fails). */
  | 'other';

export interface Token {
  kind: TokenKind;
  /** Source text (line splices removed; comments include their delimiters). */
  text: string;
  file: string;
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
  /** First token of a logical line (a newline outside comments precedes it). */
  bol: boolean;
  /** Whitespace or a comment precedes it (distinguishes `#define F(x)` from `#define F (x)`). */
  space: boolean;
}

const PUNCTUATORS = [
  '...', '<<=', '>>=',
  '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '##',
];
const SINGLE_PUNCT = new Set('[](){}.&*+-~!/%<>^|?:;=,#');

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Splits C source into tokens. Never throws except for an unterminated block comment,
 * which would otherwise swallow the rest of the file.
 *
 * @example
 * ```ts
 * tokenize('#define X 1 /* one *\/', 'a.h').map((t) => t.text); // ['#', 'define', 'X', '1', '/* one *\/']
 * ```
 */
export function tokenize(text: string, file: string): Token[] {
  // Phase 2: remove backslash-newline splices, remembering each kept char's position.
  const chars: string[] = [];
  const lines: number[] = [];
  const cols: number[] = [];
  let line = 1;
  let col = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      const skip = next === '\n' ? 1 : next === '\r' && text[i + 2] === '\n' ? 2 : 0;
      if (skip > 0) {
        i += skip;
        line++;
        col = 1;
        continue;
      }
    }
    if (c === '\r' && text[i + 1] === '\n') continue;
    chars.push(c);
    lines.push(line);
    cols.push(col);
    if (c === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }

  const tokens: Token[] = [];
  let bol = true;
  let space = false;
  let i = 0;
  const n = chars.length;
  const at = (k: number): string => chars[k] ?? '';
  const push = (kind: TokenKind, start: number, end: number): void => {
    tokens.push({
      kind,
      text: chars.slice(start, end).join(''),
      file,
      line: lines[start]!,
      column: cols[start]!,
      bol,
      space,
    });
    bol = false;
    space = false;
  };

  while (i < n) {
    const c = at(i);
    if (c === '\n') {
      bol = true;
      space = false;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\r') {
      space = true;
      i++;
      continue;
    }
    const start = i;
    if (c === '/' && at(i + 1) === '*') {
      i += 2;
      while (i < n && !(at(i) === '*' && at(i + 1) === '/')) i++;
      if (i >= n) {
        throw new CParseError('C_LEX', { file, line: lines[start]!, column: cols[start]! }, "'*/' closing this comment", '/*');
      }
      i += 2;
      const keepBol: boolean = bol;
      push('comment', start, i);
      // A comment is whitespace: it neither starts nor ends a logical line.
      bol = keepBol;
      space = true;
      continue;
    }
    if (c === '/' && at(i + 1) === '/') {
      while (i < n && at(i) !== '\n') i++;
      const keepBol: boolean = bol;
      push('comment', start, i);
      bol = keepBol;
      space = true;
      continue;
    }
    if (isIdentStart(c)) {
      // String/char literal prefixes (L"", u8"") are read as part of the literal.
      while (i < n && isIdentChar(at(i))) i++;
      const q = at(i);
      const word = chars.slice(start, i).join('');
      if ((q === '"' || q === "'") && /^(L|u|U|u8)$/.test(word)) {
        const lit = readQuoted(i, q);
        i = lit.end;
        push(lit.closed ? (q === '"' ? 'string' : 'char') : 'other', start, i);
        continue;
      }
      push('ident', start, i);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(at(i + 1)))) {
      // pp-number: digits, letters, underscores, dots, and signs after an exponent letter.
      i++;
      while (i < n) {
        const d = at(i);
        if ((d === '+' || d === '-') && /[eEpP]/.test(at(i - 1))) i++;
        else if (isIdentChar(d) || d === '.' || d === "'") i++;
        else break;
      }
      push('number', start, i);
      continue;
    }
    if (c === '"' || c === "'") {
      const lit = readQuoted(i, c);
      i = lit.end;
      push(lit.closed ? (c === '"' ? 'string' : 'char') : 'other', start, i);
      continue;
    }
    const punct = PUNCTUATORS.find((p) => matchAt(i, p));
    if (punct !== undefined) {
      i += punct.length;
      push('punct', start, i);
      continue;
    }
    i++;
    push(SINGLE_PUNCT.has(c) ? 'punct' : 'other', start, i);
  }
  return tokens;

  function matchAt(k: number, s: string): boolean {
    for (let j = 0; j < s.length; j++) if (chars[k + j] !== s[j]) return false;
    return true;
  }

  /**
   * A quoted literal starting at `k`: index just past its closing quote, or the end of the
   * line when unterminated (an apostrophe in `#warning don't` must not eat the file).
   */
  function readQuoted(k: number, q: string): { end: number; closed: boolean } {
    let j = k + 1;
    while (j < n && chars[j] !== '\n') {
      if (chars[j] === '\\') {
        j += 2;
        continue;
      }
      if (chars[j] === q) return { end: j + 1, closed: true };
      j++;
    }
    return { end: Math.min(j, n), closed: false };
  }
}
