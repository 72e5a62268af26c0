/**
 * `formatSample`: raw perf-sample bytes to what `cilium monitor` prints for them — Go's
 * `MonitorFormatter.FormatSample`, including the lines Go prints for records it cannot decode.
 */
import { decodeEvent } from '../decode/decode-event.js';
import type { Release } from '../decode/types.js';
import { isDecodeError } from '../errors.js';
import type { FormatOptions } from './context.js';
import { FormatError } from './errors.js';
import { formatEvent } from './format-event.js';

/** {@link formatSample}'s options: {@link FormatOptions} without `sample` (the bytes are it). */
export type SampleFormatOptions = Omit<FormatOptions, 'sample'>;

/**
 * Formats one raw perf sample (or monitor-socket payload `Data`) exactly as `cilium monitor`
 * prints it for the release: the event's lines, or the error line Go prints when its decoder
 * rejects the record (`cannot decode message type '3': unexpected DebugCapture data length, …`).
 *
 * @throws FormatError `empty-sample` for zero bytes (Go's formatter indexes `data[0]` and
 *   crashes), and what {@link formatEvent} throws.
 *
 * @example
 * formatSample(bytes, { release: '1.19', mode: 'verbose', cpu: 3 });
 * // 'CPU 03: MARK 0x0 FROM 1234 DROP: 98 bytes, reason Policy denied, …\n'
 */
export function formatSample(sample: Uint8Array, options: SampleFormatOptions = {}): string {
  if (sample.length === 0) throw new FormatError('empty-sample', 'an empty sample has no message type');
  const release: Release | undefined = options.release;
  let event;
  try {
    event = decodeEvent(sample, release === undefined ? {} : { release });
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    return `cannot decode message type '${sample[0]}': ${e.message}\n`;
  }
  return formatEvent(event, { ...options, sample, cpu: options.cpu ?? 0 });
}

