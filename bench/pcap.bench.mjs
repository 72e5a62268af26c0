// Capture writing throughput (run by `npm run bench` against dist/): bytes/s of packet data
// written for 1 M packets, by the classic pcap and pcapng writers into a sink that takes the
// chunks, beside a plain copy of the same packet bytes into one buffer, measured in the same
// run; the target is at least half the plain-copy rate. Two packet sizes: 128 bytes (Cilium's
// default trace/drop capture length) and 1514 bytes (full Ethernet frames). Also events/s of
// writeEvent (decoded trace events → pcapng), without and with the `cilium monitor` comment.
import { createDecoder, encodeEvent } from '../dist/index.js';
import { createPcapngWriter, createPcapWriter } from '../dist/pcap.js';

const PACKETS = 1_000_000;
const ROUNDS = 5;
const POOL = 1024;

function frame(size, i) {
  const p = new Uint8Array(size);
  p.set([0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0);
  p.set([0x45, 0, (size - 14) >> 8, (size - 14) & 0xff, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, i & 0xff], 14);
  p.set([0x9c, 0x40, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x10, 0xff, 0xff, 0, 0, 0, 0], 34);
  return p;
}

/**
 * A sink that takes each chunk and releases it at once, as one that copies or writes
 * synchronously does (so the writer reuses the memory): what is measured is the writer.
 */
function discard() {
  let bytes = 0;
  return {
    sink: {
      write: (c, release) => {
        bytes += c.byteLength;
        release();
      },
    },
    bytes: () => bytes,
  };
}

/** CPU seconds of this process so far: unlike wall time, not inflated by other jobs on the machine. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * CPU seconds per run of each function, the best of ROUNDS, the functions taking turns in
 * every round so that a change of machine load affects them alike.
 */
function bestOf(fns) {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((fn, i) => {
      const t0 = cpuSeconds();
      fn();
      best[i] = Math.min(best[i], cpuSeconds() - t0);
    });
  }
  return best;
}

const mbs = (bytes, s) => `${(bytes / s / 1e6).toFixed(0).padStart(6)} MB/s`;
let ok = true;
for (const size of [128, 1514]) {
  // A pool of packets reused in turn, each with its own time, as a capture loop hands them over.
  const pool = Array.from({ length: POOL }, (_, i) => ({ data: frame(size, i), origLen: size, timestamp: { seconds: 1_733_000_000 + (i >> 8), nanoseconds: i * 1000 }, ifindex: 5, direction: 'inbound' }));
  const total = PACKETS * size;
  const target = new Uint8Array(total);
  // One loop per writer, as a program has: a call site shared by both would be polymorphic.
  const [copy, pcap, pcapng] = bestOf([
    () => {
      let at = 0;
      for (let i = 0; i < PACKETS; i++) {
        target.set(pool[i & (POOL - 1)].data, at);
        at += size;
      }
    },
    () => {
      const w = createPcapWriter(discard().sink);
      for (let i = 0; i < PACKETS; i++) w.writePacket(pool[i & (POOL - 1)]);
      w.close();
    },
    () => {
      const w = createPcapngWriter(discard().sink);
      for (let i = 0; i < PACKETS; i++) w.writePacket(pool[i & (POOL - 1)]);
      w.close();
    },
  ]);
  const rows = [['plain copy into one buffer', copy], ['pcap (ns) writePacket', pcap], ['pcapng writePacket', pcapng]];
  console.log(`\n1 M packets of ${size} bytes (${(total / 1e6).toFixed(0)} MB of packet data), per CPU second, best of ${ROUNDS}:`);
  for (const [name, s] of rows) {
    const ratio = copy / s;
    console.log(`${name.padEnd(30)} ${mbs(total, s)}  ${ratio.toFixed(2)}× copy`);
    if (name !== 'plain copy into one buffer' && ratio < 0.5) ok = false;
  }
}

// The event path: eventPacket (link type, direction, …) and, with comments, formatEvent.
const decode = createDecoder({ release: '1.19' });
const events = Array.from({ length: POOL }, (_, i) =>
  decode(
    encodeEvent(
      { type: 4, subtype: i % 12, source: i, hash: i, origLen: 128, capLen: 128, version: 1, extVersion: 0, extension: new Uint8Array(0), packet: frame(128, i), srcLabel: 1000, dstLabel: 2, dstId: i & 0xffff, reason: 1, flags: 0, ifindex: 5, origIpBytes: new Uint8Array(16), ipTraceId: 0n },
      { release: '1.19' },
    ),
  ),
);
console.log('\nwriteEvent (1.19 traces, 128-byte packets) → pcapng:');
for (const [name, n, comment] of [
  ['without comments', PACKETS, false],
  ['with the cilium monitor comment', PACKETS / 10, {}],
]) {
  const time = { timestamp: { seconds: 1_733_000_000, nanoseconds: 0 } };
  const [s] = bestOf([
    () => {
      const w = createPcapngWriter(discard().sink, { comment });
      for (let i = 0; i < n; i++) w.writeEvent(events[i & (POOL - 1)], time);
      w.close();
    },
  ]);
  console.log(`${name.padEnd(34)} ${(n / s / 1e6).toFixed(2)} M events/s`);
}
console.log(`\ntarget: writers ≥ 0.5× the plain copy: ${ok ? 'met' : 'MISSED'}`);
