/**
 * Errors of the perf ring reader. A ring whose metadata or record headers cannot be right
 * yields a `RingError` with a stable `code`; nothing in the reader throws anything else for
 * bad input.
 */

import { CiliumEventsError, isLibraryError } from '../errors.js';

/** Stable codes of {@link RingError}. */
export type RingErrorCode =
  /** The region is too small for a metadata page, or `data_offset`/`data_size` are impossible. */
  | 'bad-metadata'
  /** An option is out of range (page size not a power of two, unknown direction or impl). */
  | 'invalid-option'
  /** Forward ring: `data_head` is behind `data_tail`. */
  | 'head-behind-tail'
  /** Forward ring: `data_head` is more than `data_size` bytes ahead of `data_tail`. */
  | 'head-too-far'
  /** A position or record size that is not a multiple of 8. */
  | 'misaligned'
  /** A record smaller than its header (or than its type's fixed part), e.g. size 0. */
  | 'record-too-small'
  /** A record larger than the whole data area. */
  | 'record-too-large'
  /** Forward ring: a record reaches past `data_head`. */
  | 'record-past-head'
  /** A sample whose raw size does not fit inside its record. */
  | 'bad-sample-size'
  /**
   * `impl: 'wasm'` was requested where WebAssembly is not available, or where the runtime
   * refuses to compile it (a page whose content security policy lacks 'wasm-unsafe-eval');
   * the runtime's own error is the `cause`.
   */
  | 'wasm-unavailable';

/**
 * Thrown by the ring reader for corrupted metadata or records and for invalid options.
 *
 * @example
 * try { readRecords(mapping) } catch (e) { if (isRingError(e)) console.warn(e.code, e.position) }
 */
export class RingError extends CiliumEventsError<RingErrorCode> {
  /** Logical ring position (u64) of the offending record, when the error concerns one. */
  readonly position: bigint | undefined;
  constructor(code: RingErrorCode, message: string, position?: bigint, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RingError';
    this.position = position;
  }
}

/**
 * Type guard for {@link RingError}.
 *
 * @example
 * catch (e) { if (isRingError(e) && e.code === 'head-too-far') resync(); else throw e; }
 */
export function isRingError(e: unknown): e is RingError {
  return isLibraryError(e, 'RingError');
}
