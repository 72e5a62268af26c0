// Decode a hex dump of Cilium monitor events and print them as `cilium monitor` does.
//
//   node examples/decode-hex.mjs [file.hex] [release]
//
// One event per line (e.g. copied from `cilium-dbg monitor --hex` or a perf sample); `#`
// starts a comment. Defaults: examples/data/events-1.18.hex, release 1.18.
import { readFileSync } from 'node:fs';
import { decodeEvent, isDecodeError } from 'cilium-events';
import { formatEvent } from 'cilium-events/format';
import { readHex } from 'cilium-events/sources';

const file = process.argv[2] ?? new URL('./data/events-1.18.hex', import.meta.url);
const release = process.argv[3] ?? '1.18';

for (const record of readHex(readFileSync(file))) {
  try {
    const event = decodeEvent(record.data, { release });
    process.stdout.write(formatEvent(event, { release, mode: 'verbose' }));
  } catch (e) {
    if (!isDecodeError(e)) throw e;
    console.error(`line ${record.line}: ${e.code} at byte ${e.offset}`); // skip a malformed event
  }
}
