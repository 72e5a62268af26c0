// The ring reader on perf rings the running kernel writes during this test.
//
// perf-ring-writer.c (compiled here into a temp dir) makes the kernel's bpf_perf_event_output()
// write payloads chosen below into the CPU 0 ring of a perf event array, then saves the
// mapping byte for byte with a log of every helper result. What the reader must return is
// derived from that log and the perf ring rules (fixture README, perf_event.h), not from the
// reader: samples in emission order, raw_size = roundup(len + 4, 8) - 4 with the payload as
// prefix, a LOST record before the first accepted sample after each run of refusals.
//
// Whenever the setup cannot be had (not root, no compiler, bpf()/perf_event_open refused,
// verifier rejection, timeouts) the whole file skips with the reason printed; only a
// disagreement between the kernel's ring and our reader fails.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEvents, readRecords } from '../../src/ring/index.js';
import type { RingRecord } from '../../src/ring/index.js';
import { encodeEvent } from '../../src/encode/encode-event.js';
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { RAW_FIELDS } from '../helpers/event-arbitraries.js';

const RELEASE: Release = '1.18';
const TIMEOUT_MS = 20_000;
const DATA_PAGES = 1;
const ENOSPC = 28;
const source = fileURLToPath(new URL('./perf-ring-writer.c', import.meta.url));

/** One payload given to the helper; `event` when the bytes are an encoded monitor message. */
interface Payload {
  bytes: Uint8Array;
  event?: EncodableEvent;
}
/** A payload to emit, or a reader storing `data_tail`: the head after step `after`, or the current head. */
type Step = Payload | { consume: 'all' | number };
type LogStep = { len: number; ret: number } | { consume: string; after: number };
interface Log {
  mode: string;
  page_size: number;
  event_id: string;
  steps: LogStep[];
  data_head: string;
  data_tail: string;
}
interface Run {
  steps: Step[];
  log: Log;
  ring: Uint8Array;
}

/** Deterministic pseudo-random numbers (LCG), so every run emits the same sequence. */
function numbers(seed: number): (below: number) => number {
  let s = seed >>> 0;
  return (below) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % below;
  };
}

function bytesOf(n: number, next: (below: number) => number): Uint8Array {
  return Uint8Array.from({ length: n }, () => next(256));
}

/** Encoded event with a packet grown until the whole message is `total` bytes (≤ 300). */
function eventOf(make: (packet: Uint8Array) => EncodableEvent, total: number, next: (below: number) => number): Payload {
  const header = encodeEvent(make(new Uint8Array(0)), { release: RELEASE }).length;
  const event = make(bytesOf(Math.max(0, total - header), next));
  return { bytes: encodeEvent(event, { release: RELEASE }), event };
}

const EMPTY = new Uint8Array(0);

/** Cilium-like messages (drop, trace, debug, debug capture) and raw payloads of 1..300 bytes. */
function payload(next: (below: number) => number): Payload {
  const common = { release: RELEASE, subtype: next(256), source: next(65536), hash: next(2 ** 31) };
  switch (next(6)) {
    case 0:
      return eventOf((packet) => ({
        type: 1, ...common, origLen: 1500, capLen: packet.length, version: 1, extVersion: 0,
        srcLabel: next(70000), dstLabel: 2, dstId: next(4096), line: next(2000), file: next(200), extError: -3,
        ifindex: next(40), flags: 0, ipTraceId: 0n, extension: EMPTY, packet,
      }), 48 + next(253), next);
    case 1:
      return eventOf((packet) => ({
        type: 4, ...common, origLen: 1500, capLen: packet.length, version: 1, extVersion: 0,
        srcLabel: next(70000), dstLabel: 6, dstId: next(4096), reason: next(8), flags: next(4), ifindex: next(40),
        origIpBytes: bytesOf(16, next), ipTraceId: 0n, extension: EMPTY, packet,
      }), 64 + next(237), next);
    case 2: {
      const event: EncodableEvent = { type: 2, ...common, arg1: next(2 ** 31), arg2: next(2 ** 31), arg3: next(2 ** 31) };
      return { bytes: encodeEvent(event, { release: RELEASE }), event };
    }
    case 3:
      return eventOf((packet) => ({
        type: 3, ...common, origLen: 1500, capLen: packet.length, version: 1, extVersion: 0,
        arg1: next(2 ** 31), arg2: next(2 ** 31), extension: EMPTY, packet,
      }), 24 + next(100), next);
    case 4:
      // Short payloads: padding of 0..7 bytes and records of 16 bytes that fit a nearly full ring.
      return { bytes: bytesOf(1 + next(12), next) };
    default:
      return { bytes: bytesOf(1 + next(300), next) };
  }
}

/**
 * Forward ring: 80 payloads consumed in groups of 8 (several laps, records straddling the
 * end), then payloads without consuming everything: the ring fills and samples are refused,
 * and twice the reader frees the oldest records, so later samples fit behind a LOST record.
 */
function forwardSteps(): Step[] {
  const next = numbers(0xc111);
  const steps: Step[] = [];
  for (let i = 0; i < 80; i++) {
    steps.push(payload(next));
    if (i % 8 === 7) steps.push({ consume: 'all' });
  }
  const unread = steps.length;
  const emit = (n: number): void => {
    for (let i = 0; i < n; i++) steps.push(payload(next));
  };
  emit(40);
  steps.push({ consume: unread + 5 });
  emit(30);
  steps.push({ consume: unread + 11 });
  emit(30);
  return steps;
}

/** Backward overwrite ring: 150 payloads, many laps; only the newest survive. */
function backwardSteps(): Step[] {
  const next = numbers(0xbac4);
  return Array.from({ length: 150 }, () => payload(next));
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, _out, stderr) => {
      if (err) reject(new Error(`${[file, ...args].join(' ')}: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/** Builds perf-ring-writer.c with the first compiler that works; the reason when none does. */
async function compile(exe: string): Promise<string | undefined> {
  const failures: string[] = [];
  for (const cc of ['cc', 'clang', 'gcc']) {
    try {
      await run(cc, ['-O1', '-o', exe, source]);
      return undefined;
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  return `no working C compiler: ${failures.join(' | ')}`;
}

/** Compiles the writer and has the kernel write both rings; a reason string when impossible. */
async function setUp(dir: string): Promise<{ forward: Run; backward: Run } | string> {
  if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root (bpf(), perf_event_open on a CPU)';
  const exe = join(dir, 'perf-ring-writer');
  const compileFailure = await compile(exe);
  if (compileFailure) return compileFailure;
  const once = async (mode: 'forward' | 'backward', steps: Step[]): Promise<Run> => {
    const payloads = join(dir, `${mode}.txt`);
    const line = (s: Step): string =>
      'bytes' in s ? hex(s.bytes) : s.consume === 'all' ? 'consume' : `consume ${s.consume}`;
    writeFileSync(payloads, steps.map(line).join('\n') + '\n');
    const ringFile = join(dir, `${mode}.bin`);
    const logFile = join(dir, `${mode}.json`);
    await run(exe, [mode, String(DATA_PAGES), payloads, ringFile, logFile]);
    return { steps, log: JSON.parse(readFileSync(logFile, 'utf8')) as Log, ring: new Uint8Array(readFileSync(ringFile)) };
  };
  let runs: { forward: Run; backward: Run };
  try {
    runs = { forward: await once('forward', forwardSteps()), backward: await once('backward', backwardSteps()) };
  } catch (e) {
    return `the kernel did not provide the setup: ${(e as Error).message}`;
  }
  // The payload counts are chosen to lap and fill a 4 KiB ring.
  if (runs.forward.log.page_size !== 4096) return `the scenario needs 4096-byte pages, not ${runs.forward.log.page_size}`;
  return runs;
}

/** setUp in a temp dir that is gone afterwards (the runs are in memory by then). */
async function attempt(): Promise<{ forward: Run; backward: Run } | string> {
  let dir: string;
  try {
    dir = mkdtempSync(join(tmpdir(), 'live-ring-'));
  } catch (e) {
    return `no temp dir: ${(e as Error).message}`;
  }
  try {
    return await setUp(dir);
  } catch (e) {
    return `setup failed: ${(e as Error).message}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const live = await attempt();
if (typeof live === 'string') console.warn(`kernel ring tests skipped: ${live}`);

/** What a reader must return: a sample per accepted payload, LOST before the first accepted one after refusals. */
type Want = { type: 'sample'; payload: Payload } | { type: 'lost'; lost: number };

function rawSize(len: number): number {
  return Math.ceil((len + 4) / 8) * 8 - 4;
}

/**
 * The unread records of a forward ring from its log: each written at the step of an accepted
 * sample (a LOST record first when samples were refused since the last one); consuming up to
 * the head after step N drops the records written at steps up to N.
 */
function forwardWant(r: Run): { want: Want[]; tail: bigint; refusedUnreported: number } {
  let written: { step: number; want: Want }[] = [];
  let pending = 0;
  let tail = 0n;
  r.log.steps.forEach((s, i) => {
    if ('consume' in s) {
      written = written.filter((w) => w.step > s.after);
      tail = BigInt(s.consume);
      return;
    }
    if (s.ret === -ENOSPC) {
      pending++;
      return;
    }
    if (pending > 0) written.push({ step: i, want: { type: 'lost', lost: pending } });
    pending = 0;
    written.push({ step: i, want: { type: 'sample', payload: r.steps[i] as Payload } });
  });
  return { want: written.map((w) => w.want), tail, refusedUnreported: pending };
}

function checkRecords(records: readonly RingRecord[], want: readonly Want[], eventId: bigint): void {
  expect(records.map((r) => r.kind)).toEqual(want.map((w) => w.type));
  records.forEach((rec, i) => {
    const w = want[i]!;
    if (rec.kind === 'lost' && w.type === 'lost') {
      expect({ id: rec.id, lost: rec.count, size: rec.size }).toEqual({ id: eventId, lost: w.lost, size: 24 });
    } else if (rec.kind === 'sample' && w.type === 'sample') {
      const len = w.payload.bytes.length;
      expect(rec.data.length).toBe(rawSize(len));
      expect(rec.size).toBe(8 + 4 + rawSize(len));
      expect(hex(rec.data.subarray(0, len))).toBe(hex(w.payload.bytes));
    }
  });
}

function checkEvents(entries: ReturnType<typeof readEvents>['entries'], want: readonly Want[]): number {
  let decoded = 0;
  entries.forEach((entry, i) => {
    const w = want[i]!;
    if (w.type !== 'sample' || !w.payload.event) return;
    const sent = w.payload.event as unknown as Record<string, unknown>;
    expect(entry.kind).toBe('event');
    if (entry.kind !== 'event') return;
    const got = entry.event as unknown as Record<string, unknown>;
    for (const field of RAW_FIELDS[String(sent.type)]!) expect(got[field], `${i}: ${field}`).toEqual(sent[field]);
    decoded++;
  });
  return decoded;
}

describe.skipIf(typeof live === 'string')('perf rings written by the running kernel', () => {
  // A skipped describe still runs this body to collect its tests: give it empty runs then.
  const none: Run = { steps: [], log: { mode: '', page_size: 0, event_id: '0', steps: [], data_head: '0', data_tail: '0' }, ring: new Uint8Array(0) };
  const { forward, backward } = typeof live === 'string' ? { forward: none, backward: none } : live;

  describe('forward ring (writable mapping), filled until samples are refused', () => {
    const { want, tail, refusedUnreported } = forwardWant(forward);
    const refused = forward.log.steps.filter((s) => 'ret' in s && s.ret === -ENOSPC).length;
    const lostInWindow = want.reduce((n, w) => n + (w.type === 'lost' ? w.lost : 0), 0);

    it('the run did what it is meant to exercise: laps, refusals, lost records', () => {
      expect(BigInt(forward.log.data_head)).toBeGreaterThan(BigInt(forward.log.page_size * DATA_PAGES * 2));
      expect(refused).toBeGreaterThan(0);
      expect(want.filter((w) => w.type === 'lost').length).toBeGreaterThan(1);
      // Every refusal is in a LOST record of the unread window, except those after the last
      // accepted sample: the kernel can only report refusals in front of a later sample.
      expect(lostInWindow + refusedUnreported).toBe(refused);
      expect(BigInt(forward.log.data_tail)).toBe(tail);
      // The unread window crosses the end of the data area.
      const size = BigInt(forward.log.page_size * DATA_PAGES);
      expect((tail % size) + BigInt(forward.log.data_head) - tail).toBeGreaterThan(size);
    });

    for (const impl of ['wasm', 'ts'] as const) {
      it(`${impl}: samples in emission order with the emitted bytes, lost counts equal the refusals`, () => {
        const r = readRecords(forward.ring.slice(), { impl, peek: true });
        expect(r.start).toBe(tail);
        expect(r.end).toBe(BigInt(forward.log.data_head));
        checkRecords(r.records, want, BigInt(forward.log.event_id));
        expect(r.lostSamples).toBe(lostInWindow);
        expect(r.samples).toBe(want.filter((w) => w.type === 'sample').length);
      });

      it(`${impl}: Cilium-like payloads decode to the events that were encoded`, () => {
        const r = readEvents(forward.ring.slice(), { impl, peek: true, cpu: 0, decode: { release: RELEASE } });
        expect(r.entries).toHaveLength(want.length);
        expect(checkEvents(r.entries, want)).toBeGreaterThan(0);
      });

      it(`${impl}: a read that commits data_tail leaves nothing unread`, () => {
        const ring = forward.ring.slice();
        const first = readRecords(ring, { impl });
        expect(first.records).toHaveLength(want.length);
        expect(readRecords(ring, { impl }).records).toEqual([]);
      });
    }
  });

  describe('backward ring (write_backward, read-only mapping), overwritten for several laps', () => {
    const accepted = backward.steps.filter((_, i) => {
      const s = backward.log.steps[i];
      return s !== undefined && 'ret' in s && s.ret === 0;
    }) as Payload[];
    const dataSize = backward.log.page_size * DATA_PAGES;
    // Newest first; a record is whole while all records up to it fit in the data area.
    const want: Want[] = [];
    let whole = 0;
    for (const p of [...accepted].reverse()) {
      const size = 12 + rawSize(p.bytes.length);
      if (whole + size > dataSize) break;
      whole += size;
      want.push({ type: 'sample', payload: p });
    }

    it('the run wrapped the ring', () => {
      const written = accepted.reduce((n, p) => n + 12 + rawSize(p.bytes.length), 0);
      expect(written).toBeGreaterThan(2 * dataSize);
      expect(BigInt(backward.log.data_head)).toBe((1n << 64n) - BigInt(written));
    });

    for (const impl of ['wasm', 'ts'] as const) {
      it(`${impl}: the newest records read back newest first`, () => {
        const r = readRecords(backward.ring.slice(), { impl, direction: 'backward' });
        expect(r.start).toBe(BigInt(backward.log.data_head));
        checkRecords(r.records, want, BigInt(backward.log.event_id));
        // The ring is full: the walk ends after exactly data_size bytes or at the partly overwritten record.
        expect(r.stop).toBe(whole === dataSize ? 'window' : 'overwritten');
      });

      it(`${impl}: Cilium-like payloads decode to the events that were encoded`, () => {
        const r = readEvents(backward.ring.slice(), { impl, direction: 'backward', cpu: 0, decode: { release: RELEASE } });
        expect(r.entries).toHaveLength(want.length);
        expect(checkEvents(r.entries, want)).toBeGreaterThan(0);
      });
    }
  });
});
