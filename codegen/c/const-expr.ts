/**
 * Integer constant expressions with C semantics: literals typed by value and suffix, the
 * usual arithmetic conversions between int / unsigned / long / unsigned long, wrap-around
 * of unsigned arithmetic, casts and `sizeof`. Used for `#if`, enumerator values and
 * `evalConstant`. Preprocessor mode computes in intmax_t/uintmax_t as `#if` does.
 */
import { CParseError } from './errors.js';
import type { Token } from './tokens.js';

/** A value with its C type: width in bits (32 for int, 64 for long) and signedness. */
export interface CInt {
  value: bigint;
  bits: 32 | 64;
  unsigned: boolean;
}

/** Size and signedness of a type name, for casts and `sizeof`. */
export interface TypeNameInfo {
  size: number;
  signed: boolean;
  /** Integer (or pointer, for sizeof) type that a cast may convert to. */
  integer: boolean;
  /** `bool`/`_Bool`: a cast yields 0 or 1 rather than truncating. */
  boolean: boolean;
}

export interface EvalContext {
  /** `#if` semantics: every value is intmax_t/uintmax_t. */
  preprocessor: boolean;
  /** Value of an identifier, or undefined when it is not an integer constant. */
  identifier(tok: Token): CInt | undefined;
  /**
   * If a type name starts at `tokens[start]`, its layout info and the index after it;
   * undefined otherwise. Absent in preprocessor mode.
   */
  typeName?(tokens: Token[], start: number): { info: TypeNameInfo; end: number } | undefined;
}

export function cint(value: bigint, bits: 32 | 64 = 32, unsigned = false): CInt {
  return { value: wrap(value, bits, unsigned), bits, unsigned };
}

function wrap(value: bigint, bits: number, unsigned: boolean): bigint {
  return unsigned ? BigInt.asUintN(bits, value) : BigInt.asIntN(bits, value);
}

/**
 * Evaluates `tokens[start..end)` as one constant expression.
 * @throws CParseError (`C_CONSTANT`) with the offending token's position.
 */
export function evaluate(tokens: Token[], ctx: EvalContext, start = 0, end = tokens.length): CInt {
  let pos = start;
  let depth = 0;
  /** > 0 while parsing an operand that C does not evaluate. */
  let suppressed = 0;
  const last = tokens[end - 1] ?? tokens[start];

  const peek = (): Token | undefined => (pos < end ? tokens[pos] : undefined);
  const fail = (expected: string): never => {
    const tok = peek();
    const at = tok ?? last;
    throw new CParseError(
      'C_CONSTANT',
      at ?? { file: '<expression>', line: 0, column: 0 },
      expected,
      tok === undefined ? 'end of expression' : tok.text,
    );
  };
  const accept = (text: string): boolean => {
    const tok = peek();
    if (tok !== undefined && tok.kind === 'punct' && tok.text === text) {
      pos++;
      return true;
    }
    return false;
  };
  const expect = (text: string): void => {
    if (!accept(text)) fail(`'${text}'`);
  };
  const widen = (v: CInt): CInt => (ctx.preprocessor && v.bits === 32 ? cint(v.value, 64, v.unsigned) : v);

  const result = conditional();
  if (pos !== end) fail('end of constant expression');
  return result;

  function conditional(): CInt {
    const cond = binary(0);
    if (!accept('?')) return cond;
    const a = unevaluated(cond.value === 0n, conditional);
    expect(':');
    const b = unevaluated(cond.value !== 0n, conditional);
    const t = common(a, b);
    return cint(cond.value !== 0n ? a.value : b.value, t.bits, t.unsigned);
  }

  function binary(level: number): CInt {
    if (level >= LEVELS.length) return unary();
    const ops = LEVELS[level]!;
    let left = binary(level + 1);
    for (;;) {
      const tok = peek();
      if (tok === undefined || tok.kind !== 'punct' || !ops.includes(tok.text)) return left;
      pos++;
      // The right operand of a short-circuited && / || is parsed but not evaluated (C11
      // 6.5.13): `defined(X) && 100 / X` must not fail when X is 0.
      const skip = (tok.text === '&&' && left.value === 0n) || (tok.text === '||' && left.value !== 0n);
      const right = unevaluated(skip, () => binary(level + 1));
      left = apply(tok, left, right);
    }
  }

  /** Parses with evaluation errors suppressed when `skip` (an operand C does not evaluate). */
  function unevaluated(skip: boolean, parse: () => CInt): CInt {
    if (skip) suppressed++;
    try {
      return parse();
    } finally {
      if (skip) suppressed--;
    }
  }

  /** An evaluation error, or a placeholder 0 inside an operand that is not evaluated. */
  function invalid(op: Token, expected: string, found: string): CInt {
    if (suppressed > 0) return cint(0n);
    throw new CParseError('C_CONSTANT', op, expected, found);
  }

  function apply(op: Token, a: CInt, b: CInt): CInt {
    switch (op.text) {
      case '||':
        return cint(a.value !== 0n || b.value !== 0n ? 1n : 0n, ctx.preprocessor ? 64 : 32);
      case '&&':
        return cint(a.value !== 0n && b.value !== 0n ? 1n : 0n, ctx.preprocessor ? 64 : 32);
      case '<<':
      case '>>': {
        const l = promote(a);
        if (b.value < 0n || b.value >= BigInt(l.bits)) return invalid(op, `a shift count in 0..${l.bits - 1}`, String(b.value));
        return cint(op.text === '<<' ? l.value << b.value : l.value >> b.value, l.bits, l.unsigned);
      }
    }
    const t = common(a, b);
    const x = wrap(a.value, t.bits, t.unsigned);
    const y = wrap(b.value, t.bits, t.unsigned);
    const bool = (v: boolean): CInt => cint(v ? 1n : 0n, ctx.preprocessor ? 64 : 32);
    switch (op.text) {
      case '|': return cint(x | y, t.bits, t.unsigned);
      case '^': return cint(x ^ y, t.bits, t.unsigned);
      case '&': return cint(x & y, t.bits, t.unsigned);
      case '==': return bool(x === y);
      case '!=': return bool(x !== y);
      case '<': return bool(x < y);
      case '>': return bool(x > y);
      case '<=': return bool(x <= y);
      case '>=': return bool(x >= y);
      case '+': return cint(x + y, t.bits, t.unsigned);
      case '-': return cint(x - y, t.bits, t.unsigned);
      case '*': return cint(x * y, t.bits, t.unsigned);
      case '/':
      case '%':
        if (y === 0n) return invalid(op, 'a non-zero divisor', '0');
        // BigInt division truncates toward zero, as C does.
        return cint(op.text === '/' ? x / y : x % y, t.bits, t.unsigned);
    }
    throw new CParseError('C_CONSTANT', op, 'a binary operator', op.text);
  }

  function unary(): CInt {
    const tok = peek();
    if (tok === undefined) return fail('an operand');
    // Nesting beyond any real header would only exhaust the stack.
    if (++depth > MAX_NESTING) fail(`expression nesting within ${MAX_NESTING} levels`);
    try {
      return unaryAt(tok);
    } finally {
      depth--;
    }
  }

  function unaryAt(tok: Token): CInt {
    if (tok.kind === 'punct') {
      switch (tok.text) {
        case '+': pos++; return promote(unary());
        case '-': { pos++; const v = promote(unary()); return cint(-v.value, v.bits, v.unsigned); }
        case '~': { pos++; const v = promote(unary()); return cint(~v.value, v.bits, v.unsigned); }
        case '!': { pos++; const v = unary(); return cint(v.value === 0n ? 1n : 0n, ctx.preprocessor ? 64 : 32); }
        case '(': {
          const type = ctx.typeName?.(tokens, pos + 1);
          if (type !== undefined && tokens[type.end]?.text === ')') {
            pos = type.end + 1;
            const v = unary();
            if (!type.info.integer) {
              throw new CParseError('C_CONSTANT', tok, 'a cast to an integer type', tok.text);
            }
            const bits = type.info.size * 8;
            const truncated = type.info.boolean ? (v.value === 0n ? 0n : 1n) : wrap(v.value, bits, !type.info.signed);
            // Types narrower than int promote back to int.
            return bits <= 32 ? cint(truncated, 32, bits === 32 && !type.info.signed) : cint(truncated, 64, !type.info.signed);
          }
          pos++;
          const v = conditional();
          expect(')');
          return v;
        }
      }
    }
    if (tok.kind === 'ident' && tok.text === 'sizeof') {
      pos++;
      if (accept('(')) {
        const type = ctx.typeName?.(tokens, pos);
        if (type !== undefined && tokens[type.end]?.text === ')') {
          pos = type.end + 1;
          return cint(BigInt(type.info.size), 64, true);
        }
      }
      return fail('a type name in sizeof(…)');
    }
    return widen(primary());
  }

  function primary(): CInt {
    const tok = peek();
    if (tok === undefined) return fail('an operand');
    if (tok.kind === 'number') {
      pos++;
      return parseNumber(tok);
    }
    if (tok.kind === 'char') {
      pos++;
      return parseChar(tok);
    }
    if (tok.kind === 'ident') {
      const v = ctx.identifier(tok);
      if (v === undefined) return fail('an integer constant');
      pos++;
      return v;
    }
    return fail('an integer constant or expression');
  }

  function promote(v: CInt): CInt {
    return widen(v);
  }

  function common(a: CInt, b: CInt): { bits: 32 | 64; unsigned: boolean } {
    const pa = widen(a);
    const pb = widen(b);
    if (pa.bits !== pb.bits) {
      const wide = pa.bits > pb.bits ? pa : pb;
      return { bits: wide.bits, unsigned: wide.unsigned };
    }
    return { bits: pa.bits, unsigned: pa.unsigned || pb.unsigned };
  }
}

const MAX_NESTING = 256;

const LEVELS: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];

/** Integer literal with its C type (C11 6.4.4.1: the first of the candidate types that holds it). */
function parseNumber(tok: Token): CInt {
  const m = /^(0[xX][0-9a-fA-F']+|0[bB][01']+|[0-9']+)([uUlL]*)$/.exec(tok.text);
  const suffix = m?.[2]?.toLowerCase() ?? '';
  if (m === null || !/^(u?(l|ll)?|(l|ll)u)$/.test(suffix)) {
    throw new CParseError('C_CONSTANT', tok, 'an integer literal', tok.text);
  }
  const digits = m[1]!.replace(/'/g, '');
  const decimal = /^[1-9]/.test(digits) || digits === '0';
  const value = /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const isUnsigned = suffix.includes('u');
  const isLong = suffix.includes('l');
  const fits = (bits: number, uns: boolean): boolean => value < (uns ? 1n << BigInt(bits) : 1n << BigInt(bits - 1));
  const candidates: [32 | 64, boolean][] = [];
  if (!isLong) {
    if (!isUnsigned) candidates.push([32, false]);
    if (isUnsigned || !decimal) candidates.push([32, true]);
  }
  if (!isUnsigned) candidates.push([64, false]);
  if (isUnsigned || !decimal) candidates.push([64, true]);
  for (const [bits, uns] of candidates) if (fits(bits, uns)) return cint(value, bits, uns);
  throw new CParseError('C_CONSTANT', tok, 'an integer literal that fits in 64 bits', tok.text);
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };

function parseChar(tok: Token): CInt {
  const body = /^'(.*)'$/.exec(tok.text)?.[1];
  if (body !== undefined) {
    if (body.length === 1) return cint(BigInt(body.charCodeAt(0)));
    const hex = /^\\x([0-9a-fA-F]+)$/.exec(body);
    if (hex !== null) return cint(BigInt.asIntN(8, BigInt('0x' + hex[1]!)));
    const oct = /^\\([0-7]{1,3})$/.exec(body);
    if (oct !== null) return cint(BigInt.asIntN(8, BigInt('0o' + oct[1]!)));
    const esc = body.length === 2 && body[0] === '\\' ? ESCAPES[body[1]!] : undefined;
    if (esc !== undefined) return cint(BigInt(esc));
  }
  throw new CParseError('C_CONSTANT', tok, 'a single-character constant', tok.text);
}
