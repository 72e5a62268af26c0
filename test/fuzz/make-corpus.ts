/**
 * Writes the fuzz seed corpus, test/fixtures/corpus/ (see its README.md):
 *
 *   events-<release>.hex  valid events of every message type and layout version of the release,
 *                         from our encoder (random fields, fixed seed; real frames as packets)
 *   packets.hex           the frames those events carry, for the dissector
 *   monitor.gob           a monitor-socket gob stream carrying the 1.19 events and a lost record
 *   events.bin            the 1.19 events in the length-prefixed bin framing
 *   bpftool.json          the 1.19 events as `bpftool -j map event_pipe` output, with a lost record
 *   capture.pcap, capture.pcapng  the 1.19 events' packets as written by cilium-events/pcap
 *
 * The kernel-written perf rings (test/fixtures/perf-ring/) are the ring reader's seeds.
 * Run: npm run fuzz:corpus   (deterministic but for the capture files' packet times)
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEvent, encodeEvent } from '../../src/index.js';
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { writeBin } from '../../src/sources/index.js';
import { releases } from '../../src/tables.js';
import { PAYLOAD_DEFINITION, payload } from '../cli/gob-writer.js';
import {
  MAC_A,
  MAC_B,
  CILIUM_TCP_ACK,
  CILIUM_VXLAN_SYN,
  V6_A,
  V6_B,
  arpRequest,
  eth,
  icmp4,
  icmp6,
  ipv4,
  ipv6,
  synFrame,
  tcp,
  udp,
} from '../format/packets.js';
import { agentArb, debugArb, debugCaptureArb, dropArb, policyArb, recorderArb, sockArb, traceArb } from '../helpers/event-arbitraries.js';
import { toHex } from './harness.js';

export const corpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));

/** Frames for the events' packets: link-layer ones first, then bare IP (L3 devices). */
export const FRAMES: { name: string; startsAt: 'ethernet' | 'ip'; bytes: Uint8Array }[] = [
  { name: 'eth ipv4 tcp syn', startsAt: 'ethernet', bytes: synFrame() },
  { name: 'eth ipv4 tcp ack (cilium dissect_test)', startsAt: 'ethernet', bytes: CILIUM_TCP_ACK },
  { name: 'eth ipv4 udp vxlan eth ipv4 tcp (cilium dissect_test)', startsAt: 'ethernet', bytes: CILIUM_VXLAN_SYN },
  { name: 'eth ipv6 udp dns', startsAt: 'ethernet', bytes: eth(MAC_A, MAC_B, 0x86dd, ipv6(V6_A, V6_B, 17, udp(40000, 53, new Uint8Array([1, 2, 3, 4])))) },
  { name: 'eth ipv4 icmp echo', startsAt: 'ethernet', bytes: eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 1, icmp4(8, 0))) },
  {
    name: 'eth ipv4 icmp unreachable quoting udp',
    startsAt: 'ethernet',
    bytes: eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 1, new Uint8Array([...icmp4(3, 3), ...ipv4([10, 0, 0, 2], [10, 0, 0, 1], 17, udp(5353, 53))]))),
  },
  { name: 'eth ipv6 icmpv6 echo', startsAt: 'ethernet', bytes: eth(MAC_A, MAC_B, 0x86dd, ipv6(V6_A, V6_B, 58, icmp6(128, 0))) },
  { name: 'eth arp request', startsAt: 'ethernet', bytes: eth(MAC_A, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0x0806, arpRequest(MAC_A, [10, 0, 0, 1], [10, 0, 0, 2])) },
  {
    name: 'eth 802.1q ipv4 tcp',
    startsAt: 'ethernet',
    bytes: eth(MAC_A, MAC_B, 0x8100, new Uint8Array([0, 42, 0x08, 0x00, ...ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(80, 12345, 0x18, [1, 2, 3]))])),
  },
  { name: 'ipv4 tcp (l3 device)', startsAt: 'ip', bytes: ipv4([192, 168, 1, 1], [192, 168, 1, 2], 6, tcp(443, 50000, 0x11)) },
  { name: 'ipv6 tcp (l3 device)', startsAt: 'ip', bytes: ipv6(V6_A, V6_B, 6, tcp(443, 50000, 0x12)) },
];

const TYPES: [string, (r: Release) => fc.Arbitrary<EncodableEvent>][] = [
  ['drop', dropArb],
  ['debug', debugArb],
  ['debug capture', debugCaptureArb],
  ['trace', traceArb],
  ['policy verdict', policyArb],
  ['recorder capture', recorderArb],
  ['trace sock', sockArb],
  ['agent', agentArb],
];

/** Per type: one event per layout version (and agent type), then up to `min` in all. */
function pick(events: EncodableEvent[], min: number): EncodableEvent[] {
  const byKey = new Map<string, EncodableEvent>();
  for (const ev of events) {
    const key = `${ev.type}/${(ev as { version?: number }).version ?? 0}`;
    if (!byKey.has(key)) byKey.set(key, ev);
  }
  const out = [...byKey.values()];
  for (const ev of events) if (out.length < min && !out.includes(ev)) out.push(ev);
  return out;
}

/** The corpus events of `release`, with a real frame as the packet of every other packet-carrying event. */
export function corpusEvents(release: Release): { label: string; event: EncodableEvent; bytes: Uint8Array }[] {
  const out: { label: string; event: EncodableEvent; bytes: Uint8Array }[] = [];
  let seed = 1;
  let frame = 0;
  for (const [label, arb] of TYPES) {
    seed++;
    let events: EncodableEvent[];
    try {
      events = fc.sample(arb(release), { seed: seed * 7919 + release.length, numRuns: 60 });
    } catch {
      continue;
    }
    for (const [i, ev] of pick(events, 3).entries()) {
      let event = ev;
      if ('packet' in event && i % 2 === 0) {
        const f = FRAMES[frame++ % FRAMES.length]!.bytes;
        event = { ...event, packet: f, capLen: f.length, origLen: f.length } as EncodableEvent;
      }
      let bytes: Uint8Array;
      try {
        bytes = encodeEvent(event, { release });
        decodeEvent(bytes, { release });
      } catch {
        continue; // this release has no layout for the type (recorder capture from 1.19 on)
      }
      const version = (event as { version?: number }).version;
      out.push({ label: `${label}${version === undefined ? '' : ` v${version}`}${Number(event.type) >= 129 ? ` (type ${event.type})` : ''}`, event, bytes });
    }
  }
  return out;
}

async function main(): Promise<void> {
  mkdirSync(corpusDir, { recursive: true });
  let total = 0;
  for (const release of releases as readonly Release[]) {
    const events = corpusEvents(release);
    total += events.length;
    const lines = [`# Seed corpus: valid ${release} events from cilium-events' encoder (test/fuzz/make-corpus.ts).`];
    for (const e of events) lines.push(`# ${e.label}`, toHex(e.bytes));
    writeFileSync(join(corpusDir, `events-${release}.hex`), lines.join('\n') + '\n');
  }
  const lines = ['# Frames the corpus events carry, for the dissector: "# <startsAt> <name>" then the bytes.'];
  for (const f of FRAMES) lines.push(`# ${f.startsAt} ${f.name}`, toHex(f.bytes));
  writeFileSync(join(corpusDir, 'packets.hex'), lines.join('\n') + '\n');

  const v119 = corpusEvents('1.19').map((e) => e.bytes);
  const gob = [PAYLOAD_DEFINITION, ...v119.map((data, i) => payload({ data, cpu: i % 4, type: 9 })), payload({ lost: 3, cpu: 1, type: 2 })];
  writeFileSync(join(corpusDir, 'monitor.gob'), Buffer.concat(gob));
  writeFileSync(join(corpusDir, 'events.bin'), writeBin(v119));
  const bpftool = [
    ...v119.map((data, i) => ({ type: 9, cpu: i % 2, index: i % 2, data: [...data] })),
    { type: 2, cpu: 1, index: 1, lost: { id: 7, count: 3 } },
  ];
  writeFileSync(join(corpusDir, 'bpftool.json'), JSON.stringify(bpftool, null, 1) + '\n');

  const { collectSink, createPcapWriter, createPcapngWriter } = await import('../../src/pcap/index.js');
  for (const [file, create] of [
    ['capture.pcap', createPcapWriter],
    ['capture.pcapng', createPcapngWriter],
  ] as const) {
    const sink = collectSink();
    const w = create(sink, { release: '1.19' });
    // Receive times are the writer's default (the clock): the only bytes that differ between runs.
    for (const bytes of v119) w.writeEvent(decodeEvent(bytes, { release: '1.19' }));
    await w.close();
    writeFileSync(join(corpusDir, file), sink.bytes());
  }
  console.log(`corpus: ${total} events over ${releases.length} releases, ${FRAMES.length} frames, gob/bin/bpftool/pcap/pcapng streams in ${corpusDir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
