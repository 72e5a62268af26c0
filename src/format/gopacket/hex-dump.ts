/**
 * Go's `encoding/hex.Dump`: 16 bytes a line, an 8-digit offset, two groups of eight, and the
 * printable ASCII between bars, the last line padded so the bars line up.
 */

const HEX = '0123456789abcdef';

function hex2(b: number): string {
  return (HEX[b >> 4] ?? '0') + (HEX[b & 0x0f] ?? '0');
}

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
    out += line.toString(16).padStart(8, '0') + '  ';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      const b = bytes[line + i];
      if (b === undefined) {
        out += '   ';
      } else {
        out += hex2(b) + ' ';
        ascii += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
      }
      if (i === 7) out += ' ';
    }
    out += ' |' + ascii + '|\n';
  }
  return out;
}
