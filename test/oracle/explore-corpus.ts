/**
 * The exploration corpus: where the seeded corpus (corpus.ts) samples at random, this one
 * enumerates — every subtype, observation point, reason and flags byte of each message type,
 * every debug message with extreme arguments, every xlate point and protocol of socket traces,
 * agent notifications with gob values the seeded corpus never writes, every type byte, and a
 * table of hand-built packets (each protocol gopacket or Hubble dissects differently, malformed
 * headers) in each capture message, as Ethernet frames and as raw IP of an L3 device, with every
 * prefix of some of them. `npm run oracle -- --corpus explore --out FILE` runs it through
 * Cilium's Go code; the cases it found wrong are kept in corpus.ts's fixed samples.
 */
import { encodeEvent } from '../../src/index.js';
import type { EncodableEvent, Release } from '../../src/decode/types.js';
import { getTables } from '../../src/tables.js';
import { bytes as concat } from '../format/packets.js';
import { DROP_VERSIONS, TRACE_VERSIONS } from '../helpers/event-arbitraries.js';
import type { CorpusSample } from './corpus.js';

const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const be32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const ascii = (x: string): number[] => Array.from(new TextEncoder().encode(x));

const MAC_A = [0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05];
const MAC_B = [0x02, 0x42, 0xac, 0x11, 0x00, 0x02];
const V4_A = [10, 0, 1, 23];
const V4_B = [93, 184, 216, 34];
const V6_A = [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0x0a, 0x0f, 0, 0, 0, 0, 0, 1];
const V6_B = [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];

const eth = (type: number, payload: Uint8Array | number[], dst = MAC_A, src = MAC_B): Uint8Array => concat(dst, src, be16(type), payload);

function ip4(proto: number, payload: Uint8Array | number[], o: { options?: number[]; total?: number; frag?: number; ihl?: number; version?: number; src?: number[]; dst?: number[] } = {}): Uint8Array {
  const opts = o.options ?? [];
  const ihl = o.ihl ?? 5 + Math.ceil(opts.length / 4);
  const padded = [...opts, ...new Array<number>((4 - (opts.length % 4)) % 4).fill(0)];
  const total = o.total ?? 20 + padded.length + payload.length;
  return concat([((o.version ?? 4) << 4) | (ihl & 0xf), 0], be16(total), be16(0x1234), be16(o.frag ?? 0x4000), [64, proto, 0, 0], o.src ?? V4_A, o.dst ?? V4_B, padded, payload);
}

function ip6(next: number, payload: Uint8Array | number[], o: { length?: number; src?: number[]; dst?: number[]; version?: number } = {}): Uint8Array {
  return concat([(o.version ?? 6) << 4, 0, 0, 0], be16(o.length ?? payload.length), [next, 64], o.src ?? V6_A, o.dst ?? V6_B, payload);
}

function tcp(sport: number, dport: number, flags: number, options: number[] = [], data: number[] = [], offset?: number): Uint8Array {
  const padded = [...options, ...new Array<number>((4 - (options.length % 4)) % 4).fill(0)];
  const off = offset ?? 5 + padded.length / 4;
  return concat(be16(sport), be16(dport), be32(0x01020304), be32(0x0a0b0c0d), [(off << 4) | ((flags >> 8) & 1), flags & 0xff], be16(64240), [0, 0, 0, 0], padded, data);
}

const udp = (sport: number, dport: number, data: Uint8Array | number[], length?: number): Uint8Array => concat(be16(sport), be16(dport), be16(length ?? 8 + data.length), [0, 0], data);
const icmp = (type: number, code: number, rest: Uint8Array | number[] = [0, 1, 0, 2]): Uint8Array => concat([type, code, 0, 0], rest);
const sctp = (chunks: number[]): Uint8Array => concat(be16(36412), be16(38412), be32(0xdeadbeef), be32(0), chunks);

const tcpSyn = tcp(45678, 443, 0x02);
const innerFrame = eth(0x0800, ip4(6, tcp(80, 8080, 0x12)));
const innerFrame6 = eth(0x86dd, ip6(17, udp(5353, 53, [1, 2, 3, 4])));

/** TCP options by kind, well-formed and not (lengths 0 and 1, past the header, no length byte). */
const TCP_OPTIONS: [string, number[]][] = [
  ['mss', [2, 4, 0x05, 0xb4]],
  ['wscale', [3, 3, 7]],
  ['sackperm', [4, 2]],
  ['sack', [5, 10, 0, 0, 0, 1, 0, 0, 0, 2]],
  ['sack2', [5, 18, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]],
  ['timestamps', [8, 10, 0, 0, 0, 1, 0, 0, 0, 0]],
  ['echo', [6, 6, 1, 2, 3, 4]],
  ['echoreply', [7, 6, 1, 2, 3, 4]],
  ['ccnew', [12, 6, 0, 0, 0, 9]],
  ['altchecksum', [14, 3, 1]],
  ['altchecksumdata', [15, 4, 0xaa, 0xbb]],
  ['md5', [19, 18, ...new Array<number>(16).fill(0x11)]],
  ['usertimeout', [28, 4, 0x80, 0x10]],
  ['tcpao', [29, 6, 1, 2, 3, 4]],
  ['mptcp', [30, 4, 0, 0x81]],
  ['fastopen', [34, 10, 1, 2, 3, 4, 5, 6, 7, 8]],
  ['exp', [254, 6, 0xf9, 0x89, 0, 0]],
  ['unknown', [99, 3, 7]],
  ['nops-eol-junk', [1, 1, 0, 0x55, 0x66, 0x77]],
  ['len0', [2, 0, 0, 0]],
  ['len1', [2, 1, 0, 0]],
  ['len-past-end', [8, 40, 0, 0]],
  ['no-length', [1, 1, 1, 8]],
  ['mss-short', [2, 3, 5]],
  ['wscale-long', [3, 5, 7, 7, 7]],
];

/** Named packets: Ethernet frames (`l2`) or raw IP (`l3`, with the IPv6 flag where it is one). */
export interface NamedPacket {
  name: string;
  bytes: Uint8Array;
  l3?: 'ipv4' | 'ipv6';
  tunnel?: 'vxlan' | 'geneve';
}

function dns(flags: number, qd: number, an: number, body: number[]): number[] {
  return [0x12, 0x34, ...be16(flags), ...be16(qd), ...be16(an), 0, 0, 0, 0, ...body];
}
const qname = [7, ...ascii('example'), 3, ...ascii('com'), 0];

function packets(): NamedPacket[] {
  const out: NamedPacket[] = [];
  const add = (name: string, bytes: Uint8Array, extra: Omit<NamedPacket, 'name' | 'bytes'> = {}): void => {
    out.push({ name, bytes, ...extra });
  };
  const both4 = (name: string, ip: Uint8Array): void => {
    add(name, eth(0x0800, ip));
    add(`${name}/l3`, ip, { l3: 'ipv4' });
  };
  const both6 = (name: string, ip: Uint8Array): void => {
    add(name, eth(0x86dd, ip));
    add(`${name}/l3`, ip, { l3: 'ipv6' });
  };

  // TCP: every option kind, every flag bit, bad data offsets.
  for (const [name, opt] of TCP_OPTIONS) both4(`tcp-opt-${name}`, ip4(6, tcp(1234, 80, 0x18, opt, [1, 2, 3])));
  for (const flags of [0, 0x1ff, 0x100, 0x80, 0x40, 0x20, 0x08, 0x01, 0x04, 0x11, 0x14, 0x29, 0xc2]) both4(`tcp-flags-${flags}`, ip4(6, tcp(1, 65535, flags)));
  for (const off of [0, 4, 6, 15]) both4(`tcp-offset-${off}`, ip4(6, tcp(5555, 22, 0x10, [], [9, 9, 9, 9], off)));
  both6('tcp6-opts', ip6(6, tcp(443, 50000, 0x12, [2, 4, 5, 0xa0, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7])));

  // UDP: lengths, DNS (well-formed and not), other well-known ports.
  for (const [name, len] of [['len0', 0], ['len7', 7], ['len8', 8], ['len-long', 200], ['len-short', 9]] as const) both4(`udp-${name}`, ip4(17, udp(3333, 4444, [1, 2, 3, 4], len)));
  both4('dns-query', ip4(17, udp(40000, 53, dns(0x0100, 1, 0, [...qname, 0, 1, 0, 1]))));
  both4('dns-answer', ip4(17, udp(53, 40000, dns(0x8180, 1, 1, [...qname, 0, 1, 0, 1, 0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4]))));
  both4('dns-short', ip4(17, udp(40000, 53, [0x12, 0x34, 0x01])));
  both4('dns-bad-count', ip4(17, udp(40000, 53, dns(0x0100, 9, 9, [3, 0x61]))));
  both6('dns6', ip6(17, udp(53, 53, dns(0x8400, 0, 0, []))));
  for (const p of [67, 68, 123, 161, 500, 546, 547, 1812, 2152, 3784, 4789, 5060, 5353, 5355, 6343, 8080, 8472, 6081, 0, 1, 65535]) {
    both4(`udp-port-${p}`, ip4(17, udp(p, p, [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c])));
  }
  // Tunnels: VXLAN and Geneve to their ports, with inner frames, options, bad headers.
  const vxlan = (vni: number, inner: Uint8Array, flags = 0x08): number[] => [flags, 0, 0, 0, ...be32(vni << 8), ...inner];
  const geneve = (opts: number[], inner: Uint8Array, proto = 0x6558, first?: number): number[] => [first ?? opts.length / 4, 0, ...be16(proto), 0, 0, 2, 0, ...opts, ...inner];
  const tun = (name: string, port: number, body: number[], kind: 'vxlan' | 'geneve'): void => {
    add(name, eth(0x0800, ip4(17, udp(54321, port, body))));
    add(`${name}/flag`, eth(0x0800, ip4(17, udp(54321, port, body))), { tunnel: kind });
  };
  tun('vxlan', 8472, vxlan(2, innerFrame), 'vxlan');
  tun('vxlan-v6-inner', 8472, vxlan(0xffffff, innerFrame6), 'vxlan');
  tun('vxlan-no-i-flag', 8472, vxlan(7, innerFrame, 0x00), 'vxlan');
  tun('vxlan-gbp', 4789, vxlan(7, innerFrame, 0x88), 'vxlan');
  tun('vxlan-short', 8472, [0x08, 0, 0], 'vxlan');
  tun('vxlan-empty-inner', 8472, vxlan(1, new Uint8Array(0)), 'vxlan');
  tun('vxlan-inner-arp', 8472, vxlan(3, eth(0x0806, [0, 1, 8, 0, 6, 4, 0, 2, ...MAC_A, ...V4_A, ...MAC_B, ...V4_B])), 'vxlan');
  tun('geneve', 6081, geneve([], innerFrame), 'geneve');
  tun('geneve-opts', 6081, geneve([0x01, 0x02, 0x80, 0x01, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x03, 0x05, 0x02, 1, 2, 3, 4, 5, 6, 7, 8], innerFrame), 'geneve');
  tun('geneve-opt-len-bad', 6081, geneve([0x01, 0x02, 0x80, 0x1f, 0xde, 0xad, 0xbe, 0xef], innerFrame), 'geneve');
  tun('geneve-ipv4-proto', 6081, geneve([], ip4(6, tcpSyn), 0x0800), 'geneve');
  tun('geneve-ipv6-proto', 6081, geneve([], ip6(58, icmp(128, 0)), 0x86dd), 'geneve');
  tun('geneve-oam-crit', 6081, geneve([], innerFrame, 0x6558, 0xc0), 'geneve');
  tun('geneve-optlen-past', 6081, geneve([], innerFrame, 0x6558, 0x3f), 'geneve');
  tun('geneve-version1', 6081, geneve([], innerFrame, 0x6558, 0x40), 'geneve');
  tun('geneve-short', 6081, [0, 0, 0x65], 'geneve');
  add('vxlan-flag-on-tcp', eth(0x0800, ip4(6, tcpSyn)), { tunnel: 'vxlan' });
  add('geneve-flag-on-arp', eth(0x0806, [0, 1, 8, 0, 6, 4, 0, 1, ...MAC_A, ...V4_A, 0, 0, 0, 0, 0, 0, ...V4_B]), { tunnel: 'geneve' });
  add('vxlan-in-vxlan', eth(0x0800, ip4(17, udp(1, 8472, vxlan(9, eth(0x0800, ip4(17, udp(2, 8472, vxlan(10, innerFrame)))))))), { tunnel: 'vxlan' });

  // IPv4: options, fragments, lengths, versions, IHL.
  const v4opts: [string, number[]][] = [
    ['ra', [0x94, 4, 0, 0]],
    ['nop-eol', [1, 1, 1, 0]],
    ['timestamp', [0x44, 12, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['rr', [7, 11, 4, 10, 0, 0, 1, 0, 0, 0, 0]],
    ['lsrr', [0x83, 7, 4, 10, 0, 0, 1]],
    ['security', [0x82, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['len0', [0x44, 0, 0, 0]],
    ['len1', [0x44, 1, 0, 0]],
    ['len-past', [0x44, 40, 0, 0]],
    ['unknown', [0x9e, 4, 1, 2]],
    ['eol-then-junk', [0, 0x44, 0x55, 0x66]],
  ];
  for (const [name, opt] of v4opts) both4(`ip4-opt-${name}`, ip4(6, tcpSyn, { options: opt }));
  both4('ip4-frag-first', ip4(6, tcpSyn, { frag: 0x2000 }));
  both4('ip4-frag-middle', ip4(6, tcpSyn, { frag: 0x2005 }));
  both4('ip4-frag-last', ip4(6, [1, 2, 3, 4, 5, 6, 7, 8], { frag: 0x00b9 }));
  both4('ip4-frag-udp-nonfirst', ip4(17, udp(1, 2, [3]), { frag: 0x0001 }));
  both4('ip4-frag-icmp-nonfirst', ip4(1, icmp(8, 0), { frag: 0x0001 }));
  both4('ip4-evil-bit', ip4(6, tcpSyn, { frag: 0x8000 }));
  for (const total of [0, 1, 19, 20, 21, 39, 41, 1500, 65535]) both4(`ip4-total-${total}`, ip4(6, tcpSyn, { total }));
  for (const ihl of [0, 4, 6, 15]) both4(`ip4-ihl-${ihl}`, ip4(6, tcpSyn, { ihl }));
  for (const version of [0, 5, 6, 15]) both4(`ip4-version-${version}`, ip4(6, tcpSyn, { version }));
  for (const proto of [0, 4, 41, 47, 50, 51, 89, 103, 112, 115, 132, 136, 137, 253, 255]) both4(`ip4-proto-${proto}`, ip4(proto, [0x45, 0, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  both4('ip4-gre', ip4(47, [0, 0, 0x08, 0x00, ...ip4(6, tcpSyn)]));
  both4('ip4-ipip', ip4(4, ip4(17, udp(1, 2, [3]))));
  both4('ip4-6in4', ip4(41, ip6(6, tcpSyn)));
  both4('ip4-src-broadcast', ip4(17, udp(68, 67, [1]), { src: [0, 0, 0, 0], dst: [255, 255, 255, 255] }));

  // ICMPv4: every type with codes, errors quoting inner packets.
  const quoted4 = ip4(6, tcp(45678, 443, 0x02)).subarray(0, 28);
  for (let type = 0; type <= 44; type++) {
    for (const code of type === 3 ? [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 13, 15, 16] : type === 5 || type === 11 || type === 12 ? [0, 1, 2, 3] : [0, 1]) {
      const quoting = [3, 4, 5, 11, 12].includes(type);
      both4(`icmp4-${type}-${code}`, ip4(1, icmp(type, code, quoting ? [0, 0, 0, 0, ...quoted4] : [0, 1, 0, 2, 0xaa])));
    }
  }
  for (const type of [255, 128, 200]) both4(`icmp4-${type}`, ip4(1, icmp(type, 255)));
  both4('icmp4-short', ip4(1, [8, 0, 0]));
  both4('icmp4-quoting-udp', ip4(1, icmp(3, 3, [0, 0, 0, 0, ...ip4(17, udp(40000, 53, [1, 2, 3, 4]))])));
  both4('icmp4-quoting-icmp', ip4(1, icmp(11, 0, [0, 0, 0, 0, ...ip4(1, icmp(8, 0))])));
  both4('icmp4-quoting-short', ip4(1, icmp(3, 1, [0, 0, 0, 0, 0x45, 0, 0])));

  // ICMPv6: every type with codes, NDP with options, errors quoting inner packets.
  const quoted6 = ip6(6, tcpSyn);
  for (const type of [0, 1, 2, 3, 4, 100, 101, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 155, 160, 161, 200, 201, 255]) {
    for (const code of type === 1 ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : type === 3 || type === 4 ? [0, 1, 2, 3] : [0, 9]) {
      const body = type < 128 ? [0, 0, 0, 0, ...quoted6] : type === 135 || type === 136 ? [0x60, 0, 0, 0, ...V6_A, 1, 1, ...MAC_A] : type === 134 ? [64, 0, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 64, 0xc0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, ...V6_A] : [0, 1, 0, 2];
      both6(`icmp6-${type}-${code}`, ip6(58, icmp(type, code, body)));
    }
  }
  both6('icmp6-short', ip6(58, [128, 0]));

  // IPv6: extension header chains, fragments, lengths, jumbo.
  const hop = (next: number, opts: number[] = [1, 4, 0, 0, 0, 0]): number[] => [next, Math.ceil((opts.length + 2) / 8) - 1, ...opts];
  both6('ip6-hop', ip6(0, [...hop(6), ...tcpSyn]));
  both6('ip6-hop-ra', ip6(0, [...hop(58, [5, 2, 0, 0, 1, 0]), ...icmp(143, 0, [0, 0, 0, 0])]));
  both6('ip6-dest', ip6(60, [...hop(17), ...udp(1, 2, [3])]));
  both6('ip6-hop-dest-routing', ip6(0, [...hop(60), ...hop(43), 6, 2, 0, 1, 0, 0, 0, 0, ...V6_A, ...tcpSyn]));
  both6('ip6-routing-srh', ip6(43, [6, 2, 4, 0, 0, 0, 0, 0, ...V6_B, ...tcpSyn]));
  both6('ip6-frag-first', ip6(44, [6, 0, 0, 1, 0, 0, 0, 7, ...tcpSyn]));
  both6('ip6-frag-nonfirst', ip6(44, [6, 0, 0x05, 0x00, 0, 0, 0, 7, ...tcpSyn]));
  both6('ip6-frag-atomic', ip6(44, [17, 0, 0, 0, 0, 0, 0, 7, ...udp(1, 2, [3])]));
  both6('ip6-ah', ip6(51, [6, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...tcpSyn]));
  both6('ip6-esp', ip6(50, [0, 0, 1, 0, 0, 0, 0, 1, 9, 9, 9, 9]));
  both6('ip6-no-next', ip6(59, [1, 2, 3, 4]));
  both6('ip6-mobility', ip6(135, [59, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  both6('ip6-hop-len-past', ip6(0, [6, 9, 1, 4, 0, 0, 0, 0]));
  both6('ip6-hop-padn-bad', ip6(0, [6, 0, 1, 9, 0, 0, 0, 0, ...tcpSyn]));
  both6('ip6-jumbo', ip6(0, [17, 0, 0xc2, 4, 0, 0, 0, 24, ...udp(1, 2, [1, 2, 3, 4, 5, 6, 7, 8])], { length: 0 }));
  both6('ip6-jumbo-no-option', ip6(17, udp(1, 2, [3]), { length: 0 }));
  both6('ip6-hop-not-first', ip6(60, [0, 0, 1, 4, 0, 0, 0, 0, ...hop(6), ...tcpSyn]));
  for (const length of [0, 1, 7, 200, 65535]) both6(`ip6-length-${length}`, ip6(6, tcpSyn, { length }));
  for (const version of [4, 0, 15]) both6(`ip6-version-${version}`, ip6(6, tcpSyn, { version }));
  both6('ip6-in-ip6', ip6(41, ip6(17, udp(1, 2, [3]))));
  both6('ip6-4in6', ip6(4, ip4(6, tcpSyn)));
  both6('ip6-sctp', ip6(132, sctp([1, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0x80, 0, 0, 10, 0xff, 0xff, 0, 0, 0, 1])));
  both6('ip6-igmp-proto', ip6(2, [0x11, 100, 0, 0, 0, 0, 0, 0]));
  both6('ip6-vrrp', ip6(112, [0x31, 1, 100, 1, 0, 100, 0, 0, ...V6_A]));

  // SCTP chunks.
  const sctpChunks: [string, number[]][] = [
    ['init', [1, 0, 0, 20, 0, 0, 0, 1, 0, 0, 0x80, 0, 0, 10, 0xff, 0xff, 0, 0, 0, 1]],
    ['init-ack-params', [2, 0, 0, 28, 0, 0, 0, 1, 0, 0, 0x80, 0, 0, 10, 0xff, 0xff, 0, 0, 0, 1, 0, 7, 0, 8, 1, 2, 3, 4]],
    ['data', [0, 3, 0, 20, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 46, 0x61, 0x62, 0x63, 0x64]],
    ['sack', [3, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0x80, 0, 0, 0, 0, 0]],
    ['heartbeat', [4, 0, 0, 12, 0, 1, 0, 8, 1, 2, 3, 4]],
    ['abort', [6, 1, 0, 4]],
    ['shutdown', [7, 0, 0, 8, 0, 0, 0, 1]],
    ['shutdown-ack', [8, 0, 0, 4]],
    ['error', [9, 0, 0, 8, 0, 1, 0, 4]],
    ['cookie-echo', [10, 0, 0, 8, 1, 2, 3, 4]],
    ['cookie-ack', [11, 0, 0, 4]],
    ['shutdown-complete', [14, 1, 0, 4]],
    ['unknown', [0xc0, 0, 0, 4]],
    ['len0', [1, 0, 0, 0]],
    ['len-past', [1, 0, 0, 200, 1, 2]],
    ['two', [11, 0, 0, 4, 14, 0, 0, 4]],
    ['none', []],
  ];
  for (const [name, chunks] of sctpChunks) both4(`sctp-${name}`, ip4(132, sctp(chunks)));
  // Ports gopacket maps to layers of its own (some only in later builds), over TCP, UDP and SCTP.
  const sctpTo = (port: number, chunks: number[]): number[] => [...be16(port), ...be16(port), 0, 0, 0, 1, 0, 0, 0, 0, ...chunks];
  for (const p of [502, 3868, 5061, 5082, 5083, 4789, 8472, 6081, 53, 2152, 1812, 443, 9100]) {
    both4(`sctp-port-${p}`, ip4(132, sctpTo(p, [0, 3, 0, 20, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 46, 0x61, 0x62, 0x63, 0x64])));
    both4(`tcp-port-${p}`, ip4(6, tcp(p, p, 0x18, [], [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1])));
  }
  both4('sctp-short', ip4(132, [1, 2, 3, 4, 5]));

  // IGMP and VRRP.
  for (const [name, body] of [
    ['igmp-query-v2', [0x11, 100, 0, 0, 0, 0, 0, 0]],
    ['igmp-query-v3', [0x11, 100, 0, 0, 224, 0, 0, 1, 2, 125, 0, 1, 10, 0, 0, 1]],
    ['igmp-report-v1', [0x12, 0, 0, 0, 224, 0, 0, 9]],
    ['igmp-report-v2', [0x16, 0, 0, 0, 224, 0, 0, 251]],
    ['igmp-leave', [0x17, 0, 0, 0, 224, 0, 0, 251]],
    ['igmp-report-v3', [0x22, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 239, 1, 1, 1, 10, 0, 0, 1]],
    ['igmp-unknown', [0x99, 0, 0, 0, 1, 2, 3, 4]],
    ['igmp-short', [0x11, 100, 0]],
    ['vrrp-v2', [0x21, 7, 100, 2, 0, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['vrrp-v3', [0x31, 7, 100, 1, 0, 100, 0, 0, 10, 0, 0, 1]],
    ['vrrp-type2', [0x22, 7, 100, 0, 0, 1, 0, 0]],
    ['vrrp-count-past', [0x21, 7, 100, 9, 0, 1, 0, 0, 10, 0, 0, 1]],
    ['vrrp-short', [0x21, 7]],
  ] as [string, number[]][]) {
    both4(name, ip4(name.startsWith('igmp') ? 2 : 112, body, { dst: [224, 0, 0, 18] }));
  }

  // Link layers: ARP, LLDP, VLAN tags, other EtherTypes, 802.3 lengths, runts.
  const arp = (op: number, hw = 1, proto = 0x0800, hlen = 6, plen = 4): number[] => [...be16(hw), ...be16(proto), hlen, plen, ...be16(op), ...MAC_A, ...V4_A, ...MAC_B, ...V4_B];
  for (const op of [1, 2, 3, 4, 8, 9, 0, 255]) add(`arp-op-${op}`, eth(0x0806, arp(op)));
  add('arp-ipv6-proto', eth(0x0806, arp(1, 1, 0x86dd)));
  add('arp-hlen-8', eth(0x0806, arp(1, 6, 0x0800, 8, 4)));
  add('arp-short', eth(0x0806, [0, 1, 8, 0, 6, 4, 0, 1, 1, 2]));
  add('arp-to-broadcast', eth(0x0806, arp(1), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
  add('lldp', eth(0x88cc, [0x02, 0x07, 0x04, ...MAC_A, 0x04, 0x04, 0x05, 0x65, 0x74, 0x68, 0x06, 0x02, 0x00, 0x78, 0x00, 0x00], [0x01, 0x80, 0xc2, 0, 0, 0x0e]));
  add('vlan-ip4', eth(0x8100, [...be16(100), ...be16(0x0800), ...ip4(6, tcpSyn)]));
  add('vlan-prio-dei', eth(0x8100, [...be16(0xf064), ...be16(0x86dd), ...ip6(17, udp(1, 2, [3]))]));
  add('vlan-arp', eth(0x8100, [...be16(5), ...be16(0x0806), ...arp(2)]));
  add('qinq', eth(0x88a8, [...be16(10), ...be16(0x8100), ...be16(20), ...be16(0x0800), ...ip4(17, udp(1, 2, [3]))]));
  add('qinq-9100', eth(0x9100, [...be16(10), ...be16(0x8100), ...be16(20), ...be16(0x0800), ...ip4(17, udp(1, 2, [3]))]));
  add('vlan-short', eth(0x8100, [0, 100]));
  add('vlan-llc-length', eth(0x8100, [...be16(1), ...be16(0x0010), 0xaa, 0xaa, 3, 0, 0, 0, 8, 0]));
  for (const type of [0x0000, 0x0010, 0x05dc, 0x05dd, 0x0600, 0x0842, 0x22f0, 0x8035, 0x8847, 0x8848, 0x8863, 0x8864, 0x888e, 0x88e5, 0x88f7, 0x8906, 0x894f, 0x9000, 0xffff, 0x86dd + 1]) {
    add(`ethertype-${type.toString(16)}`, eth(type, [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  }
  add('llc-snap-ip', eth(0x0030, [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00, ...ip4(6, tcpSyn)]));
  add('llc-stp', eth(0x0026, [0x42, 0x42, 0x03, 0, 0, 0, 0, 0, 0x80, 0, ...MAC_A, 0, 0, 0, 0, 0x80, 0, ...MAC_A, 0x80, 1, 0, 0, 0x14, 0, 2, 0, 0x0f, 0]));
  add('eth-ip6-in-ip4-type', eth(0x0800, ip6(6, tcpSyn)));
  add('eth-ip4-in-ip6-type', eth(0x86dd, ip4(6, tcpSyn)));
  add('eth-multicast-dst', eth(0x0800, ip4(17, udp(1, 2, [3])), [0x01, 0x00, 0x5e, 0, 0, 0xfb]));
  return out;
}

// ---- records --------------------------------------------------------------------------------

/** Every prefix of these (cut at every layer boundary and inside every header). */
const CUT_EVERYWHERE = ['tcp-opt-timestamps', 'tcp-opt-timestamps/l3', 'ip4-opt-timestamp', 'dns-answer', 'vxlan/flag', 'geneve-opts/flag', 'icmp4-3-3', 'icmp6-135-0', 'icmp6-1-0/l3', 'ip6-hop-dest-routing', 'ip6-frag-first/l3', 'sctp-init-ack-params', 'igmp-query-v3', 'vrrp-v2', 'qinq', 'arp-op-1', 'lldp'];

interface Ctx {
  release: Release;
  newestDrop: number;
  newestTrace: number;
  push: (ev: EncodableEvent, patch?: (b: Uint8Array) => Uint8Array) => void;
}

const TRACE_FLAG = { ipv6: 1, l3: 2, vxlan: 4, geneve: 8 };
const DROP_FLAG = { ipv6: 1, l3: 2, vxlan: 4, geneve: 8 };

function packetFlags(p: NamedPacket, flag: typeof TRACE_FLAG): number {
  let f = 0;
  if (p.l3 !== undefined) f |= flag.l3;
  if (p.l3 === 'ipv6') f |= flag.ipv6;
  if (p.tunnel === 'vxlan') f |= flag.vxlan;
  if (p.tunnel === 'geneve') f |= flag.geneve;
  return f;
}

function trace(c: Ctx, packet: Uint8Array, o: Partial<{ subtype: number; reason: number; flags: number; version: number; capLen: number; origLen: number; srcLabel: number; dstLabel: number; dstId: number; ifindex: number; origIp: Uint8Array; ipTraceId: bigint }> = {}): EncodableEvent {
  const version = o.version ?? c.newestTrace;
  return {
    type: 4, release: c.release, subtype: o.subtype ?? 0, source: 1234, hash: 0xc0ffee, origLen: o.origLen ?? packet.length, capLen: o.capLen ?? packet.length, version, extVersion: 0,
    srcLabel: o.srcLabel ?? 16777217, dstLabel: o.dstLabel ?? 2, dstId: o.dstId ?? 0, reason: o.reason ?? 1, flags: o.flags ?? 0, ifindex: o.ifindex ?? 7,
    origIpBytes: version >= 1 ? (o.origIp ?? Uint8Array.from([10, 0, 0, 9, ...new Array<number>(12).fill(0)])) : undefined, ipTraceId: version >= 2 ? (o.ipTraceId ?? 77n) : 0n, extension: new Uint8Array(0), packet,
  };
}

function drop(c: Ctx, packet: Uint8Array, o: Partial<{ subtype: number; flags: number; version: number; capLen: number; origLen: number; srcLabel: number; dstLabel: number; dstId: number; extError: number; file: number; line: number; ipTraceId: bigint }> = {}): EncodableEvent {
  const version = o.version ?? c.newestDrop;
  return {
    type: 1, release: c.release, subtype: o.subtype ?? 133, source: 321, hash: 0xabcdef01, origLen: o.origLen ?? packet.length, capLen: o.capLen ?? packet.length, version, extVersion: 0,
    srcLabel: o.srcLabel ?? 12345, dstLabel: o.dstLabel ?? 2, dstId: o.dstId ?? 0, line: o.line ?? 1771, file: o.file ?? 1, extError: o.extError ?? 0, ifindex: 3,
    flags: version >= 2 ? (o.flags ?? 0) : 0, ipTraceId: version >= 3 ? (o.ipTraceId ?? 5n) : 0n, extension: new Uint8Array(0), packet,
  };
}

function policy(c: Ctx, packet: Uint8Array, o: Partial<{ subtype: number; flags: number; version: number; verdict: number; authType: number; proto: number; dstPort: number; remoteLabel: number; cookie: number }> = {}): EncodableEvent {
  return {
    type: 5, release: c.release, subtype: o.subtype ?? 0, source: 99, hash: 0x11223344, origLen: packet.length, capLen: packet.length, version: o.version ?? 1, extVersion: 0,
    remoteLabel: o.remoteLabel ?? 16777220, verdict: o.verdict ?? 0, dstPort: o.dstPort ?? 80, proto: o.proto ?? 6, flags: o.flags ?? 0, authType: o.authType ?? 0,
    cookie: c.release === '1.19' || c.release === '1.20' ? (o.cookie ?? 0) : 0, extension: new Uint8Array(0), packet,
  };
}

function capture(c: Ctx, packet: Uint8Array, subtype: number, arg1: number, arg2: number): EncodableEvent {
  return { type: 3, release: c.release, subtype, source: 7, hash: 0x1, origLen: packet.length, capLen: packet.length, version: 0, extVersion: 0, arg1, arg2, extension: new Uint8Array(0), packet };
}

/** Each packet in each capture message, with the flags that say what it is. */
function packetRecords(c: Ctx): void {
  const all = packets();
  for (const p of all) {
    const tf = packetFlags(p, TRACE_FLAG);
    c.push(trace(c, p.bytes, { flags: tf, subtype: p.l3 ? 5 : 0 }));
    if (c.newestDrop >= 2) c.push(drop(c, p.bytes, { flags: packetFlags(p, DROP_FLAG) }));
    else if (p.l3 === undefined) c.push(drop(c, p.bytes));
    c.push(policy(c, p.bytes, { flags: (p.l3 ? 0x80 : 0) | (p.l3 === 'ipv6' ? 4 : 0) | 1, proto: 17 }));
    if (p.l3 === undefined && p.tunnel === undefined) c.push(capture(c, p.bytes, 3, 0, 0));
  }
  for (const name of CUT_EVERYWHERE) {
    const p = all.find((x) => x.name === name)!;
    const tf = packetFlags(p, TRACE_FLAG);
    for (let n = 0; n < p.bytes.length; n++) c.push(trace(c, p.bytes.subarray(0, n), { flags: tf, origLen: p.bytes.length }));
  }
}

/**
 * Each packet with bytes overwritten at seeded positions (one, two, or a run), so every header
 * field meets values no builder writes; in traces with the packet's flags, and every fourth in a
 * drop, policy verdict or (Ethernet) recorder capture.
 */
function mutationRecords(c: Ctx): void {
  let s = 0x5eed;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const recorder = getTables(c.release).structs['capture_msg'] !== undefined;
  for (const p of packets()) {
    for (let i = 0; i < 12; i++) {
      const m = p.bytes.slice();
      const edits = 1 + rnd(3);
      for (let e = 0; e < edits && m.length > 0; e++) {
        const at = rnd(m.length);
        const run = rnd(4) === 0 ? 1 + rnd(6) : 1;
        for (let k = at; k < Math.min(m.length, at + run); k++) m[k] = rnd(4) === 0 ? [0, 0xff, 0x80, 0x7f][rnd(4)]! : rnd(256);
      }
      c.push(trace(c, m, { flags: packetFlags(p, TRACE_FLAG) }));
      if (i % 4 !== 0) continue;
      if (c.newestDrop >= 2) c.push(drop(c, m, { flags: packetFlags(p, DROP_FLAG) }));
      c.push(policy(c, m, { flags: (p.l3 ? 0x80 : 0) | (p.l3 === 'ipv6' ? 4 : 0) }));
      if (recorder && p.l3 === undefined) c.push({ type: 6, release: c.release, subtype: i & 1, source: 3, hash: 9, tvBoot: 123456789n, capLen: m.length, origLen: m.length + i, packet: m });
    }
  }
}

/**
 * Every fifth packet in each trace and drop version the release reads and policy verdicts of
 * versions 0–3, and in debug captures of every known capture kind.
 */
function versionRecords(c: Ctx): void {
  const captures = Object.keys(getTables(c.release).texts.debugCaptures ?? {}).map(Number);
  packets().forEach((p, i) => {
    if (i % 5 !== 0) return;
    for (const version of TRACE_VERSIONS[c.release]) c.push(trace(c, p.bytes, { version, flags: packetFlags(p, TRACE_FLAG) }));
    for (const version of DROP_VERSIONS[c.release]) c.push(drop(c, p.bytes, { version, flags: packetFlags(p, DROP_FLAG) }));
    for (const version of [0, 2, 3]) c.push(policy(c, p.bytes, { version, flags: (p.l3 ? 0x80 : 0) | (p.l3 === 'ipv6' ? 4 : 0) | 2, cookie: 0xdeadbeef }));
    for (const subtype of captures) c.push(capture(c, p.bytes, subtype, 0x0a000001, 4242));
  });
}

/** Capture lengths past the bytes there are, 0 with bytes behind, orig lengths below them. */
function lengthRecords(c: Ctx): void {
  const frame = eth(0x0800, ip4(6, tcpSyn));
  const setCap = (off: number, v: number) => (b: Uint8Array): Uint8Array => {
    const out = b.slice();
    out[off] = v & 0xff;
    out[off + 1] = (v >> 8) & 0xff;
    return out;
  };
  for (const capLen of [frame.length + 1, frame.length + 100, 0xffff]) {
    c.push(trace(c, frame, { capLen }));
    c.push(drop(c, frame, { capLen }));
    c.push(policy(c, frame), setCap(12, capLen));
    c.push(capture(c, frame, 3, 0, 0), setCap(12, capLen));
  }
  for (const capLen of [0, 1, 14, 20]) {
    c.push(trace(c, frame, { capLen: frame.length }), setCap(12, capLen));
    c.push(drop(c, frame, { capLen: frame.length }), setCap(12, capLen));
    c.push(policy(c, frame), setCap(12, capLen));
    c.push(capture(c, frame, 3, 0, 0), setCap(12, capLen));
  }
  for (const origLen of [0, 1, 0xffffffff]) {
    c.push(trace(c, frame, { origLen }));
    c.push(drop(c, frame, { origLen }));
  }
  c.push(trace(c, new Uint8Array(0)));
  c.push(drop(c, new Uint8Array(0)));
  c.push(policy(c, new Uint8Array(0)));
  c.push(capture(c, new Uint8Array(0), 3, 0, 0));
}

/** Every subtype, reason, observation point and flags byte; every message version 0–7. */
function enumerations(c: Ctx): void {
  const t = getTables(c.release);
  const frame = eth(0x0800, ip4(6, tcpSyn));
  const raw6 = ip6(58, icmp(128, 0));
  for (let v = 0; v < 256; v++) {
    for (const version of DROP_VERSIONS[c.release]) c.push(drop(c, frame, { subtype: v, version, extError: v % 2 === 0 ? -v % 128 : v % 128, file: v, line: v * 251 }));
    c.push(trace(c, frame, { subtype: v }));
    c.push(trace(c, frame, { reason: v }));
    c.push(trace(c, v & 2 ? (v & 1 ? raw6 : ip4(17, udp(1, 2, [3]))) : frame, { flags: v }));
    c.push(trace(c, frame, { subtype: v, reason: v, flags: v & 0xf0 }));
    if (c.newestDrop >= 2) c.push(drop(c, v & 2 ? (v & 1 ? raw6 : ip4(17, udp(1, 2, [3]))) : frame, { flags: v }));
    for (const verdict of [0, 1, -133]) c.push(policy(c, v & 0x80 ? (v & 4 ? raw6 : ip4(6, tcpSyn)) : frame, { flags: v, verdict }));
    c.push(policy(c, frame, { authType: v, subtype: v, proto: v, dstPort: v * 257 }));
    for (const [a1, a2] of [[0, 0], [0xffffffff, 0xffffffff], [0x0100000a, 0x50]]) c.push(capture(c, frame, v, a1!, a2!));
  }
  for (const version of TRACE_VERSIONS[c.release]) {
    for (const obs of Object.keys(t.texts.traceObservationPoints ?? {}).map(Number)) {
      c.push(trace(c, frame, { version, subtype: obs, reason: 0x80 | 3, dstId: 4242, ifindex: 0, origIp: Uint8Array.from([...V6_A]), ipTraceId: 0xffffffffffffffffn }));
    }
  }
  for (let version = 0; version < 8; version++) {
    const pad = new Uint8Array(40).fill(0xa5);
    for (const type of [1, 3, 4, 5]) {
      const base = type === 1 ? drop(c, frame) : type === 3 ? capture(c, frame, 1, 2, 3) : type === 4 ? trace(c, frame) : policy(c, frame);
      c.push(base, (b) => {
        const out = concat(b, pad);
        out[14] = version;
        return out;
      });
      c.push(base, (b) => {
        const out = b.slice();
        out[15] = version; // ext_version
        return out;
      });
    }
  }
  for (const labels of [[0, 0], [1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16], [0xffffffff, 0x1000000], [0xff0000, 0x10000], [65535, 65536]]) {
    c.push(trace(c, frame, { srcLabel: labels[0], dstLabel: labels[1], dstId: labels[1]! & 0xffff }));
    c.push(drop(c, frame, { srcLabel: labels[0], dstLabel: labels[1], dstId: labels[1] }));
    c.push(policy(c, frame, { remoteLabel: labels[0] }));
  }
}

/** Observation point × reason (Hubble's direction and reply logic), CPUs past two digits, big packets. */
function crossRecords(c: Ctx): void {
  const frame = eth(0x0800, ip4(6, tcpSyn));
  for (let obs = 0; obs < 16; obs++) {
    for (let reason = 0; reason < 16; reason++) {
      c.push(trace(c, frame, { subtype: obs, reason }));
      c.push(trace(c, frame, { subtype: obs, reason: reason | 0x80 }));
    }
  }
  for (const origIp of EDGE_ADDRESSES) {
    for (const flags of [0, 1]) c.push(trace(c, frame, { origIp, flags, reason: 3, subtype: 4 }));
  }
  const big = eth(0x0800, ip4(17, udp(1, 2, Uint8Array.from({ length: 1472 }, (_, i) => i & 0xff))));
  c.push(trace(c, big));
  c.push(drop(c, big));
  c.push(trace(c, eth(0x86dd, ip6(6, tcp(1, 2, 0x18, [], Array.from({ length: 8940 }, (_, i) => (i * 7) & 0xff))))));
}

/** Every debug message kind with zero, small, maximal and address/port-like arguments. */
function debugRecords(c: Ctx): void {
  const args: [number, number, number][] = [[0, 0, 0], [1, 2, 3], [0xffffffff, 0xffffffff, 0xffffffff], [0x80000000, 0x7fffffff, 0x8000], [0x0100000a, 0x5000, 0x0b00000a], [0xfffe, 0x1f90, 6], [7, 255, 256]];
  for (let subtype = 0; subtype < 256; subtype++) {
    for (const [arg1, arg2, arg3] of args) c.push({ type: 2, release: c.release, subtype, source: 0xffff, hash: 0xffffffff, arg1, arg2, arg3 });
  }
}

/** 16-byte addresses at the edges of IPv4/IPv6 printing. */
const EDGE_ADDRESSES: Uint8Array[] = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0],
  new Array<number>(16).fill(0),
  [...new Array<number>(15).fill(0), 1],
  [127, 0, 0, 1, ...new Array<number>(12).fill(0)],
  [10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4],
  [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  new Array<number>(16).fill(0xff),
].map((a) => Uint8Array.from(a));

/** Every xlate point, protocol and flags byte of socket traces, IPv4 and IPv6. */
function sockRecords(c: Ctx): void {
  const v4 = Uint8Array.from([10, 96, 0, 10, ...new Array<number>(12).fill(0)]);
  const v6 = Uint8Array.from(V6_A);
  const sock = (xlatePoint: number, l4Proto: number, flags: number, dstIpBytes: Uint8Array, dstPort = 53, cookie = 12345n, cgroup = 67890n): EncodableEvent => ({ type: 7, release: c.release, xlatePoint, dstIpBytes, dstPort, sockCookie: cookie, cgroupId: cgroup, l4Proto, flags });
  for (let v = 0; v < 256; v++) {
    c.push(sock(v, 6, 0, v4));
    c.push(sock(v, 17, 1, v6));
    c.push(sock(1, v, 0, v4));
    c.push(sock(2, 17, v, v & 1 ? v6 : v4));
  }
  for (const [port, cookie, cgroup] of [[0, 0n, 0n], [65535, (1n << 64n) - 1n, (1n << 64n) - 1n], [443, 1n << 63n, 1n]] as const) c.push(sock(0, 6, 1, Uint8Array.from(V6_B), port, cookie, cgroup));
  // Addresses Go's net.IP and netip.Addr print differently: IPv4-mapped, unspecified, loopback.
  for (const ip of EDGE_ADDRESSES) {
    for (const flags of [0, 1]) c.push(sock(2, 6, flags, ip));
  }
}

/** Go's gob encoding of an unsigned integer. */
function gobUint(v: number | bigint): number[] {
  let n = BigInt(v);
  if (n < 128n) return [Number(n)];
  const bs: number[] = [];
  while (n > 0n) {
    bs.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return [256 - bs.length, ...bs];
}

/** A gob stream of `AgentNotify{Type uint32, Text string}`: its type definition, then the value. */
function gobAgentNotify(type: number, text: Uint8Array | string): number[] {
  const def = [0xff, 0x83, 0x03, 0x01, 0x01, 0x0b, ...ascii('AgentNotify'), 0x01, 0xff, 0x84, 0x00, 0x01, 0x02, 0x01, 0x04, ...ascii('Type'), 0x01, 0x06, 0x00, 0x01, 0x04, ...ascii('Text'), 0x01, 0x0c, 0x00, 0x00, 0x00];
  const body = typeof text === 'string' ? ascii(text) : Array.from(text);
  const fields: number[] = [];
  let last = -1;
  if (type !== 0) {
    fields.push(1, ...gobUint(type));
    last = 0;
  }
  if (body.length > 0) fields.push(1 - last, ...gobUint(body.length), ...body);
  const value = [0xff, 0x84, ...fields, 0x00];
  return [...gobUint(def.length), ...def, ...gobUint(value.length), ...value];
}

/** A gob message: its length, then the bytes. */
const gobMessage = (body: number[]): number[] => [...gobUint(body.length), ...body];
/** gob's zig-zag signed integer. */
const gobInt = (v: number): number[] => gobUint(v < 0 ? -2 * v - 1 : 2 * v);
const gobString = (x: string): number[] => [...gobUint(ascii(x).length), ...ascii(x)];

/** The message defining struct type `id` named `name` with `fields` (name, gob type id). */
function gobStructDef(id: number, name: string, fields: [string, number][]): number[] {
  const fieldList = fields.flatMap(([n, t]) => [1, ...gobString(n), 1, ...gobInt(t), 0]);
  // wireType{StructT: &structType{CommonType{Name, Id}, Field: [...]}}
  return gobMessage([...gobInt(-id), 3, 1, 1, ...gobString(name), 1, ...gobInt(id), 0, 1, ...gobUint(fields.length), ...fieldList, 0, 0]);
}

/** A value of struct type `id`: (field number, encoded value) pairs in order. */
function gobStructValue(id: number, fields: [number, number[]][]): number[] {
  let last = -1;
  const body = fields.flatMap(([n, v]) => {
    const out = [...gobUint(n - last), ...v];
    last = n;
    return out;
  });
  return gobMessage([...gobInt(id), ...body, 0]);
}

/** AgentNotify-shaped gob streams the agent's own encoder does not write, but Go reads (or rejects). */
export function oddAgentGobs(): number[][] {
  const UINT = 3;
  const INT = 2;
  const STRING = 6;
  const text = gobString('{"id":7}');
  return [
    // Other type ids; fields in the other order (gob matches by name).
    [...gobStructDef(65, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructValue(65, [[0, gobUint(3)], [1, text]])],
    [...gobStructDef(200, 'AgentNotify', [['Text', STRING], ['Type', UINT]]), ...gobStructValue(200, [[0, text], [1, gobUint(7)]])],
    // An extra field Go ignores; a struct with neither field; Type sent as a signed int, as a string.
    [...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Extra', STRING], ['Text', STRING]]), ...gobStructValue(66, [[0, gobUint(5)], [1, gobString('x')], [2, text]])],
    [...gobStructDef(66, 'Other', [['A', UINT]]), ...gobStructValue(66, [[0, gobUint(5)]])],
    [...gobStructDef(66, 'AgentNotify', [['Type', INT], ['Text', STRING]]), ...gobStructValue(66, [[0, gobInt(-5)], [1, text]])],
    [...gobStructDef(66, 'AgentNotify', [['Type', STRING], ['Text', STRING]]), ...gobStructValue(66, [[0, gobString('5')], [1, text]])],
    // Two types defined first; the value twice (Go reads one); a value with no fields; a type redefined.
    [...gobStructDef(65, 'X', [['A', UINT]]), ...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructValue(66, [[0, gobUint(2)]])],
    [...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructValue(66, [[0, gobUint(2)]]), ...gobStructValue(66, [[0, gobUint(3)]])],
    [...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructValue(66, [])],
    [...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructDef(66, 'AgentNotify', [['Type', UINT]]), ...gobStructValue(66, [])],
    // A Type past uint32; a value of type 66 before any definition; a builtin type id as value.
    [...gobStructDef(66, 'AgentNotify', [['Type', UINT], ['Text', STRING]]), ...gobStructValue(66, [[0, gobUint(2 ** 40)]])],
    gobStructValue(66, [[0, gobUint(1)]]),
    gobMessage([...gobInt(STRING), 0, ...gobString('hello')]),
    // An empty message; a message shorter than its count; a count of 2^30.
    [0],
    [5, 1, 2],
    [0xfc, 0x40, 0, 0, 0],
  ];
}

/** Agent notifications of every type the agent sends, with its JSON texts, and odd gob values. */
function agentRecords(c: Ctx): void {
  const texts = [
    '{"labels":["unspec:io.cilium.k8s.policy.name=allow-dns","unspec:io.cilium.k8s.policy.namespace=default"],"revision":42,"rule_count":3}',
    '{"id":1234,"labels":["k8s:app=frontend","k8s:io.kubernetes.pod.namespace=default"]}',
    '{"id":1234,"labels":["k8s:app=frontend"],"error":"Failed to compile bpf: exit status 1 \\u003cnil\\u003e"}',
    '{"cidr":"10.0.1.23/32","id":16777217,"old-id":12345,"host-ip":"192.168.1.1","old-host-ip":"192.168.1.2","encrypt-key":3,"namespace":"default","pod-name":"frontend-5d7f9"}',
    '{"cidr":"f00d::a0f:0:0:1/128","id":2}',
    '"Cilium agent started"',
    '{}',
    'null',
    '',
    'not json { at all',
    '{"a":"\u00e9\u4e2d\ud83d\ude00","b":"\\t\\n","c":"<>&\u2028"}',
    'x'.repeat(200),
    `{"labels":[${new Array(40).fill('"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default"').join(',')}],"rule_count":0}`,
  ];
  for (let type = 0; type <= 12; type++) for (const text of texts) c.push({ type: 130, release: c.release, payload: Uint8Array.from(gobAgentNotify(type, text)) });
  for (const type of [127, 128, 255, 256, 65535, 0x7fffffff, 0xffffffff]) c.push({ type: 130, release: c.release, payload: Uint8Array.from(gobAgentNotify(type, '{"x":1}')) });
  for (const bad of [Uint8Array.of(0xff, 0xfe, 0x22), Uint8Array.of(0xc3), Uint8Array.of(0x7b, 0x80, 0x7d)]) c.push({ type: 130, release: c.release, payload: Uint8Array.from(gobAgentNotify(1, bad)) });
  const good = gobAgentNotify(5, '{"rule_count":1}');
  for (const n of [0, 1, 2, 10, 44, 45, 46, good.length - 1]) c.push({ type: 130, release: c.release, payload: Uint8Array.from(good.slice(0, n)) });
  c.push({ type: 130, release: c.release, payload: Uint8Array.from([...good, ...good.slice(good.length - 22)]) });
  c.push({ type: 130, release: c.release, payload: Uint8Array.from([...good, 0xde, 0xad]) });
  for (const gob of oddAgentGobs()) {
    c.push({ type: 130, release: c.release, payload: Uint8Array.from(gob) });
    c.push({ type: 'unknown', messageType: 129, payload: Uint8Array.from(gob) });
  }
}

/** Every type byte with no, short and long payloads (access logs, unknown types included). */
function typeRecords(c: Ctx): void {
  for (let type = 0; type < 256; type++) {
    for (const payload of [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(60).fill(type)]) c.push({ type: 'unknown', messageType: type, payload }, (b) => b);
  }
}

/** The exploration corpus of `release` (deterministic, no seed). */
export function buildExploreCorpus(release: Release): CorpusSample[] {
  const samples: CorpusSample[] = [];
  const c: Ctx = {
    release,
    newestDrop: Math.max(...DROP_VERSIONS[release]),
    newestTrace: Math.max(...TRACE_VERSIONS[release]),
    push: (ev, patch) => {
      let bytes: Uint8Array;
      if (ev.type === 'unknown') bytes = concat([ev.messageType], ev.payload);
      else bytes = encodeEvent(ev);
      samples.push({ cpu: samples.length % 4, bytes: patch ? patch(bytes) : bytes });
    },
  };
  packetRecords(c);
  mutationRecords(c);
  versionRecords(c);
  lengthRecords(c);
  enumerations(c);
  crossRecords(c);
  debugRecords(c);
  sockRecords(c);
  agentRecords(c);
  typeRecords(c);
  // Header bytes overwritten at seeded positions: lengths, versions and flags no builder combines.
  let seed = 0xfeed;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed % n;
  };
  const count = samples.length;
  for (let i = 0; i < count; i += 7) {
    const m = samples[i]!.bytes.slice();
    if (m[0] === 129 || m[0] === 130 || m.length < 2) continue;
    for (let e = 1 + rnd(3); e > 0; e--) m[1 + rnd(Math.min(m.length, 56) - 1)] = rnd(3) === 0 ? [0, 0xff, 1, 2, 3][rnd(5)]! : rnd(256);
    samples.push({ cpu: i % 4, bytes: m });
  }
  // Noise after each message type's byte, at every length up to past the largest header.
  for (let i = 0; i < 1400; i++) {
    const m = Uint8Array.from({ length: 1 + (i % 100) }, () => rnd(256));
    m[0] = [1, 2, 3, 4, 5, 6, 7][i % 7]!;
    if (m.length > 14 && rnd(2) === 0) m[14] = rnd(4);
    samples.push({ cpu: i % 4, bytes: m });
  }
  // Go prints the CPU with %02d: past two digits it widens.
  samples.slice(0, 8).forEach((x, i) => samples.push({ cpu: [9, 10, 99, 100, 255, 1000, 65535, 123456][i]!, bytes: x.bytes }));
  return samples.filter((s) => s.bytes.length > 0);
}
