/** Errors of `cilium-events/format`. */

import { CiliumEventsError, isLibraryError } from '../errors.js';

/** Stable codes of {@link FormatError}. */
export type FormatErrorCode =
  /** The event cannot be printed by this library (L7 access logs, recorder records in ≥ 1.19). */
  | 'unsupported-message'
  /** An agent-side payload could not be read (so Go prints no line for it either). */
  | 'undecodable-payload'
  /** An option is out of range (unknown mode). */
  | 'invalid-option'
  /** Hubble rejects the packet (gopacket decode error), so there is no flow. */
  | 'packet-decode-failed'
  /** `formatSample` got zero bytes (Go's formatter crashes on them). */
  | 'empty-sample'
  /** `formatSample`: Cilium's Go formatter panics on this record, so `cilium monitor` prints no line. */
  | 'go-panics';

/**
 * Thrown by `formatEvent` and `toFlow`; `code` is stable.
 *
 * @example
 * try { formatEvent(ev) } catch (e) { if (isFormatError(e) && e.code === 'unsupported-message') skip() }
 */
export class FormatError extends CiliumEventsError<FormatErrorCode> {
  constructor(code: FormatErrorCode, message: string) {
    super(code, message);
    this.name = 'FormatError';
  }
}

/**
 * Type guard for {@link FormatError}, by brand: true for one thrown by any copy of the library.
 *
 * @example
 * try { toFlow(ev) } catch (e) { if (!isFormatError(e)) throw e; console.warn(e.code) }
 */
export function isFormatError(e: unknown): e is FormatError {
  return isLibraryError(e, 'FormatError');
}
