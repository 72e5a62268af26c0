/**
 * One fast-check harness per untrusted input of the library. `npm test` runs each briefly
 * (test/fuzz/fuzz.test.ts); `npm run fuzz` runs them long (test/fuzz/run.ts). Seeds come from
 * test/fixtures/corpus/ (valid events of every type × release from our encoder, and the streams
 * and captures carrying them), test/fixtures/go/ (the differential harness's samples) and
 * test/fixtures/perf-ring/ (rings the kernel wrote).
 */
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DecodeError, decodeEvent, encodeEvent } from '../../src/index.js';
import type { EncodableEvent, Event, Release } from '../../src/decode/types.js';
import { FormatError } from '../../src/format/errors.js';
import { formatEvent, toFlow } from '../../src/format/index.js';
import type { FormatMode } from '../../src/format/context.js';
import { dissectPacket, invokingPacket, type Packet } from '../../src/packet/index.js';
import { isRingError, readRecords, scanRecords, scanRing, type ReadOptions } from '../../src/ring/index.js';
import { createStreamReader, isSourceError, readBin, readBpftool, readGob, readHex, readInput, writeBin, type InputFormat, type InputRecord } from '../../src/sources/index.js';
import { releases } from '../../src/tables.js';
import { payload, PAYLOAD_DEFINITION } from '../cli/gob-writer.js';
import { eventArb, rawOf } from '../helpers/event-arbitraries.js';
import { bounded, equalBytes, MAX_MS, mutated, sameOutsideTheInput, snapshot, typedOnly, viewIn, type Harness } from './harness.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const corpus = join(fixtures, 'corpus');
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, path)));
const isDecodeError = (e: unknown): boolean => e instanceof DecodeError;
const isFormatError = (e: unknown): boolean => e instanceof FormatError;

// ---------------------------------------------------------------------------------------------
// Seeds

/** Hex lines of a corpus file, with the comment line above each. */
function hexEntries(file: string): { comment: string; bytes: Uint8Array }[] {
  const out: { comment: string; bytes: Uint8Array }[] = [];
  let comment = '';
  for (const line of readFileSync(join(corpus, file), 'utf8').split('\n')) {
    if (line.startsWith('#')) comment = line.slice(1).trim();
    else if (line.trim() !== '') out.push({ comment, bytes: Uint8Array.from(Buffer.from(line.trim(), 'hex')) });
  }
  return out;
}

export const ALL_RELEASES = releases as readonly Release[];
/** Valid events per release (every type and layout version the release has). */
export const EVENT_SEEDS: ReadonlyMap<Release, Uint8Array[]> = new Map(
  ALL_RELEASES.map((r) => [r, hexEntries(`events-${r}.hex`).map((e) => e.bytes)]),
);
/**
 * The differential harness's corpus (test/fixtures/go/<release>.json, what Cilium's own Go
 * code printed for each sample; see test/oracle/): realistic events of every type, with
 * packets, and the malformed records it adds on purpose.
 */
export const DIFFERENTIAL_SEEDS: Uint8Array[] = (existsSync(join(fixtures, 'go')) ? readdirSync(join(fixtures, 'go')) : [])
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => {
    const golden = JSON.parse(readFileSync(join(fixtures, 'go', f), 'utf8')) as { samples?: { data: string }[] };
    return (golden.samples ?? []).map((s) => Uint8Array.from(Buffer.from(s.data, 'hex')));
  });
const ALL_EVENTS = [...[...EVENT_SEEDS.values()].flat(), ...DIFFERENTIAL_SEEDS];
export const FRAME_SEEDS = hexEntries('packets.hex').map((e) => ({ startsAt: e.comment.split(' ')[0] as 'ethernet' | 'ip', bytes: e.bytes }));

/** Kernel-written rings (the 260 KiB `large` one is left out: it only slows each run). */
export const RING_SEEDS: { name: string; bytes: Uint8Array; backward: boolean }[] = readdirSync(join(fixtures, 'perf-ring'), { recursive: true })
  .map(String)
  .filter((p) => p.endsWith('ring.bin') && !p.startsWith('large'))
  .sort()
  .map((p) => {
    const meta = JSON.parse(readFileSync(join(fixtures, 'perf-ring', p.replace('ring.bin', 'meta.json')), 'utf8')) as { write_backward: boolean };
    return { name: p.replace('/ring.bin', ''), bytes: read(join('perf-ring', p)), backward: meta.write_backward };
  });

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const hexText = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export const STREAM_SEEDS: Record<InputFormat, Uint8Array[]> = {
  hex: [read('corpus/events-1.19.hex'), read('corpus/events-1.17.0.hex'), text('# c\n0102 03\r\nff\n\n  AB cd\n')],
  bin: [read('corpus/events.bin'), writeBin([Uint8Array.of(1, 2, 3), new Uint8Array(0), Uint8Array.of(4)])],
  gob: [read('corpus/monitor.gob'), Uint8Array.from([...PAYLOAD_DEFINITION, ...payload({ lost: 2 ** 40, cpu: 3, type: 2 }), ...payload({ data: Uint8Array.of(7), type: 5 })])],
  bpftool: [read('corpus/bpftool.json'), text('[{"type":9,"cpu":0,"index":0,"data":[1,2]},{"type":2,"cpu":1,"lost":{"id":1,"count":3}}]')],
  ring: RING_SEEDS.map((r) => r.bytes),
};
export const CAPTURE_SEEDS = [read('corpus/capture.pcap'), read('corpus/capture.pcapng')];

// ---------------------------------------------------------------------------------------------
// Helpers

function touchAll(value: unknown): void {
  snapshot(value, 3);
}

const decodeOptions = fc.record({
  release: fc.constantFrom(...ALL_RELEASES),
  littleEndian: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  extensionLengths: fc.option(fc.record({ drop: fc.constant({ 1: 8 }), trace: fc.constant({ 2: 3 }), policyVerdict: fc.constant({ 255: 0xffff }) }), {
    nil: undefined,
    freq: 5,
  }),
});

function decodeChecked(bytes: Uint8Array, options: object): Event | undefined {
  const r = sameOutsideTheInput(bytes, (view) => decodeEvent(view, options), isDecodeError, 'decodeEvent');
  if ('error' in r) {
    const e = r.error as DecodeError;
    bounded('DecodeError.offset', e.offset, Math.max(bytes.length, 0) + 64);
    return undefined;
  }
  const ev = r.value;
  if ('packet' in ev && ev.packet instanceof Uint8Array) bounded('packet view length', ev.packet.length, bytes.length);
  return ev;
}

const dataBytes = (records: readonly InputRecord[]): number =>
  records.reduce((n, r) => n + (r.kind === 'lost' ? 0 : (r.data?.byteLength ?? 0)), 0);

/** `bytes` cut into consecutive chunks at the given (sorted, deduplicated) points. */
function chunks(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.slice(at, p));
    at = p;
  }
  out.push(bytes.slice(at));
  return out;
}

/** Parses `bytes` as `format` whole and, in chunks, through the streaming reader: both must agree. */
function sourceChecked(format: InputFormat, bytes: Uint8Array, cuts: readonly number[], amplification: number): void {
  const whole = sameOutsideTheInput(bytes, (view) => readInput(view, format), isSourceError, `readInput(${format})`);
  if ('value' in whole) {
    bounded(`${format}: record bytes`, dataBytes(whole.value), bytes.length * amplification);
    bounded(`${format}: records`, whole.value.length, bytes.length + 1);
  }
  const reader = createStreamReader(format);
  const got: InputRecord[] = [];
  const streamed = typedOnly(
    () => {
      for (const c of chunks(bytes, cuts)) got.push(...reader.push(c));
      got.push(...reader.end());
    },
    isSourceError,
    `createStreamReader(${format})`,
  );
  if ('error' in whole) {
    if (!('error' in streamed)) throw new Error(`${format}: the whole input fails (${(whole.error as Error).message}) but the chunked read does not`);
    const [a, b] = [whole.error, streamed.error] as { code: string }[];
    if (a!.code !== b!.code) throw new Error(`${format}: whole read fails with ${a!.code}, chunked with ${b!.code}`);
  } else {
    if ('error' in streamed) throw new Error(`${format}: chunked read fails (${(streamed.error as Error).message}), the whole input does not`);
    const sa = JSON.stringify(snapshot(whole.value));
    const sb = JSON.stringify(snapshot(got));
    if (sa !== sb) throw new Error(`${format}: chunked read differs from the whole read:\n  ${sa.slice(0, 300)}\n  ${sb.slice(0, 300)}`);
  }
}

const withCuts = (bytes: fc.Arbitrary<Uint8Array>): fc.Arbitrary<{ bytes: Uint8Array; cuts: number[] }> =>
  fc.record({ bytes, cuts: fc.array(fc.nat(), { maxLength: 5 }) });

function sourceHarness(format: InputFormat, amplification: number): Harness<{ bytes: Uint8Array; cuts: number[] }> {
  return {
    name: `source-${format}`,
    owner: `src/sources (${format})`,
    checks: 'only SourceError; same result outside-the-input; record bytes bounded by input; chunked read = whole read',
    arbitrary: withCuts(mutated(STREAM_SEEDS[format])),
    property: ({ bytes, cuts }) => sourceChecked(format, bytes, cuts, amplification),
  };
}

const ringOutcome = (region: Uint8Array, options: ReadOptions): unknown => {
  const r = typedOnly(() => readRecords(region, { ...options, peek: true }), isRingError, `readRecords(${options.impl})`);
  if ('error' in r) {
    const e = r.error as { code: string; position?: bigint };
    return { error: e.code, position: String(e.position) };
  }
  const v = r.value;
  return {
    start: String(v.start),
    end: String(v.end),
    stop: v.stop,
    skipped: v.skipped,
    records: v.records.map((x) => (x.kind === 'sample' ? [x.offset, x.size, hexText(x.data)] : [x.offset, x.size, String(x.id), x.count])),
  };
};

/** Ring mutations aimed at what the reader trusts: the metadata counters and record headers. */
const U64_VALUES = [0n, 8n, 4096n, 8192n, (1n << 63n) - 8n, 1n << 63n, (1n << 64n) - 8n, (1n << 64n) - 1n];
const ringArb = fc.oneof(
  { weight: 2, arbitrary: mutated(STREAM_SEEDS.ring, { randomMaxLength: 64 }) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        seed: fc.nat(RING_SEEDS.length - 1),
        meta: fc.array(fc.record({ field: fc.constantFrom(1024, 1032, 1040, 1048), value: fc.oneof(fc.constantFrom(...U64_VALUES), fc.bigInt({ min: -16384n, max: 16384n })), relative: fc.boolean() }), {
          maxLength: 2,
        }),
        headers: fc.array(fc.record({ at: fc.nat(4095), width: fc.constantFrom(1, 2, 4), value: fc.nat(0xffffffff) }), { maxLength: 3 }),
      })
      .map(({ seed, meta, headers }) => {
        const b = RING_SEEDS[seed]!.bytes.slice();
        const dv = new DataView(b.buffer);
        for (const m of meta) dv.setBigUint64(m.field, BigInt.asUintN(64, (m.relative ? dv.getBigUint64(m.field, true) : 0n) + m.value), true);
        // Record headers sit at 8-byte boundaries of the data area: aim at the first few fields.
        for (const h of headers) {
          const at = 4096 + (h.at & ~7) + (h.at & 4 ? 4 : 0);
          if (at + h.width <= b.length) for (let i = 0; i < h.width; i++) b[at + i] = (h.value >>> (8 * i)) & 0xff;
        }
        return b;
      }),
  },
);

// ---------------------------------------------------------------------------------------------
// The harnesses

export const HARNESSES: Harness<any>[] = [
  {
    name: 'decode',
    owner: 'src/decode',
    checks: 'decodeEvent, every release and option: an event or DecodeError only; no reads outside the input; packet within the input',
    arbitrary: fc.record({ bytes: mutated(ALL_EVENTS), options: decodeOptions }),
    property: ({ bytes, options }: { bytes: Uint8Array; options: object }) => {
      decodeChecked(bytes, options);
    },
  } satisfies Harness<{ bytes: Uint8Array; options: object }>,
  {
    name: 'decode-roundtrip',
    owner: 'src/decode, src/encode',
    checks: 'valid events of every type × release: encode → decode gives the fields back, and re-encodes to the same bytes',
    arbitrary: fc.constantFrom(...ALL_RELEASES).chain((release) => eventArb(release).map((event) => ({ release, event }))),
    property: ({ release, event }: { release: Release; event: EncodableEvent }) => {
      const bytes = encodeEvent(event, { release });
      const ev = decodeChecked(bytes, { release });
      if (!ev) throw new Error(`a valid ${release} event of type ${event.type} does not decode`);
      const a = JSON.stringify(snapshot(rawOf(event)));
      const b = JSON.stringify(snapshot(rawOf(ev)));
      if (a !== b) throw new Error(`fields differ after the round trip:\n  ${a}\n  ${b}`);
      equalBytes('re-encoded bytes', encodeEvent(ev, { release }), bytes);
    },
  } satisfies Harness<{ release: Release; event: EncodableEvent }>,
  {
    name: 'decode-reencode',
    owner: 'src/decode, src/encode',
    checks: 'whatever decodes re-encodes, without any error, to bytes that decode to the same fields',
    arbitrary: fc.record({ bytes: mutated(ALL_EVENTS), release: fc.constantFrom(...ALL_RELEASES) }),
    property: ({ bytes, release }: { bytes: Uint8Array; release: Release }) => {
      const ev = decodeChecked(bytes, { release });
      if (!ev) return;
      const again = encodeEvent(ev, { release });
      const ev2 = decodeEvent(again, { release });
      const a = JSON.stringify(snapshot(rawOf(ev)));
      const b = JSON.stringify(snapshot(rawOf(ev2)));
      if (a !== b) throw new Error(`decode ∘ encode ∘ decode ≠ decode:\n  ${a}\n  ${b}`);
    },
  } satisfies Harness<{ bytes: Uint8Array; release: Release }>,
  {
    name: 'format',
    owner: 'src/format',
    checks: 'decoded untrusted events: formatEvent in every mode and toFlow give text or FormatError only',
    arbitrary: fc.record({
      bytes: mutated(ALL_EVENTS),
      release: fc.constantFrom(...ALL_RELEASES),
      mode: fc.constantFrom('summary' as const, 'verbose' as const, 'dissect' as const, 'hex' as const, 'json' as const),
    }),
    property: ({ bytes, release, mode }: { bytes: Uint8Array; release: Release; mode: FormatMode }) => {
      let ev: Event;
      try {
        ev = decodeEvent(bytes, { release });
      } catch (e) {
        if (isDecodeError(e)) return;
        throw e;
      }
      const t0 = performance.now();
      const line = typedOnly(() => formatEvent(ev, { release, mode, cpu: 1 }), isFormatError, `formatEvent(${mode})`);
      if ('value' in line) bounded('formatted length', line.value.length, 64 * bytes.length + 4096);
      const flow = typedOnly(() => toFlow(ev, { release }), isFormatError, 'toFlow');
      if ('value' in flow) touchAll(flow.value);
      const elapsed = performance.now() - t0;
      if (elapsed > MAX_MS) throw new Error(`formatting took ${elapsed.toFixed(0)} ms`);
    },
  } satisfies Harness<{ bytes: Uint8Array; release: Release; mode: FormatMode }>,
  {
    name: 'dissect',
    owner: 'src/packet',
    checks: 'dissectPacket: never throws, layers tile the input, no reads outside it (guarded view and canary), ICMP quotes too',
    arbitrary: fc.record({
      seed: fc.nat(FRAME_SEEDS.length - 1),
      bytes: mutated(FRAME_SEEDS.map((f) => f.bytes)),
      startsAt: fc.oneof(fc.constant(undefined), fc.constantFrom('ethernet' as const, 'ip' as const)),
    }),
    property: ({ seed, bytes, startsAt }: { seed: number; bytes: Uint8Array; startsAt: 'ethernet' | 'ip' | undefined }) => {
      const options = { startsAt: startsAt ?? FRAME_SEEDS[seed]!.startsAt };
      const never = (): boolean => false;
      const r = sameOutsideTheInput(bytes, (view) => dissectPacket(view, options), never, 'dissectPacket');
      const p = (r as { value: Packet }).value;
      let end = 0;
      for (const layer of p.layers) {
        if (layer.offset !== end) throw new Error(`layer ${layer.kind} at ${layer.offset}, expected ${end}`);
        end = layer.offset + layer.headerLength;
        bounded(`end of layer ${layer.kind}`, end, bytes.length);
      }
      dissectPacket(guarded(bytes), options).layers.forEach(touchAll);
      const quoted = invokingPacket(p);
      if (quoted !== null) touchAll(quoted);
    },
  } satisfies Harness<{ seed: number; bytes: Uint8Array; startsAt: 'ethernet' | 'ip' | undefined }>,
  {
    name: 'ring',
    owner: 'src/ring',
    checks: 'readRecords/scanRing/scanRecords, forward and backward: WebAssembly and TypeScript agree exactly, and the three entry points with each other; RingError only; no reads outside the region; peek leaves it unchanged',
    arbitrary: fc.record({ bytes: ringArb, backward: fc.boolean() }),
    property: ({ bytes, backward }: { bytes: Uint8Array; backward: boolean }) => {
      const direction = backward ? ('backward' as const) : ('forward' as const);
      const before = hexText(bytes);
      const t0 = performance.now();
      const ts = JSON.stringify(ringOutcome(viewIn(bytes, 0x00), { impl: 'ts', direction }));
      const wasm = JSON.stringify(ringOutcome(viewIn(bytes, 0xa5), { impl: 'wasm', direction }));
      const elapsed = performance.now() - t0;
      if (elapsed > MAX_MS) throw new Error(`ring reads took ${elapsed.toFixed(0)} ms`);
      if (ts !== wasm) throw new Error(`walkers disagree:\n  ts   ${ts.slice(0, 300)}\n  wasm ${wasm.slice(0, 300)}`);
      const parsed = JSON.parse(ts) as { records?: unknown[] };
      if (parsed.records) bounded('records', parsed.records.length, bytes.length / 8);
      for (const impl of ['ts', 'wasm'] as const) {
        const s = typedOnly(() => scanRing(bytes, { impl, direction, peek: true }), isRingError, `scanRing(${impl})`);
        if ('value' in s && parsed.records && s.value.samples + s.value.lostRecords !== parsed.records.length) {
          throw new Error(`scanRing(${impl}) counts ${s.value.samples + s.value.lostRecords} records, readRecords ${parsed.records.length}`);
        }
        // scanRecords: the same records as descriptors (no filter), the same data.
        const b = typedOnly(() => scanRecords(bytes, { impl, direction, peek: true }), isRingError, `scanRecords(${impl})`);
        if ('value' in b !== ('records' in parsed)) throw new Error(`scanRecords(${impl}) and readRecords disagree on failing: ${ts.slice(0, 200)}`);
        if ('value' in b && parsed.records) {
          const batch = b.value;
          if (batch.count !== parsed.records.length) throw new Error(`scanRecords(${impl}) has ${batch.count} records, readRecords ${parsed.records.length}`);
          for (let i = 0; i < batch.count; i++) {
            const want = parsed.records[i] as [number, number, string];
            if (batch.offset(i) !== want[0] || batch.size(i) !== want[1]) throw new Error(`scanRecords(${impl}) record ${i}: offset/size ${batch.offset(i)}/${batch.size(i)}, readRecords ${want[0]}/${want[1]}`);
            if (!batch.isLost(i) && hexText(batch.data(i)) !== want[2]) throw new Error(`scanRecords(${impl}) record ${i}: other bytes than readRecords`);
          }
        }
      }
      if (hexText(bytes) !== before) throw new Error('a peek changed the region');
      // A consuming read may write data_tail and nothing else.
      const copy = bytes.slice();
      typedOnly(() => readRecords(copy, { impl: 'ts', direction }), isRingError, 'readRecords');
      if (bytes.length >= 1040) copy.set(bytes.subarray(1032, 1040), 1032);
      if (hexText(copy) !== before) throw new Error('a read changed more than data_tail');
    },
  } satisfies Harness<{ bytes: Uint8Array; backward: boolean }>,
  sourceHarness('hex', 0.5),
  sourceHarness('bin', 1),
  sourceHarness('gob', 1),
  sourceHarness('bpftool', 0.5),
  sourceHarness('ring', 1),
  {
    name: 'source-gob-resync',
    owner: 'src/sources/gob',
    checks: 'readGob with resync: records or SourceError only; no reads outside the input; record bytes bounded',
    arbitrary: mutated(STREAM_SEEDS.gob),
    property: (bytes: Uint8Array) => {
      const r = sameOutsideTheInput(bytes, (view) => readGob(view, { resync: true }), isSourceError, 'readGob(resync)');
      if ('value' in r) bounded('record bytes', dataBytes(r.value), bytes.length);
    },
  } satisfies Harness<Uint8Array>,
  {
    name: 'source-auto',
    owner: 'src/sources (detect)',
    checks: 'readInput(auto) on anything: records or SourceError only',
    arbitrary: mutated(Object.values(STREAM_SEEDS).flat()),
    property: (bytes: Uint8Array) => {
      const r = sameOutsideTheInput(bytes, (view) => readInput(view, 'auto'), isSourceError, 'readInput(auto)');
      if ('value' in r) bounded('record bytes', dataBytes(r.value), bytes.length);
    },
  } satisfies Harness<Uint8Array>,
  {
    name: 'source-stream-work',
    owner: 'src/sources (streaming readers)',
    checks: 'a large record fed in small chunks: linear work (bytes copied ≤ 4 × input + 64 KiB), the same record as the whole read',
    arbitrary: fc.record({
      format: fc.constantFrom('hex' as const, 'bin' as const, 'bpftool' as const, 'gob' as const),
      size: fc.integer({ min: 1024, max: 96 * 1024 }),
      chunk: fc.integer({ min: 1, max: 256 }),
    }),
    property: ({ format, size, chunk }: { format: 'hex' | 'bin' | 'bpftool' | 'gob'; size: number; chunk: number }) => {
      const bytes = bigRecord(format, size);
      const got: InputRecord[] = [];
      const copied = bytesCopied(() => {
        const reader = createStreamReader(format);
        for (let at = 0; at < bytes.length; at += chunk) got.push(...reader.push(bytes.subarray(at, at + chunk)));
        got.push(...reader.end());
      });
      bounded(`${format}: bytes copied for a ${bytes.length}-byte input in ${chunk}-byte chunks`, copied, 4 * bytes.length + 65536);
      const samples = got.filter((r) => r.kind === 'sample');
      if (samples.length !== 1) throw new Error(`${format}: ${samples.length} records from one`);
    },
  } satisfies Harness<{ format: 'hex' | 'bin' | 'bpftool' | 'gob'; size: number; chunk: number }>,
  {
    name: 'sources-roundtrip',
    owner: 'src/sources',
    checks: 'messages written as hex lines, bin frames, gob Payloads and bpftool JSON read back unchanged',
    arbitrary: fc.record({
      messages: fc.array(fc.uint8Array({ minLength: 1, maxLength: 80 }), { maxLength: 8 }),
      upper: fc.boolean(),
      spaced: fc.boolean(),
      cpu: fc.nat(1023),
      lost: fc.oneof(fc.nat(), fc.constant(2 ** 53 + 2)),
    }),
    property: ({ messages, upper, spaced, cpu, lost }: { messages: Uint8Array[]; upper: boolean; spaced: boolean; cpu: number; lost: number }) => {
      const same = (what: string, got: InputRecord[]): void => {
        const datas = got.filter((r) => r.kind === 'sample').map((r) => (r as { data: Uint8Array }).data);
        if (datas.length !== messages.length) throw new Error(`${what}: ${datas.length} messages back, ${messages.length} written`);
        datas.forEach((d, i) => equalBytes(`${what} message ${i}`, d, messages[i]!));
      };
      const lines = messages.map((m) => {
        let h = hexText(m);
        if (upper) h = h.toUpperCase();
        return spaced ? h.replace(/(..)(?!$)/g, '$1 ') : h;
      });
      same('hex', readHex(`# written by the harness\n${lines.join('\n')}\n`));
      same('bin', readBin(writeBin(messages)));
      const gob = Uint8Array.from([...PAYLOAD_DEFINITION, ...messages.flatMap((m) => [...payload({ data: m, cpu, type: 9 })]), ...payload({ lost, cpu, type: 2 })]);
      const g = readGob(gob);
      same('gob', g);
      const l = g.at(-1)!;
      if (l.kind !== 'lost' || Number(l.count) !== lost || l.cpu !== cpu) throw new Error(`gob lost record: ${JSON.stringify(snapshot(l))}`);
      const json = JSON.stringify(messages.map((m) => ({ type: 9, cpu, index: 0, data: [...m] })));
      same('bpftool', readBpftool(json));
    },
  } satisfies Harness<{ messages: Uint8Array[]; upper: boolean; spaced: boolean; cpu: number; lost: number }>,
];

/** One record of `size` bytes in `format`, the way a stream would carry it. */
function bigRecord(format: Exclude<InputFormat, 'ring'>, size: number): Uint8Array {
  switch (format) {
    case 'hex':
      return text(`${'ab'.repeat(size >> 1)}\n`);
    case 'bin':
      return writeBin([new Uint8Array(size).fill(7)]);
    case 'bpftool':
      return text(`[{"type":9,"cpu":0,"index":0,"data":[${'1,'.repeat(size >> 1)}1]}]`);
    case 'gob':
      return Uint8Array.from([...PAYLOAD_DEFINITION, ...payload({ data: new Uint8Array(size).fill(7), type: 9 })]);
  }
}

/** Counts the bytes typed-array copies move while `f` runs. */
function bytesCopied(f: () => void): number {
  const proto = Uint8Array.prototype;
  const { set, slice } = proto;
  let copied = 0;
  proto.set = function (this: Uint8Array, src: ArrayLike<number>, offset?: number) {
    copied += src.length;
    return set.call(this, src, offset);
  } as typeof set;
  proto.slice = function (this: Uint8Array, start?: number, end?: number) {
    const r = slice.call(this, start, end);
    copied += r.length;
    return r;
  } as typeof slice;
  try {
    f();
  } finally {
    proto.set = set;
    proto.slice = slice;
  }
  return copied;
}

/** The pcap reader (src/pcap), when that module exists. */
export async function pcapHarness(): Promise<Harness<Uint8Array> | undefined> {
  let pcap: typeof import('../../src/pcap/index.js');
  try {
    pcap = await import('../../src/pcap/index.js');
  } catch {
    return undefined;
  }
  return {
    name: 'pcap',
    owner: 'src/pcap (reader)',
    checks: 'readCapture on mutated pcap and pcapng files: a capture or PcapError only; no reads outside the input; packet bytes bounded',
    arbitrary: mutated(CAPTURE_SEEDS),
    property: (bytes: Uint8Array) => {
      const r = sameOutsideTheInput(bytes, (view) => pcap.readCapture(view), pcap.isPcapError, 'readCapture');
      if ('value' in r) bounded('packet bytes', r.value.packets.reduce((n, p) => n + p.data.byteLength, 0), bytes.length);
    },
  };
}

/** A view of `bytes` that throws on any element read outside `0 … length-1`. */
function guarded(bytes: Uint8Array): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === 'string' && /^(-?\d+(\.\d+)?|NaN|-?Infinity)$/.test(key)) {
        const i = Number(key);
        if (!Number.isInteger(i) || i < 0 || i >= target.length) throw new RangeError(`read outside the packet at ${key}`);
        return target[i];
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Every harness, the pcap reader's included when src/pcap exists. */
export async function allHarnesses(): Promise<Harness<any>[]> {
  const pcap = await pcapHarness();
  return pcap ? [...HARNESSES, pcap] : HARNESSES;
}
