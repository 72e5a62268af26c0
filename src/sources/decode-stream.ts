/**
 * `decodeStream`: bytes as they arrive (a file stream, a socket, `fetch().body`) → decoded
 * events and lost-sample counts, in any input format. Framing is read as chunks arrive, so
 * records come out before the input ends.
 */
import type { DecodeOptions, Event } from '../decode/types.js';
import type { CiliumEventsError } from '../errors.js';
import { createSampleDecoder, readBatches } from './decode-batches.js';
import type { InputFormat, LostInput, OtherInput, SampleInput } from './types.js';

/** A decoded sample, where it was in the input. */
export interface EventInput {
  readonly kind: 'event';
  readonly event: Event;
  /** The CPU whose ring carried it, when the format records it. */
  readonly cpu: number | undefined;
  /** Byte offset of the record in the input. */
  readonly offset: number;
  /** 1-based line of the record, for line-oriented formats. */
  readonly line: number | undefined;
}

/** What {@link decodeStream} yields: decoded events, lost-sample counts and records of other kinds. */
export type DecodedInput = EventInput | LostInput | OtherInput;

/** Options of `decodeStream`: the decode options and the input format. */
export interface DecodeStreamOptions extends DecodeOptions {
  /** Input format; default `'auto'` (told from the first bytes, like the CLI's `--input auto`). */
  input?: InputFormat | 'auto';
  /** Byte length of the whole input, when known: lets `'auto'` recognise perf ring snapshots. */
  size?: number;
  /**
   * Hears each sample that does not decode (its `DecodeError`) and the stream goes on, as
   * `decodeEvents`' `onError` does. Without it the error ends the stream.
   */
  onError?: (error: CiliumEventsError, record: SampleInput) => void;
}

/**
 * Decodes a stream of input bytes — hex lines, the `bin` framing, a perf ring snapshot, the
 * monitor socket's gob stream or `bpftool` JSON — into events and lost-sample records.
 * Malformed framing throws `SourceError`; a sample that does not decode throws its
 * `DecodeError` unless `onError` takes it.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * import { decodeStream } from 'cilium-events/sources';
 * for await (const r of decodeStream(createReadStream('capture.gob'), { release: '1.18' })) {
 *   if (r.kind === 'event') console.log(r.event.type, r.cpu);
 *   else if (r.kind === 'lost') console.warn(`lost ${r.count} samples on CPU ${r.cpu}`);
 * }
 */
export async function* decodeStream(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  options: DecodeStreamOptions = {},
): AsyncGenerator<DecodedInput, void, undefined> {
  const event = createSampleDecoder(options, options.onError);
  for await (const records of readBatches(source, options.input ?? 'auto', options.size)) {
    for (const r of records) {
      if (r.kind !== 'sample') {
        yield r;
        continue;
      }
      const decoded = event(r);
      if (decoded !== undefined) yield { kind: 'event', event: decoded, cpu: r.cpu, offset: r.offset, line: r.line };
    }
  }
}
