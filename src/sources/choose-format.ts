/**
 * Picking the input format of a stream from its first bytes: one rule for every streaming
 * reader (`decodeStream`, the CLI), so they agree on what they accept.
 */
import { detectFormat } from './detect.js';
import { SourceError } from './errors.js';
import type { InputFormat } from './types.js';

/** Bytes after which format detection stops waiting for more input. */
const SNIFF_BYTES = 4096;
/** Bytes before detection is first tried (a gob type definition is 57). */
const SNIFF_MIN = 64;

/**
 * The format of a stream starting with `head`: `format` itself unless it is `'auto'`, else
 * what the first bytes say, or `undefined` while more input could still decide it. `total` is
 * the whole input's length when known (a ring snapshot is recognised by it); `ended` says no
 * more bytes will come.
 *
 * @throws SourceError `unknown-format` when the bytes seen cannot decide and no more will help.
 */
export function chooseFormat(format: InputFormat | 'auto', head: Uint8Array, total: number | undefined, ended: boolean): InputFormat | undefined {
  if (format !== 'auto') return format;
  const final = ended || head.byteLength >= SNIFF_BYTES;
  if (!final && head.byteLength < SNIFF_MIN) return undefined;
  // Without a known total a ring snapshot cannot be recognised; -1 never matches.
  const detected = detectFormat(head.subarray(0, SNIFF_BYTES), total ?? (ended ? head.byteLength : -1));
  if (detected === undefined && final) {
    throw new SourceError('unknown-format', 'cannot tell the input format from its first bytes; pass --input', 0);
  }
  return detected;
}
