// The gob decoder on values a strict reading would reject, from a stream the Go encoder wrote
// (test/live/fixtures/events-1.gob: u64 Lost counts up to 2^64-1, a payload type 42 with data,
// a Type beyond 2^53): exact bigints, data kept, one malformed message skipped with resync.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/sources/detect.js';
import { readGob } from '../../src/sources/gob/monitor-payloads.js';
import { GobStream } from '../../src/sources/gob/stream.js';
import { FIXTURES } from '../live/monitor-script.js';

const events = new Uint8Array(readFileSync(join(FIXTURES, 'events-1.gob')));
const corrupt = new Uint8Array(readFileSync(join(FIXTURES, 'corrupt-1.gob')));

/** The stream up to the payload whose Type is beyond 2^53, where a strict read stops. */
const beforeBadType = events.subarray(
  0,
  new GobStream().push(events).find((m) => (m.value as { Type?: unknown } | null)?.Type === 9223372036854775807n)!.offset,
);

describe('gob leniencies', () => {
  it('detects a stream whose Payload got gob\'s first user id, 64 (a Go process that encoded nothing before)', () => {
    expect(events[1]).toBe(0x7f); // -64: the definition of type 64
    expect(detectFormat(events)).toBe('gob');
  });

  it('carries Lost beyond 2^53 exactly as a bigint, below as a number', () => {
    expect(() => readGob(events)).toThrow(/Payload\.Type is not an integer below 2\^53/);
    const lost = readGob(beforeBadType).flatMap((r) => (r.kind === 'lost' ? [r.count] : []));
    expect(lost).toEqual([7, 18446744073709551615n, 9007199254740993n, 9007199254740991]);
  });

  it('keeps the data of a payload type it does not know', () => {
    const other = readGob(beforeBadType).find((r) => r.kind === 'other');
    expect(other).toMatchObject({ kind: 'other', recordType: 42, cpu: 1, data: Uint8Array.from([0xca, 0xfe]) });
  });

  it('with resync, a malformed message comes back in place with its error and offset; the stream goes on', () => {
    const messages = new GobStream({ resync: true }).push(corrupt);
    const bad = messages.findIndex((m) => m.error !== undefined);
    expect(bad).toBe(1);
    expect(messages[bad]!.error!.code).toBe('bad-gob');
    expect(corrupt.subarray(messages[bad]!.offset, messages[bad]!.offset + 2)).toEqual(Uint8Array.from([0x01, 0x80]));
    expect(messages).toHaveLength(3);
    expect(messages[2]!.value).toMatchObject({ CPU: 1, Type: 9 });
  });

  it('readGob with resync skips it, reporting it to onSkip, and returns the rest', () => {
    const skipped: number[] = [];
    const records = readGob(corrupt, { resync: true, onSkip: (e) => skipped.push(e.offset) });
    expect(records.map((r) => r.kind === 'sample' && r.cpu)).toEqual([0, 1]);
    expect(skipped).toHaveLength(1);
    // The whole events stream too: the payload with a Type beyond 2^53 is skipped.
    expect(readGob(events, { resync: true })).toHaveLength(readGob(beforeBadType).length + 52); // sample 130, sample 0, 50 repeated
  });

  it('without resync the same message ends the stream with a typed error naming its offset', () => {
    expect(() => readGob(corrupt)).toThrow(expect.objectContaining({ code: 'bad-gob', message: expect.stringMatching(/at byte \d+/) }));
  });
});
