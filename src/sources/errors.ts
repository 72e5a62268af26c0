/**
 * Errors of the input-format parsers. Every malformed input yields a `SourceError` with a
 * stable `code` and the position of the offending bytes (byte offset, and line for text
 * formats), so a tool can point at it; nothing in `sources/` throws anything else for bad input.
 */

import { CiliumEventsError, isLibraryError } from '../errors.js';

/** Stable codes of {@link SourceError}. */
export type SourceErrorCode =
  /** A hex line with a non-hex character or an odd number of digits. */
  | 'bad-hex'
  /** A `bin` file that does not start with the magic, or a frame length past the end. */
  | 'bad-frame'
  /** A gob message that is cut short, malformed, or describes types this reader cannot follow. */
  | 'bad-gob'
  /** A gob message longer than `maxMessageBytes`, or type definitions beyond 1 MiB in all. */
  | 'gob-too-large'
  /** A gob value whose type has no definition earlier in the stream. */
  | 'gob-unknown-type'
  /** `bpftool` output that is not the expected JSON. */
  | 'bad-json'
  /** A perf ring snapshot the ring reader rejects (the ring error is the `cause`), or a streamed one over 2^30 + 1 MiB. */
  | 'bad-ring'
  /** The input format could not be told from the first bytes. */
  | 'unknown-format';

/**
 * Thrown by the parsers in `cilium-events/sources`.
 *
 * @example
 * try { [...readHex(text)] } catch (e) { if (isSourceError(e)) console.error(`line ${e.line}: ${e.message}`) }
 */
export class SourceError extends CiliumEventsError<SourceErrorCode> {
  /** Byte offset of the offending record or byte in the input. */
  readonly offset: number;
  /** 1-based line number, for line-oriented text formats; `undefined` otherwise. */
  readonly line: number | undefined;
  constructor(code: SourceErrorCode, message: string, offset: number, line?: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'SourceError';
    this.offset = offset;
    this.line = line;
  }
}

/**
 * Type guard for {@link SourceError}.
 *
 * @example
 * try { readInput(bytes, 'auto') } catch (e) { if (isSourceError(e)) console.error(`${e.code} at byte ${e.offset}`); else throw e; }
 */
export function isSourceError(e: unknown): e is SourceError {
  return isLibraryError(e, 'SourceError');
}
