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
 * The brand every error of this library carries. `Symbol.for` makes it the same key in every
 * copy of the library in one process — the ESM and CJS builds, and each separately bundled
 * entry point (`cilium-events/ring` carries its own copy of these classes in CJS) — where
 * `instanceof` would compare unrelated classes.
 */
const BRAND: unique symbol = Symbol.for('cilium-events.error') as never;

/**
 * Base class of every error this library throws (decoder, encoder, tables, ring reader,
 * input parsers, filters, formatters), so {@link isCiliumEventsError} tells the library's
 * errors from bugs. Each subclass narrows `code` to its own stable set, and has a guard
 * (`isDecodeError`, `isRingError`, …) that works across the dual package, which `instanceof`
 * does not.
 *
 * Codes are kebab-case, spelled one way across modules: `invalid-<what>` for an argument the
 * caller passed (`invalid-option`, `invalid-field`, `invalid-number`), `bad-<what>` for
 * malformed input data (`bad-hex`, `bad-metadata`), `missing-<what>` for an absent field.
 */
export class CiliumEventsError<C extends string = string> extends Error {
  readonly code: C;
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CiliumEventsError';
    this.code = code;
  }

  /** The brand the guards check (a prototype getter: no per-error cost). */
  get [BRAND](): true {
    return true;
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
 * try { encodeEvent(ev, { release: '1.16' }) } catch (e) { if (isEncodeError(e)) console.log(e.code, e.field) }
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

/**
 * Type guard for any error of this library, from any copy of it (ESM or CJS, any entry point).
 *
 * @example
 * catch (e) { if (isCiliumEventsError(e)) console.error(e.code) else throw e }
 */
export function isCiliumEventsError(e: unknown): e is CiliumEventsError {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * Whether `e` is this library's error class called `name`: the brand, then the `name` every
 * class sets in its constructor (a string literal, so minifiers leave it alone).
 */
export function isLibraryError(e: unknown, name: string): boolean {
  return isCiliumEventsError(e) && e.name === name;
}

/**
 * Type guard for {@link DecodeError}.
 *
 * @example
 * try { decodeEvent(bytes) } catch (e) { if (!isDecodeError(e)) throw e; skip(e.code, e.offset) }
 */
export function isDecodeError(e: unknown): e is DecodeError {
  return isLibraryError(e, 'DecodeError');
}

/**
 * Type guard for {@link EncodeError}.
 *
 * @example
 * try { encodeEvent(structuredClone(ev)) } catch (e) { if (isEncodeError(e)) console.error(e.code, e.field) }
 */
export function isEncodeError(e: unknown): e is EncodeError {
  return isLibraryError(e, 'EncodeError');
}
