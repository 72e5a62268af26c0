// Counts drops, traces, policy verdicts and lost samples in a perf ring snapshot (one CPU's
// ring of the cilium_events map, e.g. copied out of /proc/<pid>/mem or a core dump).
//
//   node examples/ring-stats.mjs [ring.bin] [release]
//
// Defaults: examples/data/ring-1.18.bin, release 1.18.
import { readFileSync } from 'node:fs';
import { decodeEvent, isDecodeError } from 'cilium-events';
import { Counters, formatCountersTable } from 'cilium-events/stats';
import { readRecords } from 'cilium-events/ring';

const file = process.argv[2] ?? new URL('./data/ring-1.18.bin', import.meta.url);
const release = process.argv[3] ?? '1.18';

// readRecords walks the ring from data_tail to data_head (WebAssembly, or TypeScript where
// WebAssembly is not allowed); `peek` leaves data_tail where it was.
const ring = new Uint8Array(readFileSync(file));
const { records, impl } = readRecords(ring, { peek: true });

const counters = new Counters();
for (const r of records) {
  if (r.kind === 'lost') {
    counters.addLost(undefined, r.count);
    continue;
  }
  try {
    counters.add(decodeEvent(r.data, { release }));
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    counters.addError();
  }
}
process.stdout.write(formatCountersTable(counters.snapshot()));
console.log(`(${records.length} ring records, read with the ${impl} walker)`);
