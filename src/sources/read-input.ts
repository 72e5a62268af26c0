/** One entry point over all formats, for callers holding a whole input in memory. */
import { detectFormat } from './detect.js';
import { SourceError } from './errors.js';
import { createStreamReader } from './stream-reader.js';
import type { InputFormat, InputRecord } from './types.js';

/**
 * Parses `bytes` as `format`, or as the detected format when `format` is `'auto'`.
 *
 * @example
 * for (const r of readInput(readFileSync(path), 'auto')) if (r.kind === 'sample') decodeEvent(r.data);
 */
export function readInput(bytes: Uint8Array, format: InputFormat | 'auto'): InputRecord[] {
  const chosen = format === 'auto' ? detectFormat(bytes) : format;
  if (chosen === undefined) {
    throw new SourceError('unknown-format', 'cannot tell the input format from its first bytes; pass --input', 0);
  }
  const reader = createStreamReader(chosen);
  const out = reader.push(bytes);
  out.push(...reader.end());
  return out;
}
