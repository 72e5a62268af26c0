// Turns a capture of the Cilium agent's monitor socket into Hubble flows, one JSON object
// per line, like `hubble observe -o json`.
//
//   node examples/hubble-flows.mjs [monitor.gob] [release]
//
// Capture the socket with e.g. `socat -u UNIX-CONNECT:/var/run/cilium/monitor1_2.sock
// CREATE:monitor.gob` on a node. Defaults: examples/data/monitor-1.18.gob, release 1.18.
// For a live socket, feed each chunk to `new MonitorStreamReader().push(chunk)` instead.
import { readFileSync } from 'node:fs';
import { decodeEvent, isDecodeError } from 'cilium-events';
import { FormatError, toFlow } from 'cilium-events/format';
import { readGob } from 'cilium-events/sources';

const file = process.argv[2] ?? new URL('./data/monitor-1.18.gob', import.meta.url);
const release = process.argv[3] ?? '1.18';

for (const record of readGob(readFileSync(file))) {
  if (record.kind === 'lost') {
    console.error(`lost ${record.count} samples on CPU ${record.cpu}`);
    continue;
  }
  if (record.kind !== 'sample') continue;
  try {
    const flow = toFlow(decodeEvent(record.data, { release }), { release });
    console.log(JSON.stringify({ flow }));
  } catch (e) {
    // Malformed events, and messages Hubble's parser does not turn into flows (debug, …), are skipped.
    if (isDecodeError(e) || (e instanceof FormatError && e.code === 'unsupported-message')) continue;
    throw e;
  }
}
