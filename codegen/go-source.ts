/**
 * Just enough Go to read the strings Cilium keeps only in its Go code: a lexer with Go's
 * automatic semicolons, `const` blocks (iota, typed constants, implicit repetition), map
 * literals, and `switch`/`case … return "…"` string functions. Anything else in the file is
 * skipped; a construct we need but cannot read raises `GoExtractError` with file and line.
 */

export interface GoToken {
  kind: 'ident' | 'int' | 'string' | 'char' | 'op' | 'semi';
  text: string;
  /** Decoded value of a string literal. */
  value?: string;
  line: number;
}

export class GoExtractError extends Error {
  readonly code = 'GO_EXTRACT';
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'GoExtractError';
  }
}

const OPS = ['<<=', '>>=', '&^=', '...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='];

/** Go tokens of `text`, comments dropped, with the semicolons Go inserts at line ends. */
export function lexGo(text: string, file: string): GoToken[] {
  const out: GoToken[] = [];
  let i = 0;
  let line = 1;
  const endsStatement = (): boolean => {
    const last = out[out.length - 1];
    if (last === undefined) return false;
    // Go's rule: identifiers (keywords included), literals and closing brackets end a statement.
    if (last.kind !== 'op' && last.kind !== 'semi') return true;
    return last.kind === 'op' && [')', ']', '}', '++', '--'].includes(last.text);
  };
  const newline = (): void => {
    if (endsStatement()) out.push({ kind: 'semi', text: ';', line });
    line++;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      newline();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new GoExtractError(file, line, 'unterminated block comment');
      const body = text.slice(i, end);
      const lines = body.split('\n').length - 1;
      if (lines > 0) {
        if (endsStatement()) out.push({ kind: 'semi', text: ';', line });
        line += lines;
      }
      i = end + 2;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      out.push({ kind: 'ident', text: text.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[0-9A-Za-z_.]/.test(text[j]!)) j++;
      out.push({ kind: 'int', text: text.slice(i, j), line });
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\n') throw new GoExtractError(file, line, 'newline in string literal');
        if (text[j] === '\\') {
          const [decoded, next] = unescape(text, j, file, line);
          value += decoded;
          j = next;
        } else {
          value += text[j];
          j++;
        }
      }
      if (j >= text.length) throw new GoExtractError(file, line, 'unterminated string literal');
      out.push({ kind: 'string', text: text.slice(i, j + 1), value, line });
      i = j + 1;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new GoExtractError(file, line, 'unterminated raw string literal');
      const value = text.slice(i + 1, end).replace(/\r/g, '');
      out.push({ kind: 'string', text: text.slice(i, end + 1), value, line });
      line += value.split('\n').length - 1;
      i = end + 1;
    } else if (c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out.push({ kind: 'char', text: text.slice(i, j + 1), line });
      i = j + 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
      out.push({ kind: 'op', text: op, line });
      i += op.length;
    }
  }
  if (endsStatement()) out.push({ kind: 'semi', text: ';', line });
  return out;
}

function unescape(text: string, at: number, file: string, line: number): [string, number] {
  const e = text[at + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  if (e !== undefined && e in simple) return [simple[e]!, at + 2];
  const hex = (n: number): [string, number] => {
    const digits = text.slice(at + 2, at + 2 + n);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) throw new GoExtractError(file, line, `bad escape \\${e}${digits}`);
    return [String.fromCodePoint(parseInt(digits, 16)), at + 2 + n];
  };
  if (e === 'x') return hex(2);
  if (e === 'u') return hex(4);
  if (e === 'U') return hex(8);
  if (e !== undefined && /[0-7]/.test(e)) {
    const digits = text.slice(at + 1, at + 4);
    return [String.fromCharCode(parseInt(digits, 8)), at + 4];
  }
  throw new GoExtractError(file, line, `unknown escape \\${e ?? ''}`);
}

/** A parsed Go source file: its package and top-level integer constants. */
export interface GoFile {
  path: string;
  pkg: string;
  tokens: GoToken[];
  /** Integer constants declared at top level, by name. */
  consts: Map<string, bigint>;
}

/**
 * Lexes a file and evaluates its integer constants. `imported` resolves qualified names
 * (`api.MessageTypeDrop`) and names declared in other files of the same package.
 */
export function readGoFile(path: string, text: string, imported: (name: string) => bigint | undefined = () => undefined): GoFile {
  const tokens = lexGo(text, path);
  const pkgAt = tokens.findIndex((t) => t.kind === 'ident' && t.text === 'package');
  const pkg = tokens[pkgAt + 1]?.text;
  if (pkgAt < 0 || pkg === undefined) throw new GoExtractError(path, 1, 'expected a package clause');
  const file: GoFile = { path, pkg, tokens, consts: new Map() };
  collectConsts(file, imported);
  return file;
}

/** Index of the token after the bracket that closes the one at `open`. */
function matching(tokens: GoToken[], open: number, file: string): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'op') continue;
    if (t.text in pairs) stack.push(pairs[t.text]!);
    else if (t.text === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  throw new GoExtractError(file, tokens[open]?.line ?? 0, `unbalanced "${tokens[open]?.text ?? ''}"`);
}

/** Top-level token index ranges `[start, end)` of each declaration starting with `keyword`. */
function topLevel(file: GoFile, keyword: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const { tokens } = file;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) depth--;
    else if (depth === 0 && t.kind === 'ident' && t.text === keyword) {
      let end = i + 1;
      // A declaration runs to the semicolon at depth 0.
      for (let d = 0; end < tokens.length; end++) {
        const u = tokens[end]!;
        if (u.kind === 'op' && '([{'.includes(u.text)) d++;
        else if (u.kind === 'op' && ')]}'.includes(u.text)) d--;
        else if (d === 0 && u.kind === 'semi') break;
      }
      out.push([i, end]);
    }
  }
  return out;
}

function collectConsts(file: GoFile, imported: (name: string) => bigint | undefined): void {
  const { tokens } = file;
  const lookup = (name: string): bigint | undefined => file.consts.get(name) ?? imported(name);
  for (const [start, end] of topLevel(file, 'const')) {
    const grouped = tokens[start + 1]?.text === '(';
    const specs = grouped ? splitSpecs(tokens, start + 2, matching(tokens, start + 1, file.path) - 1) : [[start + 1, end] as [number, number]];
    let iota = 0n;
    let previous: GoToken[] | undefined;
    for (const [s, e] of specs) {
      const spec = tokens.slice(s, e);
      const names: string[] = [];
      let k = 0;
      while (spec[k]?.kind === 'ident') {
        names.push(spec[k]!.text);
        if (spec[k + 1]?.text !== ',') break;
        k += 2;
      }
      const eq = spec.findIndex((t) => t.text === '=');
      const expr = eq >= 0 ? spec.slice(eq + 1) : previous;
      if (eq >= 0) previous = spec.slice(eq + 1);
      // Only single-name integer constants are of interest; string/other constants are skipped.
      if (names.length === 1 && expr !== undefined) {
        const v = evalConst(expr, iota, lookup);
        if (v !== undefined) file.consts.set(names[0]!, v);
      }
      iota++;
    }
  }
}

/** Splits `tokens[from, to)` at depth-0 semicolons into non-empty ranges. */
function splitSpecs(tokens: GoToken[], from: number, to: number): Array<[number, number]> {
  return splitTopLevel(tokens, from, to, (t) => t.kind === 'semi').filter(([s, e]) => e > s);
}

/**
 * Integer value of a constant expression: literals, `iota`, other constants (qualified or
 * not), conversions `T(x)`, parentheses, unary `-`/`^`, and `+ - * / % << >> | & ^`.
 * Undefined when the expression is not an integer constant we can evaluate (strings etc.).
 */
export function evalConst(expr: GoToken[], iota: bigint, lookup: (name: string) => bigint | undefined): bigint | undefined {
  let i = 0;
  const peek = (): GoToken | undefined => expr[i];
  const PREC: Record<string, number> = { '|': 1, '^': 1, '+': 1, '-': 1, '*': 2, '/': 2, '%': 2, '<<': 2, '>>': 2, '&': 2, '&^': 2 };
  const primary = (): bigint | undefined => {
    const t = expr[i++];
    if (t === undefined) return undefined;
    if (t.kind === 'int') return parseGoInt(t.text);
    if (t.text === '(') {
      const v = binary(0);
      if (expr[i++]?.text !== ')') return undefined;
      return v;
    }
    if (t.text === '-') {
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (t.text === '^') {
      const v = primary();
      return v === undefined ? undefined : ~v;
    }
    if (t.kind === 'ident') {
      if (t.text === 'iota') return iota;
      let name = t.text;
      if (peek()?.text === '.' && expr[i + 1]?.kind === 'ident') {
        name = `${name}.${expr[i + 1]!.text}`;
        i += 2;
      }
      if (peek()?.text === '(') {
        // Conversion such as uint8(0x80): the value is the argument's.
        i++;
        const v = binary(0);
        if (expr[i++]?.text !== ')') return undefined;
        return v;
      }
      return lookup(name);
    }
    return undefined;
  };
  const binary = (min: number): bigint | undefined => {
    let left = primary();
    for (;;) {
      const op = peek();
      const p = op?.kind === 'op' ? PREC[op.text] : undefined;
      if (op === undefined || p === undefined || p < min) break;
      i++;
      const right = binary(p + 1);
      if (left === undefined || right === undefined) return undefined;
      left = apply(op.text, left, right);
    }
    return left;
  };
  const v = binary(0);
  return i === expr.length ? v : undefined;
}

function apply(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0n ? 0n : a / b;
    case '%': return b === 0n ? 0n : a % b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '|': return a | b;
    case '&': return a & b;
    case '^': return a ^ b;
    default: return a & ~b; // &^
  }
}

function parseGoInt(text: string): bigint | undefined {
  const t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[bB][01]+$/.test(t) || /^0[oO][0-7]+$/.test(t)) return BigInt(t);
  if (/^0[0-7]+$/.test(t)) return BigInt(`0o${t.slice(1)}`);
  if (/^[0-9]+$/.test(t)) return BigInt(t);
  return undefined;
}

/** One `key: value` entry of a map literal, as tokens. */
export interface GoMapEntry {
  key: GoToken[];
  value: GoToken[];
  line: number;
}

/** Entries of the map literal assigned to `name` (`var name = map[K]V{…}`, also inside `var (…)`). */
export function mapLiteral(file: GoFile, name: string): GoMapEntry[] | undefined {
  const { tokens } = file;
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]!.text !== name || tokens[i + 1]!.text !== '=' || tokens[i + 2]!.text !== 'map') continue;
    const keyClose = matching(tokens, i + 3, file.path);
    // Skip the value type up to the literal's opening brace.
    let open = keyClose;
    while (open < tokens.length && tokens[open]!.text !== '{') open++;
    const close = matching(tokens, open, file.path) - 1;
    const entries: GoMapEntry[] = [];
    for (const [s, e] of splitAtDepth0(tokens, open + 1, close, ',')) {
      const colon = indexAtDepth0(tokens, s, e, ':');
      if (colon < 0) throw new GoExtractError(file.path, tokens[s]!.line, `expected "key: value" in map ${name}`);
      entries.push({ key: tokens.slice(s, colon), value: tokens.slice(colon + 1, e), line: tokens[s]!.line });
    }
    return entries;
  }
  return undefined;
}

/** One `case` of a switch with the first string literal its body returns. */
export interface GoCase {
  values: GoToken[][];
  text: string;
  line: number;
}

/**
 * Cases of the first `switch` in function `name` (`Recv.Method` for methods) whose body
 * returns a string literal or `fmt.Sprintf("…", …)`: the literal is the text.
 */
export function switchReturns(file: GoFile, name: string): GoCase[] | undefined {
  const [recv, method] = name.includes('.') ? name.split('.') : [undefined, name];
  const { tokens } = file;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text !== 'func') continue;
    let j = i + 1;
    let receiverType: string | undefined;
    if (tokens[j]?.text === '(') {
      const end = matching(tokens, j, file.path);
      receiverType = tokens.slice(j + 1, end - 1).filter((t) => t.kind === 'ident').pop()?.text;
      j = end;
    }
    if (tokens[j]?.text !== method || receiverType !== recv) continue;
    let open = j;
    while (open < tokens.length && tokens[open]!.text !== '{') {
      if (tokens[open]!.text === '(') open = matching(tokens, open, file.path);
      else open++;
    }
    const close = matching(tokens, open, file.path) - 1;
    const sw = tokens.findIndex((t, k) => k > open && k < close && t.text === 'switch');
    if (sw < 0) throw new GoExtractError(file.path, tokens[i]!.line, `function ${name} has no switch`);
    let body = sw;
    while (body < close && tokens[body]!.text !== '{') body++;
    if (body >= close) throw new GoExtractError(file.path, tokens[sw]!.line, `expected "{" after switch in ${name}`);
    const bodyEnd = matching(tokens, body, file.path) - 1;
    const cases: GoCase[] = [];
    for (let k = body + 1; k < bodyEnd; k++) {
      if (tokens[k]!.text !== 'case') continue;
      const colon = indexAtDepth0(tokens, k + 1, bodyEnd, ':');
      const values = splitAtDepth0(tokens, k + 1, colon, ',').map(([s, e]) => tokens.slice(s, e));
      const text = returnedString(tokens, colon + 1, bodyEnd);
      if (text !== undefined) cases.push({ values, text, line: tokens[k]!.line });
    }
    return cases;
  }
  return undefined;
}

/** The string literal of the first `return "…"` / `return fmt.Sprintf("…"` before the next case. */
function returnedString(tokens: GoToken[], from: number, to: number): string | undefined {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) depth--;
    else if (depth === 0 && (t.text === 'case' || t.text === 'default')) return undefined;
    else if (t.text === 'return') {
      const a = tokens[k + 1];
      // Only a whole literal: `return "-> proxy" + pp` has no fixed text.
      if (a?.kind === 'string') return tokens[k + 2]?.kind === 'semi' || tokens[k + 2]?.text === '}' ? a.value : undefined;
      if (a?.text === 'fmt' && tokens[k + 2]?.text === '.' && tokens[k + 4]?.text === '(' && tokens[k + 5]?.kind === 'string') {
        return tokens[k + 5]!.value;
      }
      return undefined;
    }
  }
  return undefined;
}

/** Splits `tokens[from, to)` at depth-0 `sep` tokens, dropping automatic semicolons at the edges. */
function splitAtDepth0(tokens: GoToken[], from: number, to: number, sep: string): Array<[number, number]> {
  return splitTopLevel(tokens, from, to, (t) => t.text === sep && t.kind !== 'semi')
    .filter(([s, e]) => hasContent(tokens, s, e))
    .map(([s, e]) => trim(tokens, s, e));
}

/** The ranges between depth-0 separator tokens (brackets of all kinds nest). */
function splitTopLevel(tokens: GoToken[], from: number, to: number, isSeparator: (t: GoToken) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = from;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) depth--;
    else if (depth === 0 && isSeparator(t)) {
      out.push([s, i]);
      s = i + 1;
    }
  }
  out.push([s, to]);
  return out;
}

function hasContent(tokens: GoToken[], s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (tokens[i]!.kind !== 'semi') return true;
  return false;
}

/** Drops the automatic semicolons around a range. */
function trim(tokens: GoToken[], s: number, e: number): [number, number] {
  while (s < e && tokens[s]!.kind === 'semi') s++;
  while (e > s && tokens[e - 1]!.kind === 'semi') e--;
  return [s, e];
}

function indexAtDepth0(tokens: GoToken[], from: number, to: number, text: string): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'op' && '([{'.includes(t.text)) depth++;
    else if (t.kind === 'op' && ')]}'.includes(t.text)) depth--;
    else if (depth === 0 && t.text === text) return i;
  }
  return -1;
}
