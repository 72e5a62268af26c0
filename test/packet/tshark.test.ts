/**
 * Differential check against Wireshark's dissectors: random well-formed frames (built here
 * from the RFC layouts) go into one pcap, tshark prints the fields, and every value must match
 * what dissectPacket reports for the same frame. Skips when tshark is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { dissectPacket } from '../../src/packet/index.js';
import type { Packet } from '../../src/packet/index.js';

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasTshark) console.warn('test/packet/tshark.test.ts skipped: tshark is not installed');

// ---- frame builder (network byte order, RFC 791/8200/9293/768/792/4443/9260/7348) ----

const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

type L4 =
  | { kind: 'tcp'; sport: number; dport: number; seq: number; ack: number; flags: number; window: number }
  | { kind: 'udp'; sport: number; dport: number }
  | { kind: 'icmp'; echoReply: boolean; id: number; seq: number }
  | { kind: 'sctp'; sport: number; dport: number; vtag: number };

interface Spec {
  src: number[];
  dst: number[];
  vlans: number[];
  ip:
    | { v: 4; src: number[]; dst: number[]; id: number; ttl: number; df: boolean; options: boolean }
    | { v: 6; src: number[]; dst: number[]; flowLabel: number; hopByHop: boolean; destOpts: boolean }
    | { v: 'arp'; op: number; sha: number[]; spa: number[]; tha: number[]; tpa: number[] };
  l4: L4;
  data: number[];
  /** An inner frame carried in VXLAN (UDP 4789) or Geneve (UDP 6081) instead of `l4`. */
  tunnel: { kind: 'vxlan' | 'geneve'; vni: number; inner: Spec } | null;
}

function l4Bytes(l4: L4, v: 4 | 6, data: number[]): { proto: number; bytes: number[] } {
  switch (l4.kind) {
    case 'tcp':
      return {
        proto: 6,
        bytes: [...be16(l4.sport), ...be16(l4.dport), ...be32(l4.seq), ...be32(l4.ack), 0x50 | (l4.flags >> 8), l4.flags & 0xff, ...be16(l4.window), 0, 0, 0, 0, ...data],
      };
    case 'udp':
      return { proto: 17, bytes: [...be16(l4.sport), ...be16(l4.dport), ...be16(8 + data.length), 0, 0, ...data] };
    case 'icmp': {
      const type = v === 4 ? (l4.echoReply ? 0 : 8) : l4.echoReply ? 129 : 128;
      return { proto: v === 4 ? 1 : 58, bytes: [type, 0, 0, 0, ...be16(l4.id), ...be16(l4.seq), ...data] };
    }
    case 'sctp':
      return { proto: 132, bytes: [...be16(l4.sport), ...be16(l4.dport), ...be32(l4.vtag), 0, 0, 0, 0] };
  }
}

function frame(spec: Spec): number[] {
  const tags = spec.vlans.flatMap((id, i) => [...be16(i === 0 && spec.vlans.length > 1 ? 0x88a8 : 0x8100), ...be16(id)]);
  // The Ethernet type field holds the first tag's TPID; each tag is TPID then TCI.
  const head = [...spec.dst, ...spec.src, ...tags];
  if (spec.ip.v === 'arp') {
    const a = spec.ip;
    return [...head, ...be16(0x0806), 0, 1, 8, 0, 6, 4, ...be16(a.op), ...a.sha, ...a.spa, ...a.tha, ...a.tpa];
  }
  let upper: { proto: number; bytes: number[] };
  if (spec.tunnel !== null) {
    const inner = frame(spec.tunnel.inner);
    const vni = be32(spec.tunnel.vni << 8);
    const header = spec.tunnel.kind === 'vxlan' ? [0x08, 0, 0, 0, ...vni] : [0, 0, 0x65, 0x58, ...vni];
    const dport = spec.tunnel.kind === 'vxlan' ? 4789 : 6081;
    upper = { proto: 17, bytes: [...be16(40000), ...be16(dport), ...be16(16 + inner.length), 0, 0, ...header, ...inner] };
  } else {
    upper = l4Bytes(spec.l4, spec.ip.v, spec.data);
  }
  let ip: number[];
  if (spec.ip.v === 4) {
    const options = spec.ip.options ? [0x01, 0x01, 0x01, 0x00] : [];
    const total = 20 + options.length + upper.bytes.length;
    ip = [
      0x40 | (5 + options.length / 4), 0, ...be16(total), ...be16(spec.ip.id), spec.ip.df ? 0x40 : 0, 0,
      spec.ip.ttl, upper.proto, 0, 0, ...spec.ip.src, ...spec.ip.dst, ...options, ...upper.bytes,
    ];
  } else {
    let next = upper.proto;
    let ext: number[] = [];
    if (spec.ip.destOpts) {
      ext = [next, 0, 1, 4, 0, 0, 0, 0, ...ext]; // PadN
      next = 60;
    }
    if (spec.ip.hopByHop) {
      ext = [next, 0, 1, 4, 0, 0, 0, 0, ...ext];
      next = 0;
    }
    const fl = spec.ip.flowLabel;
    ip = [0x60, (fl >> 16) & 0x0f, (fl >> 8) & 0xff, fl & 0xff, ...be16(ext.length + upper.bytes.length), next, 64, ...spec.ip.src, ...spec.ip.dst, ...ext, ...upper.bytes];
  }
  return [...head, ...be16(spec.ip.v === 4 ? 0x0800 : 0x86dd), ...ip];
}

// ---- random specs ----

const byte = fc.integer({ min: 0, max: 255 });
const mac = fc.array(byte, { minLength: 6, maxLength: 6 });
const v4 = fc.array(byte, { minLength: 4, maxLength: 4 });
// A first group of 0x20xx keeps addresses out of IPv4-mapped/compatible space, which
// Wireshark and Go print differently.
const v6 = fc.tuple(fc.integer({ min: 0x20, max: 0x3f }), fc.array(byte, { minLength: 15, maxLength: 15 })).map(([a, rest]) => [a, ...rest]);
const port = fc.integer({ min: 1024, max: 65535 }).filter((p) => p !== 4789 && p !== 6081 && p !== 8472);
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const l4 = fc.oneof(
  fc.record({ kind: fc.constant('tcp' as const), sport: port, dport: port, seq: u32, ack: u32, flags: fc.integer({ min: 0, max: 0x1ff }), window: fc.integer({ min: 0, max: 65535 }) }),
  fc.record({ kind: fc.constant('udp' as const), sport: port, dport: port }),
  fc.record({ kind: fc.constant('icmp' as const), echoReply: fc.boolean(), id: fc.integer({ min: 0, max: 65535 }), seq: fc.integer({ min: 0, max: 65535 }) }),
  fc.record({ kind: fc.constant('sctp' as const), sport: port, dport: port, vtag: u32 }),
);
const ip = fc.oneof(
  fc.record({ v: fc.constant(4 as const), src: v4, dst: v4, id: fc.integer({ min: 0, max: 65535 }), ttl: fc.integer({ min: 1, max: 255 }), df: fc.boolean(), options: fc.boolean() }),
  fc.record({ v: fc.constant(6 as const), src: v6, dst: v6, flowLabel: fc.integer({ min: 0, max: 0xfffff }), hopByHop: fc.boolean(), destOpts: fc.boolean() }),
  fc.record({ v: fc.constant('arp' as const), op: fc.integer({ min: 1, max: 2 }), sha: mac, spa: v4, tha: mac, tpa: v4 }),
);
const plain = fc.record({
  src: mac,
  dst: mac,
  vlans: fc.array(fc.integer({ min: 1, max: 4094 }), { maxLength: 2 }),
  ip,
  l4,
  data: fc.array(byte, { maxLength: 12 }),
  tunnel: fc.constant(null),
});
const carrier = plain.filter((p) => p.ip.v !== 'arp');
const spec: fc.Arbitrary<Spec> = fc.oneof(
  { weight: 4, arbitrary: plain },
  {
    weight: 2,
    arbitrary: fc
      .tuple(carrier, plain, fc.constantFrom<'vxlan' | 'geneve'>('vxlan', 'geneve'), fc.integer({ min: 0, max: 0xffffff }))
      .map(([outer, inner, kind, vni]) => ({ ...outer, tunnel: { kind, vni, inner } })),
  },
);

// ---- tshark run ----

const FIELDS = [
  'eth.src', 'eth.dst', 'vlan.id', 'ieee8021ad.id', 'ip.src', 'ip.dst', 'ip.id', 'ip.ttl', 'ip.proto', 'ip.hdr_len',
  'ipv6.src', 'ipv6.dst', 'ipv6.flow', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw',
  'tcp.flags', 'tcp.window_size_value', 'udp.srcport', 'udp.dstport', 'udp.length', 'icmp.type',
  'icmp.ident', 'icmp.seq', 'icmpv6.type', 'icmpv6.echo.identifier', 'icmpv6.echo.sequence_number',
  'sctp.srcport', 'sctp.dstport', 'sctp.verification_tag', 'vxlan.vni', 'geneve.vni',
  'geneve.proto_type', 'arp.opcode', 'arp.src.hw_mac', 'arp.src.proto_ipv4', 'arp.dst.hw_mac',
  'arp.dst.proto_ipv4',
] as const;
type Field = (typeof FIELDS)[number];

function pcap(frames: number[][]): Uint8Array {
  const out: number[] = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
  const le32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff];
  for (const f of frames) out.push(...le32(0), ...le32(0), ...le32(f.length), ...le32(f.length), ...f);
  return Uint8Array.from(out);
}

/** Each field's values in layer order, as text, the way our side is rendered below. */
function ours(p: Packet): Record<Field, string[]> {
  const r = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  for (const l of p.layers) {
    switch (l.kind) {
      case 'ethernet':
        r['eth.src'].push(l.src);
        r['eth.dst'].push(l.dst);
        break;
      case 'vlan':
        // Wireshark names 802.1ad (S-tag) fields apart from 802.1Q ones.
        r[l.tpid === 0x88a8 ? 'ieee8021ad.id' : 'vlan.id'].push(String(l.vlanId));
        break;
      case 'ipv4':
        r['ip.src'].push(l.src);
        r['ip.dst'].push(l.dst);
        r['ip.id'].push(String(l.id));
        r['ip.ttl'].push(String(l.ttl));
        r['ip.proto'].push(String(l.protocol));
        r['ip.hdr_len'].push(String(l.headerLength));
        break;
      case 'ipv6':
        r['ipv6.src'].push(l.src);
        r['ipv6.dst'].push(l.dst);
        r['ipv6.flow'].push(String(l.flowLabel));
        break;
      case 'tcp':
        r['tcp.srcport'].push(String(l.srcPort));
        r['tcp.dstport'].push(String(l.dstPort));
        r['tcp.seq_raw'].push(String(l.seq));
        r['tcp.ack_raw'].push(String(l.ackNumber));
        r['tcp.flags'].push(String(l.flags));
        r['tcp.window_size_value'].push(String(l.window));
        break;
      case 'udp':
        r['udp.srcport'].push(String(l.srcPort));
        r['udp.dstport'].push(String(l.dstPort));
        r['udp.length'].push(String(l.length));
        break;
      case 'icmpv4':
        r['icmp.type'].push(String(l.type));
        r['icmp.ident'].push(String(l.id));
        r['icmp.seq'].push(String(l.seq));
        break;
      case 'icmpv6':
        r['icmpv6.type'].push(String(l.type));
        r['icmpv6.echo.identifier'].push(String(l.id));
        r['icmpv6.echo.sequence_number'].push(String(l.seq));
        break;
      case 'sctp':
        r['sctp.srcport'].push(String(l.srcPort));
        r['sctp.dstport'].push(String(l.dstPort));
        r['sctp.verification_tag'].push(String(l.verificationTag));
        break;
      case 'vxlan':
        r['vxlan.vni'].push(String(l.vni));
        break;
      case 'geneve':
        r['geneve.vni'].push(String(l.vni));
        r['geneve.proto_type'].push(String(l.protocolType));
        break;
      case 'arp':
        r['arp.opcode'].push(String(l.operation));
        r['arp.src.hw_mac'].push(l.senderHardwareAddress ?? '');
        r['arp.src.proto_ipv4'].push(l.senderProtocolAddress ?? '');
        r['arp.dst.hw_mac'].push(l.targetHardwareAddress ?? '');
        r['arp.dst.proto_ipv4'].push(l.targetProtocolAddress ?? '');
        break;
      default:
        break;
    }
  }
  return r;
}

/** tshark prints some fields in hex (`0x…`) and some in decimal; compare numbers as decimal. */
function normalise(field: Field, value: string): string {
  if (/^0x[0-9a-f]+$/i.test(value)) return String(Number(value));
  return field.endsWith('.src') || field.endsWith('.dst') ? value.toLowerCase() : value;
}

describe.skipIf(!hasTshark)('agreement with tshark on random well-formed frames', () => {
  const dir = hasTshark ? mkdtempSync(join(tmpdir(), 'packet-tshark-')) : '';
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same field values for every frame', () => {
    const specs = fc.sample(spec, { numRuns: 300, seed: 0x5eed });
    const frames = specs.map(frame);
    const file = join(dir, 'frames.pcap');
    writeFileSync(file, pcap(frames));
    const args = ['-r', file, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
    for (const f of FIELDS) args.push('-e', f);
    const run = spawnSync('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(frames.length);

    let compared = 0;
    lines.forEach((line, i) => {
      const columns = line.split('\t');
      const mine = ours(dissectPacket(Uint8Array.from(frames[i]!)));
      FIELDS.forEach((field, c) => {
        const theirs = (columns[c] ?? '').split(',').filter((v) => v !== '').map((v) => normalise(field, v));
        expect(mine[field], `frame ${i + 1} ${field}`).toEqual(theirs);
        compared += theirs.length;
      });
    });
    expect(compared).toBeGreaterThan(frames.length * 8);
  });
});
