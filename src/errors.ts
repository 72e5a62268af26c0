/**
 * Errors thrown by the decoder and encoder. Consumers can rely on `code` (stable across
 * versions) and skip one bad event without aborting a stream.
 */

/** Stable error codes. */
export type ErrorCode =
  /** The buffer ends before the struct (or a field the version requires) does. */
  | 'short-buffer'
  /** `len_cap` (plus any extension) reaches past the end of the buffer. */
  | 'capture-past-end'
  /** A version byte the chosen release does not know for this message type. */
  | 'unknown-version'
  /** An `ext_version` with no entry in `extensionLengths`. */
  | 'unknown-extension'
  /** The chosen release has no layout for this message type (e.g. recorder capture in 1.19). */
  | 'unsupported-type'
  /** An option is out of range (unknown release, negative extension length, …). */
  | 'invalid-option'
  /** An event handed to the encoder has a field out of range for its layout. */
  | 'invalid-field'
  /** An event handed to the encoder lacks a field its layout writes (e.g. `structuredClone` lost `packet`). */
  | 'missing-field';

/**
 * Base class of every error this library throws (decoder, encoder, tables, ring reader,
 * input parsers, filters, formatters), so one `instanceof` or {@link isCiliumEventsError}
 * tells the library's errors from bugs. Each subclass narrows `code` to its own stable set.
 */
export class CiliumEventsError<C extends string = string> extends Error {
  readonly code: C;
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CiliumEventsError';
    this.code = code;
  }
}

/**
 * Thrown by `decodeEvent` for input that cannot be one valid event.
 *
 * @example
 * try { decodeEvent(bytes) } catch (e) { if (isDecodeError(e)) skip(e.code, e.offset) }
 */
export class DecodeError extends CiliumEventsError<ErrorCode> {
  /** Byte offset in the event where decoding failed. */
  readonly offset: number;
  /** The type byte (or -1 when the buffer is empty). */
  readonly messageType: number;
  /** Bytes that were needed, where that applies (else -1). */
  readonly needed: number;
  /** Bytes that were available. */
  readonly available: number;
  constructor(
    code: ErrorCode,
    message: string,
    offset: number,
    messageType: number,
    needed = -1,
    available = -1,
  ) {
    super(code, message);
    this.name = 'DecodeError';
    this.offset = offset;
    this.messageType = messageType;
    this.needed = needed;
    this.available = available;
  }
}

/**
 * Thrown by `encodeEvent` for events that cannot be written in the chosen layout.
 *
 * @example
 * try { encodeEvent(ev, { release: '1.16' }) } catch (e) { if (e instanceof EncodeError) console.log(e.field) }
 */
export class EncodeError extends CiliumEventsError<ErrorCode> {
  /** Name of the offending field. */
  readonly field: string;
  constructor(code: ErrorCode, message: string, field: string) {
    super(code, message);
    this.name = 'EncodeError';
    this.field = field;
  }
}

/** Type guard for {@link DecodeError}. */
export function isDecodeError(e: unknown): e is DecodeError {
  return e instanceof DecodeError;
}

/**
 * Type guard for any error of this library.
 *
 * @example
 * catch (e) { if (isCiliumEventsError(e)) console.error(e.code) else throw e }
 */
export function isCiliumEventsError(e: unknown): e is CiliumEventsError {
  return e instanceof CiliumEventsError;
}
