// Random corruption of metadata and records: only RingError or correct records, the same
// from both walkers, never a crash, hang or view outside the ring.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRingError, readRecords, scanRing, type ReadOptions, type RingRead } from '../../src/ring/index.js';
import { BackwardModel, ForwardModel, PAGE, fill } from './model.js';

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const toHex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

const errorText = (e: unknown): string => {
  if (!isRingError(e)) throw e;
  return `${e.code}@${String(e.position)}`;
};

/**
 * scanRing walks with its own entry point (the wasm walker's `scan`); it must count exactly
 * what readRecords returns and fail with the same error at the same position.
 */
function expectScanAgrees(mapping: Uint8Array, options: ReadOptions, read: RingRead | string): void {
  let scanned: unknown;
  try {
    const s = scanRing(mapping, { ...options, peek: true });
    scanned = [s.start, s.end, s.stop, s.samples, s.lostRecords, s.lostSamples, s.skipped];
  } catch (e) {
    scanned = errorText(e);
  }
  if (typeof read === 'string') {
    expect(scanned).toBe(read);
    return;
  }
  const samples = read.records.filter((r) => r.kind === 'sample').length;
  let lostSamples = 0;
  for (const r of read.records) if (r.kind === 'lost') lostSamples += r.count;
  const lostRecords = read.records.length - samples;
  expect(scanned).toEqual([read.start, read.end, read.stop, samples, lostRecords, lostSamples, read.skipped]);
}

/** The observable outcome of one read, comparable across walkers; scanRing must agree with it. */
function outcome(mapping: Uint8Array, options: ReadOptions): { error: string } | { read: RingRead; plain: unknown } {
  let read: RingRead;
  try {
    read = readRecords(mapping, { ...options, peek: true });
  } catch (e) {
    const error = errorText(e);
    expectScanAgrees(mapping, options, error);
    return { error };
  }
  expectScanAgrees(mapping, options, read);
  const plain = {
    start: read.start,
    end: read.end,
    stop: read.stop,
    skipped: read.skipped,
    records: read.records.map((r) =>
      r.kind === 'sample' ? [r.offset, r.size, toHex(r.data)] : [r.offset, r.size, r.id, r.count],
    ),
  };
  return { read, plain };
}

type Outcome = ReturnType<typeof outcome>;
const comparable = (o: Outcome): unknown => ('read' in o ? o.plain : o);

function checkInvariants(r: RingRead, mapping: Uint8Array, dataSize: number): void {
  const walked = U64(r.end - r.start);
  expect(walked).toBeLessThanOrEqual(BigInt(dataSize));
  let last = -1;
  for (const rec of r.records) {
    expect(rec.offset).toBeGreaterThan(last);
    expect(rec.offset % 8).toBe(0);
    expect(BigInt(rec.offset + rec.size)).toBeLessThanOrEqual(walked);
    last = rec.offset;
    if (rec.kind === 'sample') {
      expect(rec.data.length).toBeLessThanOrEqual(rec.size - 12);
      if (rec.data.buffer === mapping.buffer) {
        expect(rec.data.byteOffset).toBeGreaterThanOrEqual(mapping.byteOffset + PAGE);
        expect(rec.data.byteOffset + rec.data.length).toBeLessThanOrEqual(mapping.byteOffset + mapping.length);
      }
    }
  }
}

const payloads = fc.array(fc.uint8Array({ minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 60, size: 'max' });
const sizeArb = fc.integer({ min: 7, max: 12 }).map((k) => 2 ** k);

type Damage =
  | { at: 'meta'; field: 0 | 1 | 2 | 3; value: bigint }
  | { at: 'header'; record: number; bytes: Uint8Array }
  | { at: 'bytes'; flips: [number, number][] };
const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({
    at: fc.constant('meta' as const),
    field: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    value: fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 1n << 14n })),
  }),
  fc.record({ at: fc.constant('header' as const), record: fc.nat(), bytes: fc.uint8Array({ minLength: 8, maxLength: 8 }) }),
  fc.record({
    at: fc.constant('bytes' as const),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
  }),
);

/**
 * Applies the damage; returns the offset (from the walk start) of the first damaged data
 * byte, or undefined when the metadata was damaged.
 */
function damage(mapping: Uint8Array, size: number, start: bigint, positions: bigint[], d: Damage): number | undefined {
  const meta = new DataView(mapping.buffer, mapping.byteOffset);
  const rel = (ringOffset: number): number => Number(U64(BigInt(ringOffset) - start) % BigInt(size));
  if (d.at === 'meta') {
    meta.setBigUint64(1024 + 8 * d.field, d.value, true);
    return undefined;
  }
  if (d.at === 'header') {
    if (positions.length === 0) return size;
    const p = positions[d.record % positions.length]!;
    const ringOffset = Number(p % BigInt(size));
    mapping.set(d.bytes, PAGE + ringOffset);
    return rel(ringOffset);
  }
  let first = size;
  for (const [where, x] of d.flips) {
    const ringOffset = where % size;
    mapping[PAGE + ringOffset]! ^= x;
    first = Math.min(first, rel(ringOffset));
  }
  return first;
}

describe('corrupted rings', () => {
  it('forward: RingError or correct records, identical from both walkers', () => {
    fc.assert(
      fc.property(sizeArb, fc.integer(), payloads, damageArb, (size, seed, ps, d) => {
        const model = new ForwardModel(size, BigInt(seed >>> 0) * 8n, 7n);
        fill(model.data, seed);
        for (const p of ps) if (!model.emit(p)) model.consume(1);
        const original = outcome(model.mapping, { impl: 'ts' });
        if (!('read' in original)) throw new Error('the undamaged model ring must read');
        const firstBad = damage(model.mapping, size, model.tail, model.unread.map((w) => w.position), d);

        const wasm = outcome(model.mapping, { impl: 'wasm' });
        const ts = outcome(model.mapping, { impl: 'ts' });
        expect(comparable(wasm)).toEqual(comparable(ts));
        if (!('read' in ts)) return;
        checkInvariants(ts.read, model.mapping, size);
        if (firstBad === undefined) return;
        // Records wholly before the first damaged byte are read exactly as before.
        const before = original.read.records.filter((r) => r.offset + r.size <= firstBad);
        const got = (ts.plain as { records: unknown[] }).records.slice(0, before.length);
        expect(got).toEqual((original.plain as { records: unknown[] }).records.slice(0, before.length));
      }),
      { numRuns: 400 },
    );
  });

  it('backward: stops early or throws RingError, identical from both walkers', () => {
    fc.assert(
      fc.property(sizeArb, payloads, damageArb, (size, ps, d) => {
        const model = new BackwardModel(size);
        for (const p of ps) model.emit(p);
        damage(model.mapping, size, model.head, model.written.map((w) => w.position), d);
        const wasm = outcome(model.mapping, { impl: 'wasm', direction: 'backward' });
        const ts = outcome(model.mapping, { impl: 'ts', direction: 'backward' });
        expect(comparable(wasm)).toEqual(comparable(ts));
        if ('read' in ts) checkInvariants(ts.read, model.mapping, size);
      }),
      { numRuns: 300 },
    );
  });

  it('names the damage: zero, misaligned, oversized and overlong records, bad counters', () => {
    const fresh = (): ForwardModel => {
      const m = new ForwardModel(4096, 0n, 1n);
      for (let i = 0; i < 5; i++) m.emit(new Uint8Array(40).fill(i));
      return m;
    };
    const code = (mapping: Uint8Array, impl: 'wasm' | 'ts'): string => {
      const o = outcome(mapping, { impl });
      return 'error' in o ? o.error.split('@')[0]! : 'ok';
    };
    const cases: [string, (m: ForwardModel, v: DataView) => void][] = [
      ['record-too-small', (_m, v) => v.setUint16(PAGE + 56 + 6, 0, true)],
      ['misaligned', (_m, v) => v.setUint16(PAGE + 56 + 6, 60, true)],
      ['record-past-head', (_m, v) => v.setUint16(PAGE + 56 + 6, 4000, true)],
      ['record-too-large', (_m, v) => v.setUint16(PAGE + 56 + 6, 8192, true)],
      ['bad-sample-size', (_m, v) => v.setUint32(PAGE + 56 + 8, 45, true)],
      ['head-behind-tail', (_m, v) => v.setBigUint64(1032, 400n, true)],
      ['head-too-far', (_m, v) => v.setBigUint64(1024, 8192n, true)],
      ['misaligned', (_m, v) => v.setBigUint64(1024, 4n, true)],
      ['bad-metadata', (_m, v) => v.setBigUint64(1048, 3000n, true)],
      ['bad-metadata', (_m, v) => v.setBigUint64(1040, 8192n, true)],
    ];
    for (const [want, hurt] of cases) {
      for (const impl of ['wasm', 'ts'] as const) {
        const m = fresh();
        hurt(m, new DataView(m.mapping.buffer));
        expect(`${want}:${code(m.mapping, impl)}`).toBe(`${want}:${want}`);
      }
    }
    expect(outcome(new Uint8Array(100), { impl: 'ts' })).toEqual({ error: 'bad-metadata@undefined' });
  });
});
