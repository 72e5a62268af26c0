/**
 * Data model of the C front end: what `parseHeaders` finds in a header set.
 * Only the declarations the codegen needs are modelled (records, enums, typedefs, macros);
 * everything else in the headers is skipped by the parser.
 */
import type { CParseError } from './errors.js';
import type { Token } from './tokens.js';

/** One input file; `path` is relative to the Cilium tree root, e.g. `bpf/lib/drop.h`. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface ParseOptions {
  /**
   * Feature macros treated as defined before the first file (e.g. `DROP_NOTIFY`,
   * `TRACE_NOTIFY`, `DEBUG`), each with its replacement text (`''` or `'1'` for flags), as
   * `-D` does. A key may declare parameters: `{ 'hook(ctx, msg)': '' }`.
   */
  defines?: Record<string, string>;
}

/** Where a declaration starts. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A C type after typedef resolution. */
export type CType =
  | CScalarType
  | CRecordRef
  | CEnumRef
  | CArrayType
  | CPointerType;

/**
 * An integer (or `bool`) type. `name` is the base name the field table shows: a kernel
 * typedef such as `__u32`/`__be16`/`__wsum` kept as written, or the canonical spelling of a
 * built-in type (`unsigned int`, `long long`, `char`, `bool`).
 */
export interface CScalarType {
  kind: 'scalar';
  name: string;
  size: number;
  align: number;
  signed: boolean;
}

/** A struct or union, by key (`struct drop_notify`; anonymous ones get `struct <anon#n@file:line:col>`). */
export interface CRecordRef {
  kind: 'record';
  key: string;
}

/** An enum type; its size is 1 when `__packed`, else 4 (as clang lays out enums that fit `int`). */
export interface CEnumRef {
  kind: 'enum';
  /** `enum trace_point`, or `enum <anon#n@file:line:col>`. */
  key: string;
}

/** `T name[count]`; `count` 0 for a flexible array member `T name[]`. */
export interface CArrayType {
  kind: 'array';
  element: CType;
  count: number;
}

export interface CPointerType {
  kind: 'pointer';
  to: CType;
}

/** One member declarator of a struct or union. */
export interface CMember {
  /** Undefined for anonymous struct/union members and unnamed bitfields. */
  name: string | undefined;
  type: CType;
  /** Set for bitfields (0 for a zero-width bitfield). */
  bitWidth?: number;
  /** `__aligned(n)` / `__attribute__((aligned(n)))` on the member. */
  aligned?: number;
  /** `__attribute__((packed))` on the member itself. */
  packed?: boolean;
  loc: SourceLocation;
}

/** A struct or union definition. */
export interface CRecord {
  kind: 'struct' | 'union';
  /** Tag, undefined for anonymous records. */
  tag: string | undefined;
  /** Key in `CProgram.records`. */
  key: string;
  members: CMember[];
  /** `__packed` / `__attribute__((packed))` on the record. */
  packed: boolean;
  /** `__aligned(n)` / `__attribute__((aligned(n)))` on the record. */
  aligned: number | undefined;
  loc: SourceLocation;
  /**
   * Set when the body could not be parsed. The record is kept so that unrelated headers
   * still parse; `layoutRecord` throws this error when the record (or a record using it)
   * is laid out, so a broken definition never yields a silently wrong layout.
   */
  error?: CParseError;
}

export interface CEnumMember {
  name: string;
  value: bigint;
  loc: SourceLocation;
}

/** An enum definition (tagged or anonymous). */
export interface CEnum {
  tag: string | undefined;
  key: string;
  /** `__packed` after the closing brace: the enum type is 1 byte. */
  packed: boolean;
  /**
   * Enumerators in order with their values. Reading this throws the deferred
   * `CParseError` when the body or one of its value expressions could not be evaluated.
   */
  readonly members: CEnumMember[];
  /**
   * The deferred error reading `members` would throw, or undefined when the enum is fine —
   * for scans over all enums that should skip broken ones they do not need.
   */
  readonly error: CParseError | undefined;
  file: string;
  line: number;
  loc: SourceLocation;
}

/** A `#define`, as in force after the last file was preprocessed. */
export interface CMacro {
  name: string;
  /** Parameter names for function-like macros; undefined for object-like ones. */
  params: string[] | undefined;
  /** `...` as the last parameter (`__VA_ARGS__`). */
  variadic: boolean;
  /** Replacement list (comments removed). */
  body: Token[];
  loc: SourceLocation;
}

/** Everything `parseHeaders` extracted from a header set. */
export interface CProgram {
  /** Structs and unions by key: `struct drop_notify`, `union v6addr`. */
  records: Map<string, CRecord>;
  /** Enums in source order. */
  enums: CEnum[];
  /** Final macro definitions after preprocessing all files (feature defines included). */
  macros: Map<string, CMacro>;
  /** Typedef name → resolved type, for typedefs defined in the headers. */
  typedefs: Map<string, CType>;
  /**
   * Integer value of an object-like macro or an enumerator (constant-expression evaluation
   * with C integer semantics: aliases, casts, suffixes, parentheses, operators);
   * undefined when the name is not an integer constant (for a macro: whatever keeps its
   * expansion from evaluating). Naming an enumerator of an enum whose body could not be
   * parsed throws that enum's deferred `CParseError`.
   */
  evalConstant(name: string): bigint | undefined;
}
