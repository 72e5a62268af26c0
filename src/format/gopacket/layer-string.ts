/**
 * gopacket's `LayerString` (its reflective `{Field=value …}` dump) for the layers Cilium prints
 * under `-vv` and in the JSON dissect summary. Field lists follow gopacket v1.5.0's structs.
 * Ports carry the IANA service name of the release's gopacket build (`80(http)`). Known
 * difference, documented in docs/format.md: fields Go leaves over from previous packets
 * (IPv4/TCP padding, VRRP addresses and Geneve options that gopacket appends without
 * resetting) print as this packet's.
 */
import { icmpv4TypeCodeString, icmpv6TypeCodeString, igmpTypeName, vrrpTypeName } from '../../packet/names.js';
import { macToString } from '../../packet/address.js';
import type { Dialect } from '../dialect.js';
import { goIPString } from '../go-text.js';
import type { BaseLayer, DecodedLayers, HopByHop, LayerName } from './layer-types.js';
import { ipProtocolName } from './registry.js';
import { ethernetTypeString } from './names.js';
import { portString } from './port-names.js';

const EMPTY = new Uint8Array(0);

/** `layerString` of a slice: `[..N..]` beyond four elements, else `[a, b]`. */
function slice(items: readonly string[]): string {
  return items.length > 4 ? `[..${items.length}..]` : `[${items.join(', ')}]`;
}

/** `layerString` of a byte slice; only up to four bytes are ever spelled out. */
function bytes(b: Uint8Array): string {
  if (b.length > 4) return `[..${b.length}..]`;
  return slice(Array.from(b, String));
}

/** Go `%v` of a byte slice: `[1 2 3]`. */
function goBytes(b: Uint8Array): string {
  return `[${Array.from(b).join(' ')}]`;
}

/**
 * A struct as `layerString` walks it. `nested` is a struct behind a field of another struct
 * (IPv6's `HopByHop`): gopacket passes the parent's `writeSpace` down, so even its first field
 * gets a space (`HopByHop={ Contents=…`). Slice elements start without one.
 */
function fields(pairs: readonly (readonly [string, string])[], nested = false): string {
  let out = '{';
  let space = nested;
  for (const [k, v] of pairs) {
    out += (space ? ' ' : '') + k + '=' + v;
    space = true;
  }
  return out + '}';
}

function base(contents: Uint8Array, payload: Uint8Array): [string, string][] {
  return [
    ['Contents', bytes(contents)],
    ['Payload', bytes(payload)],
  ];
}

/** `bytes` of `[start, end)` of `b`, making a view only for the short slices spelled out. */
function rangeText(b: Uint8Array, start: number, end: number): string {
  return end - start > 4 ? `[..${end - start}..]` : bytes(b.subarray(start, end));
}

/** `Contents=… Payload=…` of a layer that keeps them as offsets: the start of most layers' text. */
function baseText(l: BaseLayer): string {
  return `Contents=${rangeText(l.bytes, l.contentsStart, l.contentsEnd)} Payload=${rangeText(l.bytes, l.payloadStart, l.payloadEnd)}`;
}

/** `base` of a layer that keeps its Contents and Payload as offsets. */
function baseOf(l: BaseLayer): [string, string][] {
  return [
    ['Contents', rangeText(l.bytes, l.contentsStart, l.contentsEnd)],
    ['Payload', rangeText(l.bytes, l.payloadStart, l.payloadEnd)],
  ];
}

function be16(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}

function be32(b: Uint8Array, i: number): number {
  return (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
}

function ipv4Flags(f: number): string {
  const s: string[] = [];
  if (f & 4) s.push('Evil');
  if (f & 2) s.push('DF');
  if (f & 1) s.push('MF');
  return s.join('|');
}

const TCP_OPTION_KINDS: readonly string[] = [
  'EndList',
  'NOP',
  'MSS',
  'WindowScale',
  'SACKPermitted',
  'SACK',
  'Echo',
  'EchoReply',
  'Timestamps',
  'PartialOrderConnectionPermitted',
  'PartialOrderServiceProfile',
  'CC',
  'CCNew',
  'CCEcho',
  'AltChecksum',
  'AltChecksumData',
];

function tcpOptionKind(k: number, multipath: boolean): string {
  if (k === 30 && multipath) return 'MultipathTCP';
  return TCP_OPTION_KINDS[k] ?? `Unknown(${k})`;
}

/** `TCPOption.String()` (multipath options print with the generic form). */
function tcpOption(kind: number, data: Uint8Array, multipath: boolean): string {
  const hd = data.length > 0 ? ' 0x' + Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('') : '';
  const name = tcpOptionKind(kind, multipath);
  if (kind === 2 && data.length >= 2) return `TCPOption(${name}:${be16(data, 0)}${hd})`;
  if (kind === 8 && data.length === 8) return `TCPOption(${name}:${be32(data, 0)}/${be32(data, 4)}${hd})`;
  return `TCPOption(${name}:${hd})`;
}

function body(name: LayerName, d: DecodedLayers, dialect: Dialect): string {
  switch (name) {
    case 'Ethernet': {
      const e = d.ethernet;
      if (e === undefined) return '{}';
      return (
        `{${baseText(e)} SrcMAC=${macToString(e.src)} DstMAC=${macToString(e.dst)}` +
        ` EthernetType=${ethernetTypeString(e.etherType, dialect.etherTypes)} Length=${e.length}}`
      );
    }
    case 'IPv4': {
      const ip = d.ipv4;
      if (ip === undefined) return '{}';
      const options = ip.options.map((o) => `IPv4Option(${o.type}:${o.data === undefined ? '[]' : goBytes(o.data)})`);
      return (
        `{${baseText(ip)} Version=${ip.version} IHL=${ip.ihl} TOS=${ip.tos} Length=${ip.length} Id=${ip.id}` +
        ` Flags=${ipv4Flags(ip.flags)} FragOffset=${ip.fragOffset} TTL=${ip.ttl} Protocol=${ipProtocolName(ip.protocol)}` +
        ` Checksum=${ip.checksum} SrcIP=${ip.addrText(0)} DstIP=${ip.addrText(1)} Options=${slice(options)} Padding=${bytes(ip.padding)}}`
      );
    }
    case 'IPv6': {
      const ip = d.ipv6;
      if (ip === undefined) return '{}';
      return fields([
        ...baseOf(ip),
        ['Version', String(ip.version)],
        ['TrafficClass', String(ip.trafficClass)],
        ['FlowLabel', String(ip.flowLabel)],
        ['Length', String(ip.length)],
        ['NextHeader', ipProtocolName(ip.nextHeader)],
        ['HopLimit', String(ip.hopLimit)],
        ['SrcIP', goIPString(ip.src)],
        ['DstIP', goIPString(ip.dst)],
        ['HopByHop', ip.hopByHop === undefined ? 'nil' : hopByHop(ip.hopByHop)],
      ]);
    }
    case 'TCP': {
      const t = d.tcp;
      if (t === undefined) return '{}';
      const options = t.options.map((o) => o.text ?? tcpOption(o.kind, o.data ?? EMPTY, dialect.tcpMultipath));
      const f = t.flags;
      return (
        `{${baseText(t)} SrcPort=${portString('TCP', t.srcPort, dialect.gopacket)} DstPort=${portString('TCP', t.dstPort, dialect.gopacket)}` +
        ` Seq=${t.seq} Ack=${t.ack} DataOffset=${t.dataOffset} FIN=${(f & 0x01) !== 0} SYN=${(f & 0x02) !== 0}` +
        ` RST=${(f & 0x04) !== 0} PSH=${(f & 0x08) !== 0} ACK=${(f & 0x10) !== 0} URG=${(f & 0x20) !== 0}` +
        ` ECE=${(f & 0x40) !== 0} CWR=${(f & 0x80) !== 0} NS=${t.ns} Window=${t.window} Checksum=${t.checksum}` +
        ` Urgent=${t.urgent} Options=${slice(options)} Padding=${bytes(t.padding)}` +
        // gopacket sets Multipath when it meets an MPTCP option (and never clears it).
        `${dialect.tcpMultipath ? ` Multipath=${t.multipath}` : ''}}`
      );
    }
    case 'UDP': {
      const u = d.udp;
      if (u === undefined) return '{}';
      return (
        `{${baseText(u)} SrcPort=${portString('UDP', u.srcPort, dialect.gopacket)}` +
        ` DstPort=${portString('UDP', u.dstPort, dialect.gopacket)} Length=${u.length} Checksum=${u.checksum}}`
      );
    }
    case 'SCTP': {
      const s = d.sctp;
      if (s === undefined) return '{}';
      return fields([
        ...baseOf(s),
        ['SrcPort', portString('SCTP', s.srcPort, dialect.gopacket)],
        ['DstPort', portString('SCTP', s.dstPort, dialect.gopacket)],
        ['VerificationTag', String(be32(s.contents, 4))],
        ['Checksum', String(be32(s.contents, 8))],
      ]);
    }
    case 'ICMPv4': {
      const i = d.icmpv4;
      if (i === undefined) return '{}';
      return fields([
        ...baseOf(i),
        ['TypeCode', icmpv4TypeCodeString(i.type, i.code)],
        ['Checksum', String(i.checksum)],
        ['Id', String(be16(i.contents, 4))],
        ['Seq', String(be16(i.contents, 6))],
      ]);
    }
    case 'ICMPv6': {
      const i = d.icmpv6;
      if (i === undefined) return '{}';
      return fields([
        ...baseOf(i),
        ['TypeCode', icmpv6TypeCodeString(i.type, i.code)],
        ['Checksum', String(i.checksum)],
        ['TypeBytes', '[]'],
      ]);
    }
    case 'VRRP': {
      const v = d.vrrp;
      if (v === undefined) return '{}';
      return fields([
        ...base(v.contents, new Uint8Array(0)),
        ['Version', String(v.version)],
        ['Type', vrrpTypeName(v.type)],
        ['VirtualRtrID', String(v.vrid)],
        ['Priority', String(v.priority)],
        ['CountIPAddr', String(v.count)],
        ['AuthType', vrrpAuthTypeName(v.authType)],
        ['AdverInt', String(v.adverInt)],
        ['Checksum', String(v.checksum)],
        ['IPAddress', slice(v.addresses.map(goIPString))],
      ]);
    }
    case 'IGMP': {
      const g = d.igmp;
      if (g === undefined) return '{}';
      // IGMPv1or2.DecodeFromBytes sets neither its BaseLayer nor Version.
      return fields([
        ...base(new Uint8Array(0), new Uint8Array(0)),
        ['Type', igmpTypeName(g.type)],
        ['MaxResponseTime', goDuration(igmpResponseMillis(g.maxResponse))],
        ['Checksum', String(g.checksum)],
        ['GroupAddress', goIPString(g.group)],
        ['Version', '0'],
      ]);
    }
    case 'VXLAN': {
      const x = d.vxlan;
      if (x === undefined) return '{}';
      return fields([
        ...baseOf(x),
        ['ValidIDFlag', String((x.flags & 0x0800) !== 0)],
        ['VNI', String(x.vni)],
        ['GBPExtension', String((x.flags & 0x8000) !== 0)],
        ['GBPDontLearn', String((x.flags & 0x0040) !== 0)],
        ['GBPApplied', String((x.flags & 0x0080) !== 0)],
        ['GBPGroupPolicyID', String(x.policyId)],
      ]);
    }
    case 'Geneve': {
      const g = d.geneve;
      if (g === undefined) return '{}';
      const options = g.options.map(
        (o) => `{Class=${o.cls} Type=${o.type} Flags=${o.flags} Length=${o.length} Data=${bytes(o.data)}}`,
      );
      return fields([
        ...baseOf(g),
        ['Version', String(g.flags >> 15)],
        ['OptionsLength', String(((g.flags >> 8) & 0x3f) * 4)],
        ['OAMPacket', String((g.flags & 0x80) !== 0)],
        ['CriticalOption', String((g.flags & 0x40) !== 0)],
        ['Protocol', ethernetTypeString(g.protocol, dialect.etherTypes)],
        ['VNI', String(g.vni)],
        ['Options', slice(options)],
      ]);
    }
  }
}

/** The hop-by-hop struct as `layerString` walks it (its options have no `String()`). */
function hopByHop(h: HopByHop): string {
  const options = h.options.map((o) =>
    fields([
      ['OptionType', String(o.type)],
      ['OptionLength', String(o.length)],
      ['ActualLength', String(o.actualLength)],
      ['OptionData', bytes(o.data)],
      // A Go array (not a slice) prints with %v; gopacket never sets it when decoding.
      ['OptionAlignment', '[0 0]'],
    ]),
  );
  return fields(
    [
      ...base(h.contents, h.payload),
      ['NextHeader', ipProtocolName(h.next)],
      ['HeaderLength', String(h.headerLength)],
      ['ActualLength', String(h.actualLength)],
      ['Options', slice(options)],
    ],
    true,
  );
}

/** `VRRPv2AuthType.String()`. */
function vrrpAuthTypeName(t: number): string {
  if (t === 0) return 'No Authentication';
  if (t === 1 || t === 2) return 'Reserved';
  return '';
}

/** `igmpTimeDecode`: the max-response code in milliseconds (RFC 3376 §4.1.1 encoding). */
function igmpResponseMillis(code: number): number {
  if ((code & 0x80) === 0) return 100 * code;
  const mant = (code & 0x70) >> 4;
  const exp = code & 0x0f;
  // Go computes `(mant|0x10)<<(exp+3)` in uint8: the high bits are lost (0x92 → 0s, not 51.2s).
  return 100 * (((mant | 0x10) << (exp + 3)) & 0xff);
}

/** Go `time.Duration.String()` of a whole number of milliseconds. */
function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const secs = Math.floor(rest / 1000);
  const frac = String(rest % 1000).padStart(3, '0').replace(/0+$/, '');
  const s = frac === '' ? `${secs}s` : `${secs}.${frac}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

/** gopacket's layer type names as `LayerString` prints them before the tab. */
const LAYER_TYPE_NAMES: Readonly<Record<LayerName, string>> = {
  Ethernet: 'Ethernet',
  IPv4: 'IPv4',
  IPv6: 'IPv6',
  ICMPv4: 'ICMPv4',
  ICMPv6: 'ICMPv6',
  TCP: 'TCP',
  UDP: 'UDP',
  SCTP: 'SCTP',
  VRRP: 'VRRP',
  IGMP: 'IGMP',
  VXLAN: 'VXLAN',
  Geneve: 'Geneve',
};

/**
 * `gopacket.LayerString` of one decoded layer: `IPv4\t{Contents=[..20..] … DstIP=10.0.0.2 …}`.
 *
 * @example
 * const d = decodeLayers(frame, 'Ethernet', set);
 * d.names.map((n) => layerString(n, d, dialectOf('1.19')));
 */
export function layerString(name: LayerName, d: DecodedLayers, dialect: Dialect): string {
  return `${LAYER_TYPE_NAMES[name]}\t${body(name, d, dialect)}`;
}
