/**
 * cilium-events/packet — the zero-dependency dissector for the bytes monitor events capture.
 * Only `Uint8Array` is used, so it runs unchanged in any JavaScript runtime.
 *
 * Layers, packets and flows are results, never built by callers: their classes are exported
 * as types only.
 *
 * @example
 * import { dissectPacket } from 'cilium-events/packet';
 * const p = dissectPacket(ev.packet, { startsAt: ev.isL3Device ? 'ip' : 'ethernet' });
 * p.inner?.src; p.layer('tcp')?.syn;
 *
 * @module
 */
export { dissectPacket } from './dissect.js';
export type { DissectOptions, TunnelPorts } from './dissect.js';
export { invokingPacket } from './invoking.js';
export type { Packet } from './packet.js';
export type { PacketFlow } from './flow.js';
export { isL4Layer } from './layer.js';
export type { Layer, LayerKind, LayerOf, IpLayer, L4Layer } from './layer.js';
export type { EthernetLayer, VlanLayer, ArpLayer } from './link.js';
export type { Ipv4Layer, Ipv4Option } from './ipv4.js';
export type { Ipv6Layer, Ipv6Extension, Ipv6Fragment } from './ipv6.js';
export type { TcpLayer, UdpLayer, SctpLayer } from './transport.js';
export { TcpFlag, tcpFlagNames } from './transport.js';
export type { Icmpv4Layer, Icmpv6Layer } from './icmp.js';
export type { IgmpLayer, VrrpLayer } from './multicast.js';
export type { VxlanLayer, GeneveLayer } from './tunnel.js';
export type { PayloadLayer } from './payload.js';
export { ipv4ToString, ipv6ToString, macToString } from './address.js';
export {
  etherTypeName,
  icmpv4TypeCodeString,
  icmpv6TypeCodeString,
  igmpTypeName,
  vrrpTypeName,
} from './names.js';
