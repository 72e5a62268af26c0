/**
 * Input → records → decoded, filtered events, shared by the commands that read events.
 * Malformed framing stops the run (exit 1, with the offending line or offset); an event
 * that does not decode is reported on stderr with its position and skipped, and the run
 * ends with exit status 1.
 */
import { createDecoder } from '../decode/decode-event.js';
import type { Event, Release } from '../decode/types.js';
import { isCiliumEventsError } from '../errors.js';
import type { EventFilter } from '../filter/index.js';
import { isSourceError } from '../sources/errors.js';
import { readInput } from '../sources/read-input.js';
import type { InputFormat, InputRecord, LostInput, OtherInput, SampleInput } from '../sources/types.js';
import type { CommandIO } from './command.js';
import { Progress } from './progress.js';
import type { LoadedInput } from './read-input.js';

export interface PipelineHandlers {
  event(event: Event, record: SampleInput): void | Promise<void>;
  lost(record: LostInput): void | Promise<void>;
  other(record: OtherInput): void | Promise<void>;
  /** Called after every record, to let output drain. */
  pace(): Promise<void>;
}

export interface PipelineOptions {
  format: InputFormat | 'auto';
  release: Release | undefined;
  filter: EventFilter | undefined;
}

/** Thrown for input that cannot be read at all (framing errors); the CLI exits 1. */
export class InputError extends Error {}

function where(input: LoadedInput, r: { line: number | undefined; offset: number }): string {
  return r.line !== undefined ? `${input.label}: line ${r.line}` : `${input.label}: offset ${r.offset}`;
}

/** Runs the pipeline; resolves to the number of events that failed to decode. */
export async function runPipeline(input: LoadedInput, options: PipelineOptions, io: CommandIO, on: PipelineHandlers): Promise<number> {
  const decode = createDecoder(options.release === undefined ? undefined : { release: options.release });
  const progress = new Progress(io.stderr, input.bytes.byteLength);
  let failures = 0;
  let count = 0;
  let records: Iterable<InputRecord>;
  try {
    records = readInput(input.bytes, options.format);
    for (const r of records) {
      count++;
      if (r.kind === 'sample') {
        let ev: Event;
        try {
          ev = decode(r.data);
        } catch (e) {
          if (!isCiliumEventsError(e)) throw e;
          failures++;
          io.stderr.write(`cilium-events: ${where(input, r)}: cannot decode message type '${r.data[0] ?? '?'}': ${e.message}\n`);
          continue;
        }
        if (options.filter === undefined || options.filter(ev)) await on.event(ev, r);
      } else if (r.kind === 'lost') await on.lost(r);
      else await on.other(r);
      progress.update(count, r.offset);
      await on.pace();
    }
  } catch (e) {
    // Source error messages already name the line or byte offset.
    if (isSourceError(e)) throw new InputError(`${input.label}: ${e.message} [${e.code}]`);
    throw e;
  } finally {
    progress.done();
  }
  return failures;
}
