/**
 * The monitor socket (`monitor1_2.sock`) stream: one gob stream per connection carrying
 * `Payload{Data []byte, CPU int, Lost uint64, Type int}` values. Type 9 is a perf sample
 * (Data = the raw sample), type 2 a lost-samples count. Fields are found by name, so the
 * type id the agent happened to assign (usually 65) does not matter.
 */
import { SourceError } from '../errors.js';
import type { InputRecord } from '../types.js';
import { GobStream, type GobMessage, type GobStreamOptions } from './stream.js';
import type { GobValue } from './values.js';
import { GobId, type GobType } from './wire-types.js';

/** `Payload.Type` values (the perf record types they came from). */
const PAYLOAD_SAMPLE = 9;
const PAYLOAD_LOST = 2;

const EMPTY = new Uint8Array(0);

/** An `int` field that must fit a number (CPU, Type); gob omits zero values. */
function intField(v: GobValue | undefined, name: string, at: number): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number') throw new SourceError('bad-gob', `gob: Payload.${name} is not an integer below 2^53 at byte ${at}`, at);
  return v;
}

/** `Lost` is a Go `uint64`: kept exact, as a bigint beyond 2^53. */
function lostField(v: GobValue | undefined, at: number): number | bigint {
  if (v === undefined) return 0;
  if ((typeof v !== 'number' && typeof v !== 'bigint') || v < 0) throw new SourceError('bad-gob', `gob: Payload.Lost is not an unsigned integer at byte ${at}`, at);
  return v;
}

/** The wire type each `Payload` field must have to be read into it (Go's int, uint64, []byte). */
const PAYLOAD_FIELDS = new Map<string, number>([
  ['Data', GobId.bytes],
  ['CPU', GobId.int],
  ['Lost', GobId.uint],
  ['Type', GobId.int],
]);

/** What Go's decoder says of a type when asked to read it into a `Payload`, per type. */
const typeVerdicts = new WeakMap<GobType, string | undefined>();

/**
 * Why a value of `type` cannot be read into a `Payload`, as Go's decoder refuses it: not a
 * struct, no field name in common, or a common field of another wire type. Checked on the
 * definition, since gob leaves zero fields out of values.
 */
function notPayload(type: GobType | undefined): string | undefined {
  if (type === undefined || type.kind !== 'struct') return 'is not a struct';
  if (typeVerdicts.has(type)) return typeVerdicts.get(type);
  let shared = 0;
  let verdict: string | undefined;
  for (const f of type.fields) {
    const wire = PAYLOAD_FIELDS.get(f.name);
    if (wire === undefined) continue;
    shared++;
    if (f.id !== wire) verdict ??= `has field ${f.name} of wire type id ${f.id}, not ${wire}`;
  }
  if (shared === 0) verdict = 'shares no field name with Payload';
  typeVerdicts.set(type, verdict);
  return verdict;
}

/** The record a decoded `Payload` message stands for; throws `bad-gob` for a value that is not a Payload. */
function payloadRecord(m: GobMessage): InputRecord {
  const v = m.value;
  const refused = notPayload(m.type);
  if (refused !== undefined || v === null || typeof v !== 'object' || v instanceof Uint8Array || Array.isArray(v) || v instanceof Map || 'interfaceType' in v) {
    const why = refused === undefined ? '' : ` (type ${JSON.stringify(m.typeName)} ${refused})`;
    throw new SourceError('bad-gob', `gob: value at byte ${m.offset} is not a monitor Payload${why}`, m.offset);
  }
  const fields = v as { [field: string]: GobValue };
  const data = fields['Data'] ?? EMPTY;
  if (!(data instanceof Uint8Array)) throw new SourceError('bad-gob', `gob: Payload.Data is not bytes at byte ${m.offset}`, m.offset);
  const cpu = intField(fields['CPU'], 'CPU', m.offset);
  const type = intField(fields['Type'], 'Type', m.offset);
  if (type === PAYLOAD_SAMPLE) return { kind: 'sample', data, cpu, offset: m.offset, line: undefined };
  if (type === PAYLOAD_LOST) return { kind: 'lost', count: lostField(fields['Lost'], m.offset), cpu, offset: m.offset, line: undefined };
  // A type a newer agent may send: its bytes stay with the record for whoever knows it.
  return { kind: 'other', recordType: type, data, cpu, offset: m.offset, line: undefined };
}

/**
 * The record of one message, or the `SourceError` it is skipped with: malformed (a `resync`
 * stream returns it with its `error`) or not a `Payload`. Shared with the live socket source.
 */
export function messageRecord(m: GobMessage): InputRecord | SourceError {
  if (m.error !== undefined) return m.error;
  try {
    return payloadRecord(m);
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
}

/** Options of {@link MonitorStreamReader} and {@link readGob}. */
export interface MonitorStreamOptions extends GobStreamOptions {
  /**
   * With `resync`: hears each message skipped as malformed (or as not a `Payload`), with its
   * error; the stream goes on after it.
   */
  onSkip?: (error: SourceError) => void;
}

/**
 * Incremental reader of a monitor-socket stream (a live connection or a captured file).
 *
 * @example
 * const reader = new MonitorStreamReader();
 * socket.on('data', (chunk) => { for (const r of reader.push(chunk)) if (r.kind === 'sample') handle(r.data) });
 */
export class MonitorStreamReader {
  private readonly gob: GobStream;
  private readonly resync: boolean;
  private readonly onSkip: (error: SourceError) => void;
  private failure: SourceError | undefined;
  constructor(options: MonitorStreamOptions = {}) {
    this.gob = new GobStream(options);
    this.resync = options.resync ?? false;
    this.onSkip = options.onSkip ?? ((): void => {});
  }
  /**
   * Records completed by `chunk`. `data` views may point into `chunk`: do not reuse it. A
   * malformed message ends the batch (unless `resync`): the records before it are returned,
   * and the error is thrown by the next `push` or `end`.
   */
  push(chunk: Uint8Array): InputRecord[] {
    if (this.failure) throw this.failure;
    const out: InputRecord[] = [];
    for (const m of this.gob.push(chunk)) {
      const r = messageRecord(m);
      if (!(r instanceof SourceError)) out.push(r);
      else if (this.resync) this.onSkip(r);
      else {
        this.failure = r;
        return out;
      }
    }
    return out;
  }
  /** Throws `bad-gob` if the stream stopped inside a message (or a deferred error). */
  end(): void {
    if (this.failure) throw this.failure;
    this.gob.end();
  }
}

/**
 * Reads a whole captured monitor-socket stream.
 *
 * @example
 * for (const r of readGob(readFileSync('monitor.gob'))) if (r.kind === 'lost') console.log(r.cpu, r.count);
 * // Past malformed messages, each reported: readGob(bytes, { resync: true, onSkip: (e) => console.warn(e.offset, e.message) })
 */
export function readGob(bytes: Uint8Array, options?: MonitorStreamOptions): InputRecord[] {
  const reader = new MonitorStreamReader(options);
  const out = reader.push(bytes);
  reader.end();
  return out;
}
