/** One entry point over all formats, for callers holding a whole input in memory. */
import { readBin } from './bin.js';
import { readBpftool } from './bpftool.js';
import { detectFormat } from './detect.js';
import { SourceError } from './errors.js';
import { readGob } from './gob/monitor-payloads.js';
import { readHex } from './hex.js';
import { readRingSnapshot } from './ring.js';
import type { InputFormat, InputRecord } from './types.js';

const utf8 = new TextDecoder();

/**
 * Parses `bytes` as `format`, or as the detected format when `format` is `'auto'`.
 *
 * @example
 * for (const r of readInput(readFileSync(path), 'auto')) if (r.kind === 'sample') decodeEvent(r.data);
 */
export function readInput(bytes: Uint8Array, format: InputFormat | 'auto'): Iterable<InputRecord> {
  const chosen = format === 'auto' ? detectFormat(bytes) : format;
  switch (chosen) {
    case 'hex':
      return readHex(utf8.decode(bytes));
    case 'bin':
      return readBin(bytes);
    case 'ring':
      return readRingSnapshot(bytes);
    case 'gob':
      return readGob(bytes);
    case 'bpftool':
      return readBpftool(utf8.decode(bytes));
    case undefined:
      throw new SourceError('UNKNOWN_FORMAT', 'cannot tell the input format from its first bytes; pass --input', 0);
  }
}
