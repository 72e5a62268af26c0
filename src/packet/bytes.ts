/**
 * Big-endian (network order) readers over a `Uint8Array`. Callers check bounds first; these
 * never allocate, so V8 inlines them in the dissector's hot path.
 */

/** Byte at `i`. */
export function u8(b: Uint8Array, i: number): number {
  return b[i]!;
}

/** Network-order 16-bit value at `i`. */
export function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

/** Network-order 24-bit value at `i` (VXLAN and Geneve VNIs). */
export function u24(b: Uint8Array, i: number): number {
  return (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
}

/** Network-order unsigned 32-bit value at `i`. */
export function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}
