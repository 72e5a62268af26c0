/**
 * Events of every message type that carries a packet (and two that do not), for each release,
 * built byte by byte by the formatter tests' record builders and decoded by the library.
 * Ethernet and L3-device (raw IP) packets, IPv4 and IPv6, TCP and UDP, short captures.
 */
import type { Event, Release } from '../../src/decode/types.js';
import { debugCapture, debugMsg, drop, policy, policyFlags, recorder, trace, traceSock } from '../format/records.js';
import { eth, ipv4, ipv6, MAC_A, MAC_B, TCP_ACK, TCP_SYN, tcp, udp, V6_A, V6_B } from '../format/packets.js';

export const RELEASES: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];

/** Releases whose drop, trace and policy-verdict layouts have no L3-device bit. */
const NO_L3_BIT: readonly Release[] = ['1.16', '1.17.0'];
const CLS_FLAG_IPV6 = 0x01;
const CLS_FLAG_L3_DEV = 0x02;
const DROP_POLICY = 133;
const TRACE_TO_LXC = 0;
const TRACE_FROM_STACK = 8;
const DBG_CAPTURE_DELIVERY = 4;
const CAPTURE_INGRESS = 1;

const v4tcp = ipv4([10, 0, 1, 23], [93, 184, 216, 34], 6, tcp(45678, 443, TCP_SYN));
const v6udp = ipv6(V6_A, V6_B, 17, udp(5353, 53, new Uint8Array(12)));
const v4udp = ipv4([10, 0, 0, 7], [10, 96, 0, 10], 17, udp(40000, 53, new Uint8Array(20)));
const v6tcp = ipv6(V6_B, V6_A, 6, tcp(8080, 51000, TCP_ACK));

/**
 * An event whose packet starts at the IP header, flagged as from an L3 device; in releases
 * that cannot flag it, the same IP packet in an Ethernet frame.
 */
function l3<E extends Event>(release: Release, etherType: number, ip: Uint8Array, make: (packet: Uint8Array, flags: number) => E): E {
  return NO_L3_BIT.includes(release) ? make(eth(MAC_A, MAC_B, etherType, ip), 0) : make(ip, CLS_FLAG_L3_DEV);
}

/** The events, in order; 2 of them (a debug message, a socket trace) have no packet. */
export function eventsOf(release: Release): Event[] {
  const events: Event[] = [
    drop(release, { reason: DROP_POLICY, srcLabel: 2, dstLabel: 4321, dstId: 52, file: 2, line: 1400, ifindex: 7, origLen: 1514, packet: eth(MAC_A, MAC_B, 0x0800, v4tcp) }),
    l3(release, 0x86dd, v6udp, (packet, flags) => drop(release, { reason: DROP_POLICY, srcLabel: 4321, dstLabel: 2, ifindex: 9, flags: flags | CLS_FLAG_IPV6, packet })),
    trace(release, { obsPoint: TRACE_TO_LXC, source: 1, dstId: 34, srcLabel: 4321, dstLabel: 1, ifindex: 7, packet: eth(MAC_B, MAC_A, 0x86dd, v6tcp) }),
    l3(release, 0x0800, v4udp, (packet, flags) => trace(release, { obsPoint: TRACE_FROM_STACK, ifindex: 9, flags, origLen: 200, packet })),
    policy(release, { verdict: -DROP_POLICY, remoteLabel: 2, flags: policyFlags({ dir: 1 }), proto: 6, dstPort: 443, packet: eth(MAC_A, MAC_B, 0x0800, v4tcp) }),
    l3(release, 0x86dd, v6tcp, (packet, flags) => policy(release, { verdict: 0, remoteLabel: 4321, flags: policyFlags({ dir: 2, ipv6: true, l3: flags !== 0 }), packet })),
    debugCapture(release, { subtype: DBG_CAPTURE_DELIVERY, arg1: 7, packet: eth(MAC_A, MAC_B, 0x0800, v4udp) }),
    debugMsg(release, { subtype: 1, arg1: 1 }),
    traceSock(release, { xlate: 1, dstIp: [10, 96, 0, 10, ...new Array(12).fill(0)], dstPort: 53, cookie: 1n, cgroup: 2n, proto: 17 }),
    drop(release, { reason: DROP_POLICY, ifindex: 7 }),
  ];
  // Recorder captures exist up to 1.18 (1.19 removed the recorder).
  if (release !== '1.19') events.push(recorder(release, { dir: CAPTURE_INGRESS, rule: 3, tvBoot: 5_000_000_123n, origLen: 98, packet: eth(MAC_B, MAC_A, 0x0800, v4tcp) }));
  return events;
}
