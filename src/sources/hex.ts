/**
 * The `hex` input format: one monitor message per line as hex digits (spaces and tabs between
 * them are ignored), `#` starts a comment that runs to the end of the line, blank lines are
 * skipped. {@link HexReader} takes the bytes in chunks of any size; a line longer than
 * {@link MAX_HEX_LINE} is refused rather than buffered.
 */
import { Carry } from './concat.js';
import { SourceError } from './errors.js';
import type { SampleInput } from './types.js';

/** Longest line accepted: far above any monitor message (a perf sample is below 64 KiB). */
export const MAX_HEX_LINE = 1 << 20;

const NEWLINE = 0x0a;
const HASH = 0x23;

function nibble(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

function shown(code: number): string {
  return code >= 0x20 && code < 0x7f ? JSON.stringify(String.fromCharCode(code)) : `byte 0x${code.toString(16).padStart(2, '0')}`;
}

/**
 * Decodes the hex digits of `buf[from, to)` (a line without its newline), or throws with the
 * line and column of the first bad character. `base` is the stream offset of `buf[0]`.
 */
function lineBytes(buf: Uint8Array, from: number, to: number, lineNo: number, base: number): Uint8Array {
  let end = from;
  while (end < to && buf[end] !== HASH) end++;
  const out = new Uint8Array((end - from) >> 1);
  let n = 0;
  let high = -1;
  let highAt = from;
  for (let i = from; i < end; i++) {
    const code = buf[i] as number;
    if (code === 0x20 || code === 0x09 || code === 0x0d) continue;
    const v = nibble(code);
    if (v < 0) {
      throw new SourceError('bad-hex', `line ${lineNo}, column ${i - from + 1}: ${shown(code)} is not a hex digit`, base + i, lineNo);
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
    throw new SourceError('bad-hex', `line ${lineNo}, column ${highAt - from + 1}: odd number of hex digits`, base + highAt, lineNo);
  }
  return out.subarray(0, n);
}

/**
 * Incremental reader of hex lines; `offset` of each record is the byte offset of its line.
 *
 * @example
 * const hex = new HexReader();
 * stream.on('data', (chunk) => { for (const r of hex.push(chunk)) handle(r.data) });
 * stream.on('end', () => { for (const r of hex.end()) handle(r.data) });
 */
export class HexReader {
  private readonly pending = new Carry();
  /** Stream offset of the first pending byte. */
  private base = 0;
  private lineNo = 0;
  private failure: SourceError | undefined;

  /**
   * Records of the lines completed by `chunk`. A malformed line ends the batch: the records
   * before it are returned, and the error is thrown by the next `push` or `end`.
   */
  push(chunk: Uint8Array): SampleInput[] {
    if (this.failure) throw this.failure;
    // The pending bytes hold no newline: search only the new ones.
    const scanFrom = this.pending.length;
    const buf = this.pending.join(chunk);
    const out: SampleInput[] = [];
    let start = 0;
    try {
      for (let nl = buf.indexOf(NEWLINE, scanFrom); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
        this.line(buf, start, nl, out);
        start = nl + 1;
      }
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      this.failure = e;
      return out;
    }
    if (buf.byteLength - start > MAX_HEX_LINE) {
      // Like a malformed line: the lines before it are returned, the error comes next, and
      // nothing more is buffered.
      this.failure = new SourceError('bad-hex', `line ${this.lineNo + 1}: longer than ${MAX_HEX_LINE} bytes`, this.base + start, this.lineNo + 1);
      this.pending.clear();
      return out;
    }
    this.base += start;
    this.pending.keep(buf, start);
    return out;
  }

  /** The last line, when the input does not end with a newline. */
  end(): SampleInput[] {
    if (this.failure) throw this.failure;
    const out: SampleInput[] = [];
    const rest = this.pending.bytes;
    if (rest.byteLength > 0) this.line(rest, 0, rest.byteLength, out);
    this.pending.clear();
    return out;
  }

  private line(buf: Uint8Array, from: number, to: number, out: SampleInput[]): void {
    this.lineNo++;
    const data = lineBytes(buf, from, to, this.lineNo, this.base);
    // `length`, not `byteLength` (a getter call on Node 20, ~10 ns a line).
    if (data.length > 0) out.push({ kind: 'sample', data, cpu: undefined, offset: this.base + from, line: this.lineNo });
  }
}

/**
 * Reads a whole hex text: one sample per non-empty line.
 *
 * @example
 * for (const r of readHex('# a drop\n0185...\n')) decodeEvent(r.data);
 */
export function readHex(text: string | Uint8Array): SampleInput[] {
  const reader = new HexReader();
  const out = reader.push(typeof text === 'string' ? new TextEncoder().encode(text) : text);
  out.push(...reader.end());
  return out;
}
