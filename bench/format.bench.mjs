// From bytes to printed lines: 4,096 drop and trace events with 100-byte TCP packets (the
// workload of issue 11), decoded and formatted by the library — cilium monitor's summary, -v,
// -vv and --json, and Hubble flow JSON — and by the CLI from a `bin` file to /dev/null.
//
// Anchors: Cilium's own Go code on the same events (the differential harness's timings when it
// provides them, else the figures recorded in bench/anchors/recorded.json, with the reason);
// the CLI is compared with the library path measured in this run (and with the library path
// plus encoding its text as UTF-8, which any printer pays). Targets: the library at least 3x the
// events/s of Cilium's Go code; the CLI within 1.3x of the library; memory flat.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDecoder, encodeEvent } from '../dist/index.js';
import { formatEvent, toFlow } from '../dist/format.js';
import { Counters } from '../dist/stats.js';
import { PerformanceObserver } from 'node:perf_hooks';
import { childCpuSeconds, goFormatAnchor, verdict } from './anchors/anchors.mjs';

const COUNT = 4096;
const PACKET = 100;
const empty = new Uint8Array(0);

function frame(seed) {
  const p = new Uint8Array(PACKET);
  p.set([0, 1, 2, 3, 4, seed & 0xff, 0, 6, 7, 8, 9, 10, 0x08, 0x00], 0);
  p.set([0x45, 0, 0, PACKET - 14, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 1, seed & 0xff], 14);
  p.set([0x9c, 0x40, 0x1f, 0x90, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0], 34);
  return p;
}

function makeEvent(i) {
  const packet = frame(i);
  const capture = { source: i & 0xfff, hash: (i * 2654435761) >>> 0, origLen: PACKET, capLen: PACKET, extVersion: 0, extension: empty, packet };
  if (i % 2 === 0) {
    return { type: 1, subtype: 133, ...capture, version: 3, srcLabel: 1000 + i, dstLabel: 2, dstId: i, line: 1200, file: 2, extError: 0, ifindex: 5, flags: 0, ipTraceId: 0n };
  }
  return { type: 4, subtype: i % 12, ...capture, version: 2, srcLabel: 1000 + i, dstLabel: 2, dstId: i & 0xffff, reason: 1, flags: 0, ifindex: 5, origIpBytes: new Uint8Array(16), ipTraceId: 0n };
}

const samples = Array.from({ length: COUNT }, (_, i) => encodeEvent(makeEvent(i), { release: '1.19' }));
const decode = createDecoder({ release: '1.19' });

/** The library path of each output: decode the bytes, format, as the CLI does per event. */
const paths = {
  summary: (s) => formatEvent(decode(s), { sample: s }),
  verbose: (s) => formatEvent(decode(s), { mode: 'verbose', sample: s }),
  dissect: (s) => formatEvent(decode(s), { mode: 'dissect', sample: s }),
  json: (s) => formatEvent(decode(s), { mode: 'json', sample: s }),
  flow: (s) => JSON.stringify({ flow: toFlow(decode(s)) }),
};
const cliFlags = { summary: [], verbose: ['-v'], dissect: ['-vv'], json: ['--json'], flow: ['--flow'] };

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU µs per event of `fn` over all samples, best of five ~0.3 s blocks. */
function usPerEvent(fn) {
  let sink = 0;
  for (let r = 0; r < 5; r++) for (const s of samples) sink += fn(s).length;
  let best = Infinity;
  for (let block = 0; block < 5; block++) {
    const c0 = cpuUs();
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 300) {
      for (const s of samples) sink += fn(s).length;
      n += COUNT;
    }
    best = Math.min(best, (cpuUs() - c0) / n);
  }
  if (sink === 0.5) console.log('');
  return best;
}

// The CLI: CPU time of the child per event, from the difference between a short and a long
// input so that start-up cancels out. The short input is long enough (32 Ki events) for the JIT
// to have compiled the hot paths, so what is left is the steady state, as for the library path
// (warmed up before it is timed): with a 4 Ki-event short run, compiling on V8's background
// threads during the long run alone added 0.3–1.5 µs to every event.
const dir = mkdtempSync(join(tmpdir(), 'cilium-events-bench-'));
function writeBin(path, repeat) {
  const frames = [];
  for (let r = 0; r < repeat; r++) frames.push(...samples);
  const out = new Uint8Array(8 + frames.reduce((n, s) => n + 4 + s.length, 0));
  out.set([0x43, 0x45, 0x56, 0x42, 0x49, 0x4e, 0, 1]);
  const view = new DataView(out.buffer);
  let at = 8;
  for (const s of frames) {
    view.setUint32(at, s.length, true);
    out.set(s, at + 4);
    at += 4 + s.length;
  }
  writeFileSync(path, out);
  return frames.length;
}
const SHORT = 8;
const LONG = 72;
const shortBin = join(dir, 'short.bin');
const longBin = join(dir, 'long.bin');
writeBin(shortBin, SHORT);
writeBin(longBin, LONG);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function cliCpuSeconds(flags, file) {
  const before = childCpuSeconds();
  const r = spawnSync(process.execPath, [cli, 'decode', ...flags, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`cli ${flags.join(' ')} failed: ${r.stderr}`);
  return childCpuSeconds() - before;
}

/** CLI µs per event (best of three runs of each input), or undefined without /proc. */
function cliUsPerEvent(flags) {
  if (childCpuSeconds() === undefined) return undefined;
  const best = (file) => Math.min(cliCpuSeconds(flags, file), cliCpuSeconds(flags, file), cliCpuSeconds(flags, file));
  const short = best(shortBin);
  const long = best(longBin);
  return ((long - short) * 1e6) / ((LONG - SHORT) * COUNT);
}

const go = goFormatAnchor(samples);
if (go.reason !== undefined) console.log(`Go anchor: ${go.reason}`);
else console.log(`Go anchor: ${go.source}`);

// The library path plus what any printer must add: the text as UTF-8 bytes (a floor of the CLI).
const toBytes = (fn) => (s) => Buffer.from(fn(s));

console.log('path        library µs/event   Go µs/event   vs Go (target >= 3x)   CLI µs/event   CLI/library (target <= 1.3x)   library + UTF-8 bytes');
for (const [name, fn] of Object.entries(paths)) {
  const lib = usPerEvent(fn);
  const withBytes = usPerEvent(toBytes(fn));
  const goUs = go.usPerEvent[name];
  const cliUs = cliUsPerEvent(cliFlags[name]);
  const vsGo = goUs / lib;
  const cliRatio = cliUs === undefined ? undefined : cliUs / lib;
  console.log(
    `${name.padEnd(10)} ${lib.toFixed(2).padStart(12)} ${goUs.toFixed(1).padStart(15)} ${`${vsGo.toFixed(2)}x ${verdict(vsGo >= 3)}`.padStart(22)}` +
      ` ${cliUs === undefined ? '   (no /proc)' : cliUs.toFixed(2).padStart(14)} ${cliRatio === undefined ? '' : `${cliRatio.toFixed(2)}x ${verdict(cliRatio <= 1.3)}`.padStart(20)}` +
      `${withBytes.toFixed(2).padStart(16)} (${(withBytes / lib).toFixed(2)}x)`,
  );
}

// Memory: the same work over 1 and 8 passes of the events leaves the heap where it was.
globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
for (const s of samples) paths.json(s);
globalThis.gc?.();
const heap1 = process.memoryUsage().heapUsed;
for (let r = 0; r < 8; r++) for (const s of samples) paths.json(s);
globalThis.gc?.();
const heap8 = process.memoryUsage().heapUsed;
const growth = (heap8 - heap1) / 1024;
console.log(`memory: heap after 1 pass +${((heap1 - heap0) / 1024).toFixed(0)} KiB, after 8 more ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} KiB — flat ${verdict(growth < 1024)}`);

// The stats path: Counters.add allocates nothing per event once its keys are known, so it
// causes no more young-generation collections than reading the same event fields does.
const events = samples.map((s) => decode(s));
let fieldSink = 0;
const readFields = (e) => {
  fieldSink += e.origLen + e.subtype + e.dstId + e.release.length + (e.type === 1 ? e.line + e.file + (e.fileName?.length ?? 0) : (e.subtypeName?.length ?? 0));
};
const counters = new Counters();
function collections(fn) {
  for (let r = 0; r < 20; r++) for (const e of events) fn(e);
  let n = 0;
  const obs = new PerformanceObserver((list) => (n += list.getEntries().length));
  obs.observe({ entryTypes: ['gc'] });
  const c0 = cpuUs();
  for (let r = 0; r < 250; r++) for (const e of events) fn(e);
  const ns = ((cpuUs() - c0) * 1000) / (250 * COUNT);
  return new Promise((resolve) => setTimeout(() => (obs.disconnect(), resolve({ n, ns })), 20));
}
const base = await collections(readFields);
const stats = await collections((e) => counters.add(e));
console.log(
  `stats: Counters.add ${stats.ns.toFixed(0)} ns/event; collections per ${(250 * COUNT / 1e6).toFixed(2)} M events: ${stats.n} (reading the same fields alone: ${base.n}) — ` +
    `no per-event allocation ${verdict(stats.n <= base.n + 1)}`,
);
if (fieldSink === 0.5) console.log('');
