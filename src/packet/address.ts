/**
 * Address text exactly as Go prints it, because `cilium monitor` and Hubble print addresses
 * with Go's `net.IP.String()` and `net.HardwareAddr.String()`.
 */

const HEX2: readonly string[] = /*#__PURE__*/ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Dotted quad of the four bytes at `offset`, like Go's `net.IP.String()` for an IPv4 address.
 * Reads past the end of `bytes` print as 0 rather than throwing.
 *
 * @example
 * ipv4ToString(new Uint8Array([10, 0, 1, 184])) // '10.0.1.184'
 */
export function ipv4ToString(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset] ?? 0}.${bytes[offset + 1] ?? 0}.${bytes[offset + 2] ?? 0}.${bytes[offset + 3] ?? 0}`;
}

/**
 * Text of the sixteen bytes at `offset`, like Go's `net.IP.String()` for a 16-byte address:
 * an IPv4-mapped address (`::ffff:0:0/96`) prints as its dotted quad (Go's `To4()` succeeds
 * for it), anything else in RFC 5952 form — lower-case hex without leading zeros, and the
 * longest run of two or more zero groups (the first one on a tie) written as `::`.
 * Reads past the end of `bytes` print as 0 rather than throwing.
 *
 * @example
 * ipv6ToString(Uint8Array.from([0xf0,0x0d, 0,0, 0,0, 0,0, 0,0, 0,0, 0,0, 0,1])) // 'f00d::1'
 * ipv6ToString(Uint8Array.from([0,0,0,0,0,0,0,0,0,0,0xff,0xff,10,0,0,1]))        // '10.0.0.1'
 */
export function ipv6ToString(bytes: Uint8Array, offset = 0): string {
  if (isV4Mapped(bytes, offset)) return ipv4ToString(bytes, offset + 12);
  let runStart = -1;
  let runLen = 1; // a lone zero group is never shortened
  for (let g = 0; g < 8; ) {
    if (group(bytes, offset, g) !== 0) {
      g++;
      continue;
    }
    let end = g + 1;
    while (end < 8 && group(bytes, offset, end) === 0) end++;
    if (end - g > runLen) {
      runStart = g;
      runLen = end - g;
    }
    g = end;
  }
  let text = '';
  for (let g = 0; g < 8; g++) {
    if (g === runStart) {
      text += '::';
      g += runLen - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    text += group(bytes, offset, g).toString(16);
  }
  return text;
}

/**
 * Colon-separated lower-case hex of `length` bytes at `offset`, like Go's
 * `net.HardwareAddr.String()` (`''` for zero bytes). Reads past the end print as `00`.
 *
 * @example
 * macToString(Uint8Array.from([0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05])) // '0a:58:0a:f4:01:05'
 */
export function macToString(bytes: Uint8Array, offset = 0, length = 6): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    if (i > 0) text += ':';
    text += HEX2[bytes[offset + i] ?? 0]!;
  }
  return text;
}

function group(bytes: Uint8Array, offset: number, g: number): number {
  return ((bytes[offset + 2 * g] ?? 0) << 8) | (bytes[offset + 2 * g + 1] ?? 0);
}

function isV4Mapped(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < 10; i++) if ((bytes[offset + i] ?? 0) !== 0) return false;
  return bytes[offset + 10] === 0xff && bytes[offset + 11] === 0xff;
}
