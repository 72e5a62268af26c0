/** One IP header with the L4 header after it and the Ethernet header before it: what summaries print. */
import type { EthernetLayer } from './link.js';
import type { IpLayer, L4Layer } from './layer.js';

/**
 * The addresses, protocol and ports of one network layer of a packet. `Packet.outer` is the
 * outermost (the underlay, for tunnelled traffic), `Packet.inner` the innermost.
 *
 * @example
 * const { inner, outer } = dissectPacket(vxlanFrame, { overlay: 'vxlan' });
 * `${inner?.src}:${inner?.srcPort} -> ${inner?.dst}:${inner?.dstPort}`; // the pod traffic
 * `${outer?.src} -> ${outer?.dst}`;                                    // the node underlay
 */
export class PacketFlow {
  constructor(
    /** The Ethernet header this IP header was carried in (null for L3-device packets). */
    readonly ethernet: EthernetLayer | null,
    /** The IP header. */
    readonly ip: IpLayer,
    /** The header right after the IP header, when it is one the dissector decodes. */
    readonly l4: L4Layer | null,
  ) {}
  /** 4 or 6. */
  get ipVersion(): 4 | 6 {
    return this.ip.kind === 'ipv4' ? 4 : 6;
  }
  /** Source address, Go `net.IP.String()` text. */
  get src(): string {
    return this.ip.src;
  }
  /** Destination address, Go `net.IP.String()` text. */
  get dst(): string {
    return this.ip.dst;
  }
  /** Upper-layer protocol number (after IPv6 extension headers). */
  get protocol(): number {
    return this.ip.protocol;
  }
  /** Source port of TCP, UDP or SCTP; null otherwise. */
  get srcPort(): number | null {
    const l4 = this.l4;
    return l4 !== null && (l4.kind === 'tcp' || l4.kind === 'udp' || l4.kind === 'sctp') ? l4.srcPort : null;
  }
  /** Destination port of TCP, UDP or SCTP; null otherwise. */
  get dstPort(): number | null {
    const l4 = this.l4;
    return l4 !== null && (l4.kind === 'tcp' || l4.kind === 'udp' || l4.kind === 'sctp') ? l4.dstPort : null;
  }
  /** TCP flag bits (see `TcpFlag`); null when not TCP. */
  get tcpFlags(): number | null {
    return this.l4?.kind === 'tcp' ? this.l4.flags : null;
  }
  /** ICMP (v4 or v6) type; null when not ICMP. */
  get icmpType(): number | null {
    const l4 = this.l4;
    return l4 !== null && (l4.kind === 'icmpv4' || l4.kind === 'icmpv6') ? l4.type : null;
  }
  /** ICMP (v4 or v6) code; null when not ICMP. */
  get icmpCode(): number | null {
    const l4 = this.l4;
    return l4 !== null && (l4.kind === 'icmpv4' || l4.kind === 'icmpv6') ? l4.code : null;
  }
}
