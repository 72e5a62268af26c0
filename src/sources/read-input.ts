/** One entry point over all formats, for callers holding a whole input in memory. */
import { chooseFormat } from './choose-format.js';
import { createStreamReader } from './stream-reader.js';
import type { InputFormat, InputRecord } from './types.js';

/**
 * Parses `bytes` as `format`, or as the detected format when `format` is `'auto'`.
 *
 * @example
 * for (const r of readInput(readFileSync(path), 'auto')) if (r.kind === 'sample') decodeEvent(r.data);
 */
export function readInput(bytes: Uint8Array, format: InputFormat | 'auto'): InputRecord[] {
  // The whole input is there: the format is decided now (or `unknown-format` thrown).
  const reader = createStreamReader(chooseFormat(format, bytes, bytes.byteLength, true) as InputFormat);
  const out = reader.push(bytes);
  out.push(...reader.end());
  return out;
}
