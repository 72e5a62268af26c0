// Every kernel-written fixture ring, read by both walkers, must give exactly expected.json.
import { describe, expect, it } from 'vitest';
import { readRecords, type RingRead } from '../../src/ring/index.js';
import { caseNames, loadCase, loadJson, toHex, type FixtureCase } from './fixtures.js';

const impls = ['wasm', 'ts'] as const;
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const META_TAIL = 1032;
const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

function read(c: FixtureCase, impl: 'wasm' | 'ts', peek = true): RingRead {
  return readRecords(c.ring, { impl, peek, direction: c.meta.write_backward ? 'backward' : 'forward' });
}

/** Records in the shape of expected.json, computed from the reader's output. */
function asExpected(c: FixtureCase, r: RingRead): unknown[] {
  return r.records.map((rec) => {
    const position = U64(r.start + BigInt(rec.offset));
    const ringOffset = Number(position % BigInt(c.meta.data_size));
    const base = { type: rec.kind, offset: position.toString(), ring_offset: ringOffset, size: rec.size };
    return rec.kind === 'sample'
      ? { ...base, raw_size: rec.data.length, raw_hex: toHex(rec.data) }
      : { ...base, id: rec.id.toString(), lost: rec.count };
  });
}

function expectedSubset(c: FixtureCase): unknown[] {
  return c.expected.records.map((e) =>
    e.type === 'sample'
      ? { type: e.type, offset: e.offset, ring_offset: e.ring_offset, size: e.size, raw_size: e.raw_size, raw_hex: e.raw_hex }
      : { type: e.type, offset: e.offset, ring_offset: e.ring_offset, size: e.size, id: e.id, lost: e.lost },
  );
}

describe('kernel-written rings', () => {
  for (const name of caseNames) {
    for (const impl of impls) {
      it(`${name} (${impl}) returns exactly expected.json`, () => {
        const c = loadCase(name);
        const r = read(c, impl);
        expect(r.impl).toBe(impl);
        expect(r.start.toString()).toBe(c.expected.start);
        expect(r.end.toString()).toBe(c.expected.end);
        expect(asExpected(c, r)).toEqual(expectedSubset(c));
        expect(r.records).toHaveLength(c.expected.count);
        expect(r.samples).toBe(c.meta.samples);
        expect(r.lostRecords).toBe(c.meta.lost_records);
        const lost = c.expected.records.reduce((n, e) => n + (e.type === 'lost' ? e.lost : 0), 0);
        expect(r.lostSamples).toBe(lost);
        expect(r.skipped).toBe(0);
      });
    }
  }

  it('samples are views of the caller buffer unless they wrap; wrapped ones are copies', () => {
    for (const impl of impls) {
      const c = loadCase('wrap');
      const r = read(c, impl);
      const wraps = c.expected.records.map((e) => e.wraps);
      expect(wraps).toContain(true);
      r.records.forEach((rec, i) => {
        if (rec.kind !== 'sample') return;
        expect(rec.data.buffer === c.ring.buffer).toBe(!wraps[i]);
      });
    }
  });

  it('a forward read advances data_tail to data_head; a second read finds nothing', () => {
    for (const impl of impls) {
      const c = loadCase('lost');
      const first = read(c, impl, false);
      expect(first.tailCommitted).toBe(true);
      expect(dv(c.ring).getBigUint64(META_TAIL, true).toString()).toBe(c.meta.read_end);
      const second = read(c, impl, false);
      expect(second.records).toEqual([]);
      expect(second.start.toString()).toBe(c.meta.data_head);
    }
  });

  it('peek mode leaves data_tail alone, backward rings never write it', () => {
    for (const [name, peek] of [['wrap', true], ['overwrite', false]] as const) {
      const c = loadCase(name);
      const before = toHex(c.ring);
      const r = read(c, 'wasm', peek);
      expect(r.tailCommitted).toBe(false);
      expect(toHex(c.ring)).toBe(before);
    }
  });

  it('ends backward walks for the documented reasons', () => {
    expect(read(loadCase('overwrite'), 'ts').stop).toBe('overwritten');
    expect(read(loadCase('overwrite-unfilled'), 'wasm').stop).toBe('zero-header');
    expect(read(loadCase('basic'), 'wasm').stop).toBe('head');
  });

  it('reads RingPages (data pages plus counters from meta.json) like the mapping', () => {
    for (const impl of impls) {
      const c = loadCase('lost-wrap-mid');
      let committed: bigint | undefined;
      const data = c.ring.subarray(c.meta.data_offset, c.meta.data_offset + c.meta.data_size);
      const r = readRecords(
        { data, head: () => BigInt(c.meta.data_head), tail: BigInt(c.meta.data_tail), commitTail: (t) => (committed = t) },
        { impl },
      );
      expect(asExpected(c, r)).toEqual(expectedSubset(c));
      expect(committed?.toString()).toBe(c.meta.read_end);
    }
  });

  it('falls back to pageSize when the metadata page has no data_offset/data_size (pre-4.1 kernels)', () => {
    for (const impl of impls) {
      const c = loadCase('wrap');
      dv(c.ring).setBigUint64(1040, 0n, true);
      dv(c.ring).setBigUint64(1048, 0n, true);
      expect(asExpected(c, read(c, impl))).toEqual(expectedSubset(c));
    }
  });

  it('uses Atomics on a SharedArrayBuffer mapping and commits data_tail there', () => {
    for (const impl of impls) {
      const c = loadCase('wrap-header-at-end');
      const shared = new Uint8Array(new SharedArrayBuffer(c.ring.length));
      shared.set(c.ring);
      const r = readRecords(shared, { impl });
      expect(r.records).toHaveLength(c.expected.count);
      expect(Atomics.load(new BigUint64Array(shared.buffer, META_TAIL, 1), 0).toString()).toBe(c.meta.read_end);
    }
  });

  it('multi-cpu: each ring yields its CPU’s share of the emission order (the rings carry no timestamps to merge by)', () => {
    interface Emission {
      seq: number;
      cpu: number;
      emitted_len: number;
    }
    const { emission_order } = loadJson<{ emission_order: Emission[] }>('multi-cpu/expected.json');
    for (const impl of impls) {
      for (const cpu of [0, 1]) {
        const c = loadCase(`multi-cpu/cpu${cpu}`);
        const r = read(c, impl);
        const mine = emission_order.filter((e) => e.cpu === cpu);
        // The kernel pads 4 + payload to a multiple of 8, so raw size = roundup(len + 4, 8) - 4.
        expect(r.records.map((rec) => (rec.kind === 'sample' ? rec.data.length : -1))).toEqual(
          mine.map((e) => Math.ceil((e.emitted_len + 4) / 8) * 8 - 4),
        );
      }
    }
  });
});
