// The gob reader against Go's own gob decoder, on streams go/gob-streams.go wrote the way the
// agent's monitor1_2 listener does (fixtures/gob/NAME.gob) with payloads the agent rarely
// sends: every Type, empty and 1 MiB+ Data, u64 and int extremes, several sessions, other
// types between payloads. NAME.json is what Go's gob.Decoder read from each into a Payload;
// our reader must yield exactly that, message by message. The recorded streams are read
// without Go; where Go exists the generator is run again and must write the same.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder } from '../../src/decode/decode-event.js';
import type { Event } from '../../src/decode/types.js';
import { isCiliumEventsError } from '../../src/errors.js';
import { decodeStream, isSourceError, MonitorStreamReader, readGob, type InputRecord } from '../../src/sources/index.js';
import { messageRecord } from '../../src/sources/gob/monitor-payloads.js';
import { GobStream } from '../../src/sources/gob/stream.js';
import { buildGoProgram } from '../live/monitor-script.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/gob/', import.meta.url));
const GENERATOR = fileURLToPath(new URL('./go/gob-streams.go', import.meta.url));
const STREAMS = ['varied', 'extremes', 'sessions', 'interleaved', 'many', 'large'];
const RELEASE = '1.18'; // the release the generator's drop and trace messages were encoded for

/** One Decode call of Go's decoder: an error, or the Payload (integers as decimal text). */
interface GoEntry {
  error?: string;
  cpu?: string;
  lost?: string;
  type?: string;
  dataLen?: number;
  dataSha256?: string;
  data?: string;
}

/** A record (or a skipped message) in a form both sides produce. */
type Outcome =
  | { kind: 'sample' | 'other'; cpu: number; recordType: number; data: string }
  | { kind: 'lost'; cpu: number; count: number | bigint }
  | { kind: 'skipped' };

const dataKey = (bytes: Uint8Array): string => `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}`;
const exact = (text: string): number | bigint => {
  const v = BigInt(text);
  return v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER) ? v : Number(v);
};

/**
 * What our reader must make of Go's reading: the same payload, or a skip where Go's decoder
 * failed or where CPU or Type do not fit a number (the reader's documented refusal).
 */
function expected(e: GoEntry): Outcome {
  if (e.error !== undefined) return { kind: 'skipped' };
  const cpu = exact(e.cpu!);
  const type = exact(e.type!);
  if (typeof cpu === 'bigint' || typeof type === 'bigint') return { kind: 'skipped' };
  if (type === 2) return { kind: 'lost', cpu, count: exact(e.lost!) };
  return { kind: type === 9 ? 'sample' : 'other', cpu, recordType: type, data: `${e.dataLen}:${e.dataSha256}` };
}

function outcome(r: InputRecord | Error): Outcome {
  if (r instanceof Error) return { kind: 'skipped' };
  if (r.kind === 'lost') return { kind: 'lost', cpu: r.cpu!, count: r.count };
  return { kind: r.kind, cpu: r.cpu!, recordType: r.kind === 'sample' ? 9 : r.recordType, data: dataKey(r.data!) };
}

function load(dir: string, name: string): { bytes: Uint8Array; go: string; decoded: GoEntry[] } {
  const raw = name === 'large' ? gunzipSync(readFileSync(join(dir, `${name}.gob.gz`))) : readFileSync(join(dir, `${name}.gob`));
  const doc = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { go: string; decoded: GoEntry[] };
  return { bytes: new Uint8Array(raw), ...doc };
}

/** Every message of the stream, as the live source reads it: records and skips in order. */
function ours(bytes: Uint8Array): Outcome[] {
  const gob = new GobStream({ resync: true });
  const out = gob.push(bytes).map((m) => outcome(messageRecord(m)));
  gob.end();
  return out;
}

/** Deterministic chunk sizes from 1 byte up, so messages split everywhere. */
function chunks(bytes: Uint8Array, seed: number, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = seed;
  for (let at = 0; at < bytes.length; ) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const n = 1 + (s % max);
    out.push(bytes.slice(at, at + n));
    at += n;
  }
  return out;
}

async function* source(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

describe('gob streams of the Go encoder, against Go\'s decoder (recorded)', () => {
  for (const name of STREAMS) {
    const { bytes, go, decoded } = load(FIXTURES, name);
    const want = decoded.map(expected);
    const firstSkip = want.findIndex((o) => o.kind === 'skipped');

    it(`${name}: every message as Go read it (${go}), skips where Go failed or an int exceeds 2^53`, () => {
      expect(want.length).toBeGreaterThan(0);
      expect(ours(bytes)).toEqual(want);
    });

    it(`${name}: the strict reader returns the same up to the first skip, in any chunking`, () => {
      const upTo = firstSkip < 0 ? want : want.slice(0, firstSkip);
      for (const [seed, max] of [[1, 7], [2, 300], [3, 70_000]] as const) {
        const reader = new MonitorStreamReader();
        const got: Outcome[] = [];
        let error: unknown;
        try {
          for (const part of chunks(bytes, seed, max)) got.push(...reader.push(part).map(outcome));
          reader.end();
        } catch (e) {
          error = e;
        }
        expect(got).toEqual(upTo);
        if (firstSkip < 0) expect(error).toBeUndefined();
        else expect(isSourceError(error) && error.code).toBe('bad-gob');
      }
      if (firstSkip < 0) expect(readGob(bytes).map(outcome)).toEqual(want);
    });

    it(`${name}: decodeStream({ input: 'gob' }) yields each sample's event (or its error), each lost and other record`, async () => {
      // What it must yield, from the records just checked against Go: samples decoded alone.
      const records = firstSkip < 0 ? readGob(bytes) : readGob(bytes.subarray(0, new GobStream({ resync: true }).push(bytes).filter((m) => m.typeId > 0)[firstSkip]!.offset));
      const decode = createDecoder({ release: RELEASE });
      const wanted = records.map((r) => {
        if (r.kind !== 'sample') return r;
        try {
          return { kind: 'event', event: decode(r.data), cpu: r.cpu, offset: r.offset };
        } catch (e) {
          if (!isCiliumEventsError(e)) throw e;
          return { kind: 'error', code: e.code, offset: r.offset, data: dataKey(r.data) };
        }
      });
      const got: unknown[] = [];
      let error: unknown;
      try {
        const stream = decodeStream(source(chunks(bytes, 9, 5000)), {
          input: 'gob',
          release: RELEASE,
          onError: (e, r) => got.push({ kind: 'error', code: e.code, offset: r.offset, data: dataKey(r.data) }),
        });
        for await (const r of stream) got.push(r.kind === 'event' ? { kind: 'event', event: r.event as Event, cpu: r.cpu, offset: r.offset } : r);
      } catch (e) {
        error = e;
      }
      expect(got).toEqual(wanted);
      if (firstSkip < 0) expect(error).toBeUndefined();
      else expect(isSourceError(error) && error.code).toBe('bad-gob');
      // The streams carry real drop and trace messages: some samples are events.
      expect(wanted.some((w) => w.kind === 'event')).toBe(true);
    });
  }

  it('the streams hold what they claim: 1 MiB+ data, Lost 2^64-1, every Type from -2 to 20, other types between payloads', () => {
    const all = STREAMS.flatMap((n) => load(FIXTURES, n).decoded);
    expect(Math.max(...all.map((e) => e.dataLen ?? 0))).toBeGreaterThan(1 << 20);
    expect(all.some((e) => e.lost === '18446744073709551615')).toBe(true);
    for (let t = -2; t <= 20; t++) expect(all.some((e) => e.type === String(t))).toBe(true);
    expect(load(FIXTURES, 'interleaved').decoded.filter((e) => e.error !== undefined).length).toBeGreaterThanOrEqual(4);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'gob-streams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const built = await buildGoProgram(GENERATOR, dir, 'gob-streams');
if (typeof built === 'string') console.warn(`gob-streams regeneration skipped: ${built}`);

describe.skipIf(typeof built === 'string')('gob streams regenerated with the Go toolchain here', () => {
  it('the generator writes the recorded streams again, byte for byte, and Go reads them the same', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync((built as { exe: string }).exe, ['-out', dir]);
    for (const name of STREAMS) {
      const fresh = load(dir, name);
      const recorded = load(FIXTURES, name);
      // A difference means the generator changed: run it into test/fixtures/gob (see its header).
      expect(fresh.bytes, name).toEqual(recorded.bytes);
      expect(fresh.decoded, name).toEqual(recorded.decoded);
      expect(ours(fresh.bytes), name).toEqual(fresh.decoded.map(expected));
    }
  });
});
