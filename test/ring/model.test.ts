// Property tests: random rings written by the kernel model must read back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, type RingRead } from '../../src/ring/index.js';
import { BackwardModel, ForwardModel, fill, type Written } from './model.js';

const impls = ['wasm', 'ts'] as const;
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

type Op = { op: 'emit'; payload: Uint8Array } | { op: 'consume'; n: number } | { op: 'other'; size: number };
// Mostly small payloads (so rings fill and lost records follow), some up to 300 bytes.
const payloadArb = fc
  .oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 64 }) }, { weight: 1, arbitrary: fc.integer({ min: 65, max: 300 }) })
  .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const emitArb = payloadArb.map((payload) => ({ op: 'emit' as const, payload }));
const otherArb = fc.integer({ min: 1, max: 8 }).map((k) => ({ op: 'other' as const, size: 8 * k }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: emitArb },
  { weight: 2, arbitrary: fc.nat(4).map((n) => ({ op: 'consume' as const, n })) },
  { weight: 1, arbitrary: otherArb },
);
// 'max' lets arrays reach maxLength; fast-check's default size keeps them short.
const opsArb = fc.array(opArb, { maxLength: 200, size: 'max' });
const sizeArb = fc.integer({ min: 7, max: 11 }).map((k) => 2 ** k);
// Free-running counters start anywhere, including just below 2^64 so they wrap while writing.
const startArb = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.bigInt({ min: (1n << 64n) - 20000n, max: (1n << 64n) - 1n }),
).map((v) => v & ~7n);

/** Compares reader output with the model's records (payload bytes and padding length). */
function expectSame(r: RingRead, want: Written[], data: Uint8Array): void {
  const wanted = want.filter((w) => w.kind !== 'other');
  expect(r.records).toHaveLength(wanted.length);
  r.records.forEach((rec, i) => {
    const w = wanted[i]!;
    expect(U64(r.start + BigInt(rec.offset))).toBe(w.position);
    expect(rec.size).toBe(w.size);
    expect(rec.kind).toBe(w.kind);
    if (rec.kind === 'sample' && w.kind === 'sample') {
      expect(rec.data.length).toBe(w.rawSize);
      expect([...rec.data.subarray(0, w.payload.length)]).toEqual([...w.payload]);
      if (rec.data.buffer === data.buffer) {
        expect(rec.data.byteOffset).toBeGreaterThanOrEqual(data.byteOffset);
        expect(rec.data.byteOffset + rec.data.length).toBeLessThanOrEqual(data.byteOffset + data.length);
      }
    } else if (rec.kind === 'lost' && w.kind === 'lost') {
      expect(rec.id).toBe(w.id);
      expect(rec.count).toBe(w.lost);
    }
  });
  expect(r.skipped).toBe(want.length - wanted.length);
}

/** Replays `ops` on a fresh forward model whose memory starts as stale bytes from `seed`. */
function runForward(size: number, start: bigint, ops: Op[], seed = 0): ForwardModel {
  const model = new ForwardModel(size, start, 4242n);
  fill(model.data, seed);
  for (const o of ops) {
    if (o.op === 'emit') model.emit(o.payload);
    else if (o.op === 'consume') model.consume(o.n);
    else model.emitOther(o.size);
  }
  return model;
}

describe('forward rings written by the kernel model', () => {
  it('the generator reaches lost records, wrapped windows and straddling records', () => {
    const models = fc.sample(fc.tuple(sizeArb, opsArb), { numRuns: 200, seed: 1 }).map(([size, ops]) => runForward(size, 0n, ops));
    const share = (f: (m: ForwardModel) => boolean): number => models.filter(f).length / models.length;
    const ringOffset = (m: ForwardModel, p: bigint): number => Number(p % BigInt(m.size));
    expect(share((m) => m.unread.some((w) => w.kind === 'lost'))).toBeGreaterThan(0.25);
    expect(share((m) => m.unread.some((w) => ringOffset(m, w.position) + w.size > m.size))).toBeGreaterThan(0.25);
    expect(share((m) => m.unread.some((w) => w.kind === 'other'))).toBeGreaterThan(0.25);
  });

  it('read back exactly, with lost records, wraps and other record types', () => {
    fc.assert(
      fc.property(sizeArb, startArb, fc.integer(), opsArb, (size, start, seed, ops) => {
        const model = runForward(size, start, ops, seed);
        for (const impl of impls) {
          const r = readRecords(model.mapping, { impl, peek: true });
          expect(r.start).toBe(model.tail);
          expect(r.end).toBe(model.head);
          expectSame(r, model.unread, model.data);
          expect(r.lostSamples).toBe(model.unread.reduce((n, w) => n + (w.kind === 'lost' ? w.lost : 0), 0));
        }
        const consumed = readRecords(model.mapping, { impl: 'wasm' });
        expect(consumed.tailCommitted).toBe(true);
        expect(readRecords(model.mapping, { impl: 'ts' }).records).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('backward (overwrite) rings written by the kernel model', () => {
  it('read newest first and stop where the model says', () => {
    const backOp = fc.oneof({ weight: 6, arbitrary: emitArb }, { weight: 1, arbitrary: otherArb });
    fc.assert(
      fc.property(sizeArb, fc.array(backOp, { maxLength: 200, size: 'max' }), (size, ops) => {
        const model = new BackwardModel(size);
        for (const o of ops) {
          if (o.op === 'emit') model.emit(o.payload);
          else model.emitOther(o.size);
        }
        const want = model.readable();
        for (const impl of impls) {
          const r = readRecords(model.mapping, { impl, direction: 'backward' });
          expect(r.start).toBe(model.head);
          expectSame(r, want.records, model.data);
          expect(r.stop).toBe(want.stop);
          expect(r.tailCommitted).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
