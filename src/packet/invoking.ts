/** The datagram an ICMP error quotes (RFC 792: IP header + 8 bytes; RFC 4443: as much as fits). */
import { dissectPacket } from './dissect.js';
import type { Packet } from './packet.js';

/**
 * Dissect the invoking packet quoted by the innermost ICMP or ICMPv6 error message of
 * `packet` (destination unreachable, time exceeded, …). Returns null when there is no ICMP
 * error. The quote usually ends inside the transport header, so expect `cutHeader` to be
 * `'tcp'` or `'sctp'` with the first 8 bytes (ports, and the TCP sequence number or SCTP
 * verification tag) left in its `payload` layer.
 *
 * @example
 * const quoted = invokingPacket(dissectPacket(bytes));
 * quoted?.inner?.dst // where the packet that caused the error was going
 */
export function invokingPacket(packet: Packet): Packet | null {
  const layers = packet.layers;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.kind !== 'icmpv4' && layer.kind !== 'icmpv6') continue;
    if (!layer.isError) return null;
    const next = layers[i + 1];
    const quoted = next?.kind === 'payload' ? next.data : new Uint8Array(0);
    return dissectPacket(quoted, { startsAt: 'ip', tunnelPorts: { vxlan: [], geneve: [] } });
  }
  return null;
}
