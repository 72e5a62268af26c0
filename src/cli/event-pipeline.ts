/**
 * Input → records → decoded, filtered events, shared by the commands that read events. The
 * input streams through: hex, bin and gob records are handled as their bytes arrive.
 * Malformed framing stops the run (exit 1, with the offending line or offset); an event that
 * does not decode is reported on stderr with its position and skipped, and the run ends
 * with exit status 1.
 */
import type { Event, Release } from '../decode/types.js';
import type { CiliumEventsError } from '../errors.js';
import type { EventFilter } from '../filter/index.js';
import { createSampleDecoder, readBatches } from '../sources/decode-batches.js';
import { isSourceError } from '../sources/errors.js';
import type { InputFormat, InputRecord, LostInput, OtherInput, SampleInput } from '../sources/types.js';
import type { CommandIO } from './command.js';
import { Progress } from './progress.js';
import type { OpenedInput } from './read-input.js';

/**
 * What the commands do with each record. A handler returns a promise only when it has to wait
 * (output draining): the pipeline awaits nothing else, so a record costs no promise or
 * microtask hop of its own.
 */
export interface PipelineHandlers {
  event(event: Event, record: SampleInput): void | Promise<void>;
  lost(record: LostInput): void | Promise<void>;
  other(record: OtherInput): void | Promise<void>;
  /** Called after every record, to let output drain. */
  pace(): void | Promise<void>;
  /** Called after the records of each input chunk: output so far should reach the reader. */
  flush(): void | Promise<void>;
}

export interface PipelineOptions {
  format: InputFormat | 'auto';
  release: Release | undefined;
  filter: EventFilter | undefined;
}

/** Thrown for input that cannot be read at all (framing errors); the CLI exits 1. */
export class InputError extends Error {}

function where(input: OpenedInput, r: { line: number | undefined; offset: number }): string {
  return r.line !== undefined ? `${input.label}: line ${r.line}` : `${input.label}: offset ${r.offset}`;
}

/**
 * One record's way through the pipeline: samples are decoded (by the decoder `decodeStream`
 * uses) and filtered, lost and other records handed on. Returns a promise only when a handler
 * has to wait. A sample that does not decode goes to `undecodable` and is skipped. Shared with
 * `watch`, whose records are live.
 */
export function createDispatcher(
  options: Pick<PipelineOptions, 'release' | 'filter'>,
  on: PipelineHandlers,
  undecodable: (error: CiliumEventsError, record: SampleInput) => void,
): (r: InputRecord) => void | Promise<void> {
  const decode = createSampleDecoder(options.release === undefined ? undefined : { release: options.release }, undecodable);
  return (r) => {
    if (r.kind === 'lost') return on.lost(r);
    if (r.kind !== 'sample') return on.other(r);
    const ev = decode(r);
    if (ev !== undefined && (options.filter === undefined || options.filter(ev))) return on.event(ev, r);
  };
}

/** The stderr line for a sample that does not decode. */
export function undecodableMessage(where: string, r: SampleInput, e: Error): string {
  return `cilium-events: ${where}: cannot decode message type '${r.data[0] ?? '?'}': ${e.message}\n`;
}

/**
 * Runs the pipeline over the record batches `decodeStream` reads, one per input chunk: it awaits
 * per chunk, and per record only when a handler has to wait. Resolves to the number of events
 * that failed to decode.
 */
export async function runPipeline(input: OpenedInput, options: PipelineOptions, io: CommandIO, on: PipelineHandlers): Promise<number> {
  const progress = new Progress(io.stderr, input.size ?? 0);
  let failures = 0;
  let count = 0;
  let consumed = 0;

  const dispatch = createDispatcher(options, on, (e, r) => {
    failures++;
    io.stderr.write(undecodableMessage(where(input, r), r, e));
  });

  // Bytes read so far, for the progress line, counted as chunks pass to the reader.
  async function* counted(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      consumed += chunk.byteLength;
      yield chunk;
    }
  }

  try {
    for await (const records of readBatches(counted(input.chunks), options.format, input.size)) {
      for (const r of records) {
        count++;
        const handled = dispatch(r);
        if (handled !== undefined) await handled;
        const paced = on.pace();
        if (paced !== undefined) await paced;
      }
      await on.flush();
      progress.update(count, consumed);
    }
  } catch (e) {
    // Source error messages already name the line or byte offset.
    if (isSourceError(e)) throw new InputError(`${input.label}: ${e.message} [${e.code}]`);
    // A read that fails (a directory: EISDIR, EACCES, EIO) is a plain input error, not a bug.
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new InputError(`cannot read ${input.label}: ${code}`);
    throw e;
  } finally {
    progress.done();
  }
  return failures;
}
