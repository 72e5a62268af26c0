// Ring walking: the kernel-written `large` fixture (256 KiB, 2321 samples, unread window
// wrapping the end) in peek mode so every pass covers the same window, for each walker
// (WebAssembly with the copy into its memory, WebAssembly with the ring in its memory, and
// the TypeScript fallback) and each workload: scanRing (count), scanRecords (descriptors),
// scanRecords with a header filter, readRecords (one object per record).
//
// Anchors, run in the same invocation (bench/anchors): libbpf's perf_buffer read callback over
// the same sample sequence, written into a perf ring by the kernel itself (that ring file is then
// what the JavaScript rows walk), and a plain memcpy of the same window, the bandwidth limit.
// A follow-the-sizes loop in JavaScript is the floor of any walker (one chain of dependent loads).
// Targets: scanRecords within 2x of libbpf; WebAssembly no slower than TypeScript on any workload.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocateRingRegion, initRingReader, readRecords, scanRecords, scanRing } from '../dist/ring.js';
import { libbpfAnchor, recorded, verdict } from './anchors/anchors.mjs';

const dir = fileURLToPath(new URL('../test/fixtures/perf-ring/large/', import.meta.url));
if ((await initRingReader()) !== 'wasm') {
  console.log('ring bench skipped: WebAssembly is unavailable');
  process.exit(0);
}

const anchor = libbpfAnchor(dir, 1);
let ring;
let source;
if (anchor.reason === undefined) {
  ring = new Uint8Array(readFileSync(anchor.ring));
  source = `the ring the kernel wrote for the libbpf anchor (${anchor.samplesPerPass} samples of the large fixture)`;
} else {
  ring = new Uint8Array(readFileSync(dir + 'ring.bin'));
  source = 'the large fixture';
  console.log(`libbpf anchor: ${anchor.reason}; using figures recorded in ${recorded.libbpf.source}`);
}
let libbpf = anchor.reason === undefined ? anchor : recorded.libbpf;
const probe = readRecords(ring, { peek: true });
const records = probe.samples + probe.lostRecords;
const windowBytes = Number(probe.end - probe.start);
const inWasm = allocateRingRegion(ring.length);
inWasm.set(ring);

// The walk with every check and count removed: follow the sizes over the unread window.
const meta = new DataView(ring.buffer);
const dataOffset = Number(meta.getBigUint64(1040, true));
const dataView = new DataView(ring.buffer, dataOffset, Number(meta.getBigUint64(1048, true)));
const tail = meta.getBigUint64(1032, true);
function followSizes() {
  const mask = dataView.byteLength - 1;
  let pos = 0;
  let n = 0;
  let at = Number(tail & BigInt(mask));
  while (pos < windowBytes) {
    const size = dataView.getUint16(at + 6, true);
    if (size === 0) break;
    pos += size;
    at += size;
    if (at > mask) at -= mask + 1;
    n++;
  }
  return n;
}

/** Nanoseconds per pass of `run`, best of five timed blocks (the machine is shared). */
function nsPerPass(run) {
  for (let i = 0; i < 300; i++) run();
  globalThis.gc?.();
  let best = Infinity;
  for (let block = 0; block < 5; block++) {
    let passes = 0;
    const t0 = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 0.2e9) {
      for (let i = 0; i < 20; i++) run();
      passes += 20;
      elapsed = Number(process.hrtime.bigint() - t0);
    }
    best = Math.min(best, elapsed / passes);
  }
  return best;
}

const filter = { types: [1] }; // drops only; one spec object, compiled once
const workloads = {
  scanRing: (region, impl) => () => scanRing(region, { impl, peek: true }),
  scanRecords: (region, impl) => () => scanRecords(region, { impl, peek: true }),
  'scanRecords + filter': (region, impl) => () => scanRecords(region, { impl, peek: true, filter }),
  readRecords: (region, impl) => () => readRecords(region, { impl, peek: true }),
};

console.log(`${source}: ${records} records, ${windowBytes} bytes per pass`);
console.log('workload               wasm (copy)  wasm (in place)         ts   µs/pass   wasm/ts');
const table = {};
for (const [name, make] of Object.entries(workloads)) {
  const copy = nsPerPass(make(ring, 'wasm'));
  const inPlace = nsPerPass(make(inWasm, 'wasm'));
  const ts = nsPerPass(make(ring, 'ts'));
  table[name] = { copy, inPlace, ts };
  const us = (ns) => (ns / 1000).toFixed(1).padStart(10);
  console.log(`${name.padEnd(22)} ${us(copy)}  ${us(inPlace)}      ${us(ts)}             ${(ts / copy).toFixed(2)}x / ${(ts / inPlace).toFixed(2)}x`);
}
const floor = nsPerPass(followSizes);
// The anchor again after the JavaScript rows; the faster of its two runs is kept, like the
// best blocks of the rows, so that load from other processes favours neither side.
if (anchor.reason === undefined) {
  const again = libbpfAnchor(dir, 1);
  if (again.reason === undefined && again.nsPerPass < libbpf.nsPerPass) libbpf = { ...again, memcpyNsPerPass: Math.min(again.memcpyNsPerPass, libbpf.memcpyNsPerPass) };
}
const us = (ns) => `${(ns / 1000).toFixed(1)} µs`;
console.log(`floor: follow the sizes only (js)  ${us(floor)}`);
console.log(`anchor: libbpf perf_buffer read callback  ${us(libbpf.nsPerPass)} (${((libbpf.samplesPerPass * 1e3) / libbpf.nsPerPass).toFixed(0)} M records/s)`);
console.log(`anchor: memcpy of the window  ${us(libbpf.memcpyNsPerPass)} (${(libbpf.windowBytes / libbpf.memcpyNsPerPass).toFixed(1)} GB/s)`);

const batch = table['scanRecords + filter'];
const best = Math.min(batch.copy, batch.inPlace);
console.log('\ntargets');
console.log(
  `  scanRecords + filter vs libbpf (time ratio, target <= 2x): copy ${(batch.copy / libbpf.nsPerPass).toFixed(2)}x, in place ${(batch.inPlace / libbpf.nsPerPass).toFixed(2)}x — ${verdict(best <= 2 * libbpf.nsPerPass)}` +
    `; the floor alone is ${(floor / libbpf.nsPerPass).toFixed(2)}x, a memcpy of the window ${(libbpf.memcpyNsPerPass / libbpf.nsPerPass).toFixed(2)}x`,
);
for (const [name, r] of Object.entries(table)) {
  const worst = Math.max(r.copy, r.inPlace);
  console.log(`  wasm no slower than ts, ${name}: copy ${(r.ts / r.copy).toFixed(2)}x, in place ${(r.ts / r.inPlace).toFixed(2)}x — ${verdict(worst <= r.ts * 1.05)}${r.copy > r.ts * 1.05 ? ` (the copy into wasm memory is a memcpy of the window, ${us(libbpf.memcpyNsPerPass)} in C)` : ''}`);
}
