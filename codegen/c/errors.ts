/** Errors of the C front end: always with the position and what was expected there. */

/** Stable machine-readable error codes. */
export type CParseErrorCode =
  /** A character or literal the tokenizer cannot read (e.g. an unterminated comment). */
  | 'C_LEX'
  /** A malformed or unbalanced preprocessor directive. */
  | 'C_PREPROCESS'
  /** A declaration the parser needs does not have the expected shape. */
  | 'C_SYNTAX'
  /** A constant expression that cannot be evaluated (unknown name, division by zero, …). */
  | 'C_CONSTANT'
  /** A type or record that cannot be laid out (unknown type, incomplete record, bad width). */
  | 'C_LAYOUT'
  /** `layoutRecord` was asked for a record that the headers do not define. */
  | 'C_UNKNOWN_RECORD';

/**
 * Raised for any header input the front end cannot handle. The message reads
 * `file:line:column: expected …, found …`.
 *
 * @example
 * ```ts
 * try { layoutRecord(program, 'struct drop_notify'); }
 * catch (e) { if (e instanceof CParseError) console.error(e.file, e.line, e.column, e.expected); }
 * ```
 */
export class CParseError extends Error {
  override readonly name = 'CParseError';
  readonly code: CParseErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What the parser expected at that position. */
  readonly expected: string;
  /** What it found instead (token text), if anything. */
  readonly found: string | undefined;

  constructor(
    code: CParseErrorCode,
    at: { file: string; line: number; column: number },
    expected: string,
    found?: string,
  ) {
    super(
      `${at.file}:${at.line}:${at.column}: expected ${expected}` +
        (found === undefined ? '' : `, found ${JSON.stringify(found)}`),
    );
    this.code = code;
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
    this.expected = expected;
    this.found = found;
  }
}
