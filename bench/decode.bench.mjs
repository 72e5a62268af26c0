// decodeEvent throughput on a drop/trace/policy mix with ~100-byte packets, against a
// binary-parser parser built from the same generated layouts, plus the header-filter path,
// and against the Go anchor (bench/anchors/decode.go): a field-by-field decode of the same
// messages in Go, run in the same invocation where Go exists. Target: decodeEvent, reading
// every field the Go program decodes, within 3x of it.
// Runs against the built dist/ (npm run bench builds it first).
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';
import { decodeEvent, createDecoder, encodeEvent, readHeader, createHeaderFilter } from '../dist/index.js';
import { dissectPacket } from '../dist/packet.js';
import { getTables } from '../dist/tables.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goDecodeAnchor, recorded, verdict } from './anchors/anchors.mjs';

// The oracle is TypeScript shared with the tests; tsx compiles it on import.
register();
const { buildOracle } = await import('../test/helpers/binary-parser-oracle.ts');

const RELEASE = '1.19';
const COUNT = 1024;
const PACKET = 100;

/** An IPv4/TCP frame of `PACKET` bytes so the dissector has real work. */
function frame(seed) {
  const p = new Uint8Array(PACKET);
  p.set([0, 1, 2, 3, 4, seed & 0xff, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0); // Ethernet, IPv4
  p.set([0x45, 0, 0, PACKET - 14, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, seed & 0xff], 14);
  p.set([0x9c, 0x40, 0x1f, 0x90, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0], 34); // TCP SYN
  return p;
}

const empty = new Uint8Array(0);
function makeEvent(i) {
  const packet = frame(i);
  const capture = { source: i & 0xfff, hash: i * 2654435761 >>> 0, origLen: PACKET, capLen: PACKET, extVersion: 0, extension: empty, packet };
  switch (i % 3) {
    case 0:
      return { type: 1, subtype: 133, ...capture, version: 3, srcLabel: 1000 + i, dstLabel: 2, dstId: i, line: 1200, file: 2, extError: 0, ifindex: 5, flags: 0, ipTraceId: 0n };
    case 1:
      return { type: 4, subtype: i % 12, ...capture, version: 2, srcLabel: 1000 + i, dstLabel: 2, dstId: i & 0xffff, reason: 1, flags: 0, ifindex: 5, origIpBytes: new Uint8Array(16), ipTraceId: 0n };
    default:
      return { type: 5, subtype: 0, ...capture, version: 1, remoteLabel: 1000 + i, verdict: -133, dstPort: 80, proto: 6, flags: 0x0a, authType: 0, cookie: i };
  }
}

// All samples live in one ArrayBuffer, as a perf-ring read delivers them.
const encoded = Array.from({ length: COUNT }, (_, i) => encodeEvent(makeEvent(i), { release: RELEASE }));
const ring = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
const samples = [];
let at = 0;
for (const e of encoded) {
  ring.set(e, at);
  samples.push(ring.subarray(at, at + e.length));
  at += e.length;
}

const tables = getTables(RELEASE);
const oracles = new Map();
for (const [type, struct] of [[1, 'drop_notify'], [4, 'trace_notify'], [5, 'policy_verdict_notify']]) {
  const s = tables.structs[struct];
  oracles.set(type, buildOracle(s, s.size, true));
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs `fn` over all samples repeatedly for ~`ms` of wall time and returns operations per
 * second of this process's CPU time: the targets are per core, and the machine may be shared.
 */
function rate(fn, ms = 600) {
  for (let i = 0; i < 20; i++) fn(); // warm up: let the JIT optimise before measuring
  let ops = 0;
  const cpuStart = cpuMs();
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    ops += COUNT;
  }
  return (ops * 1000) / (cpuMs() - cpuStart);
}

let sink = 0;
const decode = createDecoder({ release: RELEASE });
const decodeInto = createDecoder({ release: RELEASE, reuse: true });
const opts = { release: RELEASE };
const filter = createHeaderFilter({ types: [1], subtypes: [133] });
const header = { type: 0, subtype: 0, source: 0, hash: 0 };

const results = {
  'decodeEvent (header only)': rate(() => {
    for (let i = 0; i < COUNT; i++) sink += decodeEvent(samples[i], opts).source;
  }),
  'createDecoder (header only)': rate(() => {
    for (let i = 0; i < COUNT; i++) sink += decode(samples[i]).source;
  }),
  'createDecoder reuse (header)': rate(() => {
    for (let i = 0; i < COUNT; i++) sink += decodeInto(samples[i]).source;
  }),
  'binary-parser (header only)': rate(() => {
    for (let i = 0; i < COUNT; i++) {
      const s = samples[i];
      sink += oracles.get(s[0]).parseRaw(s).source;
    }
  }, 300),
  'header filter': rate(() => {
    for (let i = 0; i < COUNT; i++) if (filter(samples[i])) sink++;
  }),
  readHeader: rate(() => {
    for (let i = 0; i < COUNT; i++) if (readHeader(samples[i], header)) sink += header.hash;
  }),
};

/** The fields decode.go decodes, read from the event (sums keep the work observable). */
function everyField(ev) {
  let n = ev.type + ev.subtype + ev.source + ev.hash + ev.origLen + ev.capLen + ev.version + ev.extVersion + ev.packet.length;
  if (ev.type === 1) n += ev.srcLabel + ev.dstLabel + ev.dstId + ev.line + ev.file + ev.extError + ev.ifindex + ev.flags + Number(ev.ipTraceId & 0xffn);
  else if (ev.type === 4) n += ev.srcLabel + ev.dstLabel + ev.dstId + ev.reason + ev.flags + ev.ifindex + ev.origIpBytes.length + Number(ev.ipTraceId & 0xffn);
  else if (ev.type === 5) n += ev.remoteLabel + ev.verdict + ev.dstPort + ev.proto + ev.flags + ev.authType + ev.cookie;
  return n;
}
results['decodeEvent + every field'] = rate(() => {
  for (let i = 0; i < COUNT; i++) sink += everyField(decodeEvent(samples[i], opts));
});

results['reuse + every field'] = rate(() => {
  for (let i = 0; i < COUNT; i++) sink += everyField(decodeInto(samples[i]));
});

results['decodeEvent + dissectPacket'] = rate(() => {
  for (let i = 0; i < COUNT; i++) {
    const ev = decode(samples[i]);
    const p = dissectPacket(ev.packet, { startsAt: ev.isL3Device ? 'ip' : 'ethernet' });
    sink += p.layers.length;
  }
});

const fmt = (n) => `${(n / 1e6).toFixed(2)} M/s`;
console.log('(rates per second of CPU time of this process)');
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(32)} ${fmt(r)}`);
const ratio = results['decodeEvent (header only)'] / results['binary-parser (header only)'];
console.log(`decodeEvent / binary-parser      ${ratio.toFixed(1)}x`);

// The Go anchor over the same messages, in the bin framing.
const binDir = mkdtempSync(join(tmpdir(), 'cilium-events-bench-'));
const bin = new Uint8Array(8 + samples.reduce((n, s) => n + 4 + s.length, 0));
bin.set([0x43, 0x45, 0x56, 0x42, 0x49, 0x4e, 0, 1]);
let p = 8;
for (const s of samples) {
  new DataView(bin.buffer).setUint32(p, s.length, true);
  bin.set(s, p + 4);
  p += 4 + s.length;
}
writeFileSync(join(binDir, 'events.bin'), bin);
const go = goDecodeAnchor(join(binDir, 'events.bin'), 1);
const goNs = go.reason === undefined ? go.nsPerEvent : recorded.goDecode.nsPerEvent;
if (go.reason !== undefined) console.log(`Go anchor: ${go.reason}; using ${goNs} ns/event recorded in ${recorded.goDecode.source}`);
const oursNs = 1e9 / results['decodeEvent + every field'];
const reuseNs = 1e9 / results['reuse + every field'];
console.log(`Go field-by-field decode (${go.go ?? 'recorded'})  ${(1e9 / goNs / 1e6).toFixed(2)} M/s (${goNs.toFixed(0)} ns/event of CPU time)`);
console.log(
  `targets: decodeEvent + every field within 3x of Go: ${(oursNs / goNs).toFixed(2)}x ${verdict(oursNs <= 3 * goNs)}; ` +
    `reusing one event: ${(reuseNs / goNs).toFixed(2)}x (no target); ` +
    `≥10x binary-parser ${verdict(ratio >= 10)}; ` +
    `≥20 M/s decodes ${verdict(results['createDecoder (header only)'] >= 20e6)}; ` +
    `≥50 M/s filter ${verdict(results['header filter'] >= 50e6)}`,
);
if (sink === 0.5) console.log(''); // keep the work observable
