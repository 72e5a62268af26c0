/**
 * `parseHeaders`: preprocess, parse declarations, then resolve enumerator values lazily over
 * the whole header set (an enumerator may be defined by a constant from another file).
 */
import { cint, evaluate, type CInt, type EvalContext } from './const-expr.js';
import { CParseError } from './errors.js';
import { typeLayout } from './layout.js';
import type { CEnum, CEnumMember, CProgram, CType, ParseOptions, SourceFile } from './model.js';
import { DeclarationParser, parseDeclarations, type DeclTables, type RawEnum } from './parse.js';
import { preprocess } from './preprocess.js';
import type { Token } from './tokens.js';

/** Bound on enums whose values depend on each other in a chain (keeps the stack bounded). */
const MAX_ENUM_CHAIN = 256;

/**
 * Parses a header set: `files` are preprocessed in order (each at most once, `#include`s
 * within the set pulled in where they occur) with `options.defines` predefined.
 *
 * Throws `CParseError` only for problems that affect the whole set (an unterminated comment
 * or `#if`, a malformed directive). A struct, union or enum whose body cannot be parsed is
 * kept with a deferred error, thrown when it is laid out or its members are read.
 *
 * @example
 * ```ts
 * const program = parseHeaders([{ path: 'bpf/lib/common.h', text }], { defines: { DROP_NOTIFY: '' } });
 * program.evalConstant('CILIUM_NOTIFY_DROP'); // 1n
 * ```
 */
export function parseHeaders(files: SourceFile[], options: ParseOptions = {}): CProgram {
  const pp = preprocess(files, options);
  const tables: DeclTables = { records: new Map(), enums: [], typedefs: new Map(), anonymous: 0 };

  // Enumerator name → its enum and index; indexed incrementally as the parser adds enums.
  const enumerators = new Map<string, { raw: RawEnum; index: number }>();
  let indexed = 0;
  const findEnumerator = (name: string): { raw: RawEnum; index: number } | undefined => {
    for (; indexed < tables.enums.length; indexed++) {
      const raw = tables.enums[indexed]!;
      raw.entries.forEach((e, index) => enumerators.set(e.name, { raw, index }));
    }
    return enumerators.get(name);
  };

  const values = new Map<RawEnum, CInt[] | CParseError>();
  const resolving = new Set<RawEnum>();

  /** All values of an enum, computed once; a failure is remembered and rethrown. */
  const resolveEnum = (raw: RawEnum): CInt[] => {
    const done = values.get(raw);
    if (done instanceof CParseError) throw done;
    if (done !== undefined) return done;
    if (raw.error !== undefined) {
      values.set(raw, raw.error);
      throw raw.error;
    }
    if (resolving.has(raw)) {
      throw new CParseError('C_CONSTANT', raw.loc, `enumerator values of ${raw.key} that do not depend on themselves`);
    }
    if (resolving.size >= MAX_ENUM_CHAIN) {
      throw new CParseError('C_CONSTANT', raw.loc, `enum values that depend on at most ${MAX_ENUM_CHAIN} other enums in a chain`);
    }
    resolving.add(raw);
    const out: CInt[] = [];
    try {
      let previous: CInt | undefined;
      for (const entry of raw.entries) {
        let v: CInt;
        if (entry.expr === undefined) {
          v = previous === undefined ? cint(0n) : enumeratorType(previous.value + 1n);
        } else {
          // Earlier enumerators of the same enum are visible to later values.
          const own = new Map(raw.entries.slice(0, out.length).map((e, k) => [e.name, out[k]!]));
          v = enumeratorType(evaluate(entry.expr, context(own)).value);
        }
        out.push(v);
        previous = v;
      }
    } catch (e) {
      if (e instanceof CParseError) values.set(raw, e);
      throw e;
    } finally {
      resolving.delete(raw);
    }
    values.set(raw, out);
    return out;
  };

  const enumeratorValue = (name: string): CInt | undefined => {
    const hit = findEnumerator(name);
    if (hit === undefined) return undefined;
    return resolveEnum(hit.raw)[hit.index];
  };

  // Views of the enums parsed so far: casts and sizeof inside later definitions may name them.
  const views = new Map<RawEnum, CEnum>();
  const program: CProgram = {
    records: tables.records,
    get enums(): CEnum[] {
      return tables.enums.map((raw) => {
        let view = views.get(raw);
        if (view === undefined) views.set(raw, (view = toEnum(raw, resolveEnum)));
        return view;
      });
    },
    macros: pp.macros,
    typedefs: tables.typedefs,
    evalConstant(name: string): bigint | undefined {
      const macro = pp.macros.get(name);
      if (macro !== undefined) {
        if (macro.params !== undefined || macro.body.length === 0) return undefined;
        const expanded = pp.expand([{ ...macro.body[0]!, kind: 'ident', text: name, bol: false, space: false }]);
        try {
          return evaluate(expanded, context(new Map())).value;
        } catch (e) {
          // Strings, statement expressions, sizeof of incomplete types: not an integer constant.
          if (e instanceof CParseError) return undefined;
          throw e;
        }
      }
      return enumeratorValue(name)?.value;
    },
  };

  function context(own: ReadonlyMap<string, CInt>): EvalContext {
    return {
      preprocessor: false,
      identifier: (t) => own.get(t.text) ?? enumeratorValue(t.text),
      typeName: (tokens, start) => {
        const found = new DeclarationParser(tokens, tables, constant).typeNameAt(start);
        if (found === undefined) return undefined;
        const t: CType = found.type;
        const { size } = typeLayout(program, t, tokens[start]!);
        const integer = (t.kind === 'scalar' && t.name !== 'void') || t.kind === 'enum' || t.kind === 'pointer';
        const boolean = t.kind === 'scalar' && (t.name === 'bool' || t.name === '_Bool');
        return { info: { size, signed: isSigned(t), integer, boolean }, end: found.end };
      },
    };
  }

  /** Signedness for casts: an enum is unsigned unless it has a negative enumerator (as clang picks). */
  function isSigned(t: CType): boolean {
    if (t.kind === 'scalar') return t.signed;
    if (t.kind !== 'enum') return false;
    const raw = tables.enums.find((x) => x.key === t.key);
    return raw !== undefined && resolveEnum(raw).some((v) => v.value < 0n);
  }

  function constant(tokens: Token[], start: number, end: number): bigint {
    return evaluate(tokens, context(new Map()), start, end).value;
  }

  parseDeclarations(pp.tokens, tables, constant);
  return program;
}

/** Enumerator constants are `int`, or the first wider type that holds them (clang extension). */
function enumeratorType(value: bigint): CInt {
  if (value >= -(1n << 31n) && value < 1n << 31n) return cint(value);
  if (value >= 0n && value < 1n << 32n) return cint(value, 32, true);
  if (value >= -(1n << 63n) && value < 1n << 63n) return cint(value, 64);
  return cint(value, 64, true);
}

function toEnum(raw: RawEnum, resolve: (raw: RawEnum) => CInt[]): CEnum {
  let members: CEnumMember[] | undefined;
  return {
    tag: raw.tag,
    key: raw.key,
    packed: raw.packed,
    file: raw.loc.file,
    line: raw.loc.line,
    loc: raw.loc,
    get members(): CEnumMember[] {
      members ??= resolve(raw).map((v, k) => ({ name: raw.entries[k]!.name, value: v.value, loc: raw.entries[k]!.loc }));
      return members;
    },
    get error(): CParseError | undefined {
      try {
        resolve(raw);
        return undefined;
      } catch (e) {
        if (e instanceof CParseError) return e;
        throw e;
      }
    },
  };
}
