/**
 * `packetDecoder.DecodePacket` of Hubble's threefour parser: ethernet/IP/l4/tunnel fields and the
 * deprecated `Summary` of a flow from the captured packet.
 */
import { macToString } from '../../packet/address.js';
import { icmpv4TypeCodeString, icmpv6TypeCodeString, igmpTypeName, vrrpTypeName } from '../../packet/names.js';
import type { Dialect } from '../dialect.js';
import { FormatError } from '../errors.js';
import { goIPString } from '../go-text.js';
import type { DecodedLayers, LayerName } from '../gopacket/layer-types.js';
import { decodePacket, type PacketFlags } from '../packet-layers.js';

export interface FlowIP {
  /** Absent where empty: a trace-sock flow's pod address (unknown cgroup). */
  source?: string;
  source_xlated?: string;
  destination?: string;
  ipVersion: 'IPv4' | 'IPv6';
  encrypted?: boolean;
}

export interface FlowTCPFlags {
  FIN?: true;
  SYN?: true;
  RST?: true;
  PSH?: true;
  ACK?: true;
  URG?: true;
  ECE?: true;
  CWR?: true;
  NS?: true;
}

export interface FlowLayer4 {
  TCP?: { source_port?: number; destination_port?: number; flags?: FlowTCPFlags };
  UDP?: { source_port?: number; destination_port?: number };
  ICMPv4?: { type?: number; code?: number };
  ICMPv6?: { type?: number; code?: number };
  /** `chunk_type` from 1.20 (`SCTPChunkType`; UNSUPPORTED, the zero value, is left out). */
  SCTP?: { source_port?: number; destination_port?: number; chunk_type?: SCTPChunkTypeName };
  VRRP?: { type?: number; vrid?: number; priority?: number };
  IGMP?: { type?: number; group_address?: string };
}

/** flow.proto `SCTPChunkType` names (1.20) other than the zero value UNSUPPORTED. */
export type SCTPChunkTypeName = 'INIT' | 'INIT_ACK' | 'SHUTDOWN' | 'SHUTDOWN_ACK' | 'SHUTDOWN_COMPLETE' | 'ABORT';

/** `decodeSCTPChunkType` (1.20): gopacket chunk type of the first payload byte → flow.proto name. */
const SCTP_CHUNK_TYPES: Readonly<Record<number, SCTPChunkTypeName>> = {
  1: 'INIT',
  2: 'INIT_ACK',
  7: 'SHUTDOWN',
  8: 'SHUTDOWN_ACK',
  14: 'SHUTDOWN_COMPLETE',
  6: 'ABORT',
};

export interface FlowTunnel {
  protocol?: 'VXLAN' | 'GENEVE';
  IP?: FlowIP;
  l4?: FlowLayer4;
  vni?: number;
}

export interface PacketFields {
  ethernet?: { source: string; destination: string };
  IP?: FlowIP;
  l4?: FlowLayer4;
  tunnel?: FlowTunnel;
  Summary: string;
  srcIP: string | undefined;
  dstIP: string | undefined;
}

/** protojson leaves out zero numbers. */
function nz(n: number): number | undefined {
  return n === 0 ? undefined : n;
}

function ports(src: number, dst: number): { source_port?: number; destination_port?: number } {
  return { source_port: nz(src), destination_port: nz(dst) };
}

const TCP_FLAG_BITS: readonly (readonly [keyof FlowTCPFlags, number])[] = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
  ['ECE', 0x40],
  ['CWR', 0x80],
];

/** `getTCPFlags`: SYN, ACK, RST, FIN, PSH, URG, ECE, CWR, NS. */
function tcpFlagNames(flags: number, ns: boolean): string {
  const order: readonly (readonly [string, boolean])[] = [
    ['SYN', (flags & 0x02) !== 0],
    ['ACK', (flags & 0x10) !== 0],
    ['RST', (flags & 0x04) !== 0],
    ['FIN', (flags & 0x01) !== 0],
    ['PSH', (flags & 0x08) !== 0],
    ['URG', (flags & 0x20) !== 0],
    ['ECE', (flags & 0x40) !== 0],
    ['CWR', (flags & 0x80) !== 0],
    ['NS', ns],
  ];
  return order
    .filter(([, on]) => on)
    .map(([n]) => n)
    .join(', ');
}

/** `getTCPFlags` by flag byte and NS bit (0x100), made on first use. */
const TCP_FLAG_TEXTS: string[] = [];

function tcpFlagsText(flags: number, ns: boolean): string {
  const key = flags | (ns ? 0x100 : 0);
  return (TCP_FLAG_TEXTS[key] ??= tcpFlagNames(flags, ns));
}

function apply(d: DecodedLayers, names: readonly LayerName[], out: PacketFields, dialect: Dialect): void {
  for (const name of names) {
    out.Summary = name;
    switch (name) {
      case 'Ethernet':
        if (d.ethernet) {
          const e = d.ethernet;
          out.ethernet = { source: macToString(e.bytes, e.contentsStart + 6), destination: macToString(e.bytes, e.contentsStart) };
        }
        break;
      case 'IPv4':
      case 'IPv6': {
        const ip = name === 'IPv4' ? d.ipv4 : d.ipv6;
        if (ip) {
          out.srcIP = ip.addrText(0);
          out.dstIP = ip.addrText(1);
          out.IP = { source: out.srcIP, destination: out.dstIP, ipVersion: name };
        }
        break;
      }
      case 'TCP':
        if (d.tcp) {
          const flags: FlowTCPFlags = {};
          for (const [k, bit] of TCP_FLAG_BITS) if (d.tcp.flags & bit) flags[k] = true;
          if (d.tcp.ns) flags.NS = true;
          out.l4 = { TCP: { ...ports(d.tcp.srcPort, d.tcp.dstPort), flags } };
          out.Summary = 'TCP Flags: ' + tcpFlagsText(d.tcp.flags, d.tcp.ns);
        }
        break;
      case 'UDP':
        if (d.udp) out.l4 = { UDP: ports(d.udp.srcPort, d.udp.dstPort) };
        break;
      case 'SCTP':
        if (d.sctp) {
          const chunk = dialect.hubbleSctpChunkType ? SCTP_CHUNK_TYPES[d.sctp.payload[0] ?? -1] : undefined;
          out.l4 = { SCTP: { ...ports(d.sctp.srcPort, d.sctp.dstPort), chunk_type: chunk } };
        }
        break;
      case 'ICMPv4':
        if (d.icmpv4) {
          out.l4 = { ICMPv4: { type: nz(d.icmpv4.type), code: nz(d.icmpv4.code) } };
          out.Summary = 'ICMPv4 ' + icmpv4TypeCodeString(d.icmpv4.type, d.icmpv4.code);
        }
        break;
      case 'ICMPv6':
        if (d.icmpv6) {
          out.l4 = { ICMPv6: { type: nz(d.icmpv6.type), code: nz(d.icmpv6.code) } };
          out.Summary = 'ICMPv6 ' + icmpv6TypeCodeString(d.icmpv6.type, d.icmpv6.code);
        }
        break;
      case 'VRRP':
        if (d.vrrp) {
          out.l4 = { VRRP: { type: nz(d.vrrp.type), vrid: nz(d.vrrp.vrid), priority: nz(d.vrrp.priority) } };
          out.Summary = 'VRRP ' + vrrpTypeName(d.vrrp.type);
        }
        break;
      case 'IGMP':
        if (d.igmp) {
          const group = goIPString(d.igmp.group);
          out.l4 = { IGMP: { type: nz(d.igmp.type), group_address: group } };
          out.Summary = 'IGMP ' + igmpTypeName(d.igmp.type);
        }
        break;
      case 'VXLAN':
      case 'Geneve':
        break;
    }
  }
}

/**
 * Decodes the packet as Hubble does; a gopacket error rejects the whole event.
 *
 * @throws FormatError `packet-decode-failed`
 */
export function flowPacketFields(packet: Uint8Array, flags: PacketFlags, dialect: Dialect): PacketFields {
  const out: PacketFields = { Summary: '', srcIP: undefined, dstIP: undefined };
  if (packet.length === 0) return out;
  const hubble: Dialect = { ...dialect, l3DeviceStart: dialect.hubbleL3Device };
  const { outer, overlay } = decodePacket(packet, flags, hubble);
  if (outer.error !== undefined) throw new FormatError('packet-decode-failed', outer.error);
  apply(outer, outer.names, out, dialect);
  if (overlay === undefined) return out;
  if (overlay.error !== undefined) throw new FormatError('packet-decode-failed', `overlay: ${overlay.error}`);
  const first = overlay.names[0];
  if (first !== 'VXLAN' && first !== 'Geneve') return out;
  const tunnel: FlowTunnel = {
    protocol: first === 'VXLAN' ? 'VXLAN' : 'GENEVE',
    IP: out.IP,
    l4: out.l4,
    // 1.18's flow.proto has the Tunnel message without `vni`.
    vni: dialect.hubbleTunnelVni ? nz((first === 'VXLAN' ? overlay.vxlan?.vni : overlay.geneve?.vni) ?? 0) : undefined,
  };
  const inner: PacketFields = { Summary: '', srcIP: undefined, dstIP: undefined, tunnel };
  apply(overlay, overlay.names.slice(1), inner, dialect);
  return inner;
}
