/** Errors of `cilium-events/pcap`. */

import { CiliumEventsError, isLibraryError } from '../errors.js';

/**
 * Stable codes of {@link PcapError}.
 *
 * @example
 * const retryable = (code: PcapErrorCode) => code === 'write-failed';
 */
export type PcapErrorCode =
  /** An option is out of range (snap length, timestamp precision, link type). */
  | 'invalid-option'
  /** A packet or timestamp the format cannot hold (a negative time, a length past 32 bits). */
  | 'invalid-packet'
  /** The sink (file, socket, stream) failed; the sink's error is the `cause`. */
  | 'write-failed'
  /** A write after `close()`. */
  | 'writer-closed'
  /** `readCapture` met bytes that are not a well-formed pcap or pcapng file. */
  | 'bad-capture';

/**
 * Thrown by the capture writers and `readCapture`; `code` is stable. For `bad-capture`,
 * `offset` is the byte offset of the offending record or block (else -1).
 *
 * @example
 * try { await writer.close() } catch (e) { if (isPcapError(e) && e.code === 'write-failed') console.error(e.cause) }
 */
export class PcapError extends CiliumEventsError<PcapErrorCode> {
  /** Byte offset in the capture, for `bad-capture`; -1 otherwise. */
  readonly offset: number;
  constructor(code: PcapErrorCode, message: string, options?: { cause?: unknown; offset?: number }) {
    super(code, message, options);
    this.name = 'PcapError';
    this.offset = options?.offset ?? -1;
  }
}

/**
 * Type guard for {@link PcapError}.
 *
 * @example
 * catch (e) { if (isPcapError(e)) process.exitCode = 1; else throw e }
 */
export function isPcapError(e: unknown): e is PcapError {
  return isLibraryError(e, 'PcapError');
}
