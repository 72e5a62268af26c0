/**
 * `formatSample`: raw perf-sample bytes to what `cilium monitor` prints for them — Go's
 * `MonitorFormatter.FormatSample` of the release, including what it prints for records its
 * decoders reject.
 *
 * Two generations of Go code read the bytes differently:
 * - up to v1.18, `binary.Read` into the newest Go struct of each message (a shorter record
 *   leaves the struct all zero after printing `Error while parsing …: unexpected EOF`, and a
 *   drop of an older version still takes its flags byte from the first packet byte), except
 *   traces, which have a decoder of their own; printing then goes on with whatever was read;
 * - from v1.19, one `Decode` method per message that checks the length of each version and
 *   prints `cannot decode message type 'N': …` instead of the message.
 * Where the Go code then slices past the end of the record it panics (`cilium monitor` dies);
 * {@link formatSample} throws a `FormatError` (`go-panics`) there.
 */
import { decodeEvent } from '../decode/decode-event.js';
import { readLogRecord } from '../decode/gob-log-record.js';
import type { Event, Release } from '../decode/types.js';
import { isDecodeError } from '../errors.js';
import { defaultRelease } from '../generated/index.gen.js';
import { resolveRelease } from '../tables.js';
import { GobStream } from '../sources/gob/stream.js';
import { gobDecodeError, type GoStruct } from './gob-error.js';
import { readAgentNotify } from '../decode/gob-agent-notify.js';
import type { FormatMode, FormatOptions } from './context.js';
import { accessLogJSON, logRecordValueError } from './access-log.js';
import { dialectOf, type Dialect } from './dialect.js';
import { FormatError } from './errors.js';
import { formatEvent } from './format-event.js';

/** {@link formatSample}'s options: {@link FormatOptions} without `sample` (the bytes are it). */
export type SampleFormatOptions = Omit<FormatOptions, 'sample'>;

/** A message read with `binary.Read`: its Go struct size and where Go slices the packet from. */
interface BinaryRead {
  what: string;
  /** `binary.Size` of the Go struct (packed: Go's struct has no C padding). */
  size: number;
  /** `DataOffset()` of the all-zero struct (version 0); absent where Go prints no packet. */
  zeroDataOffset?: number;
}

/**
 * The modes in which Go's printer slices the record at the zero struct's data offset without
 * checking its length (so a record shorter than that panics); the others check first.
 */
const SLICES_UNCHECKED: Readonly<Record<number, readonly FormatMode[]>> = {
  1: ['summary', 'verbose'],
  4: ['summary', 'verbose'],
  3: ['json'],
  5: ['summary', 'verbose', 'dissect', 'hex', 'json'],
  6: ['summary', 'verbose', 'dissect', 'hex', 'json'],
};

/** What a release up to v1.18 reads with `binary.Read`, by message type (drops: see `dropSize`). */
const BINARY_READS: Readonly<Record<number, BinaryRead>> = {
  2: { what: 'debug message', size: 20 },
  3: { what: 'debug capture message', size: 24, zeroDataOffset: 24 },
  5: { what: 'policy notification message', size: 32, zeroDataOffset: 32 },
  6: { what: 'capture record', size: 24, zeroDataOffset: 24 },
  7: { what: 'socket trace notification message', size: 38 },
};
const DROP_READS: Readonly<Record<36 | 40, BinaryRead>> = {
  36: { what: 'drop notification message', size: 36, zeroDataOffset: 36 },
  40: { what: 'drop notification message', size: 40, zeroDataOffset: 36 },
};

/** The trace decoder's complaint up to v1.18, or `undefined` when it accepts the record. */
function legacyTraceError(b: Uint8Array, decoder: LegacyReader['traceDecoder']): string | undefined {
  const version = b.length >= 16 ? b[14]! | (b[15]! << 8) : 0;
  if (decoder === 'per-version') {
    if (b.length < 16) return 'Unknown trace event';
    if (version === 0 && b.length < 32) return `unexpected TraceNotifyV0 data length, expected 32 but got ${b.length}`;
    if (version === 1 && b.length < 48) return `unexpected TraceNotifyV1 data length, expected 48 but got ${b.length}`;
    return version > 1 ? `Unrecognized trace event (version ${version})` : undefined;
  }
  if (b.length < 32) return `unexpected TraceNotify data length, expected at least 32 but got ${b.length}`;
  if (version > 1) return `Unrecognized trace event (version ${version})`;
  if (version === 1 && b.length < 48) return `unexpected TraceNotify data length (version 1), expected at least 48 but got ${b.length}`;
  return undefined;
}

/** `Decode` of v1.19+ for message `type`: its complaint, or `undefined` when it accepts. */
function decodeMethodError(b: Uint8Array): string | undefined {
  const n = b.length;
  const atLeast = (what: string, len: number): string | undefined =>
    n < len ? `unexpected ${what} data length, expected at least ${len} but got ${n}` : undefined;
  const exactly = (what: string, len: number): string | undefined =>
    n < len ? `unexpected ${what} data length, expected ${len} but got ${n}` : undefined;
  const versioned = (what: string, len: number, version: number): string | undefined =>
    n < len ? `unexpected ${what} data length (version ${version}), expected at least ${len} but got ${n}` : undefined;
  switch (b[0]) {
    case 1: {
      const short = atLeast('DropNotify', 36);
      if (short !== undefined) return short;
      const v = b[14]!;
      if (v > 3) return `Unrecognized drop event (version ${v})`;
      return (v >= 2 ? versioned('DropNotify', 40, v) : undefined) ?? (v >= 3 ? versioned('DropNotify', 48, v) : undefined);
    }
    case 4: {
      const short = atLeast('TraceNotify', 32);
      if (short !== undefined) return short;
      const v = b[14]!;
      if (v > 2) return `Unrecognized trace event (version ${v})`;
      return (v === 2 ? versioned('TraceNotify', 56, v) : undefined) ?? (v >= 1 ? versioned('TraceNotify', 48, v) : undefined);
    }
    case 2:
      return exactly('DebugMsg', 20);
    case 3:
      return exactly('DebugCapture', 24);
    case 5:
      return exactly('PolicyVerdictNotify', 40);
    case 7:
      return exactly('TraceSockNotify', 40);
    default:
      return undefined;
  }
}

/**
 * What Go's gob decoder says about a payload whose messages and types are sound but whose value
 * our reader could not read: `EOF` when it ends between messages, `unexpected EOF` inside one.
 */
function valueError(payload: Uint8Array): string {
  // The payload is already in memory: no message can need more than the payload itself holds.
  const gob = new GobStream({ maxMessageBytes: 0xffffffff });
  try {
    gob.push(payload);
    gob.end();
  } catch (e) {
    if (e instanceof Error && e.message.includes('ends inside a message')) return 'unexpected EOF';
  }
  return 'EOF';
}

/** Go's gob error for an agent notification's payload, or `undefined` when Go reads it. */
function agentError(payload: Uint8Array): string | undefined {
  const framing = gobDecodeError(payload, AGENT_NOTIFY);
  if (framing !== undefined) return framing;
  const value = readAgentNotify(payload);
  if (value === undefined) return valueError(payload);
  // Go decodes Type into a uint32.
  return value.notificationType > 0xffffffff ? 'value for "Type" out of range' : undefined;
}

function panics(what: string, printed: string): never {
  throw new FormatError('go-panics', `Cilium's Go formatter panics on this record (${what}); it printed ${JSON.stringify(printed)} first`);
}

/**
 * Formats one raw perf sample (or monitor-socket payload `Data`) exactly as `cilium monitor`
 * of the release prints it: the event's lines, or the lines Go prints when its decoder
 * rejects the record (`cannot decode message type '3': unexpected DebugCapture data length,
 * expected 24 but got 2`; up to v1.18 `Error while parsing …` followed by the all-zero message).
 *
 * @throws FormatError `empty-sample` for zero bytes and `go-panics` where Go's formatter
 *   crashes on the record (it indexes past the end), and what {@link formatEvent} throws.
 *
 * @example
 * formatSample(bytes, { release: '1.19', mode: 'verbose', cpu: 3 });
 * // 'CPU 03: MARK 0x0 FROM 1234 DROP: 98 bytes, reason Policy denied, …\n'
 * formatSample(Uint8Array.of(3, 0), { release: '1.19' });
 * // "cannot decode message type '3': unexpected DebugCapture data length, expected 24 but got 2\n"
 */
export function formatSample(sample: Uint8Array, options: SampleFormatOptions = {}): string {
  if (sample.length === 0) throw new FormatError('empty-sample', 'an empty sample has no message type');
  const release = resolveRelease(options.release ?? defaultRelease);
  const reader = dialectOf(release).sampleReader;
  const format: Format = (bytes, prefix = '', adjust) => {
    let event: Event;
    try {
      event = decodeEvent(bytes, { release });
    } catch (e) {
      if (!isDecodeError(e)) throw e;
      return panics(e.message, prefix);
    }
    return prefix + formatEvent(adjust === undefined ? event : adjust(event), { ...options, release, sample: bytes });
  };
  const type = sample[0]!;
  if (reader.kind === 'binary-read') return formatLegacy(sample, type, reader, format, options.mode ?? 'summary', release);
  const complaint = decodeMethodError(sample);
  if (complaint !== undefined) return `cannot decode message type '${type}': ${complaint}\n`;
  if (type === 129) {
    const error = gobDecodeError(sample.subarray(1), LOG_RECORD) ?? accessLogValueError(sample, release);
    return error !== undefined ? `cannot decode message type '129': ${error}\n` : format(sample);
  }
  if (type !== 130) return format(sample);
  const error = agentError(sample.subarray(1));
  return error === undefined ? format(sample) : `cannot decode message type '130': ${error}\n`;
}

/** The Go types the monitor decodes agent notifications and access logs into (named in gob errors). */
const AGENT_NOTIFY: GoStruct = { qualified: 'api.AgentNotify', name: 'AgentNotify', fields: { Type: [3, 'api.AgentNotification'], Text: [6, 'string'] } };
/**
 * Access logs: `LogRecordNotify` embeds `accesslog.LogRecord`, whose fields gob matches by name.
 * Its scalar fields are checked here (a struct-, slice- or map-typed field of another shape in the
 * wire type is not: the agent only ever sends `LogRecord` itself).
 */
const LOG_RECORD: GoStruct = {
  qualified: 'monitor.LogRecordNotify',
  name: 'LogRecordNotify',
  fields: {
    Type: [6, 'accesslog.FlowType'],
    Timestamp: [6, 'string'],
    ObservationPoint: [6, 'accesslog.ObservationPoint'],
    IPVersion: [3, 'accesslog.IPVersion'],
    Verdict: [6, 'accesslog.FlowVerdict'],
    Info: [6, 'string'],
    TransportProtocol: [3, 'accesslog.TransportProtocol'],
    FlowEvent: [6, 'accesslog.FlowEvent'],
    DropReason: [3, 'accesslog.DropReason'],
  },
};

/** The error Go's gob decoder returns for a value of the access log's record, if any. */
function accessLogValueError(sample: Uint8Array, release: Release): string | undefined {
  const record = readLogRecord(sample.subarray(1));
  return record && logRecordValueError(record, dialectOf(release));
}

/** Decodes `bytes`, optionally adjusts the event as Go's reading does, and formats it. */
type Format = (bytes: Uint8Array, prefix?: string, adjust?: (event: Event) => Event) => string;

/** The event as Go sees it with `flags` in place of the decoded flags byte (a view, not a copy). */
function withFlags(event: Event, flags: number): Event {
  return Object.create(event, { flags: { value: flags } }) as Event;
}

type LegacyReader = Extract<Dialect['sampleReader'], { kind: 'binary-read' }>;

/** v1.16–v1.18: `binary.Read` (or the trace decoder), complain, print what was read. */
function formatLegacy(sample: Uint8Array, type: number, reader: LegacyReader, format: Format, mode: FormatMode, release: Release): string {
  if (type === 4) {
    const complaint = legacyTraceError(sample, reader.traceDecoder);
    if (complaint === undefined) return format(sample);
    return formatZero(sample, 4, 32, `Error while parsing trace notification message: ${complaint}\n`, format, mode);
  }
  if (type === 130) {
    const error = agentError(sample.subarray(1));
    if (error === undefined) return format(sample);
    return `Error while decoding agent notification message: ${error}\n` + format(Uint8Array.of(130, ...ZERO_AGENT_NOTIFY));
  }
  if (type === 129) {
    const error = gobDecodeError(sample.subarray(1), LOG_RECORD);
    if (error !== undefined) return `Error while decoding LogRecord notification message: ${error}\n` + (mode === 'json' ? accessLogJSON({}, dialectOf(release)) : '');
    if (accessLogValueError(sample, release) !== undefined) {
      // Go prints the error, then the fields it had decoded before the rejected value.
      throw new FormatError('unsupported-message', 'an access log with a value Go rejects prints a partly decoded record, which is not modelled');
    }
    return format(sample);
  }
  const read = type === 1 ? DROP_READS[reader.dropSize] : BINARY_READS[type];
  if (read === undefined || sample.length >= read.size) return type === 1 ? formatLegacyDrop(sample, reader, format) : format(sample);
  return formatZero(sample, type, read.zeroDataOffset, `Error while parsing ${read.what}: unexpected EOF\n`, format, mode);
}

/**
 * A drop read into the newest struct: an older version still fills it, so its flags byte is
 * the packet's first; a version the length map lacks prints the packet from offset 0 (the
 * whole record), where our decoder, which knows no such layout, is given the newest version.
 */
function formatLegacyDrop(sample: Uint8Array, reader: LegacyReader, format: Format): string {
  const newest = reader.dropSize === 40 ? 2 : 1;
  const version = sample[14]! | (sample[15]! << 8);
  const flags = (ev: Event): Event => (reader.dropSize === 40 ? withFlags(ev, sample[36]!) : ev);
  if (version <= newest || reader.dropDataOffset === 'fixed') {
    return format(sample, '', version < newest ? flags : undefined);
  }
  const known = sample.slice();
  known[14] = newest;
  known[15] = 0;
  return format(known, '', (ev) => Object.create(flags(ev), { packet: { value: sample } }) as Event);
}

/**
 * Go goes on with the all-zero struct (version 0) after a failed read: the packet it prints is
 * the record from the zero struct's data offset on, which panics if the record is shorter.
 */
function formatZero(sample: Uint8Array, type: number, dataOffset: number | undefined, line: string, format: Format, mode: FormatMode): string {
  const header = dataOffset ?? ZERO_SIZE[type] ?? 0;
  const zero = new Uint8Array(header + Math.max(0, sample.length - header));
  zero[0] = type;
  if (dataOffset !== undefined && sample.length < dataOffset) {
    if (SLICES_UNCHECKED[type]?.includes(mode)) {
      // The recorder prints its header line before it slices.
      const printed = type === 6 ? line + format(zero).split('\n')[0] + '\n' : line;
      return panics(`slice bounds out of range [${dataOffset}:${sample.length}]`, printed);
    }
    return format(zero, line);
  }
  if (dataOffset !== undefined) zero.set(sample.subarray(dataOffset), dataOffset);
  return format(zero, line);
}

/** Sizes of the messages without packet whose zero struct is printed (debug 20, sock 40 in C). */
const ZERO_SIZE: Readonly<Record<number, number>> = { 2: 20, 7: 40 };

/** The gob stream of an all-zero `AgentNotify{Type uint32, Text string}` value. */
const ZERO_AGENT_NOTIFY = [
  0x2b, 0xff, 0x83, 0x03, 0x01, 0x01, 0x0b, ...'AgentNotify'.split('').map((c) => c.charCodeAt(0)), 0x01, 0xff, 0x84, 0x00, 0x01, 0x02,
  0x01, 0x04, ...'Type'.split('').map((c) => c.charCodeAt(0)), 0x01, 0x06, 0x00, 0x01, 0x04, ...'Text'.split('').map((c) => c.charCodeAt(0)), 0x01, 0x0c, 0x00, 0x00, 0x00,
  0x03, 0xff, 0x84, 0x00,
];
