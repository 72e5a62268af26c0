/**
 * The zero-dependency packet dissector for the bytes monitor events capture. Only
 * `Uint8Array` is used, so it runs unchanged in any JavaScript runtime.
 */
export { dissectPacket, MAX_ENCAPSULATIONS, MAX_VLAN_TAGS } from './dissect.js';
export type { DissectOptions, TunnelPorts } from './dissect.js';
export { invokingPacket } from './invoking.js';
export { Packet } from './packet.js';
export { Flow } from './flow.js';
export { isL4Layer } from './layer.js';
export type { Layer, LayerKind, LayerOf, IpLayer, L4Layer } from './layer.js';
export { EthernetLayer, VlanLayer, ArpLayer } from './link.js';
export { Ipv4Layer } from './ipv4.js';
export type { Ipv4Option } from './ipv4.js';
export { Ipv6Layer, MAX_IPV6_EXTENSIONS } from './ipv6.js';
export type { Ipv6Extension, Ipv6Fragment } from './ipv6.js';
export { TcpLayer, UdpLayer, SctpLayer, TcpFlag, tcpFlagNames } from './transport.js';
export { Icmpv4Layer, Icmpv6Layer } from './icmp.js';
export { IgmpLayer, VrrpLayer } from './multicast.js';
export { VxlanLayer, GeneveLayer } from './tunnel.js';
export { PayloadLayer } from './payload.js';
export { ipv4ToString, ipv6ToString, macToString } from './address.js';
export {
  etherTypeName,
  icmpv4TypeCodeString,
  icmpv6TypeCodeString,
  igmpTypeName,
  vrrpTypeName,
} from './names.js';
