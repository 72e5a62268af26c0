/**
 * Helpers for the Go test vectors: Go's tests serialise a struct with `binary.Write` (no
 * alignment padding, native = little-endian byte order) and hand the bytes to a decoder. Here
 * the same bytes are built from (offset, size, value) triples.
 */
import { expect } from 'vitest';
import { isDecodeError, type DecodeError } from '../../src/errors.js';
import type { Event, Release } from '../../src/decode/types.js';

export const RELEASES: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19', '1.20'];

/** [offset, byte size, value] — little-endian. */
export type Field = readonly [number, number, number | bigint];

export function bytesOf(size: number, fields: readonly Field[] = []): Uint8Array {
  const b = new Uint8Array(size);
  for (const [offset, width, value] of fields) {
    let v = BigInt(value);
    for (let i = 0; i < width; i++) {
      b[offset + i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  return b;
}

export { concat } from '../helpers/hex.js';

export function u32s(values: readonly number[]): Uint8Array {
  return bytesOf(
    values.length * 4,
    values.map((v, i) => [i * 4, 4, v] as const),
  );
}

export function as<T extends Event['type']>(ev: Event, type: T): Extract<Event, { type: T }> {
  expect(ev.type).toBe(type);
  return ev as Extract<Event, { type: T }>;
}

export function decodeErrorOf(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (isDecodeError(e)) return e;
    throw e;
  }
  throw new Error('expected a DecodeError');
}

/** Offset of a packet view inside the input it was decoded from. */
export function offsetIn(input: Uint8Array, view: Uint8Array): number {
  expect(view.buffer).toBe(input.buffer);
  return view.byteOffset - input.byteOffset;
}

export const newer = (r: Release): boolean => r === '1.19' || r === '1.20';
