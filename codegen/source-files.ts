/**
 * Source file ids: the `_strcase_(id, "name")` calls that Cilium lists in `source_info.h`
 * between the `@@ source files list begin` / `@@ source files list end` marker comments.
 * Read with the C tokenizer (comments are tokens), so the markers and calls are found
 * wherever the surrounding function puts them.
 */
import { CParseError, tokenize, type Token } from './c/index.js';

const BEGIN = '@@ source files list begin';
const END = '@@ source files list end';

/** Id → file name from one header; throws `CParseError` when the markers or a call are malformed. */
export function extractSourceFileIds(text: string, file: string): Record<number, string> {
  const tokens = tokenize(text, file);
  const begin = tokens.findIndex((t) => t.kind === 'comment' && t.text.includes(BEGIN));
  const end = tokens.findIndex((t) => t.kind === 'comment' && t.text.includes(END));
  if (begin < 0 || end < begin) {
    const at = tokens[Math.max(begin, 0)];
    throw new CParseError('C_SYNTAX', loc(at, file), `"${BEGIN}" … "${END}" marker comments`, undefined);
  }
  const out: Record<number, string> = {};
  for (let i = begin + 1; i < end; i++) {
    const t = tokens[i]!;
    if (t.kind === 'comment') continue;
    if (t.kind !== 'ident') throw new CParseError('C_SYNTAX', loc(t, file), 'a _strcase_(id, "file") call', t.text);
    const call = tokens.slice(i, i + 7).filter((u) => u.kind !== 'comment');
    const [name, open, id, comma, str, close, semi] = call;
    const shape =
      open?.text === '(' && id?.kind === 'number' && comma?.text === ',' && str?.kind === 'string' && close?.text === ')' && semi?.text === ';';
    if (!shape) throw new CParseError('C_SYNTAX', loc(t, file), `${name!.text}(<integer>, "<file name>");`, call.map((u) => u.text).join(' '));
    const n = Number(id.text);
    if (!Number.isInteger(n) || n < 0 || n > 255) throw new CParseError('C_SYNTAX', loc(id, file), 'a file id 0…255', id.text);
    if (out[n] !== undefined) throw new CParseError('C_SYNTAX', loc(id, file), `a file id not listed before (${n} is ${out[n]})`, id.text);
    // File names are plain; a literal with escapes or a prefix (L"…") is not one we can trust.
    if (!/^"[^"\\]*"$/.test(str.text)) throw new CParseError('C_SYNTAX', loc(str, file), 'a plain "file name" string', str.text);
    out[n] = str.text.slice(1, -1);
    i += 6;
  }
  if (Object.keys(out).length === 0) throw new CParseError('C_SYNTAX', loc(tokens[begin], file), 'at least one _strcase_ call between the markers', undefined);
  return out;
}

function loc(t: Token | undefined, file: string): { file: string; line: number; column: number } {
  return { file, line: t?.line ?? 1, column: t?.column ?? 1 };
}
