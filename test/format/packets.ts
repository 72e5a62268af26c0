/**
 * Hand-built frames, header fields laid out as the RFCs define them (checksums left 0: neither
 * gopacket nor Cilium verifies them).
 */

export function bytes(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const be16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];

/** Ethernet II (RFC 894): dst, src, EtherType. */
export function eth(dst: readonly number[], src: readonly number[], etherType: number, payload: Uint8Array): Uint8Array {
  return bytes(dst, src, be16(etherType), payload);
}

export const MAC_A = [0x0a, 0x58, 0x0a, 0xf4, 0x01, 0x05];
export const MAC_B = [0x02, 0x42, 0xac, 0x11, 0x00, 0x02];

/** IPv4 header (RFC 791), IHL 5 unless options are given; total length covers the payload. */
export function ipv4(
  src: readonly number[],
  dst: readonly number[],
  proto: number,
  payload: Uint8Array,
  o: { flags?: number; fragOffset?: number; options?: readonly number[]; totalLength?: number; ttl?: number } = {},
): Uint8Array {
  const opts = o.options ?? [];
  const ihl = 5 + opts.length / 4;
  const total = o.totalLength ?? ihl * 4 + payload.length;
  const ff = ((o.flags ?? 0) << 13) | (o.fragOffset ?? 0);
  return bytes([0x40 | ihl, 0], be16(total), [0x12, 0x34], be16(ff), [o.ttl ?? 64, proto, 0, 0], src, dst, opts, payload);
}

/** IPv6 header (RFC 8200). */
export function ipv6(src: readonly number[], dst: readonly number[], next: number, payload: Uint8Array, payloadLength?: number): Uint8Array {
  return bytes([0x60, 0, 0, 0], be16(payloadLength ?? payload.length), [next, 64], src, dst, payload);
}

/** TCP header (RFC 9293) without options; `flags` is byte 13 (FIN 0x01 … CWR 0x80). */
export function tcp(sport: number, dport: number, flags: number, payload: readonly number[] = []): Uint8Array {
  return bytes(be16(sport), be16(dport), [0, 0, 0, 1], [0, 0, 0, 0], [0x50, flags], [0xff, 0xff], [0, 0, 0, 0], payload);
}

/** UDP header (RFC 768). */
export function udp(sport: number, dport: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  return bytes(be16(sport), be16(dport), be16(8 + payload.length), [0, 0], payload);
}

/** ICMPv4 (RFC 792): type, code, checksum, id, seq. */
export function icmp4(type: number, code: number): Uint8Array {
  return bytes([type, code, 0, 0, 0, 1, 0, 1]);
}

/** ICMPv6 (RFC 4443): type, code, checksum, 4 bytes of body. */
export function icmp6(type: number, code: number): Uint8Array {
  return bytes([type, code, 0, 0, 0, 1, 0, 1]);
}

/** ARP request (RFC 826) for Ethernet/IPv4. */
export function arpRequest(senderMac: readonly number[], senderIp: readonly number[], targetIp: readonly number[]): Uint8Array {
  return bytes([0, 1, 0x08, 0x00, 6, 4, 0, 1], senderMac, senderIp, [0, 0, 0, 0, 0, 0], targetIp);
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export const V6_A = [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0x0a, 0x0f, 0, 0, 0, 0, 0, 1];
export const V6_B = [0xf0, 0x0d, 0, 0, 0, 0, 0, 0, 0x0a, 0x0f, 0, 0, 0, 0, 0, 2];

/** 10.0.1.23:45678 -> 93.184.216.34:443 TCP SYN in Ethernet (the spec's drop example). */
export function synFrame(): Uint8Array {
  return eth(MAC_A, MAC_B, 0x0800, ipv4([10, 0, 1, 23], [93, 184, 216, 34], 6, tcp(45678, 443, TCP_SYN)));
}

/**
 * Ether(src=01:23:45:67:89:ab, dst=02:33:45:67:89:ab)/IP(1.2.3.4 > 5.6.7.8)/TCP(80 > 443, A):
 * the frame of Cilium's `TestConnectionSummaryTcp` (pkg/monitor/dissect_test.go).
 */
export const CILIUM_TCP_ACK = new Uint8Array([
  2, 51, 69, 103, 137, 171, 1, 35, 69, 103, 137, 171, 8, 0, 69, 0, 0, 40, 0, 1, 0, 0, 64, 6, 106, 188, 1, 2, 3, 4, 5, 6, 7,
  8, 0, 80, 1, 187, 0, 0, 0, 0, 0, 0, 0, 0, 80, 16, 32, 0, 125, 182, 0, 0,
]);

/**
 * …/UDP(8472 > 9999)/VXLAN(vni=2)/Ether/IP(1.2.3.4 > 5.6.7.8)/TCP(80 > 443, S) with outer
 * 1.1.1.1 > 2.2.2.2: Cilium's VXLAN case of `TestConnectionSummaryTcp`.
 */
export const CILIUM_VXLAN_SYN = new Uint8Array([
  17, 18, 19, 20, 21, 22, 1, 2, 3, 4, 5, 6, 8, 0, 69, 0, 0, 90, 0, 1, 0, 0, 64, 17, 116, 141, 1, 1, 1, 1, 2, 2, 2, 2, 33, 24,
  39, 15, 0, 70, 9, 229, 12, 0, 0, 3, 0, 0, 2, 0, 2, 51, 69, 103, 137, 171, 1, 35, 69, 103, 137, 171, 8, 0, 69, 0, 0, 40, 0,
  1, 0, 0, 64, 6, 106, 188, 1, 2, 3, 4, 5, 6, 7, 8, 0, 80, 1, 187, 0, 0, 0, 0, 0, 0, 0, 0, 80, 2, 32, 0, 125, 196, 0, 0,
]);

/** The same with a Geneve header (vni=2, proto 0x6558) and an ACK: Cilium's Geneve case. */
export const CILIUM_GENEVE_ACK = new Uint8Array([
  17, 18, 19, 20, 21, 22, 1, 2, 3, 4, 5, 6, 8, 0, 69, 0, 0, 90, 0, 1, 0, 0, 64, 17, 116, 141, 1, 1, 1, 1, 2, 2, 2, 2, 33, 24,
  39, 15, 0, 70, 176, 143, 0, 0, 101, 88, 0, 0, 2, 0, 2, 51, 69, 103, 137, 171, 1, 35, 69, 103, 137, 171, 8, 0, 69, 0, 0, 40,
  0, 1, 0, 0, 64, 6, 106, 188, 1, 2, 3, 4, 5, 6, 7, 8, 0, 80, 1, 187, 0, 0, 0, 0, 0, 0, 0, 0, 80, 16, 32, 0, 125, 182, 0, 0,
]);
