/**
 * Integer reads straight from a `Uint8Array`, one reader object per byte order. Cheaper than
 * a `DataView` here (getting one for an arbitrary view needs its `.buffer`, which costs more
 * than the reads), and small enough for the JIT to inline at every call site — a shared
 * function taking the byte order as an argument is not. Callers have checked the bounds.
 */

export interface Reader {
  u16(b: Uint8Array, at: number): number;
  u32(b: Uint8Array, at: number): number;
  s32(b: Uint8Array, at: number): number;
  /** A u64 as a bigint; the common value 0 costs no allocation. */
  u64(b: Uint8Array, at: number): bigint;
}

function u32le(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

function u32be(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}

function joinU64(lo: number, hi: number): bigint {
  if (lo === 0 && hi === 0) return 0n;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export const LE: Reader = {
  u16: (b, at) => (b[at] as number) | ((b[at + 1] as number) << 8),
  u32: u32le,
  s32: (b, at) => u32le(b, at) | 0,
  u64: (b, at) => joinU64(u32le(b, at), u32le(b, at + 4)),
};

export const BE: Reader = {
  u16: (b, at) => ((b[at] as number) << 8) | (b[at + 1] as number),
  u32: u32be,
  s32: (b, at) => u32be(b, at) | 0,
  u64: (b, at) => joinU64(u32be(b, at + 4), u32be(b, at)),
};

export function readerFor(littleEndian: boolean): Reader {
  return littleEndian ? LE : BE;
}

/** A signed byte. */
export function s8(b: Uint8Array, at: number): number {
  return ((b[at] as number) << 24) >> 24;
}
