// Input parsing and filtering throughput: the monitor-socket gob stream, hex lines, and a
// filter chain over decoded events. Runs against the built dist/ (npm run bench builds it).
import { performance } from 'node:perf_hooks';
import { createDecoder, encodeEvent } from '../dist/index.js';
import { readGob, readHex } from '../dist/sources.js';
import { allOf, byMessageType, byIp, byPort } from '../dist/filter.js';
import { Counters } from '../dist/stats.js';

const RELEASE = '1.19';
const COUNT = 4096;
const PACKET = 100;

function frame(i) {
  const p = new Uint8Array(PACKET);
  p.set([0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0);
  p.set([0x45, 0, 0, PACKET - 14, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, i & 0xff], 14);
  p.set([0x9c, 0x40, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0], 34);
  return p;
}
const empty = new Uint8Array(0);
const events = Array.from({ length: COUNT }, (_, i) =>
  encodeEvent(
    { type: 4, subtype: i % 12, source: i, hash: i, origLen: PACKET, capLen: PACKET, version: 1, extVersion: 0, extension: empty, packet: frame(i), srcLabel: 1000, dstLabel: 2, dstId: i & 0xffff, reason: 1, flags: 0, ifindex: 5, origIpBytes: new Uint8Array(16), ipTraceId: 0n },
    { release: RELEASE },
  ),
);

// gob: the agent's Payload definition, then one {Data, CPU, Type: 9} value per event (monitor-output.md §2.4).
const uint = (n) => {
  if (n < 128) return [n];
  const b = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) b.unshift(v % 256);
  return [256 - b.length, ...b];
};
const definition = Buffer.from('38ff81030101075061796c6f616401ff82000104010444617461010a000103435055010400010' + '44c6f7374010600010454797065010400' + '0000', 'hex');
const values = events.map((e, i) => {
  const body = [0xff, 0x82, 1, ...uint(e.length), ...e, 1, ...uint((i % 8) * 2), 2, 0x12, 0];
  return Buffer.from([...uint(body.length), ...body]);
});
const gob = Buffer.concat([definition, ...values]);
const hex = events.map((e) => Buffer.from(e).toString('hex')).join('\n');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Bytes (or events) per second of this process's CPU time over ~`ms` of wall time. */
function rate(fn, units, ms = 600) {
  for (let i = 0; i < 5; i++) fn();
  let n = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn();
    n += units;
  }
  return (n * 1000) / (cpuMs() - c0);
}

const decode = createDecoder({ release: RELEASE });
const decoded = events.map((e) => decode(e));
const keep = allOf(byMessageType(['trace', 'drop']), byIp(['10.0.1.0/24']), byPort([443]));
let sink = 0;
const gobRate = rate(() => (sink += readGob(gob).length), gob.byteLength);
const hexRate = rate(() => {
  for (const r of readHex(hex)) sink += r.data.length;
}, hex.length);
// Fresh objects each round: the packet tuple is cached per event object.
const filterRate = rate(() => {
  for (const e of events) if (keep(decode(e))) sink++;
}, COUNT);
const counterRate = rate(() => {
  const c = new Counters();
  for (const e of decoded) c.add(e);
  sink += c.snapshot().packets;
}, COUNT);

const mb = (r) => `${(r / 1e6).toFixed(1)} MB/s`;
console.log('(rates per second of CPU time of this process)');
console.log(`readGob (monitor socket stream)   ${mb(gobRate)}`);
console.log(`readHex                           ${mb(hexRate)}`);
console.log(`decode + 3-filter chain           ${(filterRate / 1e6).toFixed(2)} M events/s`);
console.log(`Counters.add                      ${(counterRate / 1e6).toFixed(2)} M events/s`);
const met = gobRate >= 100e6 && hexRate >= 50e6 && filterRate >= 0.5e6;
console.log(`targets: gob ≥100 MB/s, hex ≥50 MB/s, decode+filter ≥0.5 M events/s: ${met ? 'met' : 'MISSED'}`);
if (sink === 0.5) console.log('');
