/**
 * The one streaming decode under `decodeStream` and the CLI's pipeline: input chunks become
 * batches of records (one per chunk, read by the format-choosing reader), samples become
 * events under the `onError` policy. A consumer awaits once per chunk and never per record,
 * and decodes each sample when it reaches it, so an undecodable sample's `onError` call (or
 * throw) comes in input order, after the events before it. Samples are decoded on the
 * consumer's walk rather than into a batch of wrappers because the CLI needs each event with
 * its sample bytes, which `decodeStream`'s records do not carry.
 */
import { createDecoder } from '../decode/decode-event.js';
import type { DecodeOptions, Event } from '../decode/types.js';
import { isCiliumEventsError, type CiliumEventsError } from '../errors.js';
import { createChoosingReader } from './choose-format.js';
import type { InputFormat, InputRecord, SampleInput } from './types.js';

/** Bytes as they arrive: an async iterable (a Node stream, a socket) or a web `ReadableStream`. */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** Chunks of an async iterable or a web `ReadableStream` (not async-iterable in every runtime). */
async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The records of `source` in `format` (or `'auto'`, chosen from the first bytes; `size` is the
 * whole input's length when known): one array per input chunk, empty while a chunk completes
 * no record, and a last one for the end of input. Throws `SourceError` for malformed framing.
 */
export async function* readBatches(
  source: ByteSource,
  format: InputFormat | 'auto',
  size: number | undefined,
): AsyncGenerator<readonly InputRecord[], void, undefined> {
  const reader = createChoosingReader(format, size);
  for await (const chunk of chunksOf(source)) yield reader.push(chunk);
  yield reader.end();
}

/**
 * A sample's event, decoded with `options`; `undefined` when the sample does not decode and
 * `onError` took its `DecodeError`. Without `onError` the error is thrown; errors that are not
 * the library's (bugs) are always thrown.
 */
export function createSampleDecoder(
  options: DecodeOptions | undefined,
  onError: ((error: CiliumEventsError, record: SampleInput) => void) | undefined,
): (record: SampleInput) => Event | undefined {
  const decode = createDecoder(options);
  return (record) => {
    try {
      return decode(record.data);
    } catch (e) {
      if (onError === undefined || !isCiliumEventsError(e)) throw e;
      onError(e, record);
      return undefined;
    }
  };
}
