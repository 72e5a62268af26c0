/** The union of every layer the dissector produces, discriminated on `kind`. */
import type { Icmpv4Layer, Icmpv6Layer } from './icmp.js';
import type { Ipv4Layer } from './ipv4.js';
import type { Ipv6Layer } from './ipv6.js';
import type { ArpLayer, EthernetLayer, VlanLayer } from './link.js';
import type { IgmpLayer, VrrpLayer } from './multicast.js';
import type { PayloadLayer } from './payload.js';
import type { SctpLayer, TcpLayer, UdpLayer } from './transport.js';
import type { GeneveLayer, VxlanLayer } from './tunnel.js';

/**
 * One decoded header. Every layer has `kind`, `offset` (where it starts in the dissected
 * buffer), `headerLength` (bytes it covers, clipped to the capture) and `truncated` (what it
 * declares runs past the captured bytes).
 */
export type Layer =
  | EthernetLayer
  | VlanLayer
  | ArpLayer
  | Ipv4Layer
  | Ipv6Layer
  | TcpLayer
  | UdpLayer
  | SctpLayer
  | Icmpv4Layer
  | Icmpv6Layer
  | IgmpLayer
  | VrrpLayer
  | VxlanLayer
  | GeneveLayer
  | PayloadLayer;

/** The `kind` of a layer. */
export type LayerKind = Layer['kind'];

/** The layer type for one `kind`. */
export type LayerOf<K extends LayerKind> = Extract<Layer, { kind: K }>;

/** Network layers. */
export type IpLayer = Ipv4Layer | Ipv6Layer;

/** What can follow an IP header directly and name the flow: transport, ICMP, IGMP, VRRP. */
export type L4Layer = TcpLayer | UdpLayer | SctpLayer | Icmpv4Layer | Icmpv6Layer | IgmpLayer | VrrpLayer;

/**
 * True for the layers {@link L4Layer} covers.
 *
 * @example
 * const l4 = dissectPacket(ev.packet).layers.find(isL4Layer); // TCP, UDP, SCTP, ICMP, IGMP or VRRP
 */
export function isL4Layer(layer: Layer): layer is L4Layer {
  switch (layer.kind) {
    case 'tcp':
    case 'udp':
    case 'sctp':
    case 'icmpv4':
    case 'icmpv6':
    case 'igmp':
    case 'vrrp':
      return true;
    default:
      return false;
  }
}
