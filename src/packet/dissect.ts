/**
 * The dissector: walks the headers of one captured packet, outermost first, never reading
 * past the bytes (or past a length an outer header declares) and never throwing.
 */
import { u8 } from './bytes.js';
import { Icmpv4Layer, Icmpv6Layer, ICMP_HEADER_LENGTH } from './icmp.js';
import { IPV4_FIXED_LENGTH, Ipv4Layer } from './ipv4.js';
import { IPV6_FIXED_LENGTH, Ipv6Layer } from './ipv6.js';
import type { Layer, LayerKind } from './layer.js';
import { ARP_FIXED_LENGTH, ArpLayer, EthernetLayer, VlanLayer, isVlanTpid } from './link.js';
import { IGMP_LENGTH, IgmpLayer, VRRP_FIXED_LENGTH, VrrpLayer } from './multicast.js';
import { Packet } from './packet.js';
import { PayloadLayer } from './payload.js';
import { SCTP_COMMON_LENGTH, SctpLayer, TCP_FIXED_LENGTH, TcpLayer, UDP_LENGTH, UdpLayer } from './transport.js';
import { GENEVE_FIXED_LENGTH, GeneveLayer, VXLAN_LENGTH, VxlanLayer } from './tunnel.js';

/** UDP destination ports that carry overlay traffic. */
export interface TunnelPorts {
  /** VXLAN ports; default `[8472, 4789]` (Cilium's port and the IANA one). */
  readonly vxlan?: readonly number[];
  /** Geneve ports; default `[6081]`. */
  readonly geneve?: readonly number[];
}

/** Options of {@link dissectPacket}. */
export interface DissectOptions {
  /**
   * Where the bytes start: `'ethernet'` (default) or `'ip'` for packets from an L3 device
   * (no link header; the version nibble picks IPv4 or IPv6). Monitor events say which by
   * their `isL3Device` classifier flag.
   */
  readonly startsAt?: 'ethernet' | 'ip';
  /** UDP destination ports decoded as VXLAN or Geneve; pass empty lists to decode none. */
  readonly tunnelPorts?: TunnelPorts;
  /**
   * Decode the payload of the outermost UDP header as this overlay whatever its port, as
   * Cilium does when an event's `isVXLAN`/`isGeneve` classifier flag is set.
   */
  readonly overlay?: 'vxlan' | 'geneve';
  /**
   * Read the packet as Hubble's flow parser does (gopacket's `DecodingLayerParser` with its
   * fixed decoder list), so filters with Hubble semantics see the addresses and ports a Hubble
   * flow has: no 802.1Q/802.1ad decoder (a tagged frame ends at Ethernet), no L4 header after
   * an IP fragment (IPv4 MF or offset, an IPv6 fragment header) or after an IPv6 extension
   * header other than hop-by-hop, and overlays only where `overlay` says (no tunnel ports).
   * Default `false`: the clean dissection.
   */
  readonly hubble?: boolean;
}

/** At most this many encapsulations (VXLAN, Geneve, IP-in-IP) are followed. */
export const MAX_ENCAPSULATIONS = 4;
/** At most this many VLAN tags are followed per Ethernet header. */
export const MAX_VLAN_TAGS = 8;

const DEFAULT_VXLAN_PORTS: readonly number[] = [8472, 4789];
const DEFAULT_GENEVE_PORTS: readonly number[] = [6081];
/** Bytes gopacket needs to decode an ICMPv6 header (type, code, checksum). */
const GOPACKET_ICMPV6_MIN = 4;
/** Hubble decodes an overlay only where the event's classifier flag says so, never by port. */
const NO_TUNNEL_PORTS: TunnelPorts = { vxlan: [], geneve: [] };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_ARP = 0x0806;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_TEB = 0x6558;

// Steps of the walk. Each step consumes at least one byte or hands over to `PAYLOAD`/`DONE`,
// and the steps that loop back (VLAN, encapsulation) are counted, so the walk always ends.
const ETHERNET = 0;
const VLAN = 1;
const ARP = 2;
const IP = 3;
const IPV4 = 4;
const IPV6 = 5;
const TCP = 6;
const UDP = 7;
const SCTP = 8;
const ICMPV4 = 9;
const ICMPV6 = 10;
const IGMP = 11;
const VRRP = 12;
const VXLAN = 13;
const GENEVE = 14;
const PAYLOAD = 15;
const DONE = 16;

/** Mutable state of one walk. */
interface Walk {
  readonly bytes: Uint8Array;
  readonly layers: Layer[];
  /** Next unread byte. */
  at: number;
  /** End of the bytes the current layer may use: the buffer end or a declared length. */
  limit: number;
  /** EtherType that led to a VLAN step. */
  tpid: number;
  vlanTags: number;
  encapsulations: number;
  udpHeaders: number;
  truncatedLayer: LayerKind | null;
  cutHeader: LayerKind | null;
  malformed: LayerKind | null;
  /** {@link DissectOptions.hubble}. */
  readonly hubble: boolean;
}

/**
 * Dissect the packet bytes of a monitor event (or any Ethernet frame or IP packet).
 *
 * Decodes Ethernet (with 802.1Q/802.1ad tags), ARP, IPv4 (options, fragments), IPv6
 * (hop-by-hop, routing, fragment, destination options and AH headers), TCP, UDP, SCTP,
 * ICMPv4, ICMPv6, IGMP, VRRP, and VXLAN/Geneve/IP-in-IP inner packets. A fragment other
 * than the first ends at the IP layer. Bytes left over become a final `payload` layer.
 * Truncated or inconsistent packets decode as far as their bytes allow and say so; nothing
 * is ever thrown and nothing outside `bytes` is read.
 *
 * @example
 * const p = dissectPacket(event.packet, { startsAt: event.isL3Device ? 'ip' : 'ethernet' });
 * const f = p.inner;
 * if (f?.l4?.kind === 'tcp') console.log(`${f.src}:${f.srcPort} -> ${f.dst}:${f.dstPort}`, f.l4.syn);
 */
export function dissectPacket(bytes: Uint8Array, options?: DissectOptions): Packet {
  const walk: Walk = {
    bytes,
    layers: [],
    at: 0,
    limit: bytes.length,
    tpid: 0,
    vlanTags: 0,
    encapsulations: 0,
    udpHeaders: 0,
    truncatedLayer: null,
    cutHeader: null,
    malformed: null,
    hubble: options?.hubble === true,
  };
  const ports = options?.tunnelPorts ?? (walk.hubble ? NO_TUNNEL_PORTS : undefined);
  const vxlanPorts = ports?.vxlan ?? DEFAULT_VXLAN_PORTS;
  const genevePorts = ports?.geneve ?? DEFAULT_GENEVE_PORTS;
  const overlay = options?.overlay;
  let step = bytes.length === 0 ? DONE : options?.startsAt === 'ip' ? IP : ETHERNET;
  while (step !== DONE) {
    switch (step) {
      case ETHERNET:
        step = ethernet(walk);
        break;
      case VLAN:
        step = vlan(walk);
        break;
      case ARP:
        step = arp(walk);
        break;
      case IP:
        step = ipVersion(walk);
        break;
      case IPV4:
        step = ipv4(walk);
        break;
      case IPV6:
        step = ipv6(walk);
        break;
      case TCP:
        step = tcp(walk);
        break;
      case UDP:
        step = udp(walk, vxlanPorts, genevePorts, overlay);
        break;
      case SCTP:
        step = has(walk, SCTP_COMMON_LENGTH) ? fixed(walk, new SctpLayer(bytes, walk.at)) : cut(walk, 'sctp');
        break;
      case ICMPV4:
        step = has(walk, ICMP_HEADER_LENGTH) ? fixed(walk, new Icmpv4Layer(bytes, walk.at)) : cut(walk, 'icmpv4');
        break;
      case ICMPV6:
        step = has(walk, ICMP_HEADER_LENGTH) ? fixed(walk, new Icmpv6Layer(bytes, walk.at)) : shortIcmpv6(walk);
        break;
      case IGMP:
        step = has(walk, IGMP_LENGTH) ? fixed(walk, new IgmpLayer(bytes, walk.at)) : cut(walk, 'igmp');
        break;
      case VRRP:
        step = vrrp(walk);
        break;
      case VXLAN:
        step = vxlan(walk);
        break;
      case GENEVE:
        step = geneve(walk);
        break;
      default:
        step = payload(walk);
    }
  }
  return new Packet(bytes, walk.layers, walk.truncatedLayer, walk.cutHeader, walk.malformed);
}

/**
 * A layer of `kind` runs past the current limit. When the limit is the end of the bytes the
 * capture was cut; when it is a length an enclosing header declares, the two headers disagree.
 */
function markTruncated(walk: Walk, kind: LayerKind): void {
  if (walk.limit < walk.bytes.length) walk.malformed ??= kind;
  else walk.truncatedLayer ??= kind;
}

/** The header of `kind` does not fit before the limit: record it, keep the rest as payload. */
function cut(walk: Walk, kind: LayerKind): number {
  markTruncated(walk, kind);
  if (walk.limit === walk.bytes.length) walk.cutHeader ??= kind;
  return PAYLOAD;
}

/** True when `length` bytes are available at the cursor. */
function has(walk: Walk, length: number): boolean {
  return walk.at + length <= walk.limit;
}

/** Narrow the current limit to a length a header declares (never widening it). */
function narrow(walk: Walk, end: number): void {
  if (end < walk.limit) walk.limit = end;
}

function afterEtherType(walk: Walk, etherType: number): number {
  if (isVlanTpid(etherType)) {
    // Hubble's parser has no 802.1Q decoder: its flow ends at the Ethernet header.
    if (walk.hubble) return PAYLOAD;
    walk.tpid = etherType;
    return VLAN;
  }
  if (etherType === ETHERTYPE_IPV4) return IPV4;
  if (etherType === ETHERTYPE_IPV6) return IPV6;
  if (etherType === ETHERTYPE_ARP) return ARP;
  return PAYLOAD;
}

function afterIpProtocol(walk: Walk, protocol: number): number {
  switch (protocol) {
    case 6:
      return TCP;
    case 17:
      return UDP;
    case 132:
      return SCTP;
    case 1:
      return ICMPV4;
    case 58:
      return ICMPV6;
    case 2:
      return IGMP;
    case 112:
      return VRRP;
    case 4:
    case 41:
      if (walk.encapsulations >= MAX_ENCAPSULATIONS) return PAYLOAD;
      walk.encapsulations++;
      return protocol === 4 ? IPV4 : IPV6;
    default:
      return PAYLOAD;
  }
}

function ethernet(walk: Walk): number {
  if (!has(walk, 14)) return cut(walk, 'ethernet');
  const layer = new EthernetLayer(walk.bytes, walk.at);
  walk.layers.push(layer);
  walk.at += 14;
  walk.vlanTags = 0;
  return afterEtherType(walk, layer.etherType);
}

function vlan(walk: Walk): number {
  if (walk.vlanTags >= MAX_VLAN_TAGS) return PAYLOAD;
  if (!has(walk, 4)) return cut(walk, 'vlan');
  const layer = new VlanLayer(walk.bytes, walk.at, walk.tpid);
  walk.layers.push(layer);
  walk.at += 4;
  walk.vlanTags++;
  return afterEtherType(walk, layer.etherType);
}

function arp(walk: Walk): number {
  if (!has(walk, ARP_FIXED_LENGTH)) return cut(walk, 'arp');
  const layer = new ArpLayer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  if (layer.truncated) cut(walk, 'arp');
  // What follows an ARP message in a frame is Ethernet padding, not payload.
  return DONE;
}

function ipVersion(walk: Walk): number {
  const version = u8(walk.bytes, walk.at) >> 4;
  return version === 4 ? IPV4 : version === 6 ? IPV6 : PAYLOAD;
}

function ipv4(walk: Walk): number {
  if (!has(walk, IPV4_FIXED_LENGTH)) return cut(walk, 'ipv4');
  const layer = new Ipv4Layer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  if (layer.malformed) {
    walk.malformed ??= 'ipv4';
    walk.at += layer.headerLength;
    return PAYLOAD;
  }
  if (layer.headerLength < layer.ihl * 4) {
    cut(walk, 'ipv4');
    return DONE;
  }
  if (layer.truncated) markTruncated(walk, 'ipv4');
  // Length 0 is what GSO/TSO packets carry; like gopacket, take the bytes there are.
  if (layer.totalLength !== 0) narrow(walk, walk.at + layer.totalLength);
  walk.at += layer.headerLength;
  if (layer.fragmentOffset !== 0 || (walk.hubble && layer.moreFragments)) return PAYLOAD;
  return afterIpProtocol(walk, layer.protocol);
}

function ipv6(walk: Walk): number {
  if (!has(walk, IPV6_FIXED_LENGTH)) return cut(walk, 'ipv6');
  const layer = new Ipv6Layer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  if (layer.payloadLength !== 0) narrow(walk, walk.at + IPV6_FIXED_LENGTH + layer.payloadLength);
  if (layer.malformed) {
    walk.malformed ??= 'ipv6';
    walk.at += layer.headerLength;
    return PAYLOAD;
  }
  if (layer.extensionCut) {
    cut(walk, 'ipv6');
    return DONE;
  }
  if (layer.truncated) markTruncated(walk, 'ipv6');
  walk.at += layer.headerLength;
  if (layer.fragment !== null && layer.fragment.fragmentOffset !== 0) return PAYLOAD;
  // gopacket decodes hop-by-hop options inline; any other extension is a layer Hubble has no decoder for.
  if (walk.hubble && layer.extensions.some((x) => x.type !== 0)) return PAYLOAD;
  return afterIpProtocol(walk, layer.protocol);
}

function tcp(walk: Walk): number {
  if (!has(walk, TCP_FIXED_LENGTH)) return cut(walk, 'tcp');
  const layer = new TcpLayer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  if (layer.malformed) walk.malformed ??= 'tcp';
  else if (layer.truncated) cut(walk, 'tcp');
  walk.at += layer.headerLength;
  return PAYLOAD;
}

function udp(walk: Walk, vxlanPorts: readonly number[], genevePorts: readonly number[], overlay: 'vxlan' | 'geneve' | undefined): number {
  if (!has(walk, UDP_LENGTH)) return cut(walk, 'udp');
  const layer = new UdpLayer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  walk.at += UDP_LENGTH;
  if (layer.malformed) {
    walk.malformed ??= 'udp';
    return PAYLOAD;
  }
  if (layer.truncated) markTruncated(walk, 'udp');
  if (layer.length !== 0) narrow(walk, walk.at - UDP_LENGTH + layer.length);
  const outermost = walk.udpHeaders++ === 0;
  if (walk.encapsulations >= MAX_ENCAPSULATIONS) return PAYLOAD;
  if (outermost && overlay !== undefined) return overlay === 'vxlan' ? VXLAN : GENEVE;
  if (vxlanPorts.includes(layer.dstPort)) return VXLAN;
  if (genevePorts.includes(layer.dstPort)) return GENEVE;
  return PAYLOAD;
}

/** A header of fixed length (checked by the caller) followed by payload. */
/**
 * An ICMPv6 header cut inside its last four bytes. gopacket decodes ICMPv6 from type, code and
 * checksum alone (4 bytes), so in the Hubble view the layer exists, cut; otherwise it is a cut
 * header like any other.
 */
function shortIcmpv6(walk: Walk): number {
  if (!walk.hubble || !has(walk, GOPACKET_ICMPV6_MIN)) return cut(walk, 'icmpv6');
  walk.layers.push(new Icmpv6Layer(walk.bytes, walk.at));
  cut(walk, 'icmpv6');
  return DONE;
}

function fixed(walk: Walk, layer: SctpLayer | Icmpv4Layer | Icmpv6Layer | IgmpLayer): number {
  walk.layers.push(layer);
  walk.at += layer.headerLength;
  return PAYLOAD;
}

function vrrp(walk: Walk): number {
  if (!has(walk, VRRP_FIXED_LENGTH)) return cut(walk, 'vrrp');
  const layer = new VrrpLayer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  if (layer.truncated) cut(walk, 'vrrp');
  walk.at += layer.headerLength;
  return PAYLOAD;
}

function vxlan(walk: Walk): number {
  if (!has(walk, VXLAN_LENGTH)) return cut(walk, 'vxlan');
  walk.layers.push(new VxlanLayer(walk.bytes, walk.at));
  walk.at += VXLAN_LENGTH;
  walk.encapsulations++;
  return ETHERNET;
}

function geneve(walk: Walk): number {
  if (!has(walk, GENEVE_FIXED_LENGTH)) return cut(walk, 'geneve');
  const layer = new GeneveLayer(walk.bytes, walk.at, walk.limit);
  walk.layers.push(layer);
  walk.at += layer.headerLength;
  if (layer.truncated) {
    cut(walk, 'geneve');
    return DONE;
  }
  walk.encapsulations++;
  return layer.protocolType === ETHERTYPE_TEB ? ETHERNET : afterEtherType(walk, layer.protocolType);
}

function payload(walk: Walk): number {
  if (walk.at < walk.limit) walk.layers.push(new PayloadLayer(walk.bytes, walk.at, walk.limit - walk.at));
  return DONE;
}
