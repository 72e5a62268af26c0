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
    if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn) {
      throw new EncodeError('invalid-field', `${field} must be a u64 bigint, got ${String(value)}`, field);
    }
    this.#view.setBigUint64(offset, value, this.#le);
  }

  /** Copies `src` to `offset`; its length must be exactly `length`. */
  bytesAt(offset: number, src: Uint8Array, length: number, field: string): void {
    if (!(src instanceof Uint8Array) || src.length !== length) {
      throw new EncodeError('invalid-field', `${field} must be ${length} bytes, got ${describe(src)}`, field);
    }
    this.bytes.set(src, offset);
  }
}

function checkInt(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EncodeError('invalid-field', `${field} = ${String(value)} is outside ${min}..${max}`, field);
  }
  return value;
}

function describe(v: unknown): string {
  return v instanceof Uint8Array ? `${v.length} bytes` : typeof v;
}
