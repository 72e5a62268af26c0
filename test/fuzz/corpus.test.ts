// The fuzz seed corpus (test/fixtures/corpus/, written by test/fuzz/make-corpus.ts) stays
// valid: every release has every message type it can carry, every entry decodes under its
// release and re-encodes to the same bytes, and the streams and captures read back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent } from '../../src/index.js';
import { readInput } from '../../src/sources/index.js';
import { ALL_RELEASES, CAPTURE_SEEDS, EVENT_SEEDS, FRAME_SEEDS, STREAM_SEEDS } from './harnesses.js';

const types = (bytes: Uint8Array[]): number[] => [...new Set(bytes.map((b) => b[0]!))].sort((a, b) => a - b);

describe('fuzz seed corpus', () => {
  it.each(ALL_RELEASES)('%s: every message type the release has, decoding and re-encoding byte for byte', (release) => {
    const events = EVENT_SEEDS.get(release)!;
    const expected = [1, 2, 3, 4, 5, 6, 7, 129, 130];
    const have = types(events);
    // Recorder captures (6) are gone from 1.19 on; every other type is in every release.
    expect(have).toEqual(expected.filter((t) => t !== 6 || have.includes(6)));
    if (release === '1.16' || release === '1.17.0' || release === '1.17' || release === '1.18') expect(have).toContain(6);
    for (const bytes of events) {
      const ev = decodeEvent(bytes, { release });
      expect(Buffer.from(encodeEvent(ev, { release })).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    }
  });

  it('the frames and the streams hold what the 1.19 events are', () => {
    expect(FRAME_SEEDS.length).toBeGreaterThanOrEqual(10);
    const v119 = EVENT_SEEDS.get('1.19')!.map((b) => Buffer.from(b).toString('hex'));
    for (const format of ['bin', 'gob', 'bpftool'] as const) {
      const samples = readInput(STREAM_SEEDS[format][0]!, format).filter((r) => r.kind === 'sample');
      expect(samples.map((r) => Buffer.from((r as { data: Uint8Array }).data).toString('hex')), format).toEqual(v119);
    }
    const hex = readInput(STREAM_SEEDS.hex[0]!, 'hex').map((r) => Buffer.from((r as { data: Uint8Array }).data).toString('hex'));
    expect(hex).toEqual(v119);
  });

  it('the pcap and pcapng captures read back with the packets of the 1.19 events', async () => {
    const { readCapture } = await import('../../src/pcap/index.js');
    const packets = EVENT_SEEDS.get('1.19')!
      .map((b) => decodeEvent(b, { release: '1.19' }))
      .filter((ev) => 'packet' in ev && ev.packet.length > 0)
      .map((ev) => Buffer.from((ev as { packet: Uint8Array }).packet).toString('hex'));
    const ng = readCapture(CAPTURE_SEEDS[1]!).packets.map((p) => Buffer.from(p.data).toString('hex'));
    expect(ng).toEqual(packets);
    const classic = readCapture(CAPTURE_SEEDS[0]!).packets.map((p) => Buffer.from(p.data).toString('hex'));
    expect(classic.length).toBeGreaterThan(0);
    for (const p of classic) expect(packets).toContain(p);
  });

  it('the README of the corpus names every file in it', () => {
    const readme = readFileSync(new URL('../fixtures/corpus/README.md', import.meta.url), 'utf8');
    for (const f of ['events-<release>.hex', 'packets.hex', 'monitor.gob', 'events.bin', 'bpftool.json', 'capture.pcap', 'capture.pcapng']) expect(readme).toContain(f);
  });
});
