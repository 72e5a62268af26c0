/**
 * Writes the sample inputs of the examples (deterministic; nothing here comes from a real
 * cluster): a few Cilium 1.18 monitor events — policy drops, traces, policy verdicts, a
 * debug message and a socket-LB trace — made with cilium-events' encoder, as
 *
 *   events-1.18.hex   one event per line, as `cilium-events decode` reads it
 *   ring-1.18.bin     a perf ring snapshot (metadata page + 2 data pages) with the events and one lost record
 *   monitor-1.18.gob  a monitor-socket gob stream (what `cilium-dbg monitor` reads from the agent)
 *
 * Run from the repository root: npx tsx examples/data/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAYLOAD_DEFINITION, payload } from '../../test/cli/gob-writer.js';
import { encodeDebug, encodeDrop, encodePolicy, encodeSock, encodeTrace, ipv4Packet, ipv6Packet } from '../../test/filter/events.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const SYN = 0x02;
const ACK = 0x10;

const web = { src: [10, 0, 1, 23], dst: [10, 0, 2, 41] } as const;
const events: [string, Uint8Array][] = [
  ['drop: policy denied, client 10.0.1.23 -> web 10.0.2.41:80 SYN (ingress)', encodeDrop({ reason: 133, srcLabel: 48312, dstLabel: 9110, dstId: 2417, file: 1, line: 2182, ifindex: 14, packet: ipv4Packet({ ...web, proto: 6, sport: 51234, dport: 80, tcpFlags: SYN }) })],
  ['drop: policy denied, again', encodeDrop({ reason: 133, srcLabel: 48312, dstLabel: 9110, dstId: 2417, file: 1, line: 2182, ifindex: 14, packet: ipv4Packet({ ...web, proto: 6, sport: 51236, dport: 80, tcpFlags: SYN }) })],
  ['drop: CT map insertion failed, DNS over IPv6', encodeDrop({ reason: 155, srcLabel: 48312, dstLabel: 2, file: 2, line: 1107, ifindex: 14, packet: ipv6Packet([0xf0, 0x0d, ...new Array<number>(13).fill(0), 1], [0xf0, 0x0d, ...new Array<number>(13).fill(0), 2], 40000, 53) })],
  ['trace: to-endpoint, web reply', encodeTrace({ point: 0, srcLabel: 9110, dstLabel: 48312, dstId: 1801, ifindex: 9, packet: ipv4Packet({ src: [10, 0, 2, 41], dst: [10, 0, 1, 23], proto: 6, sport: 80, dport: 51240, tcpFlags: SYN | ACK }) })],
  ['trace: from-endpoint', encodeTrace({ point: 5, source: 1801, srcLabel: 48312, ifindex: 14, packet: ipv4Packet({ ...web, proto: 6, sport: 51240, dport: 80, tcpFlags: ACK }) })],
  ['trace: to-stack', encodeTrace({ point: 3, srcLabel: 48312, dstLabel: 2, ifindex: 14, packet: ipv4Packet({ src: [10, 0, 1, 23], dst: [1, 1, 1, 1], proto: 17, sport: 40001, dport: 53 }) })],
  ['policy verdict: ingress allowed (L3/L4 match)', encodePolicy({ verdict: 0, remoteLabel: 48312, ingress: true, matchType: 3, packet: ipv4Packet({ ...web, proto: 6, sport: 51240, dport: 80, tcpFlags: SYN }) })],
  ['policy verdict: ingress denied', encodePolicy({ verdict: -133, remoteLabel: 48312, ingress: true, packet: ipv4Packet({ ...web, proto: 6, sport: 51234, dport: 80, tcpFlags: SYN }) })],
  ['debug message', encodeDebug(1801)],
  ['socket-LB trace: pre-xlate on connect()', encodeSock(0)],
];

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
writeFileSync(
  `${dir}events-1.18.hex`,
  ['# Sample Cilium 1.18 monitor events (examples/data/generate.ts): one event per line.', ...events.flatMap(([c, b]) => [`# ${c}`, hex(b)])].join('\n') + '\n',
);

// Perf ring: metadata page, then 2 pages of data. Samples are PERF_RECORD_SAMPLE (9) records
// with PERF_SAMPLE_RAW: header (8) + u32 size + raw bytes, padded to 8. One PERF_RECORD_LOST (2).
const PAGE = 4096;
const ring = new Uint8Array(3 * PAGE);
const dv = new DataView(ring.buffer);
let head = 0;
const put = (type: number, body: Uint8Array): void => {
  const size = 8 + body.length;
  dv.setUint32(PAGE + head, type, true);
  dv.setUint16(PAGE + head + 6, size, true);
  ring.set(body, PAGE + head + 8);
  head += size;
};
for (const [i, [, b]] of events.entries()) {
  const raw = Math.ceil((b.length + 4) / 8) * 8 - 4;
  const body = new Uint8Array(4 + raw);
  new DataView(body.buffer).setUint32(0, raw, true);
  body.set(b, 4);
  put(9, body);
  if (i === 4) {
    const lost = new Uint8Array(16);
    new DataView(lost.buffer).setBigUint64(0, 7n, true); // perf event id
    new DataView(lost.buffer).setBigUint64(8, 3n, true); // samples lost
    put(2, lost);
  }
}
dv.setBigUint64(1024, BigInt(head), true); // data_head
dv.setBigUint64(1032, 0n, true); // data_tail
dv.setBigUint64(1040, BigInt(PAGE), true); // data_offset
dv.setBigUint64(1048, BigInt(2 * PAGE), true); // data_size
writeFileSync(`${dir}ring-1.18.bin`, ring);

writeFileSync(
  `${dir}monitor-1.18.gob`,
  Buffer.concat([PAYLOAD_DEFINITION, ...events.map(([, data], i) => payload({ data, cpu: i % 2, type: 9 })), payload({ lost: 3, cpu: 1, type: 2 })]),
);
console.log(`examples/data: ${events.length} events as hex, ring snapshot and gob stream`);
