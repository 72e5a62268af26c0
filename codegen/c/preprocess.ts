/**
 * Preprocessor subset: object- and function-like macros (with `#`, `##`, `__VA_ARGS__`),
 * `#undef`, conditionals with `defined`, `#include` resolved inside the given file set,
 * `#pragma once`. Produces one directive-free, comment-free, macro-expanded token stream
 * over all files plus the final macro table.
 */
import { cint, evaluate } from './const-expr.js';
import { CParseError } from './errors.js';
import type { CMacro, ParseOptions, SourceFile } from './model.js';
import { tokenize, type Token } from './tokens.js';

/** A token during expansion: the macros it must not be expanded by again (C11 6.10.3.4). */
interface PPToken extends Token {
  hide?: ReadonlySet<string>;
}

export interface Preprocessed {
  tokens: Token[];
  macros: Map<string, CMacro>;
  /** Macro-expands tokens with the final macro table (for `evalConstant`). */
  expand(tokens: readonly Token[]): Token[];
}

/**
 * Macros clang predefines that headers test for layout-relevant choices (bitfield order,
 * byte order). Callers' `defines` override them.
 */
const PREDEFINED: Record<string, string> = {
  __ORDER_LITTLE_ENDIAN__: '1234',
  __ORDER_BIG_ENDIAN__: '4321',
  __BYTE_ORDER__: '__ORDER_LITTLE_ENDIAN__',
};

/** Tokens one expansion may process: over ten times what the largest pinned header needs. */
const MAX_EXPANSION_STEPS = 400_000;

interface Conditional {
  /** This group's lines are kept. */
  active: boolean;
  /** Some branch of this #if chain has been taken (so later #elif/#else are not). */
  taken: boolean;
  /** The enclosing group is active. */
  parentActive: boolean;
  sawElse: boolean;
  start: Token;
}

/**
 * Runs the preprocessor over `files` in order. Each file is processed at most once, either
 * where it is first `#include`d or at its place in the list; includes of files outside the
 * set (kernel and libc headers) are ignored.
 */
export function preprocess(files: SourceFile[], options: ParseOptions = {}): Preprocessed {
  const macros = new Map<string, CMacro>();
  const out: Token[] = [];
  const done = new Set<string>();
  const byPath = new Map(files.map((f) => [f.path, f]));

  // As `-D`: each entry is the text of a #define line (`'F(a, b)': 'a + b'` is function-like).
  for (const [name, text] of Object.entries({ ...PREDEFINED, ...options.defines })) {
    const line = tokenize(`${name} ${text}`, '<command line>').filter((t) => t.kind !== 'comment');
    defineMacro(line[0] ?? { kind: 'other', text: name, file: '<command line>', line: 0, column: 0, bol: true, space: false }, line);
  }

  for (const file of files) processFile(file);
  return { tokens: out, macros, expand: (tokens) => expand(tokens).map(stripHide) };

  function processFile(file: SourceFile): void {
    if (done.has(file.path)) return;
    done.add(file.path);
    const tokens = tokenize(file.text, file.path).filter((t) => t.kind !== 'comment');
    const stack: Conditional[] = [];
    const active = (): boolean => stack.length === 0 || stack[stack.length - 1]!.active;
    let text: Token[] = [];
    const flush = (): void => {
      if (text.length > 0) for (const t of expand(text)) out.push(stripHide(t));
      text = [];
    };

    let i = 0;
    while (i < tokens.length) {
      const tok = tokens[i]!;
      if (!(tok.bol && tok.kind === 'punct' && tok.text === '#')) {
        if (active()) text.push(tok);
        i++;
        continue;
      }
      // Text before a directive is expanded with the macros in force at that point.
      flush();
      let j = i + 1;
      while (j < tokens.length && !tokens[j]!.bol) j++;
      const line = tokens.slice(i + 1, j);
      i = j;
      const name = line[0];
      if (name === undefined) continue; // null directive
      const args = line.slice(1);
      switch (name.text) {
        case 'if':
        case 'ifdef':
        case 'ifndef': {
          const parentActive = active();
          const cond = parentActive && testCondition(name, args);
          stack.push({ active: cond, taken: cond, parentActive, sawElse: false, start: name });
          continue;
        }
        case 'elif':
        case 'elifdef':
        case 'elifndef':
        case 'else': {
          const top = stack[stack.length - 1];
          if (top === undefined || top.sawElse) {
            throw new CParseError('C_PREPROCESS', name, top === undefined ? "a preceding '#if'" : "'#endif' after '#else'", `#${name.text}`);
          }
          if (name.text === 'else') {
            top.sawElse = true;
            top.active = top.parentActive && !top.taken;
          } else {
            const kind = name.text === 'elif' ? 'if' : name.text === 'elifdef' ? 'ifdef' : 'ifndef';
            top.active = top.parentActive && !top.taken && testCondition({ ...name, text: kind }, args);
          }
          top.taken ||= top.active;
          continue;
        }
        case 'endif':
          if (stack.pop() === undefined) throw new CParseError('C_PREPROCESS', name, "a preceding '#if'", '#endif');
          continue;
      }
      if (!active()) continue;
      switch (name.text) {
        case 'define':
          defineMacro(name, args);
          break;
        case 'undef': {
          const id = args[0];
          if (id?.kind !== 'ident') throw new CParseError('C_PREPROCESS', id ?? name, 'a macro name after #undef', id?.text);
          macros.delete(id.text);
          break;
        }
        case 'include': {
          const target = resolveInclude(file.path, args);
          if (target !== undefined) processFile(target);
          break;
        }
        // #pragma once is implied (each file is read once); #error, #warning, #line and
        // other pragmas do not affect declarations.
        default:
          break;
      }
    }
    const open = stack[stack.length - 1];
    if (open !== undefined) {
      throw new CParseError('C_PREPROCESS', open.start, `'#endif' for this '#${open.start.text}' before the end of ${file.path}`);
    }
    flush();
  }

  function resolveInclude(from: string, args: Token[]): SourceFile | undefined {
    const first = args[0];
    let target: string | undefined;
    if (first?.kind === 'string') target = first.text.slice(1, -1);
    else if (first?.text === '<') target = args.slice(1, args.findIndex((t) => t.text === '>')).map((t) => t.text).join('');
    if (target === undefined) return undefined;
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
    const direct = byPath.get(normalize(dir + target));
    if (direct !== undefined) return direct;
    // `#include "lib/common.h"` from bpf/bpf_lxc.c, `<bpf/ctx/skb.h>` from anywhere.
    return files.find((f) => f.path === target || f.path.endsWith('/' + target));
  }

  function defineMacro(at: Token, args: Token[]): void {
    const id = args[0];
    if (id?.kind !== 'ident') throw new CParseError('C_PREPROCESS', id ?? at, 'a macro name after #define', id?.text);
    let params: string[] | undefined;
    let variadic = false;
    let namedVariadic: string | undefined;
    let k = 1;
    const open = args[1];
    if (open !== undefined && open.text === '(' && !open.space) {
      params = [];
      k = 2;
      for (;;) {
        const p = args[k];
        if (p === undefined) throw new CParseError('C_PREPROCESS', args[k - 1]!, "')' closing the macro parameter list");
        if (p.text === ')' && params.length === 0 && !variadic) {
          k++;
          break;
        }
        if (p.text === '...') {
          variadic = true;
        } else if (p.kind === 'ident' && args[k + 1]?.text === '...') {
          // GNU named variadic parameter `args...`: its uses become __VA_ARGS__.
          variadic = true;
          namedVariadic = p.text;
          k++;
        } else if (p.kind === 'ident') {
          params.push(p.text);
        } else {
          throw new CParseError('C_PREPROCESS', p, 'a macro parameter name', p.text);
        }
        const sep = args[k + 1];
        k += 2;
        if (sep?.text === ')') break;
        if (sep?.text !== ',' || variadic) {
          throw new CParseError('C_PREPROCESS', sep ?? p, variadic ? "')' after '...'" : "',' or ')' in the macro parameter list", sep?.text);
        }
      }
    }
    const body = args.slice(k).map((t) => (t.kind === 'ident' && t.text === namedVariadic ? { ...t, text: '__VA_ARGS__' } : t));
    macros.set(id.text, { name: id.text, params, variadic, body, loc: { file: id.file, line: id.line, column: id.column } });
  }

  function testCondition(directive: Token, args: Token[]): boolean {
    if (directive.text === 'ifdef' || directive.text === 'ifndef') {
      const id = args[0];
      if (id?.kind !== 'ident') throw new CParseError('C_PREPROCESS', id ?? directive, `a macro name after #${directive.text}`, id?.text);
      return macros.has(id.text) === (directive.text === 'ifdef');
    }
    if (args.length === 0) throw new CParseError('C_PREPROCESS', directive, 'an expression after #if');
    // `defined X` / `defined(X)` are resolved before macro expansion.
    const resolved: Token[] = [];
    for (let k = 0; k < args.length; k++) {
      const t = args[k]!;
      if (t.kind === 'ident' && t.text === 'defined') {
        const paren = args[k + 1]?.text === '(';
        const id = args[k + (paren ? 2 : 1)];
        if (id?.kind !== 'ident' || (paren && args[k + 3]?.text !== ')')) {
          throw new CParseError('C_PREPROCESS', id ?? t, "a macro name in 'defined'", id?.text);
        }
        resolved.push({ ...t, kind: 'number', text: macros.has(id.text) ? '1' : '0' });
        k += paren ? 3 : 1;
      } else {
        resolved.push(t);
      }
    }
    const expanded = zeroUnknownCalls(expand(resolved));
    const value = evaluate(expanded, {
      preprocessor: true,
      // Identifiers left after expansion are 0 in #if (C11 6.10.1p4); `true`/`false` as C++/C23.
      identifier: (t) => cint(t.text === 'true' ? 1n : 0n, 64),
    });
    return value.value !== 0n;
  }

  /** Unknown function-like names in `#if` (`__has_builtin(x)`, `__has_include(<a.h>)`) evaluate to 0. */
  function zeroUnknownCalls(tokens: Token[]): Token[] {
    const result: Token[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.kind === 'ident' && tokens[k + 1]?.text === '(') {
        let depth = 0;
        let m = k + 1;
        for (; m < tokens.length; m++) {
          if (tokens[m]!.text === '(') depth++;
          else if (tokens[m]!.text === ')' && --depth === 0) break;
        }
        result.push({ ...t, kind: 'number', text: '0' });
        k = m;
      } else {
        result.push(t);
      }
    }
    return result;
  }

  /** Fully macro-expands a token list (rescanning, hide sets, function-like invocations). */
  function expand(input: readonly PPToken[]): PPToken[] {
    const result: PPToken[] = [];
    // Work stack in reverse so that pushing a replacement in front of the rest is O(length).
    const work: PPToken[] = input.slice().reverse();
    let steps = 0;
    while (work.length > 0) {
      const tok = work.pop()!;
      // Macros that multiply on every level would otherwise exhaust memory.
      if (++steps > MAX_EXPANSION_STEPS) {
        throw new CParseError('C_PREPROCESS', tok, `macro expansion within ${MAX_EXPANSION_STEPS} tokens`);
      }
      const macro = tok.kind === 'ident' ? macros.get(tok.text) : undefined;
      if (macro === undefined || tok.hide?.has(tok.text)) {
        result.push(tok);
        continue;
      }
      const hide = new Set(tok.hide);
      hide.add(macro.name);
      if (macro.params === undefined) {
        pushReplacement(work, substitute(macro, [], tok), hide);
        continue;
      }
      // A function-like macro name not followed by '(' is an ordinary identifier.
      if (work[work.length - 1]?.text !== '(') {
        result.push(tok);
        continue;
      }
      const args = collectArgs(work, macro, tok);
      if (args === undefined) {
        // Arguments cut off by a directive or the end of the file: leave the name unexpanded.
        result.push(tok);
        continue;
      }
      pushReplacement(work, substitute(macro, args, tok), hide);
    }
    return result;
  }

  function pushReplacement(work: PPToken[], replacement: PPToken[], hide: ReadonlySet<string>): void {
    for (let k = replacement.length - 1; k >= 0; k--) {
      const t = replacement[k]!;
      const merged = t.hide === undefined ? hide : new Set([...t.hide, ...hide]);
      work.push({ ...t, hide: merged });
    }
  }

  /**
   * Pops `( a, b, … )` off the work stack; arguments split at top-level commas. Undefined
   * (and the stack left as it was) when the closing parenthesis is missing.
   */
  function collectArgs(work: PPToken[], macro: CMacro, at: Token): PPToken[][] | undefined {
    const taken: PPToken[] = [work.pop()!]; // '('
    const args: PPToken[][] = [[]];
    let depth = 0;
    for (;;) {
      const t = work.pop();
      if (t === undefined) {
        for (let k = taken.length - 1; k >= 0; k--) work.push(taken[k]!);
        return undefined;
      }
      taken.push(t);
      if (t.text === '(') depth++;
      else if (t.text === ')') {
        if (depth === 0) break;
        depth--;
      } else if (t.text === ',' && depth === 0 && !(macro.variadic && args.length > macro.params!.length)) {
        args.push([]);
        continue;
      }
      args[args.length - 1]!.push(t);
    }
    const params = macro.params!;
    if (args.length === 1 && args[0]!.length === 0 && params.length === 0) return [];
    const expectedArgs = params.length + (macro.variadic ? 1 : 0);
    // `F()` for a one-parameter macro passes one empty argument; a missing variadic part is empty.
    while (args.length < expectedArgs && (macro.variadic || params.length === 1)) args.push([]);
    if (args.length !== expectedArgs && !(macro.variadic && args.length === params.length)) {
      throw new CParseError('C_PREPROCESS', at, `${expectedArgs} argument(s) to macro ${macro.name}`, `${args.length}`);
    }
    return args;
  }

  /** Replacement list with parameters substituted, `#` stringized and `##` pasted. */
  function substitute(macro: CMacro, args: PPToken[][], at: Token): PPToken[] {
    const params = macro.params ?? [];
    const argIndex = (t: Token): number => {
      if (t.kind !== 'ident') return -1;
      if (t.text === '__VA_ARGS__' && macro.variadic) return params.length;
      return params.indexOf(t.text);
    };
    const body = macro.body;
    const out: PPToken[] = [];
    for (let k = 0; k < body.length; k++) {
      const t = body[k]!;
      if (t.text === '#' && macro.params !== undefined) {
        const p = body[k + 1];
        const idx = p === undefined ? -1 : argIndex(p);
        if (idx < 0) throw new CParseError('C_PREPROCESS', t, "a macro parameter after '#'", p?.text);
        out.push({ ...t, kind: 'string', text: JSON.stringify(spell(args[idx] ?? [])) });
        k++;
        continue;
      }
      const idx = argIndex(t);
      const nextIsPaste = body[k + 1]?.text === '##';
      const prevIsPaste = body[k - 1]?.text === '##';
      if (t.text === '##') {
        const left = out.pop();
        const rightTok = body[k + 1];
        if (left === undefined || rightTok === undefined) throw new CParseError('C_PREPROCESS', t, "operands on both sides of '##'");
        const ri = argIndex(rightTok);
        const right = ri >= 0 ? (args[ri] ?? []) : [rightTok];
        k++;
        // GNU `, ## __VA_ARGS__`: the comma is dropped when the variadic argument is empty
        // and kept (not pasted) otherwise.
        if (left.text === ',' && ri === params.length && macro.variadic) {
          if (right.length > 0) out.push(left, ...right);
          continue;
        }
        const [first, ...rest] = right;
        if (first === undefined) {
          out.push(left);
        } else {
          const pasted = tokenize(left.text + first.text, at.file).filter((x) => x.kind !== 'comment');
          const only = pasted.length === 1 ? pasted[0]! : undefined;
          // An invalid paste is a compile error for clang; the tokens are kept apart so that
          // code we skip anyway does not stop the scan (a definition using it fails to parse).
          out.push(only === undefined ? left : { ...left, kind: only.kind, text: only.text });
          if (only === undefined) out.push(first);
          out.push(...rest);
        }
        continue;
      }
      if (idx >= 0) {
        const arg = args[idx] ?? [];
        out.push(...(nextIsPaste || prevIsPaste ? arg : expand(arg)));
        continue;
      }
      out.push(t);
    }
    return out;
  }
}

function spell(tokens: readonly Token[]): string {
  return tokens.map((t, k) => (k > 0 && t.space ? ' ' : '') + t.text).join('');
}

function stripHide(t: PPToken): Token {
  if (t.hide === undefined) return t;
  const { hide: _hide, ...rest } = t;
  return rest;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
