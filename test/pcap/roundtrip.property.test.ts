/**
 * fast-check properties of the writers against the reader: every packet comes back with its
 * bytes, lengths, time, link type, interface, direction, verdict and comment; every pcapng
 * block is 32-bit aligned with matching leading and trailing lengths; a classic file is its
 * header plus 16 bytes and the captured bytes per record. The reader is checked against the
 * formats' layouts independently in reader.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectSink,
  createPcapngWriter,
  createPcapWriter,
  LinkType,
  readCapture,
  TcAction,
  type CapturePacket,
  type Timestamp,
} from '../../src/pcap/index.js';

const packetArb: fc.Arbitrary<CapturePacket> = fc.record(
  {
    data: fc.uint8Array({ minLength: 1, maxLength: 300 }),
    origLen: fc.nat({ max: 70_000 }),
    linkType: fc.constantFrom(LinkType.Ethernet, LinkType.RawIp),
    timestamp: fc.record({ seconds: fc.nat({ max: 0xffff_ffff }), nanoseconds: fc.nat({ max: 999_999_999 }) }),
    ifindex: fc.nat({ max: 5 }),
    direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    verdict: fc.constantFrom(TcAction.Ok, TcAction.Shot, TcAction.Redirect),
    comment: fc.string({ unit: 'grapheme', maxLength: 80 }),
  },
  { requiredKeys: ['data', 'timestamp'] },
);

const snapArb = fc.integer({ min: 1, max: 400 });

async function collect(write: (sink: ReturnType<typeof collectSink>) => Promise<void>): Promise<Uint8Array> {
  const sink = collectSink();
  await write(sink);
  return sink.bytes();
}

/** What the file must hold for `p`: cut to the snap length, original length never below the bytes present. */
function stored(p: CapturePacket, snap: number): { data: Uint8Array; origLen: number } {
  const data = p.data.subarray(0, Math.min(p.data.byteLength, snap));
  return { data, origLen: Math.max(p.origLen ?? p.data.byteLength, p.data.byteLength) };
}

/** The time as a file of `precision` keeps it (µs files drop the last three digits). */
function at(t: Timestamp, precision: 'us' | 'ns'): Timestamp {
  return precision === 'ns' ? t : { seconds: t.seconds, nanoseconds: t.nanoseconds - (t.nanoseconds % 1000) };
}

describe('pcapng writer → reader', () => {
  it('gives back every packet and its options', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(packetArb, { maxLength: 30 }), snapArb, fc.constantFrom('us' as const, 'ns' as const), async (packets, snap, precision) => {
        const bytes = await collect(async (sink) => {
          const w = createPcapngWriter(sink, { snapLength: snap, precision, interfaceName: (i) => (i === 1 ? 'eth1' : undefined) });
          for (const p of packets) w.writePacket(p);
          await w.close();
          expect(w.stats.packets).toBe(packets.length);
        });
        const file = readCapture(bytes);
        expect(file.format).toBe('pcapng');
        expect(file.packets).toHaveLength(packets.length);
        packets.forEach((p, i) => {
          const got = file.packets[i]!;
          const iface = file.interfaces[got.interfaceId]!;
          const want = stored(p, snap);
          expect(got.data).toEqual(want.data);
          expect(got.origLen).toBe(want.origLen);
          expect(got.timestamp).toEqual(at(p.timestamp, precision));
          expect(iface.linkType).toBe(p.linkType ?? LinkType.Ethernet);
          expect(iface.description).toBe(p.ifindex === undefined ? 'no ifindex in the event' : `ifindex ${p.ifindex}`);
          expect(iface.name).toBe(p.ifindex === 1 ? 'eth1' : undefined);
          expect(iface.snapLength).toBe(snap);
          expect(got.direction).toBe(p.direction);
          expect(got.verdicts).toEqual(p.verdict === undefined ? [] : [Uint8Array.of(1, p.verdict, 0, 0, 0, 0, 0, 0, 0)]);
          expect(got.comments).toEqual(p.comment === undefined ? [] : [p.comment]);
        });
        // One interface per (ifindex, link type), no more.
        expect(file.interfaces).toHaveLength(new Set(packets.map((p) => `${p.ifindex}/${p.linkType ?? LinkType.Ethernet}`)).size);
      }),
      { numRuns: 150 },
    );
  });

  it('writes 32-bit aligned blocks whose trailing length repeats the leading one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(packetArb, { maxLength: 20 }), snapArb, async (packets, snap) => {
        const bytes = await collect(async (sink) => {
          const w = createPcapngWriter(sink, { snapLength: snap, release: '1.18', nodeName: 'n' });
          for (const p of packets) w.writePacket(p);
          await w.close();
        });
        const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        let at = 0;
        let blocks = 0;
        while (at < bytes.byteLength) {
          const length = v.getUint32(at + 4, true);
          expect(length % 4).toBe(0);
          expect(length).toBeGreaterThanOrEqual(12);
          expect(v.getUint32(at + length - 4, true)).toBe(length);
          if (v.getUint32(at, true) === 6) {
            // EPB: 28 fixed bytes, the captured bytes padded to 4, options, trailing length.
            const captured = v.getUint32(at + 20, true);
            expect(captured).toBeLessThanOrEqual(snap);
            expect(28 + ((captured + 3) & ~3) + 4).toBeLessThanOrEqual(length);
          }
          at += length;
          blocks++;
        }
        expect(at).toBe(bytes.byteLength);
        expect(blocks).toBeGreaterThanOrEqual(1 + packets.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('classic pcap writer → reader', () => {
  it('gives back the packets of its link type, with their lengths and times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(packetArb, { maxLength: 30 }),
        snapArb,
        fc.constantFrom('us' as const, 'ns' as const),
        fc.constantFrom(LinkType.Ethernet, LinkType.RawIp),
        async (packets, snap, precision, linkType) => {
          const mine = packets.filter((p) => (p.linkType ?? LinkType.Ethernet) === linkType);
          const bytes = await collect(async (sink) => {
            const w = createPcapWriter(sink, { snapLength: snap, precision, linkType });
            for (const p of packets) w.writePacket(p);
            await w.close();
            expect(w.stats.packets).toBe(mine.length);
            expect(w.stats.skipped['link-type']).toBe(packets.length - mine.length);
          });
          // File header, then a 16-byte header and the captured bytes per record: no padding.
          expect(bytes.byteLength).toBe(24 + mine.reduce((n, p) => n + 16 + stored(p, snap).data.byteLength, 0));
          const file = readCapture(bytes);
          expect(file.format).toBe('pcap');
          expect(file.interfaces).toEqual([{ section: 0, linkType, snapLength: snap, name: undefined, description: undefined, tsresol: precision === 'ns' ? 9 : 6 }]);
          expect(file.packets.map((p) => [p.data, p.origLen, p.timestamp])).toEqual(
            mine.map((p) => [stored(p, snap).data, stored(p, snap).origLen, at(p.timestamp, precision)]),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
