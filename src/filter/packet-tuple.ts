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

function transport(t: PacketTuple, b: Uint8Array, at: number, proto: number): PacketTuple {
  t.proto = proto;
  if (proto === IPPROTO.tcp || proto === IPPROTO.udp || proto === IPPROTO.sctp) {
    t.srcPort = u16(b, at);
    t.dstPort = u16(b, at + 2);
    if (t.srcPort < 0 || t.dstPort < 0) t.srcPort = t.dstPort = -1;
    if (proto === IPPROTO.tcp && at + 14 <= b.byteLength) {
      t.tcpFlags = (b[at + 13] as number) | (((b[at + 12] as number) & 1) << 8);
    }
  }
  return t;
}

function ipv4(b: Uint8Array, at: number): PacketTuple {
  const t = none();
  if (at + 20 > b.byteLength || (b[at] as number) >> 4 !== 4) return t;
  t.src = b.subarray(at + 12, at + 16);
  t.dst = b.subarray(at + 16, at + 20);
  const fragmentOffset = u16(b, at + 6) & 0x1fff;
  const headerLength = ((b[at] as number) & 0x0f) * 4;
  // Later fragments carry no transport header: only the protocol is known.
  if (fragmentOffset !== 0) {
    t.proto = b[at + 9] as number;
    return t;
  }
  return transport(t, b, at + headerLength, b[at + 9] as number);
}

function ipv6(b: Uint8Array, at: number): PacketTuple {
  const t = none();
  if (at + 40 > b.byteLength || (b[at] as number) >> 4 !== 6) return t;
  t.src = b.subarray(at + 8, at + 24);
  t.dst = b.subarray(at + 24, at + 40);
  let next = b[at + 6] as number;
  let pos = at + 40;
  for (let n = 0; n < MAX_EXTENSIONS; n++) {
    if (IPV6_EXTENSIONS.has(next)) {
      if (pos + 2 > b.byteLength) return t;
      const length = ((b[pos + 1] as number) + 1) * 8;
      next = b[pos] as number;
      pos += length;
    } else if (next === IPV6_FRAGMENT) {
      if (pos + 8 > b.byteLength) return t;
      const later = (u16(b, pos + 2) & 0xfff8) !== 0;
      next = b[pos] as number;
      pos += 8;
      if (later) {
        t.proto = next;
        return t;
      }
    } else break;
  }
  return transport(t, b, pos, next);
}

/** Reads the tuple of raw captured bytes; `l3` when they start at the IP header. */
export function packetTuple(packet: Uint8Array, l3: boolean, ipv6Hint: boolean): PacketTuple {
  if (l3) {
    const version = (packet[0] ?? 0) >> 4;
    if (version === 4) return ipv4(packet, 0);
    if (version === 6 || ipv6Hint) return ipv6(packet, 0);
    return none();
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
  return none();
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
