// formatEvent (summary and JSON) and toFlow throughput on a drop/trace/policy mix with
// ~54-byte TCP frames. Target: ≥ 100k summary lines/s per core, so formatting keeps up with a
// busy node's monitor stream. Runs against the built dist/ (npm run bench builds it first).
import { performance } from 'node:perf_hooks';
import { decodeEvent, encodeEvent } from '../dist/index.js';
import { formatEvent, toFlow } from '../dist/format.js';

const COUNT = 512;
const empty = new Uint8Array(0);

function frame(seed) {
  const p = new Uint8Array(54);
  p.set([0, 1, 2, 3, 4, seed & 0xff, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0);
  p.set([0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, seed & 0xff], 14);
  p.set([0x9c, 0x40, 0x1f, 0x90, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x12, 0xff, 0xff, 0, 0, 0, 0], 34);
  return p;
}

function makeEvent(i) {
  const packet = frame(i);
  const capture = { source: i & 0xfff, hash: (i * 2654435761) >>> 0, origLen: 54, capLen: 54, extVersion: 0, extension: empty, packet };
  switch (i % 3) {
    case 0:
      return { type: 1, subtype: 133, ...capture, version: 3, srcLabel: 1000 + i, dstLabel: 2, dstId: i, line: 1200, file: 2, extError: 0, ifindex: 5, flags: 0, ipTraceId: 0n };
    case 1:
      return { type: 4, subtype: i % 12, ...capture, version: 2, srcLabel: 1000 + i, dstLabel: 2, dstId: i & 0xffff, reason: 1, flags: 0, ifindex: 5, origIpBytes: new Uint8Array(16), ipTraceId: 0n };
    default:
      return { type: 5, subtype: 0, ...capture, version: 1, remoteLabel: 1000 + i, verdict: -133, dstPort: 80, proto: 6, flags: 0x0a, authType: 0, cookie: i };
  }
}

const events = Array.from({ length: COUNT }, (_, i) => decodeEvent(encodeEvent(makeEvent(i), { release: '1.19' }), { release: '1.19' }));

function rate(fn, ms = 1500) {
  fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    ops += COUNT;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

let sink = 0;
const results = {
  'formatEvent summary': rate(() => {
    for (const ev of events) sink += formatEvent(ev).length;
  }),
  'formatEvent json': rate(() => {
    for (const ev of events) sink += formatEvent(ev, { mode: 'json' }).length;
  }),
  toFlow: rate(() => {
    for (const ev of events) sink += Object.keys(toFlow(ev)).length;
  }),
};
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(24)} ${(r / 1e3).toFixed(1)} k/s`);
if (results['formatEvent summary'] < 100_000) console.log('below the 100k lines/s target');
if (sink === 0.5) console.log('');
