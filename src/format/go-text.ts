/**
 * Go's text renderings that Cilium's output depends on (`net.JoinHostPort`, `%#x`, `%q`);
 * address texts come from `src/packet/address.ts`.
 */
import { ipv4ToString, ipv6ToString } from '../packet/address.js';

/** `net.IP.String()` of a 4- or 16-byte address (`<nil>` for none). */
export function goIPString(ip: Uint8Array): string {
  return goIPStringAt(ip, 0, ip.length);
}

/** `goIPString` of the `length` bytes at `at` in `bytes`, read in place. */
export function goIPStringAt(bytes: Uint8Array, at: number, length: number): string {
  if (length === 0) return '<nil>';
  return length === 4 ? ipv4ToString(bytes, at) : ipv6ToString(bytes, at);
}

/** `net.JoinHostPort`: brackets around hosts that contain a colon. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const BYTE_HEX_UNPADDED: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16));

/**
 * `v.toString(16)` of an unsigned 32-bit integer, from per-byte tables: V8's radix conversion
 * of numbers is several times slower, and marks and hashes are printed for every event.
 */
export function hexU32(v: number): string {
  if (v < 0x100) return BYTE_HEX_UNPADDED[v]!;
  if (v < 0x10000) return BYTE_HEX_UNPADDED[v >>> 8]! + BYTE_HEX[v & 0xff]!;
  if (v < 0x1000000) return BYTE_HEX_UNPADDED[v >>> 16]! + BYTE_HEX[(v >>> 8) & 0xff]! + BYTE_HEX[v & 0xff]!;
  return BYTE_HEX_UNPADDED[v >>> 24]! + BYTE_HEX[(v >>> 16) & 0xff]! + BYTE_HEX[(v >>> 8) & 0xff]! + BYTE_HEX[v & 0xff]!;
}

/** Go `%#x` of an unsigned integer: `0x0`, `0x5d3c1a2b`. */
export function goHex(value: number | bigint): string {
  return '0x' + (typeof value === 'number' && value >>> 0 === value ? hexU32(value) : value.toString(16));
}

/**
 * Go `%q` of a string (strconv.Quote): printable runes verbatim, `\"`, `\\`, the short escapes,
 * `\xNN` for other bytes below 0x80, `\uNNNN`/`\UNNNNNNNN` for non-printable runes.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x80) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xa0 && c !== 0xad && c < 0xd800) out += ch;
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
