/**
 * The few packet fields the Hubble filters look at (addresses, L4 protocol, ports, TCP flags),
 * read from the one dissection of the captured bytes (`src/packet`) in its Hubble view
 * (`dissectPacket(…, { hubble: true })`), so a filter matches exactly when the Hubble flow of
 * the event (`toFlow`) has the address or port: 802.1Q-tagged frames have none, overlays count
 * only where the event's VXLAN/Geneve flag says, fragments and IPv6 extension headers end
 * before L4. A truncated capture yields what was readable and nothing more.
 */
import type { Event, Release } from '../decode/types.js';
import { dialectOf } from '../format/dialect.js';
import { dissectPacket } from '../packet/dissect.js';
import type { IpLayer, L4Layer, Layer } from '../packet/layer.js';

/** The addresses, protocol and ports of an event's packet as Hubble's filters see them. */
export interface PacketTuple {
  /** Source address bytes (4 for IPv4, 16 for IPv6), a view of the packet; `undefined` without an IP header. */
  src: Uint8Array | undefined;
  dst: Uint8Array | undefined;
  /** IP protocol number of the L4 header Hubble decodes (TCP, UDP, SCTP, ICMP, IGMP, VRRP), or -1. */
  proto: number;
  /** TCP/UDP/SCTP ports, -1 when absent. */
  srcPort: number;
  dstPort: number;
  /** TCP flags byte with NS as bit 8, or -1 when not TCP. */
  tcpFlags: number;
}

export const IPPROTO = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58, sctp: 132, vrrp: 112, igmp: 2 } as const;

const none = (): PacketTuple => ({ src: undefined, dst: undefined, proto: -1, srcPort: -1, dstPort: -1, tcpFlags: -1 });

/** IP protocol number of each L4 layer Hubble decodes (its `--protocol` filter looks at the L4 layer). */
const L4_PROTOCOL: Readonly<Record<L4Layer['kind'], number>> = {
  tcp: IPPROTO.tcp,
  udp: IPPROTO.udp,
  sctp: IPPROTO.sctp,
  icmpv4: IPPROTO.icmp,
  icmpv6: IPPROTO.icmpv6,
  igmp: IPPROTO.igmp,
  vrrp: IPPROTO.vrrp,
};

/** Index of the innermost VXLAN or Geneve header, -1 when none. */
function lastTunnel(layers: readonly Layer[]): number {
  for (let i = layers.length - 1; i >= 0; i--) if (layers[i]!.kind === 'vxlan' || layers[i]!.kind === 'geneve') return i;
  return -1;
}

function addressBytes(ip: IpLayer, which: 'src' | 'dst'): Uint8Array {
  const at = ip.offset + (ip.kind === 'ipv4' ? (which === 'src' ? 12 : 16) : which === 'src' ? 8 : 24);
  return ip.bytes.subarray(at, at + (ip.kind === 'ipv4' ? 4 : 16));
}

/**
 * The tuple of raw captured bytes as the release's Hubble reads them: `l3` when the event says
 * they start at the IP header (honoured where that Hubble does), `overlay` when its classifier
 * flag says they are VXLAN or Geneve underlay traffic (the tuple is then the inner packet's).
 */
function packetTuple(packet: Uint8Array, release: Release, l3: boolean, overlay?: 'vxlan' | 'geneve'): PacketTuple {
  const hubble = dialectOf(release);
  const startsAt = l3 && hubble.hubbleL3Device ? 'ip' : 'ethernet';
  const p = dissectPacket(packet, { startsAt, hubble: true, overlay });
  const flow = p.inner;
  const t = none();
  // Once Hubble decodes an overlay header its flow is the inner packet's, empty or not.
  if (flow === null || p.layers.indexOf(flow.ip) < lastTunnel(p.layers)) return t;
  t.src = addressBytes(flow.ip, 'src');
  t.dst = addressBytes(flow.ip, 'dst');
  // Hubble decodes VRRP and IGMP from 1.19; before, its flow ends at the IP header.
  if (flow.l4 === null || ((flow.l4.kind === 'vrrp' || flow.l4.kind === 'igmp') && !hubble.vrrpAndIgmp)) return t;
  t.proto = L4_PROTOCOL[flow.l4.kind];
  t.srcPort = flow.srcPort ?? -1;
  t.dstPort = flow.dstPort ?? -1;
  t.tcpFlags = flow.tcpFlags ?? -1;
  return t;
}

const cache = new WeakMap<object, PacketTuple>();

/**
 * The tuple of an event: from its captured packet (drop, trace, policy verdict, debug
 * capture), from its fields (trace-sock destination), else empty. Cached per event object.
 *
 * @example
 * const { proto, dstPort } = eventTuple(ev);
 */
export function eventTuple(event: Event): PacketTuple {
  const hit = cache.get(event);
  if (hit) return hit;
  let t: PacketTuple;
  switch (event.type) {
    // Like Hubble, only the captured packet counts (a policy verdict's proto/dport fields do not).
    case 1:
    case 4:
      t = packetTuple(event.packet, event.release, event.isL3Device, event.isVXLAN ? 'vxlan' : event.isGeneve ? 'geneve' : undefined);
      break;
    case 5:
      t = packetTuple(event.packet, event.release, event.isL3Device);
      break;
    case 3:
      t = packetTuple(event.packet, event.release, false);
      break;
    case 7:
      t = none();
      t.dst = event.isIPv6 ? event.dstIpBytes : event.dstIpBytes.subarray(0, 4);
      t.proto = event.l4ProtoName === 'L4_PROTOCOL_TCP' ? IPPROTO.tcp : event.l4ProtoName === 'L4_PROTOCOL_UDP' ? IPPROTO.udp : -1;
      t.dstPort = event.dstPort;
      break;
    default:
      t = none();
  }
  cache.set(event, t);
  return t;
}
