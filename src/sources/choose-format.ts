/**
 * Picking the input format of a stream from its first bytes: one rule for every streaming
 * reader (`decodeStream`, the CLI), so they agree on what they accept.
 */
import { concat } from './concat.js';
import { detectFormat } from './detect.js';
import { SourceError } from './errors.js';
import { createStreamReader, type StreamReader } from './stream-reader.js';
import type { InputFormat, InputRecord } from './types.js';

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

/**
 * A stream reader that first picks the format (see {@link chooseFormat}): chunks are held until
 * their first bytes decide it, then read by that format's reader. Empty input gives no records
 * when the format is detected; a named format reads it like any other input (so `bin` and
 * `ring`, which need a header, report it as short).
 */
export function createChoosingReader(format: InputFormat | 'auto', total: number | undefined): StreamReader {
  let reader: StreamReader | undefined;
  let head: Uint8Array = new Uint8Array(0);
  return {
    push(chunk: Uint8Array): InputRecord[] {
      if (reader !== undefined) return reader.push(chunk);
      head = head.byteLength === 0 ? chunk : concat(head, chunk);
      const chosen = chooseFormat(format, head, total, false);
      if (chosen === undefined) return [];
      reader = createStreamReader(chosen);
      return reader.push(head);
    },
    end(): InputRecord[] {
      if (reader === undefined) {
        if (head.byteLength === 0 && format === 'auto') return [];
        reader = createStreamReader(chooseFormat(format, head, total, true) as InputFormat);
        if (head.byteLength !== 0) return [...reader.push(head), ...reader.end()];
      }
      return reader.end();
    },
  };
}
