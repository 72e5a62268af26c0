/**
 * Declaration parser over the preprocessed token stream. It keeps struct/union/enum
 * definitions and typedefs wherever they occur at file scope (also inside typedefs and
 * variable declarations) and skips everything else by bracket matching: function bodies,
 * prototypes, initializers, asm, map definitions. A struct or union whose body cannot be
 * parsed is recorded with a deferred error rather than aborting the whole header set.
 */
import { CParseError } from './errors.js';
import type { CMember, CRecord, CType, SourceLocation } from './model.js';
import { BUILTIN_WORDS, builtinType, KERNEL_TYPEDEFS } from './scalars.js';
import type { Token } from './tokens.js';

export interface RawEnumerator {
  name: string;
  /** Value expression tokens; undefined for an implicit value (previous + 1). */
  expr: Token[] | undefined;
  loc: SourceLocation;
}

/** An enum before its values are evaluated (values may refer to enumerators defined later in the set). */
export interface RawEnum {
  tag: string | undefined;
  key: string;
  packed: boolean;
  entries: RawEnumerator[];
  loc: SourceLocation;
  error?: CParseError;
}

/** Declarations collected so far; shared with the constant evaluator (casts, `sizeof`). */
export interface DeclTables {
  records: Map<string, CRecord>;
  enums: RawEnum[];
  typedefs: Map<string, CType>;
  /** Anonymous records and enums seen so far (numbers their keys). */
  anonymous: number;
}

/** Whether a record or enum key was made up for an anonymous definition. */
export function isAnonymousKey(key: string): boolean {
  return key.includes(' <anon#');
}

/** Evaluates a constant expression (array size, bitfield width, alignment). */
export type ConstantEvaluator = (tokens: Token[], start: number, end: number) => bigint;

/** Storage-class words, qualifiers and layout-neutral attribute macros skipped in specifiers. */
const IGNORED_SPECIFIERS = new Set([
  'const', 'volatile', 'restrict', '__restrict', 'static', 'extern', 'inline', '__inline', '__inline__',
  'register', 'auto', '_Thread_local', '__always_inline', '__maybe_unused',
  '__extension__', '__signed__', '__const', '__volatile__',
]);

/**
 * Cilium's `bpf/include/bpf/builtins.h` defines `__align_stack_8` as `__aligned(8)`; the
 * pinned sets do not include that file, so the word is understood here. Up to v1.19 it marks
 * stack variables only (in function bodies, which are skipped); from v1.20 it also follows a
 * struct definition (`struct trace_notify { … } __align_stack_8;`), where it raises the
 * struct's alignment like `__aligned(8)`. Where a header defines the macro, its expansion is
 * parsed instead.
 */
const ALIGN_STACK_8 = '__align_stack_8';

/** Deeper nesting exists in no real header and would only exhaust the stack. */
const MAX_RECORD_NESTING = 64;

interface Attributes {
  packed: boolean;
  aligned: number | undefined;
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

const locOf = (t: Token): SourceLocation => ({ file: t.file, line: t.line, column: t.column });

/** Collects the definitions in `tokens` into `tables`. */
export function parseDeclarations(tokens: Token[], tables: DeclTables, constant: ConstantEvaluator): void {
  const p = new DeclarationParser(tokens, tables, constant);
  p.parseFile();
}

/** Cursor over a token list with error helpers; also used to read type names in casts. */
export class DeclarationParser {
  pos = 0;
  /** Depth of nested record definitions being parsed. */
  private nesting = 0;

  constructor(
    private readonly toks: Token[],
    private readonly tables: DeclTables,
    private readonly constant: ConstantEvaluator,
    private readonly end = toks.length,
  ) {}

  parseFile(): void {
    while (this.pos < this.end) {
      const t = this.toks[this.pos]!;
      const at = this.pos;
      try {
        if (t.kind === 'ident' && t.text === 'typedef') {
          this.parseTypedef();
        } else if (t.kind === 'ident' && this.startsDefinition()) {
          this.pos++;
          this.parseTagged(t);
        } else if (t.text === '{' || t.text === '(' || t.text === '[') {
          this.skipBalanced();
        } else {
          this.pos++;
        }
      } catch (e) {
        // Unbalanced brackets in code we skip (e.g. a macro that opens a scope for
        // another to close) must not stop the scan; definitions report their own errors.
        if (!(e instanceof CParseError)) throw e;
        this.pos = at + 1;
      }
    }
  }

  /**
   * If a type name (specifiers plus abstract `*`s) starts at `start`, its type and the index
   * after it. Used for casts and `sizeof` in constant expressions; never throws.
   */
  typeNameAt(start: number): { type: CType; end: number } | undefined {
    const first = this.toks[start];
    if (first === undefined || first.kind !== 'ident' || !this.isTypeStart(first)) return undefined;
    const saved = this.pos;
    this.pos = start;
    try {
      let type = this.parseSpecifiers().type;
      while (this.peek()?.text === '*') {
        this.pos++;
        type = { kind: 'pointer', to: type };
      }
      return { type, end: this.pos };
    } catch {
      return undefined;
    } finally {
      this.pos = saved;
    }
  }

  // ----- file-scope items ------------------------------------------------------------

  /** `struct|union|enum` [attributes] [tag] `{` at the cursor. */
  private startsDefinition(): boolean {
    const kw = this.toks[this.pos]!.text;
    if (kw !== 'struct' && kw !== 'union' && kw !== 'enum') return false;
    let k = this.pos + 1;
    for (;;) {
      const t = this.toks[k];
      if (t === undefined) return false;
      if (t.text === '{') return true;
      if (t.text === '__attribute__' || t.text === '__attribute' || t.text === '__aligned') {
        k = this.matching(k + 1) + 1;
        continue;
      }
      if (t.kind === 'ident') {
        k++;
        continue;
      }
      return false;
    }
  }

  private parseTypedef(): void {
    this.pos++;
    try {
      const { type } = this.parseSpecifiers();
      for (;;) {
        const decl = this.parseDeclarator(type, false);
        if (decl.name !== undefined && !KERNEL_TYPEDEFS.has(decl.name)) this.tables.typedefs.set(decl.name, decl.type);
        if (this.accept(',')) continue;
        this.expect(';', "';' after the typedef");
        return;
      }
    } catch (e) {
      if (!(e instanceof CParseError)) throw e;
      // A typedef the layout engine cannot use (function pointers, …): skip it; a record
      // that names it fails with an unknown-type error.
      this.skipToSemicolon();
    }
  }

  // ----- specifiers and declarators ---------------------------------------------------

  private isTypeStart(t: Token): boolean {
    return (
      t.text === 'struct' || t.text === 'union' || t.text === 'enum' || t.text === 'void' ||
      BUILTIN_WORDS.has(t.text) || KERNEL_TYPEDEFS.has(t.text) || this.tables.typedefs.has(t.text) ||
      IGNORED_SPECIFIERS.has(t.text) || t.text === ALIGN_STACK_8
    );
  }

  /** Declaration specifiers: qualifiers, attributes, one type. */
  private parseSpecifiers(): { type: CType; attrs: Attributes } {
    const attrs: Attributes = { packed: false, aligned: undefined };
    const words: string[] = [];
    let type: CType | undefined;
    const first = this.peek();
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.kind !== 'ident') break;
      if (IGNORED_SPECIFIERS.has(t.text)) {
        this.pos++;
      } else if (this.parseAttribute(attrs)) {
        // consumed
      } else if (type === undefined && words.length === 0 && (t.text === 'struct' || t.text === 'union' || t.text === 'enum')) {
        this.pos++;
        type = this.parseTagged(t);
      } else if (t.text === 'void' && type === undefined && words.length === 0) {
        // Only meaningful behind a pointer; the layout engine rejects a bare void member.
        type = { kind: 'scalar', name: 'void', size: 0, align: 1, signed: false };
        this.pos++;
      } else if (BUILTIN_WORDS.has(t.text) && type === undefined) {
        words.push(t.text);
        this.pos++;
      } else if (type === undefined && words.length === 0 && (KERNEL_TYPEDEFS.has(t.text) || this.tables.typedefs.has(t.text))) {
        type = KERNEL_TYPEDEFS.get(t.text) ?? this.tables.typedefs.get(t.text)!;
        this.pos++;
      } else {
        break;
      }
    }
    if (words.length > 0) {
      type = builtinType(words);
      if (type === undefined) throw this.error('a valid combination of type specifiers', first);
    }
    if (type === undefined) throw this.error('a type name');
    return { type, attrs };
  }

  /**
   * `* … name [N]… [: width] [attributes]`. Names are optional for abstract declarators
   * and unnamed bitfields.
   */
  private parseDeclarator(base: CType, member: boolean): { name: string | undefined; type: CType; width?: Token[]; attrs: Attributes; at: Token } {
    const attrs: Attributes = { packed: false, aligned: undefined };
    let type = base;
    while (this.accept('*')) {
      type = { kind: 'pointer', to: type };
      while (this.peek()?.kind === 'ident' && IGNORED_SPECIFIERS.has(this.peek()!.text)) this.pos++;
    }
    while (this.parseAttribute(attrs));
    const at = this.peek() ?? this.toks[this.end - 1]!;
    let name: string | undefined;
    if (at.kind === 'ident' && !this.isAttributeWord(at.text)) {
      name = at.text;
      this.pos++;
    } else if (!(member && at.text === ':')) {
      throw this.error(member ? 'a member name' : 'a declarator name');
    }
    const dims: number[] = [];
    while (this.accept('[')) {
      const close = this.matching(this.pos - 1);
      if (close === this.pos) {
        dims.push(0);
      } else {
        const n = this.constant(this.toks, this.pos, close);
        if (n < 0n) throw this.error('a non-negative array size', this.toks[this.pos]);
        dims.push(Number(n));
      }
      this.pos = close + 1;
    }
    for (let k = dims.length - 1; k >= 0; k--) type = { kind: 'array', element: type, count: dims[k]! };
    let width: Token[] | undefined;
    if (member && this.accept(':')) {
      const start = this.pos;
      while (this.pos < this.end && ![',', ';'].includes(this.toks[this.pos]!.text) && !this.isAttributeWord(this.toks[this.pos]!.text)) {
        if (this.toks[this.pos]!.text === '(') this.pos = this.matching(this.pos);
        this.pos++;
      }
      if (this.pos === start) throw this.error('a bitfield width');
      width = this.toks.slice(start, this.pos);
    }
    while (this.parseAttribute(attrs));
    return width === undefined ? { name, type, attrs, at } : { name, type, width, attrs, at };
  }

  private isAttributeWord(text: string): boolean {
    return (
      text === '__packed' || text === '__aligned' || text === ALIGN_STACK_8 || text === '__attribute__' || text === '__attribute' || IGNORED_SPECIFIERS.has(text)
    );
  }

  /** Consumes one attribute (`__packed`, `__aligned(n)`, `__align_stack_8`, `__attribute__((…))`) into `attrs`. */
  private parseAttribute(attrs: Attributes): boolean {
    const t = this.peek();
    if (t === undefined || t.kind !== 'ident') return false;
    if (t.text === '__packed') {
      this.pos++;
      attrs.packed = true;
      return true;
    }
    if (t.text === ALIGN_STACK_8) {
      this.pos++;
      attrs.aligned = Math.max(attrs.aligned ?? 1, 8);
      return true;
    }
    if (t.text === '__aligned') {
      this.pos++;
      this.expect('(', "'(' after __aligned");
      const close = this.matching(this.pos - 1);
      attrs.aligned = this.alignment(this.pos, close);
      this.pos = close + 1;
      return true;
    }
    if (t.text !== '__attribute__' && t.text !== '__attribute') return false;
    this.pos++;
    this.expect('(', "'((' after __attribute__");
    const outer = this.matching(this.pos - 1);
    this.expect('(', "'((' after __attribute__");
    const inner = this.matching(this.pos - 1);
    while (this.pos < inner) {
      const item = this.toks[this.pos]!;
      this.pos++;
      const name = item.text.replace(/^__(.*)__$/, '$1');
      const hasArgs = this.toks[this.pos]?.text === '(';
      const close = hasArgs ? this.matching(this.pos) : this.pos - 1;
      if (name === 'packed') attrs.packed = true;
      // `aligned` without an argument means the target's largest useful alignment (16).
      if (name === 'aligned') attrs.aligned = hasArgs ? this.alignment(this.pos + 1, close) : 16;
      this.pos = close + 1;
      if (this.toks[this.pos]?.text === ',') this.pos++;
    }
    this.pos = outer + 1;
    return true;
  }

  private alignment(start: number, end: number): number {
    const n = this.constant(this.toks, start, end);
    if (n <= 0n || (n & (n - 1n)) !== 0n) throw this.error('a power-of-two alignment', this.toks[start]);
    return Number(n);
  }

  // ----- struct / union / enum -------------------------------------------------------

  /** After `struct`/`union`/`enum`: optional attributes and tag, optional body. */
  private parseTagged(kw: Token): CType {
    const attrs: Attributes = { packed: false, aligned: undefined };
    while (this.parseAttribute(attrs));
    let tag: string | undefined;
    const t = this.peek();
    if (t?.kind === 'ident' && !this.isAttributeWord(t.text)) {
      tag = t.text;
      this.pos++;
    }
    while (this.parseAttribute(attrs));
    const hasBody = this.peek()?.text === '{';
    if (!hasBody && tag === undefined) throw this.error(`a tag or '{' after '${kw.text}'`);
    // Anonymous keys are numbered: one macro expanding to `struct { … }` in several places
    // gives every expansion the same source position.
    const key = `${kw.text} ${tag ?? `<anon#${++this.tables.anonymous}@${kw.file}:${kw.line}:${kw.column}>`}`;
    if (kw.text === 'enum') {
      if (hasBody) this.parseEnumBody(kw, tag, key, attrs);
      return { kind: 'enum', key };
    }
    if (hasBody) this.parseRecordBody(kw, tag, key, attrs);
    return { kind: 'record', key };
  }

  private parseRecordBody(kw: Token, tag: string | undefined, key: string, attrs: Attributes): void {
    if (this.nesting >= MAX_RECORD_NESTING) throw this.error(`records nested at most ${MAX_RECORD_NESTING} deep`, kw);
    this.nesting++;
    try {
      this.parseRecordBodyAt(kw, tag, key, attrs);
    } finally {
      this.nesting--;
    }
  }

  private parseRecordBodyAt(kw: Token, tag: string | undefined, key: string, attrs: Attributes): void {
    const open = this.pos;
    const record: CRecord = {
      kind: kw.text as 'struct' | 'union',
      tag,
      key,
      members: [],
      packed: attrs.packed,
      aligned: attrs.aligned,
      loc: locOf(kw),
    };
    const close = this.closingOrRecord(open, (error) => this.tables.records.set(key, { ...record, error }));
    this.pos = open + 1;
    try {
      while (this.pos < close) {
        if (this.accept(';')) continue; // empty member-list macros leave stray semicolons
        this.parseMemberDeclaration(record.members, close);
      }
    } catch (e) {
      if (!(e instanceof CParseError)) throw e;
      record.error = e;
    }
    this.pos = close + 1;
    while (this.parseAttribute(attrs));
    record.packed = attrs.packed;
    record.aligned = attrs.aligned;
    this.tables.records.set(key, record);
  }

  private parseMemberDeclaration(members: CMember[], close: number): void {
    const startTok = this.peek()!;
    const { type, attrs: specAttrs } = this.parseSpecifiers();
    if (this.peek()?.text === ';' && type.kind === 'record' && isAnonymousKey(type.key)) {
      // Anonymous struct/union member (C11): its members belong to the enclosing record.
      this.pos++;
      members.push({ name: undefined, type, loc: locOf(startTok), ...layoutAttrs(specAttrs) });
      return;
    }
    for (;;) {
      const d = this.parseDeclarator(type, true);
      const member: CMember = { name: d.name, type: d.type, loc: locOf(d.at) };
      if (d.width !== undefined) {
        const w = this.constant(d.width, 0, d.width.length);
        if (w < 0n) throw this.error('a non-negative bitfield width', d.width[0]);
        member.bitWidth = Number(w);
      }
      Object.assign(member, layoutAttrs({ packed: specAttrs.packed || d.attrs.packed, aligned: d.attrs.aligned ?? specAttrs.aligned }));
      members.push(member);
      if (this.accept(',')) continue;
      if (this.pos >= close) throw this.error("';' after the member declaration");
      this.expect(';', "';' or ',' after the member declaration");
      return;
    }
  }

  private parseEnumBody(kw: Token, tag: string | undefined, key: string, attrs: Attributes): void {
    const open = this.pos;
    const raw: RawEnum = { tag, key, packed: false, entries: [], loc: locOf(kw) };
    const close = this.closingOrRecord(open, (error) => this.tables.enums.push({ ...raw, error }));
    this.pos = open + 1;
    try {
      while (this.pos < close) {
        const name = this.peek()!;
        if (name.kind !== 'ident') throw this.error('an enumerator name');
        this.pos++;
        let expr: Token[] | undefined;
        if (this.accept('=')) {
          const start = this.pos;
          while (this.pos < close && this.toks[this.pos]!.text !== ',') {
            if (this.toks[this.pos]!.text === '(') this.pos = this.matching(this.pos);
            this.pos++;
          }
          if (this.pos === start) throw this.error('a value expression after =');
          expr = this.toks.slice(start, this.pos);
        }
        raw.entries.push({ name: name.text, expr, loc: locOf(name) });
        if (this.pos < close) this.expect(',', "',' or '}' after the enumerator");
      }
    } catch (e) {
      if (!(e instanceof CParseError)) throw e;
      raw.error = e;
    }
    this.pos = close + 1;
    while (this.parseAttribute(attrs));
    raw.packed = attrs.packed;
    this.tables.enums.push(raw);
  }

  // ----- cursor helpers ----------------------------------------------------------------

  private peek(): Token | undefined {
    return this.pos < this.end ? this.toks[this.pos] : undefined;
  }

  private accept(text: string): boolean {
    const t = this.peek();
    if (t !== undefined && t.kind === 'punct' && t.text === text) {
      this.pos++;
      return true;
    }
    return false;
  }

  private expect(text: string, expected: string): void {
    if (!this.accept(text)) throw this.error(expected);
  }

  private error(expected: string, at: Token | undefined = this.peek()): CParseError {
    const tok = at ?? this.toks[this.end - 1];
    return new CParseError('C_SYNTAX', tok ?? { file: '<input>', line: 0, column: 0 }, expected, at === undefined ? 'end of input' : at.text);
  }

  /** Index of the bracket closing the one at `open`; a mismatched closer is reported where it is. */
  private matching(open: number): number {
    const o = this.toks[open];
    if (o === undefined || PAIRS[o.text] === undefined) throw this.error("'(', '[' or '{'", o);
    const stack: Token[] = [];
    for (let k = open; k < this.end; k++) {
      const t = this.toks[k]!;
      if (t.kind !== 'punct') continue;
      if (PAIRS[t.text] !== undefined) {
        stack.push(t);
      } else if (t.text === ')' || t.text === ']' || t.text === '}') {
        const top = stack.pop()!;
        const closer = PAIRS[top.text]!;
        if (t.text !== closer) throw new CParseError('C_SYNTAX', t, `'${closer}' matching '${top.text}' at ${top.line}:${top.column}`, t.text);
        if (stack.length === 0) return k;
      }
    }
    const innermost = stack[stack.length - 1] ?? o;
    throw new CParseError('C_SYNTAX', innermost, `'${PAIRS[innermost.text]}' matching this '${innermost.text}' before the end of input`, innermost.text);
  }

  /**
   * Index of the brace closing a definition body. When it is missing the definition is still
   * recorded, with the error, so that asking for it reports the real problem.
   */
  private closingOrRecord(open: number, record: (error: CParseError) => void): number {
    try {
      return this.matching(open);
    } catch (e) {
      if (e instanceof CParseError) record(e);
      throw e;
    }
  }

  private skipBalanced(): void {
    this.pos = this.matching(this.pos) + 1;
  }

  private skipToSemicolon(): void {
    while (this.pos < this.end && this.toks[this.pos]!.text !== ';') {
      const t = this.toks[this.pos]!.text;
      if (t === '(' || t === '[' || t === '{') this.skipBalanced();
      else this.pos++;
    }
    this.pos++;
  }
}

function layoutAttrs(a: Attributes): { packed?: boolean; aligned?: number } {
  return { ...(a.packed ? { packed: true } : {}), ...(a.aligned !== undefined ? { aligned: a.aligned } : {}) };
}
