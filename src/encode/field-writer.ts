/** Range-checked writes into a fresh event buffer; out-of-range values raise `EncodeError`. */
import { EncodeError } from '../errors.js';

export class FieldWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  readonly #le: boolean;

  constructor(length: number, littleEndian: boolean) {
    this.bytes = new Uint8Array(length);
    this.#view = new DataView(this.bytes.buffer);
    this.#le = littleEndian;
  }

  u8(offset: number, value: number, field: string): void {
    this.#view.setUint8(offset, checkInt(value, 0, 0xff, field));
  }

  s8(offset: number, value: number, field: string): void {
    this.#view.setInt8(offset, checkInt(value, -0x80, 0x7f, field));
  }

  u16(offset: number, value: number, field: string): void {
    this.#view.setUint16(offset, checkInt(value, 0, 0xffff, field), this.#le);
  }

  u32(offset: number, value: number, field: string): void {
    this.#view.setUint32(offset, checkInt(value, 0, 0xffffffff, field), this.#le);
  }

  s32(offset: number, value: number, field: string): void {
    this.#view.setInt32(offset, checkInt(value, -0x80000000, 0x7fffffff, field), this.#le);
  }

  u64(offset: number, value: bigint, field: string): void {
    if (value === undefined) throw missingField(field);
    if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn) {
      throw new EncodeError('invalid-field', `${field} must be a u64 bigint, got ${String(value)}`, field);
    }
    this.#view.setBigUint64(offset, value, this.#le);
  }

  /** Copies `src` to `offset`; its length must be exactly `length`. */
  bytesAt(offset: number, src: Uint8Array, length: number, field: string): void {
    if (checkBytes(src, field).length !== length) {
      throw new EncodeError('invalid-field', `${field} must be ${length} bytes, got ${describe(src)}`, field);
    }
    this.bytes.set(src, offset);
  }
}

/**
 * The error for a field the layout writes but the event lacks. The usual cause is a copy that
 * lost what a decoded event computes on access, so the message says how to keep it.
 */
export function missingField(field: string): EncodeError {
  return new EncodeError(
    'missing-field',
    `${field} is missing; structuredClone() of a decoded event keeps only its own raw fields, not ` +
      'the ones it computes on access (packet, extension, IP bytes, u64 fields): encode the event, ' +
      'a spread of it or its toJSON() view, or set the field',
    field,
  );
}

/** `value` as bytes: `missing-field` when absent, `invalid-field` when not a `Uint8Array`. */
export function checkBytes(value: Uint8Array | undefined, field: string): Uint8Array {
  if (value === undefined) throw missingField(field);
  if (!(value instanceof Uint8Array)) {
    throw new EncodeError('invalid-field', `${field} must be a Uint8Array, got ${describe(value)}`, field);
  }
  return value;
}

function checkInt(value: number, min: number, max: number, field: string): number {
  if (value === undefined) throw missingField(field);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EncodeError('invalid-field', `${field} = ${String(value)} is outside ${min}..${max}`, field);
  }
  return value;
}

function describe(v: unknown): string {
  return v instanceof Uint8Array ? `${v.length} bytes` : typeof v;
}
