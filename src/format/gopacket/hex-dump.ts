/**
 * Go's `encoding/hex.Dump`: 16 bytes a line, an 8-digit offset, two groups of eight, and the
 * printable ASCII between bars, the last line padded so the bars line up.
 */
import { hexU32 } from '../go-text.js';

/** Each byte's two hex digits and the space after them, and its character in the ASCII column. */
const HEX_COLUMN: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0') + ' ');
const ASCII_COLUMN: readonly string[] = Array.from({ length: 256 }, (_, b) => (b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.'));

/**
 * Formats bytes exactly like Go's `hex.Dump`; an empty input gives an empty string.
 *
 * @example
 * hexDump(new Uint8Array([0x45, 0x00]));
 * // '00000000  45 00                                             |E.|\n'
 */
export function hexDump(bytes: Uint8Array): string {
  let out = '';
  for (let line = 0; line < bytes.length; line += 16) {
    out += hexU32(line).padStart(8, '0') + '  ';
    let ascii = '';
    const end = Math.min(line + 16, bytes.length);
    for (let i = line; i < end; i++) {
      const b = bytes[i]!;
      out += HEX_COLUMN[b]!;
      ascii += ASCII_COLUMN[b]!;
      if (i - line === 7) out += ' ';
    }
    // A short last line: three spaces per missing byte, and the group gap if it is missing too.
    const missing = line + 16 - end;
    if (missing > 0) out += '   '.repeat(missing) + (missing > 8 ? ' ' : '');
    out += ' |' + ascii + '|\n';
  }
  return out;
}
