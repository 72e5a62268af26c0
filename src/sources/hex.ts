/**
 * The `hex` input format: one monitor message per line as hex digits (spaces and tabs between
 * them are ignored), `#` starts a comment that runs to the end of the line, blank lines are
 * skipped.
 */
import { SourceError } from './errors.js';
import type { SampleInput } from './types.js';

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** Decodes one line's hex digits, or throws with the column of the first bad character. */
function lineBytes(text: string, from: number, to: number, lineNo: number): Uint8Array {
  const out = new Uint8Array((to - from) >> 1);
  let n = 0;
  let high = -1;
  let highAt = from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0d) {
      continue;
    }
    const v = nibble(code);
    if (v < 0) {
      throw new SourceError('BAD_HEX', `line ${lineNo}, column ${i - from + 1}: ${JSON.stringify(text[i])} is not a hex digit`, i, lineNo);
    }
    if (high < 0) {
      high = v;
      highAt = i;
    } else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) {
    throw new SourceError('BAD_HEX', `line ${lineNo}, column ${highAt - from + 1}: odd number of hex digits`, highAt, lineNo);
  }
  return out.subarray(0, n);
}

/**
 * Yields one sample per non-empty line of hex text. `offset` is the character offset of the
 * line (equal to the byte offset for ASCII input).
 *
 * @example
 * for (const r of readHex('# a drop\n0185...\n')) decodeEvent(r.data);
 */
export function* readHex(text: string): Generator<SampleInput> {
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    lineNo++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Search for a comment within this line only (a whole-text search per line is quadratic).
    let contentEnd = start;
    while (contentEnd < end && text.charCodeAt(contentEnd) !== 0x23) contentEnd++;
    const data = lineBytes(text, start, contentEnd, lineNo);
    if (data.byteLength > 0) yield { kind: 'sample', data, cpu: undefined, offset: start, line: lineNo };
    start = end + 1;
  }
}
