// Writes the packets of the events in a capture (hex, bin, ring snapshot, gob or bpftool
// JSON; the format is detected) to a pcapng file for Wireshark or tshark, with the
// `cilium monitor` line of each event as the packet's comment.
//
//   node examples/pcapng.mjs [input] [out.pcapng] [release]
//
// Defaults: examples/data/monitor-1.18.gob, drops.pcapng in the current directory, release 1.18.
import { createWriteStream, readFileSync } from 'node:fs';
import { decodeEvent, isDecodeError } from 'cilium-events';
import { createPcapngWriter, nodeStreamSink } from 'cilium-events/pcap';
import { readInput } from 'cilium-events/sources';

const input = process.argv[2] ?? new URL('./data/monitor-1.18.gob', import.meta.url);
const output = process.argv[3] ?? 'drops.pcapng';
const release = process.argv[4] ?? '1.18';

const writer = createPcapngWriter(nodeStreamSink(createWriteStream(output)), { release });
for (const record of readInput(new Uint8Array(readFileSync(input)), 'auto')) {
  if (record.kind !== 'sample') continue;
  try {
    if (!writer.writeEvent(decodeEvent(record.data, { release }), { sample: record.data })) await writer.drain();
  } catch (e) {
    if (!isDecodeError(e)) throw e;
  }
}
await writer.close();
const { packets, skipped } = writer.stats;
console.log(`${output}: ${packets} packets (skipped: ${JSON.stringify(skipped)})`);
