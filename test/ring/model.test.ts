// Property tests: random rings written by the kernel model must read back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, type RingRead } from '../../src/ring/index.js';
import { BackwardModel, ForwardModel, fill, type Written } from './model.js';

const impls = ['wasm', 'ts'] as const;
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

type Op = { op: 'emit'; payload: Uint8Array } | { op: 'consume'; n: number } | { op: 'other'; size: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((payload) => ({ op: 'emit' as const, payload })) },
  { weight: 2, arbitrary: fc.nat(6).map((n) => ({ op: 'consume' as const, n })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((k) => ({ op: 'other' as const, size: 8 * k })) },
);
const sizeArb = fc.integer({ min: 6, max: 13 }).map((k) => 2 ** k);
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
    expect(rec.type).toBe(w.kind);
    if (rec.type === 'sample' && w.kind === 'sample') {
      expect(rec.data.length).toBe(w.rawSize);
      expect([...rec.data.subarray(0, w.payload.length)]).toEqual([...w.payload]);
      if (rec.data.buffer === data.buffer) {
        expect(rec.data.byteOffset).toBeGreaterThanOrEqual(data.byteOffset);
        expect(rec.data.byteOffset + rec.data.length).toBeLessThanOrEqual(data.byteOffset + data.length);
      }
    } else if (rec.type === 'lost' && w.kind === 'lost') {
      expect(rec.id).toBe(w.id);
      expect(rec.lost).toBe(w.lost);
    }
  });
  expect(r.skipped).toBe(want.length - wanted.length);
}

describe('forward rings written by the kernel model', () => {
  it('read back exactly, with lost records, wraps and other record types', () => {
    fc.assert(
      fc.property(sizeArb, startArb, fc.integer(), fc.array(opArb, { maxLength: 120 }), (size, start, seed, ops) => {
        const model = new ForwardModel(size, start, 4242n);
        fill(model.data, seed); // stale bytes, as in a reused ring
        for (const o of ops) {
          if (o.op === 'emit') model.emit(o.payload);
          else if (o.op === 'consume') model.consume(o.n);
          else model.emitOther(o.size);
        }
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
    const backOp = fc.oneof(
      { weight: 6, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((payload) => ({ op: 'emit' as const, payload })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((k) => ({ op: 'other' as const, size: 8 * k })) },
    );
    fc.assert(
      fc.property(sizeArb, fc.array(backOp, { maxLength: 150 }), (size, ops) => {
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
