/**
 * The written files as Wireshark's own tools read them: `capinfos` for the file (type,
 * encapsulation, precision, packet count, section and interface options) and `tshark` for every
 * packet (times, lengths, link type, interface, direction, verdict, comment, and the
 * addresses and ports tshark dissects, against our dissector's). Events of every type that
 * carries a packet, for every release; pcapng and classic pcap, µs and ns, both link types.
 * Skips, saying so, where tshark or capinfos is missing (Debian package `tshark`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event } from '../../src/decode/types.js';
import { dissectPacket } from '../../src/packet/index.js';
import {
  collectSink,
  createPcapngWriter,
  createPcapWriter,
  eventPacket,
  LinkType,
  TcAction,
  type CapturePacket,
  type CaptureWriter,
  type Timestamp,
  type TimestampPrecision,
} from '../../src/pcap/index.js';
import { eventsOf, RELEASES } from './fixtures.js';

const tools = ['tshark', 'capinfos'].filter((t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0);
if (tools.length > 0) console.warn(`test/pcap/tshark.test.ts skipped: ${tools.join(' and ')} not installed (Debian package tshark)`);

const dir = mkdtempSync(join(tmpdir(), 'cilium-events-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = [
  'frame.time_epoch',
  'frame.len',
  'frame.cap_len',
  'frame.encap_type',
  'frame.interface_name',
  'frame.interface_description',
  'frame.packet_flags_direction',
  'frame.verdict.ebpf_tc',
  'frame.comment',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'udp.srcport',
  'udp.dstport',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function tshark(path: string): Row[] {
  const out = run('tshark', ['-r', path, '-T', 'fields', '-E', 'occurrence=f', ...FIELDS.flatMap((f) => ['-e', f])]);
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => Object.fromEntries(line.split('\t').map((v, i) => [FIELDS[i], v])) as Row);
}

/**
 * capinfos' `Key: value` lines, and its per-interface `Key = value` lines as `interface Key`
 * (repeated keys, such as comments, collected in order).
 */
function capinfos(path: string): Map<string, string[]> {
  const info = new Map<string, string[]>();
  for (const line of run('capinfos', [path]).split('\n')) {
    const m = /^\s*([^:=]+?)\s*([:=])\s+(.*)$/.exec(line);
    if (m === null) continue;
    const key = m[2] === '=' ? `interface ${m[1]}` : (m[1] as string);
    info.set(key, [...(info.get(key) ?? []), m[3] as string]);
  }
  return info;
}

/** Wireshark's encapsulation numbers (WTAP_ENCAP_*) for our link types. */
const WTAP_ENCAP: Record<number, string> = { [LinkType.Ethernet]: '1', [LinkType.RawIp]: '7' };
const LINK_NAMES: Record<number, string> = { [LinkType.Ethernet]: 'Ethernet', [LinkType.RawIp]: 'Raw IP' };

/** `sec.fraction` as tshark prints frame.time_epoch: 9 digits, µs files padded with zeros. */
function epoch(t: Timestamp, precision: TimestampPrecision): string {
  const shown = precision === 'ns' ? t.nanoseconds : t.nanoseconds - (t.nanoseconds % 1000);
  return `${t.seconds}.${String(shown).padStart(9, '0')}`;
}

const BASE: Timestamp = { seconds: 1_733_000_000, nanoseconds: 123_456_789 };
const BOOT: Timestamp = { seconds: 1_732_990_000, nanoseconds: 900_000_000 };
const links = (ifindex: number): string | undefined => (ifindex === 7 ? 'lxc12345' : undefined);

interface Case {
  name: string;
  format: 'pcap' | 'pcapng';
  precision: TimestampPrecision;
  linkType?: number;
}
const CASES: Case[] = [
  { name: 'pcapng ns', format: 'pcapng', precision: 'ns' },
  { name: 'pcapng µs', format: 'pcapng', precision: 'us' },
  { name: 'pcap ns ethernet', format: 'pcap', precision: 'ns', linkType: LinkType.Ethernet },
  { name: 'pcap µs raw IP', format: 'pcap', precision: 'us', linkType: LinkType.RawIp },
];

/** Writes `events` (the i-th dated BASE + i·1001 µs) and returns what should be in the file. */
async function write(c: Case, events: Event[], release: string): Promise<{ path: string; expected: CapturePacket[]; writer: CaptureWriter }> {
  const sink = collectSink();
  const options = { precision: c.precision, bootTime: BOOT };
  const writer =
    c.format === 'pcapng'
      ? createPcapngWriter(sink, { ...options, interfaceName: links, release, nodeName: 'worker-1' })
      : createPcapWriter(sink, { ...options, linkType: c.linkType });
  const expected: CapturePacket[] = [];
  events.forEach((ev, i) => {
    const time = { timestamp: { seconds: BASE.seconds, nanoseconds: BASE.nanoseconds + i * 1_001_001 } };
    writer.writeEvent(ev, time);
    const p = eventPacket(ev, time, { bootTime: BOOT, comment: { interfaceName: links } });
    if (typeof p !== 'string' && (c.format === 'pcapng' || p.linkType === c.linkType)) expected.push(p);
  });
  await writer.close();
  const path = join(dir, `${release}-${c.name.replace(/\W+/g, '-')}.${c.format}`);
  writeFileSync(path, sink.bytes());
  return { path, expected, writer };
}

describe.skipIf(tools.length > 0)('written files as tshark and capinfos read them', () => {
  describe.each(RELEASES)('release %s', (release) => {
    const events = eventsOf(release);

    it.each(CASES)('$name: every packet, field by field', async (c) => {
      const { path, expected, writer } = await write(c, events, release);
      const rows = tshark(path);
      expect(rows).toHaveLength(expected.length);
      expect(writer.stats.packets).toBe(expected.length);
      expect(writer.stats.skipped['no-packet'] + writer.stats.skipped['empty-packet']).toBe(3);
      rows.forEach((row, i) => {
        const p = expected[i] as CapturePacket;
        expect(row['frame.time_epoch'], `packet ${i + 1} time`).toBe(epoch(p.timestamp, c.precision));
        expect(row['frame.cap_len']).toBe(String(p.data.byteLength));
        expect(row['frame.len']).toBe(String(p.origLen));
        expect(row['frame.encap_type']).toBe(WTAP_ENCAP[p.linkType as number]);
        if (c.format === 'pcapng') {
          const description = p.ifindex === undefined ? 'no ifindex in the event' : `ifindex ${p.ifindex}`;
          // tshark names an interface without if_name by its description.
          expect(row['frame.interface_name']).toBe((p.ifindex === undefined ? undefined : links(p.ifindex)) ?? description);
          expect(row['frame.interface_description']).toBe(description);
          expect(row['frame.packet_flags_direction']).toBe(p.direction === 'inbound' ? '0x00000001' : p.direction === 'outbound' ? '0x00000002' : '');
          expect(row['frame.verdict.ebpf_tc']).toBe(p.verdict === undefined ? '' : String(p.verdict));
          expect(row['frame.comment']).toBe(p.comment);
        } else {
          expect(row['frame.comment']).toBe('');
          expect(row['frame.packet_flags_direction']).toBe('');
        }
        // tshark's dissection of the bytes agrees with ours: same start, same addresses and ports.
        const flow = dissectPacket(p.data, { startsAt: p.linkType === LinkType.RawIp ? 'ip' : 'ethernet' }).outer;
        expect(flow, `packet ${i + 1} dissects`).not.toBeNull();
        const v = flow!.ipVersion === 4 ? 'ip' : 'ipv6';
        expect([row[`${v}.src`], row[`${v}.dst`]]).toEqual([flow!.src, flow!.dst]);
        const l4 = flow!.protocol === 6 ? 'tcp' : 'udp';
        expect([row[`${l4}.srcport`], row[`${l4}.dstport`]]).toEqual([String(flow!.srcPort), String(flow!.dstPort)]);
      });
    });

    it.each(CASES)('$name: the file as capinfos describes it', async (c) => {
      const { path, expected, writer } = await write(c, events, release);
      const info = capinfos(path);
      expect(info.get('File type')).toEqual([c.format === 'pcapng' ? 'Wireshark/... - pcapng' : c.precision === 'ns' ? 'Wireshark/tcpdump/... - nanosecond pcap' : 'Wireshark/tcpdump/... - pcap']);
      expect(info.get('Number of packets')).toEqual([String(expected.length)]);
      expect(info.get('File timestamp precision')?.[0]).toMatch(c.precision === 'ns' ? /^nanoseconds \(9\)/ : /^microseconds \(6\)/);
      const linkTypes = [...new Set(expected.map((p) => p.linkType as number))];
      if (c.format === 'pcap') {
        expect(info.get('File encapsulation')).toEqual([LINK_NAMES[c.linkType as number]]);
        expect(writer.stats.skipped['link-type']).toBe(events.length - 3 - expected.length);
        return;
      }
      expect(info.get('File encapsulation')).toEqual([linkTypes.length > 1 ? 'Per packet' : LINK_NAMES[linkTypes[0] as number]]);
      expect(info.get('Capture application')?.[0]).toMatch(/^cilium-events \d+\.\d+\.\d+/);
      expect(info.get('Capture comment')).toEqual([`Cilium release ${release}`, 'node worker-1']);
      // One interface per (ifindex, link type), in order of first use.
      const keys = [...new Set(expected.map((p) => `${p.ifindex ?? '-'}/${p.linkType}`))];
      expect(info.get('Number of interfaces in file')).toEqual([String(keys.length)]);
      expect(info.get('interface Encapsulation')).toEqual(keys.map((k) => (k.endsWith(`/${LinkType.RawIp}`) ? 'Raw IP (7 - rawip)' : 'Ethernet (1 - ether)')));
      expect(info.get('interface Time precision')).toEqual(keys.map(() => (c.precision === 'ns' ? 'nanoseconds (9)' : 'microseconds (6)')));
    });
  });

  it('covers both link types, every direction and both verdicts somewhere', () => {
    const all = RELEASES.flatMap((r) => eventsOf(r)).map((ev) => eventPacket(ev, { timestamp: BASE }, { bootTime: BOOT }));
    const packets = all.filter((p): p is CapturePacket => typeof p !== 'string');
    expect(new Set(packets.map((p) => p.linkType))).toEqual(new Set([LinkType.Ethernet, LinkType.RawIp]));
    expect(new Set(packets.map((p) => p.direction))).toEqual(new Set(['inbound', 'outbound']));
    expect(new Set(packets.map((p) => p.verdict))).toEqual(new Set([TcAction.Shot, TcAction.Ok, undefined]));
    // tv_boot 5.000000123 s after a boot at BOOT (…0000.9 s).
    const recorded = packets.filter((p) => p.comment?.startsWith('Recorder capture')).map((p) => p.timestamp);
    expect(recorded).toHaveLength(RELEASES.length - 1);
    for (const t of recorded) expect(t).toEqual({ seconds: 1_732_990_005, nanoseconds: 900_000_123 });
  });
});
