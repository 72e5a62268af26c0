// The public surface around readRecords: scanRing, impl selection, in-wasm regions, options.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  allocateRingRegion,
  initRingReader,
  isRingError,
  readRecords,
  scanRing,
} from '../../src/ring/index.js';
import { loadCase, toHex } from './fixtures.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isRingError(e) ? e.code : `not a RingError: ${String(e)}`;
  }
};

describe('scanRing and in-memory regions', () => {
  it('scanRing counts what expected.json lists and drains the ring', () => {
    for (const impl of ['wasm', 'ts'] as const) {
      const c = loadCase('lost');
      const scan = scanRing(c.ring, { impl });
      expect([scan.samples, scan.lostRecords, scan.lostSamples]).toEqual([c.meta.samples, c.meta.lost_records, 3 + 4 + 2]);
      expect(scan.end.toString()).toBe(c.meta.read_end);
      expect(scanRing(c.ring, { impl }).samples).toBe(0);
    }
  });

  it('walks a ring placed in the walker memory in place; samples view that memory', async () => {
    expect(await initRingReader()).toBe('wasm');
    const c = loadCase('wrap');
    const region = allocateRingRegion(c.ring.length);
    region.set(c.ring);
    const r = readRecords(region, { impl: 'wasm', peek: true });
    const fromCopy = readRecords(c.ring, { impl: 'ts', peek: true });
    expect(r.records.map((x) => (x.kind === 'sample' ? toHex(x.data) : x.id))).toEqual(
      fromCopy.records.map((x) => (x.kind === 'sample' ? toHex(x.data) : x.id)),
    );
    const unwrapped = r.records.find((x) => x.kind === 'sample');
    expect(unwrapped?.kind === 'sample' && unwrapped.data.buffer).toBe(region.buffer);
  });
});

describe('options', () => {
  it('picks the WebAssembly walker by default where it exists', () => {
    const empty = new Uint8Array(8192);
    new DataView(empty.buffer).setBigUint64(1040, 4096n, true);
    new DataView(empty.buffer).setBigUint64(1048, 4096n, true);
    expect(readRecords(empty).impl).toBe('wasm');
    expect(readRecords(empty, { impl: 'ts' }).impl).toBe('ts');
  });

  it('rejects bad options with invalid-option', () => {
    const ring = new Uint8Array(8192);
    expect(codeOf(() => readRecords(ring, { pageSize: 3000 }))).toBe('invalid-option');
    expect(codeOf(() => readRecords(ring, { impl: 'rust' as 'ts' }))).toBe('invalid-option');
    expect(codeOf(() => readRecords(ring, { direction: 'sideways' as 'forward' }))).toBe('invalid-option');
    expect(codeOf(() => readRecords({ data: new Uint8Array(64), head: -8n }))).toBe('invalid-option');
    expect(codeOf(() => readRecords({ data: new Uint8Array(96), head: 0n }))).toBe('bad-metadata');
    expect(codeOf(() => readRecords(42 as unknown as Uint8Array))).toBe('invalid-option');
  });
});

describe('without WebAssembly', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("falls back to the TypeScript walker for 'auto' and refuses 'wasm' with wasm-unavailable", async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    const ring = await import('../../src/ring/index.js');
    const mapping = new Uint8Array(8192);
    expect(ring.readRecords(mapping).impl).toBe('ts');
    expect(await ring.initRingReader()).toBe('ts');
    let error: unknown;
    try {
      ring.readRecords(mapping, { impl: 'wasm' });
    } catch (e) {
      error = e;
    }
    expect(ring.isRingError(error) && error.code).toBe('wasm-unavailable');
    expect(error).toBeInstanceOf(ring.RingError);
  });
});
