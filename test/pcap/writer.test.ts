/**
 * The writers byte by byte against the formats' layouts (tcpdump.org pcap-savefile,
 * draft-ietf-opsawg-pcapng), the length and skip rules, typed errors, and the sinks:
 * backpressure with constant memory, and failing Node and WHATWG streams surfacing as errors.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CiliumEventsError } from '../../src/errors.js';
import {
  collectSink,
  createPcapngWriter,
  createPcapWriter,
  LinkType,
  nodeStreamSink,
  PcapError,
  readCapture,
  timestampFromMs,
  timestampFromNs,
  webStreamSink,
  type ByteSink,
  type Timestamp,
} from '../../src/pcap/index.js';
import { eventsOf } from './fixtures.js';

const T0: Timestamp = { seconds: 0, nanoseconds: 0 };
const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const u16 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint16(at, true);

async function written(make: (sink: ByteSink) => { close(): Promise<void> } & object, fill?: (w: never) => void): Promise<Uint8Array> {
  const sink = collectSink();
  const w = make(sink);
  fill?.(w as never);
  await w.close();
  return sink.bytes();
}

describe('classic pcap layout', () => {
  it('writes the 24-byte header: magic, 2.4, zone 0, sigfigs 0, snap length, link type', async () => {
    const us = await written((s) => createPcapWriter(s, { precision: 'us', snapLength: 1234, linkType: LinkType.RawIp }));
    expect([...us]).toEqual([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xd2, 0x04, 0, 0, 101, 0, 0, 0]);
    const ns = await written((s) => createPcapWriter(s));
    expect(u32(ns, 0)).toBe(0xa1b23c4d);
    expect(u32(ns, 16)).toBe(262_144);
    expect(u32(ns, 20)).toBe(1);
  });

  it('writes a record: seconds, fraction, captured and original length, bytes', async () => {
    const data = Uint8Array.of(1, 2, 3, 4, 5);
    const b = await written(
      (s) => createPcapWriter(s, { precision: 'us', snapLength: 3 }),
      (w: ReturnType<typeof createPcapWriter>) => w.writePacket({ data, origLen: 60, timestamp: { seconds: 1_700_000_000, nanoseconds: 999_999_999 } }),
    );
    expect(b.byteLength).toBe(24 + 16 + 3);
    expect([u32(b, 24), u32(b, 28), u32(b, 32), u32(b, 36)]).toEqual([1_700_000_000, 999_999, 3, 60]);
    expect([...b.subarray(40)]).toEqual([1, 2, 3]);
  });

  it('never writes an original length below the bytes present', async () => {
    const b = await written(
      (s) => createPcapWriter(s, { snapLength: 2 }),
      (w: ReturnType<typeof createPcapWriter>) => w.writePacket({ data: Uint8Array.of(1, 2, 3, 4), origLen: 1, timestamp: T0 }),
    );
    // Cut to the snap length of 2, the original length says 4 bytes were there.
    expect([u32(b, 32), u32(b, 36)]).toEqual([2, 4]);
  });
});

describe('pcapng layout', () => {
  it('starts with a section header: byte-order magic, 1.0, unknown section length, writer and context', async () => {
    const b = await written((s) => createPcapngWriter(s, { release: '1.18', nodeName: 'worker-1', application: 'test 1' }));
    expect(u32(b, 0)).toBe(0x0a0d0d0a);
    expect(u32(b, 4)).toBe(b.byteLength);
    expect(u32(b, 8)).toBe(0x1a2b3c4d);
    expect([u16(b, 12), u16(b, 14)]).toEqual([1, 0]);
    expect([u32(b, 16), u32(b, 20)]).toEqual([0xffffffff, 0xffffffff]);
    expect(readCapture(b).sections).toEqual([{ littleEndian: true, application: 'test 1', comments: ['Cilium release 1.18', 'node worker-1'] }]);
  });

  it('writes an interface block before the first packet of each (ifindex, link type)', async () => {
    const sink = collectSink();
    const w = createPcapngWriter(sink, { precision: 'us', interfaceName: (i) => `if${i}` });
    const p = { data: Uint8Array.of(0x45), timestamp: T0 };
    w.writePacket({ ...p, ifindex: 3 });
    w.writePacket({ ...p, ifindex: 3 });
    w.writePacket({ ...p, ifindex: 3, linkType: LinkType.RawIp });
    w.writePacket({ ...p });
    w.writePacket({ ...p, ifindex: 3 });
    await w.close();
    const file = readCapture(sink.bytes());
    expect(file.interfaces.map((i) => [i.linkType, i.name, i.description, i.tsresol])).toEqual([
      [1, 'if3', 'ifindex 3', 6],
      [101, 'if3', 'ifindex 3', 6],
      [1, undefined, 'no ifindex in the event', 6],
    ]);
    expect(file.packets.map((x) => x.interfaceId)).toEqual([0, 0, 1, 2, 0]);
  });
});

describe('events', () => {
  it('skips and counts events without packet bytes; a recorder capture is dated by tv_boot + boot time', async () => {
    const seen: string[] = [];
    const sink = collectSink();
    const boot = { seconds: 1_000_000_000, nanoseconds: 999_999_900 };
    const w = createPcapngWriter(sink, { bootTime: boot, onSkip: (reason, ev) => seen.push(`${reason}:${String(ev.type)}`) });
    for (const ev of eventsOf('1.18')) w.writeEvent(ev, { timestamp: { seconds: 7, nanoseconds: 7 } });
    await w.close();
    expect(w.stats.skipped).toEqual({ 'no-packet': 2, 'empty-packet': 1, 'link-type': 0 });
    expect(seen).toEqual(['no-packet:2', 'no-packet:7', 'empty-packet:1']);
    const packets = readCapture(sink.bytes()).packets;
    expect(packets).toHaveLength(8);
    expect(packets.every((p) => p.data.byteLength > 0)).toBe(true);
    // The recorder's tv_boot of 5.000000123 s, after the boot time (the nanoseconds carry).
    expect(packets.map((p) => p.timestamp)).toEqual([...new Array(7).fill({ seconds: 7, nanoseconds: 7 }), { seconds: 1_000_000_006, nanoseconds: 23 }]);
  });

  it('uses the receive time from `now` when the caller gives none', async () => {
    const sink = collectSink();
    const w = createPcapngWriter(sink, { now: () => ({ seconds: 42, nanoseconds: 1 }), comment: false });
    w.writeEvent(eventsOf('1.19')[0]!);
    await w.close();
    const [p] = readCapture(sink.bytes()).packets;
    expect([p!.timestamp, p!.comments]).toEqual([{ seconds: 42, nanoseconds: 1 }, []]);
  });
});

describe('timestamps', () => {
  it('converts ns and ms exactly, and splits u64 times without rounding', async () => {
    expect(timestampFromNs(1_733_000_000_123_456_789n)).toEqual({ seconds: 1_733_000_000, nanoseconds: 123_456_789 });
    expect(timestampFromMs(1_733_000_000_123.5)).toEqual({ seconds: 1_733_000_000, nanoseconds: 123_500_000 });
    // The latest second pcapng holds in ns, and one nanosecond before 2^64 ns.
    const sink = collectSink();
    const w = createPcapngWriter(sink);
    const last = { seconds: 18_446_744_072, nanoseconds: 999_999_999 };
    w.writePacket({ data: Uint8Array.of(1), timestamp: last });
    await w.close();
    expect(readCapture(sink.bytes()).packets[0]!.timestamp).toEqual(last);
  });
});

describe('errors', () => {
  const thrown = (f: () => unknown): PcapError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(PcapError);
      expect(e).toBeInstanceOf(CiliumEventsError);
      return e as PcapError;
    }
    throw new Error('expected a throw');
  };

  it('rejects bad options and packets with typed errors', () => {
    expect(thrown(() => createPcapWriter(collectSink(), { snapLength: 0 })).code).toBe('invalid-option');
    expect(thrown(() => createPcapngWriter(collectSink(), { precision: 'ms' as 'us' })).code).toBe('invalid-option');
    expect(thrown(() => createPcapWriter(collectSink(), { linkType: 70_000 })).code).toBe('invalid-option');
    const pcap = createPcapWriter(collectSink());
    const one = Uint8Array.of(1);
    expect(thrown(() => pcap.writePacket({ data: one, timestamp: { seconds: -1, nanoseconds: 0 } })).code).toBe('invalid-packet');
    expect(thrown(() => pcap.writePacket({ data: one, timestamp: { seconds: 2 ** 32, nanoseconds: 0 } })).code).toBe('invalid-packet');
    expect(thrown(() => pcap.writePacket({ data: one, timestamp: { seconds: 1, nanoseconds: 1e9 } })).code).toBe('invalid-packet');
    expect(thrown(() => pcap.writePacket({ data: one, timestamp: { seconds: 1.5, nanoseconds: 0 } })).code).toBe('invalid-packet');
    const ng = createPcapngWriter(collectSink());
    expect(thrown(() => ng.writePacket({ data: one, timestamp: { seconds: 0, nanoseconds: -5 } })).code).toBe('invalid-packet');
    expect(thrown(() => ng.writePacket({ data: one, origLen: -1, timestamp: T0 })).code).toBe('invalid-packet');
    expect(thrown(() => timestampFromNs(-1n)).code).toBe('invalid-packet');
  });

  it('refuses writes after close', async () => {
    const w = createPcapngWriter(collectSink());
    await w.close();
    await w.close(); // closing twice is harmless
    await expect(w.drain()).rejects.toMatchObject({ code: 'writer-closed' });
  });

  it('surfaces a sink that throws or rejects as write-failed, with the cause', async () => {
    const boom = new Error('disk on fire');
    const throwing = createPcapngWriter({ write: () => { throw boom; } });
    await expect(throwing.close()).rejects.toMatchObject({ code: 'write-failed', cause: boom });
    const rejecting = createPcapWriter({ write: () => Promise.reject(boom) });
    await expect(rejecting.drain()).rejects.toMatchObject({ code: 'write-failed', cause: boom });
    await expect(rejecting.close()).rejects.toMatchObject({ code: 'write-failed' });
  });

  it('surfaces a failing Node stream (write, then end) instead of crashing', async () => {
    const failing = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('no space'), { code: 'ENOSPC' })) });
    const w = createPcapngWriter(nodeStreamSink(failing));
    w.writePacket({ data: new Uint8Array(100), timestamp: T0 });
    const e = await w.close().then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({ code: 'write-failed', cause: { code: 'ENOSPC' } });
  });

  it('surfaces a failing WHATWG stream', async () => {
    const stream = new WritableStream<Uint8Array>({ write: () => Promise.reject(new Error('quota')) });
    const w = createPcapngWriter(webStreamSink(stream));
    await expect(w.close()).rejects.toMatchObject({ code: 'write-failed' });
  });
});

describe('streaming', () => {
  it('hands the sink chunks of at most 64 KiB and asks the caller to wait while the sink does', async () => {
    const sizes: number[] = [];
    let release!: () => void;
    let waiting = 0;
    const slow: ByteSink = {
      write(chunk) {
        sizes.push(chunk.byteLength);
        waiting++;
        return new Promise<void>((r) => (release = r));
      },
    };
    const w = createPcapWriter(slow);
    const data = new Uint8Array(1000);
    let writes = 0;
    while (w.writePacket({ data, timestamp: T0 })) writes++;
    // The first full chunk went to the sink, which has not finished: the writer says wait.
    expect(waiting).toBe(1);
    expect(writes).toBe(Math.floor((65536 - 24) / 1016));
    const drained = w.drain();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await drained;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(65536);
  });

  it('reuses chunks the sink releases, writing every padding byte itself', async () => {
    const chunks: Uint8Array[] = [];
    const copying: ByteSink = {
      write(chunk, release) {
        chunks.push(chunk.slice());
        chunk.fill(0xee); // what a reused chunk may still hold
        release();
      },
    };
    const w = createPcapngWriter(copying, { release: '1.19' });
    const packets = Array.from({ length: 3000 }, (_, i) => ({ data: new Uint8Array(1 + (i % 97)).fill(i & 0xff), timestamp: T0, comment: 'x'.repeat(i % 7), verdict: 2, direction: 'inbound' as const }));
    for (const p of packets) w.writePacket(p);
    await w.close();
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    chunks.reduce((at, c) => (all.set(c, at), at + c.byteLength), 0);
    const file = readCapture(all);
    expect(file.packets.map((p) => [p.data, p.comments[0] ?? ''])).toEqual(packets.map((p) => [p.data, p.comment]));
    // No byte of the 0xee fill survives in padding: every block is byte-identical to a fresh write.
    const fresh = collectSink();
    const again = createPcapngWriter(fresh, { release: '1.19' });
    for (const p of packets) again.writePacket(p);
    await again.close();
    expect(all).toEqual(fresh.bytes());
  });

  it('keeps memory flat over many packets into a Node stream that drains slowly', async () => {
    let held = 0;
    let peak = 0;
    const out = new Writable({
      highWaterMark: 256 * 1024,
      write(chunk: Buffer, _e, cb) {
        held += chunk.byteLength;
        peak = Math.max(peak, held);
        setImmediate(() => {
          held -= chunk.byteLength;
          cb();
        });
      },
    });
    const w = createPcapngWriter(nodeStreamSink(out), { comment: false });
    const data = new Uint8Array(1500);
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      total += data.byteLength;
      if (!w.writePacket({ data, timestamp: { seconds: i, nanoseconds: 0 } })) await w.drain();
    }
    await w.close();
    expect(total).toBeGreaterThan(25 * 1024 * 1024);
    // Bounded by the stream's buffer and one chunk, not by the 30 MB written.
    expect(peak).toBeLessThan(512 * 1024);
  });
});
