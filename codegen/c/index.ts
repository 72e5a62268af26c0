/**
 * C-header front end of the codegen: a preprocessor subset, a declaration parser that keeps
 * records, enums, typedefs and macros (and skips everything else), and an x86-64/arm64
 * System V layout engine.
 *
 * @example
 * ```ts
 * import { parseHeaders, layoutRecord } from './c/index.js';
 * const program = parseHeaders(
 *   [{ path: 'bpf/lib/drop.h', text: dropH }, { path: 'bpf/lib/common.h', text: commonH }],
 *   { defines: { DROP_NOTIFY: '1' } },
 * );
 * const drop = layoutRecord(program, 'struct drop_notify'); // { size: 48, align: 8, fields: [...] }
 * const policy = program.evalConstant('DROP_POLICY');       // -133n
 * ```
 */
export type {
  SourceFile,
  ParseOptions,
  SourceLocation,
  CProgram,
  CRecord,
  CMember,
  CEnum,
  CEnumMember,
  CMacro,
  CType,
  CScalarType,
  CRecordRef,
  CEnumRef,
  CArrayType,
  CPointerType,
} from './model.js';
export type { Token, TokenKind } from './tokens.js';
export type { CParseErrorCode } from './errors.js';
export { CParseError } from './errors.js';
export { tokenize } from './tokens.js';
export { parseHeaders } from './program.js';
export { layoutRecord, typeLayout, typeName } from './layout.js';
export type { LayoutOptions, LayoutTarget, TypeLayout } from './layout.js';
