// scanRecords: the descriptor batch both walkers write, with the header filter applied inside
// the walker, against readRecords and createHeaderFilter on the same rings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHeaderFilter, type HeaderFilterSpec } from '../../src/index.js';
import { readRecords, scanRecords, type RecordBatch } from '../../src/ring/index.js';
import { caseNames, loadCase } from './fixtures.js';
import { ForwardModel, fill } from './model.js';

const impls = ['wasm', 'ts'] as const;

/** Everything a batch says, as plain data (descriptor accessors and counts). */
function plain(b: RecordBatch): unknown {
  const rows = [];
  for (let i = 0; i < b.count; i++) {
    rows.push(
      b.isLost(i)
        ? ['lost', b.offset(i), b.size(i), b.lostId(i).toString(), b.lost(i)]
        : ['sample', b.offset(i), b.size(i), b.messageType(i), b.subtype(i), b.rawSize(i), Buffer.from(b.data(i)).toString('hex')],
    );
  }
  const { samples, lostRecords, lostSamples, skipped, filtered, stop, count } = b;
  return { rows, samples, lostRecords, lostSamples, skipped, filtered, stop, count, end: b.end.toString() };
}

/** The batch readRecords' records and createHeaderFilter imply. */
function expected(ring: Uint8Array, impl: 'wasm' | 'ts', spec: HeaderFilterSpec | undefined, direction: 'forward' | 'backward'): unknown {
  const r = readRecords(ring, { impl, peek: true, direction });
  const keep = spec === undefined ? () => true : createHeaderFilter(spec);
  const rows = [];
  let filtered = 0;
  for (const x of r.records) {
    if (x.kind === 'lost') rows.push(['lost', x.offset, x.size, x.id.toString(), x.count]);
    else if (!keep(x.data)) filtered++;
    else rows.push(['sample', x.offset, x.size, x.data[0] ?? 0, x.data.length > 1 ? x.data[1] : 0, x.data.length, Buffer.from(x.data).toString('hex')]);
  }
  const { samples, lostRecords, lostSamples, skipped, stop } = r;
  return { rows, samples, lostRecords, lostSamples, skipped, filtered, stop, count: rows.length, end: r.end.toString() };
}

const specs: (HeaderFilterSpec | undefined)[] = [
  undefined,
  {},
  { types: [1] },
  { types: [1, 4], subtypes: [0, 3, 133] },
  { sources: [0, 1, 2, 3, 0x0100, 0x0201] },
  { sources: [0x0102, 0x0302], littleEndian: false },
];

describe('scanRecords', () => {
  it('agrees with readRecords + createHeaderFilter on every fixture ring, for both walkers', () => {
    for (const name of caseNames) {
      const c = loadCase(name);
      const direction = name.startsWith('overwrite') ? 'backward' : 'forward';
      for (const impl of impls) {
        for (const filter of specs) {
          const b = scanRecords(c.ring, { impl, peek: true, direction, ...(filter && { filter }) });
          expect(plain(b), `${name} ${impl} ${JSON.stringify(filter)}`).toEqual(expected(c.ring, impl, filter, direction));
        }
      }
    }
  });

  it('filters random monitor-like samples as createHeaderFilter does, wrapping records included', () => {
    const payload = fc.uint8Array({ minLength: 0, maxLength: 40 });
    const spec = fc.record(
      {
        types: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 3 }),
        subtypes: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
        sources: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 3 }),
        littleEndian: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.integer(), fc.array(payload, { maxLength: 60 }), spec, (seed, ps, filter) => {
        const model = new ForwardModel(512, BigInt(seed >>> 0) * 8n, 3n);
        fill(model.data, seed);
        // Small type/subtype values so that filters match some samples.
        for (const p of ps) {
          if (p.length > 0) p[0]! &= 7;
          if (p.length > 1) p[1]! &= 3;
          if (!model.emit(p)) model.consume(2);
        }
        const got = impls.map((impl) => plain(scanRecords(model.mapping, { impl, peek: true, filter })));
        expect(got[0]).toEqual(got[1]);
        expect(got[1]).toEqual(expected(model.mapping, 'ts', filter, 'forward'));
      }),
      { numRuns: 150 },
    );
  });

  it('drains a forward ring like readRecords unless peeking', () => {
    for (const impl of impls) {
      const c = loadCase('lost');
      const first = scanRecords(c.ring, { impl, filter: { types: [] } });
      expect(first.tailCommitted).toBe(true);
      expect(first.count).toBe(first.lostRecords);
      expect(first.filtered).toBe(first.samples);
      expect(scanRecords(c.ring, { impl }).count).toBe(0);
    }
  });
});
