/**
 * `GetConnectionSummary` (pkg/monitor/dissect.go) per release. Expected strings are written from
 * the Go format strings: `%s -> %s %s` with `net.JoinHostPort`, TCP flags SYN/ACK/RST/FIN joined
 * by ", ", `icmp` word from 1.18, `[error]` from 1.17, overlays from 1.18, VRRP/IGMP in 1.19.
 */
import { describe, expect, it } from 'vitest';
import type { Release } from '../../src/decode/types.js';
import { connectionSummary } from '../../src/format/index.js';
import { dialectOf } from '../../src/format/dialect.js';
import type { PacketFlags } from '../../src/format/index.js';
import {
  CILIUM_GENEVE_ACK,
  CILIUM_TCP_ACK,
  CILIUM_VXLAN_SYN,
  MAC_A,
  MAC_B,
  V6_A,
  V6_B,
  arpRequest,
  bytes,
  eth,
  icmp4,
  icmp6,
  ipv4,
  ipv6,
  synFrame,
  tcp,
  udp,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_RST,
  TCP_SYN,
} from './packets.js';

const L2: PacketFlags = { isL3Device: false, isIPv6: false, isVXLAN: false, isGeneve: false };
const ALL: readonly Release[] = ['1.16', '1.17.0', '1.17', '1.18', '1.19'];

function summary(packet: Uint8Array, release: Release, flags: Partial<PacketFlags> = {}): string {
  return connectionSummary(packet, { ...L2, ...flags }, dialectOf(release));
}

describe('connection summary', () => {
  it.each(ALL)('TCP SYN over IPv4 (%s)', (r) => {
    expect(summary(synFrame(), r)).toBe('10.0.1.23:45678 -> 93.184.216.34:443 tcp SYN');
  });

  it('TCP flags: only SYN, ACK, RST, FIN, in that order; none leaves a trailing space', () => {
    const frame = (flags: number) => eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 6, tcp(1, 2, flags)));
    expect(summary(frame(TCP_SYN | TCP_ACK), '1.19')).toBe('10.0.0.1:1 -> 10.0.0.2:2 tcp SYN, ACK');
    expect(summary(frame(TCP_FIN | TCP_ACK | TCP_PSH), '1.19')).toBe('10.0.0.1:1 -> 10.0.0.2:2 tcp ACK, FIN');
    expect(summary(frame(TCP_RST | TCP_ACK), '1.19')).toBe('10.0.0.1:1 -> 10.0.0.2:2 tcp ACK, RST');
    expect(summary(frame(TCP_PSH), '1.19')).toBe('10.0.0.1:1 -> 10.0.0.2:2 tcp ');
  });

  it("Cilium's TestConnectionSummaryTcp: L2 and L3-device frames", () => {
    expect(summary(CILIUM_TCP_ACK, '1.19')).toBe('1.2.3.4:80 -> 5.6.7.8:443 tcp ACK');
    expect(summary(CILIUM_TCP_ACK.subarray(14), '1.19', { isL3Device: true })).toBe('1.2.3.4:80 -> 5.6.7.8:443 tcp ACK');
  });

  it('L3-device flag: honoured from 1.17; 1.16 and 1.17.0 always start at Ethernet', () => {
    const ipOnly = CILIUM_TCP_ACK.subarray(14);
    expect(summary(ipOnly, '1.17', { isL3Device: true })).toBe('1.2.3.4:80 -> 5.6.7.8:443 tcp ACK');
    // Read as Ethernet: the source MAC is IP bytes 6-11, the destination bytes 0-5, and the
    // "EtherType" 0x0102 (the first source-address bytes) is an 802.3 length, i.e. LLC.
    expect(summary(ipOnly, '1.16', { isL3Device: true })).toBe('00:00:40:06:6a:bc -> 45:00:00:28:00:01 LLC');
  });

  it('IPv6 L3-device record decodes from the IPv6 header', () => {
    const pkt = ipv6(V6_A, V6_B, 17, udp(5353, 53));
    expect(summary(pkt, '1.19', { isL3Device: true, isIPv6: true })).toBe('[f00d::a0f:0:0:1]:5353 -> [f00d::a0f:0:0:2]:53 udp');
  });

  it("Cilium's VXLAN and Geneve cases: inner packet plus the tunnel (1.18+)", () => {
    expect(summary(CILIUM_VXLAN_SYN, '1.19', { isVXLAN: true })).toBe(
      '1.2.3.4:80 -> 5.6.7.8:443 tcp SYN [tunnel 1.1.1.1:8472 -> 2.2.2.2:9999 vxlan]',
    );
    expect(summary(CILIUM_GENEVE_ACK, '1.18', { isGeneve: true })).toBe(
      '1.2.3.4:80 -> 5.6.7.8:443 tcp ACK [tunnel 1.1.1.1:8472 -> 2.2.2.2:9999 geneve]',
    );
    // Before 1.18 the flags do not exist; the outer packet is described.
    expect(summary(CILIUM_VXLAN_SYN, '1.17', { isVXLAN: true })).toBe('1.1.1.1:8472 -> 2.2.2.2:9999 udp');
  });

  it("Cilium's TestConnectionSummaryIcmp, with and without the `icmp` word", () => {
    const frame = eth([2, 51, 69, 103, 137, 171], [1, 35, 69, 103, 137, 171], 0x0800, ipv4([1, 2, 3, 4], [5, 6, 7, 8], 1, icmp4(3, 1)));
    expect(summary(frame, '1.19')).toBe('1.2.3.4 -> 5.6.7.8 icmp DestinationUnreachable(Host)');
    expect(summary(frame, '1.18')).toBe('1.2.3.4 -> 5.6.7.8 icmp DestinationUnreachable(Host)');
    expect(summary(frame, '1.17')).toBe('1.2.3.4 -> 5.6.7.8 DestinationUnreachable(Host)');
    expect(summary(frame, '1.16')).toBe('1.2.3.4 -> 5.6.7.8 DestinationUnreachable(Host)');
  });

  it('ICMP type/code texts follow gopacket: bare names, Code: n, unknown types', () => {
    const v4 = (t: number, c: number) => eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 1, icmp4(t, c)));
    expect(summary(v4(8, 0), '1.19')).toBe('10.0.0.1 -> 10.0.0.2 icmp EchoRequest');
    expect(summary(v4(8, 5), '1.19')).toBe('10.0.0.1 -> 10.0.0.2 icmp EchoRequest(Code: 5)');
    expect(summary(v4(11, 0), '1.19')).toBe('10.0.0.1 -> 10.0.0.2 icmp TimeExceeded(TTLExceeded)');
    expect(summary(v4(42, 1), '1.19')).toBe('10.0.0.1 -> 10.0.0.2 icmp 42(1)');
    const v6 = eth(MAC_A, MAC_B, 0x86dd, ipv6(V6_A, V6_B, 58, icmp6(129, 0)));
    expect(summary(v6, '1.19')).toBe('f00d::a0f:0:0:1 -> f00d::a0f:0:0:2 icmp EchoReply');
  });

  it('ARP (no decoder): MACs and the EtherType name', () => {
    const frame = eth([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], MAC_A, 0x0806, arpRequest(MAC_A, [10, 244, 1, 5], [10, 244, 1, 1]));
    expect(summary(frame, '1.19')).toBe('0a:58:0a:f4:01:05 -> ff:ff:ff:ff:ff:ff ARP');
  });

  it('IP without a decoded L4: fragments and unsupported protocols print addresses only', () => {
    const frag = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 17, udp(1, 2), { flags: 1 }));
    expect(summary(frag, '1.19')).toBe('10.0.0.1 -> 10.0.0.2');
    const gre = eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 0, 1], [10, 0, 0, 2], 47, bytes([0, 0, 0x08, 0x00])));
    expect(summary(gre, '1.19')).toBe('10.0.0.1 -> 10.0.0.2');
  });

  it('empty packet is [unknown]', () => {
    for (const r of ALL) expect(summary(new Uint8Array(0), r)).toBe('[unknown]');
  });

  it('a truncated TCP header is [error] from 1.17; older releases use the layers decoded before it', () => {
    const cut = synFrame().subarray(0, 14 + 20 + 10);
    expect(summary(cut, '1.19')).toBe('[error]');
    expect(summary(cut, '1.17')).toBe('[error]');
    expect(summary(cut, '1.16')).toBe('10.0.1.23 -> 93.184.216.34');
    expect(summary(cut, '1.17.0')).toBe('10.0.1.23 -> 93.184.216.34');
  });

  it('a frame shorter than Ethernet: [error] vs [unknown]', () => {
    expect(summary(bytes([1, 2, 3]), '1.18')).toBe('[error]');
    expect(summary(bytes([1, 2, 3]), '1.16')).toBe('[unknown]');
  });

  it("Cilium's TestConnectionSummaryVrrp and TestConnectionSummaryIgmp (1.19)", () => {
    const vrrp = bytes([0x21, 0x0a, 0x78, 0x01, 0x00, 0x01, 0x00, 0x00, 0xc0, 0xa8, 0x01, 0x01]);
    const vrrpFrame = eth([0x01, 0x00, 0x5e, 0, 0, 0x12], [1, 2, 3, 4, 5, 6], 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 18], 112, vrrp));
    expect(summary(vrrpFrame, '1.19')).toBe('1.2.3.4 -> 224.0.0.18 vrrp VRRPv2 Advertisement 10 120');
    // Without the decoder (1.18) VRRP is an unsupported next layer.
    expect(summary(vrrpFrame, '1.18')).toBe('1.2.3.4 -> 224.0.0.18');
    const igmp = bytes([0x16, 0x00, 0xf9, 0x05, 0xe0, 0x00, 0x00, 0xfb]);
    const igmpFrame = eth([0x01, 0x00, 0x5e, 0, 0, 0xfb], [1, 2, 3, 4, 5, 6], 0x0800, ipv4([1, 2, 3, 4], [224, 0, 0, 251], 2, igmp));
    expect(summary(igmpFrame, '1.19')).toBe('1.2.3.4 -> 224.0.0.251 igmp IGMPv2 Membership Report 224.0.0.251');
  });

  it('IPv4-mapped and compressed IPv6 addresses print like Go', () => {
    const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 9];
    const pkt = eth(MAC_A, MAC_B, 0x86dd, ipv6(mapped, V6_B, 6, tcp(80, 8080, TCP_ACK)));
    expect(summary(pkt, '1.19')).toBe('10.0.0.9:80 -> [f00d::a0f:0:0:2]:8080 tcp ACK');
  });

  it('EtherType names follow the gopacket build of the release', () => {
    const mdp = eth(MAC_A, MAC_B, 0x0712, bytes([0, 0]));
    expect(summary(mdp, '1.17')).toBe('02:42:ac:11:00:02 -> 0a:58:0a:f4:01:05 MDP');
    expect(summary(mdp, '1.16')).toBe('02:42:ac:11:00:02 -> 0a:58:0a:f4:01:05 UnknownEthernetType');
    const llc = eth(MAC_A, MAC_B, 0x0004, bytes([1, 2, 3, 4]));
    expect(summary(llc, '1.19')).toBe('02:42:ac:11:00:02 -> 0a:58:0a:f4:01:05 LLC');
  });
});
