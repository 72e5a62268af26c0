// Walks the kernel-written `large` fixture ring (256 KiB, 2321 records) repeatedly with the
// WebAssembly walker and the TypeScript fallback, in peek mode so every pass covers the same
// window: scanRing (walk and validate every record) and readRecords (the same walk plus one
// record object and sample view per record, which costs the same for both walkers).
// Targets (for the walk): wasm >= 2x the fallback and >= 1 GB/s. A last scanRing row follows
// the record sizes and nothing else, in plain JavaScript: each header's address comes from
// the previous header's size, so no walker can pass this chain of dependent loads, and
// ts / floor bounds what any walker can gain over the fallback.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allocateRingRegion, initRingReader, readRecords, scanRing } from '../dist/ring.js';

const dir = fileURLToPath(new URL('../test/fixtures/perf-ring/large/', import.meta.url));
if (!existsSync(dir + 'ring.bin')) {
  console.log(`ring bench skipped: ${dir}ring.bin is absent`);
  process.exit(0);
}
const ring = new Uint8Array(readFileSync(dir + 'ring.bin'));
const meta = JSON.parse(readFileSync(dir + 'meta.json', 'utf8'));
const windowBytes = Number(BigInt(meta.read_end) - BigInt(meta.read_start));

if ((await initRingReader()) !== 'wasm') {
  console.log('ring bench skipped: WebAssembly is unavailable');
  process.exit(0);
}
// The same ring placed in the walker's own memory, so the wasm walker reads it without a copy.
const inWasm = allocateRingRegion(ring.length);
inWasm.set(ring);

// The walk with every check and count removed: follow the sizes over the unread window.
const dataView = new DataView(ring.buffer, meta.data_offset, meta.data_size);
function followSizes() {
  const mask = dataView.byteLength - 1;
  let pos = 0;
  let n = 0;
  let at = Number(BigInt(meta.read_start) & BigInt(mask));
  while (pos < windowBytes) {
    const size = dataView.getUint16(at + 6, true);
    if (size === 0) break;
    pos += size;
    at += size;
    if (at > mask) at -= mask + 1;
    n++;
  }
  return { samples: n, lostRecords: 0 };
}

function measure(fn, region, impl) {
  const run = () => fn(region, { impl, peek: true });
  const first = run();
  const records = first.samples + first.lostRecords;
  for (let i = 0; i < 300; i++) run(); // warm up the JIT
  globalThis.gc?.();
  let passes = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1.5) {
    for (let i = 0; i < 50; i++) run();
    passes += 50;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  }
  return { recordsPerSec: (records * passes) / elapsed, bytesPerSec: (windowBytes * passes) / elapsed };
}

function table(title, fn, extra = []) {
  const rows = [
    ['wasm (copy into wasm memory)', measure(fn, ring, 'wasm')],
    ['wasm (ring in wasm memory)', measure(fn, inWasm, 'wasm')],
    ['ts fallback', measure(fn, ring, 'ts')],
    ...extra.map(([name, f]) => [name, measure(f)]),
  ];
  const ts = rows[2][1];
  console.log(`\n${title}`);
  console.log('impl                           records/s        MB/s   vs ts');
  for (const [name, r] of rows) {
    console.log(
      `${name.padEnd(30)} ${(r.recordsPerSec / 1e6).toFixed(2).padStart(8)} M ${(r.bytesPerSec / 1e6).toFixed(0).padStart(10)}   ${(r.bytesPerSec / ts.bytesPerSec).toFixed(2)}x`,
    );
  }
  return rows;
}

console.log(`large fixture: ${meta.records} records, ${windowBytes} bytes per pass`);
const walk = table('scanRing: walk and validate', scanRing, [['floor: follow sizes only (js)', followSizes]]);
table('readRecords: walk, validate and build records', readRecords);
const ts = walk[2][1].bytesPerSec;
const copy = walk[0][1].bytesPerSec;
const inPlace = walk[1][1].bytesPerSec;
const floor = walk[3][1].bytesPerSec;
const verdict = (ok) => (ok ? 'met' : 'NOT met');
console.log(
  `\nwalk targets: wasm >= 2x ts: copy ${(copy / ts).toFixed(2)}x ${verdict(copy >= 2 * ts)}, in place ${(inPlace / ts).toFixed(2)}x ${verdict(inPlace >= 2 * ts)}; ` +
    `wasm >= 1 GB/s: copy ${verdict(copy >= 1e9)}, in place ${verdict(inPlace >= 1e9)}\n` +
    `ceiling: following the sizes alone is ${(floor / ts).toFixed(2)}x the fallback; the wasm walk (in place) reaches ${(inPlace / floor).toFixed(2)}x of that`,
);
