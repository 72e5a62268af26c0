/**
 * The few packet fields the filters look at (addresses, L4 protocol, ports, TCP flags),
 * read from an event's captured bytes. Every read is bounds-checked: a truncated capture
 * yields what was readable and nothing more.
 */
import type { Event } from '../decode/types.js';

export interface PacketTuple {
  /** Source address bytes (4 for IPv4, 16 for IPv6), a view of the packet; `undefined` without an IP header. */
  src: Uint8Array | undefined;
  dst: Uint8Array | undefined;
  /** IP protocol number of the transport header (after IPv6 extension headers), or -1. */
  proto: number;
  /** TCP/UDP/SCTP ports, -1 when absent. */
  srcPort: number;
  dstPort: number;
  /** TCP flags byte with NS as bit 8, or -1 when not TCP. */
  tcpFlags: number;
}

export const IPPROTO = { icmp: 1, tcp: 6, udp: 17, icmpv6: 58, sctp: 132, vrrp: 112, igmp: 2 } as const;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8];
/** IPv6 extension headers skipped on the way to the transport header. */
const IPV6_EXTENSIONS = new Set([0, 43, 60]);
const IPV6_FRAGMENT = 44;
const MAX_EXTENSIONS = 8;

const none = (): PacketTuple => ({ src: undefined, dst: undefined, proto: -1, srcPort: -1, dstPort: -1, tcpFlags: -1 });

function u16(b: Uint8Array, at: number): number {
  return at + 2 <= b.byteLength ? ((b[at] as number) << 8) | (b[at + 1] as number) : -1;
}

/** A tuple and where its transport header starts (-1 when there is none). */
interface Parsed {
  t: PacketTuple;
  l4At: number;
}

function transport(t: PacketTuple, b: Uint8Array, at: number, proto: number): Parsed {
  t.proto = proto;
  if (proto === IPPROTO.tcp || proto === IPPROTO.udp || proto === IPPROTO.sctp) {
    t.srcPort = u16(b, at);
    t.dstPort = u16(b, at + 2);
    if (t.srcPort < 0 || t.dstPort < 0) t.srcPort = t.dstPort = -1;
    if (proto === IPPROTO.tcp && at + 14 <= b.byteLength) {
      t.tcpFlags = (b[at + 13] as number) | (((b[at + 12] as number) & 1) << 8);
    }
  }
  return { t, l4At: at };
}

function ipv4(b: Uint8Array, at: number): Parsed {
  const t = none();
  if (at + 20 > b.byteLength || (b[at] as number) >> 4 !== 4) return { t, l4At: -1 };
  t.src = b.subarray(at + 12, at + 16);
  t.dst = b.subarray(at + 16, at + 20);
  const fragmentOffset = u16(b, at + 6) & 0x1fff;
  const headerLength = ((b[at] as number) & 0x0f) * 4;
  // Later fragments carry no transport header: only the protocol is known.
  if (fragmentOffset !== 0) {
    t.proto = b[at + 9] as number;
    return { t, l4At: -1 };
  }
  return transport(t, b, at + headerLength, b[at + 9] as number);
}

function ipv6(b: Uint8Array, at: number): Parsed {
  const t = none();
  if (at + 40 > b.byteLength || (b[at] as number) >> 4 !== 6) return { t, l4At: -1 };
  t.src = b.subarray(at + 8, at + 24);
  t.dst = b.subarray(at + 24, at + 40);
  let next = b[at + 6] as number;
  let pos = at + 40;
  for (let n = 0; n < MAX_EXTENSIONS; n++) {
    if (IPV6_EXTENSIONS.has(next)) {
      if (pos + 2 > b.byteLength) return { t, l4At: -1 };
      const length = ((b[pos + 1] as number) + 1) * 8;
      next = b[pos] as number;
      pos += length;
    } else if (next === IPV6_FRAGMENT) {
      if (pos + 8 > b.byteLength) return { t, l4At: -1 };
      const later = (u16(b, pos + 2) & 0xfff8) !== 0;
      next = b[pos] as number;
      pos += 8;
      if (later) {
        t.proto = next;
        return { t, l4At: -1 };
      }
    } else break;
  }
  return transport(t, b, pos, next);
}

function parse(packet: Uint8Array, l3: boolean, ipv6Hint: boolean): Parsed {
  if (l3) {
    const version = (packet[0] ?? 0) >> 4;
    if (version === 4) return ipv4(packet, 0);
    if (version === 6 || ipv6Hint) return ipv6(packet, 0);
    return { t: none(), l4At: -1 };
  }
  let at = 12;
  let ethertype = u16(packet, at);
  // Step over up to two VLAN tags (802.1Q, 802.1ad).
  for (let n = 0; n < 2 && ETHERTYPE_VLAN.includes(ethertype); n++) {
    at += 4;
    ethertype = u16(packet, at);
  }
  const ipAt = at + 2;
  if (ethertype === ETHERTYPE_IPV4) return ipv4(packet, ipAt);
  if (ethertype === ETHERTYPE_IPV6) return ipv6(packet, ipAt);
  return { t: none(), l4At: -1 };
}

const UDP_HEADER = 8;
const TUNNEL_HEADER = 8;
/** Geneve protocol type of an Ethernet payload (Transparent Ethernet Bridging). */
const GENEVE_ETHERNET = 0x6558;

/**
 * Reads the tuple of raw captured bytes; `l3` when they start at the IP header. For overlay
 * captures (`tunnel`) the tuple is the inner packet's, as Hubble reports it, when the outer
 * UDP payload holds one.
 */
function packetTuple(packet: Uint8Array, l3: boolean, ipv6Hint: boolean, tunnel?: 'vxlan' | 'geneve'): PacketTuple {
  const outer = parse(packet, l3, ipv6Hint);
  if (tunnel === undefined || outer.t.proto !== IPPROTO.udp || outer.l4At < 0) return outer.t;
  const header = outer.l4At + UDP_HEADER;
  if (header + TUNNEL_HEADER > packet.byteLength) return outer.t;
  let inner = header + TUNNEL_HEADER;
  if (tunnel === 'geneve') {
    if (u16(packet, header + 2) !== GENEVE_ETHERNET) return outer.t;
    inner += ((packet[header] as number) & 0x3f) * 4;
  }
  return inner < packet.byteLength ? parse(packet.subarray(inner), false, false).t : outer.t;
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
      t = packetTuple(event.packet, event.isL3Device, event.isIPv6, event.isVXLAN ? 'vxlan' : event.isGeneve ? 'geneve' : undefined);
      break;
    case 5:
      t = packetTuple(event.packet, event.isL3Device, event.isIPv6);
      break;
    case 3:
      t = packetTuple(event.packet, false, false);
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
